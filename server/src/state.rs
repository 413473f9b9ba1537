//! What every request handler of every door can reach: the app's state (the
//! database, settings, the payment provider), the Leptos options, metrics,
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
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos.clone()
    }
}

impl ServerState {
    pub fn new(db: Db, leptos: LeptosOptions) -> Self {
        // The sandbox is the only provider shipped: the portal labels it, and no real money moves.
        let payments = Arc::new(app::backend::payments::Sandbox::default());
        Self {
            app: AppState { db, settings: Settings::default(), payments },
            leptos,
            metrics: Arc::new(Metrics::default()),
            answers: Default::default(),
            metrics_token: None,
        }
    }

    /// Protects `/metrics` with a bearer token.
    pub fn with_metrics_token(mut self, token: Option<crate::config::Secret>) -> Self {
        self.metrics_token = token.map(Arc::new);
        self
    }
}
