-- Failed sign-ins per account ("admin:<username>", "household:<login>") and
-- per source address ("ip:<address>"), kept in the database so that every
-- replica throttles alike (backend/throttle.rs has the policy). A key is
-- refused until blocked_until; failures older than an hour are forgotten.
CREATE TABLE sign_in_failures (
    key TEXT NOT NULL PRIMARY KEY,
    failures BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Forgotten counts are pruned by age at each attempt.
CREATE INDEX sign_in_failures_updated ON sign_in_failures (updated_at);
