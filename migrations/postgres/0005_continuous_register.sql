-- A meter's register continues across a device replacement: each reading
-- keeps its device's register (forward_register) and the meter's continuous
-- one (total_register = forward_register + the meter's register_offset).
-- Consumption and bills are differences of total_register, so a new device
-- starting again from zero neither loses nor invents consumption.
ALTER TABLE meters ADD COLUMN register_offset BIGINT NOT NULL DEFAULT 0;
ALTER TABLE readings ADD COLUMN total_register BIGINT NOT NULL DEFAULT 0;
UPDATE readings SET total_register = forward_register;
