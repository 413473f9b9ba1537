//! The legacy door's error: every refusal becomes HTTP 200 with a non-zero
//! `errcode` and an `errmsg` that names the problem (see docs/legacy-api.md).

use app::backend::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum LegacyError {
    #[error("requestParams is missing: send requestParams=<JSON> as a form field or in the query string")]
    NoRequestParams,
    #[error("requestParams is not valid JSON: {0}")]
    BadJson(String),
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("{field} must be {expected}")]
    WrongType { field: &'static str, expected: &'static str },
    #[error("{field} {message}")]
    Invalid { field: &'static str, message: String },
    #[error("unknown action {0:?} (expected comApi, lorawanApi, lorawanMeterApi, lorawanMeter or zlMeter)")]
    UnknownAction(String),
    #[error("unknown method {0:?}")]
    UnknownMethod(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("apiToken is missing: call toLogin first")]
    NoToken,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl LegacyError {
    /// The `errcode` clients see. `-31` is what the vendor uses for sign-in
    /// problems; clients re-login on it.
    pub fn errcode(&self) -> &'static str {
        match self {
            LegacyError::NoRequestParams
            | LegacyError::BadJson(_)
            | LegacyError::Missing(_)
            | LegacyError::WrongType { .. }
            | LegacyError::Invalid { .. } => "-1",
            LegacyError::UnknownAction(_) | LegacyError::UnknownMethod(_) | LegacyError::Unsupported(_) => "-2",
            LegacyError::NoToken => "-31",
            LegacyError::Service(e) => match e {
                ServiceError::Invalid { .. } => "-1",
                ServiceError::NotFound(_) => "-3",
                ServiceError::Forbidden(_) | ServiceError::MustChangePassword { .. } => "-4",
                ServiceError::Conflict { .. } => "-5",
                ServiceError::Unauthenticated | ServiceError::BadCredentials | ServiceError::Throttled { .. } => "-31",
                ServiceError::Database(_) | ServiceError::Internal(_) => "-500",
            },
        }
    }

    /// The metrics label of this error.
    pub fn outcome(&self) -> &'static str {
        match self.errcode() {
            "-1" => "invalid",
            "-2" => "unknown_method",
            "-3" => "not_found",
            "-4" => "forbidden",
            "-5" => "conflict",
            "-31" => "auth",
            _ => "internal",
        }
    }

    /// The `errmsg`: the message, except for our own failures, whose details
    /// go to the log and not to the client.
    pub fn errmsg(&self) -> String {
        match self {
            LegacyError::Service(ServiceError::Database(_) | ServiceError::Internal(_)) => {
                "internal error, please try again".to_owned()
            }
            other => other.to_string(),
        }
    }
}
