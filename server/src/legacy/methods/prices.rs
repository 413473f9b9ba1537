//! addMeterPrice, modifyMeterPrice, readAllPrices, readAllPricesV2.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{AREA, PRICE, clock};
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::prices;
use app::model::EnergyType;
use app::model::fixed::UnitPrice;
use app::model::ids::{AreaId, PriceId};
use app::model::price::{NewPricePlan, Periods, PricePatch, PricePlan, Tariff};
use app::model::zone::Zone;
use serde_json::{Map, Value, json};

const FLAT: [&str; 2] = ["flatPrice", "price"];

fn periods(p: &Params) -> Result<Option<Periods>, LegacyError> {
    p.parsed(&["periods"], Periods::parse)
}

/// A flat plan from `price`, or time-of-use when peak, valley and tip prices come too.
fn tariff(p: &Params) -> Result<Tariff, LegacyError> {
    let flat: UnitPrice = p.req_fixed(&["price", "flatPrice"])?;
    let peak = p.fixed(&["peakPrice"])?;
    let valley = p.fixed(&["valleyPrice"])?;
    let tip = p.fixed(&["tipPrice"])?;
    if peak.is_none() && valley.is_none() && tip.is_none() {
        return Ok(Tariff::Flat(flat));
    }
    Ok(Tariff::TimeOfUse {
        flat,
        peak: peak.ok_or(LegacyError::Missing("peakPrice"))?,
        valley: valley.ok_or(LegacyError::Missing("valleyPrice"))?,
        tip: tip.ok_or(LegacyError::Missing("tipPrice"))?,
        periods: periods(p)?.unwrap_or_default(),
    })
}

pub async fn add(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let energy =
        p.parsed(&["energyTypes", "energyType"], EnergyType::parse)?.ok_or(LegacyError::Missing("energyTypes"))?;
    let name = p.req_text(&["priceName"])?;
    let id = prices::add_price(
        db,
        caller,
        NewPricePlan { area_id: p.int(&AREA)?.map(AreaId), name, energy_type: energy, tariff: tariff(p)? },
    )
    .await?;
    Ok(Answer::ok("Added successfully!!").with("priceId", id.0.to_string()))
}

pub async fn modify(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let id = PriceId(p.int(&PRICE)?.or(p.int(&["id"])?).ok_or(LegacyError::Missing("priceId"))?);
    let patch = PricePatch {
        id,
        name: p.text(&["priceName"])?,
        flat: p.fixed(&FLAT)?,
        peak: p.fixed(&["peakPrice"])?,
        valley: p.fixed(&["valleyPrice"])?,
        tip: p.fixed(&["tipPrice"])?,
        periods: periods(p)?,
    };
    let id = prices::modify_price(db, caller, patch).await?;
    Ok(Answer::ok("Modified successfully").with("priceld", id.0.to_string()).with("priceId", id.0.to_string()))
}

/// The V2 row: flat plans carry `price`, time-of-use plans the four band prices.
fn v2_row(plan: &PricePlan, zone: Zone) -> Value {
    let mut row = Map::new();
    row.insert("pricelid".into(), json!(plan.id.0));
    row.insert("priceName".into(), json!(plan.name));
    row.insert("createDate".into(), json!(zone.date_text(plan.created_at)));
    row.insert("energyType".into(), json!(plan.energy_type.code()));
    match &plan.tariff {
        Tariff::Flat(p) => {
            row.insert("price".into(), number(*p));
        }
        Tariff::TimeOfUse { flat, peak, valley, tip, periods } => {
            row.insert("flatPrice".into(), number(*flat));
            row.insert("peakPrice".into(), number(*peak));
            row.insert("valleyPrice".into(), number(*valley));
            row.insert("tipPrice".into(), number(*tip));
            row.insert("periods".into(), json!(periods.to_string()));
        }
    }
    Value::Object(row)
}

pub async fn read_all(db: &Db, caller: &Caller) -> Result<Answer, LegacyError> {
    let plans = prices::list_prices(db, caller).await?;
    let zone = clock(db, caller).await?;
    let data: Vec<Value> = plans
        .iter()
        .map(|plan| {
            json!({
                "id": plan.id.0,
                "priceId": plan.id.0,
                "priceName": plan.name,
                "price": number(plan.tariff.flat_price()),
                "energyType": plan.energy_type.code(),
                "ladderType": match plan.tariff { Tariff::Flat(_) => 0, Tariff::TimeOfUse { .. } => 1 },
                "createDate": zone.date_text(plan.created_at),
            })
        })
        .collect();
    Ok(Answer::ok("search successful!").with("data", data))
}

pub async fn read_all_v2(db: &Db, caller: &Caller) -> Result<Answer, LegacyError> {
    let plans = prices::list_prices(db, caller).await?;
    let zone = clock(db, caller).await?;
    Ok(Answer::ok("search successful!").with("data", plans.iter().map(|plan| v2_row(plan, zone)).collect::<Vec<_>>()))
}
