-- The utility's clock. The installation's zone (METERLINE_TIME_ZONE, written
-- here at every start) and an optional zone per area, inherited by its
-- subtree. Stored times stay instants; existing installations keep UTC.
CREATE TABLE installation (
    id BIGINT NOT NULL PRIMARY KEY,
    time_zone TEXT NOT NULL
);
INSERT INTO installation (id, time_zone) VALUES (1, 'UTC');
ALTER TABLE areas ADD COLUMN time_zone TEXT;
