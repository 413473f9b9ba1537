//! toLogin and getAreaOrg.

use super::super::answer::Answer;
use super::super::error::LegacyError;
use super::super::params::Params;
use crate::state::ServerState;
use app::backend::auth::{Caller, TokenKind, load_admin, resolve_token};
use app::backend::services::{areas, login};
use app::backend::throttle::ClientAddr;
use app::model::auth::{Credentials, Password};
use serde_json::{Value, json};

fn credentials(p: &Params) -> Result<Credentials, LegacyError> {
    Ok(Credentials {
        username: p.req_text(&["username", "userName"])?,
        password: Password(p.secret(&["password"])?.ok_or(LegacyError::Missing("password"))?),
    })
}

pub async fn to_login(state: &ServerState, p: &Params, from: Option<ClientAddr>) -> Result<Answer, LegacyError> {
    let creds = credentials(p)?;
    let (token, profile) = login::admin_login(&state.app.db, &state.app.settings, &creds, TokenKind::Api, from).await?;
    let manage_area: Vec<Value> = profile
        .manage_area
        .iter()
        .map(|a| {
            json!({
                "areaId": a.id.0,
                "areaName": a.name,
                "areaSerialnumber": a.serialnumber,
                "parentId": a.parent_id.map_or(0, |p| p.0),
            })
        })
        .collect();
    let models: Vec<Value> = profile
        .equipment_models
        .iter()
        .map(|m| {
            json!({
                "sysconfigEquipmentId": m.id.0,
                "sysEquipmentName": m.name,
                "equipmentModelName": m.name,
                "energyType": m.energy_type.code(),
            })
        })
        .collect();
    Ok(Answer::ok("Login successfully").with(
        "value",
        json!({
            "adminId": profile.id.0,
            "email": profile.email,
            "username": profile.username,
            "name": profile.name,
            "telPhone": profile.tel_phone,
            "apiToken": token.token,
            "expireTime": app::backend::services::zones::installation(&state.app.db).await?.text(token.expires_at),
            "manageArea": manage_area,
            "equipmentModel": models,
        }),
    ))
}

/// The document takes username and password here; a valid apiToken works too.
pub async fn get_area_org(
    state: &ServerState,
    p: &Params,
    token: Option<&str>,
    from: Option<ClientAddr>,
) -> Result<Answer, LegacyError> {
    let db = &state.app.db;
    let caller = match (p.text(&["username", "userName"])?, token) {
        (Some(_), _) => {
            let creds = credentials(p)?;
            let id = login::check_admin(db, &creds, from).await?;
            Caller::Admin(load_admin(db, id).await?)
        }
        (None, Some(token)) => resolve_token(db, token, TokenKind::Api).await?,
        (None, None) => return Err(LegacyError::Missing("username")),
    };
    let list = areas::list_areas(db, &caller).await?;
    let data: Vec<Value> = list
        .iter()
        .map(|a| {
            json!({
                "areaid": a.id.0,
                "areaId": a.id.0,
                "areaName": a.name,
                "areaSerialnumber": a.serialnumber,
                "parentId": a.parent_id.map_or(0, |p| p.0),
            })
        })
        .collect();
    Ok(Answer::ok("search successful").with("data", data))
}
