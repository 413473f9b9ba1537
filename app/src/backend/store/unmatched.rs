//! Unmatched payments: money a provider confirmed that no order or
//! household could take, kept until an operator decides.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::fixed::Money;
use crate::model::ids::HouseholdId;
use crate::model::payment::{ProviderId, Unmatched, UnmatchedState};
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

const SELECT: &str = "SELECT id, provider, receipt, account, payer, payer_name, amount, currency, reason, received_at,
    state, household_id, resolved_by, resolved_at, note FROM unmatched_payments";

fn from_row(row: &AnyRow) -> Result<Unmatched, ServiceError> {
    let provider = rows::text(row, "provider")?;
    let state = rows::int(row, "state")?;
    Ok(Unmatched {
        id: rows::int(row, "id")?,
        provider: ProviderId::from_code(&provider)
            .ok_or_else(|| ServiceError::Internal(format!("stored payment provider {provider:?}")))?,
        receipt: rows::text(row, "receipt")?,
        account: rows::text(row, "account")?,
        payer: rows::text(row, "payer")?,
        payer_name: rows::text(row, "payer_name")?,
        amount: Money::from_minor(rows::int(row, "amount")?),
        currency: rows::text(row, "currency")?,
        reason: rows::text(row, "reason")?,
        received_at: rows::time(row, "received_at")?,
        state: UnmatchedState::from_code(state)
            .ok_or_else(|| ServiceError::Internal(format!("stored unmatched payment state {state}")))?,
        household_id: rows::opt_int(row, "household_id")?.map(HouseholdId),
        resolved_by: rows::opt_text(row, "resolved_by")?,
        resolved_at: rows::opt_time(row, "resolved_at")?,
        note: rows::text(row, "note")?,
    })
}

/// What is kept of a payment that matched nothing.
#[derive(Debug, Clone)]
pub struct NewUnmatched<'a> {
    pub provider: ProviderId,
    pub receipt: &'a str,
    pub account: &'a str,
    pub payer: &'a str,
    pub payer_name: &'a str,
    pub amount: Money,
    pub currency: &'a str,
    pub reason: &'a str,
    pub at: Timestamp,
}

/// Keeps the payment; false when its receipt is kept already (a repeated
/// confirmation).
pub async fn keep<'e, E: sqlx::Executor<'e, Database = Any>>(ex: E, p: NewUnmatched<'_>) -> Result<bool, ServiceError> {
    let inserted = sqlx::query(
        "INSERT INTO unmatched_payments (provider, receipt, account, payer, payer_name, amount, currency, reason, received_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(p.provider.code())
    .bind(p.receipt.to_owned())
    .bind(p.account.to_owned())
    .bind(p.payer.to_owned())
    .bind(p.payer_name.to_owned())
    .bind(p.amount.minor())
    .bind(p.currency.to_owned())
    .bind(p.reason.to_owned())
    .bind(p.at.0)
    .bind(UnmatchedState::Waiting.code())
    .execute(ex)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Whether a provider's receipt is kept already.
pub async fn holds(db: &Db, provider: ProviderId, receipt: &str) -> Result<bool, ServiceError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM unmatched_payments WHERE provider = $1 AND receipt = $2")
        .bind(provider.code())
        .bind(receipt.to_owned())
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Unmatched>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    row.as_ref().map(from_row).transpose()
}

/// Kept payments, waiting ones first, newest first.
pub async fn list(db: &Db, limit: i64) -> Result<Vec<Unmatched>, ServiceError> {
    let found = sqlx::query(&format!(
        "{SELECT} ORDER BY CASE WHEN state = $1 THEN 0 ELSE 1 END, received_at DESC, id DESC LIMIT $2"
    ))
    .bind(UnmatchedState::Waiting.code())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found.iter().map(from_row).collect()
}

/// How many wait for an operator.
pub async fn waiting(db: &Db) -> Result<i64, ServiceError> {
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM unmatched_payments WHERE state = $1")
        .bind(UnmatchedState::Waiting.code())
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// Ends a waiting payment (assigned or to be refunded), inside the
/// transaction that credits it; false when it was no longer waiting.
pub async fn resolve(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    state: UnmatchedState,
    household: Option<HouseholdId>,
    actor: &str,
    note: &str,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE unmatched_payments SET state = $1, household_id = $2, resolved_by = $3, resolved_at = $4, note = $5
         WHERE id = $6 AND state = $7",
    )
    .bind(state.code())
    .bind(household.map(|h| h.0))
    .bind(actor.to_owned())
    .bind(at.0)
    .bind(note.to_owned())
    .bind(id)
    .bind(UnmatchedState::Waiting.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Kept payments received between `start` and `end`, oldest first.
pub async fn received(db: &Db, start: Timestamp, end: Timestamp) -> Result<Vec<Unmatched>, ServiceError> {
    let found = sqlx::query(&format!("{SELECT} WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id"))
        .bind(start.0)
        .bind(end.0)
        .fetch_all(&db.pool)
        .await?;
    found.iter().map(from_row).collect()
}
