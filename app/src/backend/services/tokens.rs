//! Operators issue, list and revoke apiTokens for their legacy clients.

use crate::backend::auth::{Caller, TokenKind, issue_token, role_code};
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::auth::{IssuedToken, Role};
use crate::model::token::{ApiTokenInfo, NewApiToken};

use super::required_text;

/// Issues a named token for a client; its text is returned this once.
pub async fn issue(db: &Db, caller: &Caller, req: NewApiToken) -> Result<IssuedToken, ServiceError> {
    let admin = caller.admin()?;
    let label = required_text("label", &req.label, 60)?;
    if !(1..=730).contains(&req.days) {
        return Err(ServiceError::invalid("days", "must be between 1 and 730"));
    }
    issue_token(db, Role::Admin, admin.id.0, TokenKind::Api, &label, req.days * 86_400).await
}

/// The caller's apiTokens, newest first.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<ApiTokenInfo>, ServiceError> {
    let admin = caller.admin()?;
    let found = sqlx::query(
        "SELECT id, label, created_at, expires_at, last_used_at, revoked_at FROM sessions
         WHERE role = $2 AND principal_id = $1 AND kind = $3 ORDER BY id DESC LIMIT 500",
    )
    .bind(admin.id.0)
    .bind(role_code(Role::Admin))
    .bind(TokenKind::Api.code())
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|r| {
            Ok(ApiTokenInfo {
                id: rows::int(r, "id")?,
                label: rows::text(r, "label")?,
                created_at: rows::time(r, "created_at")?,
                expires_at: rows::time(r, "expires_at")?,
                last_used_at: rows::opt_time(r, "last_used_at")?,
                revoked: rows::opt_int(r, "revoked_at")?.is_some(),
            })
        })
        .collect()
}

/// Revokes one of the caller's apiTokens.
pub async fn revoke(db: &Db, caller: &Caller, id: i64) -> Result<(), ServiceError> {
    let admin = caller.admin()?;
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND role = $4 AND principal_id = $3 AND kind = $5
         AND revoked_at IS NULL",
    )
    .bind(now().0)
    .bind(id)
    .bind(admin.id.0)
    .bind(role_code(Role::Admin))
    .bind(TokenKind::Api.code())
    .execute(&db.pool)
    .await?;
    db.changed();
    if done.rows_affected() == 0 {
        return Err(ServiceError::not_found(format!("active token {id} not found")));
    }
    db.caches.tokens.clear();
    Ok(())
}
