//! Readings: pages of stored readings, by area, time range and search.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::fixed::Register;
use crate::model::ids::{AreaId, MeterId};
use crate::model::reading::ReadingNote;
use crate::model::reading::{ReadingFilter, ReadingRow};
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;

use super::meters::SEARCH as METER_SEARCH;

const SELECT: &str = "SELECT r.id, r.meter_id, m.serialnumber, m.dev_eui, m.imei, m.customer_name, h.serialnumber AS household_serialnumber,
    m.area_id, a.name AS area_name, m.energy_type, e.equipment_type, r.read_at, r.forward_register, r.valve_state, r.battery_mv,
    r.rssi, r.snr_tenths, r.margin
    FROM readings r JOIN meters m ON m.id = r.meter_id JOIN households h ON h.id = m.household_id
    JOIN areas a ON a.id = m.area_id JOIN equipment_models e ON e.id = m.equipment_model_id";

/// The newest counted reading of a meter, with everything the meter reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestReading {
    pub read_at: crate::model::time::Timestamp,
    pub forward: crate::model::fixed::Register,
    pub reverse: Option<crate::model::fixed::Register>,
    pub flow: Option<crate::model::fixed::Register>,
    pub battery_mv: Option<i64>,
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
    pub alarms: i64,
    pub margin: Option<i64>,
}

fn reading_from(row: &AnyRow) -> Result<ReadingRow, ServiceError> {
    Ok(ReadingRow {
        id: rows::int(row, "id")?,
        meter_id: MeterId(rows::int(row, "meter_id")?),
        meter_address: rows::text(row, "serialnumber")?,
        dev_eui: rows::opt_text(row, "dev_eui")?,
        imei: rows::opt_text(row, "imei")?,
        customer_name: rows::text(row, "customer_name")?,
        customer_number: rows::text(row, "household_serialnumber")?,
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        energy_type: rows::energy(row, "energy_type")?,
        equipment_type: rows::text(row, "equipment_type")?,
        read_at: rows::time(row, "read_at")?,
        forward: rows::fixed(row, "forward_register")?,
        valve_state: rows::valve(row, "valve_state")?,
        battery_mv: rows::opt_int(row, "battery_mv")?,
        rssi: rows::opt_int(row, "rssi")?,
        snr_tenths: rows::opt_int(row, "snr_tenths")?,
        margin: rows::opt_int(row, "margin")?,
    })
}

/// A page of the readings in the areas under `subtree` (a `LIKE` pattern of
/// area paths) that match `f`, newest first, and how many match.
pub async fn list(db: &Db, subtree: &str, f: &ReadingFilter) -> Result<(Vec<ReadingRow>, i64), ServiceError> {
    let filter = |q: &mut Sql| {
        q.push(" WHERE r.read_at >= ").bind(f.start.0).push(" AND r.read_at <= ").bind(f.end.0);
        q.push(" AND m.area_id IN (SELECT id FROM areas WHERE path LIKE ").bind(subtree.to_owned()).push(")");
        if let Some(e) = f.energy_type {
            q.push(" AND m.energy_type = ").bind(e.code());
        }
        if let Some(meter) = f.meter_id {
            q.push(" AND r.meter_id = ").bind(meter.0);
        }
        if let Some(term) = f.search.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&METER_SEARCH, term);
        }
    };
    let mut count = Sql::new(
        "SELECT COUNT(*) FROM readings r JOIN meters m ON m.id = r.meter_id JOIN households h ON h.id = m.household_id",
    );
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY r.read_at DESC, r.id DESC LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(reading_from).collect::<Result<_, _>>()?, total))
}

/// The meter's continuous register (see `ingest`) at time `t`, and when it
/// was read: that of the last counted reading at or before `t` (backwards
/// and removed-meter readings do not count). Differences of it are
/// consumption, across device replacements.
pub async fn register_at<'e, E>(executor: E, meter: MeterId, t: Timestamp) -> Result<Option<(i64, i64)>, ServiceError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT total_register, read_at FROM readings WHERE meter_id = $1 AND read_at <= $2 AND note = $3
         ORDER BY read_at DESC LIMIT 1",
    )
    .bind(meter.0)
    .bind(t.0)
    .bind(ReadingNote::Counted.code())
    .fetch_optional(executor)
    .await?)
}

