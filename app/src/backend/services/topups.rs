//! Top-ups: a payment order per top-up, credited once whatever the retries.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{require_household, require_meter};
use crate::backend::state::Settings;
use crate::backend::store;
use crate::backend::store::ledger::{self, Entry, EntryKind};
use crate::backend::store::orders::{self, Earlier, NewOrder};
use crate::model::command::CommandKind;
use crate::model::fixed::{Money, Register};
use crate::model::ids::MeterId;
use crate::model::meter::{MeterRef, MeterStatus};
use crate::model::order::{PaymentOrder, TopUp};
use crate::model::paging::{Page, PageRequest};
use crate::model::tariff;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

use super::commands::enqueue;
use super::valve_switching::apply_balance_rule;

/// The largest single top-up accepted (a typo guard).
pub const MAX_TOP_UP: Money = Money::from_minor(100_000_000);
/// A keyless top-up equal to one made by the same caller for the same meter
/// this recently is taken as a client re-sending after a timeout.
pub const RESEND_WINDOW_SECONDS: i64 = 120;

async fn order_by_id(db: &Db, id: i64) -> Result<PaymentOrder, ServiceError> {
    orders::get(db, id).await
}

/// The top-up's idempotency key, trimmed (`None` when empty).
pub(super) fn idempotency_key(req: &TopUp) -> Result<Option<String>, ServiceError> {
    match req.idempotency_key.as_deref().map(str::trim) {
        Some("") => Ok(None),
        Some(k) if k.len() > 100 => Err(ServiceError::invalid("idempotencyKey", "is longer than 100 characters")),
        other => Ok(other.map(str::to_owned)),
    }
}

/// What a meter that holds its own credit is sent (in the codec's units),
/// or `None` when the household's balance is credited instead; refuses a
/// removed meter and an amount the meter cannot take.
pub(super) async fn device_units(db: &Db, meter: MeterId, req: &TopUp) -> Result<Option<i64>, ServiceError> {
    let (status, holds_credit, price) = store::meters::credit_terms(db, meter).await?;
    if status != MeterStatus::Active {
        return Err(ServiceError::invalid("devEui", "the meter is removed"));
    }
    if !holds_credit {
        return Ok(None);
    }
    let units = match req.device_amount {
        Some(d) if d > 0 && d % tariff::DEVICE_STEP != 0 => {
            return Err(ServiceError::invalid("topUpToDeviceAmount", "the meter counts in steps of 0.001"));
        }
        Some(d) if d > 0 => Register::from_minor(d),
        Some(_) => return Err(ServiceError::invalid("topUpToDeviceAmount", "must be more than zero")),
        // Converted at the meter's price, rounded down to what the meter can count.
        None => tariff::credit_register(req.amount, price)
            .ok_or_else(|| ServiceError::invalid("topUpToDeviceAmount", "is required: the meter's price is zero"))?,
    };
    if units.minor() == 0 || tariff::to_device(units).is_none() {
        return Err(ServiceError::invalid("topUpToDeviceAmount", "is more or less than the meter can take"));
    }
    Ok(Some(units.minor()))
}

/// Credits a meter's household, or sends the credit to a meter that holds its own.
pub async fn top_up(db: &Db, settings: &Settings, caller: &Caller, req: TopUp) -> Result<PaymentOrder, ServiceError> {
    if !req.amount.is_positive() {
        return Err(ServiceError::invalid("topUpAmount", "must be more than zero"));
    }
    if req.amount > MAX_TOP_UP {
        return Err(ServiceError::invalid("topUpAmount", format!("must not exceed {MAX_TOP_UP}")));
    }
    let key = idempotency_key(&req)?;
    let access = require_meter(db, caller, &req.meter).await?;
    let device_amount = device_units(db, access.id, &req).await?;
    let actor = caller.actor();
    let at = now();
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, access.household_id).await?;
    // A retry (same key), or a keyless re-send just after the first, gets the first order.
    let which = match &key {
        Some(k) => Earlier::Keyed(k),
        None => Earlier::Resent {
            meter: access.id,
            amount: req.amount,
            actor: &actor,
            since: Timestamp(at.0 - RESEND_WINDOW_SECONDS),
        },
    };
    if let Some((id, amount, meter)) = orders::earlier(&mut tx, access.household_id, which).await? {
        tx.rollback().await?;
        if amount != req.amount {
            return Err(ServiceError::conflict("idempotencyKey", "was used for a top-up of another amount"));
        }
        if meter != Some(access.id) {
            return Err(ServiceError::conflict("idempotencyKey", "was used for a top-up of another meter"));
        }
        return order_by_id(db, id).await;
    }
    let placeholder = format!("pending-{}", crate::backend::auth::random_token());
    let created = orders::create(
        &mut tx,
        NewOrder {
            placeholder_no: &placeholder,
            household: access.household_id,
            meter: Some(access.id),
            amount: req.amount,
            device_amount,
            channel: req.channel,
            key: key.as_deref(),
            actor: &actor,
            at,
            provider: None,
        },
    )
    .await?;
    let Some(id) = created else {
        // A concurrent request with the same key won the race: return its order.
        drop(tx);
        let key = key.as_deref().unwrap_or_default();
        return order_by_id(db, orders::id_by_key(db, access.household_id, key).await?).await;
    };
    let order_no = number(&mut tx, id, at).await?;
    let order = Delivery {
        id,
        household: access.household_id,
        meter: Some(access.id),
        amount: req.amount,
        device_amount,
        actor: &actor,
        at,
        cause: format!("top-up {order_no}"),
    };
    deliver(&mut tx, settings, order).await?;
    db.commit(tx).await?;
    order_by_id(db, id).await
}

