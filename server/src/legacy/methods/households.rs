//! gethousehold, addHousehold, modifyHousehold (and modifiyHousehold).

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{area, page};
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::households;
use app::backend::state::Settings;
use app::model::auth::Password;
use app::model::fixed::Money;
use app::model::household::{Household, HouseholdFilter, HouseholdPatch, HouseholdUpdate, NewHousehold};
use app::model::ids::HouseholdId;
use serde_json::{Value, json};

fn row(h: &Household) -> Value {
    json!({
        "id": h.id.0,
        "householdName": h.name,
        "householdFee": number(h.balance),
        "householdWarnMoney": number(h.warn_money),
        "serialnumber": h.serialnumber,
        "phone": h.phone,
        "areaOrgId": h.area_id.0,
        "areaOrgName": h.area_name,
        "householdAddress": h.address,
    })
}

pub async fn list(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let filter = HouseholdFilter {
        area_id: area(p)?,
        id: p.int(&["id", "Id"])?.map(HouseholdId),
        search: p.text(&["searchContent"])?,
        page: page(p)?,
    };
    let page = households::list_households(db, caller, filter).await?;
    let values = page.rows.iter().map(row).collect();
    Ok(Answer::ok("search successful").page(&page, values))
}

pub async fn add(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let req = NewHousehold {
        area_id: area(p)?,
        name: p.req_text(&["householdName"])?,
        address: p.text(&["householdAddress"])?.unwrap_or_default(),
        phone: p.text(&["householdPhone", "phone"])?.unwrap_or_default(),
        password: p.secret(&["householdPassword"])?.map(Password),
        warn_money: p.fixed(&["householdWarnMoney"])?.unwrap_or(Money::ZERO),
        fee: p.fixed(&["householdFee"])?.unwrap_or(Money::ZERO),
    };
    let added = households::add_household(db, caller, req).await?;
    Ok(super::welcome(Answer::ok("succeed").with("householdId", added.id.0), added.welcome.as_ref()))
}

pub async fn modify(db: &Db, settings: &Settings, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let id = HouseholdId(p.req_int(&["id", "Id", "householdId"])?);
    let patch = HouseholdPatch {
        name: p.text(&["householdName"])?,
        address: p.text(&["householdAddress"])?,
        phone: p.text(&["householdPhone", "phone"])?,
        password: p.secret(&["householdPassword"])?.map(Password),
        warn_money: p.fixed(&["householdWarnMoney"])?,
        fee: p.fixed(&["householdFee"])?,
    };
    let saved = households::modify_household(db, settings, caller, HouseholdUpdate { id, patch }).await?;
    let answer = Answer::ok("succeed").with("householdId", saved.id.0);
    Ok(match saved.first_password {
        Some(p) => answer.with("initialPassword", p.0),
        None => answer,
    })
}
