//! The caller of a server function, from the session cookie.

use super::auth::{Caller, TokenKind, resolve_token};
use super::error::ServiceError;
use super::state::AppState;
use leptos::prelude::use_context;

/// The browser session cookie. HttpOnly and SameSite=Lax; `Secure` is added
/// when `METERLINE_SECURE_COOKIES=1` (behind TLS).
pub const COOKIE: &str = "meterline_session";

pub fn state() -> Result<AppState, ServiceError> {
    use_context::<AppState>().ok_or_else(|| ServiceError::Internal("application state missing from context".into()))
}

/// Where this request came from, when the server knows.
pub fn client_addr() -> Option<super::throttle::ClientAddr> {
    use_context::<http::request::Parts>()?.extensions.get::<super::throttle::ClientAddr>().copied()
}

/// The session token sent with this request, if any.
pub fn session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    token_from_headers(&parts.headers)
}

/// The session token in a request's `Cookie` headers.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The signed-in caller, or `Unauthenticated`; a household still on a first
/// password is refused (`MustChangePassword`): the server, not the page,
/// holds it to choosing its own.
pub async fn caller() -> Result<(AppState, Caller), ServiceError> {
    let (state, caller) = caller_before_password_change().await?;
    match caller {
        Caller::Household { must_change_password: true, name, .. } => Err(ServiceError::MustChangePassword { name }),
        caller => Ok((state, caller)),
    }
}

/// The signed-in caller, even a household that must still change its
/// password: only for saying who is signed in and for the change itself.
pub async fn caller_before_password_change() -> Result<(AppState, Caller), ServiceError> {
    let state = state()?;
    let token = session_token().ok_or(ServiceError::Unauthenticated)?;
    let caller = resolve_token(&state.db, &token, TokenKind::Browser).await?;
    Ok((state, caller))
}

/// The Set-Cookie value that stores `token` (or clears the cookie when `None`).
pub fn cookie_header(token: Option<&str>, max_age_seconds: i64) -> String {
    let secure = std::env::var("METERLINE_SECURE_COOKIES").is_ok_and(|v| v == "1");
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// The HTTP status a refused server-function call answers with: a client's
/// mistake is never a 500.
pub fn status_of(err: &ServiceError) -> http::StatusCode {
    use http::StatusCode;
    match err {
        ServiceError::Invalid { .. } | ServiceError::BadCredentials => StatusCode::BAD_REQUEST,
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        ServiceError::Conflict { .. } => StatusCode::CONFLICT,
        ServiceError::Unauthenticated => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden(_) | ServiceError::MustChangePassword { .. } => StatusCode::FORBIDDEN,
        ServiceError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::Database(_) | ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Maps a service result for the browser, setting the response status.
pub fn finish<T>(result: Result<T, ServiceError>) -> Result<T, crate::model::AppError> {
    result.map_err(|err| {
        refused_with(status_of(&err));
        err.into()
    })
}

/// Answers a refusal with `status`, except to a form a browser posted
/// without JavaScript: that answer sends the browser back to the form's
/// page with the error (a redirect Leptos makes), which a status other
/// than the redirect's would turn into a dead end showing raw JSON.
pub fn refused_with(status: http::StatusCode) {
    // Exactly the requests server_fn answers with a redirect: a POST to a
    // server function that accepts HTML. A page's own render (a GET) keeps
    // its status.
    let from_a_form = use_context::<http::request::Parts>().is_some_and(|p| {
        p.method == http::Method::POST
            && p.uri.path().starts_with("/sfn/")
            && p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|a| a.contains("text/html"))
    });
    if !from_a_form && let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Runs a service call for the signed-in caller (the body of most server functions).
pub async fn with_caller<T, F, Fut>(call: F) -> Result<T, crate::model::AppError>
where
    F: FnOnce(AppState, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    finish(run(caller().await, call).await)
}

/// `with_caller` for the password change itself.
pub async fn with_caller_before_password_change<T, F, Fut>(call: F) -> Result<T, crate::model::AppError>
where
    F: FnOnce(AppState, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    finish(run(caller_before_password_change().await, call).await)
}

async fn run<T, F, Fut>(caller: Result<(AppState, Caller), ServiceError>, call: F) -> Result<T, ServiceError>
where
    F: FnOnce(AppState, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    let (state, caller) = caller?;
    call(state, caller).await
}
