//! Alerts: an operator's list (by area, kind and state), an alert's history,
//! acknowledging one or many; a household's own.

use crate::model::AppError;
use crate::model::alert::{Alert, AlertCounts, AlertEvent, AlertFilter};
use crate::model::ids::MeterId;
use crate::model::paging::{Page, PageRequest};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_alerts", input = server_fn::codec::Json)]
pub async fn list_alerts(filter: AlertFilter, page: PageRequest) -> Result<Page<Alert>, AppError> {
    use crate::backend::{services::alerts, session};
    session::with_caller(|state, caller| async move { alerts::list(&state.db, &caller, filter, page).await }).await
}

#[server(prefix = "/sfn", endpoint = "alert_history", input = server_fn::codec::Json)]
pub async fn alert_history(id: i64) -> Result<Vec<AlertEvent>, AppError> {
    use crate::backend::{services::alerts, session};
    session::with_caller(|state, caller| async move { alerts::history(&state.db, &caller, id).await }).await
}

/// Acknowledges the alerts `ids` with a note; the number acknowledged (those
/// already acknowledged or resolved are left as they are).
#[server(prefix = "/sfn", endpoint = "acknowledge_alerts", input = server_fn::codec::Json)]
pub async fn acknowledge_alerts(ids: Vec<i64>, note: String) -> Result<usize, AppError> {
    use crate::backend::{clock, services::alerts, session};
    session::with_caller(|state, caller| async move {
        alerts::acknowledge(&state.db, &state.settings.alerts, &caller, &ids, &note, clock::now()).await
    })
    .await
}

/// Unresolved alerts in the operator's areas, or of one meter.
#[server(prefix = "/sfn", endpoint = "count_alerts", input = server_fn::codec::Json)]
pub async fn count_alerts(meter: Option<MeterId>) -> Result<AlertCounts, AppError> {
    use crate::backend::{services::alerts, session};
    session::with_caller(|state, caller| async move { alerts::counts(&state.db, &caller, meter).await }).await
}
