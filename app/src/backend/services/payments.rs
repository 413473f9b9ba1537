//! The payment lifecycle, the same for every provider: the order is written
//! (waiting) before the provider is asked; the payer approves (paying); the
//! order ends succeeded (credited once, keyed on the provider's receipt),
//! failed (the provider's reason) or expired. A callback is only a hint: the
//! provider's own status query decides, and what it confirms is checked
//! against the order before anything is credited.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::payments::{Ask, Asked, Callback, Paid, Provider, ProviderError, Providers, Status};
use crate::backend::scope::{require_household, require_meter};
use crate::backend::state::Settings;
use crate::backend::store;
use crate::backend::store::orders::{self, Claim, NewOrder, ProviderPart};
use crate::backend::store::unmatched::{self, NewUnmatched};
use crate::model::fixed::Money;
use crate::model::meter::MeterRef;
use crate::model::order::{Channel, OrderState, PaymentOrder, TopUp};
use crate::model::payment::{Msisdn, PaymentOption, PaymentStart, ProviderId};
use crate::model::time::Timestamp;
use std::sync::Arc;

use super::topups::{Delivery, deliver, device_units, number};

/// How long to wait before asking again about an order the provider has
/// not decided, and after a provider could not be reached.
const RECHECK_SECONDS: i64 = 30;

/// What a household may pay with.
pub fn options(providers: &Providers) -> Vec<PaymentOption> {
    providers.options()
}

fn provider_of(providers: &Providers, code: &str) -> Result<Arc<dyn Provider>, ServiceError> {
    ProviderId::from_code(code.trim()).and_then(|id| providers.get(id)).cloned().ok_or_else(|| {
        let on: Vec<_> = providers.options().iter().map(|o| o.provider.code()).collect();
        ServiceError::invalid("provider", format!("{code:?} is not a way to pay here (on: {})", on.join(", ")))
    })
}

/// The amount as typed, checked against the currency and the provider.
fn amount_for(settings: &Settings, option: &PaymentOption, typed: &str) -> Result<Money, ServiceError> {
    let amount = Money::parse(typed).map_err(|e| ServiceError::invalid("amount", e.to_string()))?;
    let currency = settings.currency;
    if !amount.is_positive() {
        return Err(ServiceError::invalid("amount", "must be more than zero"));
    }
    if !currency.carries(amount) || (option.whole_units && amount.minor() % 100 != 0) {
        return Err(ServiceError::invalid(
            "amount",
            format!("{} takes whole amounts of {currency}, got {typed:?}", option.provider.label()),
        ));
    }
    if amount > option.max_amount {
        return Err(ServiceError::invalid(
            "amount",
            format!("{} takes at most {} at once", option.provider.label(), currency.show(option.max_amount)),
        ));
    }
    Ok(amount)
}

