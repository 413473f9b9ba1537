//! getMeterReadings, getValverecord, queryMonthBillInfo.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{AREA, area, clock, meter, page};
use app::backend::auth::Caller;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::{bills, readings, valve_records};
use app::backend::state::Settings;
use app::model::bill::{BillFilter, BillScope};
use app::model::ids::AreaId;
use app::model::reading::ReadingFilter;
use app::model::time::{Month, Timestamp};
use app::model::valve::ValveFilter;
use app::model::zone::Zone;
use app::model::{EnergyType, ValveState};
use serde_json::{Value, json};

/// A range's start and end, both required; a bare end date is the whole day.
fn range(p: &Params, zone: Zone) -> Result<(Timestamp, Timestamp), LegacyError> {
    let start = p.parsed(&["startDate"], |t| zone.parse_time(t))?.ok_or(LegacyError::Missing("startDate"))?;
    let end = p.parsed(&["endDate"], |t| zone.parse_end(t))?.ok_or(LegacyError::Missing("endDate"))?;
    Ok((start, end))
}

fn energy(p: &Params) -> Result<Option<EnergyType>, LegacyError> {
    p.parsed(&["energyType"], EnergyType::parse)
}

/// `LORA` or `NB`, as the vendor's reading rows name the radio.
fn radio(equipment_type: &str) -> &'static str {
    if equipment_type == "NBIOT" { "NB" } else { "LORA" }
}

pub async fn readings(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let zone = clock(db, caller).await?;
    let (start, end) = range(p, zone)?;
    let filter = ReadingFilter {
        area_id: area(p)?,
        search: p.text(&["searchContent"])?,
        meter_id: None,
        energy_type: energy(p)?,
        start,
        end,
        page: page(p)?,
    };
    let page = readings::list_readings(db, caller, filter).await?;
    let values = page
        .rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                // Clients read a row's valueId unguarded: the reading's own id.
                "valueId": r.id,
                "archivesAddress": r.meter_address,
                "archivesName": r.customer_name,
                "archivesNumber": r.customer_number,
                "areaId": r.area_id.0,
                "areaName": r.area_name,
                "companyId": 0,
                "energyType": r.energy_type.code(),
                "freezeReading": r.forward.to_padded(),
                "isDel": false,
                "level": "",
                "margin": r.margin.map(|m| format!("{}.{:02}%", m / 100, m % 100)).unwrap_or_default(),
                "meterReadingState": "",
                "meterReadingtime": zone.text(r.read_at),
                "operatorId": 0,
                "pressure": "",
                "sensitivity": "",
                "signalNoise": r.snr_tenths.map(|s| format!("{:.1}", s as f64 / 10.0)).unwrap_or_default(),
                "signals": r.rssi.map(|s| s.to_string()).unwrap_or_default(),
                "type": radio(&r.equipment_type),
                "valve": r.valve_state.code(),
                "voltage": r.battery_mv.map_or(json!(0), |mv| json!(format!("{}.{:03}", mv / 1000, mv % 1000))),
                "deveui": r.dev_eui.as_deref().unwrap_or_default(),
                "imei": r.imei.as_deref().unwrap_or_default(),
                "meterId": r.meter_id.0,
            })
        })
        .collect();
    Ok(Answer::ok("search successful").page(&page, values))
}

