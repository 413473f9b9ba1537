-- Everything an operator can change belongs to an area (docs/security.md):
-- price plans get an owning area, and gateways registered before they had
-- one move to the root area. Plans existing today served every area, so they
-- move to the root area too: visible everywhere, changeable by root operators.
ALTER TABLE price_plans ADD COLUMN area_id BIGINT REFERENCES areas (id);
UPDATE price_plans SET area_id = (SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1);
ALTER TABLE price_plans ALTER COLUMN area_id SET NOT NULL;
-- two areas may each have their "Standard" plan
ALTER TABLE price_plans DROP CONSTRAINT price_plans_name_key;
ALTER TABLE price_plans ADD CONSTRAINT price_plans_area_name_key UNIQUE (area_id, name);

UPDATE gateways SET area_id = (SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1) WHERE area_id IS NULL;
CREATE INDEX gateways_area ON gateways (area_id);
