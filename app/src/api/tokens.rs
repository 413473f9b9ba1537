//! apiTokens for legacy clients.

use crate::model::AppError;
use crate::model::auth::IssuedToken;
use crate::model::token::{ApiTokenInfo, NewApiToken};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "issue_api_token", input = server_fn::codec::Json)]
pub async fn issue_api_token(req: NewApiToken) -> Result<IssuedToken, AppError> {
    use crate::backend::{services::tokens, session};
    session::with_caller(|state, caller| async move { tokens::issue(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "list_api_tokens", input = server_fn::codec::Json)]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenInfo>, AppError> {
    use crate::backend::{services::tokens, session};
    session::with_caller(|state, caller| async move { tokens::list(&state.db, &caller).await }).await
}

#[server(prefix = "/sfn", endpoint = "revoke_api_token", input = server_fn::codec::Json)]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    use crate::backend::{services::tokens, session};
    session::with_caller(|state, caller| async move { tokens::revoke(&state.db, &caller, id).await }).await
}
