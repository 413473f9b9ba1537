//! Flutterwave (cards and mobile money in many countries): the hosted
//! checkout (the payer finishes on Flutterwave's page), the webhook verified
//! by its secret hash, and the verify-by-reference query, in the formats of
//! Flutterwave's v3 API documentation.

use super::http::{Client, money_of, text_of};
use crate::config::Secret;
use app::backend::payments::{Ask, Asked, Callback, Paid, Provider, ProviderError, Status};
use app::model::fixed::Money;
use app::model::payment::{PaymentOption, ProviderId};
use serde_json::{Value, json};

pub const MAX_AMOUNT: Money = Money::from_minor(100_000_000);

/// How Meterline reaches Flutterwave (README: `METERLINE_FLUTTERWAVE_*`).
#[derive(Debug, Clone)]
pub struct FlutterwaveConfig {
    /// `https://api.flutterwave.com`.
    pub base_url: String,
    pub secret_key: Secret,
    /// The webhook's `verif-hash`, as set in Flutterwave's dashboard.
    pub webhook_hash: Secret,
    /// Where the payer comes back to (`…/household?paid=<order>` is added).
    pub public_url: String,
    /// The customer e-mail Flutterwave requires (households have none here).
    pub customer_email: String,
}

#[derive(Debug)]
pub struct Flutterwave {
    config: FlutterwaveConfig,
    client: Client,
}

impl Flutterwave {
    pub fn new(config: FlutterwaveConfig) -> Self {
        Self { config, client: Client::new() }
    }

    fn headers(&self) -> Option<&str> {
        Some(self.config.secret_key.expose())
    }
}

/// Whether a webhook carries the configured secret hash (constant time).
pub fn hash_ok(expected: &Secret, given: Option<&str>) -> bool {
    expected.matches(given)
}

/// Reads a webhook (`charge.completed`): the reference is our `tx_ref`.
pub fn webhook(body: &Value) -> Result<Callback, String> {
    let data = body.get("data").ok_or("data is missing")?;
    let reference =
        data.get("tx_ref").and_then(Value::as_str).filter(|r| !r.is_empty()).ok_or("data.tx_ref is missing")?;
    let claim = match transaction(data)? {
        Status::Paid(p) => Some(p),
        _ => None,
    };
    Ok(Callback { reference: reference.to_owned(), claim })
}

/// A transaction as Flutterwave describes it (webhook `data` or verify `data`).
fn transaction(data: &Value) -> Result<Status, String> {
    let status = data.get("status").and_then(Value::as_str).ok_or("data.status is missing")?;
    match status {
        "successful" => {
            let amount = money_of(data.get("amount"), "data.amount")?;
            Ok(Status::Paid(Paid {
                receipt: text_of(data.get("id")),
                amount,
                currency: data.get("currency").and_then(Value::as_str).map(str::to_owned),
                payer: None,
            }))
        }
        "pending" => Ok(Status::Pending),
        other => {
            let why = data.get("processor_response").and_then(Value::as_str).unwrap_or(other);
            Ok(Status::Declined(format!("Flutterwave: {why}")))
        }
    }
}

#[async_trait::async_trait]
impl Provider for Flutterwave {
    fn id(&self) -> ProviderId {
        ProviderId::Flutterwave
    }

    fn option(&self) -> PaymentOption {
        PaymentOption {
            provider: ProviderId::Flutterwave,
            label: ProviderId::Flutterwave.label().to_owned(),
            needs_phone: false,
            max_amount: MAX_AMOUNT,
            whole_units: false,
            country_code: None,
        }
    }

    async fn ask(&self, ask: &Ask<'_>) -> Result<Asked, ProviderError> {
        // Our reference: Flutterwave's verify query takes it.
        let tx_ref = format!("{}-{}", ask.order_no, &app::backend::auth::random_token()[..8]);
        let back = format!("{}/household?paid={}", self.config.public_url.trim_end_matches('/'), ask.order_no);
        let body = json!({
            "tx_ref": tx_ref,
            "amount": ask.amount.to_string(),
            "currency": ask.currency.code(),
            "redirect_url": back,
            "customer": {"email": self.config.customer_email, "phonenumber": ask.payer.map(|p| p.digits()).unwrap_or_default()},
            "customizations": {"title": "Meterline top-up", "description": ask.description},
        });
        let url = format!("{}/v3/payments", self.config.base_url);
        match self.client.send(reqwest::Method::POST, &url, &[], None, self.headers(), Some(&body)).await {
            Ok((200, answer)) if answer.get("status").and_then(Value::as_str) == Some("success") => {
                let link = answer
                    .pointer("/data/link")
                    .and_then(Value::as_str)
                    .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
                    .ok_or_else(|| ProviderError::Unavailable("Flutterwave gave no checkout link".into()))?;
                Ok(Asked::Checkout { reference: tx_ref, url: link.to_owned() })
            }
            Ok((status, answer)) if (400..500).contains(&status) => Err(ProviderError::Refused(format!(
                "Flutterwave refused the payment: {}",
                answer.get("message").and_then(Value::as_str).unwrap_or("no reason given")
            ))),
            Ok((status, _)) => Err(ProviderError::Unavailable(format!("Flutterwave answered HTTP {status}"))),
            Err(f) => Err(ProviderError::Unavailable(format!("Flutterwave checkout: {f}"))),
        }
    }

    async fn status(&self, reference: &str) -> Result<Status, ProviderError> {
        let url = format!("{}/v3/transactions/verify_by_reference?tx_ref={reference}", self.config.base_url);
        match self.client.send(reqwest::Method::GET, &url, &[], None, self.headers(), None).await {
            Ok((200, answer)) => {
                let data = answer
                    .get("data")
                    .ok_or_else(|| ProviderError::Unavailable("Flutterwave verify: no data".into()))?;
                let tx_ref = data.get("tx_ref").and_then(Value::as_str);
                if tx_ref != Some(reference) {
                    return Err(ProviderError::Unavailable("Flutterwave verify answered for another reference".into()));
                }
                transaction(data).map_err(|e| ProviderError::Unavailable(format!("Flutterwave verify: {e}")))
            }
            // No transaction yet under this reference: the payer has not paid.
            Ok((400 | 404, _)) => Ok(Status::Pending),
            Ok((status, _)) => Err(ProviderError::Unavailable(format!("Flutterwave verify answered HTTP {status}"))),
            Err(f) => Err(ProviderError::Unavailable(format!("Flutterwave verify: {f}"))),
        }
    }

    fn first_check_after_seconds(&self) -> i64 {
        60
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhooks_name_their_reference_and_the_hash_is_compared_whole() {
        let body = json!({"event": "charge.completed", "data": {"id": 285959875, "tx_ref": "ML1-ab", "amount": 100,
            "currency": "KES", "status": "successful"}});
        let cb = webhook(&body).unwrap();
        assert_eq!(cb.reference, "ML1-ab");
        assert_eq!(cb.claim.unwrap().receipt.as_deref(), Some("285959875"));
        assert!(webhook(&json!({"data": {}})).unwrap_err().contains("tx_ref"));
        let hash = Secret::new("my-secret-hash");
        assert!(hash_ok(&hash, Some("my-secret-hash")));
        assert!(!hash_ok(&hash, Some("my-secret")));
        assert!(!hash_ok(&hash, None));
    }
}
