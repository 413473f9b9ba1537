//! Payments through a provider: which provider, who pays, and what a
//! household asks for from the portal.

use super::fixed::Money;
use super::ids::MeterId;
use serde::{Deserialize, Serialize};

/// The payment providers Meterline speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProviderId {
    /// No real money: for the demo and for trying the portal.
    Sandbox,
    /// Safaricom M-Pesa (Daraja): STK push and C2B paybill.
    Mpesa,
    /// MTN Mobile Money collections.
    Momo,
    /// Flutterwave's hosted checkout (cards and mobile money).
    Flutterwave,
}

impl ProviderId {
    pub const ALL: [ProviderId; 4] =
        [ProviderId::Sandbox, ProviderId::Mpesa, ProviderId::Momo, ProviderId::Flutterwave];

    /// The name stored with an order and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            ProviderId::Sandbox => "sandbox",
            ProviderId::Mpesa => "mpesa",
            ProviderId::Momo => "momo",
            ProviderId::Flutterwave => "flutterwave",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// How a household reads it.
    pub fn label(self) -> &'static str {
        match self {
            ProviderId::Sandbox => "Sandbox (no real money)",
            ProviderId::Mpesa => "M-Pesa",
            ProviderId::Momo => "MTN MoMo",
            ProviderId::Flutterwave => "Card or mobile money (Flutterwave)",
        }
    }
}

/// A phone number that pays, as digits with the country code (`254712345678`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Msisdn(String);

impl Msisdn {
    /// Reads a number as people type it: `+254 712 345 678`, `254712345678`,
    /// or a national `0712345678` when `country_code` (`254`) is given.
    pub fn parse(raw: &str, country_code: Option<&str>) -> Result<Self, String> {
        let compact: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.')).collect();
        let digits = compact.strip_prefix('+').unwrap_or(&compact);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("must be a phone number such as +254712345678, got {raw:?}"));
        }
        let full = match (digits.strip_prefix('0'), country_code) {
            (Some(national), Some(cc)) if !compact.starts_with('+') => format!("{cc}{national}"),
            _ => digits.to_owned(),
        };
        // No country code starts with 0: this is a national number.
        if full.starts_with('0') || !(10..=15).contains(&full.len()) {
            return Err(format!("must be a phone number with its country code, such as +254712345678, got {raw:?}"));
        }
        Ok(Self(full))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// A household's payment from the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentStart {
    pub meter_id: MeterId,
    /// The provider's code (`mpesa`): checked against those that are on.
    pub provider: String,
    /// As typed; the server reads it.
    pub phone: String,
    /// As typed; the server reads it.
    pub amount: String,
    /// One per form: a double click or a reload never asks twice.
    pub idempotency_key: String,
}

/// A provider a household can pay with, as the portal offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentOption {
    pub provider: ProviderId,
    pub label: String,
    /// Whether the provider needs a phone number (mobile money).
    pub needs_phone: bool,
    /// The largest amount the provider takes at once.
    pub max_amount: Money,
    /// Whether amounts must be whole units (M-Pesa takes whole shillings).
    pub whole_units: bool,
    /// The country code a national phone number is read with (`254`).
    pub country_code: Option<String>,
}

/// What became of a payment that matched nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnmatchedState {
    /// Waits for an operator.
    Waiting,
    /// Credited to a household by an operator.
    Assigned,
    /// To be given back to the payer.
    Refund,
}

impl UnmatchedState {
    pub fn code(self) -> i64 {
        match self {
            UnmatchedState::Waiting => 0,
            UnmatchedState::Assigned => 1,
            UnmatchedState::Refund => 2,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Some(match code {
            0 => UnmatchedState::Waiting,
            1 => UnmatchedState::Assigned,
            2 => UnmatchedState::Refund,
            _ => return None,
        })
    }
}

/// Money a provider confirmed that no order or household took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub id: i64,
    pub provider: ProviderId,
    pub receipt: String,
    /// The account number the payer typed (paybill), or the order it was for.
    pub account: String,
    pub payer: String,
    pub payer_name: String,
    pub amount: Money,
    pub currency: String,
    /// Why it matched nothing.
    pub reason: String,
    pub received_at: super::time::Timestamp,
    pub state: UnmatchedState,
    pub household_id: Option<super::ids::HouseholdId>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<super::time::Timestamp>,
    pub note: String,
}

/// A difference reconciliation names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difference {
    /// The provider confirmed it; no household has the money yet.
    ConfirmedNotCredited,
    /// Credited, with no confirmation from the provider on record.
    CreditedNotConfirmed,
    /// Confirmed for another amount than the order's.
    AmountDiffers,
}

impl Difference {
    pub fn label(self) -> &'static str {
        match self {
            Difference::ConfirmedNotCredited => "confirmed but not credited",
            Difference::CreditedNotConfirmed => "credited but not confirmed",
            Difference::AmountDiffers => "amount differs",
        }
    }
}

/// One difference: what it is about and in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discrepancy {
    pub kind: Difference,
    /// The order number, or the receipt of a payment that has no order.
    pub what: String,
    pub receipt: Option<String>,
    pub amount: Money,
    pub detail: String,
}

/// A provider's local day: what it confirmed against what was credited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciledDay {
    pub provider: ProviderId,
    /// `yyyy-MM-dd` on the caller's clock.
    pub day: String,
    pub confirmed_count: i64,
    pub confirmed_total: Money,
    pub credited_count: i64,
    pub credited_total: Money,
    pub differences: Vec<Discrepancy>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_read_as_people_type_them() {
        assert_eq!(Msisdn::parse("+254 712 345 678", None).unwrap().digits(), "254712345678");
        assert_eq!(Msisdn::parse("0712345678", Some("254")).unwrap().digits(), "254712345678");
        assert_eq!(Msisdn::parse("254712345678", Some("254")).unwrap().digits(), "254712345678");
        assert!(Msisdn::parse("0712345678", None).is_err(), "a national number needs the country");
        assert!(Msisdn::parse("call me", None).is_err());
        assert!(Msisdn::parse("", None).is_err());
    }

    #[test]
    fn provider_codes_round_trip() {
        for p in ProviderId::ALL {
            assert_eq!(ProviderId::from_code(p.code()), Some(p));
        }
        assert_eq!(ProviderId::from_code("paypal"), None);
    }
}
