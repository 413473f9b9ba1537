//! Consumption from register differences: what a register read at the end of
//! a period minus what it read at its start, never a sum of floats.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::require_meter;
use crate::model::dashboard::UsageSeries;
use crate::model::fixed::{Money, Register};
use crate::model::ids::MeterId;
use crate::model::meter::MeterRef;
use crate::model::reading::ReadingNote;
use crate::model::time::{Month, Timestamp};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::Any;

/// The consumption of a meter over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub meter_id: MeterId,
    pub start: Timestamp,
    pub end: Timestamp,
    pub consumption: Register,
    /// Time of the last reading inside the period, if any.
    pub last_read_at: Option<Timestamp>,
}

/// The meter's continuous register (see `ingest`) at time `t`: that of the last
/// counted reading at or before `t` (backwards and removed-meter readings do
/// not count). Differences of it are consumption, across device replacements.
pub(crate) async fn register_at<'e, E>(
    executor: E,
    meter: MeterId,
    t: Timestamp,
) -> Result<Option<(i64, i64)>, ServiceError>
where
    E: sqlx::Executor<'e, Database = Any>,
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

/// What consumption over a period is computed from: the meter's continuous
/// register read at the period's bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodRegisters {
    /// The last counted reading before the end: register and time.
    pub at_end: Option<(i64, i64)>,
    /// The last counted reading before the start.
    pub before: Option<i64>,
    /// The first counted reading inside the period.
    pub first_inside: Option<i64>,
}

impl PeriodRegisters {
    /// Consumption in `[start, end)` and the time of the last reading inside
    /// it. Without a reading before the start, the first reading inside the
    /// period is the baseline.
    pub fn usage(&self, meter: MeterId, start: Timestamp, end: Timestamp) -> Usage {
        let (consumption, last) = match (self.before.or(self.first_inside), self.at_end) {
            (Some(b), Some((e, at))) if at >= start.0 => ((e - b).max(0), Some(Timestamp(at))),
            _ => (0, None),
        };
        Usage { meter_id: meter, start, end, consumption: Register::from_minor(consumption), last_read_at: last }
    }
}

/// Consumption in `[start, end)` (see [`PeriodRegisters::usage`]).
pub async fn usage(db: &Db, meter: MeterId, start: Timestamp, end: Timestamp) -> Result<Usage, ServiceError> {
    let at_end = register_at(&db.pool, meter, Timestamp(end.0 - 1)).await?;
    let before = register_at(&db.pool, meter, Timestamp(start.0 - 1)).await?.map(|(reg, _)| reg);
    let first_inside = match before {
        Some(_) => None,
        None => sqlx::query_scalar::<_, i64>(
            "SELECT total_register FROM readings WHERE meter_id = $1 AND read_at >= $2 AND read_at < $3 AND note = $4
             ORDER BY read_at LIMIT 1",
        )
        .bind(meter.0)
        .bind(start.0)
        .bind(end.0)
        .bind(ReadingNote::Counted.code())
        .fetch_optional(&db.pool)
        .await?,
    };
    Ok(PeriodRegisters { at_end, before, first_inside }.usage(meter, start, end))
}

/// Midnight UTC starting a day.
pub fn day_bounds(day: NaiveDate) -> (Timestamp, Timestamp) {
    let start = day.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or_default();
    (Timestamp(start), Timestamp(start + 86_400))
}

pub fn month_bounds(month: Month) -> (Timestamp, Timestamp) {
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap_or_default();
    let next = if month.month == 12 {
        NaiveDate::from_ymd_opt(month.year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(month.year, month.month + 1, 1)
    }
    .unwrap_or_default();
    (day_bounds(first).0, day_bounds(next).0)
}

/// The month a time falls in.
pub fn month_of(t: Timestamp) -> Month {
    let d = chrono::DateTime::from_timestamp(t.0, 0).unwrap_or_default();
    Month { year: d.year(), month: d.month() }
}

/// A meter's usage on a day, for a caller who may see it.
pub async fn daily(db: &Db, caller: &Caller, meter: &MeterRef, day: NaiveDate) -> Result<Usage, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let (start, end) = day_bounds(day);
    usage(db, access.id, start, end).await
}

