//! queryAllDailyConsumption, queryAllMonthlyConsumption, queryHistoryMeterReading, queryDayBillInfo.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{distinct_meters, meter, time_text};
use app::backend::auth::Caller;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::{consumption, meters, zones};
use app::model::ids::MeterId;
use app::model::meter::{MeterArchive, MeterRef};
use app::model::tariff::cost;
use app::model::time::{Month, Timestamp};
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The one-meter keys first, then the lists (the order rows come in).
const USAGE_KEYS: [&str; 8] =
    ["devEui", "deveui", "devEUI", "devEuis", "nbonetNetImeis", "imeis", "nbonetNetImei", "imei"];

/// The meters of a consumption list: DevEUIs or IMEIs, in any of the keys
/// clients use, each with its identifiers for the answer's row.
async fn listed(db: &Db, caller: &Caller, p: &Params) -> Result<Vec<MeterArchive>, LegacyError> {
    let named = distinct_meters(db, caller, p, &USAGE_KEYS).await?;
    if named.is_empty() {
        return Err(LegacyError::Missing("devEui"));
    }
    let mut out = Vec::with_capacity(named.len());
    for id in named {
        out.push(meters::get_archive(db, caller, &MeterRef::Id(id)).await?.0);
    }
    Ok(out)
}

/// A row's identifiers: `devEui` is the DevEUI, or for a cellular meter its
/// IMEI (what its clients send in that key and match rows by).
fn identified(m: &MeterArchive, row: Value) -> Value {
    let imei = m.imei.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
    let dev_eui = m.dev_eui.as_ref().map_or_else(|| imei.clone(), |e| e.as_str().to_owned());
    let mut row = row;
    row["devEui"] = json!(dev_eui);
    row["imei"] = json!(imei);
    row["nbonetNetImei"] = json!(imei);
    row
}

/// The day asked for. The document: "If it is empty or the date is wrong,
/// query today's usage": `None`, today on each meter's clock.
fn day(p: &Params) -> Result<Option<NaiveDate>, LegacyError> {
    Ok(p.text(&["date"])?.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

pub async fn daily(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let asked = day(p)?;
    let mut data = Vec::new();
    for m in listed(db, caller, p).await? {
        let meter = MeterRef::Id(m.id);
        let zone = zones::of_meter(db, caller, &meter).await?;
        let day = asked.unwrap_or_else(|| zone.date_of(now()));
        let u = consumption::daily(db, caller, &meter, day).await?;
        let row = json!({
            "date": day.format("%Y-%m-%d").to_string(),
            "readTime": time_text(zone, u.last_read_at),
            "consumption": u.consumption.to_string(),
        });
        data.push(identified(&m, row));
    }
    Ok(Answer::ok("search successful").with("data", data))
}

pub async fn monthly(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let asked = p
        .text(&["date"])?
        .map(|m| Month::parse_or_date(&m).map_err(|message| LegacyError::Invalid { field: "date", message }))
        .transpose()?;
    let mut data = Vec::new();
    for m in listed(db, caller, p).await? {
        let meter = MeterRef::Id(m.id);
        let zone = zones::of_meter(db, caller, &meter).await?;
        let month = asked.unwrap_or_else(|| zone.month_of(now()));
        let u = consumption::monthly(db, caller, &meter, month).await?;
        let row = json!({
            "date": month.to_string(),
            "readTime": time_text(zone, u.last_read_at),
            "consumption": u.consumption.to_string(),
        });
        data.push(identified(&m, row));
    }
    Ok(Answer::ok("search successful").with("data", data))
}

/// How far back `queryHistoryMeterReading` looks when no start is given.
pub const DEFAULT_HISTORY_DAYS: i64 = 30;

pub async fn history(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(db, caller, p, true).await?.ok_or(LegacyError::Missing("id"))?;
    let zone = zones::of_meter(db, caller, &meter).await?;
    // Empty dates are a default recent range: the last 30 days up to now.
    let end = p.parsed(&["endDate"], |t| zone.parse_end(t))?.unwrap_or_else(now);
    let start =
        p.parsed(&["startDate"], |t| zone.parse_time(t))?.unwrap_or(Timestamp(end.0 - DEFAULT_HISTORY_DAYS * 86_400));
    let (archive, _) = meters::get_archive(db, caller, &meter).await?;
    let points = consumption::history(db, caller, &MeterRef::Id(archive.id), start, end).await?;
    let eui = archive.dev_eui.as_ref().map(|e| e.to_string()).or(archive.imei.as_ref().map(|i| i.as_str().to_owned()));
    let data: Vec<Value> = points
        .iter()
        .map(|pt| {
            json!({
                "readTime": zone.text(pt.read_at),
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
        None => meter(db, caller, p, false).await?.ok_or(LegacyError::Missing("id"))?,
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