pub async fn valves(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let operation = p
        .int(&["operationType"])?
        .map(|c| match c {
            0 => Ok(ValveState::Closed),
            1 => Ok(ValveState::Open),
            other => {
                Err(LegacyError::Invalid { field: "operationType", message: format!("must be 0 or 1, got {other}") })
            }
        })
        .transpose()?;
    // One meter's records need no area; empty dates mean from the first
    // record until now (the list is paged).
    let meter = meter(db, caller, p, false).await?;
    let area_id = match meter {
        Some(_) => p.int(&AREA)?.map(AreaId),
        None => Some(area(p)?),
    };
    let zone = clock(db, caller).await?;
    let start = p.parsed(&["startDate"], |t| zone.parse_time(t))?.unwrap_or(Timestamp(0));
    let end = p.parsed(&["endDate"], |t| zone.parse_end(t))?.unwrap_or_else(now);
    let filter = ValveFilter {
        area_id,
        meter,
        energy_type: energy(p)?,
        start,
        end,
        username: p.text(&["username"])?,
        user_number: p.text(&["userNumber"])?,
        operation,
        page: page(p)?,
    };
    let page = valve_records::list_valve_records(db, caller, filter).await?;
    let values = page
        .rows
        .iter()
        .map(|v| {
            json!({
                "id": v.id,
                "companyId": 0,
                "energyType": v.energy_type.code(),
                "executionType": v.execution.code(),
                "isDel": false,
                "operatorId": 0,
                "resultInfo": v.result_info,
                "valCause": v.cause,
                "operator": v.actor,
                "valueId": v.command_id.map_or(0, |c| c.0),
                "username": v.customer_name,
                "userNumber": v.customer_number,
                "dateTime": zone.text(v.at),
                "status": v.status,
                "deveui": v.dev_eui.as_deref().unwrap_or_default(),
                "imei": v.imei.as_deref().unwrap_or_default(),
                "meterId": v.meter_id.0,
            })
        })
        .collect();
    Ok(Answer::ok("succeed").page(&page, values))
}

pub async fn month_bills(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    // Clients ask per area, or per meter with its DevEUI or IMEI.
    let scope = if p.has(&AREA) && p.int(&AREA)?.is_some() {
        BillScope::Area(area(p)?)
    } else {
        BillScope::Meter(meter(db, caller, p, false).await?.ok_or(LegacyError::Missing("areaId"))?)
    };
    let filter = BillFilter {
        scope,
        energy_type: energy(p)?,
        month: p.parsed(&["billDate"], Month::parse_or_date)?,
        username: p.text(&["username"])?,
        user_number: p.text(&["userNumber"])?,
        page: page(p)?,
    };
    let page = bills::list_bills(db, caller, filter).await?;
    let values: Vec<Value> = page
        .rows
        .iter()
        .map(|b| {
            json!({
                "id": b.id,
                "areaName": b.area_name,
                "areaOrgId": b.area_id.0,
                "billStatus": if b.paid { "1" } else { "0" },
                "customerName": b.customer_name,
                "customerSerialnumber": b.customer_number,
                "dosage": b.dosage.to_string(),
                "energyType": b.energy_type.number(),
                "fee": number(b.fee),
                "settlementDate": b.month.to_string(),
                "deveui": b.dev_eui.as_deref().unwrap_or_default(),
                "imei": b.imei.as_deref().unwrap_or_default(),
                "meterId": b.meter_id.0,
            })
        })
        .collect();
    Ok(Answer::ok("Succeed").page(&page, values))
}

/// Our addition: pay a bill from the household balance (`markOnly` records a
/// payment taken outside the platform instead).
pub async fn pay_bill(db: &Db, settings: &Settings, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let bill = p.req_int(&["billId", "id"])?;
    if p.int(&["markOnly"])?.unwrap_or(0) == 1 {
        app::backend::services::billing::mark_paid(db, caller, bill).await?;
        return Ok(Answer::ok("marked paid"));
    }
    let balance = app::backend::services::billing::pay_from_balance(db, settings, caller, bill).await?;
    Ok(Answer::ok("paid").with("balance", number(balance)))
}

/// Our addition: bill a month now (the scheduler does it on the 1st).
pub async fn run_billing(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let month = p.parsed(&["billDate", "month"], Month::parse)?.ok_or(LegacyError::Missing("billDate"))?;
    let summary = app::backend::services::billing::run_billing(db, caller, month).await?;
    Ok(Answer::ok("billing done").with("created", summary.created).with("meters", summary.meters))
}
