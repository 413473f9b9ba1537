-- Meterline foundation schema.
--
-- Conventions (the same in the PostgreSQL twin of this file):
-- * times are BIGINT Unix seconds (UTC); both databases compare and index them
--   the same way and the sqlx Any driver carries them without conversion;
-- * money is BIGINT hundredths of the currency; unit prices and registers are
--   BIGINT ten-thousandths: exact, never floating point;
-- * flags are BIGINT 0/1 (SQLite has no boolean type).

CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES areas (id),
    serialnumber TEXT NOT NULL,
    -- Materialised path "/1/4/9/": the subtree of an area is one LIKE prefix,
    -- which keeps every "this area and below" filter a single indexed predicate.
    path TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_id);
CREATE INDEX areas_path ON areas (path);

CREATE TABLE admins (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    tel_phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE admin_areas (
    admin_id BIGINT NOT NULL REFERENCES admins (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (admin_id, area_id)
);

CREATE TABLE equipment_models (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    energy_type TEXT NOT NULL,
    -- LORAWAN (keyed by DevEUI) or NBIOT (keyed by IMEI)
    equipment_type TEXT NOT NULL,
    -- the uplink codec's name; see docs/codec.md
    codec TEXT NOT NULL,
    -- 1 when the meter itself holds the credit (top-ups go to the device)
    holds_credit BIGINT NOT NULL DEFAULT 0
);

-- Every installation starts with one model per energy type. The vendor's
-- addMeter defaults equipmentModelId to 3, which is the water meter here.
INSERT INTO equipment_models (name, energy_type, equipment_type, codec, holds_credit) VALUES
    ('LoRaWAN electricity meter', 'ELECTRICITY', 'LORAWAN', 'meterline-v1', 0),
    ('LoRaWAN gas meter', 'GAS', 'LORAWAN', 'meterline-v1', 0),
    ('LoRaWAN water meter', 'WATER', 'LORAWAN', 'meterline-v1', 0),
    ('LoRaWAN heat meter', 'HEATING', 'LORAWAN', 'meterline-v1', 0),
    ('LoRaWAN LPG tank meter', 'LIQUEFIEDGAS', 'LORAWAN', 'meterline-v1', 0),
    ('NB-IoT water meter', 'WATER', 'NBIOT', 'meterline-v1', 0);

CREATE TABLE price_plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    energy_type TEXT NOT NULL,
    -- 'flat' uses flat_price only; 'tou' uses all four and the periods
    tariff TEXT NOT NULL,
    flat_price BIGINT NOT NULL,
    peak_price BIGINT,
    valley_price BIGINT,
    tip_price BIGINT,
    -- time-of-use periods, "HH:MM=band,..." starting at 00:00 (see model::price)
    periods TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    name TEXT NOT NULL,
    serialnumber TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    -- set when the password is a default or was set by an operator
    must_change_password BIGINT NOT NULL DEFAULT 1,
    warn_money BIGINT NOT NULL DEFAULT 0,
    -- cached sum of this household's ledger entries, updated in the same
    -- transaction as every entry; ledger_check proves the two agree
    balance BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX households_area ON households (area_id);
CREATE INDEX households_phone ON households (phone);
CREATE INDEX households_name ON households (name);

CREATE TABLE meters (
    id INTEGER PRIMARY KEY,
    dev_eui TEXT UNIQUE,
    imei TEXT UNIQUE,
    serialnumber TEXT NOT NULL,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    price_id BIGINT NOT NULL REFERENCES price_plans (id),
    equipment_model_id BIGINT NOT NULL REFERENCES equipment_models (id),
    energy_type TEXT NOT NULL,
    -- 'prepaid' or 'postpaid'; meter_type keeps the vendor's 0..3 code as sent
    pay_mode TEXT NOT NULL,
    meter_type BIGINT NOT NULL,
    customer_name TEXT NOT NULL,
    customer_phone TEXT NOT NULL DEFAULT '',
    customer_address TEXT NOT NULL DEFAULT '',
    customer_certificate TEXT NOT NULL DEFAULT '',
    current_reading BIGINT NOT NULL DEFAULT 0,
    overdraft_money BIGINT NOT NULL DEFAULT 0,
    normal_day_dosage BIGINT NOT NULL DEFAULT 0,
    valve_state BIGINT NOT NULL DEFAULT 2,
    -- 'active' or 'removed' (history is kept; removed meters are not listed or charged)
    status TEXT NOT NULL DEFAULT 'active',
    last_read_at BIGINT,
    created_at BIGINT NOT NULL,
    CHECK (dev_eui IS NOT NULL OR imei IS NOT NULL)
);
CREATE INDEX meters_area ON meters (area_id, id);
CREATE INDEX meters_household ON meters (household_id);

-- Append-only: rows are never updated or deleted; corrections are new rows.
CREATE TABLE ledger_entries (
    id INTEGER PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households (id),
    meter_id BIGINT REFERENCES meters (id),
    -- opening, topup, consumption, bill, adjustment, refund, carry_over
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    cause TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ledger_household ON ledger_entries (household_id, id);

CREATE TABLE readings (
    id INTEGER PRIMARY KEY,
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    read_at BIGINT NOT NULL,
    forward_register BIGINT NOT NULL,
    reverse_register BIGINT,
    instant_flow BIGINT,
    valve_state BIGINT NOT NULL DEFAULT 2,
    battery_mv BIGINT,
    rssi BIGINT,
    -- signal-to-noise ratio in tenths of a dB
    snr_tenths BIGINT,
    alarms BIGINT NOT NULL DEFAULT 0,
    -- LPG tank level in hundredths of a percent
    margin BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX readings_meter_time ON readings (meter_id, read_at);
CREATE INDEX readings_time ON readings (read_at);

-- The persistent command queue (valueId). States: queued, sent, acknowledged,
-- failed, expired.
CREATE TABLE commands (
    id INTEGER PRIMARY KEY,
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    kind TEXT NOT NULL,
    argument TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'queued',
    result TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    finished_at BIGINT,
    expires_at BIGINT NOT NULL
);
CREATE INDEX commands_meter_state ON commands (meter_id, state);

CREATE TABLE valve_records (
    id INTEGER PRIMARY KEY,
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    -- 0 close, 1 open
    execution BIGINT NOT NULL,
    cause TEXT NOT NULL,
    actor TEXT NOT NULL,
    command_id BIGINT REFERENCES commands (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX valve_records_time ON valve_records (created_at);
CREATE INDEX valve_records_meter ON valve_records (meter_id, created_at);

CREATE TABLE bills (
    id INTEGER PRIMARY KEY,
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    month TEXT NOT NULL,
    start_register BIGINT NOT NULL,
    end_register BIGINT NOT NULL,
    dosage BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    -- 0 unpaid, 1 paid
    status BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    paid_at BIGINT,
    -- one bill per meter and month, whatever happens to a billing run
    UNIQUE (meter_id, month)
);
CREATE INDEX bills_month ON bills (month);

-- Browser sessions and legacy apiTokens. Only a SHA-256 of the token is kept.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    -- 'admin' or 'household'
    role TEXT NOT NULL,
    principal_id BIGINT NOT NULL,
    -- 'browser' or 'api'
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX sessions_principal ON sessions (role, principal_id);

CREATE TABLE gateways (
    id INTEGER PRIMARY KEY,
    gw_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    gw_type TEXT NOT NULL,
    region TEXT NOT NULL,
    subnet TEXT NOT NULL DEFAULT '',
    area_id BIGINT REFERENCES areas (id),
    -- microdegrees and metres, as the gateway reports them
    latitude_micro BIGINT NOT NULL DEFAULT 0,
    longitude_micro BIGINT NOT NULL DEFAULT 0,
    altitude BIGINT NOT NULL DEFAULT 0,
    last_seen_at BIGINT,
    created_at BIGINT NOT NULL
);
