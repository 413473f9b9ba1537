//! Signing in and out.

use crate::model::AppError;
use crate::model::auth::{Me, Password, PasswordChange, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The sign-in form. The password is a `Password`: a `Debug` print of the
/// request (a log line, a panic message) shows `***`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub role: Role,
    pub username: String,
    pub password: Password,
}

/// Signs in and sets the session cookie.
#[server(prefix = "/sfn", endpoint = "login")]
pub async fn login(req: LoginRequest) -> Result<Me, AppError> {
    use crate::backend::auth::TokenKind;
    use crate::backend::services::login;
    use crate::backend::session;
    use crate::model::auth::Credentials;
    let state = session::finish(session::state())?;
    let creds = Credentials { username: req.username, password: req.password };
    let from = session::client_addr();
    let outcome = match req.role {
        Role::Admin => login::admin_login(&state.db, &state.settings, &creds, TokenKind::Browser, from)
            .await
            .map(|(token, p)| (token, Me::Admin { id: p.id, username: p.username, name: p.name })),
        Role::Household => login::household_login(&state.db, &state.settings, &creds, from).await,
    };
    let (token, me) = session::finish(outcome)?;
    set_cookie(&session::cookie_header(Some(&token.token), state.settings.session_ttl_seconds));
    Ok(me)
}

/// Ends the session.
#[server(prefix = "/sfn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::{auth, session};
    let state = session::finish(session::state())?;
    if let Some(token) = session::session_token() {
        session::finish(auth::revoke_token(&state.db, &token).await)?;
    }
    set_cookie(&session::cookie_header(None, 0));
    // A plain form (the header's "Sign out") lands on the sign-in page.
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in, or `None`.
#[server(prefix = "/sfn", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::backend::{ServiceError, services::login, session};
    match session::caller_before_password_change().await {
        Ok((state, caller)) => session::finish(login::me(&state.db, &caller).await).map(Some),
        Err(ServiceError::Unauthenticated) => Ok(None),
        Err(e) => session::finish(Err(e)),
    }
}

/// A household changes its own password.
#[server(prefix = "/sfn", endpoint = "change_password")]
pub async fn change_password(req: PasswordChange) -> Result<(), AppError> {
    use crate::backend::{services::households, session};
    let keep = session::session_token();
    session::with_caller_before_password_change(|state, caller| async move {
        households::change_own_password(&state.db, &caller, req, keep.as_deref()).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_request_prints_no_password() {
        let req = LoginRequest { role: Role::Admin, username: "admin".into(), password: Password("s3cret-pw".into()) };
        let printed = format!("{req:?} {req:#?}");
        assert!(!printed.contains("s3cret-pw"), "{printed}");
        // The form still carries it as plain text.
        let form: LoginRequest =
            serde_json::from_str(r#"{"role":"Admin","username":"admin","password":"s3cret-pw"}"#).unwrap();
        assert_eq!(form.password.0, "s3cret-pw");
    }
}
