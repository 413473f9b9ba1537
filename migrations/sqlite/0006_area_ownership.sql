-- Everything an operator can change belongs to an area (docs/security.md):
-- price plans get an owning area, and gateways registered before they had
-- one move to the root area. Plans existing today served every area, so they
-- move to the root area too: visible everywhere, changeable by root operators.
--
-- SQLite cannot drop the old UNIQUE (name), so the table is rebuilt. Meters
-- reference it, and a migration runs inside a transaction, where foreign keys
-- cannot be switched off: the checks are deferred to the commit instead. The
-- drop leaves every meter's plan missing for a moment; re-inserting the same
-- ids settles each of them before the commit checks.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE price_plans_before_0006 AS SELECT * FROM price_plans;
DROP TABLE price_plans;

CREATE TABLE price_plans (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    name TEXT NOT NULL,
    energy_type TEXT NOT NULL,
    -- 'flat' uses flat_price only; 'tou' uses all four and the periods
    tariff TEXT NOT NULL,
    flat_price BIGINT NOT NULL,
    peak_price BIGINT,
    valley_price BIGINT,
    tip_price BIGINT,
    -- time-of-use periods, "HH:MM=band,..." starting at 00:00 (see model::price)
    periods TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    -- two areas may each have their "Standard" plan
    UNIQUE (area_id, name)
);

INSERT INTO price_plans (id, area_id, name, energy_type, tariff, flat_price, peak_price, valley_price, tip_price, periods, created_at)
SELECT id, (SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1),
       name, energy_type, tariff, flat_price, peak_price, valley_price, tip_price, periods, created_at
FROM price_plans_before_0006;
DROP TABLE price_plans_before_0006;

UPDATE gateways SET area_id = (SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1) WHERE area_id IS NULL;
CREATE INDEX gateways_area ON gateways (area_id);
