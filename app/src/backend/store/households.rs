//! Households: so far their row lock and balance inside a money-moving
//! transaction. The household service's own SQL moves here next.

use crate::backend::error::ServiceError;
use crate::model::fixed::Money;
use crate::model::ids::HouseholdId;
use sqlx::{Any, Transaction};

/// Takes a household's row lock for the rest of the transaction: every
/// balance change takes it first, households before meters, so no two
/// transactions wait on each other in a cycle.
pub async fn lock(tx: &mut Transaction<'static, Any>, household: HouseholdId) -> Result<(), ServiceError> {
    sqlx::query("UPDATE households SET balance = balance WHERE id = $1").bind(household.0).execute(&mut **tx).await?;
    Ok(())
}

/// The household's balance as `tx` sees it.
pub async fn balance(tx: &mut Transaction<'static, Any>, household: HouseholdId) -> Result<Money, ServiceError> {
    let minor: i64 = sqlx::query_scalar("SELECT balance FROM households WHERE id = $1")
        .bind(household.0)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Money::from_minor(minor))
}
