//! archivesChange: 0 removes meters, 1 replaces one, 2 recovers removed ones.

use super::super::answer::Answer;
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{meter_of_value, values_of};
use crate::state::ServerState;
use app::backend::auth::Caller;
use app::backend::services::lifecycle;
use app::model::meter::DeviceId;
use serde_json::{Value, json};

/// A device to replace or replace with: a DevEUI, or a cellular meter's IMEI.
fn device(p: &Params, key: &'static str) -> Result<DeviceId, LegacyError> {
    p.parsed(&[key], DeviceId::parse)?.ok_or(LegacyError::Missing(key))
}

/// Batch results per meter, `code` 200 or 300 as the document shows; the call
/// succeeds when every meter did (a refused meter changes nothing).
pub async fn archives_change(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let (db, registry) = (&state.app.db, state.app.registry());
    let kind = p.req_int(&["type"])?;
    if kind == 1 {
        let old = device(p, "oldDeveui")?;
        let new = device(p, "newDeveui")?;
        lifecycle::replace(db, registry, caller, &old, &new).await?;
        return Ok(Answer::ok("success").with(
            "data",
            json!([{"oldDeveui": old.text(), "newDeveui": new.text(), "type": 1, "code": 200, "msg": "replaced"}]),
        ));
    }
    if kind != 0 && kind != 2 {
        return Err(LegacyError::Invalid {
            field: "type",
            message: format!("must be 0 (remove), 1 (replace) or 2 (recover), got {kind}"),
        });
    }
    let raw = values_of(p, &["devEuis", "devEui", "deveui", "nbonetNetImeis", "nbonetNetImei", "imei"])?;
    if raw.is_empty() {
        return Err(LegacyError::Missing("devEuis"));
    }
    let mut data: Vec<Value> = Vec::new();
    let mut failed = 0;
    for r in raw {
        let outcome = match meter_of_value(db, caller, "devEuis", &r).await {
            Ok(meter) if kind == 0 => lifecycle::remove(db, registry, caller, &meter).await.map_err(LegacyError::from),
            Ok(meter) => lifecycle::recover(db, registry, caller, &meter).await.map_err(LegacyError::from),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => data.push(json!({"devEui": r, "type": kind, "code": 200, "msg": "success"})),
            // Our own failure ends the batch; a network server that did not
            // answer fails that meter only, in its row, like any refusal.
            Err(e) if e.outcome() == "internal" => return Err(e),
            Err(e) => {
                failed += 1;
                data.push(json!({"devEui": r, "type": kind, "code": 300, "msg": e.errmsg()}));
            }
        }
    }
    let msg = if failed == 0 { "success".to_owned() } else { format!("{failed} of the meters could not be changed") };
    Ok(Answer::ok(&msg).with("data", data))
}
