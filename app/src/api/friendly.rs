//! The holidays of friendly credit (days with no close for overdraft).

use crate::model::AppError;
use crate::model::friendly::FriendlyDay;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_friendly_days", input = server_fn::codec::Json)]
pub async fn list_friendly_days() -> Result<Vec<FriendlyDay>, AppError> {
    use crate::backend::{services::friendly_days, session};
    session::with_caller(|state, caller| async move { friendly_days::list(&state.db, &caller).await }).await
}

#[server(prefix = "/sfn", endpoint = "add_friendly_day")]
pub async fn add_friendly_day(day: String, name: String) -> Result<FriendlyDay, AppError> {
    use crate::backend::{services::friendly_days, session};
    session::with_caller(|state, caller| async move { friendly_days::add(&state.db, &caller, &day, &name).await }).await
}

#[server(prefix = "/sfn", endpoint = "remove_friendly_day")]
pub async fn remove_friendly_day(day: String) -> Result<(), AppError> {
    use crate::backend::{services::friendly_days, session};
    session::with_caller(|state, caller| async move { friendly_days::remove(&state.db, &caller, &day).await }).await
}
