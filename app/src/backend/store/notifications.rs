//! The notification outbox (migration 0019): written with the alert
//! transition it tells of, claimed by the delivery worker, settled with
//! every attempt recorded.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::{Bind, Sql};
use crate::model::alert::AlertState;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

/// How a notice travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A signed POST to the operators' webhook.
    Webhook,
}

impl Channel {
    pub const fn code(self) -> &'static str {
        match self {
            Channel::Webhook => "webhook",
        }
    }
}

/// Where a notice is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    Pending,
    Delivered,
    /// Every attempt failed: shown to operators, never retried by itself.
    Failed,
}

impl NoticeState {
    pub const fn code(self) -> &'static str {
        match self {
            NoticeState::Pending => "pending",
            NoticeState::Delivered => "delivered",
            NoticeState::Failed => "failed",
        }
    }
}

/// Writes a notice of each alert's transition to `recipient`, once (a
/// transition told already is not told again).
pub async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    alerts: &[i64],
    transition: AlertState,
    channel: Channel,
    recipient: &str,
    now: Timestamp,
) -> Result<(), ServiceError> {
    for chunk in alerts.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "INSERT INTO notifications (alert_id, transition, channel, recipient, state, next_attempt_at, created_at) VALUES ",
        );
        q.push_rows(chunk.iter().map(|id| {
            [
                Bind::Int(*id),
                transition.code().into(),
                channel.code().into(),
                recipient.into(),
                NoticeState::Pending.code().into(),
                Bind::Int(now.0),
                Bind::Int(now.0),
            ]
        }));
        q.push(" ON CONFLICT DO NOTHING");
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// A notice due now, claimed by this worker. Its `Debug` hides the
/// recipient (a webhook's address may carry its token).
#[derive(Clone, PartialEq, Eq)]
pub struct Due {
    pub id: i64,
    pub alert_id: i64,
    pub transition: AlertState,
    pub recipient: String,
    /// Attempts made before this one.
    pub attempts: i64,
}

impl std::fmt::Debug for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Due")
            .field("id", &self.id)
            .field("alert_id", &self.alert_id)
            .field("transition", &self.transition)
            .field("recipient", &"***")
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// Claims up to `limit` due notices of `channel` for `lease_s` seconds: no
/// other worker (another replica) takes them meanwhile, and one that dies
/// with them leaves them due again when the lease ends.
pub async fn claim(
    db: &Db,
    channel: Channel,
    now: Timestamp,
    lease_s: i64,
    limit: i64,
) -> Result<Vec<Due>, ServiceError> {
    let mut q = Sql::new("UPDATE notifications SET next_attempt_at = ");
    q.bind(now.0 + lease_s);
    q.push(" WHERE id IN (SELECT id FROM notifications WHERE state = ").bind(NoticeState::Pending.code());
    q.push(" AND channel = ").bind(channel.code()).push(" AND next_attempt_at <= ").bind(now.0);
    q.push(" ORDER BY next_attempt_at, id LIMIT ").bind(limit).push(")");
    // Checked again on the row itself: a replica that claimed it first has
    // moved its time (PostgreSQL re-reads a row it waited for).
    q.push(" AND state = ").bind(NoticeState::Pending.code()).push(" AND next_attempt_at <= ").bind(now.0);
    q.push(" RETURNING id, alert_id, transition, recipient, attempts");
    let found = q.query().fetch_all(&db.pool).await?;
    let mut due = Vec::with_capacity(found.len());
    for row in &found {
        let transition = rows::text(row, "transition")?;
        due.push(Due {
            id: rows::int(row, "id")?,
            alert_id: rows::int(row, "alert_id")?,
            transition: AlertState::parse(&transition)
                .ok_or_else(|| ServiceError::Internal(format!("stored transition {transition:?}")))?,
            recipient: rows::text(row, "recipient")?,
            attempts: rows::int(row, "attempts")?,
        });
    }
    due.sort_by_key(|d| d.id);
    Ok(due)
}

/// Records an attempt and what follows it: delivered, due again at
/// `retry_at`, or failed for good (`retry_at` none).
pub async fn settle(
    db: &Db,
    id: i64,
    now: Timestamp,
    status: Option<i64>,
    error: &str,
    outcome: Result<(), Option<Timestamp>>,
) -> Result<(), ServiceError> {
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO notification_attempts (notification_id, at, status, error) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(now.0)
        .bind(status)
        .bind(error.to_owned())
        .execute(&mut *tx)
        .await?;
    let (state, next, delivered) = match outcome {
        Ok(()) => (NoticeState::Delivered, now.0, Some(now.0)),
        Err(Some(at)) => (NoticeState::Pending, at.0, None),
        Err(None) => (NoticeState::Failed, now.0, None),
    };
    sqlx::query(
        "UPDATE notifications SET state = $1, next_attempt_at = $2, delivered_at = $3, attempts = attempts + 1,
            last_error = $4 WHERE id = $5",
    )
    .bind(state.code())
    .bind(next)
    .bind(delivered)
    .bind(error.to_owned())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    db.commit(tx).await?;
    Ok(())
}

/// Notices of alerts in the operator's areas whose every attempt failed.
pub async fn failed_in(db: &Db, admin: &crate::backend::auth::AdminCaller) -> Result<i64, ServiceError> {
    let mut q = Sql::new("SELECT COUNT(*) FROM notifications n JOIN alerts a ON a.id = n.alert_id WHERE n.state = ");
    q.bind(NoticeState::Failed.code());
    crate::backend::scope::push_managed(&mut q, admin, "a.area_id");
    Ok(q.query_scalar_i64().fetch_one(&db.pool).await?.0)
}

/// Notices whose every attempt failed.
pub async fn failed(db: &Db) -> Result<i64, ServiceError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE state = $1")
        .bind(NoticeState::Failed.code())
        .fetch_one(&db.pool)
        .await?)
}
