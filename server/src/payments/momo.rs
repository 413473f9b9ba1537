//! MTN Mobile Money, Collections API: request-to-pay (the payer approves on
//! the phone), its callback, and its status query, in the formats of MTN's
//! MoMo developer documentation. The status query names amount, currency,
//! payer and the financial transaction id, so all of them are checked.

use super::http::{Client, TokenCache, money_of};
use crate::config::Secret;
use app::backend::payments::{Ask, Asked, Callback, Paid, Provider, ProviderError, Status};
use app::model::fixed::Money;
use app::model::payment::{PaymentOption, ProviderId};
use serde_json::{Value, json};

/// The largest request-to-pay offered at once (in the currency's units).
pub const MAX_AMOUNT: Money = Money::from_minor(500_000_000);

/// How Meterline reaches MoMo (README: `METERLINE_MOMO_*`).
#[derive(Debug, Clone)]
pub struct MomoConfig {
    /// `https://sandbox.momodeveloper.mtn.com` or the production host.
    pub base_url: String,
    /// `Ocp-Apim-Subscription-Key` of the Collections product.
    pub subscription_key: Secret,
    pub api_user: String,
    pub api_key: Secret,
    /// `X-Target-Environment`: `sandbox`, `mtnuganda`, `mtnghana`, ...
    pub target_environment: String,
    /// Where MoMo sends its callback; the reference id is appended.
    pub callback_url: String,
    /// The country code national numbers are read with (`256`), if any.
    pub country_code: Option<String>,
}

#[derive(Debug)]
pub struct Momo {
    config: MomoConfig,
    client: Client,
    token: TokenCache,
}

impl Momo {
    pub fn new(config: MomoConfig) -> Self {
        Self { config, client: Client::new(), token: TokenCache::default() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url)
    }

    async fn access_token(&self) -> Result<Secret, ProviderError> {
        if let Some(token) = self.token.get() {
            return Ok(token);
        }
        let (status, body) = self
            .client
            .send(
                reqwest::Method::POST,
                &self.url("/collection/token/"),
                &[("Ocp-Apim-Subscription-Key", self.config.subscription_key.expose())],
                Some((&self.config.api_user, self.config.api_key.expose())),
                None,
                None,
            )
            .await
            .map_err(|f| ProviderError::Unavailable(format!("MoMo sign-in: {f}")))?;
        let token = body.get("access_token").and_then(Value::as_str).filter(|_| status == 200).ok_or_else(|| {
            ProviderError::Unavailable(format!("MoMo sign-in refused (HTTP {status}): check the API user and key"))
        })?;
        let lifetime = body.get("expires_in").and_then(Value::as_u64).unwrap_or(3600);
        Ok(self.token.put(token.to_owned(), lifetime))
    }
}

/// MoMo's word on a request (the status answer; the callback has the same shape).
pub fn read_status(body: &Value) -> Result<Status, String> {
    let status = body.get("status").and_then(Value::as_str).ok_or("status is missing")?;
    match status {
        "SUCCESSFUL" => {
            let amount = money_of(body.get("amount"), "amount")?;
            Ok(Status::Paid(Paid {
                receipt: body.get("financialTransactionId").and_then(Value::as_str).map(str::to_owned),
                amount,
                currency: body.get("currency").and_then(Value::as_str).map(str::to_owned),
                payer: body.pointer("/payer/partyId").and_then(Value::as_str).map(str::to_owned),
            }))
        }
        "PENDING" => Ok(Status::Pending),
        _ => {
            // `reason` is a code in some versions, `{code, message}` in others.
            let reason = match body.get("reason") {
                Some(Value::String(r)) => r.clone(),
                Some(r) => r.get("message").or_else(|| r.get("code")).and_then(Value::as_str).unwrap_or("").to_owned(),
                None => String::new(),
            };
            let words = match reason.as_str() {
                "APPROVAL_REJECTED" => "the payer declined".to_owned(),
                "EXPIRED" => "the payer did not answer in time".to_owned(),
                "NOT_ENOUGH_FUNDS" => "not enough money on the wallet".to_owned(),
                "PAYER_NOT_FOUND" => "no MoMo wallet has this number".to_owned(),
                "" => status.to_lowercase(),
                other => other.to_lowercase().replace('_', " "),
            };
            Ok(Status::Declined(format!("MTN MoMo: {words}")))
        }
    }
}

/// Reads a callback for the request `reference` (from the callback's path).
pub fn callback(reference: &str, body: &Value) -> Result<Callback, String> {
    let claim = match read_status(body)? {
        Status::Paid(paid) => Some(paid),
        _ => None,
    };
    Ok(Callback { reference: reference.to_owned(), claim })
}

