//! queryAllDailyConsumption, queryAllMonthlyConsumption, queryHistoryMeterReading, queryDayBillInfo.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::meter_ref;
use app::backend::auth::Caller;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::{consumption, meters};
use app::model::ids::{DevEui, MeterId};
use app::model::meter::MeterRef;
use app::model::tariff::cost;
use app::model::time::{Month, Timestamp};
use chrono::NaiveDate;
use serde_json::{Value, json};

fn dev_euis(p: &Params) -> Result<Vec<DevEui>, LegacyError> {
    let mut raw = p.list(&["devEui", "deveui", "devEUI"])?;
    raw.extend(p.list(&["devEuis"])?);
    if raw.is_empty() {
        return Err(LegacyError::Missing("devEui"));
    }
    raw.iter().map(|r| DevEui::parse(r).map_err(|message| LegacyError::Invalid { field: "devEui", message })).collect()
}

/// The document: "If it is empty or the date is wrong, query today's usage."
fn day(p: &Params) -> Result<NaiveDate, LegacyError> {
    let today = Timestamp(now().0);
    let today = NaiveDate::parse_from_str(&today.date_text(), "%Y-%m-%d").unwrap_or_default();
    Ok(p.text(&["date"])?.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()).unwrap_or(today))
}

pub async fn daily(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let day = day(p)?;
    let mut data = Vec::new();
    for eui in dev_euis(p)? {
        let u = consumption::daily(db, caller, &MeterRef::DevEui(eui.clone()), day).await?;
        data.push(json!({
            "devEui": eui.as_str(),
            "date": day.format("%Y-%m-%d").to_string(),
            "readTime": u.last_read_at.map(|t| t.text()).unwrap_or_default(),
            "consumption": u.consumption.to_string(),
        }));
    }
    Ok(Answer::ok("search successful").with("data", data))
}

pub async fn monthly(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let month = match p.text(&["date"])? {
        Some(m) => Month::parse(&m).map_err(|message| LegacyError::Invalid { field: "date", message })?,
        None => consumption::month_of(now()),
    };
    let mut data = Vec::new();
    for eui in dev_euis(p)? {
        let u = consumption::monthly(db, caller, &MeterRef::DevEui(eui.clone()), month).await?;
        data.push(json!({
            "devEui": eui.as_str(),
            "date": month.to_string(),
            "readTime": u.last_read_at.map(|t| t.text()).unwrap_or_default(),
            "consumption": u.consumption.to_string(),
        }));
    }
    Ok(Answer::ok("search successful").with("data", data))
}

pub async fn history(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter_ref(p, true)?.ok_or(LegacyError::Missing("id"))?;
    let start = p.parsed(&["startDate"], Timestamp::parse)?.ok_or(LegacyError::Missing("startDate"))?;
    let end = p.parsed(&["endDate"], Timestamp::parse)?.ok_or(LegacyError::Missing("endDate"))?;
    let (archive, _) = meters::get_archive(db, caller, &meter).await?;
    let points = consumption::history(db, caller, &MeterRef::Id(archive.id), start, end).await?;
    let eui = archive.dev_eui.as_ref().map(|e| e.to_string()).or(archive.imei.as_ref().map(|i| i.as_str().to_owned()));
    let data: Vec<Value> = points
        .iter()
        .map(|pt| {
            json!({
                "readTime": pt.read_at.text(),
                "reading": pt.reading.to_padded(),
                "consumption": pt.consumption.to_string(),
                "deveui": eui,
            })
        })
        .collect();
    Ok(Answer::ok("search successful").with("data", data))
}

/// A day's consumption and what it cost: for a meter its household's balance
/// pays as it goes, what the ledger charged (time-of-use included); for any
/// other (postpaid, or holding its own credit), the flat price.
pub async fn day_bill(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = match p.int(&["id"])? {
        Some(id) => MeterRef::Id(MeterId(id)),
        None => meter_ref(p, false)?.ok_or(LegacyError::Missing("id"))?,
    };
    let day = p
        .parsed(&["billDate", "date"], |d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| format!("must be a date like 2024-05-01, got {d:?}"))
        })?
        .ok_or(LegacyError::Missing("billDate"))?;
    let (archive, plan) = meters::get_archive(db, caller, &meter).await?;
    let u = consumption::daily(db, caller, &MeterRef::Id(archive.id), day).await?;
    let fee = match consumption::charged_on(db, caller, &MeterRef::Id(archive.id), day).await? {
        Some(charged) => charged,
        None => cost(u.consumption, plan.tariff.flat_price())
            .ok_or_else(|| LegacyError::Invalid { field: "billDate", message: "the amount is out of range".into() })?,
    };
    Ok(Answer::ok("search successful").with(
        "value",
        json!({
            "id": archive.id.0,
            "billDate": day.format("%Y-%m-%d").to_string(),
            "customerName": archive.customer_name,
            "dosage": u.consumption.to_string(),
            "fee": number(fee),
            "price": number(plan.tariff.flat_price()),
            "energyType": archive.energy_type.code(),
        }),
    ))
}
