//! LoRaWAN gateways.

use crate::model::AppError;
use crate::model::gateway::{Gateway, NewGateway};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_gateways", input = server_fn::codec::Json)]
pub async fn list_gateways() -> Result<Vec<Gateway>, AppError> {
    use crate::backend::{services::gateways, session};
    session::with_caller(|state, caller| async move { gateways::list_gateways(&state.db, &caller).await }).await
}

#[server(prefix = "/sfn", endpoint = "add_gateway", input = server_fn::codec::Json)]
pub async fn add_gateway(req: NewGateway) -> Result<(), AppError> {
    use crate::backend::{services::gateways, session};
    session::with_caller(|state, caller| async move { gateways::add_gateway(&state.db, &caller, req).await }).await
}

/// Registers an ABP device; its session keys are stored and never shown again.
#[server(prefix = "/sfn", endpoint = "register_device", input = server_fn::codec::Json)]
pub async fn register_device(req: crate::model::lorawan::NewAbpDevice) -> Result<(), AppError> {
    use crate::backend::{services::lorawan_devices, session};
    session::with_caller(|state, caller| async move {
        lorawan_devices::register_abp(&state.db, state.registry(), &caller, req).await
    })
    .await
}

/// Registers an OTAA device; its AppKey is stored and never shown again.
#[server(prefix = "/sfn", endpoint = "register_otaa_device", input = server_fn::codec::Json)]
pub async fn register_otaa_device(req: crate::model::lorawan::NewOtaaDevice) -> Result<(), AppError> {
    use crate::backend::{services::lorawan_devices, session};
    session::with_caller(|state, caller| async move {
        lorawan_devices::register_otaa(&state.db, state.registry(), &caller, req).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "modify_gateway", input = server_fn::codec::Json)]
pub async fn modify_gateway(req: crate::model::gateway::GatewayPatch) -> Result<(), AppError> {
    use crate::backend::{services::gateways, session};
    session::with_caller(|state, caller| async move { gateways::modify_gateway(&state.db, &caller, req).await }).await
}

/// Ends a meter's radio session (before registering new keys); answers
/// whether there was one.
#[server(prefix = "/sfn", endpoint = "remove_device", input = server_fn::codec::Json)]
pub async fn remove_device(dev_eui: crate::model::ids::DevEui) -> Result<bool, AppError> {
    use crate::backend::{services::lorawan_devices, session};
    session::with_caller(|state, caller| async move {
        lorawan_devices::remove_device(&state.db, state.registry(), &caller, &dev_eui).await
    })
    .await
}
