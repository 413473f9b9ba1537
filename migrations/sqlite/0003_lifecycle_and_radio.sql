-- Meter replacement history and LoRaWAN (ABP) device sessions.

-- When a device is replaced the archive (household, balance, readings) stays
-- on the same meter row and takes the new identifier; this keeps the old one.
CREATE TABLE meter_replacements (
    id INTEGER PRIMARY KEY,
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    old_dev_eui TEXT,
    new_dev_eui TEXT,
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meter_replacements_meter ON meter_replacements (meter_id);

-- A LoRaWAN device registered with `lorawanApi addMeter` (ABP). The session
-- keys are secrets: stored for the radio path, never returned or logged.
CREATE TABLE lorawan_devices (
    id INTEGER PRIMARY KEY,
    dev_eui TEXT NOT NULL UNIQUE,
    dev_name TEXT NOT NULL,
    app_eui TEXT NOT NULL DEFAULT '',
    app_id TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL,
    subnet TEXT NOT NULL DEFAULT '',
    dev_addr TEXT NOT NULL,
    app_s_key TEXT NOT NULL,
    nwk_s_key TEXT NOT NULL,
    -- last accepted uplink frame counter (32 bits rebuilt), next downlink counter
    fcnt_up BIGINT,
    fcnt_down BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX lorawan_devices_addr ON lorawan_devices (dev_addr);

-- Packet counters from the gateway's stat reports.
ALTER TABLE gateways ADD COLUMN rx_packets BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gateways ADD COLUMN tx_packets BIGINT NOT NULL DEFAULT 0;
