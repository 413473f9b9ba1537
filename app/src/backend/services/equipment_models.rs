//! Equipment (device) models: the list operators choose from.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scripts;
use crate::backend::store::equipment_models as store;
use crate::model::EnergyType;
use crate::model::auth::{EquipmentModel, ScriptTrial};
use crate::model::ids::{EquipmentModelId, MeterId};
use crate::model::meter::DeviceId;
use std::collections::HashMap;

pub async fn list_models(db: &Db) -> Result<Vec<EquipmentModel>, ServiceError> {
    store::list(db).await
}

/// Every model, those the operator's meters use first (most used first):
/// a client with no model configured takes the first and lists meters by it.
pub async fn models_by_use(db: &Db, roots: &[String]) -> Result<Vec<EquipmentModel>, ServiceError> {
    let mut models = store::list(db).await?;
    let counts = store::use_counts(db, roots).await?;
    let used = |m: &EquipmentModel| counts.iter().find(|(id, _)| *id == m.id).map_or(0, |(_, n)| *n);
    // A stable sort: models used equally keep their order by id.
    models.sort_by_key(|m| std::cmp::Reverse(used(m)));
    Ok(models)
}

/// The model a new meter gets when none is named: the first of its energy
/// type for its radio (LoRaWAN for a DevEUI, NB-IoT for an IMEI), else the
/// first of its energy type.
pub fn default_model(all: &[EquipmentModel], energy: EnergyType, lorawan: bool) -> Option<&EquipmentModel> {
    let radio = if lorawan { "LORAWAN" } else { "NBIOT" };
    all.iter()
        .find(|m| m.energy_type == energy && m.equipment_type == radio)
        .or_else(|| all.iter().find(|m| m.energy_type == energy))
}

pub async fn get_model(db: &Db, id: EquipmentModelId) -> Result<Option<EquipmentModel>, ServiceError> {
    store::get(db, id).await
}

// A model's own codec, in JavaScript (backend/scripts.rs).

/// Reads a sample payload as hex (what an operator copies from a network
/// server's console).
fn sample_bytes(hex: &str) -> Result<Vec<u8>, ServiceError> {
    let hex: String = hex.chars().filter(|c| !c.is_whitespace()).collect();
    if !hex.len().is_multiple_of(2) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ServiceError::invalid("payload", "must be hexadecimal digits, two per byte"));
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| ServiceError::invalid("payload", e.to_string())))
        .collect()
}

fn checked_script(script: &str) -> Result<&str, ServiceError> {
    let script = script.trim();
    if script.is_empty() {
        return Err(ServiceError::invalid("script", "is empty"));
    }
    if script.len() > scripts::MAX_SCRIPT_BYTES {
        return Err(ServiceError::invalid("script", format!("is longer than {} KiB", scripts::MAX_SCRIPT_BYTES >> 10)));
    }
    Ok(script)
}

/// Device models are every area's, and a script runs on the server: their
/// codecs are for operators of a top-level area.
fn models_are_theirs(caller: &Caller) -> Result<(), ServiceError> {
    if caller.admin()?.manages_a_top_level_area() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("device codecs are for operators of a top-level area".into()))
    }
}

/// Runs a codec on a sample payload as the radio path would, without
/// saving anything: what the script answers and what the platform reads
/// of it, or why it cannot.
pub async fn try_script(
    caller: &Caller,
    script: &str,
    f_port: u8,
    payload_hex: &str,
) -> Result<ScriptTrial, ServiceError> {
    models_are_theirs(caller)?;
    let script = checked_script(script)?.to_owned();
    let bytes = sample_bytes(payload_hex)?;
    let at = crate::backend::clock::now();
    let recv_time = chrono::DateTime::from_timestamp(at.0, 0).map(|t| t.to_rfc3339()).unwrap_or_default();
    let (data, reading) = scripts::off_thread(move || {
        let data = scripts::decode(&script, f_port, &bytes, &recv_time)?;
        let reading = scripts::reading(&data)?;
        Ok((data, reading))
    })
    .await
    .map_err(|e| ServiceError::invalid("script", e.to_string()))?;
    Ok(ScriptTrial { data: serde_json::to_string_pretty(&data).unwrap_or_default(), reading: summary(&reading) })
}

/// What the platform reads of a script's data, in a line.
fn summary(r: &scripts::Reading) -> String {
    let mut parts = Vec::new();
    if let Some(f) = r.forward {
        parts.push(format!("register {}", f.to_padded()));
    }
    if let Some(open) = r.valve_open {
        parts.push(format!("valve {}", if open { "open" } else { "closed" }));
    }
    if let Some(mv) = r.battery_mv {
        parts.push(format!("battery {mv} mV"));
    }
    if r.alarms != 0 {
        parts.push(format!("alarms {:#x}", r.alarms));
    }
    for (seq, ok) in &r.acks {
        parts.push(format!("acknowledges {seq} ({})", if *ok { "done" } else { "refused" }));
    }
    if parts.is_empty() { "nothing the platform reads".to_owned() } else { parts.join(", ") }
}

/// Gives a model its own codec, after checking that it compiles and has
/// `decodeUplink` (or, `None`, returns it to the built-in codec). Models
/// are shared by every area: operators of a top-level area only.
pub async fn set_script(
    db: &Db,
    caller: &Caller,
    model: EquipmentModelId,
    script: Option<String>,
) -> Result<(), ServiceError> {
    models_are_theirs(caller)?;
    let script = match script.as_deref() {
        None => None,
        Some(s) => {
            let s = checked_script(s)?.to_owned();
            let compiled = s.clone();
            scripts::off_thread(move || scripts::check(&compiled))
                .await
                .map_err(|e| ServiceError::invalid("script", e.to_string()))?;
            Some(s)
        }
    };
    if !store::set_script(db, model, script.as_deref()).await? {
        return Err(ServiceError::not_found(format!("device model {} not found", model.0)));
    }
    Ok(())
}

/// The codec script of a model, for the operator editing it.
pub async fn script_of(db: &Db, caller: &Caller, model: EquipmentModelId) -> Result<Option<String>, ServiceError> {
    caller.admin()?;
    store::script_of(db, model).await
}

/// The scripts of the models of these devices' meters (those that have one).
pub async fn scripts_of_devices(db: &Db, devices: &[&DeviceId]) -> Result<HashMap<DeviceId, String>, ServiceError> {
    store::scripts_of_devices(db, devices).await
}

/// The script of a meter's model, if it has one.
pub async fn script_of_meter(db: &Db, meter: MeterId) -> Result<Option<String>, ServiceError> {
    store::script_of_meter(db, meter).await
}
