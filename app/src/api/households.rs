//! Households, and the signed-in household's own account.

use crate::model::AppError;
use crate::model::household::{CreditOutlook, Household, HouseholdFilter, HouseholdUpdate, NewHousehold};
use crate::model::meter::HouseholdMeter;
use crate::model::paging::Page;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_households", input = server_fn::codec::Json)]
pub async fn list_households(filter: HouseholdFilter) -> Result<Page<Household>, AppError> {
    use crate::backend::{services::households, session};
    session::with_caller(|state, caller| async move { households::list_households(&state.db, &caller, filter).await })
        .await
}

#[server(prefix = "/sfn", endpoint = "add_household", input = server_fn::codec::Json)]
pub async fn add_household(req: NewHousehold) -> Result<crate::model::household::AddedHousehold, AppError> {
    use crate::backend::{services::households, session};
    session::with_caller(|state, caller| async move { households::add_household(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "modify_household", input = server_fn::codec::Json)]
pub async fn modify_household(req: HouseholdUpdate) -> Result<crate::model::household::HouseholdSaved, AppError> {
    use crate::backend::{services::households, session};
    session::with_caller(|state, caller| async move {
        households::modify_household(&state.db, &state.settings, &caller, req).await
    })
    .await
}

/// The signed-in household with its meters and how long its balance lasts
/// (the household dashboard).
#[server(prefix = "/sfn", endpoint = "my_account", input = server_fn::codec::Json)]
pub async fn my_account() -> Result<(Household, Vec<HouseholdMeter>, CreditOutlook), AppError> {
    use crate::backend::{services::households, session};
    session::with_caller(|state, caller| async move { households::dashboard(&state.db, &caller).await }).await
}

/// A meter's plan, use, payments, bills and valve events (the household dashboard).
#[server(prefix = "/sfn", endpoint = "meter_history", input = server_fn::codec::Json)]
pub async fn meter_history(
    meter_id: crate::model::ids::MeterId,
) -> Result<crate::model::history::MeterHistory, AppError> {
    use crate::backend::{services::history, session};
    use crate::model::meter::MeterRef;
    session::with_caller(|state, caller| async move {
        history::meter_history(&state.db, &caller, &MeterRef::Id(meter_id)).await
    })
    .await
}
