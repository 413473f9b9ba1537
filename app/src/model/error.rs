//! The error every server function returns, serialisable so the browser can
//! show it next to the field it names.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input that does not parse or breaks a rule; `field` names it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The thing asked for does not exist (or is outside the caller's areas,
    /// which we do not reveal); the text says what was not found.
    #[error("{0}")]
    NotFound(String),
    /// A unique value is already taken.
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },
    /// No session, or it expired.
    #[error("please sign in")]
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// Too many sign-in attempts: the caller waits this long.
    #[error("too many sign-in attempts: try again in {retry_after_seconds} s")]
    Throttled { retry_after_seconds: i64 },
    /// The household must choose its own password before anything else
    /// (`name` greets it on the form).
    #[error("choose your own password first: until then only the password change is answered")]
    MustChangePassword { name: String },
    /// A system we depend on did not answer; nothing changed, try again.
    #[error("{0}")]
    Unavailable(String),
    /// Something failed on our side; details are in the server log only.
    #[error("internal error, please try again")]
    Internal,
    /// The request never reached the service (network, encoding).
    #[error("{0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid { field: field.into(), message: message.into() }
    }

    /// The field this error is about, for showing it next to that input.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } | AppError::Conflict { field, .. } => Some(field),
            AppError::NotFound(_)
            | AppError::Unauthenticated
            | AppError::Forbidden(_)
            | AppError::MustChangePassword { .. }
            | AppError::Throttled { .. }
            | AppError::Unavailable(_)
            | AppError::Internal
            | AppError::Transport(_) => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this runs when a request's arguments do not decode:
        // the caller's mistake, answered 400 rather than the default 500.
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_)
                | ServerFnErrorErr::UnsupportedRequestMethod(_)
        ) {
            crate::backend::session::refused_with(http::StatusCode::BAD_REQUEST);
        }
        AppError::Transport(value.to_string())
    }
}
