//! Cellular meters (NB-IoT, LTE-M) by IMEI, through a carrier's IoT platform
//! that pushes each device report to an application server over HTTP:
//! `POST /networks/cellular/reports`, in the format docs/networks.md gives
//! (a platform's own format is mapped onto it by a rule in the platform or a
//! small relay). Authenticated by a bearer token or an HMAC-SHA256 signature
//! of the push's time and body, as the platform can. Commands queued for the
//! meter go to the platform's command API when one is configured, and in
//! the answer to its next report otherwise (the platform holds them until
//! the device listens, as NB-IoT platforms do); the platform's receipts
//! (`POST /networks/cellular/receipts`) say what became of them, and the
//! meter's acknowledgement in a later report settles them.

use crate::config::Secret;
use crate::networks::door::{self, Heard, HeardUp};
use crate::networks::downlinks;
use crate::state::ServerState;
use app::backend::error::ServiceError;
use app::backend::services::commands;
use app::backend::services::uplinks::UplinkOutcome;
use app::model::command::CommandKind;
use app::model::ids::Imei;
use app::model::meter::DeviceId;
use app::model::network::{Network, Route};
use app::model::time::Timestamp;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;

/// The header of the signature: `sha256=<hex of HMAC-SHA256(secret,
/// "<timestamp>.<body>")>`.
pub const SIGNATURE_HEADER: &str = "x-meterline-signature";
/// The header of the time the platform signed the push, in Unix seconds:
/// signed with the body, so that a push recorded once cannot be played again
/// later.
pub const TIMESTAMP_HEADER: &str = "x-meterline-timestamp";
/// How far a signed push's time may be from ours (clocks drift; a platform
/// may retry a push for a while).
pub const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;
/// Commands handed over in one answer, at most.
const PER_ANSWER: usize = 4;

/// How a carrier's platform proves a push is its own.
#[derive(Debug, Clone)]
pub enum CellularAuth {
    /// `Authorization: Bearer <token>`.
    Token(Secret),
    /// The body signed with this secret in `X-Meterline-Signature`.
    Hmac(Secret),
}

impl CellularAuth {
    fn allows(&self, headers: &HeaderMap, body: &[u8]) -> bool {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        match self {
            CellularAuth::Token(token) => {
                token.matches(header("authorization").and_then(|v| v.strip_prefix("Bearer ")))
            }
            CellularAuth::Hmac(secret) => {
                let Some(given) = header(SIGNATURE_HEADER).and_then(|v| v.strip_prefix("sha256=")) else {
                    return false;
                };
                let Some(stamp) = header(TIMESTAMP_HEADER) else { return false };
                let Ok(signed_at) = stamp.trim().parse::<i64>() else { return false };
                if (app::backend::clock::now().0 - signed_at).abs() > SIGNATURE_TOLERANCE_SECONDS {
                    return false;
                }
                let Ok(given) = hex_bytes(given) else { return false };
                let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.expose().as_bytes()) else {
                    return false;
                };
                mac.update(stamp.as_bytes());
                mac.update(b".");
                mac.update(body);
                // Constant time, as the hmac crate compares.
                mac.verify_slice(&given).is_ok()
            }
        }
    }
}

/// A device report as Meterline takes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    imei: String,
    payload: String,
    #[serde(default)]
    encoding: Option<String>,
    /// The codec's port; the reference codec reports on 10.
    #[serde(default)]
    port: Option<u8>,
    #[serde(default)]
    time: Option<String>,
    /// The platform's id of the report, the same when it pushes it again.
    #[serde(default)]
    id: Option<String>,
}

