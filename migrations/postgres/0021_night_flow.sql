-- What each meter's last measured night showed: whether something flowed
-- in every hour of the night window (a tap or pipe leaking), the least it
-- used in an hour and the minimum it was weighed against. Written once a
-- night by the night-flow measurement; the night-flow alert rule reads it.
CREATE TABLE night_flow (
    meter_id BIGINT NOT NULL PRIMARY KEY REFERENCES meters (id),
    -- the local date the night ended on (YYYY-MM-DD)
    night TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    least_flow BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    continuous BIGINT NOT NULL,
    measured_at BIGINT NOT NULL
);
