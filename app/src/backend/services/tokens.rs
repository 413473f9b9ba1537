//! Operators issue, list and revoke apiTokens for their legacy clients.

use crate::backend::auth::{Caller, Lifetime, TokenKind, issue_token};
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::sessions;
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
    issue_token(db, Role::Admin, admin.id.0, TokenKind::Api, &label, Lifetime::Fixed(req.days * 86_400)).await
}

/// The caller's apiTokens, newest first.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<ApiTokenInfo>, ServiceError> {
    let admin = caller.admin()?;
    sessions::api_tokens_of(db, admin.id).await
}

/// Revokes one of the caller's apiTokens.
pub async fn revoke(db: &Db, caller: &Caller, id: i64) -> Result<(), ServiceError> {
    let admin = caller.admin()?;
    if !sessions::revoke_api_token(db, admin.id, id, now()).await? {
        return Err(ServiceError::not_found(format!("active token {id} not found")));
    }
    db.caches.tokens.clear();
    Ok(())
}
