//! Monthly bills of postpaid meters: one per meter and month, whatever happens.
//!
//! A run inserts, for every active postpaid meter with readings, a bill from
//! the register at the end of the month minus the register before it (the
//! first reading of the month when there is none before), priced at the
//! plan's flat price and rounded to the cent by the one tariff rule. The unique key
//! (meter, month) and `ON CONFLICT DO NOTHING` make a repeated or interrupted
//! run write each bill exactly once; runs go in batches of meters, each batch
//! one transaction.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_household;
use crate::backend::store::ledger::{self, Entry, EntryKind};
use crate::backend::store::{self, bills, households};
use crate::model::fixed::{Money, Register};
use crate::model::tariff;
use crate::model::time::{Month, Timestamp};
use crate::model::zone::Zone;

/// Meters per transaction of a billing run.
const BATCH: i64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingSummary {
    /// Bills written by this run.
    pub created: u64,
    /// Postpaid meters looked at.
    pub meters: u64,
}

/// Bills `month` for every active postpaid meter (operators, and the scheduler).
pub async fn run_billing(db: &Db, caller: &Caller, month: Month) -> Result<BillingSummary, ServiceError> {
    let admin = caller.admin()?;
    // The run bills every postpaid meter at once: only an operator of a
    // top-level area ("/<id>/") may start it; area operators see its bills.
    if !admin.manages_a_top_level_area() {
        return Err(ServiceError::Forbidden(
            "the billing run covers every area: ask an operator of the whole tree".into(),
        ));
    }
    let groups = zone_groups(db).await?;
    if groups.iter().any(|(zone, _)| zone.month_bounds(month).1.0 > now().0) {
        return Err(ServiceError::invalid("billDate", "a month can be billed once it has ended"));
    }
    run_billing_unchecked(db, month).await
}

/// The areas by the zone their months are in: one group of every area
/// (`None`) when all run on the installation's clock.
async fn zone_groups(db: &Db) -> Result<Vec<(Zone, Option<Vec<i64>>)>, ServiceError> {
    let zones = store::zones::read(&db.pool).await?;
    if zones.single() {
        return Ok(vec![(zones.installation, None)]);
    }
    let mut groups: Vec<(Zone, Option<Vec<i64>>)> = Vec::new();
    for (area, path) in store::areas::all_paths(db).await? {
        let zone = zones.of_path(&path);
        match groups.iter_mut().find(|(z, _)| *z == zone) {
            Some((_, Some(ids))) => ids.push(area.0),
            _ => groups.push((zone, Some(vec![area.0]))),
        }
    }
    Ok(groups)
}

/// The billing run itself, for the scheduler (no caller): each meter's
/// month is its zone's local month.
pub async fn run_billing_unchecked(db: &Db, month: Month) -> Result<BillingSummary, ServiceError> {
    let mut summary = BillingSummary { created: 0, meters: 0 };
    for (zone, areas) in zone_groups(db).await? {
        let part = run_zone(db, month, zone.month_bounds(month), areas.as_deref()).await?;
        summary.created += part.created;
        summary.meters += part.meters;
    }
    Ok(summary)
}

/// The run over the meters of `areas` (every meter: `None`), whose month is `[start, end)`.
async fn run_zone(
    db: &Db,
    month: Month,
    (start, end): (Timestamp, Timestamp),
    areas: Option<&[i64]>,
) -> Result<BillingSummary, ServiceError> {
    let max_id = bills::max_meter_id(db).await?;
    let mut summary = BillingSummary { created: 0, meters: 0 };
    let at = now();
    let mut from = 0_i64;
    while from <= max_id {
        let to = from + BATCH;
        let mut tx = db.begin().await?;
        let found = bills::billable(&mut tx, (start, end), (from, to), areas).await?;
        // Priced by the one tariff rule (model::tariff), not in SQL.
        let mut priced = Vec::with_capacity(found.len());
        for b in found {
            let fee =
                tariff::cost(Register::from_minor(b.end.minor() - b.start.minor()), b.price).ok_or_else(|| {
                    ServiceError::Internal(format!("meter {}'s bill is beyond what money can hold", b.meter))
                })?;
            priced.push((b, fee));
        }
        summary.created += bills::create_once(&mut tx, month, &priced, at).await?;
        let meters = bills::postpaid_meters(&mut tx, (from, to), areas).await?;
        db.commit(tx).await?;
        summary.meters += meters as u64;
        from = to;
    }
    Ok(summary)
}

async fn bill_owner(db: &Db, bill: i64) -> Result<bills::BillOwner, ServiceError> {
    bills::owner(db, bill).await?.ok_or_else(|| ServiceError::not_found(format!("bill {bill} not found")))
}

/// Pays a bill from the household balance (the household itself, or an operator).
pub async fn pay_from_balance(
    db: &Db,
    settings: &crate::backend::state::Settings,
    caller: &Caller,
    bill: i64,
) -> Result<Money, ServiceError> {
    let bills::BillOwner { meter, household, fee, month, .. } = bill_owner(db, bill).await?;
    require_household(db, caller, household)
        .await
        .map_err(|_| ServiceError::not_found(format!("bill {bill} not found")))?;
    let mut tx = db.begin().await?;
    households::lock(&mut tx, household).await?;
    // Conditional: a bill paid concurrently is not paid twice.
    if !bills::mark_paid(&mut *tx, bill, now()).await? {
        return Err(ServiceError::conflict("billId", "the bill is already paid"));
    }
    let balance = households::balance(&mut tx, household).await?;
    if balance < fee {
        return Err(ServiceError::invalid("billId", format!("the balance {balance} does not cover the bill {fee}")));
    }
    let cause = format!("bill {month}");
    let actor = caller.actor();
    let after = ledger::post(
        &mut tx,
        Entry {
            household,
            meter: Some(meter),
            kind: EntryKind::Bill,
            amount: Money::from_minor(-fee.minor()),
            cause: &cause,
            actor: &actor,
            at: now(),
        },
    )
    .await?;
    // Less money may cross a prepaid meter's overdraft line: the valve rule decides.
    super::valve_switching::apply_balance_rule(&mut tx, household, settings).await?;
    db.commit(tx).await?;
    Ok(after)
}

/// An operator records a bill as paid outside the platform (at a desk).
pub async fn mark_paid(db: &Db, caller: &Caller, bill: i64) -> Result<(), ServiceError> {
    caller.admin()?;
    let household = bill_owner(db, bill).await?.household;
    require_household(db, caller, household)
        .await
        .map_err(|_| ServiceError::not_found(format!("bill {bill} not found")))?;
    let marked = bills::mark_paid(&db.pool, bill, now()).await?;
    db.changed();
    if !marked {
        return Err(ServiceError::conflict("billId", "the bill is already paid"));
    }
    Ok(())
}