/// What a day's readings of a meter were charged from its household's
/// balance (the ledger's consumption entries: time-of-use included, as
/// charged); `None` for a meter the balance does not pay as it goes (a
/// postpaid meter, or one that holds its own credit).
pub async fn charged_on(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
    day: NaiveDate,
) -> Result<Option<Money>, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let by_ledger: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN m.pay_mode = $2 AND e.holds_credit = 0 THEN 1 ELSE 0 END
         FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id WHERE m.id = $1",
    )
    .bind(access.id.0)
    .bind(crate::backend::rows::pay_mode_code(crate::model::PayMode::Prepaid))
    .fetch_one(&db.pool)
    .await?;
    if by_ledger == 0 {
        return Ok(None);
    }
    let (start, end) = day_bounds(day);
    let charged: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(-SUM(amount), 0) AS BIGINT) FROM ledger_entries
         WHERE meter_id = $1 AND kind = $2 AND created_at >= $3 AND created_at < $4",
    )
    .bind(access.id.0)
    .bind(crate::backend::ledger::EntryKind::Consumption.code())
    .bind(start.0)
    .bind(end.0)
    .fetch_one(&db.pool)
    .await?;
    Ok(Some(Money::from_minor(charged)))
}

pub async fn monthly(db: &Db, caller: &Caller, meter: &MeterRef, month: Month) -> Result<Usage, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let (start, end) = month_bounds(month);
    usage(db, access.id, start, end).await
}

/// One reading of a meter's history with the use since the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub read_at: Timestamp,
    pub reading: Register,
    pub consumption: Register,
}

/// Readings in a range with the consumption since the previous counted reading.
pub async fn history(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
    start: Timestamp,
    end: Timestamp,
) -> Result<Vec<HistoryPoint>, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    if end < start {
        return Err(ServiceError::invalid("endDate", "is before startDate"));
    }
    let mut previous = register_at(&db.pool, access.id, Timestamp(start.0 - 1)).await?.map(|(r, _)| r);
    let found = sqlx::query(
        "SELECT read_at, forward_register, total_register FROM readings
         WHERE meter_id = $1 AND read_at >= $2 AND read_at <= $3 AND note = $4 ORDER BY read_at LIMIT 5000",
    )
    .bind(access.id.0)
    .bind(start.0)
    .bind(end.0)
    .bind(ReadingNote::Counted.code())
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let (reg, total) = (rows::int(row, "forward_register")?, rows::int(row, "total_register")?);
        let used = previous.map_or(0, |p| (total - p).max(0));
        previous = Some(total);
        out.push(HistoryPoint {
            read_at: rows::time(row, "read_at")?,
            reading: Register::from_minor(reg),
            consumption: Register::from_minor(used),
        });
    }
    Ok(out)
}

/// The month before `m`.
pub fn previous_month(m: Month) -> Month {
    if m.month == 1 { Month { year: m.year - 1, month: 12 } } else { Month { year: m.year, month: m.month - 1 } }
}

/// A meter's use over the last 30 days and 12 months (UTC), oldest first, for
/// its charts. Each bar is the same register difference as `usage`.
pub async fn series(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<UsageSeries, ServiceError> {
    use crate::model::dashboard::Bar;
    let access = require_meter(db, caller, meter).await?;
    let energy_type = crate::backend::services::meters::energy_of(db, access.id).await?;
    let today = chrono::DateTime::from_timestamp(now().0, 0).unwrap_or_default().date_naive();
    let mut days = Vec::with_capacity(30);
    for back in (0..30).rev() {
        let day = today - chrono::Days::new(back);
        let (start, end) = day_bounds(day);
        let used = usage(db, access.id, start, end).await?;
        days.push(Bar { label: day.format("%m-%d").to_string(), value: used.consumption });
    }
    let mut month = month_of(now());
    let mut months = Vec::with_capacity(12);
    for _ in 0..12 {
        let (start, end) = month_bounds(month);
        let used = usage(db, access.id, start, end).await?;
        months.push(Bar { label: month.to_string(), value: used.consumption });
        month = previous_month(month);
    }
    months.reverse();
    Ok(UsageSeries { energy_type, days, months })
}