#[async_trait::async_trait]
impl Provider for Momo {
    fn id(&self) -> ProviderId {
        ProviderId::Momo
    }

    fn option(&self) -> PaymentOption {
        PaymentOption {
            provider: ProviderId::Momo,
            label: ProviderId::Momo.label().to_owned(),
            needs_phone: true,
            max_amount: MAX_AMOUNT,
            whole_units: false,
            country_code: self.config.country_code.clone(),
        }
    }

    async fn ask(&self, ask: &Ask<'_>) -> Result<Asked, ProviderError> {
        let phone = ask.payer.ok_or_else(|| ProviderError::Refused("MTN MoMo needs the phone that pays".into()))?;
        let token = self.access_token().await?;
        let reference = app::backend::auth::random_uuid();
        let callback = format!("{}/{reference}", self.config.callback_url.trim_end_matches('/'));
        let body = json!({
            "amount": ask.amount.to_string(),
            "currency": ask.currency.code(),
            "externalId": ask.order_no,
            "payer": {"partyIdType": "MSISDN", "partyId": phone.digits()},
            "payerMessage": ask.description,
            "payeeNote": ask.order_no,
        });
        let headers = [
            ("X-Reference-Id", reference.as_str()),
            ("X-Target-Environment", self.config.target_environment.as_str()),
            ("X-Callback-Url", callback.as_str()),
            ("Ocp-Apim-Subscription-Key", self.config.subscription_key.expose()),
        ];
        let sent = self
            .client
            .send(
                reqwest::Method::POST,
                &self.url("/collection/v1_0/requesttopay"),
                &headers,
                None,
                Some(token.expose()),
                Some(&body),
            )
            .await;
        match sent {
            Ok((202, _)) => Ok(Asked::OnPhone { reference }),
            Ok((401, _)) => {
                self.token.forget();
                Err(ProviderError::Unavailable("MoMo refused the access token".into()))
            }
            Ok((status, body)) if (400..500).contains(&status) => Err(ProviderError::Refused(format!(
                "MTN MoMo refused the request: {}",
                body.get("message").and_then(Value::as_str).unwrap_or("no reason given")
            ))),
            Ok((status, _)) => Err(ProviderError::Unavailable(format!("MoMo answered HTTP {status}"))),
            Err(f) => Err(ProviderError::Unavailable(format!("MoMo request-to-pay: {f}"))),
        }
    }

    async fn status(&self, reference: &str) -> Result<Status, ProviderError> {
        let token = self.access_token().await?;
        let headers = [
            ("X-Target-Environment", self.config.target_environment.as_str()),
            ("Ocp-Apim-Subscription-Key", self.config.subscription_key.expose()),
        ];
        let url = self.url(&format!("/collection/v1_0/requesttopay/{reference}"));
        match self.client.send(reqwest::Method::GET, &url, &headers, None, Some(token.expose()), None).await {
            Ok((200, body)) => read_status(&body).map_err(|e| ProviderError::Unavailable(format!("MoMo status: {e}"))),
            Ok((404, _)) => Err(ProviderError::Refused(format!("MoMo knows no request {reference}"))),
            Ok((status, _)) => Err(ProviderError::Unavailable(format!("MoMo status answered HTTP {status}"))),
            Err(f) => Err(ProviderError::Unavailable(format!("MoMo status: {f}"))),
        }
    }

    fn first_check_after_seconds(&self) -> i64 {
        15
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_momo_documents_them() {
        let paid = json!({"amount": "2500", "currency": "UGX", "financialTransactionId": "23503452",
            "externalId": "ML1", "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"}, "status": "SUCCESSFUL"});
        let Status::Paid(p) = read_status(&paid).unwrap() else { panic!("paid") };
        assert_eq!(
            (p.receipt.as_deref(), p.amount, p.payer.as_deref()),
            (Some("23503452"), Some(Money::from_minor(250_000)), Some("256772123456"))
        );
        assert_eq!(read_status(&json!({"status": "PENDING"})).unwrap(), Status::Pending);
        let rejected = json!({"status": "FAILED", "reason": "APPROVAL_REJECTED"});
        assert_eq!(read_status(&rejected).unwrap(), Status::Declined("MTN MoMo: the payer declined".into()));
        let nested = json!({"status": "FAILED", "reason": {"code": "PAYER_NOT_FOUND", "message": "Payer not found"}});
        assert_eq!(read_status(&nested).unwrap(), Status::Declined("MTN MoMo: payer not found".into()));
        assert!(read_status(&json!({})).is_err());
    }
}
