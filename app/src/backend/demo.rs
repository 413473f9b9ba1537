//! Demo data: areas, plans for every energy type, households, ~50 meters with
//! four weeks of readings, valve records, bills and a gateway. Loaded once
//! (`METERLINE_DEMO=1`) into an installation that has no meters yet.

use super::auth::{AdminCaller, Caller, load_admin};
use super::bootstrap::create_admin;
use super::clock::now;
use super::db::Db;
use super::error::ServiceError;
use super::services::{areas, households, ingest, meters, prices};
use super::state::Settings;
use crate::model::area::NewArea;
use crate::model::auth::Password;
use crate::model::fixed::{Money, Register, UnitPrice};
use crate::model::household::NewHousehold;
use crate::model::ids::{AdminId, DevEui, Imei, PriceId};
use crate::model::meter::NewMeter;
use crate::model::price::{NewPricePlan, Periods, Tariff};
use crate::model::reading::NewReading;
use crate::model::time::Timestamp;
use crate::model::{EnergyType, ValveState};

/// Logins the demo prints at start-up.
pub const DEMO_HOUSEHOLD: (&str, &str) = ("demo-household", "demo-household-2026");
pub const DEMO_AREA_ADMIN: (&str, &str) = ("waha-admin", "waha-admin-2026");
/// The first password of every other demo household (`USER00000002`, ...),
/// printed at start: a demo has no operator to hand out welcome slips. Each
/// must still be changed at first sign-in.
pub const DEMO_FIRST_PASSWORD: &str = "welcome-to-the-demo";

/// A deterministic pseudo-random sequence (the demo is the same every time).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

const FIRST_NAMES: [&str; 10] =
    ["Aisha", "Omar", "Fatima", "Yusuf", "Mariam", "Khalid", "Layla", "Hassan", "Noor", "Zayd"];
const LAST_NAMES: [&str; 6] = ["Al Mansoori", "Haddad", "Rahman", "Khan", "Saleh", "Nasser"];

