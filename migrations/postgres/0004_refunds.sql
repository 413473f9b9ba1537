-- A refund is a `refund` ledger entry; this marks the order it undoes, so an
-- order is refunded at most once (a conditional update on NULL).
ALTER TABLE payment_orders ADD COLUMN refunded_at BIGINT;
