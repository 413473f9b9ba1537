//! CSV downloads for the admin portal: the same filters as the pages, every
//! matching row (not just the page shown), through the same services. The
//! session cookie decides what the caller may see, as for server functions.

use crate::state::ServerState;
use app::backend::auth::{Caller, TokenKind, resolve_token};
use app::backend::services::{bills, meters, readings, zones};
use app::backend::session::{status_of, token_from_headers};
use app::backend::{AppState, ServiceError};
use app::model::EnergyType;
use app::model::bill::{BillFilter, BillScope};
use app::model::ids::{AreaId, EquipmentModelId};
use app::model::meter::{ArchiveFilter, MeterStatus};
use app::model::paging::{Page, PageRequest};
use app::model::reading::ReadingFilter;
use app::model::time::Month;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

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

/// Why an export was refused or failed.
pub enum ExportError {
    Service(ServiceError),
    Csv(String),
}

impl From<ServiceError> for ExportError {
    fn from(e: ServiceError) -> Self {
        ExportError::Service(e)
    }
}

impl IntoResponse for ExportError {
    fn into_response(self) -> Response {
        match self {
            ExportError::Service(e) => {
                if matches!(e, ServiceError::Database(_) | ServiceError::Internal(_)) {
                    tracing::error!(error = %e, "export failed");
                }
                let status = status_of(&e);
                (status, app::model::AppError::from(e).to_string()).into_response()
            }
            ExportError::Csv(e) => {
                tracing::error!(error = %e, "writing CSV failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error, please try again").into_response()
            }
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ExportError {
    ExportError::Service(ServiceError::invalid(field, message.into()))
}

async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Caller, ExportError> {
    let token = token_from_headers(headers).ok_or(ServiceError::Unauthenticated)?;
    Ok(resolve_token(&state.db, &token, TokenKind::Browser).await?)
}

/// The area asked for, or the first the caller manages.
fn area(caller: &Caller, raw: Option<&str>) -> Result<AreaId, ExportError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text.parse().map(AreaId).map_err(|_| invalid("area", format!("{text:?} is not an area id"))),
        None => Ok(app::backend::scope::home_area(caller.admin()?)?),
    }
}

fn energy(raw: Option<&str>) -> Result<Option<EnergyType>, ExportError> {
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

async fn common(state: ServerState, headers: &HeaderMap, query: &ExportQuery) -> Result<Common, ExportError> {
    let state = state.app;
    let caller = caller(&state, headers).await?;
    let area_id = area(&caller, query.area.as_deref())?;
    Ok(Common { energy_type: energy(query.energy.as_deref())?, search: text(query.q.as_ref()), state, caller, area_id })
}

/// Reads every page of a listing.
async fn all_rows<T, F, Fut>(mut page: F) -> Result<Vec<T>, ExportError>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, ServiceError>>,
{
    let mut out = Vec::new();
    for number in 1.. {
        let request = PageRequest::at(number, CHUNK);
        let found = page(request).await?;
        let full = found.rows.len() == CHUNK as usize;
        out.extend(found.rows);
        if !full {
            break;
        }
    }
    Ok(out)
}

fn csv_response(name: &str, header_row: &[&str], rows: Vec<Vec<String>>) -> Result<Response, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header_row).map_err(|e| ExportError::Csv(e.to_string()))?;
    for row in rows {
        writer.write_record(&row).map_err(|e| ExportError::Csv(e.to_string()))?;
    }
    let body = writer.into_inner().map_err(|e| ExportError::Csv(e.to_string()))?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
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
) -> Result<Response, ExportError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    let zone = zones::of_caller(&state.db, &caller).await?;
    let equipment_model_id = text(query.model.as_ref())
        .map(|m| m.parse().map(EquipmentModelId).map_err(|_| invalid("model", format!("{m:?} is not a model id"))))
        .transpose()?;
    let status = match text(query.state.as_ref()) {
        None => MeterStatus::Active,
        Some(s) => MeterStatus::parse(&s).ok_or_else(|| invalid("state", "must be active or removed"))?,
    };
    let rows = all_rows(|page| {
        let filter = ArchiveFilter { area_id, energy_type, search: search.clone(), equipment_model_id, status, page };
        meters::list_archives(&state.db, &caller, filter)
    })
    .await?;
    let header_row = [
        "meter_id",
        "meter_address",
        "dev_eui",
        "imei",
        "customer",
        "phone",
        "household",
        "area",
        "energy_type",
        "reading",
        "valve",
        "balance",
        "pay_mode",
        "status",
        "last_read_at",
    ];
    let rows = rows
        .into_iter()
        .map(|m| {
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
                format!("{:?}", m.status).to_lowercase(),
                opt(m.last_read_at.map(|t| zone.text(t))),
            ]
        })
        .collect();
    csv_response("meters.csv", &header_row, rows)
}

/// `GET /export/readings.csv?area=&q=&energy=&start=&end=`: readings in a date
/// range (both days included; open-ended where not given, as on the page).
pub async fn readings_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ExportError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    // Dates typed and times written on the caller's clock.
    let zone = zones::of_caller(&state.db, &caller).await?;
    let (start, end) = zone
        .typed_range(query.start.as_deref().unwrap_or(""), query.end.as_deref().unwrap_or(""))
        .map_err(|(which, e)| invalid(which, e))?;
    let rows = all_rows(|page| {
        let filter = ReadingFilter { area_id, search: search.clone(), energy_type, start, end, meter_id: None, page };
        readings::list_readings(&state.db, &caller, filter)
    })
    .await?;
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
    let rows = rows
        .into_iter()
        .map(|r| {
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
        .collect();
    csv_response("readings.csv", &header_row, rows)
}

/// `GET /export/bills.csv?area=&q=&month=&energy=`: monthly bills (`q`: customer name).
pub async fn bills_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ExportError> {
    let Common { state, caller, area_id, energy_type, search } = common(state, &headers, &query).await?;
    let month = text(query.month.as_ref()).map(|m| Month::parse(&m)).transpose().map_err(|e| invalid("month", e))?;
    let rows = all_rows(|page| {
        let filter = BillFilter {
            scope: BillScope::Area(area_id),
            energy_type,
            month,
            username: search.clone(),
            user_number: None,
            page,
        };
        bills::list_bills(&state.db, &caller, filter)
    })
    .await?;
    let header_row = ["bill_id", "month", "customer", "household", "area", "energy_type", "dosage", "fee", "paid"];
    let rows = rows
        .into_iter()
        .map(|b| {
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
        .collect();
    csv_response("bills.csv", &header_row, rows)
}

/// `GET /export/reconciliation.csv?start=&end=`: per provider and local day,
/// what it confirmed against what was credited; one line per difference.
pub async fn reconciliation_csv(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ExportError> {
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
    csv_response("reconciliation.csv", &header_row, rows)
}
