//! archivesChange: 0 removes meters, 1 replaces one, 2 recovers removed ones.

use super::super::answer::Answer;
use super::super::error::LegacyError;
use super::super::params::Params;
use app::backend::ServiceError;
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::lifecycle;
use app::model::ids::DevEui;
use app::model::meter::MeterRef;
use serde_json::{Value, json};

fn eui(p: &Params, key: &'static str) -> Result<DevEui, LegacyError> {
    p.parsed(&[key], DevEui::parse)?.ok_or(LegacyError::Missing(key))
}

/// Batch results per meter, `code` 200 or 300 as the document shows; the call
/// succeeds when every meter did (a refused meter changes nothing).
pub async fn archives_change(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let kind = p.req_int(&["type"])?;
    if kind == 1 {
        let old = eui(p, "oldDeveui")?;
        let new = eui(p, "newDeveui")?;
        lifecycle::replace(db, caller, &old, &new).await?;
        return Ok(Answer::ok("success").with(
            "data",
            json!([{"oldDeveui": old.as_str(), "newDeveui": new.as_str(), "type": 1, "code": 200, "msg": "replaced"}]),
        ));
    }
    if kind != 0 && kind != 2 {
        return Err(LegacyError::Invalid {
            field: "type",
            message: format!("must be 0 (remove), 1 (replace) or 2 (recover), got {kind}"),
        });
    }
    let mut raw = p.list(&["devEuis"])?;
    raw.extend(p.list(&["devEui", "deveui"])?);
    if raw.is_empty() {
        return Err(LegacyError::Missing("devEuis"));
    }
    let mut data: Vec<Value> = Vec::new();
    let mut failed = 0;
    for r in raw {
        let outcome = match DevEui::parse(&r) {
            Ok(e) => {
                let meter = MeterRef::DevEui(e);
                if kind == 0 {
                    lifecycle::remove(db, caller, &meter).await
                } else {
                    lifecycle::recover(db, caller, &meter).await
                }
            }
            Err(e) => Err(ServiceError::invalid("devEuis", e)),
        };
        match outcome {
            Ok(()) => data.push(json!({"devEui": r, "type": kind, "code": 200, "msg": "success"})),
            Err(ServiceError::Database(e)) => return Err(ServiceError::Database(e).into()),
            Err(e) => {
                failed += 1;
                data.push(json!({"devEui": r, "type": kind, "code": 300, "msg": e.to_string()}));
            }
        }
    }
    let msg = if failed == 0 { "success".to_owned() } else { format!("{failed} of the meters could not be changed") };
    Ok(Answer::ok(&msg).with("data", data))
}
