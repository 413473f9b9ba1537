//! CSV downloads for the admin portal: the same filters as the pages, every
//! matching row (not just the page shown), through the same services. Rows
//! are written as they are read, a page at a time: a file of 100,000 meters
//! never sits in memory whole. The first page is read before answering, so
//! a refusal (no session, a bad filter) is an error status, not a file.

use super::{FileError, caller, csv_bytes, csv_headers, invalid};
use crate::state::ServerState;
use app::backend::auth::Caller;
use app::backend::services::{bills, meters, readings, zones};
use app::backend::{AppState, ServiceError};
use app::model::EnergyType;
use app::model::bill::{BillFilter, BillScope};
use app::model::ids::{AreaId, EquipmentModelId};
use app::model::import::METER_COLUMNS;
use app::model::meter::{ArchiveFilter, MeterStatus};
use app::model::paging::{Page, PageRequest};
use app::model::reading::ReadingFilter;
use app::model::time::Month;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use std::future::Future;
use std::pin::Pin;

/// Rows fetched per query while writing a file.
const CHUNK: u32 = PageRequest::MAX_SIZE;

/// The query string every export accepts; each uses the keys that apply.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    area: Option<String>,
    q: Option<String>,
    energy: Option<String>,
    start: Option<String>,
    end: Option<String>,
    month: Option<String>,
    model: Option<String>,
    state: Option<String>,
}

/// The area asked for, or the first the caller manages.
fn area(caller: &Caller, raw: Option<&str>) -> Result<AreaId, FileError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text.parse().map(AreaId).map_err(|_| invalid("area", format!("{text:?} is not an area id"))),
        None => Ok(app::backend::scope::home_area(caller.admin()?)?),
    }
}

fn energy(raw: Option<&str>) -> Result<Option<EnergyType>, FileError> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(EnergyType::parse).transpose().map_err(|e| invalid("energy", e))
}

fn text(raw: Option<&String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// What every export starts from: the caller, the area and the filters all share.
struct Common {
    state: AppState,
    caller: Caller,
    area_id: AreaId,
    energy_type: Option<EnergyType>,
    search: Option<String>,
}

async fn common(state: ServerState, headers: &HeaderMap, query: &ExportQuery) -> Result<Common, FileError> {
    let state = state.app;
    let caller = caller(&state, headers).await?;
    let area_id = area(&caller, query.area.as_deref())?;
    Ok(Common { energy_type: energy(query.energy.as_deref())?, search: text(query.q.as_ref()), state, caller, area_id })
}

/// A page of a listing, read on its own (owning what it needs).
type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ServiceError>> + Send>>;

/// Answers `name`: the header row, then every page `page` reads, each row
/// written by `write`. A page that fails after the first ends the file
/// early (the download is cut short and the failure logged).
async fn csv_file<T, P, W>(name: &str, header_row: &[&str], mut page: P, write: W) -> Result<Response, FileError>
where
    T: Send + 'static,
    P: FnMut(PageRequest) -> PageFuture<T> + Send + 'static,
    W: Fn(T) -> Vec<String> + Send + 'static,
{
    let first = page(PageRequest::at(1, CHUNK)).await?;
    let mut head = csv_bytes([header_row.iter().map(|h| h.to_owned())])?;
    let more = first.rows.len() == CHUNK as usize;
    head.extend(csv_bytes(first.rows.into_iter().map(&write))?);
    let next = if more { Some(2) } else { None };
    let rest = futures_util::stream::unfold((next, page, write), |(number, mut page, write)| async move {
        let n = number?;
        let chunk = match page(PageRequest::at(n, CHUNK)).await {
            Ok(found) => {
                let more = found.rows.len() == CHUNK as usize;
                csv_bytes(found.rows.into_iter().map(&write)).map(|bytes| (bytes, more)).map_err(|e| format!("{e:?}"))
            }
            Err(e) => Err(e.to_string()),
        };
        match chunk {
            Ok((bytes, more)) => Some((Ok(Bytes::from(bytes)), (if more { Some(n + 1) } else { None }, page, write))),
            Err(e) => {
                tracing::error!(error = %e, page = n, "a CSV download was cut short");
                Some((Err(std::io::Error::other(e)), (None, page, write)))
            }
        }
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(head)) }).chain(rest);
    Ok((csv_headers(name)?, Body::from_stream(body)).into_response())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The CSV downloads of the operator portal.
pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/export/meters.csv", get(meters_csv))
        .route("/export/readings.csv", get(readings_csv))
        .route("/export/bills.csv", get(bills_csv))
        .route("/export/reconciliation.csv", get(reconciliation_csv))
}

