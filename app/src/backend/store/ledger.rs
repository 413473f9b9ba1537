//! The append-only ledger. Every balance change is one entry written in the
//! same transaction as the cached balance; `check` proves they agree.

use crate::backend::error::ServiceError;
use crate::backend::sql::{Bind, Sql};
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
    pub const fn code(self) -> &'static str {
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

/// Rows per multi-row statement: well under both databases' limits on bound
/// values (SQLite 32,766, PostgreSQL 65,535) for the widest row we write.
pub const ROWS_PER_STATEMENT: usize = 500;

/// Applies many entries at once, for households whose row locks this
/// transaction holds and whose balances it read into `balances` (which moves
/// along with the entries). One update of the balances and one insert of the
/// entries per `ROWS_PER_STATEMENT`, whatever their number: the same rule as
/// `post`, written set-wise for the ingest of many readings.
pub async fn post_batch(
    tx: &mut Transaction<'static, Any>,
    entries: &[Entry<'_>],
    balances: &mut std::collections::HashMap<HouseholdId, Money>,
) -> Result<(), ServiceError> {
    let mut afters = Vec::with_capacity(entries.len());
    let mut deltas = std::collections::BTreeMap::<HouseholdId, i64>::new();
    for e in entries {
        let balance = balances
            .get_mut(&e.household)
            .ok_or_else(|| ServiceError::Internal(format!("household {} was not locked", e.household)))?;
        let after = balance
            .checked_add(e.amount)
            .filter(|a| a.minor().abs() <= MAX_BALANCE.minor())
            .ok_or_else(|| ServiceError::invalid("amount", format!("would take the balance beyond {MAX_BALANCE}")))?;
        *balance = after;
        afters.push(after);
        *deltas.entry(e.household).or_default() += e.amount.minor();
    }
    let deltas: Vec<_> = deltas.into_iter().collect();
    for chunk in deltas.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "WITH v (id, delta) AS (VALUES ");
        q.push_rows(chunk.iter().map(|(h, d)| [Bind::Int(h.0), Bind::Int(*d)]));
        q.push(") UPDATE households SET balance = balance + v.delta FROM v WHERE households.id = v.id");
        q.query().execute(&mut **tx).await?;
    }
    let rows: Vec<_> = entries.iter().zip(afters).collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "INSERT INTO ledger_entries (household_id, meter_id, kind, amount, balance_after, cause, actor, created_at) VALUES ",
        );
        q.push_rows(chunk.iter().map(|(e, after)| {
            [
                Bind::Int(e.household.0),
                e.meter.map(|m| m.0).into(),
                e.kind.code().into(),
                Bind::Int(e.amount.minor()),
                Bind::Int(after.minor()),
                e.cause.into(),
                e.actor.into(),
                Bind::Int(e.at.0),
            ]
        }));
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
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

/// What the consumption entries of `meter` took from its household's balance
/// in `[start, end)` (time-of-use included, as charged).
pub async fn consumption_charged(
    db: &crate::backend::db::Db,
    meter: MeterId,
    start: Timestamp,
    end: Timestamp,
) -> Result<Money, ServiceError> {
    let charged: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(-SUM(amount), 0) AS BIGINT) FROM ledger_entries
         WHERE meter_id = $1 AND kind = $2 AND created_at >= $3 AND created_at < $4",
    )
    .bind(meter.0)
    .bind(EntryKind::Consumption.code())
    .bind(start.0)
    .bind(end.0)
    .fetch_one(&db.pool)
    .await?;
    Ok(Money::from_minor(charged))
}
