//! Safaricom M-Pesa through Daraja: STK push (the phone asks the payer to
//! approve), its callback and its status query; and C2B paybill (the payer
//! pays from the phone menu with an account number), with its validation
//! and confirmation callbacks. Formats as Daraja documents them.

use super::http::{Client, Failure, TokenCache, money_of, text_of};
use crate::config::Secret;
use app::backend::payments::{Ask, Asked, Callback, Paid, Provider, ProviderError, Status};
use app::model::fixed::Money;
use app::model::payment::{PaymentOption, ProviderId};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Value, json};

/// The largest STK push Daraja takes (KES 250,000 a transaction).
pub const MAX_AMOUNT: Money = Money::from_minor(25_000_000);

/// Result codes that end an STK push without money: insufficient funds,
/// system busy, party B unable, subscriber locked, expired, push failed,
/// cancelled, unreachable, wrong PIN, push message too long.
const FINAL_CODES: [&str; 10] = ["1", "26", "17", "1001", "1019", "1025", "1032", "1037", "2001", "9999"];

/// Daraja's "still being processed" answer to a status query.
const STILL_PROCESSING: &str = "500.001.1001";

/// How Meterline reaches Daraja (README: `METERLINE_MPESA_*`).
#[derive(Debug, Clone)]
pub struct MpesaConfig {
    /// `https://sandbox.safaricom.co.ke` or `https://api.safaricom.co.ke`.
    pub base_url: String,
    pub consumer_key: Secret,
    pub consumer_secret: Secret,
    /// The paybill or till number.
    pub shortcode: String,
    pub passkey: Secret,
    /// Where Daraja sends the STK callback (`…/payments/mpesa/stk`).
    pub callback_url: String,
    /// When set, every callback must carry it as `?token=`.
    pub callback_token: Option<Secret>,
}

#[derive(Debug)]
pub struct Mpesa {
    config: MpesaConfig,
    client: Client,
    token: TokenCache,
}

impl Mpesa {
    pub fn new(config: MpesaConfig) -> Self {
        Self { config, client: Client::new(), token: TokenCache::default() }
    }

    pub fn callback_token(&self) -> Option<&Secret> {
        self.config.callback_token.as_ref()
    }

    async fn access_token(&self) -> Result<Secret, ProviderError> {
        if let Some(token) = self.token.get() {
            return Ok(token);
        }
        let url = format!("{}/oauth/v1/generate?grant_type=client_credentials", self.config.base_url);
        let answer = self
            .client
            .get_basic(&url, self.config.consumer_key.expose(), self.config.consumer_secret.expose())
            .await
            .map_err(|f| unavailable("sign-in", f))?;
        #[derive(Deserialize)]
        struct Token {
            access_token: String,
            #[serde(default)]
            expires_in: Value,
        }
        let token: Token = serde_json::from_value(answer)
            .map_err(|e| ProviderError::Unavailable(format!("M-Pesa sign-in answer unreadable: {e}")))?;
        let lifetime = match &token.expires_in {
            Value::String(s) => s.parse().unwrap_or(3599),
            Value::Number(n) => n.as_u64().unwrap_or(3599),
            _ => 3599,
        };
        Ok(self.token.put(token.access_token, lifetime))
    }

    /// Daraja's password for a request: base64(shortcode + passkey + timestamp),
    /// the timestamp on Nairobi's clock.
    fn password(&self) -> (String, String) {
        let nairobi = app::model::zone::Zone::parse("Africa/Nairobi").unwrap_or_default();
        let timestamp: String = nairobi.text(app::backend::clock::now()).chars().filter(char::is_ascii_digit).collect();
        let raw = format!("{}{}{}", self.config.shortcode, self.config.passkey.expose(), timestamp);
        (base64::engine::general_purpose::STANDARD.encode(raw), timestamp)
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, Failure> {
        let token = self.access_token().await.map_err(|e| Failure::Network(e.to_string()))?;
        let answer = self.client.post_bearer(&format!("{}{path}", self.config.base_url), token.expose(), &body).await;
        if let Err(Failure::Status(401, _)) = &answer {
            // An expired or revoked token: the next request signs in again.
            self.token.forget();
        }
        answer
    }
}

fn unavailable(what: &str, f: Failure) -> ProviderError {
    ProviderError::Unavailable(format!("M-Pesa {what}: {f}"))
}

/// Daraja's error text in a failed answer (`errorMessage`), if any.
fn error_message(body: &Value) -> Option<String> {
    body.get("errorMessage").and_then(Value::as_str).map(str::to_owned)
}

/// A code Daraja sends as text in some answers and as a number in others.
fn code(v: Option<&Value>) -> Option<String> {
    text_of(v)
}

#[async_trait::async_trait]
impl Provider for Mpesa {
    fn id(&self) -> ProviderId {
        ProviderId::Mpesa
    }

