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
    /// The `errcode` clients see: the document's two. Clients test `"-1"` for
    /// "refused" and `"-31"` for "sign in again"; some read any other code as
    /// success, so no refusal may carry one.
    pub fn errcode(&self) -> &'static str {
        if self.detail() == "-31" { "-31" } else { "-1" }
    }

    /// The finer code, sent as `errcodeDetail` beside `errcode` (listed in
    /// docs/legacy-api.md): what went wrong, for clients and logs that want it.
    pub fn detail(&self) -> &'static str {
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
                // A wrong password or a throttled sign-in is refused, not a
                // dead token: a client that signs in again on -31 would loop.
                ServiceError::BadCredentials => "-6",
                ServiceError::Throttled { .. } => "-7",
                ServiceError::Unauthenticated => "-31",
                ServiceError::Unavailable(_) => "-503",
                ServiceError::Database(_) | ServiceError::Internal(_) => "-500",
            },
        }
    }

    /// The metrics label of this error.
    pub fn outcome(&self) -> &'static str {
        match self.detail() {
            "-1" => "invalid",
            "-2" => "unknown_method",
            "-3" => "not_found",
            "-4" => "forbidden",
            "-5" => "conflict",
            "-6" | "-7" | "-31" => "auth",
            "-503" => "unavailable",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_see_minus_one_or_minus_thirty_one_and_the_finer_code_beside() {
        let cases = [
            (LegacyError::Missing("devEui"), "-1", "-1"),
            (LegacyError::Unsupported("Unsupported commands!".into()), "-1", "-2"),
            (LegacyError::Service(ServiceError::not_found("x")), "-1", "-3"),
            (LegacyError::Service(ServiceError::Internal("x".into())), "-1", "-500"),
            (LegacyError::Service(ServiceError::BadCredentials), "-1", "-6"),
            (LegacyError::Service(ServiceError::Throttled { retry_after_seconds: 2 }), "-1", "-7"),
            (LegacyError::Service(ServiceError::Unavailable("ChirpStack: timed out".into())), "-1", "-503"),
            (LegacyError::NoToken, "-31", "-31"),
            (LegacyError::Service(ServiceError::Unauthenticated), "-31", "-31"),
        ];
        for (err, code, detail) in cases {
            assert_eq!((err.errcode(), err.detail()), (code, detail), "{err:?}");
        }
    }
}
