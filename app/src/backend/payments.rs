//! Payment providers, as the payment lifecycle (`services::payments`) sees
//! them: asked to take money, asked whether they did, and read when they
//! call back. Each provider (M-Pesa, MTN MoMo, Flutterwave, the sandbox) is
//! a module of the server speaking its own HTTP API behind this trait.

use crate::model::currency::Currency;
use crate::model::fixed::Money;
use crate::model::payment::{Msisdn, PaymentOption, ProviderId};
use std::sync::Arc;

/// What a provider is asked to take.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// Our order number: the payer's reference at the provider.
    pub order_no: &'a str,
    pub amount: Money,
    pub currency: Currency,
    /// Who pays, for mobile money.
    pub payer: Option<&'a Msisdn>,
    /// What the payer's phone or checkout page says the payment is for.
    pub description: &'a str,
}

/// How the payer goes on once the provider has the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// The payer approves on the phone. `reference` is the provider's id of
    /// the request, which its status query takes.
    OnPhone { reference: String },
    /// The payer finishes on the provider's page at `url`.
    Checkout { reference: String, url: String },
}

impl Asked {
    pub fn reference(&self) -> &str {
        match self {
            Asked::OnPhone { reference } | Asked::Checkout { reference, .. } => reference,
        }
    }
}

/// A payment the provider says it took. Fields are `None` where the
/// provider's answer does not carry them (M-Pesa's STK query gives neither
/// receipt nor amount: its callback does).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paid {
    pub receipt: Option<String>,
    pub amount: Option<Money>,
    pub currency: Option<String>,
    pub payer: Option<String>,
}

/// What the provider's own status query says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not decided yet (the payer has not answered the prompt).
    Pending,
    Paid(Paid),
    /// The payment will not happen, in the provider's words.
    Declined(String),
}

/// What a callback claims. Only a hint: the lifecycle asks the provider's
/// status query before anything is credited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    /// The provider's reference of the request (`Asked::reference`).
    pub reference: String,
    /// What the callback says was paid, if it says so.
    pub claim: Option<Paid>,
}

/// Why a provider call did not give an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The provider refused the request (a number it does not serve, an
    /// amount it does not take): the order fails with these words.
    #[error("{0}")]
    Refused(String),
    /// The provider could not be reached or its answer could not be read:
    /// the order stays open and the provider is asked again later.
    #[error("{0}")]
    Unavailable(String),
}

/// One payment provider.
#[async_trait::async_trait]
pub trait Provider: Send + Sync + std::fmt::Debug {
    fn id(&self) -> ProviderId;
    /// How the portal offers it, with the provider's limits.
    fn option(&self) -> PaymentOption;
    /// Asks the provider to take the money.
    async fn ask(&self, ask: &Ask<'_>) -> Result<Asked, ProviderError>;
    /// Asks the provider what became of a request.
    async fn status(&self, reference: &str) -> Result<Status, ProviderError>;
    /// How long after asking a first status query is worth making.
    fn first_check_after_seconds(&self) -> i64 {
        20
    }
}

/// The providers that are on.
#[derive(Debug, Clone, Default)]
pub struct Providers(Vec<Arc<dyn Provider>>);

impl Providers {
    pub fn new(list: Vec<Arc<dyn Provider>>) -> Self {
        Self(list)
    }

    pub fn get(&self, id: ProviderId) -> Option<&Arc<dyn Provider>> {
        self.0.iter().find(|p| p.id() == id)
    }

    pub fn options(&self) -> Vec<PaymentOption> {
        self.0.iter().map(|p| p.option()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
