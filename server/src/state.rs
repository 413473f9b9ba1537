//! What every request handler of every door can reach: the app's state (the
//! database, settings, the payment providers), the Leptos options, metrics,
//! the legacy door's kept answers and the `/metrics` token.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::state::{AppState, Settings};

/// Everything a request handler can reach.
#[derive(Clone, Debug)]
pub struct ServerState {
    pub app: AppState,
    pub leptos: LeptosOptions,
    pub metrics: Arc<Metrics>,
    /// The legacy door's answers to repeated reads.
    pub answers: Arc<crate::legacy::answer_cache::AnswerCache>,
    /// `/metrics` answers only requests bearing this token, when set.
    pub metrics_token: Option<Arc<crate::config::Secret>>,
    /// What the payment callbacks check their callers with.
    pub payment_doors: Arc<crate::payments::Doors>,
    /// What The Things Stack's webhook must carry; `None`: that door is shut.
    pub tts_secret: Option<Arc<crate::config::Secret>>,
    /// How a cellular platform's pushes are checked; `None`: that door is shut.
    pub cellular: Option<Arc<crate::networks::cellular::CellularAuth>>,
    /// Proxies whose `X-Forwarded-For` names the client (none by default).
    pub trusted_proxies: Arc<crate::addresses::AllowList>,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos.clone()
    }
}

impl ServerState {
    pub fn new(db: Db, leptos: LeptosOptions) -> Self {
        // The sandbox alone, deciding at once and sending no callback (the
        // caller delivers it, or the schedule's status queries find the
        // outcome): what tests get unless they choose.
        let sandbox: Arc<dyn app::backend::payments::Provider> =
            Arc::new(crate::payments::sandbox::Sandbox::new(None, 0));
        let payments = app::backend::payments::Providers::new(vec![sandbox]);
        Self {
            app: AppState { db, settings: Settings::default(), payments, registry: None },
            leptos,
            metrics: Arc::new(Metrics::default()),
            answers: Default::default(),
            metrics_token: None,
            payment_doors: Default::default(),
            tts_secret: None,
            cellular: None,
            trusted_proxies: Default::default(),
        }
    }

    /// The payment providers that are on, and what their callbacks check.
    pub fn with_payments(
        mut self,
        providers: app::backend::payments::Providers,
        doors: crate::payments::Doors,
    ) -> Self {
        self.app.payments = providers;
        self.payment_doors = Arc::new(doors);
        self
    }

    /// Opens The Things Stack's webhook to callers with `secret`.
    pub fn with_tts(mut self, secret: Option<crate::config::Secret>) -> Self {
        self.tts_secret = secret.map(Arc::new);
        self
    }

    /// Opens the cellular platforms' door to pushes `auth` accepts.
    pub fn with_cellular(mut self, auth: Option<crate::networks::cellular::CellularAuth>) -> Self {
        self.cellular = auth.map(Arc::new);
        self
    }

    /// Registers devices in this network server (ChirpStack's API).
    pub fn with_registry(mut self, registry: Option<Arc<dyn app::backend::device_registry::DeviceRegistry>>) -> Self {
        self.app.registry = registry;
        self
    }

    /// Believes these proxies when they say whom they forward.
    pub fn with_trusted_proxies(mut self, proxies: crate::addresses::AllowList) -> Self {
        self.trusted_proxies = Arc::new(proxies);
        self
    }

    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.app.settings = settings;
        self
    }

    /// Protects `/metrics` with a bearer token.
    pub fn with_metrics_token(mut self, token: Option<crate::config::Secret>) -> Self {
        self.metrics_token = token.map(Arc::new);
        self
    }
}
