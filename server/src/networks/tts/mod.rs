//! The Things Stack (v3): its webhook integration posts each message to
//! `POST /networks/tts/webhook` (authenticated by a shared secret in a header
//! the webhook is given), and downlinks go to its webhook downlink API
//! (`/api/v3/as/applications/{app}/webhooks/{id}/devices/{device}/down/push`,
//! bearer key). Meterline holds no device keys.

pub mod messages;

use crate::config::Secret;
use crate::networks::door;
use crate::networks::downlinks::{self, NotTaken, Sink};
use crate::ops::Metrics;
use crate::state::ServerState;
use app::backend::db::Db;
use app::backend::store::commands::Routed;
use app::model::network::Network;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// The header the webhook must carry: `Authorization: Bearer <secret>`,
/// set among the webhook's additional headers in The Things Stack.
pub const AUTH_HEADER: &str = "authorization";

/// How Meterline meets The Things Stack (README: `METERLINE_TTS_*`).
#[derive(Debug, Clone)]
pub struct TtsConfig {
    /// What the webhook's `Authorization: Bearer` must say.
    pub webhook_secret: Secret,
    /// Where downlinks go; `None`: uplinks only.
    pub downlinks: Option<TtsApi>,
}

#[derive(Debug, Clone)]
pub struct TtsApi {
    /// The cluster's address, e.g. `https://eu1.cloud.thethings.network`.
    pub base_url: String,
    /// An API key with the right to push downlinks (`NNSXS....`).
    pub api_key: Secret,
    /// The webhook's id in each application.
    pub webhook_id: String,
}

pub fn routes() -> Router<ServerState> {
    Router::new().route("/networks/tts/webhook", axum::routing::post(webhook))
}

fn refusal(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": message}))).into_response()
}

async fn webhook(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(secret) = state.tts_secret.as_deref() else {
        return refusal(StatusCode::NOT_FOUND, "The Things Stack is not set up here");
    };
    let given = headers.get(AUTH_HEADER).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !secret.matches(given) {
        return refusal(StatusCode::UNAUTHORIZED, "the webhook's Authorization header is missing or wrong");
    }
    let heard = match messages::read(&body) {
        Ok(h) => h,
        Err(why) => {
            state.metrics.network(Network::TheThingsStack.code(), "malformed");
            return refusal(StatusCode::BAD_REQUEST, &why);
        }
    };
    match door::take(&state.app.db, &state.app.settings, &state.metrics, Network::TheThingsStack, &[heard]).await {
        Ok(_) => axum::Json(json!({})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a message of The Things Stack was not taken");
            refusal(StatusCode::SERVICE_UNAVAILABLE, "not taken now; send it again")
        }
    }
}

/// Pushes downlinks through The Things Stack's webhook downlink API.
struct Push {
    client: reqwest::Client,
    api: TtsApi,
}

#[async_trait::async_trait]
impl Sink for Push {
    async fn send(&self, to: &Routed, reference: &str, f_port: u8, payload: &[u8]) -> Result<(), NotTaken> {
        // Ids as path segments, encoded: an id from a webhook cannot reach
        // another path of the API with our key.
        let mut url = reqwest::Url::parse(&self.api.base_url)
            .map_err(|e| NotTaken::Refused(format!("METERLINE_TTS_API_URL is not a URL: {e}")))?;
        url.path_segments_mut()
            .map_err(|()| NotTaken::Refused("METERLINE_TTS_API_URL cannot take a path".into()))?
            .pop_if_empty()
            .extend(["api", "v3", "as", "applications", &to.application, "webhooks", &self.api.webhook_id])
            .extend(["devices", &to.device, "down", "push"]);
        let body = json!({"downlinks": [{
            "f_port": f_port,
            "frm_payload": base64::engine::general_purpose::STANDARD.encode(payload),
            "priority": "NORMAL",
            "confirmed": false,
            "correlation_ids": [format!("{}{reference}", messages::CORRELATION_PREFIX)],
        }]});
        crate::networks::push::post(&self.client, url, self.api.api_key.expose(), &body, "The Things Stack").await
    }
}

pub fn start(db: Db, metrics: Arc<Metrics>, config: &TtsConfig) -> Option<tokio::task::JoinHandle<()>> {
    let api = config.downlinks.clone()?;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().ok()?;
    let sink: Arc<dyn Sink> = Arc::new(Push { client, api });
    Some(tokio::spawn(downlinks::publisher(db, metrics, Network::TheThingsStack, sink)))
}
