//! Paybill (M-Pesa C2B): a customer pays from the phone menu with an
//! account number. The validation accepts only account numbers that name one
//! household or meter; the confirmation credits that household once per
//! transaction id, and keeps money for an unknown account for an operator.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::state::Settings;
use crate::backend::store;
use crate::backend::store::orders::{self, NewOrder, ProviderPart};
use crate::backend::store::unmatched::{self, NewUnmatched};
use crate::model::fixed::Money;
use crate::model::ids::{HouseholdId, MeterId};
use crate::model::meter::MeterRef;
use crate::model::order::{Channel, TopUp};
use crate::model::payment::ProviderId;

use super::topups::{Delivery, deliver, device_units, number};

/// A paybill payment as the provider confirms it.
#[derive(Debug, Clone)]
pub struct PaybillPayment {
    pub provider: ProviderId,
    /// The provider's transaction id (M-Pesa's `TransID`): credited once.
    pub receipt: String,
    pub amount: Money,
    /// What the payer typed as the account number.
    pub account: String,
    pub payer: String,
    pub payer_name: String,
}

/// The one household (and meter, when the number names a meter) an account
/// number names, if exactly one.
pub async fn account_of(db: &Db, account: &str) -> Result<Option<(HouseholdId, Option<MeterId>)>, ServiceError> {
    let account = account.trim();
    if account.is_empty() || account.len() > 64 {
        return Ok(None);
    }
    let found = store::households::by_account(db, account).await?;
    let Some(&(household, _)) = found.first() else { return Ok(None) };
    // Every match must be the one household (its number may also be one of
    // its meters' numbers), naming at most one meter.
    if found.iter().any(|(h, _)| *h != household) {
        return Ok(None);
    }
    let mut meters: Vec<MeterId> = found.iter().filter_map(|(_, m)| *m).collect();
    meters.dedup();
    Ok(match meters.as_slice() {
        [] => Some((household, None)),
        [meter] => Some((household, Some(*meter))),
        _ => None,
    })
}

/// Whether a payment to this account number may go ahead.
pub async fn accepts(db: &Db, account: &str) -> Result<bool, ServiceError> {
    Ok(account_of(db, account).await?.is_some())
}

/// What became of a confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// Credited to the household, as this order.
    Credited(String),
    /// This transaction was taken already (a repeated confirmation).
    Repeated,
    /// Kept for an operator: no household matched.
    Kept,
}

/// Credits a confirmed paybill payment to the household its account number
/// names, once per transaction id; keeps it otherwise.
pub async fn confirm(db: &Db, settings: &Settings, p: PaybillPayment) -> Result<Confirmed, ServiceError> {
    if !p.amount.is_positive() {
        return Err(ServiceError::invalid("TransAmount", "must be more than zero"));
    }
    // Taken before, as an order or kept: a receipt is counted once, even
    // if its account number names someone by now.
    if orders::by_receipt(db, p.provider, &p.receipt).await?.is_some()
        || unmatched::holds(db, p.provider, &p.receipt).await?
    {
        return Ok(Confirmed::Repeated);
    }
    let Some((household, meter)) = account_of(db, &p.account).await? else {
        return keep(db, settings, &p, "the account number names no household or meter").await;
    };
    // A meter that holds its own credit is sent it; anything else credits
    // the household's balance.
    let device_amount = match meter {
        Some(m) => {
            let topup = TopUp {
                meter: MeterRef::Id(m),
                amount: p.amount,
                device_amount: None,
                idempotency_key: None,
                channel: Channel::Paybill,
            };
            match device_units(db, m, &topup).await {
                Ok(units) => units,
                Err(ServiceError::Invalid { message, .. }) => {
                    return keep(db, settings, &p, &format!("the meter cannot take it: {message}")).await;
                }
                Err(e) => return Err(e),
            }
        }
        None => None,
    };
    let at = now();
    let actor = format!("provider:{}", p.provider.code());
    let placeholder = format!("pending-{}", crate::backend::auth::random_token());
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, household).await?;
    let created = orders::create(
        &mut tx,
        NewOrder {
            placeholder_no: &placeholder,
            household,
            meter,
            amount: p.amount,
            device_amount,
            channel: Channel::Paybill,
            key: None,
            actor: &actor,
            at,
            provider: Some(ProviderPart {
                provider: p.provider,
                payer: Some(&p.payer),
                currency: settings.currency.code(),
                receipt: Some(&p.receipt),
                expires_at: at,
            }),
        },
    )
    .await?;
    // Another replica took the same confirmation a moment ago.
    let Some(id) = created else { return Ok(Confirmed::Repeated) };
    let order_no = number(&mut tx, id, at).await?;
    deliver(
        &mut tx,
        settings,
        Delivery {
            id,
            household,
            meter,
            amount: p.amount,
            device_amount,
            actor: &actor,
            at,
            cause: format!("paybill {order_no} ({} receipt {}, account {})", p.provider.label(), p.receipt, p.account),
        },
    )
    .await?;
    db.commit(tx).await?;
    Ok(Confirmed::Credited(order_no))
}

async fn keep(db: &Db, settings: &Settings, p: &PaybillPayment, why: &str) -> Result<Confirmed, ServiceError> {
    unmatched::keep(
        &db.pool,
        NewUnmatched {
            provider: p.provider,
            receipt: &p.receipt,
            account: &p.account,
            payer: &p.payer,
            payer_name: &p.payer_name,
            amount: p.amount,
            currency: settings.currency.code(),
            reason: why,
            at: now(),
        },
    )
    .await?;
    Ok(Confirmed::Kept)
}