fn hex_bytes(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim();
    if !text.len().is_multiple_of(2) || !text.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("is not hexadecimal".into());
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|e| e.to_string())).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a pushed report; an error names the field that is wrong.
/// `signed_at`, the time a signed push was signed, identifies a report that
/// carries neither `id` nor `time` (a replay within the signature's
/// tolerance is then a duplicate).
pub fn read(body: &[u8], signed_at: Option<&str>) -> Result<HeardUp, String> {
    let r: Report = serde_json::from_slice(body).map_err(|e| format!("not a report: {e}"))?;
    let imei = Imei::parse(&r.imei).map_err(|e| format!("imei {e}"))?;
    let data = match r.encoding.as_deref().unwrap_or("hex") {
        "hex" => hex_bytes(&r.payload).map_err(|e| format!("payload {e}"))?,
        "base64" => base64::engine::general_purpose::STANDARD
            .decode(r.payload.trim())
            .map_err(|e| format!("payload is not base64: {e}"))?,
        other => return Err(format!("encoding {other:?} is neither \"hex\" nor \"base64\"")),
    };
    let at = match r.time.as_deref() {
        None => None,
        Some(t) => Some(
            chrono::DateTime::parse_from_rfc3339(t)
                .map(|t| Timestamp(t.timestamp()))
                .map_err(|_| format!("time {t:?} is not an RFC 3339 time"))?,
        ),
    };
    // Without the platform's id, the report itself is its identity: the same
    // bytes at the same time from the same device are one report. Without a
    // time either, the second it arrived stands for it (a meter repeating
    // the same bytes later is a new report).
    let when = match (&r.time, signed_at) {
        (Some(t), _) => t.clone(),
        (None, Some(signed)) => format!("signed {signed}"),
        (None, None) => app::backend::clock::now().0.to_string(),
    };
    let id = r.id.unwrap_or_else(|| format!("{}/{when}/{}", imei.as_str(), hex(&data)));
    Ok(HeardUp {
        route: Route { network: Network::Cellular, application: "cellular".into(), device: imei.as_str().to_owned() },
        device: DeviceId::Imei(imei),
        id,
        at,
        f_port: Some(r.port.unwrap_or(crate::lorawan::codec::UPLINK_PORT)),
        data,
        rssi: None,
        snr_tenths: None,
    })
}

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/networks/cellular/reports", axum::routing::post(report))
        .route("/networks/cellular/receipts", axum::routing::post(receipt))
}

/// A carrier platform's command API: commands are POSTed to `url` with the
/// bearer `token` as soon as they are queued, instead of waiting for the
/// meter's next report (docs/networks.md gives the body).
#[derive(Debug, Clone)]
pub struct CommandApi {
    pub url: String,
    pub token: Secret,
}

struct Commands {
    client: reqwest::Client,
    url: reqwest::Url,
    token: Secret,
}

#[async_trait::async_trait]
impl downlinks::Sink for Commands {
    async fn send(
        &self,
        to: &app::backend::store::commands::Routed,
        reference: &str,
        f_port: u8,
        payload: &[u8],
    ) -> Result<(), downlinks::NotTaken> {
        let mut body = downlink(reference, f_port, payload);
        body["imei"] = json!(to.device);
        let (url, token) = (self.url.clone(), self.token.expose());
        crate::networks::push::post(&self.client, url, token, &body, "the cellular platform").await
    }
}

/// Starts handing queued commands of cellular meters to the platform's
/// command API; `None` (logged) when its URL is not one.
pub fn start_commands(
    db: app::backend::db::Db,
    metrics: std::sync::Arc<crate::ops::Metrics>,
    api: &CommandApi,
) -> Option<tokio::task::JoinHandle<()>> {
    let url = match reqwest::Url::parse(&api.url) {
        Ok(u) => u,
        Err(e) => {
            tracing::error!(error = %e, "METERLINE_CELLULAR_COMMAND_URL is not a URL; commands go in report answers");
            return None;
        }
    };
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().ok()?;
    let sink = std::sync::Arc::new(Commands { client, url, token: api.token.clone() });
    Some(tokio::spawn(downlinks::publisher(db, metrics, Network::Cellular, sink)))
}

/// What a platform says about a command it was handed: `{"id": "<ours>",
/// "status": "sent" | "delivered" | "failed", "reason": "..."}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Receipt {
    id: String,
    status: String,
    #[serde(default)]
    reason: Option<String>,
}

/// Reads a delivery receipt; an error names the field that is wrong.
fn read_receipt(body: &[u8]) -> Result<Heard, String> {
    let r: Receipt = serde_json::from_slice(body).map_err(|e| format!("not a receipt: {e}"))?;
    let reference = r.id.trim().to_owned();
    if reference.is_empty() {
        return Err("id is empty".into());
    }
    Ok(match r.status.as_str() {
        "sent" => Heard::Transmitted { reference, gateway: None },
        "delivered" => Heard::Acknowledged { reference, received: true },
        // Carriers say "failed" also after the device got it (its answer was
        // lost): as an unacknowledged downlink, not one never sent, so a
        // credit is not sent twice.
        "failed" => {
            tracing::info!(%reference, reason = r.reason.as_deref().unwrap_or(""), "the cellular platform says a command failed");
            Heard::Acknowledged { reference, received: false }
        }
        other => return Err(format!("status {other:?} is not \"sent\", \"delivered\" or \"failed\"")),
    })
}