/// Loads the demo unless meters exist. Returns false when it skipped.
pub async fn load(db: &Db, admin: AdminId) -> Result<bool, ServiceError> {
    let meters_now: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meters").fetch_one(&db.pool).await?;
    if meters_now > 0 {
        return Ok(false);
    }
    let admin: AdminCaller = load_admin(db, admin).await?;
    let root =
        sqlx::query_scalar::<_, i64>("SELECT area_id FROM admin_areas WHERE admin_id = $1 ORDER BY area_id LIMIT 1")
            .bind(admin.id.0)
            .fetch_one(&db.pool)
            .await?;
    let caller = Caller::Admin(admin);
    let new_area =
        |name: &str, parent: i64| NewArea { name: name.to_owned(), parent_id: crate::model::ids::AreaId(parent) };
    let festival = areas::create_area(db, &caller, new_area("Dubai Festival City", root)).await?;
    let marsa = areas::create_area(db, &caller, new_area("Marsa Plaza", festival.id.0)).await?;
    let tower = areas::create_area(db, &caller, new_area("Festival Tower", festival.id.0)).await?;
    let waha = areas::create_area(db, &caller, new_area("WAHA Community", root)).await?;
    let villas = areas::create_area(db, &caller, new_area("Villa Block A", waha.id.0)).await?;
    create_admin(db, DEMO_AREA_ADMIN.0, DEMO_AREA_ADMIN.1, &[waha.id.0]).await?;

    let price = |v: &str| UnitPrice::parse(v).map_err(|e| ServiceError::Internal(format!("demo price: {e}")));
    let mut plans: Vec<(EnergyType, PriceId)> = Vec::new();
    for (name, energy, tariff) in [
        ("Water residential", EnergyType::Water, Tariff::Flat(price("2.5")?)),
        (
            "Electricity time-of-use",
            EnergyType::Electricity,
            Tariff::TimeOfUse {
                flat: price("0.38")?,
                peak: price("0.52")?,
                valley: price("0.21")?,
                tip: price("0.68")?,
                periods: Periods::default(),
            },
        ),
        ("Heating district", EnergyType::Heating, Tariff::Flat(price("4.2")?)),
        ("Gas residential", EnergyType::Gas, Tariff::Flat(price("3.1")?)),
        ("LPG tank", EnergyType::LiquefiedGas, Tariff::Flat(price("6.75")?)),
    ] {
        let id = prices::add_price(
            db,
            &caller,
            NewPricePlan { area_id: None, name: name.to_owned(), energy_type: energy, tariff },
        )
        .await?;
        plans.push((energy, id));
    }
    let plan_for = |e: EnergyType| plans.iter().find(|(k, _)| *k == e).map(|(_, id)| *id).unwrap_or(PriceId(1));

    // The demo household signs in with a known password and owns a water and an electricity meter.
    let demo_household = households::add_household(
        db,
        &caller,
        NewHousehold {
            area_id: marsa.id,
            name: DEMO_HOUSEHOLD.0.to_owned(),
            address: "Marsa Plaza, flat 1204".to_owned(),
            phone: "0501234567".to_owned(),
            password: Some(Password(DEMO_HOUSEHOLD.1.to_owned())),
            warn_money: Money::from_minor(5_000),
            fee: Money::from_minor(40_000),
        },
    )
    .await?;
    let demo_household = demo_household.id;
    sqlx::query("UPDATE households SET must_change_password = 0 WHERE id = $1")
        .bind(demo_household.0)
        .execute(&db.pool)
        .await?;
    db.changed();

    let mut rng = Lcg(2026);
    let area_cycle = [marsa.id, tower.id, villas.id, waha.id];
    let energy_cycle = [
        EnergyType::Water,
        EnergyType::Water,
        EnergyType::Electricity,
        EnergyType::Gas,
        EnergyType::Water,
        EnergyType::Heating,
        EnergyType::LiquefiedGas,
        EnergyType::Electricity,
    ];
    let mut meter_ids = Vec::new();
    for i in 0..50_u64 {
        let energy =
            if i < 2 { [EnergyType::Water, EnergyType::Electricity][i as usize] } else { energy_cycle[i as usize % 8] };
        let prepaid = i % 5 != 4;
        let nbiot = i % 10 == 9;
        let name = format!("{} {}", FIRST_NAMES[i as usize % 10], LAST_NAMES[i as usize % 6]);
        let req = NewMeter {
            dev_eui: if nbiot {
                None
            } else {
                Some(DevEui::parse(&format!("8cf95720000{:05x}", 0x1500 + i)).map_err(ServiceError::Internal)?)
            },
            imei: if nbiot {
                Some(Imei::parse(&format!("8624370403{:05}", 10_000 + i)).map_err(ServiceError::Internal)?)
            } else {
                None
            },
            serialnumber: None,
            customer_name: if i < 2 { DEMO_HOUSEHOLD.0.to_owned() } else { name },
            customer_phone: format!("05{:08}", 10_000_000 + i * 7919),
            customer_address: format!("Unit {}", 100 + i),
            customer_certificate_number: format!("784-{:011}", 19_850_000_000 + i),
            price_id: plan_for(energy),
            reading: Register::from_minor((rng.next(5_000) as i64) * 10_000),
            overdraft_money: Money::ZERO,
            customer_fee: if i < 2 { Money::ZERO } else { Money::from_minor(rng.next(40_000) as i64 + 1_000) },
            normal_day_dosage: Register::from_minor(5_000 + rng.next(20_000) as i64),
            valve_state: ValveState::Open,
            meter_type: if prepaid { 1 } else { 0 },
            area_id: if i < 2 { marsa.id } else { area_cycle[i as usize % 4] },
            equipment_model_id: None,
            household_id: if i < 2 { Some(demo_household) } else { None },
        };
        let id = meters::add_meter(db, &caller, req).await?.id;
        meter_ids.push((id, energy, prepaid));
    }
    let first = crate::backend::auth::hash_password(DEMO_FIRST_PASSWORD.to_owned()).await?;
    let mut tx = db.begin().await?;
    // The demo loads only into an installation without meters: every
    // household with a meter now is one the demo just made.
    sqlx::query("UPDATE households SET password_hash = $1 WHERE id <> $2 AND id IN (SELECT household_id FROM meters)")
        .bind(first)
        .bind(demo_household.0)
        .execute(&mut *tx)
        .await?;
    db.commit(tx).await?;

    // Four weeks of readings, four a day, registers rising by each meter's
    // daily use, charged by the one ingest rule: balances, ledger, low-balance
    // warnings and valve closures are what they would be in service.
    let end = now().0 - now().0 % 3600;
    let start = end - 28 * 86_400;
    let mut batch = Vec::new();
    for (n, (id, _, _)) in meter_ids.iter().enumerate() {
        let mut register: i64 = sqlx::query_scalar("SELECT current_reading FROM meters WHERE id = $1")
            .bind(id.0)
            .fetch_one(&db.pool)
            .await?;
        let mut t = start;
        while t <= end {
            register += 200 + rng.next(1_600) as i64;
            batch.push((
                *id,
                NewReading {
                    read_at: Timestamp(t),
                    forward: Register::from_minor(register),
                    reverse: None,
                    flow: None,
                    valve: Some(ValveState::Open),
                    // A few meters' latest reports show what alerts are for:
                    // a leak flag, a weak battery.
                    battery_mv: Some(match 3_500 + rng.next(150) as i64 {
                        _ if t == end && n % 13 == 6 => 3_150,
                        mv => mv,
                    }),
                    rssi: Some(-(60 + rng.next(50) as i64)),
                    snr_tenths: Some(rng.next(120) as i64 - 20),
                    alarms: i64::from(t == end && n % 11 == 4),
                    margin: None,
                },
            ));
            t += 6 * 3600;
        }
    }
    for chunk in batch.chunks(500) {
        ingest::ingest_batch(db, &Settings::default(), chunk.to_vec()).await?;
    }
    let mut tx = db.begin().await?;
    // The demo's meters report every six hours: silent for longer than
    // that (times the factor) they are offline.
    sqlx::query("UPDATE meters SET report_interval_s = 21600").execute(&mut *tx).await?;
    // A few valve records: operators closing and reopening meters.
    for (n, (id, _, _)) in meter_ids.iter().enumerate().filter(|(n, _)| n % 9 == 3) {
        let at = end - (n as i64) * 86_400 / 3;
        for (execution, cause, offset) in
            [(0_i64, "closed by operator (demo)", 0_i64), (1, "reopened after payment (demo)", 7_200)]
        {
            sqlx::query(
                "INSERT INTO valve_records (meter_id, execution, cause, actor, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id.0)
            .bind(execution)
            .bind(cause)
            .bind(caller.actor())
            .bind(at + offset)
            .execute(&mut *tx)
            .await?;
        }
    }
    // Last month's bills for postpaid meters.
    let last_month =
        chrono::DateTime::from_timestamp(start, 0).map(|d| d.format("%Y-%m").to_string()).unwrap_or_default();
    for (id, _, _) in meter_ids.iter().filter(|(_, _, p)| !*p) {
        let dosage = 80_000 + rng.next(200_000) as i64;
        sqlx::query(
            "INSERT INTO bills (meter_id, month, start_register, end_register, dosage, fee, status, created_at)
             VALUES ($1, $2, 0, $3, $3, $4, 0, $5)",
        )
        .bind(id.0)
        .bind(last_month.clone())
        .bind(dosage)
        .bind(dosage * 25 / 1000)
        .bind(end)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO gateways (gw_id, name, gw_type, region, subnet, area_id, last_seen_at, created_at)
         VALUES ('b827ebfffed58048', 'DIP_Gateway', 'rhf2s208', 'eu868', 'ch_00-07', $1, NULL, $2)",
    )
    .bind(festival.id.0)
    .bind(end)
    .execute(&mut *tx)
    .await?;
    db.commit(tx).await?;
    Ok(true)
}
