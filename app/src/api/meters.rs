//! Meter archives.

use crate::model::AppError;
use crate::model::ids::MeterId;
use crate::model::meter::{ArchiveFilter, MeterArchive, MeterRef, MeterUpdate, NewMeter};
use crate::model::paging::Page;
use crate::model::price::PricePlan;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_meters", input = server_fn::codec::Json)]
pub async fn list_meters(filter: ArchiveFilter) -> Result<Page<MeterArchive>, AppError> {
    use crate::backend::{services::meters, session};
    session::with_caller(|state, caller| async move { meters::list_archives(&state.db, &caller, filter).await }).await
}

#[server(prefix = "/sfn", endpoint = "get_meter", input = server_fn::codec::Json)]
pub async fn get_meter(meter: MeterRef) -> Result<(MeterArchive, PricePlan), AppError> {
    use crate::backend::{services::meters, session};
    session::with_caller(|state, caller| async move { meters::get_archive(&state.db, &caller, &meter).await }).await
}

#[server(prefix = "/sfn", endpoint = "add_meter", input = server_fn::codec::Json)]
pub async fn add_meter(req: NewMeter) -> Result<crate::model::meter::AddedMeter, AppError> {
    use crate::backend::{services::meters, session};
    session::with_caller(|state, caller| async move { meters::add_meter(&state.db, &caller, req).await }).await
}

#[server(prefix = "/sfn", endpoint = "modify_meter", input = server_fn::codec::Json)]
pub async fn modify_meter(req: MeterUpdate) -> Result<MeterId, AppError> {
    use crate::backend::{services::meters, session};
    session::with_caller(
        |state, caller| async move { meters::modify_meter(&state.db, &state.settings, &caller, req).await },
    )
    .await
}

/// How a meter's reports reach Meterline: its network server, if one
/// carries them, and what that server said about it lately.
#[server(prefix = "/sfn", endpoint = "meter_network", input = server_fn::codec::Json)]
pub async fn meter_network(id: MeterId) -> Result<crate::model::network::MeterNetwork, AppError> {
    use crate::backend::{services::networks, session};
    session::with_caller(|state, caller| async move { networks::of_meter(&state.db, &caller, id).await }).await
}

/// Checks (`dry_run`) or imports a CSV file of meters and households.
#[server(prefix = "/sfn", endpoint = "import_meters", input = server_fn::codec::Json)]
pub async fn import_meters(
    req: crate::model::import::ImportRequest,
) -> Result<crate::model::import::ImportReport, AppError> {
    use crate::backend::{services::meter_import, session};
    /// How many problems and lines a page is answered with; the counts stay
    /// whole, and the CSV door (`/import/meters.csv`) reports every one.
    const SHOWN: usize = 500;
    session::with_caller(|state, caller| async move {
        let report = meter_import::import_meters(&state.db, state.registry(), &caller, req).await?;
        Ok(report.shortened(SHOWN, SHOWN))
    })
    .await
}
