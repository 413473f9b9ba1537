//! Operations: `/healthz`, `/metrics` (Prometheus text) and the request log.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tracing::Instrument;

use crate::state::ServerState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CallLabels {
    /// `legacy` or `server_fn`.
    pub door: &'static str,
    pub method: String,
    /// `ok` or an error class (`invalid`, `auth`, `not_found`, ...).
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RadioLabels {
    /// What became of a datagram or frame: accepted, replay, bad_mic, ...
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CacheLabels {
    /// `hit` (answered from memory) or `miss` (computed and kept).
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct NetworkLabels {
    pub network: &'static str,
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LatencyLabels {
    pub door: &'static str,
    pub method: String,
}

/// Counters every door reports to.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    calls: Family<CallLabels, Counter>,
    latency: Family<LatencyLabels, Histogram, fn() -> Histogram>,
    pool_connections: Gauge,
    pool_idle: Gauge,
    radio: Family<RadioLabels, Counter>,
    answers: Family<CacheLabels, Counter>,
    networks: Family<NetworkLabels, Counter>,
}

fn latency_histogram() -> Histogram {
    // 0.25 ms .. ~8 s
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("meterline");
        let calls = Family::<CallLabels, Counter>::default();
        let latency = Family::<LatencyLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        let pool_connections = Gauge::default();
        let pool_idle = Gauge::default();
        registry.register("calls", "Calls per door, method and outcome", calls.clone());
        registry.register("call_duration_seconds", "Call latency per door and method", latency.clone());
        registry.register("db_pool_connections", "Open database connections", pool_connections.clone());
        registry.register("db_pool_idle", "Idle database connections", pool_idle.clone());
        let radio = Family::<RadioLabels, Counter>::default();
        registry.register("radio_frames", "Gateway datagrams and frames by outcome", radio.clone());
        let answers = Family::<CacheLabels, Counter>::default();
        registry.register("legacy_answer_cache", "Legacy reads answered from memory or computed", answers.clone());
        let networks = Family::<NetworkLabels, Counter>::default();
        registry.register("network_events", "Events from network servers by network and outcome", networks.clone());
        Self { registry, calls, latency, pool_connections, pool_idle, radio, answers, networks }
    }
}

impl Metrics {
    pub fn record(&self, door: &'static str, method: &str, outcome: &'static str, seconds: f64) {
        self.calls.get_or_create(&CallLabels { door, method: method.to_owned(), outcome }).inc();
        self.latency.get_or_create(&LatencyLabels { door, method: method.to_owned() }).observe(seconds);
    }

    /// Counts a gateway datagram or frame outcome.
    pub fn radio(&self, outcome: &'static str) {
        self.radio.get_or_create(&RadioLabels { outcome }).inc();
    }

    /// Counts a legacy read answered from memory (`hit`) or computed (`miss`).
    pub fn answer_cache(&self, outcome: &'static str) {
        self.answers.get_or_create(&CacheLabels { outcome }).inc();
    }

    /// How many frames ended with `outcome` (tests and the simulator read it).
    pub fn radio_count(&self, outcome: &'static str) -> u64 {
        self.radio.get_or_create(&RadioLabels { outcome }).get()
    }

    /// Counts an event a network server (ChirpStack, ...) delivered.
    pub fn network(&self, network: &'static str, outcome: &'static str) {
        self.networks.get_or_create(&NetworkLabels { network, outcome }).inc();
    }

    /// How many events of `network` ended with `outcome`.
    pub fn network_count(&self, network: &'static str, outcome: &'static str) -> u64 {
        self.networks.get_or_create(&NetworkLabels { network, outcome }).get()
    }

    fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

/// `/healthz` and `/metrics`.
pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/healthz", axum::routing::get(healthz)).route("/metrics", axum::routing::get(metrics))
}

pub async fn healthz(State(state): State<ServerState>) -> Response {
    if state.app.db.ping().await {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
    }
}

/// `/metrics`. With `METERLINE_METRICS_TOKEN` set, only a request bearing
/// it (`Authorization: Bearer <token>`) is answered.
pub async fn metrics(State(state): State<ServerState>, request: Request) -> Response {
    if let Some(token) = &state.metrics_token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !constant_time_eq(given.trim().as_bytes(), token.expose().as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
                "metrics need the bearer token set in METERLINE_METRICS_TOKEN\n",
            )
                .into_response();
        }
    }
    let pool = &state.app.db.pool;
    state.metrics.pool_connections.set(i64::from(pool.size()));
    state.metrics.pool_idle.set(pool.num_idle() as i64);
    (
        [(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")],
        Body::from(state.metrics.render()),
    )
        .into_response()
}

/// Compares two secrets in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The label a server-function path is counted under: its name when this
/// binary has such a function, else `unknown` (so made-up paths cannot grow
/// the number of series).
fn server_fn_label(name: &str) -> &str {
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        leptos::server_fn::axum::server_fn_paths()
            .filter_map(|(path, _)| path.strip_prefix("/sfn/").map(str::to_owned))
            .collect()
    });
    if known.contains(name) { name } else { "unknown" }
}

/// Tells the services where a request came from, for the sign-in throttle:
/// the TCP peer, or, when the peer is a trusted proxy
/// (`METERLINE_TRUSTED_PROXIES`), the client its `X-Forwarded-For` names.
pub async fn client_addr(
    State(proxies): State<Arc<crate::addresses::AllowList>>,
    request: Request,
    next: Next,
) -> Response {
    let mut request = request;
    if let Some(axum::extract::ConnectInfo(peer)) =
        request.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().copied()
    {
        let forwarded: Vec<&str> =
            request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        let client = proxies.forwarded_client(peer.ip(), &forwarded).unwrap_or(peer.ip());
        request.extensions_mut().insert(app::backend::throttle::ClientAddr(client));
    }
    next.run(request).await
}

static REQUEST_SEQ: AtomicU64 = AtomicU64::new(1);

/// Gives each request an id, logs it with its outcome and duration, and counts
/// server-function calls (the legacy door counts its own, per vendor method).
pub async fn observe(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let id = REQUEST_SEQ.fetch_add(1, Ordering::Relaxed);
    let path = request.uri().path().to_owned();
    let verb = request.method().clone();
    let span = tracing::info_span!("request", request_id = id, method = %verb, path = %path);
    let started = Instant::now();
    let response = next.run(request).instrument(span.clone()).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status();
    if let Some(name) = path.strip_prefix("/sfn/") {
        let outcome = if status.is_success() {
            "ok"
        } else if status.is_client_error() {
            "client_error"
        } else {
            "server_error"
        };
        metrics.record("server_fn", server_fn_label(name), outcome, seconds);
    }
    span.in_scope(|| tracing::info!(status = status.as_u16(), duration_ms = seconds * 1000.0, "request done"));
    response
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
