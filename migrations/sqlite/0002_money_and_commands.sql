-- Top-ups, consumption charging and valve automation.

-- A top-up. order_no is what clients call sn / orderId. State: 0 waiting,
-- 1 in recharge (a command carries the credit to the device), 2 succeeded,
-- 3 failed.
CREATE TABLE payment_orders (
    id INTEGER PRIMARY KEY,
    order_no TEXT NOT NULL UNIQUE,
    household_id BIGINT NOT NULL REFERENCES households (id),
    meter_id BIGINT REFERENCES meters (id),
    amount BIGINT NOT NULL,
    -- credit sent to a meter that holds its own credit (ten-thousandths of a unit or of money)
    device_amount BIGINT,
    state BIGINT NOT NULL DEFAULT 0,
    channel TEXT NOT NULL,
    -- the caller's key: a retried or concurrent duplicate finds this row
    idempotency_key TEXT,
    command_id BIGINT REFERENCES commands (id),
    actor TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE UNIQUE INDEX payment_orders_idempotency ON payment_orders (household_id, idempotency_key);
CREATE INDEX payment_orders_meter ON payment_orders (meter_id, created_at);

-- Charging state of a meter: the register up to which consumption has been
-- charged, and the part of a cent not yet charged (in 1e-8 of the currency),
-- carried so that many small readings add up exactly.
ALTER TABLE meters ADD COLUMN charged_register BIGINT;
ALTER TABLE meters ADD COLUMN charge_remainder BIGINT NOT NULL DEFAULT 0;
-- The valve state last commanded (NULL: none) and who holds it closed:
-- 'auto' (the balance rule, which reopens it after a top-up) or 'manual'.
ALTER TABLE meters ADD COLUMN valve_target BIGINT;
ALTER TABLE meters ADD COLUMN valve_hold TEXT;

-- '' for a charged reading; 'backwards' (register below the charged one) and
-- 'removed' (meter removed) are stored for the record and never charged.
ALTER TABLE readings ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- The same reading twice (same meter, same time) is stored once.
CREATE UNIQUE INDEX readings_meter_time_unique ON readings (meter_id, read_at);
