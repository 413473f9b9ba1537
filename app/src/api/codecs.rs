//! Device models' own codecs (JavaScript): tried on a sample payload,
//! saved, or removed.

use crate::model::AppError;
use crate::model::auth::ScriptTrial;
use crate::model::ids::EquipmentModelId;
use leptos::prelude::*;

/// Runs a codec on a sample payload (hex) on `f_port`, saving nothing.
#[server(prefix = "/sfn", endpoint = "try_codec", input = server_fn::codec::Json)]
pub async fn try_codec(script: String, f_port: u8, payload: String) -> Result<ScriptTrial, AppError> {
    use crate::backend::{services::equipment_models, session};
    session::with_caller(|_state, caller| async move {
        equipment_models::try_script(&caller, &script, f_port, &payload).await
    })
    .await
}

/// A model's codec script, if it has one.
#[server(prefix = "/sfn", endpoint = "model_codec", input = server_fn::codec::Json)]
pub async fn model_codec(model: EquipmentModelId) -> Result<Option<String>, AppError> {
    use crate::backend::{services::equipment_models, session};
    session::with_caller(|state, caller| async move { equipment_models::script_of(&state.db, &caller, model).await })
        .await
}

/// Gives a model its own codec (`None`: the built-in one again).
#[server(prefix = "/sfn", endpoint = "set_model_codec", input = server_fn::codec::Json)]
pub async fn set_model_codec(model: EquipmentModelId, script: Option<String>) -> Result<(), AppError> {
    use crate::backend::{services::equipment_models, session};
    session::with_caller(|state, caller| async move {
        equipment_models::set_script(&state.db, &caller, model, script).await
    })
    .await
}
