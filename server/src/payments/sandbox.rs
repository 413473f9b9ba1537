//! SANDBOX: a provider that moves no real money, for the demo and for trying
//! the portal, behaving like the real ones: asked, it answers at once with a
//! reference; the "payer approves" a few seconds later and it calls back;
//! its status query decides. Declines amounts ending in .13 (as a payer
//! would cancel) and amounts over its limit.
//!
//! Its status is read from the reference itself (when it was asked and for
//! how much), so every replica answers alike and nothing lives in memory.

use super::http::Client;
use app::backend::clock::now;
use app::backend::payments::{Ask, Asked, Paid, Provider, ProviderError, Status};
use app::model::fixed::Money;
use app::model::payment::{PaymentOption, ProviderId};
use serde_json::json;

pub const SANDBOX_LIMIT: Money = Money::from_minor(200_000);
/// Seconds the pretend payer takes to approve, in the demo.
pub const APPROVES_AFTER: i64 = 2;

#[derive(Debug)]
pub struct Sandbox {
    /// Where its callback goes (`…/payments/sandbox/callback`); `None` sends
    /// none, and the schedule's status queries find the outcome.
    callback_url: Option<String>,
    /// Seconds the pretend payer takes.
    approves_after: i64,
    client: Client,
}

impl Sandbox {
    pub fn new(callback_url: Option<String>, approves_after: i64) -> Self {
        Self { callback_url, approves_after, client: Client::new() }
    }
}

/// `SBX-<asked at>-<amount in minor units>-<nonce>`.
fn reference(asked_at: i64, amount: Money) -> String {
    let nonce = &app::backend::auth::random_token()[..12];
    format!("SBX-{asked_at}-{}-{nonce}", amount.minor())
}

fn read(reference: &str) -> Option<(i64, Money, &str)> {
    let mut parts = reference.strip_prefix("SBX-")?.splitn(3, '-');
    let at = parts.next()?.parse().ok()?;
    let amount = Money::from_minor(parts.next()?.parse().ok()?);
    Some((at, amount, parts.next()?))
}

#[async_trait::async_trait]
impl Provider for Sandbox {
    fn id(&self) -> ProviderId {
        ProviderId::Sandbox
    }

    fn option(&self) -> PaymentOption {
        PaymentOption {
            provider: ProviderId::Sandbox,
            label: ProviderId::Sandbox.label().to_owned(),
            needs_phone: true,
            max_amount: SANDBOX_LIMIT,
            whole_units: false,
            country_code: Some("254".to_owned()),
        }
    }

    async fn ask(&self, ask: &Ask<'_>) -> Result<Asked, ProviderError> {
        let reference = reference(now().0, ask.amount);
        if let Some(url) = self.callback_url.clone() {
            let client = self.client.clone();
            let body = json!({ "reference": reference });
            let delay = self.approves_after.max(0) as u64 + 1;
            tokio::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(delay)).await;
                if let Err(e) = client.send(reqwest::Method::POST, &url, &[], None, None, Some(&body)).await {
                    tracing::warn!(error = %e, "sandbox callback not delivered (the schedule will find the outcome)");
                }
            });
        }
        Ok(Asked::OnPhone { reference })
    }

    async fn status(&self, reference: &str) -> Result<Status, ProviderError> {
        let Some((asked_at, amount, nonce)) = read(reference) else {
            return Err(ProviderError::Refused(format!("sandbox: no payment {reference:?}")));
        };
        if now().0 < asked_at + self.approves_after {
            return Ok(Status::Pending);
        }
        if amount.minor() % 100 == 13 {
            return Ok(Status::Declined("cancelled by the payer (sandbox: amounts ending in .13 are declined)".into()));
        }
        if amount > SANDBOX_LIMIT {
            return Ok(Status::Declined(format!("declined: over the sandbox limit of {SANDBOX_LIMIT}")));
        }
        Ok(Status::Paid(Paid {
            receipt: Some(format!("SANDBOX-{nonce}")),
            amount: Some(amount),
            currency: None,
            payer: None,
        }))
    }

    fn first_check_after_seconds(&self) -> i64 {
        self.approves_after + 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_sandbox_decides_after_the_payer_has_had_time() {
        let s = Sandbox::new(None, APPROVES_AFTER);
        let fresh = reference(now().0, Money::from_minor(2_500));
        assert_eq!(s.status(&fresh).await.unwrap(), Status::Pending);
        let old = reference(now().0 - 10, Money::from_minor(2_500));
        let Status::Paid(paid) = s.status(&old).await.unwrap() else { panic!("paid") };
        assert_eq!(paid.amount, Some(Money::from_minor(2_500)));
        assert!(paid.receipt.unwrap().starts_with("SANDBOX-"));
        let declined = reference(now().0 - 10, Money::from_minor(1_013));
        assert!(matches!(s.status(&declined).await.unwrap(), Status::Declined(_)));
        let over = reference(now().0 - 10, Money::from_minor(200_001));
        assert!(matches!(s.status(&over).await.unwrap(), Status::Declined(_)));
        assert!(s.status("nonsense").await.is_err());
    }
}