/// A household starts a payment: the order is in the database, then the
/// provider is asked. A retry with the form's key gets the first order.
pub async fn start(
    db: &Db,
    settings: &Settings,
    providers: &Providers,
    caller: &Caller,
    req: PaymentStart,
) -> Result<PaymentOrder, ServiceError> {
    let Caller::Household { id: household, .. } = caller else {
        return Err(ServiceError::Forbidden("a household pays through a provider; operators record cash".into()));
    };
    let provider = provider_of(providers, &req.provider)?;
    let option = provider.option();
    let amount = amount_for(settings, &option, &req.amount)?;
    let payer = if option.needs_phone {
        Some(Msisdn::parse(&req.phone, option.country_code.as_deref()).map_err(|e| ServiceError::invalid("phone", e))?)
    } else {
        None
    };
    let key = req.idempotency_key.trim();
    if key.len() < 8 || key.len() > 100 {
        return Err(ServiceError::invalid("idempotency_key", "is missing: reload the page"));
    }
    let access = require_meter(db, caller, &MeterRef::Id(req.meter_id)).await?;
    access.require_active().map_err(|_| ServiceError::invalid("meter", "the meter is removed"))?;
    let topup = TopUp {
        meter: MeterRef::Id(access.id),
        amount,
        device_amount: None,
        idempotency_key: Some(key.to_owned()),
        channel: Channel::Portal,
    };
    let device_amount = device_units(db, access.id, &topup).await?;
    let actor = caller.actor();
    let at = now();
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, *household).await?;
    if let Some((id, first_amount, meter)) = orders::earlier(&mut tx, *household, orders::Earlier::Keyed(key)).await? {
        tx.rollback().await?;
        if first_amount != amount || meter != Some(access.id) {
            return Err(ServiceError::conflict("idempotency_key", "belongs to another payment: reload the page"));
        }
        return orders::get(db, id).await;
    }
    let placeholder = format!("pending-{}", crate::backend::auth::random_token());
    let currency = settings.currency.code();
    let created = orders::create(
        &mut tx,
        NewOrder {
            placeholder_no: &placeholder,
            household: *household,
            meter: Some(access.id),
            amount,
            device_amount,
            channel: Channel::Portal,
            key: Some(key),
            actor: &actor,
            at,
            provider: Some(ProviderPart {
                provider: provider.id(),
                payer: payer.as_ref().map(Msisdn::digits),
                currency,
                receipt: None,
                expires_at: Timestamp(at.0 + settings.payment_expiry_seconds),
            }),
        },
    )
    .await?;
    let Some(id) = created else {
        drop(tx);
        return orders::get(db, orders::id_by_key(db, *household, key).await?).await;
    };
    let order_no = number(&mut tx, id, at).await?;
    db.commit(tx).await?;
    // Committed before the provider hears of it: whatever happens next, the
    // order exists and the schedule follows it up.
    let description = format!("Meterline top-up {order_no}");
    let ask = Ask {
        order_no: &order_no,
        amount,
        currency: settings.currency,
        payer: payer.as_ref(),
        description: &description,
    };
    match provider.ask(&ask).await {
        Ok(asked) => {
            let (result, url) = match &asked {
                Asked::OnPhone { .. } => ("approve the payment on your phone", None),
                Asked::Checkout { url, .. } => ("finish the payment on the provider's page", Some(url.as_str())),
            };
            let next = Timestamp(now().0 + provider.first_check_after_seconds());
            orders::asked(db, id, asked.reference(), url, result, next).await?;
        }
        // Declined outright, or never reached: nothing was taken. A request
        // that did reach the provider and is paid anyway arrives as a
        // callback for no known order and is kept for an operator.
        Err(ProviderError::Refused(reason)) => {
            orders::close(&db.pool, id, OrderState::Failed, &reason, now()).await?;
        }
        Err(ProviderError::Unavailable(reason)) => {
            let reason = format!(
                "{} could not be reached ({reason}). If your phone asks you to approve anyway, the money is kept \
                 for the utility to credit",
                provider.id().label()
            );
            orders::close(&db.pool, id, OrderState::Failed, &reason, now()).await?;
        }
    }
    orders::get(db, id).await
}

/// A provider's callback: re-checks the order it names with the provider.
pub async fn hint(
    db: &Db,
    settings: &Settings,
    providers: &Providers,
    provider: ProviderId,
    callback: Callback,
) -> Result<(), ServiceError> {
    let Some(p) = providers.get(provider).cloned() else {
        // Switched off here: taken (so the provider stops sending) and logged.
        tracing::warn!(provider = provider.code(), "callback for a provider that is off");
        return Ok(());
    };
    match orders::by_reference(db, provider, &callback.reference).await? {
        Some(order) if order.state.is_open() => settle(db, settings, p.as_ref(), order, callback.claim).await,
        // Ended without money, and now said to be paid: if the provider
        // confirms it, the money is kept for an operator.
        Some(order) if matches!(order.state, OrderState::Failed | OrderState::Expired) && callback.claim.is_some() => {
            if let Ok(Status::Paid(confirmed)) = p.status(&callback.reference).await {
                let paid = merged(confirmed, callback.claim);
                keep_late(db, settings, provider, &order, paid, &callback.reference).await?;
            }
            Ok(())
        }
        // Repeated or late: the order has ended and stays as it ended.
        Some(_) => Ok(()),
        None => {
            // A provider may call back before the statement after its answer
            // has written the reference: look again shortly before taking
            // the request for one that is no order of ours.
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            match orders::by_reference(db, provider, &callback.reference).await? {
                Some(order) if order.state.is_open() => settle(db, settings, p.as_ref(), order, callback.claim).await,
                Some(_) => Ok(()),
                None => unknown_reference(db, settings, p.as_ref(), callback).await,
            }
        }
    }
}

/// Money confirmed for an order that had ended without it (it expired, or
/// failed): kept for an operator, never lost, never credited on its own.
async fn keep_late(
    db: &Db,
    settings: &Settings,
    provider: ProviderId,
    order: &PaymentOrder,
    paid: Paid,
    reference: &str,
) -> Result<(), ServiceError> {
    let receipt = paid.receipt.clone().unwrap_or_else(|| reference.to_owned());
    let reason = format!("paid after order {} had ended ({})", order.order_no, order.state.label());
    let currency = paid.currency.clone().unwrap_or_else(|| settings.currency.code().to_owned());
    unmatched::keep(
        &db.pool,
        NewUnmatched {
            provider,
            receipt: &receipt,
            account: &order.order_no,
            payer: paid.payer.as_deref().or(order.payer.as_deref()).unwrap_or_default(),
            payer_name: "",
            amount: paid.amount.unwrap_or(order.amount),
            currency: &currency,
            reason: &reason,
            at: now(),
        },
    )
    .await?;
    Ok(())
}

