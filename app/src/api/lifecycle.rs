//! Removing and recovering meters, equipment models.

use crate::model::AppError;
use crate::model::auth::EquipmentModel;
use crate::model::ids::MeterId;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "remove_meter", input = server_fn::codec::Json)]
pub async fn remove_meter(meter_id: MeterId) -> Result<(), AppError> {
    use crate::backend::{services::lifecycle, session};
    use crate::model::meter::MeterRef;
    session::with_caller(|state, caller| async move {
        lifecycle::remove(&state.db, state.registry(), &caller, &MeterRef::Id(meter_id)).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "recover_meter", input = server_fn::codec::Json)]
pub async fn recover_meter(meter_id: MeterId) -> Result<(), AppError> {
    use crate::backend::{services::lifecycle, session};
    use crate::model::meter::MeterRef;
    session::with_caller(|state, caller| async move {
        lifecycle::recover(&state.db, state.registry(), &caller, &MeterRef::Id(meter_id)).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "list_models", input = server_fn::codec::Json)]
pub async fn list_models() -> Result<Vec<EquipmentModel>, AppError> {
    use crate::backend::{services::equipment_models, session};
    session::with_caller(|state, caller| async move {
        caller.admin()?;
        equipment_models::list_models(&state.db).await
    })
    .await
}

/// A new device takes over a meter's archive, balance and history.
#[server(prefix = "/sfn", endpoint = "replace_meter", input = server_fn::codec::Json)]
pub async fn replace_meter(old: crate::model::ids::DevEui, new: crate::model::ids::DevEui) -> Result<(), AppError> {
    use crate::backend::{services::lifecycle, session};
    use crate::model::meter::DeviceId;
    session::with_caller(|state, caller| async move {
        lifecycle::replace(&state.db, state.registry(), &caller, &DeviceId::DevEui(old), &DeviceId::DevEui(new)).await
    })
    .await
}