/// Gives a new order its number (`ML` + creation day + id).
pub(super) async fn number(tx: &mut Transaction<'static, Any>, id: i64, at: Timestamp) -> Result<String, ServiceError> {
    let order_no = format!(
        "ML{}{id:08}",
        chrono::DateTime::from_timestamp(at.0, 0).map(|d| d.format("%Y%m%d").to_string()).unwrap_or_default()
    );
    orders::set_number(tx, id, &order_no).await?;
    Ok(order_no)
}

/// An order whose money is in: where it goes.
#[derive(Debug, Clone)]
pub(super) struct Delivery<'a> {
    pub id: i64,
    pub household: crate::model::ids::HouseholdId,
    pub meter: Option<MeterId>,
    pub amount: Money,
    pub device_amount: Option<i64>,
    pub actor: &'a str,
    pub at: Timestamp,
    /// What the ledger entry says (the order, and the provider's receipt).
    pub cause: String,
}

/// Credits the household's balance (one ledger entry) and ends the order,
/// or sends the credit to a meter that holds its own.
pub(super) async fn deliver(
    tx: &mut Transaction<'static, Any>,
    settings: &Settings,
    d: Delivery<'_>,
) -> Result<(), ServiceError> {
    match (d.device_amount, d.meter) {
        (Some(units), Some(meter)) => {
            let command =
                enqueue(tx, meter, CommandKind::AddCredit, &units.to_string(), d.actor, settings.command_ttl_seconds)
                    .await?;
            orders::sent_with(tx, d.id, command).await?;
        }
        _ => {
            ledger::post(
                tx,
                Entry {
                    household: d.household,
                    meter: d.meter,
                    kind: EntryKind::TopUp,
                    amount: d.amount,
                    cause: &d.cause,
                    actor: d.actor,
                    at: d.at,
                },
            )
            .await?;
            orders::credited(tx, d.id, d.at).await?;
            apply_balance_rule(tx, d.household, settings).await?;
        }
    }
    Ok(())
}

/// Money a provider took whose credit its meter will not take (the command
/// failed, expired or its device was replaced): it goes to the household's
/// balance, one ledger entry saying so, and the order succeeds. Called
/// before such orders would fail, in the same transaction.
pub(crate) async fn credit_stranded(
    tx: &mut Transaction<'static, Any>,
    which: orders::Stopped,
    at: Timestamp,
) -> Result<(), ServiceError> {
    for (id, order_no, household, meter, amount, provider, receipt) in orders::stranded(tx, which).await? {
        let via = match (provider, receipt) {
            (Some(p), Some(r)) => format!(" ({} receipt {r})", p.label()),
            _ => String::new(),
        };
        // The order's state moves first, guarded: the ledger entry is written
        // only by whoever moved it.
        if !orders::credited_instead(tx, id, at).await? {
            continue;
        }
        let cause = format!("top-up {order_no}{via}: the meter did not take the credit, so it is in the balance");
        ledger::post(
            tx,
            Entry { household, meter, kind: EntryKind::TopUp, amount, cause: &cause, actor: "system:payments", at },
        )
        .await?;
    }
    Ok(())
}

/// One order by its number, if the caller may see it.
pub async fn get_order(db: &Db, caller: &Caller, order_no: &str) -> Result<PaymentOrder, ServiceError> {
    let not_found = || ServiceError::not_found(format!("order {order_no} not found"));
    let order = orders::by_number(db, order_no.trim()).await?.ok_or_else(not_found)?;
    require_household(db, caller, order.household_id).await.map_err(|_| not_found())?;
    Ok(order)
}

/// A meter's orders in a time range, newest first.
pub async fn list_orders(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
    start: Timestamp,
    end: Timestamp,
    page: PageRequest,
) -> Result<Page<PaymentOrder>, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let (rows, total) = orders::of_meter(db, access.id, start, end, page).await?;
    Ok(Page { rows, number: page.number(), size: page.size(), total_rows: total })
}
