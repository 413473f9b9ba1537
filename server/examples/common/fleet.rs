//! Simulated water meters: registered through the service layer, with real
//! keys (ABP sessions, or AppKeys to join by OTAA), sending real frames. The simulator and the uplink benchmark use them
//! (`#[path]`-included: test tooling, not part of the server library).

// Each example uses part of it.
#![allow(dead_code)]

use app::backend::ServiceError;
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::{lorawan_devices, meters};
use app::model::ValveState;
use app::model::fixed::{Money, Register};
use app::model::ids::{AreaId, DevEui, Imei, PriceId};
use app::model::lorawan::{DevAddr, NewAbpDevice, NewOtaaDevice, SessionKey};
use app::model::meter::NewMeter;
use base64::Engine;
use server::lorawan::codec::{self, Report};
use server::lorawan::{frame, gwmp};

/// A meter as the simulator plays it.
#[derive(Debug, Clone)]
pub struct SimMeter {
    pub dev_eui: String,
    pub dev_addr: u32,
    pub nwk: [u8; 16],
    pub app: [u8; 16],
    pub fcnt: u32,
    pub fcnt_down: u32,
    /// Forward register in 0.001 m³.
    pub register: u32,
    pub valve: u8,
    /// Acknowledgements (sequence, result) for the next report.
    pub acks: Vec<(u16, u8)>,
    /// An OTAA meter's AppKey; its session (`dev_addr`, `nwk`, `app`) comes
    /// from its join.
    pub app_key: Option<[u8; 16]>,
    /// The DevNonce of the join request waiting for its accept.
    pub joining: Option<u16>,
}

/// Keys derived from the meter number: the same on every run, distinct per meter.
pub fn key(i: u32, salt: u8) -> [u8; 16] {
    let mut k = [0_u8; 16];
    for (n, b) in k.iter_mut().enumerate() {
        *b = (i.wrapping_mul(2_654_435_761).rotate_left(n as u32) as u8) ^ salt ^ (n as u8);
    }
    k
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Registers meters `0..count` (archive and ABP session) where missing, with
/// 20.00 of opening credit, and resets their frame counters as a device
/// re-personalised in the field would.
/// A benchmark's database (BENCH_DATABASE_URL, else a fresh SQLite file
/// named after `name`): the first admin, its area and a flat water price of
/// 2.5 for the fleet.
pub async fn bench_database(name: &str) -> Result<(Db, Caller, AreaId, PriceId), Box<dyn std::error::Error>> {
    use app::backend::auth::load_admin;
    use app::model::ids::AdminId;
    use app::model::price::{NewPricePlan, Tariff};
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!("sqlite://{}", std::env::temp_dir().join(format!("{name}-{}.db", std::process::id())).display())
    });
    let db = Db::connect(&url).await?;
    app::backend::bootstrap::ensure_admin(&db, "admin", Some("bench-password-1")).await?;
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM admins ORDER BY id LIMIT 1").fetch_one(&db.pool).await?;
    let admin = Caller::Admin(load_admin(&db, AdminId(admin_id)).await?);
    let area: i64 = sqlx::query_scalar("SELECT id FROM areas ORDER BY id LIMIT 1").fetch_one(&db.pool).await?;
    let tariff = Tariff::Flat(app::model::fixed::UnitPrice::parse("2.5").map_err(|e| e.to_string())?);
    let plan =
        NewPricePlan { area_id: None, name: "Bench water".into(), energy_type: app::model::EnergyType::Water, tariff };
    let price = app::backend::services::prices::add_price(&db, &admin, plan).await?;
    Ok((db, admin, AreaId(area), price))
}

/// The meter a simulated device `i` belongs to, with a household of its own.
fn simulated(i: u32, dev_eui: Option<DevEui>, imei: Option<Imei>, area: AreaId, price: PriceId) -> NewMeter {
    NewMeter {
        dev_eui,
        imei,
        serialnumber: None,
        customer_name: format!("Simulated {i}"),
        customer_phone: String::new(),
        customer_address: String::new(),
        customer_certificate_number: String::new(),
        price_id: price,
        reading: Register::ZERO,
        overdraft_money: Money::ZERO,
        customer_fee: Money::from_minor(2_000),
        normal_day_dosage: Register::ZERO,
        valve_state: ValveState::Open,
        meter_type: 1,
        area_id: area,
        equipment_model_id: None,
        household_id: None,
    }
}

