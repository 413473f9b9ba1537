//! Reconciliation: per provider and local day, what the provider confirmed
//! (orders with its receipt, and money kept because it matched nothing)
//! against what households were credited, with every difference named.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::{orders, unmatched};
use crate::model::fixed::Money;
use crate::model::order::{OrderState, PaymentOrder};
use crate::model::payment::{Difference, Discrepancy, ProviderId, ReconciledDay, Unmatched, UnmatchedState};
use crate::model::time::Timestamp;
use crate::model::zone::Zone;
use std::collections::BTreeMap;

/// The most days one reconciliation covers.
pub const MAX_DAYS: i64 = 62;

type Key = (ProviderId, String);

fn day(zone: Zone, at: Timestamp) -> String {
    zone.date_of(at).format("%Y-%m-%d").to_string()
}

fn add(total: &mut Money, amount: Money) {
    *total = total.checked_add(amount).unwrap_or(*total);
}

fn entry(days: &mut BTreeMap<Key, ReconciledDay>, key: Key) -> &mut ReconciledDay {
    days.entry(key.clone()).or_insert_with(|| ReconciledDay {
        provider: key.0,
        day: key.1,
        confirmed_count: 0,
        confirmed_total: Money::ZERO,
        credited_count: 0,
        credited_total: Money::ZERO,
        differences: Vec::new(),
    })
}

fn order_line(days: &mut BTreeMap<Key, ReconciledDay>, zone: Zone, o: &PaymentOrder) {
    let Some(provider) = o.provider else { return };
    let row = entry(days, (provider, day(zone, o.created_at)));
    let credited = o.state == OrderState::Succeeded;
    if let Some(receipt) = &o.receipt {
        row.confirmed_count += 1;
        add(&mut row.confirmed_total, o.amount);
        if !credited {
            let detail = match o.state {
                OrderState::InRecharge => "on its way to the meter".to_owned(),
                _ => o.result.clone(),
            };
            row.differences.push(Discrepancy {
                kind: Difference::ConfirmedNotCredited,
                what: o.order_no.clone(),
                receipt: Some(receipt.clone()),
                amount: o.amount,
                detail,
            });
        }
    }
    if credited {
        row.credited_count += 1;
        add(&mut row.credited_total, o.amount);
        if o.receipt.is_none() {
            row.differences.push(Discrepancy {
                kind: Difference::CreditedNotConfirmed,
                what: o.order_no.clone(),
                receipt: None,
                amount: o.amount,
                detail: "no receipt from the provider on record".into(),
            });
        }
    }
}

fn kept_line(
    days: &mut BTreeMap<Key, ReconciledDay>,
    zone: Zone,
    u: &Unmatched,
    orders_by_no: &BTreeMap<String, Money>,
) {
    let row = entry(days, (u.provider, day(zone, u.received_at)));
    row.confirmed_count += 1;
    add(&mut row.confirmed_total, u.amount);
    if u.state == UnmatchedState::Assigned {
        row.credited_count += 1;
        add(&mut row.credited_total, u.amount);
        return;
    }
    let ordered = orders_by_no.get(&u.account).copied().filter(|a| *a != u.amount);
    let (kind, detail) = match ordered {
        Some(ordered) => (Difference::AmountDiffers, format!("{} paid for an order of {}", u.amount, ordered)),
        None => (Difference::ConfirmedNotCredited, u.reason.clone()),
    };
    let detail =
        if u.state == UnmatchedState::Refund { format!("{detail} (to be refunded: {})", u.note) } else { detail };
    row.differences.push(Discrepancy {
        kind,
        what: if u.account.is_empty() { u.receipt.clone() } else { u.account.clone() },
        receipt: Some(u.receipt.clone()),
        amount: u.amount,
        detail,
    });
}

/// The local days from `first` to `last` (both included) on the caller's
/// clock. Operators of a top-level area only: kept money belongs to no area.
pub async fn reconcile(
    db: &Db,
    caller: &Caller,
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
) -> Result<Vec<ReconciledDay>, ServiceError> {
    super::unmatched::list(db, caller).await?;
    if last < first || (last - first).num_days() >= MAX_DAYS {
        return Err(ServiceError::invalid(
            "end",
            format!("must be on or after the start, at most {MAX_DAYS} days later"),
        ));
    }
    let zone = super::zones::of_caller(db, caller).await?;
    let (start, _) = zone.day_bounds(first);
    let (_, end) = zone.day_bounds(last);
    let paid = orders::through_providers(db, start, end).await?;
    let kept = unmatched::received(db, start, end).await?;
    let by_no: BTreeMap<String, Money> = paid.iter().map(|o| (o.order_no.clone(), o.amount)).collect();
    let mut days = BTreeMap::new();
    for o in &paid {
        order_line(&mut days, zone, o);
    }
    for u in &kept {
        kept_line(&mut days, zone, u, &by_no);
    }
    Ok(days.into_values().collect())
}

/// Days as typed (`yyyy-MM-dd`); blank ends mean the last seven days.
pub async fn reconcile_typed(
    db: &Db,
    caller: &Caller,
    start: &str,
    end: &str,
) -> Result<Vec<ReconciledDay>, ServiceError> {
    let zone = super::zones::of_caller(db, caller).await?;
    let today = zone.date_of(crate::backend::clock::now());
    let read = |field: &str, raw: &str, default: chrono::NaiveDate| match raw.trim() {
        "" => Ok(default),
        text => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| ServiceError::invalid(field, format!("must be a date like 2026-12-01, got {text:?}"))),
    };
    let last = read("end", end, today)?;
    let first = read("start", start, last - chrono::Days::new(6))?;
    reconcile(db, caller, first, last).await
}
