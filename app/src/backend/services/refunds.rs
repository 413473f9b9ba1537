//! Refunds: money paid into a household's balance goes back out, once, as a
//! `refund` ledger entry naming the order. The top-up itself is never edited.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::services::{required_text, topups, valve_switching::apply_balance_rule};
use crate::backend::state::Settings;
use crate::backend::store::ledger::{self, Entry, EntryKind};
use crate::backend::store::{households, orders};
use crate::model::fixed::Money;
use crate::model::order::{OrderState, PaymentOrder};

/// Refunds a succeeded payment that credited the balance. Only what is still
/// in the balance can go back: a refund never pushes a household into debt.
pub async fn refund(
    db: &Db,
    settings: &Settings,
    caller: &Caller,
    order_no: &str,
    reason: &str,
) -> Result<PaymentOrder, ServiceError> {
    caller.admin()?;
    let reason = required_text("reason", reason, 200)?;
    let order = topups::get_order(db, caller, order_no).await?;
    if order.state != OrderState::Succeeded {
        return Err(ServiceError::invalid("orderId", "only a succeeded payment can be refunded"));
    }
    let at = now();
    let mut tx = db.begin().await?;
    households::lock(&mut tx, order.household_id).await?;
    // Conditional: two refunds of one order, however concurrent, post one entry.
    if !orders::mark_refunded(&mut tx, order.id, at).await? {
        return Err(ServiceError::invalid(
            "orderId",
            "is already refunded, or its credit went to the meter itself (refund it there)",
        ));
    }
    let balance = households::balance(&mut tx, order.household_id).await?;
    if balance < order.amount {
        return Err(ServiceError::invalid(
            "orderId",
            format!("the balance holds only {balance}: less than the {} paid", order.amount),
        ));
    }
    let amount = Money::from_minor(0)
        .checked_sub(order.amount)
        .ok_or_else(|| ServiceError::Internal("refund overflow".into()))?;
    let cause = format!("refund of {}: {reason}", order.order_no);
    let actor = caller.actor();
    ledger::post(
        &mut tx,
        Entry {
            household: order.household_id,
            meter: order.meter_id,
            kind: EntryKind::Refund,
            amount,
            cause: &cause,
            actor: &actor,
            at,
        },
    )
    .await?;
    // Less money may cross the overdraft line: the valve rule decides.
    apply_balance_rule(&mut tx, order.household_id, settings).await?;
    db.commit(tx).await?;
    topups::get_order(db, caller, &order.order_no).await
}
