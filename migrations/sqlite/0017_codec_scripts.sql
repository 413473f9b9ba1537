-- A device model's own codec, in JavaScript (decodeUplink / encodeDownlink,
-- the convention of The Things Stack's device repository and ChirpStack).
-- NULL: the built-in codec its `codec` names.
ALTER TABLE equipment_models ADD COLUMN script TEXT;
