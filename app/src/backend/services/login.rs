//! Signing in: operators (portal and `toLogin`) and households (portal).

use crate::backend::auth::{self, Caller, Lifetime, TokenKind};
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::state::Settings;
use crate::backend::store::{admins, households};
use crate::backend::throttle::{self, ClientAddr};
use crate::model::auth::{AdminProfile, Credentials, IssuedToken, Me, Role};
use crate::model::ids::AdminId;

use super::{areas, equipment_models};

/// Checks an operator's credentials under the sign-in throttle (every door
/// that signs operators in comes here: the portal, `toLogin`, `getAreaOrg`).
pub async fn check_admin(db: &Db, creds: &Credentials, from: Option<ClientAddr>) -> Result<AdminId, ServiceError> {
    if creds.username.trim().is_empty() {
        return Err(ServiceError::invalid("username", "is required"));
    }
    if creds.password.0.is_empty() {
        return Err(ServiceError::invalid("password", "is required"));
    }
    throttle::guarded(db, throttle::keys("admin", &creds.username, from), || {
        auth::authenticate_admin(db, &creds.username, &creds.password.0)
    })
    .await
}

/// Checks an operator's credentials and issues a token of `kind`.
pub async fn admin_login(
    db: &Db,
    settings: &Settings,
    creds: &Credentials,
    kind: TokenKind,
    from: Option<ClientAddr>,
) -> Result<(IssuedToken, AdminProfile), ServiceError> {
    let id = check_admin(db, creds, from).await?;
    let lifetime = match kind {
        TokenKind::Api => Lifetime::Idle(settings.api_token_idle_seconds),
        TokenKind::Browser => Lifetime::Fixed(settings.session_ttl_seconds),
    };
    let label = match kind {
        TokenKind::Api => "toLogin",
        TokenKind::Browser => "portal",
    };
    let token = auth::issue_token(db, Role::Admin, id.0, kind, label, lifetime).await?;
    Ok((token, admin_profile(db, id).await?))
}

/// An operator's profile: who they are, their areas, the device models.
pub async fn admin_profile(db: &Db, id: AdminId) -> Result<AdminProfile, ServiceError> {
    let row = admins::get(db, id).await?.ok_or(ServiceError::Unauthenticated)?;
    Ok(AdminProfile {
        id,
        username: row.username,
        name: row.name,
        email: row.email,
        tel_phone: row.tel_phone,
        manage_area: areas::managed_areas(db, id).await?,
        equipment_models: equipment_models::models_by_use(db, &admins::roots(db, id).await?).await?,
    })
}

/// Checks a household's credentials and opens a browser session.
pub async fn household_login(
    db: &Db,
    settings: &Settings,
    creds: &Credentials,
    from: Option<ClientAddr>,
) -> Result<(IssuedToken, Me), ServiceError> {
    if creds.password.0.is_empty() {
        return Err(ServiceError::invalid("password", "is required"));
    }
    let id = throttle::guarded(db, throttle::keys("household", &creds.username, from), || {
        auth::authenticate_household(db, &creds.username, &creds.password.0)
    })
    .await?;
    let token = auth::issue_token(
        db,
        Role::Household,
        id.0,
        TokenKind::Browser,
        "portal",
        Lifetime::Fixed(settings.session_ttl_seconds),
    )
    .await?;
    let caller = Caller::Household { id, name: String::new(), must_change_password: false };
    Ok((token, me(db, &caller).await?))
}

/// What the portal shows about the signed-in caller.
pub async fn me(db: &Db, caller: &Caller) -> Result<Me, ServiceError> {
    match caller {
        Caller::Admin(a) => {
            let name = admins::get(db, a.id).await?.ok_or(ServiceError::Unauthenticated)?.name;
            Ok(Me::Admin { id: a.id, username: a.username.clone(), name })
        }
        Caller::Household { id, .. } => {
            let (name, must_change_password) =
                households::caller_facts(db, *id).await?.ok_or(ServiceError::Unauthenticated)?;
            Ok(Me::Household { id: *id, name, must_change_password })
        }
    }
}
