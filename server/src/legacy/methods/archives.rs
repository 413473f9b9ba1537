//! addMeter, modifyMeter, getAreaArchives, getAreaArchiveInfo.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{PRICE, area, identifiers, meter, page, time_text};
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::meters;
use app::backend::state::Settings;
use app::model::fixed::{Money, Register};
use app::model::ids::{EquipmentModelId, HouseholdId, PriceId};
use app::model::meter::{ArchiveFilter, MeterArchive, MeterPatch, MeterStatus, MeterUpdate, NewMeter};
use app::model::price::Tariff;
use app::model::{EnergyType, ValveState};
use serde_json::{Map, Value, json};

const METER_TYPE: [&str; 2] = ["meterType", "gasType"];
const MODEL: [&str; 2] = ["equipmentModelId", "sysconfigEquipmentId"];

fn valve(p: &Params) -> Result<Option<ValveState>, LegacyError> {
    p.int(&["valveState"])?
        .map(|c| {
            ValveState::from_code(c).ok_or_else(|| LegacyError::Invalid {
                field: "valveState",
                message: format!("must be 0, 1 or 2, got {c}"),
            })
        })
        .transpose()
}

/// The fields of a meter row as `getAreaArchives` and clients read them.
fn row(m: &MeterArchive) -> Map<String, Value> {
    let mut row = Map::new();
    let mut put = |k: &str, v: Value| {
        row.insert(k.to_owned(), v);
    };
    put("id", json!(m.id.0));
    put("customerName", json!(m.customer_name));
    put("customerSerialnumber", json!(m.household_serialnumber));
    put("serialnumber", json!(m.serialnumber));
    put("areaOrgId", json!(m.area_id.0));
    put("areaOrgName", json!(m.area_name));
    put("readings", json!(m.reading.to_padded()));
    put("valveStatus", json!(m.valve_state.code()));
    put("energyType", json!(m.energy_type.code()));
    put("phone", json!(m.customer_phone));
    put("balance", number(m.balance));
    put("equipmentModelId", json!(m.equipment_model_id.0));
    put("householdNum", json!(m.household_id.0));
    put("priceId", json!(m.price_id.0));
    put("payMode", json!(m.pay_mode.code()));
    put("customerAddress", json!(m.customer_address));
    // Always present, "" when the meter has none: clients read them unguarded.
    let eui = m.dev_eui.as_ref().map_or("", |e| e.as_str());
    let imei = m.imei.as_ref().map_or("", |i| i.as_str());
    for key in ["deveui", "devEui"] {
        put(key, json!(eui));
    }
    for key in ["IMEI", "imei", "nbonetNetImei"] {
        put(key, json!(imei));
    }
    row
}

pub async fn add(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let (dev_eui, imei) = identifiers(p)?;
    let req = NewMeter {
        dev_eui,
        imei,
        serialnumber: p.text(&["serialnumber", "meterAddress"])?,
        customer_name: p.req_text(&["customerName"])?,
        customer_phone: p.text(&["customerPhone"])?.unwrap_or_default(),
        customer_address: p.text(&["customerAddress"])?.unwrap_or_default(),
        customer_certificate_number: p.text(&["customerCertificateNumber"])?.unwrap_or_default(),
        price_id: PriceId(p.req_int(&PRICE)?),
        reading: p.fixed(&["reading"])?.unwrap_or(Register::ZERO),
        overdraft_money: p.fixed(&["overdraftMoney"])?.unwrap_or(Money::ZERO),
        customer_fee: p.fixed(&["customerFee"])?.unwrap_or(Money::ZERO),
        normal_day_dosage: p.fixed(&["normalDayDosage"])?.unwrap_or(Register::ZERO),
        valve_state: valve(p)?.unwrap_or(ValveState::Unknown),
        // Not given: prepaid, the common case for meters with a balance and an overdraft.
        meter_type: p.int(&METER_TYPE)?.unwrap_or(1),
        area_id: area(p)?,
        equipment_model_id: p.int(&MODEL)?.map(EquipmentModelId),
        household_id: p.int(&["householdId", "householdNum"])?.map(HouseholdId),
    };
    if req.dev_eui.is_none() && req.imei.is_none() {
        return Err(LegacyError::Missing("devEui"));
    }
    let added = meters::add_meter(db, caller, req).await?;
    Ok(super::welcome(Answer::ok("Add Successful!!").with("id", added.id.0), added.welcome.as_ref()))
}

