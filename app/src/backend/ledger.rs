//! The append-only ledger. Every balance change is one entry written in the
//! same transaction as the cached balance; `check` proves they agree.

use super::error::ServiceError;
use crate::model::fixed::Money;
use crate::model::ids::{HouseholdId, MeterId};
use crate::model::time::Timestamp;
use sqlx::{Any, Row, Transaction};

/// Why a balance changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Opening,
    TopUp,
    Consumption,
    Bill,
    Adjustment,
    Refund,
    CarryOver,
}

impl EntryKind {
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Opening => "opening",
            EntryKind::TopUp => "topup",
            EntryKind::Consumption => "consumption",
            EntryKind::Bill => "bill",
            EntryKind::Adjustment => "adjustment",
            EntryKind::Refund => "refund",
            EntryKind::CarryOver => "carry_over",
        }
    }
}

/// One balance change to write.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub household: HouseholdId,
    pub meter: Option<MeterId>,
    pub kind: EntryKind,
    pub amount: Money,
    pub cause: &'a str,
    pub actor: &'a str,
    pub at: Timestamp,
}

/// The largest balance we accept: far beyond any real account, far below overflow.
pub const MAX_BALANCE: Money = Money::from_minor(100_000_000_000);

/// Applies an entry: moves the cached balance and appends the entry, in `tx`.
/// Returns the balance after it.
pub async fn post(tx: &mut Transaction<'static, Any>, entry: Entry<'_>) -> Result<Money, ServiceError> {
    let row = sqlx::query("UPDATE households SET balance = balance + $1 WHERE id = $2 RETURNING balance")
        .bind(entry.amount.minor())
        .bind(entry.household.0)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("household {} not found", entry.household)))?;
    let after = Money::from_minor(row.try_get::<i64, _>("balance")?);
    if after.minor().abs() > MAX_BALANCE.minor() {
        return Err(ServiceError::invalid("amount", format!("would take the balance beyond {MAX_BALANCE}")));
    }
    sqlx::query(
        "INSERT INTO ledger_entries (household_id, meter_id, kind, amount, balance_after, cause, actor, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.household.0)
    .bind(entry.meter.map(|m| m.0))
    .bind(entry.kind.code())
    .bind(entry.amount.minor())
    .bind(after.minor())
    .bind(entry.cause.to_owned())
    .bind(entry.actor.to_owned())
    .bind(entry.at.0)
    .execute(&mut **tx)
    .await?;
    Ok(after)
}

/// Households whose cached balance differs from the sum of their entries
/// (empty when the ledger is sound).
pub async fn check(pool: &sqlx::AnyPool) -> Result<Vec<(HouseholdId, Money, Money)>, ServiceError> {
    let rows = sqlx::query(
        "SELECT h.id, h.balance, CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS total
         FROM households h LEFT JOIN ledger_entries l ON l.household_id = h.id
         GROUP BY h.id, h.balance HAVING h.balance <> CAST(COALESCE(SUM(l.amount), 0) AS BIGINT)",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                HouseholdId(r.try_get("id")?),
                Money::from_minor(r.try_get("balance")?),
                Money::from_minor(r.try_get("total")?),
            ))
        })
        .collect()
}
