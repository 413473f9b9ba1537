-- Devices that join over the air (OTAA, LoRaWAN 1.0.x) through our own
-- gateway door. The AppKey is a secret like the session keys: stored for
-- the radio path, never returned or logged. A successful join writes the
-- session it opens to lorawan_devices, where uplinks find it as an ABP
-- device's. join_eui: the JoinEUI its requests must carry ('' for any).
CREATE TABLE otaa_devices (
    dev_eui TEXT NOT NULL PRIMARY KEY,
    dev_name TEXT NOT NULL,
    join_eui TEXT NOT NULL DEFAULT '',
    app_id TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL,
    subnet TEXT NOT NULL DEFAULT '',
    app_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    joined_at BIGINT
);

-- Every DevNonce a device joined with: a request with one used before is a
-- replay (a recorded Join-Request sent again) and is not answered.
CREATE TABLE otaa_nonces (
    dev_eui TEXT NOT NULL,
    dev_nonce BIGINT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (dev_eui, dev_nonce)
);
