//! The public holidays operators listed for friendly credit.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::friendly::FriendlyDay;
use crate::model::time::Timestamp;
use chrono::NaiveDate;
use sqlx::{Any, Transaction};

fn stored_day(text: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| ServiceError::Internal(format!("stored holiday {text:?}: {e}")))
}

/// Every listed day, earliest first.
pub async fn list(db: &Db) -> Result<Vec<FriendlyDay>, ServiceError> {
    let found = sqlx::query("SELECT day, name FROM friendly_days ORDER BY day").fetch_all(&db.pool).await?;
    found
        .iter()
        .map(|row| Ok(FriendlyDay { day: stored_day(&rows::text(row, "day")?)?, name: rows::text(row, "name")? }))
        .collect()
}

/// Lists a day; a day listed already is a conflict on `day`.
pub async fn create(db: &Db, day: &FriendlyDay, actor: &str, at: Timestamp) -> Result<(), ServiceError> {
    sqlx::query("INSERT INTO friendly_days (day, name, created_by, created_at) VALUES ($1, $2, $3, $4)")
        .bind(day.day.format("%Y-%m-%d").to_string())
        .bind(day.name.clone())
        .bind(actor.to_owned())
        .bind(at.0)
        .execute(&db.pool)
        .await
        .map_err(ServiceError::unique_as("day", "this day is listed already"))?;
    db.changed();
    Ok(())
}

/// Takes a day off the list; whether it was on it.
pub async fn delete(db: &Db, day: NaiveDate) -> Result<bool, ServiceError> {
    let done = sqlx::query("DELETE FROM friendly_days WHERE day = $1")
        .bind(day.format("%Y-%m-%d").to_string())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}

/// Whether `day` is listed (inside the transaction weighing a close).
pub async fn contains(tx: &mut Transaction<'static, Any>, day: NaiveDate) -> Result<bool, ServiceError> {
    let found: Option<String> = sqlx::query_scalar("SELECT day FROM friendly_days WHERE day = $1")
        .bind(day.format("%Y-%m-%d").to_string())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}