async fn receipt(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(auth) = state.cellular.as_deref() else {
        return refusal(StatusCode::NOT_FOUND, "no cellular platform is set up here");
    };
    if !auth.allows(&headers, &body) {
        return refusal(StatusCode::UNAUTHORIZED, "the receipt's token or signature is missing or wrong");
    }
    let heard = match read_receipt(&body) {
        Ok(h) => h,
        Err(why) => return refusal(StatusCode::BAD_REQUEST, &why),
    };
    match door::take(&state.app.db, &state.app.settings, &state.metrics, Network::Cellular, &[heard]).await {
        Ok(_) => axum::Json(json!({"taken": true})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a cellular receipt was not taken");
            refusal(StatusCode::SERVICE_UNAVAILABLE, "not taken now; send it again")
        }
    }
}

fn refusal(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": message}))).into_response()
}

async fn report(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(auth) = state.cellular.as_deref() else {
        return refusal(StatusCode::NOT_FOUND, "no cellular platform is set up here");
    };
    if !auth.allows(&headers, &body) {
        return refusal(StatusCode::UNAUTHORIZED, "the report's token or signature is missing or wrong");
    }
    let signed_at = match auth {
        CellularAuth::Hmac(_) => headers.get(TIMESTAMP_HEADER).and_then(|v| v.to_str().ok()),
        CellularAuth::Token(_) => None,
    };
    let up = match read(&body, signed_at) {
        Ok(up) => up,
        Err(why) => {
            state.metrics.network(Network::Cellular.code(), "malformed");
            return refusal(StatusCode::BAD_REQUEST, &why);
        }
    };
    let (db, metrics) = (&state.app.db, &state.metrics);
    let device = up.route.device.clone();
    let outcome = match door::take(db, &state.app.settings, metrics, Network::Cellular, &[Heard::Up(up)]).await {
        Ok(o) => o.into_iter().next(),
        Err(e) => {
            tracing::error!(error = %e, "a cellular report was not taken");
            return refusal(StatusCode::SERVICE_UNAVAILABLE, "not taken now; send it again");
        }
    };
    let meter = match outcome {
        Some(UplinkOutcome::Heard { meter, .. }) => meter,
        // Pushed again: the platform may have lost our answer, so what it
        // carried goes back again, under the same ids (a platform or device
        // that got it the first time knows them).
        Some(UplinkOutcome::Duplicate) => {
            let downlinks = match again(db, &device).await {
                Ok(d) => d,
                Err(e) => {
                    tracing::error!(error = %e, "commands handed over not read");
                    Vec::new()
                }
            };
            return axum::Json(json!({"taken": true, "outcome": "duplicate", "downlinks": downlinks})).into_response();
        }
        other => {
            let label = other.map_or("internal_error", UplinkOutcome::label);
            return axum::Json(json!({"taken": label != "no_meter", "outcome": label, "downlinks": []}))
                .into_response();
        }
    };
    // What waits for the meter goes back in the answer.
    let mut downlinks = Vec::new();
    while downlinks.len() < PER_ANSWER {
        let next = match commands::next_queued(db, meter).await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                tracing::error!(error = %e, "queued commands not read");
                break;
            }
        };
        match downlinks::take(db, metrics, Network::Cellular, &next).await {
            Ok(Some(t)) => {
                metrics.network(Network::Cellular.code(), "downlink_enqueued");
                downlinks.push(downlink(&t.reference, t.f_port, &t.payload));
            }
            Ok(None) => continue,
            Err(e) => {
                tracing::error!(error = %e, "a command was not handed over");
                break;
            }
        }
    }
    axum::Json(json!({"taken": true, "outcome": "accepted", "downlinks": downlinks})).into_response()
}

/// A command as the answer carries it.
fn downlink(reference: &str, port: u8, payload: &[u8]) -> serde_json::Value {
    json!({"id": reference, "port": port, "payload": hex(payload), "encoding": "hex"})
}

