-- Meters served through a network server (ChirpStack, The Things Stack, a
-- carrier's IoT platform) rather than our own gateway door: where their
-- commands go. One row per meter: the network, the application it last
-- reported through and the device's own id there (The Things Stack names
-- devices apart from their DevEUI); since: when that last changed.
CREATE TABLE meter_networks (
    meter_id BIGINT NOT NULL PRIMARY KEY REFERENCES meters (id),
    network TEXT NOT NULL,
    application TEXT NOT NULL,
    device TEXT NOT NULL,
    since BIGINT NOT NULL
);
CREATE INDEX meter_networks_network ON meter_networks (network, meter_id);

-- Events a network server delivers at least once, taken once each (for
-- ChirpStack its deduplicationId); kept a while, then pruned.
CREATE TABLE network_events (
    network TEXT NOT NULL,
    event_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (network, event_id)
);
CREATE INDEX network_events_received ON network_events (received_at);

-- What a network server says about a device that is not a reading: joins,
-- frame-counter resets and retransmissions, gateways refusing a downlink.
CREATE TABLE network_log (
    id INTEGER PRIMARY KEY,
    network TEXT NOT NULL,
    dev_eui TEXT NOT NULL,
    meter_id BIGINT REFERENCES meters (id),
    level TEXT NOT NULL,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX network_log_meter ON network_log (meter_id, at);

-- The id a command travels under in a network server's queue (ChirpStack's
-- queueItemId), by which its transmission and acknowledgement come back.
ALTER TABLE commands ADD COLUMN network_ref TEXT;
CREATE UNIQUE INDEX commands_network_ref ON commands (network_ref);
