-- Alerts: problems the system finds (a meter gone quiet, a gateway down, a
-- leak flag, a balance below its warning, a supply cut), opened and resolved
-- by the system, acknowledged by operators. At most one alert of a kind is
-- open (or acknowledged) per subject: the subject is the meter, household,
-- gateway or command the rule looks at, by its id. The evidence is what
-- opened it; what `evidence_at/value/limit` mean depends on the kind.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    -- open, acknowledged, resolved
    state TEXT NOT NULL,
    subject BIGINT NOT NULL,
    meter_id BIGINT REFERENCES meters (id),
    household_id BIGINT REFERENCES households (id),
    gateway_id BIGINT REFERENCES gateways (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    evidence_at BIGINT,
    evidence_value BIGINT,
    evidence_limit BIGINT,
    opened_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT,
    note TEXT NOT NULL DEFAULT '',
    resolved_at BIGINT
);
CREATE UNIQUE INDEX alerts_one_unresolved ON alerts (kind, subject) WHERE state <> 'resolved';
CREATE INDEX alerts_area ON alerts (area_id, state, id);
CREATE INDEX alerts_meter ON alerts (meter_id, id);
CREATE INDEX alerts_household ON alerts (household_id, id);

-- Every change of an alert's state, with who made it and why.
CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alerts (id),
    state TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, id);

-- How often a device model reports (seconds), and a meter's own interval
-- when it differs (NULL: its model's): a meter silent for this times the
-- installation's factor is offline.
ALTER TABLE equipment_models ADD COLUMN report_interval_s BIGINT NOT NULL DEFAULT 3600;
ALTER TABLE meters ADD COLUMN report_interval_s BIGINT;