/// The commands an earlier answer to `device` carried that no word has
/// settled since, but credits.
async fn again(db: &app::backend::db::Db, device: &str) -> Result<Vec<serde_json::Value>, ServiceError> {
    let handed = commands::handed_to(db, Network::Cellular, device, PER_ANSWER as i64).await?;
    let mut again = Vec::new();
    // A credit is not given twice: the first answer may have reached the
    // meter, whose acknowledgement is on its way (valves and reports are the
    // same when done twice).
    for (command, reference) in handed.iter().filter(|(c, _)| c.kind != CommandKind::AddCredit) {
        // Encoded as when it was first handed over: the codec is a function of the command.
        if let Ok((port, payload)) = crate::networks::payloads::downlink_with(db, command).await? {
            again.push(downlink(reference, port, &payload));
        }
    }
    Ok(again)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_in_hex_or_base64() {
        let up = read(
            br#"{"imei": "868333030476219", "payload": "01e8030000", "time": "2026-12-02T10:00:00Z", "id": "m-1"}"#,
            None,
        )
        .unwrap();
        assert_eq!(up.device, DeviceId::Imei(Imei::parse("868333030476219").unwrap()));
        assert_eq!((up.data, up.at, up.id.as_str()), (vec![1, 0xe8, 3, 0, 0], Some(Timestamp(1_796_205_600)), "m-1"));
        assert_eq!(up.f_port, Some(10));
        let up = read(br#"{"imei": "868333030476219", "payload": "AegDAAA=", "encoding": "base64"}"#, None).unwrap();
        assert_eq!(up.data, vec![1, 0xe8, 3, 0, 0]);
        assert!(up.id.starts_with("868333030476219/") && up.id.ends_with("/01e8030000"), "{}", up.id);
        let timed = br#"{"imei": "868333030476219", "payload": "00", "time": "2026-12-02T10:00:00Z"}"#;
        assert_eq!(read(timed, None).unwrap().id, read(timed, None).unwrap().id, "the same report pushed again");
        // Neither id nor time: a signed push is known by the time it was signed.
        let bare = br#"{"imei": "868333030476219", "payload": "00"}"#;
        assert_eq!(read(bare, Some("1796205600")).unwrap().id, read(bare, Some("1796205600")).unwrap().id);
        assert_ne!(read(bare, Some("1796205600")).unwrap().id, read(bare, Some("1796205601")).unwrap().id);
    }

    #[test]
    fn a_bad_report_names_the_field() {
        let err = |body: &str| read(body.as_bytes(), None).unwrap_err();
        assert!(err(r#"{"imei": "12", "payload": "00"}"#).starts_with("imei "));
        assert!(err(r#"{"imei": "868333030476219", "payload": "0g"}"#).starts_with("payload is not hex"));
        assert!(err(r#"{"imei": "868333030476219", "payload": "00", "encoding": "bcd"}"#).starts_with("encoding"));
        assert!(err(r#"{"imei": "868333030476219", "payload": "00", "time": "yesterday"}"#).starts_with("time"));
        assert!(err(r#"{"imei": "868333030476219", "payload": "00", "rssi": 3}"#).contains("unknown field"));
    }

    fn signed(secret: &[u8], stamp: &str, body: &[u8]) -> HeaderMap {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
        mac.update(format!("{stamp}.").as_bytes());
        mac.update(body);
        let mut headers = HeaderMap::new();
        headers.insert(SIGNATURE_HEADER, format!("sha256={}", hex(&mac.finalize().into_bytes())).parse().unwrap());
        headers.insert(TIMESTAMP_HEADER, stamp.parse().unwrap());
        headers
    }

    #[test]
    fn a_signature_must_be_of_the_time_and_body_with_the_secret() {
        let auth = CellularAuth::Hmac(Secret::new("platform-secret"));
        let body = br#"{"imei":"868333030476219","payload":"00"}"#;
        let now = app::backend::clock::now().0;
        let headers = signed(b"platform-secret", &now.to_string(), body);
        assert!(auth.allows(&headers, body));
        assert!(!auth.allows(&headers, b"{}"), "another body");
        assert!(!auth.allows(&HeaderMap::new(), body), "no signature");
        assert!(!auth.allows(&signed(b"other-secret", &now.to_string(), body), body), "another secret");
        let mut restamped = headers.clone();
        restamped.insert(TIMESTAMP_HEADER, (now + 1).to_string().parse().unwrap());
        assert!(!auth.allows(&restamped, body), "the time is signed too");
        let old = (now - SIGNATURE_TOLERANCE_SECONDS - 1).to_string();
        assert!(!auth.allows(&signed(b"platform-secret", &old, body), body), "a push recorded and played again later");
        let mut unstamped = headers.clone();
        unstamped.remove(TIMESTAMP_HEADER);
        assert!(!auth.allows(&unstamped, body), "no time");
        let token = CellularAuth::Token(Secret::new("t0ken"));
        let mut bearer = HeaderMap::new();
        bearer.insert("authorization", "Bearer t0ken".parse().unwrap());
        assert!(token.allows(&bearer, body));
        assert!(!token.allows(&headers, body));
    }
}