/// A callback for a request we have no order of: if the provider confirms
/// money was taken, it is kept for an operator; otherwise it is ignored.
async fn unknown_reference(
    db: &Db,
    settings: &Settings,
    provider: &dyn Provider,
    callback: Callback,
) -> Result<(), ServiceError> {
    let Ok(Status::Paid(confirmed)) = provider.status(&callback.reference).await else { return Ok(()) };
    let paid = merged(confirmed, callback.claim);
    let (Some(receipt), Some(amount)) = (paid.receipt.as_deref(), paid.amount) else { return Ok(()) };
    let reason = format!("paid for a request with no order here ({})", callback.reference);
    let currency = paid.currency.clone().unwrap_or_else(|| settings.currency.code().to_owned());
    unmatched::keep(
        &db.pool,
        NewUnmatched {
            provider: provider.id(),
            receipt,
            account: &callback.reference,
            payer: paid.payer.as_deref().unwrap_or_default(),
            payer_name: "",
            amount,
            currency: &currency,
            reason: &reason,
            at: now(),
        },
    )
    .await?;
    Ok(())
}

/// The status query's word, with what the callback claimed where the query
/// is silent (M-Pesa's query confirms the request but names no receipt).
fn merged(confirmed: Paid, claim: Option<Paid>) -> Paid {
    let claim = claim.unwrap_or_default();
    Paid {
        receipt: confirmed.receipt.or(claim.receipt),
        amount: confirmed.amount.or(claim.amount),
        currency: confirmed.currency.or(claim.currency),
        payer: confirmed.payer.or(claim.payer),
    }
}

/// Whether two phone numbers are the same payer; masked numbers
/// (`2547*****678`) and missing ones say nothing.
fn same_payer(order: Option<&str>, paid: Option<&str>) -> bool {
    match (order, paid) {
        (Some(a), Some(b)) if !a.contains('*') && !b.contains('*') => a == b,
        _ => true,
    }
}

/// Asks the provider about an open order and ends it as the provider says.
async fn settle(
    db: &Db,
    settings: &Settings,
    provider: &dyn Provider,
    order: PaymentOrder,
    claim: Option<Paid>,
) -> Result<(), ServiceError> {
    let at = now();
    let Some(reference) = order.reference.clone() else {
        // Never reached the provider's books: nothing to ask about.
        if order.expires_at.is_some_and(|e| at >= e) {
            orders::close(&db.pool, order.id, OrderState::Expired, "the payment was never started", at).await?;
        }
        return Ok(());
    };
    let status = match provider.status(&reference).await {
        Ok(status) => status,
        Err(e) => {
            tracing::warn!(order = %order.order_no, provider = provider.id().code(), error = %e, "payment status query failed");
            orders::check_again(db, order.id, Timestamp(at.0 + RECHECK_SECONDS)).await?;
            return Ok(());
        }
    };
    match status {
        Status::Pending if order.expires_at.is_some_and(|e| at >= e) => {
            let reason = format!("{} did not confirm the payment in time; nothing was credited", provider.id().label());
            orders::close(&db.pool, order.id, OrderState::Expired, &reason, at).await?;
        }
        Status::Pending => orders::check_again(db, order.id, Timestamp(at.0 + RECHECK_SECONDS)).await?,
        Status::Declined(reason) => {
            orders::close(&db.pool, order.id, OrderState::Failed, &reason, at).await?;
        }
        Status::Paid(confirmed) => {
            credit(db, settings, provider.id(), order, merged(confirmed, claim), &reference).await?
        }
    }
    Ok(())
}