/// Simulated cellular (NB-IoT) meters by IMEI (868333030000000 and up);
/// their `dev_eui` field holds the IMEI.
pub async fn register_cellular(
    db: &Db,
    admin: &Caller,
    area: AreaId,
    price: PriceId,
    count: u32,
) -> Result<Vec<SimMeter>, ServiceError> {
    let mut fleet = Vec::with_capacity(count as usize);
    for i in 0..count {
        let raw = format!("86833303{i:07}");
        let imei = Imei::parse(&raw).map_err(|e| ServiceError::invalid("imei", e))?;
        match meters::add_meter(db, admin, simulated(i, None, Some(imei), area, price)).await {
            Ok(_) | Err(ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
        let register = register_of(db, "imei", &raw).await?;
        fleet.push(SimMeter::new(raw, 0, [0; 16], [0; 16], register));
    }
    Ok(fleet)
}

/// Registers ABP meters `0..count` (see `register_as`).
pub async fn register(
    db: &Db,
    admin: &Caller,
    area: AreaId,
    price: PriceId,
    count: u32,
) -> Result<Vec<SimMeter>, ServiceError> {
    register_as(db, admin, area, price, count, false).await
}

/// Registers meters `0..count` (archive, and an ABP session or, `otaa`, an
/// AppKey to join with) where missing, with 20.00 of opening credit, and
/// resets their frame counters as a device re-personalised in the field
/// would. OTAA meters report once they have joined.
pub async fn register_as(
    db: &Db,
    admin: &Caller,
    area: AreaId,
    price: PriceId,
    count: u32,
    otaa: bool,
) -> Result<Vec<SimMeter>, ServiceError> {
    let mut fleet = Vec::with_capacity(count as usize);
    for i in 0..count {
        let eui = format!("5e11000000{i:06x}");
        let (nwk, app) = (key(i, 0xa5), key(i, 0x3c));
        let dev_addr = 0x2600_0000 | i;
        let dev_eui = DevEui::parse(&eui).map_err(|e| ServiceError::invalid("devEui", e))?;
        let new_meter = simulated(i, Some(dev_eui.clone()), None, area, price);
        match meters::add_meter(db, admin, new_meter).await {
            Ok(_) | Err(ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
        let key_of = |k: &[u8; 16]| SessionKey::parse(&hex(k)).map_err(|e| ServiceError::Internal(e.to_string()));
        let registered = if otaa {
            let device = NewOtaaDevice {
                dev_eui,
                dev_name: format!("sim_{i}"),
                join_eui: String::new(),
                app_id: String::new(),
                region: "eu868".into(),
                subnet: String::new(),
                app_key: key_of(&key(i, 0x77))?,
            };
            lorawan_devices::register_otaa(db, None, admin, device).await
        } else {
            let abp = NewAbpDevice {
                dev_eui,
                dev_name: format!("sim_{i}"),
                app_eui: String::new(),
                app_id: String::new(),
                region: "eu868".into(),
                subnet: String::new(),
                dev_addr: DevAddr(dev_addr),
                app_s_key: key_of(&app)?,
                nwk_s_key: key_of(&nwk)?,
            };
            lorawan_devices::register_abp(db, None, admin, abp).await
        };
        match registered {
            Ok(()) | Err(ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
        sqlx::query("UPDATE lorawan_devices SET fcnt_up = NULL, fcnt_down = 0 WHERE dev_eui = $1")
            .bind(eui.clone())
            .execute(&db.pool)
            .await?;
        db.changed();
        let register = register_of(db, "dev_eui", &eui).await?;
        let mut meter = SimMeter::new(eui, dev_addr, nwk, app, register);
        if otaa {
            // No session until it joins.
            (meter.app_key, meter.dev_addr) = (Some(key(i, 0x77)), 0);
        }
        fleet.push(meter);
    }
    Ok(fleet)
}

/// A meter's register as its device counts it (0.001 m³), by `column`
/// (`dev_eui` or `imei`).
async fn register_of(db: &Db, column: &str, key: &str) -> Result<u32, ServiceError> {
    let minor: i64 = sqlx::query_scalar(&format!("SELECT current_reading FROM meters WHERE {column} = $1"))
        .bind(key.to_owned())
        .fetch_one(&db.pool)
        .await?;
    let step = app::model::tariff::DEVICE_STEP;
    Ok(app::model::tariff::to_device(Register::from_minor(minor / step * step)).unwrap_or(0))
}

impl SimMeter {
    pub fn new(dev_eui: String, dev_addr: u32, nwk: [u8; 16], app: [u8; 16], register: u32) -> Self {
        Self {
            dev_eui,
            dev_addr,
            nwk,
            app,
            fcnt: 0,
            fcnt_down: 0,
            register,
            valve: 1,
            acks: Vec::new(),
            app_key: None,
            joining: None,
        }
    }

    /// Whether the meter has a session to report with (ABP, or OTAA joined).
    pub fn joined(&self) -> bool {
        self.app_key.is_none() || self.dev_addr != 0
    }

    /// An OTAA meter's Join-Request, with a fresh DevNonce.
    pub fn join_request(&mut self) -> Option<Vec<u8>> {
        let app_key = self.app_key?;
        let dev_nonce: u16 = rand::random();
        self.joining = Some(dev_nonce);
        let eui = u64::from_str_radix(&self.dev_eui, 16).ok()?.to_be_bytes();
        Some(server::lorawan::join::request(app_key, [0; 8], eui, dev_nonce))
    }

    /// Takes a Join-Accept meant for this meter's pending join: its new
    /// session, with counters from 0. False when it is not for this meter.
    pub fn accept(&mut self, phy: &[u8]) -> bool {
        let (Some(app_key), Some(dev_nonce)) = (self.app_key, self.joining) else { return false };
        let Ok((dev_addr, session)) = server::lorawan::join::open_accept(phy, app_key, dev_nonce) else { return false };
        (self.dev_addr, self.nwk, self.app) = (dev_addr, session.nwk_s_key, session.app_s_key);
        (self.fcnt, self.fcnt_down, self.joining) = (0, 0, None);
        true
    }

    /// The next report: the counter advances and, with the valve open, the
    /// register rises by `used` (0.001 m³). Answers the PHYPayload.
    pub fn next_uplink(&mut self, used: u32, battery_mv: u16) -> Vec<u8> {
        let report = self.next_report(used, battery_mv);
        frame::seal(
            true,
            self.dev_addr,
            self.fcnt,
            codec::UPLINK_PORT,
            &codec::encode_report(&report),
            self.nwk,
            self.app,
        )
        .unwrap_or_default()
    }

    /// The next report in plain (what a network server hands on decrypted):
    /// the counter advances, the register rises by `used` while the valve is
    /// open, and the acknowledgements owed go with it.
    pub fn next_report(&mut self, used: u32, battery_mv: u16) -> Report {
        self.fcnt += 1;
        if self.valve == 1 {
            self.register += used;
        }
        Report {
            forward: Some(self.register),
            valve: Some(self.valve),
            battery_mv: Some(battery_mv),
            acks: std::mem::take(&mut self.acks),
            ..Default::default()
        }
    }

    /// Obeys an order as a meter would (the valve switches; the order is
    /// acknowledged in the next report); says what it did.
    pub fn obey(&mut self, payload: &[u8]) -> String {
        match codec::decode_order(payload) {
            Some(codec::Order::CloseValve { seq }) => {
                self.valve = 0;
                self.acks.push((seq, 0));
                format!("close valve (seq {seq}): closing")
            }
            Some(codec::Order::OpenValve { seq }) => {
                self.valve = 1;
                self.acks.push((seq, 0));
                format!("open valve (seq {seq}): opening")
            }
            Some(codec::Order::AddCredit { seq, amount }) => {
                self.acks.push((seq, 0));
                format!("add credit {amount} (seq {seq})")
            }
            Some(codec::Order::Report { seq }) => {
                self.acks.push((seq, 0));
                format!("report now (seq {seq})")
            }
            None => format!("unknown order {payload:02x?}"),
        }
    }
}

/// A PUSH_DATA datagram carrying one received frame.
pub fn push_data(token: u16, gateway: [u8; 8], tmst: u32, rssi: i32, phy: &[u8]) -> Vec<u8> {
    let rx = serde_json::json!({"rxpk": [{"tmst": tmst, "freq": 868.1, "chan": 0, "rfch": 0, "stat": 1,
        "modu": "LORA", "datr": "SF7BW125", "codr": "4/5", "rssi": rssi, "lsnr": 8.5, "size": phy.len(),
        "data": base64::engine::general_purpose::STANDARD.encode(phy)}]});
    gwmp::push_data(token, gateway, &rx)
}
