//! Payment providers: where a household's money comes from before the
//! platform credits it. Production installs plug in their acquirer here;
//! Meterline ships a clearly labelled sandbox.

use crate::model::fixed::Money;
use std::collections::HashMap;
use std::sync::Mutex;

/// Takes money for a top-up. `reference` is the top-up's idempotency key: a
/// provider charges a reference once, as real acquirers do.
pub trait PaymentProvider: Send + Sync + std::fmt::Debug {
    fn name(&self) -> &'static str;
    /// A receipt on success, the decline reason otherwise.
    fn charge(&self, amount: Money, reference: &str) -> Result<String, String>;
}

/// SANDBOX: no real money moves. Declines like a card acquirer would:
/// amounts ending in .13 ("declined by the issuer") and amounts over 2,000.
#[derive(Debug, Default)]
pub struct Sandbox {
    charged: Mutex<HashMap<String, String>>,
}

pub const SANDBOX_LIMIT: Money = Money::from_minor(200_000);

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox (no real money)"
    }

    fn charge(&self, amount: Money, reference: &str) -> Result<String, String> {
        let mut charged = self.charged.lock().map_err(|_| "payment provider unavailable".to_owned())?;
        if let Some(receipt) = charged.get(reference) {
            return Ok(receipt.clone());
        }
        if amount.minor() % 100 == 13 {
            return Err("declined by the card issuer (sandbox: amounts ending in .13 are declined)".into());
        }
        if amount > SANDBOX_LIMIT {
            return Err(format!("declined: over the sandbox limit of {SANDBOX_LIMIT}"));
        }
        let receipt = format!(
            "SANDBOX-{}",
            &reference.chars().filter(|c| c.is_ascii_alphanumeric()).take(16).collect::<String>()
        );
        charged.insert(reference.to_owned(), receipt.clone());
        Ok(receipt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_declines_like_an_acquirer_and_charges_a_reference_once() {
        let s = Sandbox::default();
        assert!(s.charge(Money::from_minor(1_013), "a").is_err());
        assert!(s.charge(Money::from_minor(200_001), "b").is_err());
        let r = s.charge(Money::from_minor(2_500), "c").unwrap();
        assert_eq!(s.charge(Money::from_minor(2_500), "c").unwrap(), r);
    }
}
