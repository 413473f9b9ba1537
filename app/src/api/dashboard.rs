//! The operator dashboard and consumption charts.

use crate::model::AppError;
use crate::model::dashboard::{Overview, UsageSeries};
use crate::model::ids::MeterId;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "dashboard_overview", input = server_fn::codec::Json)]
pub async fn dashboard_overview() -> Result<Overview, AppError> {
    use crate::backend::{services::dashboard, session};
    session::with_caller(|state, caller| async move { dashboard::overview(&state.db, &caller).await }).await
}

/// A meter's use by day (30 days) and by month (12 months).
#[server(prefix = "/sfn", endpoint = "meter_usage", input = server_fn::codec::Json)]
pub async fn meter_usage(meter_id: MeterId) -> Result<UsageSeries, AppError> {
    use crate::backend::{services::consumption, session};
    use crate::model::meter::MeterRef;
    session::with_caller(|state, caller| async move {
        consumption::series(&state.db, &caller, &MeterRef::Id(meter_id)).await
    })
    .await
}
