//! Price plans.

use crate::model::AppError;
use crate::model::ids::PriceId;
use crate::model::price::{NewPricePlan, PricePatch, PricePlan};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_prices", input = server_fn::codec::Json)]
pub async fn list_prices() -> Result<Vec<PricePlan>, AppError> {
    use crate::backend::{services::prices, session};
    session::with_caller(|state, caller| async move { prices::list_prices(&state.db, &caller).await }).await
}

#[server(prefix = "/sfn", endpoint = "add_price", input = server_fn::codec::Json)]
pub async fn add_price(req: NewPricePlan) -> Result<PriceId, AppError> {
    use crate::backend::{services::prices, session};
    session::with_caller(|state, caller| async move { prices::add_price(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "modify_price", input = server_fn::codec::Json)]
pub async fn modify_price(req: PricePatch) -> Result<PriceId, AppError> {
    use crate::backend::{services::prices, session};
    session::with_caller(|state, caller| async move { prices::modify_price(&state.db, &caller, req).await }).await
}
