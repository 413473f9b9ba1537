//! Benchmark: billing-run throughput (bills/s) and readings ingested per
//! second through the ingest service (stored durably and charged).
//!
//!     cargo run --release -p server --example bench_money [-- METERS READINGS TASKS]
//!
//! Seeds METERS (default 100000) postpaid meters with a month of readings
//! (one before the month, four in it), runs the billing run, runs it again
//! (it must write nothing), then ingests READINGS (default 20000) readings for
//! prepaid meters from TASKS (default 8) concurrent tasks. SQLite by default;
//! BENCH_DATABASE_URL=postgres://... for an empty PostgreSQL database.

use app::backend::auth::hash_password;
use app::backend::bootstrap::ensure_admin;
use app::backend::db::{Backend, Db};
use app::backend::services::{billing, ingest};
use app::backend::state::Settings;
use app::model::fixed::Register;
use app::model::ids::MeterId;
use app::model::reading::NewReading;
use app::model::time::{Month, Timestamp};
use std::sync::Arc;
use std::time::Instant;

async fn seed(db: &Db, meters: usize) -> (i64, i64) {
    ensure_admin(db, "admin", Some("bench-password-1")).await.expect("admin");
    let hash = hash_password("123456".into()).await.expect("hash");
    let area: i64 = sqlx::query_scalar("SELECT id FROM areas ORDER BY id LIMIT 1").fetch_one(&db.pool).await.unwrap();
    sqlx::query("INSERT INTO price_plans (area_id, name, energy_type, tariff, flat_price, created_at) VALUES ($1, 'water', 'WATER', 'flat', 25000, 0)")
        .bind(area)
        .execute(&db.pool)
        .await
        .unwrap();
    let month_start = Timestamp::parse("2024-02-01 00:00:00").unwrap().0;
    let mut tx = db.begin().await.unwrap();
    let batch = 500;
    for start in (0..meters).step_by(batch) {
        let end = (start + batch).min(meters);
        let mut households = String::from(
            "INSERT INTO households (id, area_id, name, serialnumber, password_hash, balance, created_at) VALUES ",
        );
        let mut rows = String::from(
            "INSERT INTO meters (id, dev_eui, serialnumber, area_id, household_id, price_id, equipment_model_id, energy_type, pay_mode, meter_type, customer_name, charged_register, created_at) VALUES ",
        );
        let mut readings = String::from(
            "INSERT INTO readings (meter_id, read_at, forward_register, total_register, created_at) VALUES ",
        );
        for i in start..end {
            let id = i + 1;
            let sep = if i == start { "" } else { "," };
            households.push_str(&format!("{sep}({id}, {area}, 'C{i}', 'USER{id:08}', '{hash}', 0, 0)"));
            // Every tenth meter is prepaid (for the ingest half), the rest postpaid.
            let mode = if i % 10 == 0 { "prepaid" } else { "postpaid" };
            rows.push_str(&format!(
                "{sep}({id}, '8cf9{i:012x}', 'm{i}', {area}, {id}, 1, 3, 'WATER', '{mode}', 0, 'C{i}', 0, 0)"
            ));
            for (k, offset) in [-3_600_i64, 86_400, 7 * 86_400, 14 * 86_400, 27 * 86_400].iter().enumerate() {
                let sep = if i == start && k == 0 { "" } else { "," };
                let register = (k as i64) * 12_345 + i as i64;
                readings.push_str(&format!("{sep}({id}, {}, {register}, {register}, 0)", month_start + offset));
            }
        }
        sqlx::query(&households).execute(&mut *tx).await.unwrap();
        sqlx::query(&rows).execute(&mut *tx).await.unwrap();
        sqlx::query(&readings).execute(&mut *tx).await.unwrap();
    }
    db.commit(tx).await.unwrap();
    if db.backend == Backend::Postgres {
        for t in ["households", "meters"] {
            sqlx::query(&format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"))
                .execute(&db.pool)
                .await
                .unwrap();
        }
    }
    sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    (month_start, meters as i64)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let meters: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let readings: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let tasks: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(8);
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}",
            std::env::temp_dir().join(format!("meterline-bench-money-{}.db", std::process::id())).display()
        )
    });
    let db = Db::connect(&url).await.expect("database");
    let t = Instant::now();
    let (month_start, n) = seed(&db, meters).await;
    println!("seeded {n} meters and {} readings on {:?} in {:.1} s", n * 5, db.backend, t.elapsed().as_secs_f64());

    let month = Month { year: 2024, month: 2 };
    let t = Instant::now();
    let run = billing::run_billing_unchecked(&db, month).await.expect("billing");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "billing run: {} bills for {} postpaid meters in {:.2} s = {:.0} bills/s (goal 17,000/s: 1,000,000 in 60 s)",
        run.created,
        run.meters,
        secs,
        run.created as f64 / secs
    );
    let t = Instant::now();
    let again = billing::run_billing_unchecked(&db, month).await.expect("billing again");
    println!("second run: {} bills written (must be 0) in {:.2} s", again.created, t.elapsed().as_secs_f64());

    // Ingest: prepaid meters (every tenth), readings after the seeded ones,
    // first one transaction per reading, then in batches (one commit each).
    let prepaid: Vec<i64> = (1..=n).filter(|id| (id - 1) % 10 == 0).collect();
    let prepaid = Arc::new(prepaid);
    let db = Arc::new(db);
    for (label, count, batch_size, round_base) in
        [("one per transaction", readings / 10, 1_usize, 0_i64), ("batches of 250", readings, 250, 1_000)]
    {
        let per_task = count / tasks;
        let t = Instant::now();
        let mut handles = Vec::new();
        for task in 0..tasks {
            let (db, prepaid) = (db.clone(), prepaid.clone());
            handles.push(tokio::spawn(async move {
                let settings = Settings::default();
                let mut batch = Vec::with_capacity(batch_size);
                for k in 0..per_task {
                    let seq = task * per_task + k;
                    let meter = prepaid[seq % prepaid.len()];
                    let round = round_base + (seq / prepaid.len()) as i64;
                    let reading = NewReading {
                        read_at: Timestamp(month_start + 40 * 86_400 + round * 900),
                        forward: Register::from_minor(1_000_000 + round * 1_000 + meter),
                        reverse: None,
                        flow: None,
                        valve: None,
                        battery_mv: Some(3_600),
                        rssi: Some(-90),
                        snr_tenths: Some(70),
                        alarms: 0,
                        margin: None,
                    };
                    batch.push((MeterId(meter), reading));
                    if batch.len() == batch_size || k + 1 == per_task {
                        let chunk = std::mem::take(&mut batch);
                        if chunk.len() == 1 {
                            let (m, r) = chunk.into_iter().next().unwrap();
                            ingest::ingest(&db, &settings, m, r).await.expect("ingest");
                        } else {
                            ingest::ingest_batch(&db, &settings, chunk).await.expect("ingest batch");
                        }
                    }
                }
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
        let secs = t.elapsed().as_secs_f64();
        let done = per_task * tasks;
        println!(
            "ingest, {label}: {done} readings stored and charged in {secs:.2} s = {:.0} readings/s (goal 5,000/s)",
            done as f64 / secs
        );
    }
    let bad = app::backend::store::ledger::check(&db.pool).await.unwrap();
    println!("ledger check: {} households differ from their entries (must be 0)", bad.len());
}
