//! The set-based batch ingest gives exactly what ingesting each reading alone
//! gives: the same outcomes, readings, charges, ledger, meter state and valve
//! commands, with duplicates (stored before and within the batch), readings
//! going backwards, late readings and a balance crossing the overdraft.

use crate::harness::{ADMIN, Harness, Kind, reading};
use app::backend::services::ingest::{IngestOutcome, ingest, ingest_batch};
use app::backend::state::Settings;
use app::model::ids::MeterId;
use app::model::reading::NewReading;

/// Three meters, each with its own household holding 150 at 2.5 per unit.
async fn setup(h: &Harness) -> [i64; 3] {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, "8cf95720000b0001", "Batch A", h.north).await;
    let b = h.add_meter(&token, "8cf95720000b0002", "Batch B", h.north).await;
    let c = h.add_meter(&token, "8cf95720000b0003", "Batch C", h.south).await;
    // A reading stored before the batch, which the batch repeats.
    ingest(&h.db, &Settings::default(), MeterId(c), reading("2024-05-01 08:00:00", "0.5")).await.unwrap();
    [a, b, c]
}

fn batch([a, b, c]: [i64; 3]) -> Vec<(MeterId, NewReading)> {
    [
        (a, "2024-05-01 10:00:00", "1"),
        (b, "2024-05-01 10:00:00", "2"),
        (a, "2024-05-01 10:00:00", "1"),
        (a, "2024-05-01 11:00:00", "0.5"),
        (c, "2024-05-01 10:00:00", "3"),
        (c, "2024-05-01 08:00:00", "0.5"),
        (a, "2024-05-01 12:00:00", "30"),
        (b, "2024-05-01 09:00:00", "1.5"),
        (a, "2024-05-01 13:00:00", "70"),
        (c, "2024-05-01 11:00:00", "3.0001"),
        (c, "2024-05-01 12:00:00", "3.0002"),
    ]
    .into_iter()
    .map(|(m, at, fwd)| (MeterId(m), reading(at, fwd)))
    .collect()
}

/// household, meter, amount, kind, balance after, time (consumption only), cause.
type LedgerRow = (i64, Option<i64>, i64, String, i64, i64, String);
/// id, current reading, last read at, valve, charged register, remainder, valve target, valve hold, offset.
type MeterRow = (i64, Option<i64>, Option<i64>, i64, Option<i64>, i64, Option<i64>, Option<String>, i64);

/// Everything the ingest writes, in a comparable form.
async fn state(h: &Harness) -> Vec<String> {
    let mut out = Vec::new();
    let rows: Vec<(i64, i64, i64, i64, String)> = sqlx::query_as(
        "SELECT meter_id, read_at, forward_register, total_register, note FROM readings ORDER BY meter_id, read_at",
    )
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    out.extend(rows.iter().map(|r| format!("reading {r:?}")));
    let rows: Vec<LedgerRow> = sqlx::query_as(
        "SELECT household_id, meter_id, amount, kind, balance_after,
            CASE WHEN kind = 'consumption' THEN created_at ELSE 0 END AS at, cause FROM ledger_entries ORDER BY id",
    )
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    out.extend(rows.iter().map(|r| format!("ledger {r:?}")));
    let rows: Vec<MeterRow> = sqlx::query_as(
        "SELECT id, current_reading, last_read_at, valve_state, charged_register, charge_remainder, valve_target, valve_hold,
             register_offset FROM meters ORDER BY id",
    )
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    out.extend(rows.iter().map(|r| format!("meter {r:?}")));
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, balance FROM households ORDER BY id").fetch_all(&h.db.pool).await.unwrap();
    out.extend(rows.iter().map(|r| format!("household {r:?}")));
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT meter_id, kind, state FROM commands ORDER BY id").fetch_all(&h.db.pool).await.unwrap();
    out.extend(rows.iter().map(|r| format!("command {r:?}")));
    let rows: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT meter_id, execution, cause FROM valve_records ORDER BY id")
            .fetch_all(&h.db.pool)
            .await
            .unwrap();
    out.extend(rows.iter().map(|r| format!("valve record {r:?}")));
    out
}

fn without_commands(outcomes: Vec<IngestOutcome>) -> Vec<IngestOutcome> {
    outcomes
        .into_iter()
        .map(|o| match o {
            IngestOutcome::Stored { charged, .. } => IngestOutcome::Stored { charged, commands: Vec::new() },
            other => other,
        })
        .collect()
}

async fn compare(kind: Kind) {
    let settings = Settings::default();
    let alone = Harness::new(kind).await;
    let meters = setup(&alone).await;
    let mut one_by_one = Vec::new();
    for (meter, r) in batch(meters) {
        one_by_one.push(ingest(&alone.db, &settings, meter, r).await.unwrap());
    }
    let together = Harness::new(kind).await;
    assert_eq!(setup(&together).await, meters);
    let batched = ingest_batch(&together.db, &settings, batch(meters)).await.unwrap();

    let closes = |o: &[IngestOutcome]| -> usize {
        o.iter().map(|o| if let IngestOutcome::Stored { commands, .. } = o { commands.len() } else { 0 }).sum()
    };
    assert_eq!(closes(&one_by_one), 1, "meter A's household crosses the overdraft once: {one_by_one:?}");
    assert_eq!(closes(&batched), 1, "{batched:?}");
    assert_eq!(without_commands(batched.clone()), without_commands(one_by_one.clone()));
    assert!(matches!(batched[2], IngestOutcome::Duplicate), "a repeat within the batch");
    assert!(matches!(batched[5], IngestOutcome::Duplicate), "a repeat of a stored reading");
    assert!(matches!(batched[3], IngestOutcome::Backwards));
    let (a, b) = (state(&alone).await, state(&together).await);
    assert!(a.iter().any(|l| l.starts_with("command") && l.contains("close_valve")), "{a:#?}");
    assert_eq!(a, b, "batched ingest writes what one-by-one ingest writes");
    alone.assert_ledger_sound().await;
    together.assert_ledger_sound().await;
    alone.cleanup.clone().run().await;
    together.cleanup.clone().run().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_equals_one_by_one_sqlite() {
    compare(Kind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_equals_one_by_one_postgres() {
    compare(Kind::Postgres).await;
}