    fn option(&self) -> PaymentOption {
        PaymentOption {
            provider: ProviderId::Mpesa,
            label: ProviderId::Mpesa.label().to_owned(),
            needs_phone: true,
            max_amount: MAX_AMOUNT,
            whole_units: true,
            country_code: Some("254".to_owned()),
        }
    }

    async fn ask(&self, ask: &Ask<'_>) -> Result<Asked, ProviderError> {
        let phone = ask.payer.ok_or_else(|| ProviderError::Refused("M-Pesa needs the phone that pays".into()))?;
        let (password, timestamp) = self.password();
        let callback = match &self.config.callback_token {
            Some(t) => format!("{}?token={}", self.config.callback_url, t.expose()),
            None => self.config.callback_url.clone(),
        };
        // Daraja shows at most 12 characters of the account reference.
        let reference: String = {
            let chars: Vec<char> = ask.order_no.chars().collect();
            chars[chars.len().saturating_sub(12)..].iter().collect()
        };
        let body = json!({
            "BusinessShortCode": self.config.shortcode,
            "Password": password,
            "Timestamp": timestamp,
            "TransactionType": "CustomerPayBillOnline",
            "Amount": ask.amount.minor() / 100,
            "PartyA": phone.digits(),
            "PartyB": self.config.shortcode,
            "PhoneNumber": phone.digits(),
            "CallBackURL": callback,
            "AccountReference": reference,
            "TransactionDesc": "Top-up",
        });
        match self.post("/mpesa/stkpush/v1/processrequest", body).await {
            Ok(answer) if code(answer.get("ResponseCode")).as_deref() == Some("0") => {
                let reference = answer
                    .get("CheckoutRequestID")
                    .and_then(Value::as_str)
                    .filter(|r| !r.is_empty())
                    .ok_or_else(|| {
                        ProviderError::Unavailable("M-Pesa accepted the request but named no CheckoutRequestID".into())
                    })?;
                Ok(Asked::OnPhone { reference: reference.to_owned() })
            }
            Ok(answer) => Err(ProviderError::Refused(format!(
                "M-Pesa refused the request: {}",
                answer.get("ResponseDescription").and_then(Value::as_str).unwrap_or("no reason given")
            ))),
            // Daraja answers a request it will not take with 400 and its reason.
            Err(Failure::Status(status, body)) if (400..500).contains(&status) && status != 401 => {
                Err(ProviderError::Refused(format!(
                    "M-Pesa refused the request: {}",
                    error_message(&body).unwrap_or_else(|| format!("HTTP {status}"))
                )))
            }
            Err(f) => Err(unavailable("STK push", f)),
        }
    }

