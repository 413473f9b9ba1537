//! Payment orders (top-ups).

use super::fixed::Money;
use super::ids::{CommandId, HouseholdId, MeterId};
use super::meter::MeterRef;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// An order's state. The vendor's are 0 waiting, 1 in recharge, 2 succeeded,
/// 3 failed; a payment through a provider also waits for the payer's approval
/// and may expire (the legacy door reads those as waiting and failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderState {
    Waiting,
    InRecharge,
    Succeeded,
    Failed,
    /// The provider has been asked; the payer approves on the phone.
    Paying,
    /// No confirmation came in time; nothing was credited.
    Expired,
    /// Its credit was sent to the meter, which never confirmed it: the meter
    /// may hold it. Neither refunded nor sent again until the meter's late
    /// acknowledgement or an operator who read the meter settles it.
    Unconfirmed,
}

impl OrderState {
    /// How the order reads on a page.
    pub fn label(self) -> &'static str {
        match self {
            OrderState::Waiting => "waiting",
            OrderState::InRecharge => "on its way",
            OrderState::Succeeded => "succeeded",
            OrderState::Failed => "failed",
            OrderState::Paying => "waiting for your approval",
            OrderState::Expired => "expired",
            OrderState::Unconfirmed => "sent to the meter, not yet confirmed",
        }
    }

    /// Whether the order can still change (and a provider's word still counts).
    pub fn is_open(self) -> bool {
        matches!(self, OrderState::Waiting | OrderState::Paying)
    }

    /// The state in the vendor's numbering, for the legacy door.
    pub fn vendor_code(self) -> i64 {
        match self {
            OrderState::Waiting | OrderState::Paying => 0,
            OrderState::InRecharge | OrderState::Unconfirmed => 1,
            OrderState::Succeeded => 2,
            OrderState::Failed | OrderState::Expired => 3,
        }
    }

    pub fn code(self) -> i64 {
        match self {
            OrderState::Waiting => 0,
            OrderState::InRecharge => 1,
            OrderState::Succeeded => 2,
            OrderState::Failed => 3,
            OrderState::Paying => 4,
            OrderState::Expired => 5,
            OrderState::Unconfirmed => 6,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Some(match code {
            0 => OrderState::Waiting,
            1 => OrderState::InRecharge,
            2 => OrderState::Succeeded,
            3 => OrderState::Failed,
            4 => OrderState::Paying,
            5 => OrderState::Expired,
            6 => OrderState::Unconfirmed,
            _ => return None,
        })
    }
}

/// Where the money came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// The legacy API (`remotelyTopUp`, `recharge`).
    Legacy,
    /// The household portal through a payment provider.
    Portal,
    /// Cash taken at a desk by an operator.
    Cash,
    /// Paid from the phone menu to the utility's paybill with an account number.
    Paybill,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Legacy => "legacy",
            Channel::Portal => "portal",
            Channel::Cash => "cash",
            Channel::Paybill => "paybill",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopUp {
    pub meter: MeterRef,
    pub amount: Money,
    /// For meters that hold their own credit: the amount to credit on the
    /// device, in 1e-4 units; `None` converts `amount` at the meter's price.
    pub device_amount: Option<i64>,
    /// A retry with the same key returns the first order instead of paying twice.
    pub idempotency_key: Option<String>,
    pub channel: Channel,
}

/// A top-up from the portal: a household paying through the payment provider,
/// or an operator recording cash taken at a desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalTopUp {
    pub meter_id: super::ids::MeterId,
    /// As typed: the server parses it, so a mistake is answered naming the
    /// field rather than as a form that could not be read.
    pub amount: String,
    /// One per form: a double click or a reload never pays twice.
    pub idempotency_key: String,
    /// A household's way to pay (a provider's code); not sent for cash.
    #[serde(default)]
    pub provider: String,
    /// The phone that pays, for mobile money.
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentOrder {
    pub id: i64,
    pub order_no: String,
    pub household_id: HouseholdId,
    pub meter_id: Option<MeterId>,
    pub dev_eui: Option<String>,
    pub amount: Money,
    pub state: OrderState,
    pub channel: String,
    pub command_id: Option<CommandId>,
    pub result: String,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    /// When the money went back out (a `refund` ledger entry), if it did.
    pub refunded_at: Option<Timestamp>,
    /// The provider that takes the money (`None`: legacy, cash).
    pub provider: Option<super::payment::ProviderId>,
    /// The provider's id of the request (for its status query).
    pub reference: Option<String>,
    /// The provider's receipt, once it has confirmed the payment.
    pub receipt: Option<String>,
    /// Who pays at the provider (a phone number), when the provider says.
    pub payer: Option<String>,
    /// When an open payment through a provider gives up waiting.
    pub expires_at: Option<Timestamp>,
    /// The provider's page the payer finishes on (hosted checkout).
    pub checkout_url: Option<String>,
}

impl PaymentOrder {
    /// What became of the order, in a sentence for whoever paid.
    pub fn outcome(&self) -> String {
        match self.state {
            OrderState::Succeeded => format!("Payment {} succeeded: {} added.", self.order_no, self.amount.to_padded()),
            OrderState::Waiting | OrderState::InRecharge => {
                format!("Payment {} is on its way to your meter.", self.order_no)
            }
            OrderState::Failed => format!("Payment {} failed: {}", self.order_no, self.result),
            OrderState::Paying if self.checkout_url.is_some() => format!(
                "Finish the payment of {} on {}'s page. This page follows it.",
                self.amount.to_padded(),
                self.provider.map(|p| p.label()).unwrap_or("the provider")
            ),
            OrderState::Paying => format!(
                "Approve the payment of {} on your phone ({}). This page follows it.",
                self.amount.to_padded(),
                self.provider.map(|p| p.label()).unwrap_or("the provider")
            ),
            OrderState::Expired => format!("Payment {} expired: {}", self.order_no, self.result),
            OrderState::Unconfirmed => format!(
                "Payment {} was sent to your meter, which has not confirmed it yet. The utility checks the meter; \
                 the money is not lost.",
                self.order_no
            ),
        }
    }
}
