//! Start-up: database, first admin, demo data, the router, serving.

use axum::Router;
use axum::middleware::from_fn_with_state;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;

use crate::config::Config;
use crate::ops;
use crate::state::ServerState;
use crate::{files, legacy};
use app::backend::bootstrap::{AdminBootstrap, ensure_admin};
use app::backend::db::{Db, DbError};
use app::backend::{ServiceError, demo};
use app::ui::App;
pub use app::ui::shell;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("first start: {0}")]
    Bootstrap(#[from] ServiceError),
    #[error("cannot read the Leptos configuration: {0}")]
    Leptos(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("server error: {0}")]
    Serve(#[from] std::io::Error),
    #[error("METERLINE_CHIRPSTACK_API: {0}")]
    ChirpstackApi(String),
}

/// The whole HTTP surface; tests drive it with `tower::ServiceExt::oneshot`.
pub fn router(state: ServerState) -> Router {
    let routes = generate_route_list(App);
    let app_state = state.app.clone();
    let options = state.leptos.clone();
    // Each door brings its routes; the portal's pages and server functions
    // come from the app.
    Router::new()
        .merge(legacy::routes())
        .merge(ops::routes())
        .merge(files::routes())
        .merge(crate::language::routes())
        .merge(crate::payments::routes())
        .merge(crate::networks::tts::routes())
        .merge(crate::networks::cellular::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(app_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(crate::fallback::handle)
        .layer(axum::middleware::from_fn(crate::same_origin::guard))
        .layer(from_fn_with_state(state.trusted_proxies.clone(), ops::client_addr))
        .layer(from_fn_with_state(state.metrics.clone(), ops::observe))
        .with_state(state)
}

/// Creates the first admin on an empty database and loads the demo if asked.
pub async fn prepare(db: &Db, config: &Config) -> Result<(), StartupError> {
    app::backend::store::zones::set_installation(db, config.time_zone).await?;
    match ensure_admin(db, &config.admin_user, config.admin_password.as_ref().map(|s| s.expose())).await? {
        AdminBootstrap::Existing => {}
        AdminBootstrap::Created { username } => {
            println!("Created the first admin {username:?} (password from METERLINE_ADMIN_PASSWORD).")
        }
        AdminBootstrap::Generated { username, password } => {
            // Printed once, to the terminal of whoever started the server; never logged.
            println!("Created the first admin {username:?} with the generated password: {password}");
            println!("Change it after signing in, or set METERLINE_ADMIN_PASSWORD on a fresh database.");
        }
    }
    if config.demo {
        let admin = app::backend::store::admins::first(db)
            .await?
            .ok_or_else(|| ServiceError::Internal("no operator to own the demo data".into()))?;
        if demo::load(db, admin).await? {
            println!("Loaded the demo data.");
        }
        println!("Demo household login: {} / {}", demo::DEMO_HOUSEHOLD.0, demo::DEMO_HOUSEHOLD.1);
        println!(
            "Other demo households (USER00000002 and up) have the first password {:?}, to be changed at first sign-in.",
            demo::DEMO_FIRST_PASSWORD
        );
        println!(
            "Demo area admin login (WAHA Community only): {} / {}",
            demo::DEMO_AREA_ADMIN.0,
            demo::DEMO_AREA_ADMIN.1
        );
    }
    Ok(())
}

/// ChirpStack's API, when configured, as the registry devices are created in.
fn registry(config: &Config) -> Result<Option<Arc<dyn app::backend::device_registry::DeviceRegistry>>, StartupError> {
    let Some(api) = &config.chirpstack_api else { return Ok(None) };
    let registry = crate::networks::chirpstack::api::ChirpStackApi::new(api).map_err(StartupError::ChirpstackApi)?;
    println!("ChirpStack API: {} (devices registered through Meterline are created there)", api.url);
    Ok(Some(Arc::new(registry)))
}

pub async fn run(config: Config) -> Result<(), StartupError> {
    let db = Db::connect(config.database_url.expose()).await?;
    prepare(&db, &config).await?;
    let mut leptos =
        leptos::config::get_configuration(None).map_err(|e| StartupError::Leptos(e.to_string()))?.leptos_options;
    leptos.site_addr = config.listen;
    let (providers, doors) = crate::payments::providers(&config.payments);
    let settings = app::backend::state::Settings {
        currency: config.currency,
        payment_expiry_seconds: config.payment_expiry_seconds,
        alerts: config.alerts.clone(),
        friendly: config.friendly.clone(),
        ..Default::default()
    };
    let state = ServerState::new(db, leptos)
        .with_metrics_token(config.metrics_token.clone())
        .with_settings(settings)
        .with_payments(providers, doors)
        .with_tts(config.tts.as_ref().map(|t| t.webhook_secret.clone()))
        .with_cellular(config.cellular.clone())
        .with_registry(registry(&config)?)
        .with_trusted_proxies(config.trusted_proxies.clone());
    crate::jobs::spawn(state.app.clone());
    if let Some(hook) = config.alert_webhook.clone() {
        crate::notify::spawn(state.app.db.clone(), hook);
    }
    if let Some(addr) = config.gateway_udp {
        let door = crate::lorawan::Door::new(state.app.db.clone(), state.app.settings.clone(), state.metrics.clone())
            .allowing(config.gateway_allow.clone());
        let bound = crate::lorawan::start(addr, door).await.map_err(|source| StartupError::Listen { addr, source })?;
        println!("Gateway door (Semtech UDP) listening on {bound}");
    }
    // Kept for the life of the server: dropping the handle does not stop it.
    let _chirpstack = config.chirpstack.clone().map(|c| {
        println!("ChirpStack door: MQTT broker {}:{} as client {:?}", c.host, c.port, c.client_id);
        crate::networks::chirpstack::start(state.app.db.clone(), state.app.settings.clone(), state.metrics.clone(), c)
    });
    let _tts = config.tts.as_ref().and_then(|t| {
        println!("The Things Stack door: POST /networks/tts/webhook");
        crate::networks::tts::start(state.app.db.clone(), state.metrics.clone(), t)
    });
    let _cellular = config.cellular_commands.as_ref().and_then(|api| {
        println!("Cellular commands: POST {}", api.url);
        crate::networks::cellular::start_commands(state.app.db.clone(), state.metrics.clone(), api)
    });
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartupError::Listen { addr: config.listen, source })?;
    println!("Meterline listening on http://{}", config.listen);
    tracing::info!(addr = %config.listen, "listening");
    crate::serve::serve(listener, router(state), config.limits, shutdown()).await?;
    Ok(())
}

/// Ctrl-C, or the SIGTERM a service manager stops the server with: either
/// lets the requests in hand finish.
async fn shutdown() {
    #[cfg(unix)]
    if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}
