-- Payments through a provider (M-Pesa, MTN MoMo, Flutterwave, the sandbox):
-- the order is written before the provider is asked, carries the provider's
-- reference for its status query and, once confirmed, the provider's receipt,
-- which credits at most once. Orders that wait are re-queried at next_check_at
-- and expire at expires_at.
ALTER TABLE payment_orders ADD COLUMN provider TEXT;
ALTER TABLE payment_orders ADD COLUMN reference TEXT;
ALTER TABLE payment_orders ADD COLUMN receipt TEXT;
ALTER TABLE payment_orders ADD COLUMN payer TEXT;
ALTER TABLE payment_orders ADD COLUMN currency TEXT;
ALTER TABLE payment_orders ADD COLUMN expires_at BIGINT;
ALTER TABLE payment_orders ADD COLUMN next_check_at BIGINT;
-- the provider's page the payer finishes on (hosted checkout)
ALTER TABLE payment_orders ADD COLUMN checkout_url TEXT;
CREATE UNIQUE INDEX payment_orders_reference ON payment_orders (provider, reference);
CREATE UNIQUE INDEX payment_orders_receipt ON payment_orders (provider, receipt);
CREATE INDEX payment_orders_due ON payment_orders (state, next_check_at);

-- Money a provider confirmed that names no order or household (a mistyped
-- paybill account, an amount that differs from its order): kept until an
-- operator assigns it to a household or marks it for refund.
CREATE TABLE unmatched_payments (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    receipt TEXT NOT NULL,
    account TEXT NOT NULL,
    payer TEXT NOT NULL,
    payer_name TEXT NOT NULL DEFAULT '',
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    -- 0 waiting, 1 assigned to a household, 2 to be refunded
    state BIGINT NOT NULL DEFAULT 0,
    household_id BIGINT REFERENCES households (id),
    resolved_by TEXT,
    resolved_at BIGINT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX unmatched_payments_receipt ON unmatched_payments (provider, receipt);
CREATE INDEX unmatched_payments_state ON unmatched_payments (state, received_at);
