//! The payment providers' doors: each module speaks one provider's HTTP API
//! (as an `app::backend::payments::Provider`) and takes its callbacks, which
//! it only translates for the payment lifecycle (`services::payments`,
//! `services::paybill`). Configured from the environment (README).

pub mod flutterwave;
pub mod http;
pub mod momo;
pub mod mpesa;
pub mod sandbox;

use crate::config::Secret;
use crate::state::ServerState;
use app::backend::payments::{Callback, Provider, Providers};
use app::backend::services::{paybill, payments};
use app::model::payment::ProviderId;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Which providers are on, and how to reach them.
#[derive(Debug, Clone, Default)]
pub struct PaymentsConfig {
    /// The sandbox (no real money): on for the demo unless switched off.
    pub sandbox: bool,
    pub mpesa: Option<mpesa::MpesaConfig>,
    pub momo: Option<momo::MomoConfig>,
    pub flutterwave: Option<flutterwave::FlutterwaveConfig>,
    /// How this server is reached from outside (callbacks are sent there).
    pub public_url: String,
}

/// What the callback routes check callers with.
#[derive(Debug, Clone, Default)]
pub struct Doors {
    /// M-Pesa's callbacks must carry this `?token=` when set.
    pub mpesa_token: Option<Secret>,
    /// The paybill number C2B payments must be made to.
    pub mpesa_shortcode: Option<String>,
    /// Flutterwave's webhooks must carry this `verif-hash`.
    pub flutterwave_hash: Option<Secret>,
}

/// The providers the configuration switches on, and what their doors check.
pub fn providers(config: &PaymentsConfig) -> (Providers, Doors) {
    let mut list: Vec<Arc<dyn Provider>> = Vec::new();
    let mut doors = Doors::default();
    if let Some(m) = &config.mpesa {
        doors.mpesa_token = m.callback_token.clone();
        doors.mpesa_shortcode = Some(m.shortcode.clone());
        list.push(Arc::new(mpesa::Mpesa::new(m.clone())));
    }
    if let Some(m) = &config.momo {
        list.push(Arc::new(momo::Momo::new(m.clone())));
    }
    if let Some(f) = &config.flutterwave {
        doors.flutterwave_hash = Some(f.webhook_hash.clone());
        list.push(Arc::new(flutterwave::Flutterwave::new(f.clone())));
    }
    if config.sandbox {
        let callback = format!("{}/payments/sandbox/callback", config.public_url.trim_end_matches('/'));
        list.push(Arc::new(sandbox::Sandbox::new(Some(callback), sandbox::APPROVES_AFTER)));
    }
    (Providers::new(list), doors)
}

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/payments/sandbox/callback", post(sandbox_callback))
        .route("/payments/mpesa/stk", post(mpesa_stk))
        .route("/payments/flutterwave/webhook", post(flutterwave_webhook))
        // MoMo calls back with PUT (POST in some versions) to the URL it was given.
        .route("/payments/momo/callback/{reference}", post(momo_callback).put(momo_callback))
        .route("/payments/mpesa/c2b/validation", post(mpesa_validation))
        .route("/payments/mpesa/c2b/confirmation", post(mpesa_confirmation))
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The body as JSON, or what is wrong with it.
fn json_body(body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))
}

/// A door's refusal: its status and the provider's kind of answer.
#[derive(Debug)]
struct Refusal(StatusCode, Value);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        answer(self.0, self.1)
    }
}

/// Whether a callback carries the configured token (constant time).
fn token_ok(expected: Option<&Secret>, query: &HashMap<String, String>) -> bool {
    match expected {
        None => true,
        Some(secret) => secret.matches(query.get("token").map(String::as_str)),
    }
}

/// A hint for the lifecycle; a failure of ours is answered with 500 so the
/// provider tries again (nothing it sends is lost).
async fn hint(state: &ServerState, provider: ProviderId, callback: Callback) -> Result<(), String> {
    let app = &state.app;
    payments::hint(&app.db, &app.settings, &app.payments, provider, callback).await.map_err(|e| {
        tracing::error!(provider = provider.code(), error = %e, "payment callback not handled");
        "not recorded: send it again".to_owned()
    })
}

async fn sandbox_callback(State(state): State<ServerState>, body: axum::body::Bytes) -> Response {
    let body = match json_body(&body) {
        Ok(b) => b,
        Err(m) => return answer(StatusCode::BAD_REQUEST, json!({"error": m})),
    };
    let Some(reference) = body.get("reference").and_then(Value::as_str) else {
        return answer(StatusCode::BAD_REQUEST, json!({"error": "reference is missing"}));
    };
    let callback = Callback { reference: reference.to_owned(), claim: None };
    match hint(&state, ProviderId::Sandbox, callback).await {
        Ok(()) => answer(StatusCode::OK, json!({"ok": true})),
        Err(e) => answer(StatusCode::INTERNAL_SERVER_ERROR, json!({"error": e})),
    }
}

async fn flutterwave_webhook(
    State(state): State<ServerState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(expected) = state.payment_doors.flutterwave_hash.as_ref() else {
        return answer(StatusCode::NOT_FOUND, json!({"error": "Flutterwave payments are off"}));
    };
    let given = headers.get("verif-hash").and_then(|v| v.to_str().ok());
    if !flutterwave::hash_ok(expected, given) {
        return answer(StatusCode::UNAUTHORIZED, json!({"error": "verif-hash is missing or wrong"}));
    }
    let refuse = |m: String| answer(StatusCode::BAD_REQUEST, json!({"error": m}));
    let callback = match json_body(&body).and_then(|b| flutterwave::webhook(&b)) {
        Ok(c) => c,
        Err(m) => return refuse(m),
    };
    match hint(&state, ProviderId::Flutterwave, callback).await {
        Ok(()) => answer(StatusCode::OK, json!({"ok": true})),
        Err(e) => answer(StatusCode::INTERNAL_SERVER_ERROR, json!({"error": e})),
    }
}

