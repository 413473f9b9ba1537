//! The HTTP client providers are reached with: JSON in and out, a timeout on
//! every call, and failures that say what happened without echoing
//! credentials.

use crate::config::Secret;
use app::model::fixed::Money;
use serde_json::Value;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Why a provider call gave no usable answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Failure {
    /// Not reached, timed out, or not JSON.
    #[error("{0}")]
    Network(String),
    /// The provider answered with this HTTP status (and body, `Null` if not JSON).
    #[error("HTTP {0}")]
    Status(u16, Value),
}

#[derive(Debug, Clone)]
pub struct Client(reqwest::Client);

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

impl Client {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Self(client)
    }

    pub async fn get_basic(&self, url: &str, user: &str, password: &str) -> Result<Value, Failure> {
        Self::read(self.0.get(url).basic_auth(user, Some(password)).send().await).await
    }

    pub async fn get_bearer(&self, url: &str, token: &str) -> Result<Value, Failure> {
        Self::read(self.0.get(url).bearer_auth(token).send().await).await
    }

    pub async fn post_bearer(&self, url: &str, token: &str, body: &Value) -> Result<Value, Failure> {
        Self::read(self.0.post(url).bearer_auth(token).json(body).send().await).await
    }

    /// Any call with extra headers (MTN MoMo's reference id and target):
    /// the status and the body (`Null` when empty or not JSON), whatever
    /// the status.
    pub async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: &[(&str, &str)],
        basic: Option<(&str, &str)>,
        bearer: Option<&str>,
        body: Option<&Value>,
    ) -> Result<(u16, Value), Failure> {
        let mut request = self.0.request(method, url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some((user, password)) = basic {
            request = request.basic_auth(user, Some(password));
        }
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(network)?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(network)?;
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    async fn read(sent: Result<reqwest::Response, reqwest::Error>) -> Result<Value, Failure> {
        let response = sent.map_err(network)?;
        let status = response.status();
        let text = response.text().await.map_err(network)?;
        let body = serde_json::from_str(&text);
        match (status.is_success(), body) {
            (true, Ok(body)) => Ok(body),
            (true, Err(_)) => Err(Failure::Network("the answer is not JSON".into())),
            (false, body) => Err(Failure::Status(status.as_u16(), body.unwrap_or(Value::Null))),
        }
    }
}

/// A transport error in words, without the URL (which may carry a token).
fn network(e: reqwest::Error) -> Failure {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    Failure::Network(what.to_owned())
}

/// A provider's OAuth access token, kept until a minute before it expires
/// (so no request goes out with a dying one).
#[derive(Debug, Default)]
pub struct TokenCache(Mutex<Option<(Secret, Instant)>>);

impl TokenCache {
    pub fn get(&self) -> Option<Secret> {
        let guard = self.0.lock().ok()?;
        guard.as_ref().filter(|(_, until)| Instant::now() < *until).map(|(token, _)| token.clone())
    }

    /// Keeps a token that lives `lifetime` seconds; returns it.
    pub fn put(&self, token: String, lifetime: u64) -> Secret {
        let secret = Secret::new(token);
        let until = Instant::now() + Duration::from_secs(lifetime.saturating_sub(60).max(30));
        if let Ok(mut guard) = self.0.lock() {
            *guard = Some((secret.clone(), until));
        }
        secret
    }

    /// A token the provider refused: the next call signs in again.
    pub fn forget(&self) {
        if let Ok(mut guard) = self.0.lock() {
            *guard = None;
        }
    }
}

/// A value providers send as text in some answers and as a number in
/// others (codes, amounts, ids, phone numbers), as text.
pub fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An amount sent as text or as a number (`None` when absent); `field`
/// names it in the error.
pub fn money_of(v: Option<&Value>, field: &str) -> Result<Option<Money>, String> {
    text_of(v).map(|a| Money::parse(&a).map_err(|e| format!("{field} {a:?} {e}"))).transpose()
}
