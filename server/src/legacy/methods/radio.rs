//! addGateway, modifyGateway, readGatewayStatus, lorawanApi addMeter (ABP).

use super::super::answer::Answer;
use super::super::error::LegacyError;
use super::super::params::Params;
use super::DEV_EUI;
use crate::state::ServerState;
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::gateways::{self, GatewayPatch, NewGateway};
use app::backend::services::lorawan_devices;
use app::model::ids::DevEui;
use app::model::lorawan::{DevAddr, NewAbpDevice, NewOtaaDevice, SessionKey};
use serde_json::json;

pub async fn add_gateway(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let req = NewGateway {
        area_id: p.int(&super::AREA)?.map(app::model::ids::AreaId),
        gw_id: p.req_text(&["gwID", "gwId", "gatewayId"])?,
        name: p.req_text(&["gwName"])?,
        gw_type: p.text(&["gwType"])?.unwrap_or_else(|| "rhf2s208".to_owned()),
        region: p.req_text(&["region"])?,
        subnet: p.text(&["subnet"])?.unwrap_or_default(),
    };
    gateways::add_gateway(db, caller, req).await?;
    Ok(Answer::ok("success"))
}

pub async fn modify_gateway(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let req = GatewayPatch {
        gw_id: p.req_text(&["gwID", "gwId", "gatewayId"])?,
        name: p.text(&["gwName"])?,
        gw_type: p.text(&["gwType"])?,
        region: p.text(&["region"])?,
        subnet: p.text(&["subnet"])?,
    };
    gateways::modify_gateway(db, caller, req).await?;
    Ok(Answer::ok("success"))
}

pub async fn read_gateway_status(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let g = gateways::get_gateway(db, caller, &p.req_text(&["gwID", "gwId", "gatewayId"])?).await?;
    let degrees = |micro: i64| json!(micro as f64 / 1_000_000.0);
    Ok(Answer::ok("success").with(
        "data",
        json!({
            "gwID": g.gw_id,
            "gwName": g.name,
            "gwType": g.gw_type,
            "enableClassB": false,
            "enablePFW": true,
            "region": g.region,
            "subnet": g.subnet,
            "online": g.online,
            "mqtt": false,
            "latitude": degrees(g.latitude_micro),
            "longitude": degrees(g.longitude_micro),
            "altitude": g.altitude,
            "createtime": g.created_at * 1000,
            "lastSeen": g.last_seen_at.map(|t| t * 1000),
        }),
    ))
}

fn key(p: &Params, keys: &[&'static str]) -> Result<SessionKey, LegacyError> {
    p.parsed(keys, SessionKey::parse)?.ok_or(LegacyError::Missing(keys[0]))
}

/// Registers a LoRaWAN device: ABP (the default) with its session keys, or
/// OTAA with its AppKey. The keys go to the database and nowhere else, or,
/// with ChirpStack's API configured, to ChirpStack.
pub async fn add_abp_device(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let (db, registry) = (&state.app.db, state.app.registry());
    let auth = p.text(&["authType"])?.unwrap_or_else(|| "abp".to_owned());
    let dev_eui = p.parsed(&DEV_EUI, DevEui::parse)?.ok_or(LegacyError::Missing("devEUI"))?;
    let dev_name = p.req_text(&["devName"])?;
    let app_eui = p.text(&["appEUI", "appEui"])?.unwrap_or_default();
    let app_id = p.text(&["appID", "appId"])?.unwrap_or_default();
    let region = p.req_text(&["region"])?;
    let subnet = p.text(&["subnet"])?.unwrap_or_default();
    if auth.eq_ignore_ascii_case("otaa") {
        let req = NewOtaaDevice {
            dev_eui,
            dev_name,
            join_eui: app_eui,
            app_id,
            region,
            subnet,
            app_key: key(p, &["appKey", "appkey"])?,
        };
        lorawan_devices::register_otaa(db, registry, caller, req).await?;
        return Ok(Answer::ok("success"));
    }
    if !auth.eq_ignore_ascii_case("abp") {
        return Err(LegacyError::Invalid {
            field: "authType",
            message: format!("must be \"abp\" or \"otaa\", got {auth:?}"),
        });
    }
    let req = NewAbpDevice {
        dev_eui,
        dev_name,
        app_eui,
        app_id,
        region,
        subnet,
        dev_addr: p.parsed(&["devAddr"], DevAddr::parse)?.ok_or(LegacyError::Missing("devAddr"))?,
        app_s_key: key(p, &["appSKey", "appSkey"])?,
        nwk_s_key: key(p, &["nwkSKey", "nwkSkey"])?,
    };
    lorawan_devices::register_abp(db, registry, caller, req).await?;
    Ok(Answer::ok("success"))
}
