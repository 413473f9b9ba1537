//! The area tree.

use crate::model::AppError;
use crate::model::area::{Area, AreaMove, AreaRename, AreaZone, NewArea};
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

/// The zone the caller's pages show times in: their area's.
#[server(prefix = "/sfn", endpoint = "my_time_zone", input = server_fn::codec::Json)]
pub async fn my_time_zone() -> Result<crate::model::zone::Zone, AppError> {
    use crate::backend::{services::zones, session};
    session::with_caller(|state, caller| async move { zones::of_caller(&state.db, &caller).await }).await
}

/// A range typed in a filter (either end blank, a bare end date the whole
/// day), read on the caller's clock.
#[server(prefix = "/sfn", endpoint = "my_time_range", input = server_fn::codec::Json)]
pub async fn my_time_range(
    start: String,
    end: String,
) -> Result<(crate::model::time::Timestamp, crate::model::time::Timestamp), AppError> {
    use crate::backend::{services::zones, session};
    session::with_caller(|state, caller| async move {
        let zone = zones::of_caller(&state.db, &caller).await?;
        zone.typed_range(&start, &end).map_err(|(end, e)| {
            crate::backend::ServiceError::invalid(if end == "start" { "startDate" } else { "endDate" }, e)
        })
    })
    .await
}

/// Sets an area's time zone, or clears it (`""`) so that it inherits.
#[server(prefix = "/sfn", endpoint = "set_area_zone", input = server_fn::codec::Json)]
pub async fn set_area_zone(req: AreaZone) -> Result<(), AppError> {
    use crate::backend::{services::zones, session};
    use crate::model::zone::Zone;
    session::with_caller(|state, caller| async move {
        let zone = match req.time_zone.trim() {
            "" => None,
            name => {
                Some(Zone::parse(name).map_err(|message| crate::backend::ServiceError::invalid("time_zone", message))?)
            }
        };
        zones::set_area_zone(&state.db, &caller, req.id, zone).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "move_area", input = server_fn::codec::Json)]
pub async fn move_area(req: AreaMove) -> Result<(), AppError> {
    use crate::backend::{services::areas, session};
    session::with_caller(|state, caller| async move { areas::move_area(&state.db, &caller, req).await }).await
}
