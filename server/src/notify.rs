//! Alert notices leaving the server: the outbox's due notices POSTed to the
//! operators' webhook, signed, each attempt recorded (docs/alerts.md).

use crate::config::Secret;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::services::notifications::{self, Attempt};
use app::backend::store::notifications::{Channel, claim};
use app::model::time::Timestamp;
use hmac::{Hmac, Mac};
use std::time::Duration;

/// The header carrying `sha256=<hex HMAC-SHA256 of the body>`.
pub const SIGNATURE_HEADER: &str = "x-meterline-signature";
/// The header naming the delivery (the same on every attempt of a notice).
pub const DELIVERY_HEADER: &str = "x-meterline-delivery";
/// How often the outbox is looked at.
const TICK: Duration = Duration::from_secs(2);
/// How long a claimed notice is this worker's alone.
const LEASE_S: i64 = 60;
/// Notices taken per round.
const BATCH: i64 = 50;

/// How notices to the operators' webhook are signed
/// (`METERLINE_ALERT_WEBHOOK_SECRET`; the address is `AlertRules::webhook`,
/// where each notice is written to the outbox).
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub secret: Secret,
}

/// `sha256=<hex>` of `body` under `secret`: what receivers check.
pub fn signature(secret: &Secret, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    let mut out = String::with_capacity(7 + 2 * bytes.len());
    out.push_str("sha256=");
    for b in bytes {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Delivers the notices due at `now`; how many were taken by the receiver.
pub async fn deliver_due(
    db: &Db,
    hook: &WebhookConfig,
    client: &reqwest::Client,
    now: Timestamp,
) -> Result<usize, ServiceError> {
    let due = claim(db, Channel::Webhook, now, LEASE_S, BATCH).await?;
    let mut taken = 0;
    for notice in due {
        let body = serde_json::to_vec(&notifications::body(db, &notice, now).await?)
            .map_err(|e| ServiceError::Internal(format!("notice body: {e}")))?;
        let sent = client
            .post(&notice.recipient)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature(&hook.secret, &body))
            .header(DELIVERY_HEADER, notice.id.to_string())
            .body(body)
            .send()
            .await;
        let attempt = match sent {
            Ok(r) if r.status().is_success() => Attempt::Taken(r.status().as_u16()),
            Ok(r) => Attempt::Refused(r.status().as_u16()),
            // Without the URL: it may carry a token of the receiver's.
            Err(e) => {
                Attempt::Unreached(if e.is_timeout() { "no answer in time".into() } else { "not reached".into() })
            }
        };
        if matches!(attempt, Attempt::Taken(_)) {
            taken += 1;
        }
        notifications::settle(db, &notice, attempt, now).await?;
    }
    Ok(taken)
}

/// Starts the delivery worker on the current runtime.
pub fn spawn(db: Db, hook: WebhookConfig) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .build()
        .unwrap_or_default();
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(TICK);
        loop {
            ticker.tick().await;
            if let Err(e) = deliver_due(&db, &hook, &client, app::backend::clock::now()).await {
                tracing::error!(error = %e, "alert notice delivery failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_the_body() {
        // RFC 4231, test case 2.
        let s = signature(&Secret::new("Jefe"), b"what do ya want for nothing?");
        assert_eq!(s, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
