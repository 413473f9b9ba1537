-- Friendly credit: a close for an overdrawn balance that falls in the hours,
-- days or holidays when valves are not closed waits; the meter is marked so
-- that a job closes it at the next time outside them (or forgets it when a
-- top-up comes first).
ALTER TABLE meters ADD COLUMN close_deferred_at BIGINT;

-- Public holidays an operator listed: local dates (YYYY-MM-DD) with no
-- closes for overdraft.
CREATE TABLE friendly_days (
    day TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
