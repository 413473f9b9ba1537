//! Payment providers: where a household's money comes from before the
//! platform credits it. Production installs plug in their acquirer here;
//! Meterline ships a clearly labelled sandbox.

use crate::model::fixed::Money;
use std::collections::HashMap;
use std::sync::Mutex;

/// Takes money for a top-up. `reference` is the top-up's idempotency key: a
/// provider charges a reference once, as real acquirers do, and only for the
/// payer and amount it was first given: a reference is not a voucher that
/// anyone may present again for any sum.
pub trait PaymentProvider: Send + Sync + std::fmt::Debug {
    fn name(&self) -> &'static str;
    /// A receipt on success, the decline reason otherwise. `payer` names who
    /// pays and for what (the household and meter).
    fn charge(&self, amount: Money, payer: &str, reference: &str) -> Result<String, String>;
}

/// Why a provider refuses a reference presented again with other details.
pub const REFERENCE_REUSED: &str = "this payment reference belongs to another payment";

/// SANDBOX: no real money moves. Declines like a card acquirer would:
/// amounts ending in .13 ("declined by the issuer") and amounts over 2,000.
#[derive(Debug, Default)]
pub struct Sandbox {
    /// Reference → (payer, amount, receipt).
    charged: Mutex<HashMap<String, (String, Money, String)>>,
}

pub const SANDBOX_LIMIT: Money = Money::from_minor(200_000);

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox (no real money)"
    }

    fn charge(&self, amount: Money, payer: &str, reference: &str) -> Result<String, String> {
        let mut charged = self.charged.lock().map_err(|_| "payment provider unavailable".to_owned())?;
        if let Some((first_payer, first_amount, receipt)) = charged.get(reference) {
            return if first_payer == payer && *first_amount == amount {
                Ok(receipt.clone())
            } else {
                Err(REFERENCE_REUSED.to_owned())
            };
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
        charged.insert(reference.to_owned(), (payer.to_owned(), amount, receipt.clone()));
        Ok(receipt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_declines_like_an_acquirer_and_charges_a_reference_once() {
        let s = Sandbox::default();
        assert!(s.charge(Money::from_minor(1_013), "h1", "a").is_err());
        assert!(s.charge(Money::from_minor(200_001), "h1", "b").is_err());
        let r = s.charge(Money::from_minor(2_500), "h1", "c").unwrap();
        assert_eq!(s.charge(Money::from_minor(2_500), "h1", "c").unwrap(), r);
        // The same reference from another payer, or for another amount, is refused.
        assert_eq!(s.charge(Money::from_minor(2_500), "h2", "c").unwrap_err(), REFERENCE_REUSED);
        assert_eq!(s.charge(Money::from_minor(500_000), "h1", "c").unwrap_err(), REFERENCE_REUSED);
    }
}
