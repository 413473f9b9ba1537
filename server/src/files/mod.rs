//! The portal's file doors: CSV downloads of its tables (`export`) and the
//! meter import (`import`). The session cookie decides what the caller may
//! see and change, as for server functions.

pub mod export;
pub mod import;

use app::backend::auth::{Caller, TokenKind, resolve_token};
use app::backend::session::{status_of, token_from_headers};
use app::backend::{AppState, ServiceError};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Why a file was refused or failed.
#[derive(Debug)]
pub enum FileError {
    Service(ServiceError),
    /// Writing the CSV failed (never the caller's fault).
    Csv(String),
    /// The upload itself is unreadable: its status and why.
    Upload(StatusCode, String),
}

impl From<ServiceError> for FileError {
    fn from(e: ServiceError) -> Self {
        FileError::Service(e)
    }
}

impl IntoResponse for FileError {
    fn into_response(self) -> Response {
        match self {
            FileError::Service(e) => {
                if matches!(e, ServiceError::Database(_) | ServiceError::Internal(_)) {
                    tracing::error!(error = %e, "file door failed");
                }
                let status = status_of(&e);
                (status, app::model::AppError::from(e).to_string()).into_response()
            }
            FileError::Csv(e) => {
                tracing::error!(error = %e, "writing CSV failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error, please try again").into_response()
            }
            FileError::Upload(status, message) => (status, message).into_response(),
        }
    }
}

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> FileError {
    FileError::Service(ServiceError::invalid(field, message.into()))
}

pub(crate) async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Caller, FileError> {
    let token = token_from_headers(headers).ok_or(ServiceError::Unauthenticated)?;
    Ok(resolve_token(&state.db, &token, TokenKind::Browser).await?)
}

/// The headers of a CSV file the browser saves as `name`.
pub(crate) fn csv_headers(name: &str) -> Result<[(header::HeaderName, HeaderValue); 2], FileError> {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| FileError::Csv(e.to_string()))?;
    Ok([
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CONTENT_DISPOSITION, disposition),
    ])
}

/// Rows written as CSV text.
pub(crate) fn csv_bytes<R, I>(rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>, FileError>
where
    R: IntoIterator<Item = I>,
    I: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).map_err(|e| FileError::Csv(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| FileError::Csv(e.to_string()))
}

/// The file doors' routes.
pub fn routes() -> axum::Router<crate::state::ServerState> {
    export::routes().merge(import::routes())
}
