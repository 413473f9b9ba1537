//! Consumption from register differences: what a register read at the end of
//! a period minus what it read at its start, never a sum of floats.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::store;

use super::zones;
use crate::model::dashboard::UsageSeries;
use crate::model::fixed::{Money, Register};
use crate::model::ids::MeterId;
use crate::model::meter::MeterRef;
use crate::model::time::{Month, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::model::time::{day_bounds, month_bounds, month_of, previous_month};

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

pub(crate) use crate::backend::store::readings::register_at;

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
        None => store::readings::first_register_in(db, meter, start, end).await?,
    };
    Ok(PeriodRegisters { at_end, before, first_inside }.usage(meter, start, end))
}

/// A meter's usage on a day of its zone's calendar (local midnight to
/// midnight), for a caller who may see it.
pub async fn daily(db: &Db, caller: &Caller, meter: &MeterRef, day: NaiveDate) -> Result<Usage, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let (start, end) = zones::of_access(db, &access).await?.day_bounds(day);
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
    if !store::meters::charged_as_it_goes(db, access.id).await? {
        return Ok(None);
    }
    let (start, end) = zones::of_access(db, &access).await?.day_bounds(day);
    let charged = crate::backend::store::ledger::consumption_charged(db, access.id, start, end).await?;
    Ok(Some(charged))
}

/// A meter's usage in a month of its zone's calendar.
pub async fn monthly(db: &Db, caller: &Caller, meter: &MeterRef, month: Month) -> Result<Usage, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let (start, end) = zones::of_access(db, &access).await?.month_bounds(month);
    usage(db, access.id, start, end).await
}

/// One reading of a meter's history with the use since the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub read_at: Timestamp,
    pub reading: Register,
    pub consumption: Register,
}

/// The most readings one history answers.
const HISTORY_LIMIT: i64 = 5_000;

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
    let found = store::readings::counted_in(db, access.id, start, end, HISTORY_LIMIT).await?;
    let mut out = Vec::with_capacity(found.len());
    for (read_at, reading, total) in found {
        let used = previous.map_or(0, |p| (total.minor() - p).max(0));
        previous = Some(total.minor());
        out.push(HistoryPoint { read_at, reading, consumption: Register::from_minor(used) });
    }
    Ok(out)
}

/// A meter's use over the last 30 days and 12 months of its zone's
/// calendar, oldest first, for its charts. Each bar is the same register
/// difference as `usage`.
pub async fn series(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<UsageSeries, ServiceError> {
    use crate::model::dashboard::Bar;
    let access = require_meter(db, caller, meter).await?;
    let zone = zones::of_access(db, &access).await?;
    let energy_type = crate::backend::services::meters::energy_of(db, access.id).await?;
    let today = zone.date_of(now());
    let mut days = Vec::with_capacity(30);
    for back in (0..30).rev() {
        let day = today - chrono::Days::new(back);
        let (start, end) = zone.day_bounds(day);
        let used = usage(db, access.id, start, end).await?;
        days.push(Bar { label: day.format("%m-%d").to_string(), value: used.consumption });
    }
    let mut month = zone.month_of(now());
    let mut months = Vec::with_capacity(12);
    for _ in 0..12 {
        let (start, end) = zone.month_bounds(month);
        let used = usage(db, access.id, start, end).await?;
        months.push(Bar { label: month.to_string(), value: used.consumption });
        month = previous_month(month);
    }
    months.reverse();
    Ok(UsageSeries { energy_type, days, months })
}
