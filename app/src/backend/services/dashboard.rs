//! The operator dashboard: the figures of the caller's areas, for today,
//! this month and the last two weeks.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::gateways::ONLINE_WINDOW_SECONDS;
use crate::backend::store::overview as store;
use crate::model::dashboard::{Bar, Overview};
use crate::model::fixed::Money;
use crate::model::meter::MeterStatus;
use crate::model::time::Timestamp;

pub async fn overview(db: &Db, caller: &Caller) -> Result<Overview, ServiceError> {
    let admin = caller.admin()?;
    let at = now();
    // "Today" and "this month" on the operator's clock.
    let zone = super::zones::of_caller(db, caller).await?;
    let today = zone.date_of(at);
    let (today_start, today_end) = zone.day_bounds(today);
    let (month_start, month_end) = zone.month_bounds(zone.month_of(at));
    let (gateways_total, gateways_online) = store::gateways(db, admin, Timestamp(at.0 - ONLINE_WINDOW_SECONDS)).await?;
    const DAYS: i64 = 14;
    let first_day = Timestamp(today_start.0 - (DAYS - 1) * 86_400);
    let daily = store::revenue_by_day(db, admin, first_day, DAYS).await?;
    Ok(Overview {
        meters_active: store::meters_with_status(db, admin, MeterStatus::Active).await?,
        meters_removed: store::meters_with_status(db, admin, MeterStatus::Removed).await?,
        valves_closed: store::valves_closed(db, admin).await?,
        households_low: store::households_low(db, admin).await?,
        gateways_online,
        gateways_total,
        commands_pending: store::commands_pending(db, admin).await?,
        credits_unconfirmed: store::credits_unconfirmed(db, admin).await?,
        today: store::use_by_energy(db, admin, today_start, today_end).await?,
        this_month: store::use_by_energy(db, admin, month_start, month_end).await?,
        revenue_month: store::revenue_since(db, admin, month_start).await?,
        revenue_days: daily
            .into_iter()
            .enumerate()
            .map(|(i, minor)| {
                let day = today - chrono::Days::new(u64::try_from(DAYS - 1).unwrap_or(0) - i as u64);
                Bar { label: day.format("%m-%d").to_string(), value: Money::from_minor(minor) }
            })
            .collect(),
        unmatched_payments: super::unmatched::waiting(db, caller).await?,
    })
}
