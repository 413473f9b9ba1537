//! The vendor's legacy endpoint, `commonInternal.jsp`, as a door onto the services.
//!
//! Clients POST (or GET) `requestParams=<JSON>` with `action`, `method`,
//! `apiToken` and `param`/`params`. Every answer is HTTP 200 JSON with a string
//! `errcode`. See docs/legacy-api.md for methods, keys and error codes.

pub mod answer;
pub mod answer_cache;
pub mod error;
pub mod methods;
pub mod params;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::time::Instant;

use crate::state::ServerState;
use error::LegacyError;
use params::Params;

/// The paths old clients call: the document's and the one every client uses.
pub const PATHS: [&str; 2] = ["/internal/commonInternal.jsp", "/api/commonInternal.jsp"];

/// One parsed call.
#[derive(Debug)]
pub struct Envelope {
    pub action: String,
    pub method: String,
    pub api_token: Option<String>,
    pub params: Params,
}

/// Finds `requestParams` in the form body, then in the query string. A body
/// that is itself a JSON object is accepted as the envelope too.
fn request_params(query: Option<&str>, body: &[u8]) -> Result<String, LegacyError> {
    let from_pairs = |bytes: &[u8]| -> Option<String> {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "requestParams")
            .map(|(_, v)| v)
    };
    let trimmed = body.trim_ascii_start();
    if trimmed.first() == Some(&b'{') {
        return Ok(String::from_utf8_lossy(trimmed).into_owned());
    }
    from_pairs(body).or_else(|| query.and_then(|q| from_pairs(q.as_bytes()))).ok_or(LegacyError::NoRequestParams)
}

fn parse_envelope(text: &str) -> Result<Envelope, LegacyError> {
    let value: Value = serde_json::from_str(text).map_err(|e| LegacyError::BadJson(e.to_string()))?;
    let Value::Object(mut map) = value else {
        return Err(LegacyError::BadJson("expected a JSON object".into()));
    };
    let field = |map: &serde_json::Map<String, Value>, key: &'static str| -> Result<Option<String>, LegacyError> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(LegacyError::WrongType { field: key, expected: "a string" }),
        }
    };
    let action = field(&map, "action")?.ok_or(LegacyError::Missing("action"))?;
    let method = field(&map, "method")?.ok_or(LegacyError::Missing("method"))?;
    let mut api_token = field(&map, "apiToken")?;
    let params =
        match map.remove("param").filter(|v| !v.is_null()).or_else(|| map.remove("params").filter(|v| !v.is_null())) {
            None => Params::default(),
            Some(Value::Object(m)) => Params::new(m),
            // PHP sends an empty array for an empty object.
            Some(Value::Array(a)) if a.is_empty() => Params::default(),
            Some(_) => return Err(LegacyError::WrongType { field: "param", expected: "a JSON object" }),
        };
    // One legacy call (`recharge`) carries the token inside params.
    if api_token.is_none() {
        api_token = params.text(&["apiToken"])?;
    }
    Ok(Envelope { action, method, api_token, params })
}

/// The door's routes: both paths, GET and POST.
pub fn routes() -> axum::Router<ServerState> {
    let route = axum::routing::get(handle).post(handle);
    axum::Router::new().route(PATHS[0], route.clone()).route(PATHS[1], route)
}

pub async fn handle(
    State(state): State<ServerState>,
    from: Option<axum::Extension<app::backend::throttle::ClientAddr>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let from = from.map(|axum::Extension(addr)| addr);
    let started = Instant::now();
    let envelope = request_params(query.as_deref(), &body).and_then(|text| parse_envelope(&text));
    let (method, result) = match envelope {
        Ok(env) => {
            let method = methods::metric_name(&env.method);
            (method, methods::dispatch(&state, env, from).await)
        }
        Err(e) => ("malformed", Err(e)),
    };
    let seconds = started.elapsed().as_secs_f64();
    let body = match result {
        Ok(body) => {
            state.metrics.record("legacy", method, "ok", seconds);
            tracing::info!(legacy_method = method, outcome = "ok", duration_ms = seconds * 1000.0, "legacy call");
            body
        }
        Err(err) => {
            let outcome = err.outcome();
            state.metrics.record("legacy", method, outcome, seconds);
            if outcome == "internal" {
                tracing::error!(legacy_method = method, error = %err, "legacy call failed");
            } else {
                tracing::info!(legacy_method = method, outcome, errmsg = %err.errmsg(), duration_ms = seconds * 1000.0, "legacy call refused");
            }
            Bytes::from(answer::refusal(&err).to_string())
        }
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_request_params_in_body_query_or_raw_json() {
        let body = b"requestParams=%7B%22action%22%3A%22comApi%22%7D";
        assert_eq!(request_params(None, body).unwrap(), r#"{"action":"comApi"}"#);
        assert_eq!(request_params(Some("requestParams=%7B%7D"), b"").unwrap(), "{}");
        assert_eq!(request_params(None, br#" {"a":1}"#).unwrap(), r#"{"a":1}"#);
        assert!(matches!(request_params(None, b"x=1"), Err(LegacyError::NoRequestParams)));
    }

    #[test]
    fn envelope_accepts_param_params_and_php_arrays() {
        let e = parse_envelope(r#"{"action":"comApi","method":"toLogin","apiToken":null,"params":{"username":"a"}}"#)
            .unwrap();
        assert_eq!(e.method, "toLogin");
        assert!(e.api_token.is_none());
        assert_eq!(e.params.text(&["username"]).unwrap().as_deref(), Some("a"));
        let e = parse_envelope(r#"{"action":"x","method":"y","param":[]}"#).unwrap();
        assert!(e.params.text(&["a"]).unwrap().is_none());
        let e = parse_envelope(r#"{"action":"x","method":"recharge","params":{"apiToken":"t"}}"#).unwrap();
        assert_eq!(e.api_token.as_deref(), Some("t"));
        assert!(matches!(parse_envelope("{"), Err(LegacyError::BadJson(_))));
        assert!(matches!(parse_envelope(r#"{"method":"y"}"#), Err(LegacyError::Missing("action"))));
        assert!(matches!(
            parse_envelope(r#"{"action":"x","method":"y","param":5}"#),
            Err(LegacyError::WrongType { .. })
        ));
    }
}