    async fn status(&self, reference: &str) -> Result<Status, ProviderError> {
        let (password, timestamp) = self.password();
        let body = json!({
            "BusinessShortCode": self.config.shortcode,
            "Password": password,
            "Timestamp": timestamp,
            "CheckoutRequestID": reference,
        });
        match self.post("/mpesa/stkpushquery/v1/query", body).await {
            Ok(answer) => {
                let desc = answer.get("ResultDesc").and_then(Value::as_str).unwrap_or("no reason given").to_owned();
                match code(answer.get("ResultCode")).as_deref() {
                    // The query confirms the request we made (our amount, our
                    // phone); the receipt comes with the callback.
                    Some("0") => Ok(Status::Paid(Paid::default())),
                    // Final answers only; anything else (4999 "still under
                    // processing", codes we do not know) is asked again.
                    Some(c) if FINAL_CODES.contains(&c) => Ok(Status::Declined(format!("M-Pesa: {desc}"))),
                    Some(_) => Ok(Status::Pending),
                    None => Err(ProviderError::Unavailable("M-Pesa status answer without ResultCode".into())),
                }
            }
            Err(Failure::Status(_, body))
                if body.get("errorCode").and_then(Value::as_str) == Some(STILL_PROCESSING) =>
            {
                Ok(Status::Pending)
            }
            Err(f) => Err(unavailable("status query", f)),
        }
    }
}

/// Reads Daraja's STK callback (`Body.stkCallback`).
pub fn stk_callback(body: &Value) -> Result<Callback, String> {
    let cb = body.pointer("/Body/stkCallback").ok_or("Body.stkCallback is missing")?;
    let reference = cb
        .get("CheckoutRequestID")
        .and_then(Value::as_str)
        .filter(|r| !r.is_empty())
        .ok_or("Body.stkCallback.CheckoutRequestID is missing")?
        .to_owned();
    let result = code(cb.get("ResultCode")).ok_or("Body.stkCallback.ResultCode is missing")?;
    if result != "0" {
        return Ok(Callback { reference, claim: None });
    }
    let items = cb.pointer("/CallbackMetadata/Item").and_then(Value::as_array).cloned().unwrap_or_default();
    let item = |name: &str| {
        items.iter().find(|i| i.get("Name").and_then(Value::as_str) == Some(name)).and_then(|i| i.get("Value"))
    };
    let amount = money_of(item("Amount"), "CallbackMetadata Amount")?;
    let claim = Paid {
        receipt: text_of(item("MpesaReceiptNumber")),
        amount,
        currency: None,
        payer: text_of(item("PhoneNumber")),
    };
    Ok(Callback { reference, claim: Some(claim) })
}

/// A C2B validation or confirmation as Daraja posts it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct C2bRequest {
    #[serde(rename = "TransID")]
    pub trans_id: String,
    pub trans_amount: Value,
    #[serde(default)]
    pub business_short_code: String,
    #[serde(default)]
    pub bill_ref_number: String,
    #[serde(rename = "MSISDN", default)]
    pub msisdn: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    #[serde(default)]
    pub last_name: String,
}

impl C2bRequest {
    pub fn amount(&self) -> Result<Money, String> {
        money_of(Some(&self.trans_amount), "TransAmount")?.ok_or_else(|| "TransAmount is missing".into())
    }

    pub fn payer_name(&self) -> String {
        [&self.first_name, &self.middle_name, &self.last_name]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paid_stk_callback_names_its_receipt_amount_and_phone() {
        let body = json!({"Body": {"stkCallback": {
            "MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": "ws_CO_191220191020363925",
            "ResultCode": 0, "ResultDesc": "The service request is processed successfully.",
            "CallbackMetadata": {"Item": [
                {"Name": "Amount", "Value": 1.00}, {"Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV"},
                {"Name": "Balance"}, {"Name": "TransactionDate", "Value": 20191219102115u64},
                {"Name": "PhoneNumber", "Value": 254708374149u64}]}}}});
        let cb = stk_callback(&body).unwrap();
        assert_eq!(cb.reference, "ws_CO_191220191020363925");
        let claim = cb.claim.unwrap();
        assert_eq!(claim.receipt.as_deref(), Some("NLJ7RT61SV"));
        assert_eq!(claim.amount, Some(Money::from_minor(100)));
        assert_eq!(claim.payer.as_deref(), Some("254708374149"));
    }

    #[test]
    fn a_cancelled_stk_callback_claims_nothing_and_junk_is_named() {
        let body = json!({"Body": {"stkCallback": {"CheckoutRequestID": "ws_CO_1", "ResultCode": 1032,
            "ResultDesc": "Request cancelled by user"}}});
        assert_eq!(stk_callback(&body).unwrap().claim, None);
        assert!(stk_callback(&json!({"Body": {}})).unwrap_err().contains("stkCallback"));
        let no_id = json!({"Body": {"stkCallback": {"ResultCode": 0}}});
        assert!(stk_callback(&no_id).unwrap_err().contains("CheckoutRequestID"));
    }
}
