//! The meter import's door: a CSV file posted as the body (scripts, `curl
//! --data-binary @meters.csv`) or as a form's file (the portal's import page
//! without JavaScript), answered with the report as CSV, one line per row
//! of the file and per problem. The template is the header row alone.

use super::{FileError, caller, csv_bytes, csv_headers};
use crate::state::ServerState;
use app::backend::services::meter_import;
use app::model::import::{HouseholdPlan, IMPORT_ONLY_COLUMNS, ImportReport, ImportRequest, KeysPlan, METER_COLUMNS};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The largest file the door reads: 100,000 rows with every column filled.
const MAX_BYTES: usize = 64 * 1024 * 1024;

pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/import/meters-template.csv", get(template))
        .route("/import/meters.csv", post(import).layer(axum::extract::DefaultBodyLimit::max(MAX_BYTES)))
}

/// `GET /import/meters-template.csv`: the columns a file may have.
async fn template() -> Result<Response, FileError> {
    let header = METER_COLUMNS.iter().chain(IMPORT_ONLY_COLUMNS.iter());
    Ok((csv_headers("meters-template.csv")?, csv_bytes([header])?).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ImportQuery {
    /// `1` or `true`: check only.
    dry_run: Option<String>,
}

fn is_yes(v: &str) -> Result<bool, FileError> {
    match v.trim() {
        "1" | "true" | "yes" | "check" => Ok(true),
        "" | "0" | "false" | "no" | "import" => Ok(false),
        other => Err(super::invalid("dry_run", format!("must be 1 (check only) or 0 (import), got {other:?}"))),
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String, FileError> {
    String::from_utf8(bytes).map_err(|_| {
        FileError::Upload(StatusCode::BAD_REQUEST, "the file must be UTF-8 text (save it as \"CSV UTF-8\")\n".into())
    })
}

/// The file and whether to check only, from a form (fields `file` and
/// `mode` = check or import) or from the body and the query string; and
/// whether it came as a form.
async fn upload(query: &ImportQuery, request: Request) -> Result<(ImportRequest, bool), FileError> {
    let mut dry_run = query.dry_run.as_deref().map(is_yes).transpose()?.unwrap_or(false);
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("multipart/form-data"));
    let unreadable = |e: String| FileError::Upload(StatusCode::BAD_REQUEST, format!("the upload is unreadable: {e}\n"));
    if !multipart {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BYTES)
            .await
            .map_err(|_| FileError::Upload(StatusCode::PAYLOAD_TOO_LARGE, "the file is larger than 64 MiB\n".into()))?;
        return Ok((ImportRequest { csv: utf8(bytes.to_vec())?, dry_run }, false));
    }
    let mut form = Multipart::from_request(request, &()).await.map_err(|e| unreadable(e.body_text()))?;
    let mut csv = None;
    while let Some(field) = form.next_field().await.map_err(|e| unreadable(e.body_text()))? {
        match field.name() {
            Some("file") => csv = Some(utf8(field.bytes().await.map_err(|e| unreadable(e.body_text()))?.to_vec())?),
            Some("mode") => dry_run = is_yes(&field.text().await.map_err(|e| unreadable(e.body_text()))?)?,
            _ => {}
        }
    }
    let csv = csv.ok_or_else(|| FileError::Upload(StatusCode::BAD_REQUEST, "file: choose a CSV file\n".into()))?;
    Ok((ImportRequest { csv, dry_run }, true))
}

/// `POST /import/meters.csv[?dry_run=1]`: checks or imports; 200 with the
/// report when the file is good (and, unless checking, written), 422 with
/// the report when it has problems (nothing written). A browser's form gets
/// 200 either way: it saves a 200's file, where a 422 would leave the
/// operator on a blank page.
async fn import(
    State(state): State<ServerState>,
    Query(query): Query<ImportQuery>,
    request: Request,
) -> Result<Response, FileError> {
    let state = state.app;
    let caller = caller(&state, request.headers()).await?;
    let (req, from_form) = upload(&query, request).await?;
    let report = meter_import::import_meters(&state.db, state.registry(), &caller, req).await?;
    let status = if report.ok() || from_form { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let name = if report.dry_run { "import-check.csv" } else { "import-report.csv" };
    Ok((status, csv_headers(name)?, csv_bytes(report_rows(&report))?).into_response())
}

const REPORT_COLUMNS: [&str; 9] =
    ["line", "outcome", "meter", "area", "household", "keys", "meter_id", "column", "reason"];

/// The report as rows: a summary, the problems, then what each line does.
fn report_rows(r: &ImportReport) -> Vec<Vec<String>> {
    let mut rows = vec![REPORT_COLUMNS.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>()];
    let outcome = if r.written { "written" } else { "nothing written" };
    rows.push(vec![
        "0".into(),
        "summary".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format!(
            "{} rows: {} meters, {} new households, {} left out, {} problems; {outcome}",
            r.rows, r.meters, r.new_households, r.skipped, r.problem_count
        ),
    ]);
    for p in &r.problems {
        let mut row = vec![p.line.to_string(), "problem".into()];
        row.extend(std::iter::repeat_n(String::new(), 5));
        row.extend([p.column.clone(), p.reason.clone()]);
        rows.push(row);
    }
    let done = if r.written { "created" } else { "checked" };
    for l in &r.lines {
        rows.push(vec![
            l.line.to_string(),
            done.into(),
            l.meter.clone(),
            l.area.clone(),
            match &l.household {
                HouseholdPlan::Existing(number) => number.clone(),
                HouseholdPlan::New { first_line } => format!("new (line {first_line})"),
            },
            match l.keys {
                KeysPlan::None => String::new(),
                KeysPlan::Otaa => "otaa".into(),
                KeysPlan::Abp => "abp".into(),
            },
            l.meter_id.map(|m| m.0.to_string()).unwrap_or_default(),
            String::new(),
            String::new(),
        ]);
    }
    rows
}