/// The continuous register of the meter's first counted reading in `[start, end)`.
pub async fn first_register_in(
    db: &Db,
    meter: MeterId,
    start: Timestamp,
    end: Timestamp,
) -> Result<Option<i64>, ServiceError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT total_register FROM readings WHERE meter_id = $1 AND read_at >= $2 AND read_at < $3 AND note = $4
         ORDER BY read_at LIMIT 1",
    )
    .bind(meter.0)
    .bind(start.0)
    .bind(end.0)
    .bind(ReadingNote::Counted.code())
    .fetch_optional(&db.pool)
    .await?)
}

/// The meter's counted readings in `[start, end]`, oldest first, at most
/// `limit`: time, the register as read, the continuous register.
pub async fn counted_in(
    db: &Db,
    meter: MeterId,
    start: Timestamp,
    end: Timestamp,
    limit: i64,
) -> Result<Vec<(Timestamp, Register, Register)>, ServiceError> {
    let found = sqlx::query(
        "SELECT read_at, forward_register, total_register FROM readings
         WHERE meter_id = $1 AND read_at >= $2 AND read_at <= $3 AND note = $4 ORDER BY read_at LIMIT $5",
    )
    .bind(meter.0)
    .bind(start.0)
    .bind(end.0)
    .bind(ReadingNote::Counted.code())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|row| {
            Ok((
                rows::time(row, "read_at")?,
                rows::fixed(row, "forward_register")?,
                rows::fixed(row, "total_register")?,
            ))
        })
        .collect()
}

/// A reading the ingest stores: what the meter said, how it counts, and the
/// meter's continuous register at it.
#[derive(Debug, Clone, Copy)]
pub struct StoredReading<'a> {
    pub meter: MeterId,
    pub reading: &'a crate::model::reading::NewReading,
    pub note: ReadingNote,
    pub total: i64,
}

/// Inserts readings inside `tx`, a statement per chunk.
pub async fn insert_batch(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    stored: &[StoredReading<'_>],
    created_at: Timestamp,
) -> Result<(), ServiceError> {
    use crate::backend::sql::Bind;
    for chunk in stored.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "INSERT INTO readings (meter_id, read_at, forward_register, reverse_register, instant_flow, valve_state,
                battery_mv, rssi, snr_tenths, alarms, margin, note, created_at, total_register) VALUES ",
        );
        q.push_rows(chunk.iter().map(|s| {
            let r = s.reading;
            [
                Bind::Int(s.meter.0),
                Bind::Int(r.read_at.0),
                Bind::Int(r.forward.minor()),
                r.reverse.map(|v| v.minor()).into(),
                r.flow.map(|v| v.minor()).into(),
                Bind::Int(r.valve.map_or(2, |v| v.code())),
                r.battery_mv.into(),
                r.rssi.into(),
                r.snr_tenths.into(),
                Bind::Int(r.alarms),
                r.margin.into(),
                s.note.code().into(),
                Bind::Int(created_at.0),
                Bind::Int(s.total),
            ]
        }));
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Which of the `(meter, read_at)` pairs `wanted` (of the meters `ids`) are
/// stored already.
pub async fn stored_among(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ids: &[i64],
    wanted: &std::collections::HashSet<(i64, i64)>,
) -> Result<std::collections::HashSet<(i64, i64)>, ServiceError> {
    let mut found = std::collections::HashSet::new();
    let Some(from) = wanted.iter().map(|(_, t)| *t).min() else { return Ok(found) };
    let to = wanted.iter().map(|(_, t)| *t).max().unwrap_or(from);
    for chunk in ids.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT meter_id, read_at FROM readings WHERE read_at >= ");
        q.bind(from).push(" AND read_at <= ").bind(to).push(" AND meter_id IN ").push_list(chunk.iter().copied());
        for row in q.query().fetch_all(&mut **tx).await? {
            let key = (rows::int(&row, "meter_id")?, rows::int(&row, "read_at")?);
            if wanted.contains(&key) {
                found.insert(key);
            }
        }
    }
    Ok(found)
}
