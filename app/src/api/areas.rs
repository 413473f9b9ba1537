//! The area tree.

use crate::model::AppError;
use crate::model::area::{Area, AreaMove, AreaRename, NewArea};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_areas", input = server_fn::codec::Json)]
pub async fn list_areas() -> Result<Vec<Area>, AppError> {
    use crate::backend::{services::areas, session};
    session::with_caller(|state, caller| async move { areas::list_areas(&state.db, &caller).await }).await
}

/// The area the operator's pages open on: the highest one they manage.
#[server(prefix = "/sfn", endpoint = "home_area", input = server_fn::codec::Json)]
pub async fn home_area() -> Result<crate::model::ids::AreaId, AppError> {
    use crate::backend::{scope, session};
    session::with_caller(|_, caller| async move { scope::home_area(caller.admin()?) }).await
}

#[server(prefix = "/sfn", endpoint = "create_area", input = server_fn::codec::Json)]
pub async fn create_area(req: NewArea) -> Result<Area, AppError> {
    use crate::backend::{services::areas, session};
    session::with_caller(|state, caller| async move { areas::create_area(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "rename_area", input = server_fn::codec::Json)]
pub async fn rename_area(req: AreaRename) -> Result<(), AppError> {
    use crate::backend::{services::areas, session};
    session::with_caller(|state, caller| async move { areas::rename_area(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "move_area", input = server_fn::codec::Json)]
pub async fn move_area(req: AreaMove) -> Result<(), AppError> {
    use crate::backend::{services::areas, session};
    session::with_caller(|state, caller| async move { areas::move_area(&state.db, &caller, req).await }).await
}
