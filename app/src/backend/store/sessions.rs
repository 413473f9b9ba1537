//! Sessions: browser sign-ins and legacy clients' apiTokens, stored by the
//! SHA-256 of their token (the token itself is never stored).

use crate::backend::auth::{TokenKind, role_code};
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::auth::Role;
use crate::model::ids::AdminId;
use crate::model::time::Timestamp;
use crate::model::token::ApiTokenInfo;
use sqlx::{Any, Transaction};

/// A new session's row.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub role: Role,
    pub principal: i64,
    pub kind: TokenKind,
    pub label: &'a str,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// For a token that lives while used: how long after each use it ends.
    pub renew_seconds: Option<i64>,
}

pub async fn create(db: &Db, s: NewSession<'_>) -> Result<(), ServiceError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, role, principal_id, kind, label, created_at, expires_at, renew_seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.token_hash.to_owned())
    .bind(role_code(s.role))
    .bind(s.principal)
    .bind(s.kind.code())
    .bind(s.label.to_owned())
    .bind(s.created_at.0)
    .bind(s.expires_at.0)
    .bind(s.renew_seconds)
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(())
}

/// Revokes the session with this token hash, if it is still live.
pub async fn revoke_by_hash(db: &Db, token_hash: &str, at: Timestamp) -> Result<(), ServiceError> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(at.0)
        .bind(token_hash.to_owned())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(())
}

/// Revokes every live session of an account inside `tx` but the one whose
/// hash is `keep_hash` (empty: none kept).
pub async fn revoke_all_of(
    tx: &mut Transaction<'static, Any>,
    role: Role,
    principal: i64,
    keep_hash: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE role = $2 AND principal_id = $3 AND revoked_at IS NULL AND token_hash <> $4",
    )
    .bind(at.0)
    .bind(role_code(role))
    .bind(principal)
    .bind(keep_hash.to_owned())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A live session found by its token.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub id: i64,
    pub role: Role,
    pub principal: i64,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Timestamp,
    pub renew_seconds: Option<i64>,
}

/// The unrevoked session of `kind` with this token hash that has not expired at `at`.
pub async fn live(
    db: &Db,
    token_hash: &str,
    kind: TokenKind,
    at: Timestamp,
) -> Result<Option<LiveSession>, ServiceError> {
    let row = sqlx::query(
        "SELECT id, role, principal_id, last_used_at, expires_at, renew_seconds FROM sessions
         WHERE token_hash = $1 AND kind = $2 AND revoked_at IS NULL AND expires_at > $3",
    )
    .bind(token_hash.to_owned())
    .bind(kind.code())
    .bind(at.0)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role = rows::text(&row, "role")?;
    let role = [Role::Admin, Role::Household]
        .into_iter()
        .find(|r| role_code(*r) == role)
        .ok_or_else(|| ServiceError::Internal(format!("session with unknown role {role:?}")))?;
    Ok(Some(LiveSession {
        id: rows::int(&row, "id")?,
        role,
        principal: rows::int(&row, "principal_id")?,
        last_used_at: rows::opt_time(&row, "last_used_at")?,
        expires_at: rows::time(&row, "expires_at")?,
        renew_seconds: rows::opt_int(&row, "renew_seconds")?,
    }))
}

/// Notes when a session was last used, and renews a token that lives while
/// used. Neither ends anyone's access, so it does not move the write
/// generation.
pub async fn touch(db: &Db, id: i64, at: Timestamp) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE sessions SET last_used_at = $1,
                expires_at = CASE WHEN renew_seconds IS NOT NULL AND $1 + renew_seconds > expires_at
                                  THEN $1 + renew_seconds ELSE expires_at END
         WHERE id = $2",
    )
    .bind(at.0)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// An operator's apiTokens, newest first (at most 500).
pub async fn api_tokens_of(db: &Db, admin: AdminId) -> Result<Vec<ApiTokenInfo>, ServiceError> {
    let found = sqlx::query(
        "SELECT id, label, created_at, expires_at, last_used_at, revoked_at FROM sessions
         WHERE role = $2 AND principal_id = $1 AND kind = $3 ORDER BY id DESC LIMIT 500",
    )
    .bind(admin.0)
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

/// Revokes one of an operator's live apiTokens; false when there is no such token.
pub async fn revoke_api_token(db: &Db, admin: AdminId, id: i64, at: Timestamp) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND role = $4 AND principal_id = $3 AND kind = $5
         AND revoked_at IS NULL",
    )
    .bind(at.0)
    .bind(id)
    .bind(admin.0)
    .bind(role_code(Role::Admin))
    .bind(TokenKind::Api.code())
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}