/// `GET /export/meters.csv?area=&q=&energy=&model=&state=`: the meter table.
pub async fn meters_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, FileError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    let zone = zones::of_caller(&state.db, &caller).await?;
    let equipment_model_id = text(query.model.as_ref())
        .map(|m| m.parse().map(EquipmentModelId).map_err(|_| invalid("model", format!("{m:?} is not a model id"))))
        .transpose()?;
    let status = match text(query.state.as_ref()) {
        None => MeterStatus::Active,
        Some(s) => MeterStatus::parse(&s).ok_or_else(|| invalid("state", "must be active or removed"))?,
    };
    let page = move |page| -> PageFuture<_> {
        let (state, caller, search) = (state.clone(), caller.clone(), search.clone());
        Box::pin(async move {
            let filter = ArchiveFilter { area_id, energy_type, search, equipment_model_id, status, page };
            meters::list_archives(&state.db, &caller, filter).await
        })
    };
    // The import reads these columns back (model/import.rs).
    csv_file("meters.csv", &METER_COLUMNS, page, move |m| {
        vec![
            m.id.0.to_string(),
            m.serialnumber,
            opt(m.dev_eui.map(|d| d.as_str().to_owned())),
            opt(m.imei.map(|i| i.as_str().to_owned())),
            m.customer_name,
            m.customer_phone,
            m.household_serialnumber,
            m.area_name,
            m.energy_type.code().to_owned(),
            m.reading.to_padded(),
            m.valve_state.label().to_owned(),
            m.balance.to_padded(),
            format!("{:?}", m.pay_mode).to_lowercase(),
            m.status.code().to_owned(),
            opt(m.last_read_at.map(|t| zone.text(t))),
        ]
    })
    .await
}

/// `GET /export/readings.csv?area=&q=&energy=&start=&end=`: readings in a date
/// range (both days included; open-ended where not given, as on the page).
pub async fn readings_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, FileError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    // Dates typed and times written on the caller's clock.
    let zone = zones::of_caller(&state.db, &caller).await?;
    let (start, end) = zone
        .typed_range(query.start.as_deref().unwrap_or(""), query.end.as_deref().unwrap_or(""))
        .map_err(|(which, e)| invalid(which, e))?;
    let page = move |page| -> PageFuture<_> {
        let (state, caller, search) = (state.clone(), caller.clone(), search.clone());
        Box::pin(async move {
            let filter = ReadingFilter { area_id, search, energy_type, start, end, meter_id: None, page };
            readings::list_readings(&state.db, &caller, filter).await
        })
    };
    let header_row = [
        "read_at",
        "meter_address",
        "dev_eui",
        "imei",
        "customer",
        "household",
        "area",
        "energy_type",
        "reading",
        "valve",
        "battery_mv",
        "rssi",
    ];
    csv_file("readings.csv", &header_row, page, move |r| {
        vec![
            zone.text(r.read_at),
            r.meter_address,
            opt(r.dev_eui),
            opt(r.imei),
            r.customer_name,
            r.customer_number,
            r.area_name,
            r.energy_type.code().to_owned(),
            r.forward.to_padded(),
            r.valve_state.label().to_owned(),
            opt(r.battery_mv),
            opt(r.rssi),
        ]
    })
    .await
}

/// `GET /export/bills.csv?area=&q=&month=&energy=`: monthly bills (`q`: customer name).
pub async fn bills_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, FileError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    let month = text(query.month.as_ref()).map(|m| Month::parse(&m)).transpose().map_err(|e| invalid("month", e))?;
    let page = move |page| -> PageFuture<_> {
        let (state, caller, username) = (state.clone(), caller.clone(), search.clone());
        Box::pin(async move {
            let filter =
                BillFilter { scope: BillScope::Area(area_id), energy_type, month, username, user_number: None, page };
            bills::list_bills(&state.db, &caller, filter).await
        })
    };
    let header_row = ["bill_id", "month", "customer", "household", "area", "energy_type", "dosage", "fee", "paid"];
    csv_file("bills.csv", &header_row, page, |b| {
        vec![
            b.id.to_string(),
            b.month.to_string(),
            b.customer_name,
            b.customer_number,
            b.area_name,
            b.energy_type.code().to_owned(),
            b.dosage.to_padded(),
            b.fee.to_padded(),
            if b.paid { "yes" } else { "no" }.to_owned(),
        ]
    })
    .await
}

/// `GET /export/reconciliation.csv?start=&end=`: per provider and local day,
/// what it confirmed against what was credited; one line per difference.
pub async fn reconciliation_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, FileError> {
    let state = state.app;
    let caller = caller(&state, &headers).await?;
    let days = app::backend::services::reconciliation::reconcile_typed(
        &state.db,
        &caller,
        query.start.as_deref().unwrap_or(""),
        query.end.as_deref().unwrap_or(""),
    )
    .await?;
    let header_row = [
        "provider",
        "day",
        "confirmed_count",
        "confirmed_total",
        "credited_count",
        "credited_total",
        "difference",
        "order_or_receipt",
        "receipt",
        "amount",
        "detail",
    ];
    let mut rows = Vec::new();
    for d in days {
        let totals = [
            d.provider.code().to_owned(),
            d.day.clone(),
            d.confirmed_count.to_string(),
            d.confirmed_total.to_padded(),
            d.credited_count.to_string(),
            d.credited_total.to_padded(),
        ];
        if d.differences.is_empty() {
            let mut row = totals.to_vec();
            row.extend(["none".to_owned(), String::new(), String::new(), String::new(), String::new()]);
            rows.push(row);
        }
        for x in d.differences {
            let mut row = totals.to_vec();
            row.extend([x.kind.label().to_owned(), x.what, opt(x.receipt), x.amount.to_padded(), x.detail]);
            rows.push(row);
        }
    }
    // A few lines per day of a chosen range: written whole.
    let mut body = csv_bytes([header_row])?;
    body.extend(csv_bytes(rows)?);
    Ok((csv_headers("reconciliation.csv")?, body).into_response())
}