async fn momo_callback(
    State(state): State<ServerState>,
    axum::extract::Path(reference): axum::extract::Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let refuse = |m: String| answer(StatusCode::BAD_REQUEST, json!({"error": m}));
    let body = match json_body(&body) {
        Ok(b) => b,
        Err(m) => return refuse(m),
    };
    let callback = match momo::callback(&reference, &body) {
        Ok(c) => c,
        Err(m) => return refuse(m),
    };
    match hint(&state, ProviderId::Momo, callback).await {
        Ok(()) => answer(StatusCode::OK, json!({"ok": true})),
        Err(e) => answer(StatusCode::INTERNAL_SERVER_ERROR, json!({"error": e})),
    }
}

/// Daraja's answer to a callback: `ResultCode` 0 takes it.
fn daraja(status: StatusCode, code: Value, desc: impl Into<String>) -> Response {
    answer(status, json!({"ResultCode": code, "ResultDesc": desc.into()}))
}

fn daraja_refuse(m: String) -> Response {
    daraja(StatusCode::BAD_REQUEST, json!(1), m)
}

async fn mpesa_stk(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    if !token_ok(state.payment_doors.mpesa_token.as_ref(), &query) {
        return daraja(StatusCode::FORBIDDEN, json!(1), "unknown caller: the callback token is wrong");
    }
    let body = match json_body(&body) {
        Ok(b) => b,
        Err(m) => return daraja_refuse(m),
    };
    let callback = match mpesa::stk_callback(&body) {
        Ok(c) => c,
        Err(e) => return daraja_refuse(e),
    };
    match hint(&state, ProviderId::Mpesa, callback).await {
        Ok(()) => daraja(StatusCode::OK, json!(0), "Accepted"),
        Err(e) => daraja(StatusCode::INTERNAL_SERVER_ERROR, json!(1), e),
    }
}

/// The C2B body, once the caller is known; a refusal otherwise.
fn c2b_request(
    state: &ServerState,
    query: &HashMap<String, String>,
    body: &[u8],
) -> Result<mpesa::C2bRequest, Refusal> {
    if !token_ok(state.payment_doors.mpesa_token.as_ref(), query) {
        return Err(Refusal(
            StatusCode::FORBIDDEN,
            json!({"ResultCode": "C2B00016", "ResultDesc": "Rejected: unknown caller"}),
        ));
    }
    let bad = |m: String| Refusal(StatusCode::BAD_REQUEST, json!({"ResultCode": 1, "ResultDesc": m}));
    let value = json_body(body).map_err(bad)?;
    serde_json::from_value(value).map_err(|e| bad(format!("not a C2B request: {e}")))
}

async fn mpesa_validation(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    let req = match c2b_request(&state, &query, &body) {
        Ok(r) => r,
        Err(r) => return r.into_response(),
    };
    let shortcode = state.payment_doors.mpesa_shortcode.as_deref();
    if !req.business_short_code.is_empty() && shortcode.is_some_and(|s| s != req.business_short_code) {
        return daraja(StatusCode::OK, json!("C2B00015"), "Rejected: invalid shortcode");
    }
    match req.amount() {
        Ok(a) if a.is_positive() && a.minor() % 100 == 0 => {}
        _ => return daraja(StatusCode::OK, json!("C2B00013"), "Rejected: invalid amount"),
    }
    match paybill::accepts(&state.app.db, &req.bill_ref_number).await {
        Ok(true) => daraja(StatusCode::OK, json!("0"), "Accepted"),
        Ok(false) => daraja(StatusCode::OK, json!("C2B00012"), "Rejected: invalid account number"),
        Err(e) => {
            tracing::error!(error = %e, "paybill validation failed");
            daraja(StatusCode::INTERNAL_SERVER_ERROR, json!("C2B00016"), "Rejected: try again")
        }
    }
}

async fn mpesa_confirmation(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    let req = match c2b_request(&state, &query, &body) {
        Ok(r) => r,
        Err(r) => return r.into_response(),
    };
    let amount = match req.amount() {
        Ok(a) => a,
        Err(e) => return daraja_refuse(e),
    };
    if req.trans_id.trim().is_empty() {
        return daraja_refuse("TransID is missing".into());
    }
    let shortcode = state.payment_doors.mpesa_shortcode.as_deref();
    if shortcode.is_some_and(|s| s != req.business_short_code) {
        return daraja_refuse(format!("BusinessShortCode {:?} is not this paybill", req.business_short_code));
    }
    let payment = paybill::PaybillPayment {
        provider: ProviderId::Mpesa,
        receipt: req.trans_id.trim().to_owned(),
        amount,
        account: req.bill_ref_number.clone(),
        payer: req.msisdn.clone(),
        payer_name: req.payer_name(),
    };
    match paybill::confirm(&state.app.db, &state.app.settings, payment).await {
        Ok(_) => daraja(StatusCode::OK, json!(0), "Success"),
        Err(app::backend::ServiceError::Invalid { field, message }) => daraja_refuse(format!("{field} {message}")),
        Err(e) => {
            tracing::error!(error = %e, "paybill confirmation failed");
            daraja(StatusCode::INTERNAL_SERVER_ERROR, json!(1), "not recorded: send it again")
        }
    }
}