/// Credits a confirmed payment once, if it is the order's: the amount,
/// currency and payer must be the order's, and the receipt no other order's.
async fn credit(
    db: &Db,
    settings: &Settings,
    provider: ProviderId,
    order: PaymentOrder,
    paid: Paid,
    reference: &str,
) -> Result<(), ServiceError> {
    let at = now();
    let amount = paid.amount.unwrap_or(order.amount);
    let currency = paid.currency.clone().unwrap_or_else(|| settings.currency.code().to_owned());
    // The request's own id stands for the receipt where the provider names none.
    let receipt = paid.receipt.clone().unwrap_or_else(|| reference.to_owned());
    let mismatch = if amount != order.amount {
        Some(format!("{} was paid, not {}", settings.currency.show(amount), settings.currency.show(order.amount)))
    } else if !currency.eq_ignore_ascii_case(settings.currency.code()) {
        Some(format!("paid in {currency}, not {}", settings.currency))
    } else if !same_payer(order.payer.as_deref(), paid.payer.as_deref()) {
        Some("paid from another number than the one asked".to_owned())
    } else {
        None
    };
    if let Some(why) = mismatch {
        return hold(db, provider, &order, &paid, &receipt, amount, &currency, &why).await;
    }
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, order.household_id).await?;
    match orders::take_receipt(&mut tx, order.id, &receipt, paid.payer.as_deref()).await? {
        Claim::Taken => {}
        Claim::Ended => {
            tx.rollback().await?;
            // Another replica ended it meanwhile: if that was without the
            // money (it expired just now), the money is kept.
            let now_order = orders::get(db, order.id).await?;
            if matches!(now_order.state, OrderState::Failed | OrderState::Expired) {
                keep_late(db, settings, provider, &now_order, paid, reference).await?;
            }
            return Ok(());
        }
        Claim::ReceiptHeld => {
            tx.rollback().await?;
            let why = format!("receipt {receipt} was credited to another order");
            orders::close(&db.pool, order.id, OrderState::Failed, &why, at).await?;
            return Ok(());
        }
    }
    let device_amount = store::orders::device_amount(&mut tx, order.id).await?;
    let actor = format!("provider:{}", provider.code());
    deliver(
        &mut tx,
        settings,
        Delivery {
            id: order.id,
            household: order.household_id,
            meter: order.meter_id,
            amount: order.amount,
            device_amount,
            actor: &actor,
            at,
            cause: format!("top-up {} ({} receipt {receipt})", order.order_no, provider.label()),
        },
    )
    .await?;
    db.commit(tx).await?;
    Ok(())
}

/// A confirmed payment that is not the order's: the order fails, the money
/// is kept for an operator, and nothing is credited. One transaction, and
/// only if this caller ended the order: whoever credited it first wins.
#[allow(clippy::too_many_arguments)]
async fn hold(
    db: &Db,
    provider: ProviderId,
    order: &PaymentOrder,
    paid: &Paid,
    receipt: &str,
    amount: Money,
    currency: &str,
    why: &str,
) -> Result<(), ServiceError> {
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, order.household_id).await?;
    let result = format!("{why}: kept for the utility to check, nothing credited");
    if !orders::close(&mut *tx, order.id, OrderState::Failed, &result, now()).await? {
        return Ok(tx.rollback().await?);
    }
    unmatched::keep(
        &mut *tx,
        NewUnmatched {
            provider,
            receipt,
            account: &order.order_no,
            payer: paid.payer.as_deref().unwrap_or_default(),
            payer_name: "",
            amount,
            currency,
            reason: why,
            at: now(),
        },
    )
    .await?;
    db.commit(tx).await?;
    Ok(())
}

/// Asks the providers about every open order that is due (the callbacks that
/// never came, the providers that were down); expires what waited too long.
/// Safe on several replicas at once: an order ends once.
pub async fn recheck_due(
    db: &Db,
    settings: &Settings,
    providers: &Providers,
    limit: i64,
) -> Result<usize, ServiceError> {
    let at = now();
    let due = orders::due(db, at, limit).await?;
    let mut asked = 0;
    for order in due {
        // One replica asks about an order per round; the others skip it.
        if !orders::claim_check(db, order.id, at, Timestamp(at.0 + RECHECK_SECONDS)).await? {
            continue;
        }
        asked += 1;
        let (id, order_no) = (order.id, order.order_no.clone());
        let done = match order.provider.and_then(|p| providers.get(p)).cloned() {
            Some(provider) => settle(db, settings, provider.as_ref(), order, None).await,
            // Its provider was switched off: it cannot be confirmed here.
            None if order.expires_at.is_some_and(|e| at >= e) => {
                orders::close(&db.pool, id, OrderState::Expired, "the provider is no longer on", at).await.map(|_| ())
            }
            None => Ok(()),
        };
        // One order's trouble does not hold up the others.
        if let Err(e) = done {
            tracing::error!(order = %order_no, error = %e, "payment status query not settled");
        }
    }
    Ok(asked)
}

/// An operator's re-check of one order with its provider.
pub async fn recheck(
    db: &Db,
    settings: &Settings,
    providers: &Providers,
    caller: &Caller,
    order_no: &str,
) -> Result<PaymentOrder, ServiceError> {
    caller.admin()?;
    let order = super::topups::get_order(db, caller, order_no).await?;
    require_household(db, caller, order.household_id).await?;
    if let Some(provider) = order.provider.and_then(|id| providers.get(id)).cloned()
        && order.state.is_open()
    {
        let id = order.id;
        settle(db, settings, provider.as_ref(), order, None).await?;
        return orders::get(db, id).await;
    }
    Ok(order)
}
