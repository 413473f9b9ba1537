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
use crate::backend::ledger::ROWS_PER_STATEMENT;
use crate::backend::ledger::{self, Entry, EntryKind};
use crate::backend::rows::pay_mode_code;
use crate::backend::scope::require_household;
use crate::backend::sql::{Bind, Sql};
use crate::model::PayMode;
use crate::model::bill::BillStatus;
use crate::model::fixed::{Money, Register, UnitPrice};
use crate::model::ids::{HouseholdId, MeterId};
use crate::model::meter::MeterStatus;
use crate::model::reading::ReadingNote;
use crate::model::tariff;
use crate::model::time::Month;
use sqlx::Row;

use super::consumption::month_bounds;

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
    if !admin.roots.iter().any(|root| root.matches('/').count() == 2) {
        return Err(ServiceError::Forbidden(
            "the billing run covers every area: ask an operator of the whole tree".into(),
        ));
    }
    let (_, end) = month_bounds(month);
    if end.0 > now().0 {
        return Err(ServiceError::invalid("billDate", "a month can be billed once it has ended"));
    }
    run_billing_unchecked(db, month).await
}

/// The billing run itself, for the scheduler (no caller).
pub async fn run_billing_unchecked(db: &Db, month: Month) -> Result<BillingSummary, ServiceError> {
    let (start, end) = month_bounds(month);
    let max_id: i64 =
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM meters").fetch_one(&db.pool).await?;
    let mut summary = BillingSummary { created: 0, meters: 0 };
    let at = now().0;
    let mut from = 0_i64;
    while from <= max_id {
        let to = from + BATCH;
        let mut tx = db.begin().await?;
        let found = sqlx::query(
            "SELECT id, price, s, e FROM (
                 SELECT m.id, p.flat_price AS price,
                     COALESCE(
                         (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at < $1 AND r.note = $5
                          ORDER BY r.read_at DESC LIMIT 1),
                         (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at >= $1 AND r.read_at < $2
                          AND r.note = $5 ORDER BY r.read_at LIMIT 1)) AS s,
                     (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at < $2 AND r.note = $5
                      ORDER BY r.read_at DESC LIMIT 1) AS e
                 FROM meters m JOIN price_plans p ON p.id = m.price_id
                 WHERE m.pay_mode = $6 AND m.status = $7 AND m.id > $3 AND m.id <= $4
             ) t WHERE s IS NOT NULL AND e IS NOT NULL AND e >= s",
        )
        .bind(start.0)
        .bind(end.0)
        .bind(from)
        .bind(to)
        .bind(ReadingNote::Counted.code())
        .bind(pay_mode_code(PayMode::Postpaid))
        .bind(MeterStatus::Active.code())
        .fetch_all(&mut *tx)
        .await?;
        // Priced by the one tariff rule (model::tariff), not in SQL.
        let mut bills = Vec::with_capacity(found.len());
        for row in &found {
            let (id, price, s, e): (i64, i64, i64, i64) =
                (row.try_get("id")?, row.try_get("price")?, row.try_get("s")?, row.try_get("e")?);
            let fee = tariff::cost(Register::from_minor(e - s), UnitPrice::from_minor(price))
                .ok_or_else(|| ServiceError::Internal(format!("meter {id}'s bill is beyond what money can hold")))?;
            bills.push(vec![
                Bind::Int(id),
                Bind::from(month.to_string()),
                Bind::Int(s),
                Bind::Int(e),
                Bind::Int(e - s),
                Bind::Int(fee.minor()),
                Bind::Int(BillStatus::Unpaid.code()),
                Bind::Int(at),
            ]);
        }
        for chunk in bills.chunks(ROWS_PER_STATEMENT) {
            let mut q = Sql::bulk(
                &tx,
                "INSERT INTO bills (meter_id, month, start_register, end_register, dosage, fee, status, created_at) VALUES ",
            );
            q.push_rows(chunk.iter().cloned()).push(" ON CONFLICT (meter_id, month) DO NOTHING");
            summary.created += q.query().execute(&mut *tx).await?.rows_affected();
        }
        let meters: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM meters WHERE pay_mode = $3 AND status = $4 AND id > $1 AND id <= $2",
        )
        .bind(from)
        .bind(to)
        .bind(pay_mode_code(PayMode::Postpaid))
        .bind(MeterStatus::Active.code())
        .fetch_one(&mut *tx)
        .await?;
        db.commit(tx).await?;
        summary.meters += meters as u64;
        from = to;
    }
    Ok(summary)
}

async fn bill_owner(db: &Db, bill: i64) -> Result<(MeterId, HouseholdId, Money, bool, String), ServiceError> {
    let row = sqlx::query(
        "SELECT b.meter_id, m.household_id, b.fee, b.status, b.month FROM bills b JOIN meters m ON m.id = b.meter_id WHERE b.id = $1",
    )
    .bind(bill)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| ServiceError::not_found(format!("bill {bill} not found")))?;
    Ok((
        MeterId(row.try_get("meter_id")?),
        HouseholdId(row.try_get("household_id")?),
        Money::from_minor(row.try_get("fee")?),
        row.try_get::<i64, _>("status")? != 0,
        row.try_get("month")?,
    ))
}

/// Pays a bill from the household balance (the household itself, or an operator).
pub async fn pay_from_balance(
    db: &Db,
    settings: &crate::backend::state::Settings,
    caller: &Caller,
    bill: i64,
) -> Result<Money, ServiceError> {
    let (meter, household, fee, _, month) = bill_owner(db, bill).await?;
    require_household(db, caller, household)
        .await
        .map_err(|_| ServiceError::not_found(format!("bill {bill} not found")))?;
    let mut tx = db.begin().await?;
    crate::backend::store::households::lock(&mut tx, household).await?;
    // Conditional: a bill paid concurrently is not paid twice.
    let marked = sqlx::query("UPDATE bills SET status = $3, paid_at = $1 WHERE id = $2 AND status = $4")
        .bind(now().0)
        .bind(bill)
        .bind(BillStatus::Paid.code())
        .bind(BillStatus::Unpaid.code())
        .execute(&mut *tx)
        .await?;
    if marked.rows_affected() == 0 {
        return Err(ServiceError::conflict("billId", "the bill is already paid"));
    }
    let balance: i64 = sqlx::query_scalar("SELECT balance FROM households WHERE id = $1")
        .bind(household.0)
        .fetch_one(&mut *tx)
        .await?;
    if balance < fee.minor() {
        return Err(ServiceError::invalid(
            "billId",
            format!("the balance {} does not cover the bill {fee}", Money::from_minor(balance)),
        ));
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
    let (_, household, _, _, _) = bill_owner(db, bill).await?;
    require_household(db, caller, household)
        .await
        .map_err(|_| ServiceError::not_found(format!("bill {bill} not found")))?;
    let marked = sqlx::query("UPDATE bills SET status = $3, paid_at = $1 WHERE id = $2 AND status = $4")
        .bind(now().0)
        .bind(bill)
        .bind(BillStatus::Paid.code())
        .bind(BillStatus::Unpaid.code())
        .execute(&db.pool)
        .await?;
    db.changed();
    if marked.rows_affected() == 0 {
        return Err(ServiceError::conflict("billId", "the bill is already paid"));
    }
    Ok(())
}