pub async fn modify(db: &Db, settings: &Settings, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(db, caller, p, true).await?.ok_or(LegacyError::Missing("devEui"))?;
    let patch = MeterPatch {
        customer_name: p.text(&["customerName"])?,
        customer_phone: p.text(&["customerPhone"])?,
        customer_address: p.text(&["customerAddress"])?,
        customer_certificate_number: p.text(&["customerCertificateNumber"])?,
        price_id: p.int(&PRICE)?.map(PriceId),
        reading: p.fixed(&["reading"])?,
        overdraft_money: p.fixed(&["overdraftMoney"])?,
        customer_fee: p.fixed(&["customerFee"])?,
        normal_day_dosage: p.fixed(&["normalDayDosage"])?,
        valve_state: valve(p)?,
        // The document's sample sends the literal "meterType" as a placeholder.
        meter_type: match p.text(&METER_TYPE)?.as_deref() {
            None | Some("meterType") | Some("gasType") => None,
            Some(_) => p.int(&METER_TYPE)?,
        },
    };
    let id = meters::modify_meter(db, settings, caller, MeterUpdate { meter, patch }).await?;
    Ok(Answer::ok("Modified successfully").with("id", id.0))
}

pub async fn list(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let filter = ArchiveFilter {
        area_id: area(p)?,
        energy_type: p.parsed(&["energyType"], EnergyType::parse)?,
        search: p.text(&["searchContent"])?,
        equipment_model_id: p.int(&MODEL)?.map(EquipmentModelId),
        status: MeterStatus::Active,
        page: page(p)?,
    };
    let page = meters::list_archives(db, caller, filter).await?;
    let values = page.rows.iter().map(|m| Value::Object(row(m))).collect();
    Ok(Answer::ok("search successful").page(&page, values))
}

pub async fn info(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(db, caller, p, true).await?.ok_or(LegacyError::Missing("id"))?;
    let zone = app::backend::services::zones::of_meter(db, caller, &meter).await?;
    let (m, plan) = meters::get_archive(db, caller, &meter).await?;
    let mut value = row(&m);
    value.insert("energyTypeName".into(), json!(m.energy_type.label()));
    value.insert("equipmentType".into(), json!(m.equipment_type));
    value.insert("sysconfigMeterModel".into(), json!(m.equipment_model_id.0));
    value.insert("overdraftMoney".into(), number(m.overdraft_money));
    value.insert("normalDayDosage".into(), json!(m.normal_day_dosage.to_padded()));
    value.insert("customerCertificateNumber".into(), json!(m.customer_certificate_number));
    value.insert("meterType".into(), json!(m.meter_type));
    value.insert("status".into(), json!(m.status.code()));
    value.insert("readTime".into(), json!(time_text(zone, m.last_read_at)));
    let ladder = match plan.tariff {
        Tariff::Flat(_) => 0,
        Tariff::TimeOfUse { .. } => 1,
    };
    let flat = number(plan.tariff.flat_price());
    // Inside `value` as well as at the top: clients read either.
    value.insert("priceName".into(), json!(plan.name));
    value.insert("flatPrice".into(), flat.clone());
    value.insert(
        "priceInfo".into(),
        json!({ "id": plan.id.0, "priceName": plan.name, "flatPrice": flat.clone(), "ladderType": ladder, "state": 1 }),
    );
    Ok(Answer::ok("search successful")
        .with("value", Value::Object(value))
        .with("priceName", plan.name)
        .with("flatPrice", flat))
}
