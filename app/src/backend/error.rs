//! The service layer's error, mapped exhaustively by each door.

use crate::model::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input that does not parse or breaks a rule; `field` names it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Not there, or outside the caller's areas (we do not say which).
    #[error("{0}")]
    NotFound(String),
    /// A unique value is taken.
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },
    /// No valid session or token.
    #[error("not signed in, or the token expired or was revoked")]
    Unauthenticated,
    /// Wrong username or password.
    #[error("wrong username or password")]
    BadCredentials,
    /// Signed in, but this is not the caller's to see or change.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// Too many failed sign-ins for this account or address, or too many at once.
    #[error("too many sign-in attempts: try again in {retry_after_seconds} s")]
    Throttled { retry_after_seconds: i64 },
    /// A household still on a first password asked for anything but changing it.
    #[error("choose your own password first: until then only the password change is answered")]
    MustChangePassword { name: String },
    /// A system we depend on (a network server's API) could not be reached
    /// or did not answer; nothing changed, and the call may be repeated.
    #[error("{0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A broken invariant on our side (bad stored value, arithmetic overflow).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError::Invalid { field: field.into(), message: message.into() }
    }

    pub fn conflict(field: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError::Conflict { field: field.into(), message: message.into() }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        ServiceError::NotFound(what.into())
    }

    /// A unique violation that slipped past the checks (a concurrent insert)
    /// becomes a conflict on `field`; anything else stays a database error.
    pub fn unique_as(field: &str, message: &str) -> impl FnOnce(sqlx::Error) -> ServiceError {
        let (field, message) = (field.to_owned(), message.to_owned());
        move |err| match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => ServiceError::Conflict { field, message },
            _ => ServiceError::Database(err),
        }
    }
}

/// A unique column a write may clash on: the table's column, and the field
/// and message the clash is reported as.
pub type UniqueColumn = (&'static str, &'static str, &'static str);

/// Which of `columns` (of `table`) a unique violation is on. PostgreSQL names
/// the constraint (`meters_imei_key` for an inline `UNIQUE`); SQLite names
/// none but says `UNIQUE constraint failed: meters.imei`.
fn clashing_column(
    table: &str,
    columns: &'static [UniqueColumn],
    db: &dyn sqlx::error::DatabaseError,
) -> Option<UniqueColumn> {
    columns.iter().copied().find(|(column, _, _)| {
        db.constraint() == Some(format!("{table}_{column}_key").as_str())
            || db.message().contains(&format!("{table}.{column}"))
    })
}

impl ServiceError {
    /// A unique violation that slipped past the checks (a concurrent insert)
    /// becomes a conflict on the field of the column it is on (the first
    /// when the database does not say); anything else stays a database error.
    pub fn unique_on(
        table: &'static str,
        columns: &'static [UniqueColumn],
    ) -> impl FnOnce(sqlx::Error) -> ServiceError {
        move |err| match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                let (_, field, message) = clashing_column(table, columns, db.as_ref()).unwrap_or(columns[0]);
                ServiceError::conflict(field, message)
            }
            _ => ServiceError::Database(err),
        }
    }
}

impl From<ServiceError> for AppError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Invalid { field, message } => AppError::Invalid { field, message },
            ServiceError::NotFound(what) => AppError::NotFound(what),
            ServiceError::Conflict { field, message } => AppError::Conflict { field, message },
            ServiceError::Unauthenticated => AppError::Unauthenticated,
            ServiceError::BadCredentials => AppError::invalid("password", "wrong username or password"),
            ServiceError::Forbidden(what) => AppError::Forbidden(what),
            ServiceError::MustChangePassword { name } => AppError::MustChangePassword { name },
            ServiceError::Throttled { retry_after_seconds } => AppError::Throttled { retry_after_seconds },
            ServiceError::Unavailable(what) => AppError::Unavailable(what),
            ServiceError::Database(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
            ServiceError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                AppError::Internal
            }
        }
    }
}
