-- The outbox of alert notifications: one row per alert transition and
-- recipient, written in the transaction that made the transition, so a
-- notice survives a restart and is sent once. A worker delivers the due
-- ones, claiming each for a while (replicas do not send it twice at once),
-- retrying with back-off, and after the last attempt marks it failed (shown
-- to operators, never dropped). Every attempt is recorded.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alerts (id),
    -- the state the alert went to: open, acknowledged, resolved
    transition TEXT NOT NULL,
    -- webhook (operators); later sms and email
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- pending, delivered, failed
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE UNIQUE INDEX notifications_once ON notifications (alert_id, transition, channel, recipient);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);

CREATE TABLE notification_attempts (
    id INTEGER PRIMARY KEY,
    notification_id BIGINT NOT NULL REFERENCES notifications (id),
    at BIGINT NOT NULL,
    -- the HTTP status answered (NULL: none, see error)
    status BIGINT,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notification_attempts_of ON notification_attempts (notification_id, id);
