//! What operators do with money that matched nothing: assign it to a
//! household (one ledger entry naming the payment and the household) or
//! mark it for refund. Operators of a top-level area only: such money
//! belongs to no area until it is assigned.

use crate::backend::auth::{AdminCaller, Caller};
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::state::Settings;
use crate::backend::store;
use crate::backend::store::ledger::{self, Entry, EntryKind};
use crate::backend::store::unmatched;
use crate::model::ids::HouseholdId;
use crate::model::payment::{Unmatched, UnmatchedState};

use super::valve_switching::apply_balance_rule;

fn top_level(caller: &Caller) -> Result<&AdminCaller, ServiceError> {
    let admin = caller.admin()?;
    if admin.manages_a_top_level_area() {
        Ok(admin)
    } else {
        Err(ServiceError::Forbidden("unmatched payments are for operators of a top-level area".into()))
    }
}

pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<Unmatched>, ServiceError> {
    top_level(caller)?;
    unmatched::list(db, 200).await
}

/// How many wait (for the dashboard); zero for operators who cannot act on them.
pub async fn waiting(db: &Db, caller: &Caller) -> Result<i64, ServiceError> {
    match top_level(caller) {
        Ok(_) => unmatched::waiting(db).await,
        Err(_) => Ok(0),
    }
}

async fn waiting_one(db: &Db, id: i64) -> Result<Unmatched, ServiceError> {
    let payment = unmatched::get(db, id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unmatched payment {id} not found")))?;
    if payment.state != UnmatchedState::Waiting {
        return Err(ServiceError::conflict("id", "this payment has been dealt with already"));
    }
    Ok(payment)
}

/// Credits a kept payment to a household, once.
pub async fn assign(
    db: &Db,
    settings: &Settings,
    caller: &Caller,
    id: i64,
    household: HouseholdId,
) -> Result<Unmatched, ServiceError> {
    let admin = top_level(caller)?;
    let payment = waiting_one(db, id).await?;
    if !payment.currency.eq_ignore_ascii_case(settings.currency.code()) {
        return Err(ServiceError::invalid(
            "id",
            format!("this payment is in {}, not {}: refund it instead", payment.currency, settings.currency),
        ));
    }
    let target = store::households::get(db, household).await?;
    crate::backend::scope::require_household(db, caller, household).await?;
    let actor = caller.actor();
    let at = now();
    let mut tx = db.begin().await?;
    store::households::lock(&mut tx, household).await?;
    let note = format!("assigned to household {} by {}", target.serialnumber, admin.username);
    if !unmatched::resolve(&mut tx, id, UnmatchedState::Assigned, Some(household), &actor, &note, at).await? {
        tx.rollback().await?;
        return Err(ServiceError::conflict("id", "this payment has been dealt with already"));
    }
    let cause = format!(
        "unmatched {} payment {} (account {:?}) {note}",
        payment.provider.label(),
        payment.receipt,
        payment.account
    );
    ledger::post(
        &mut tx,
        Entry {
            household,
            meter: None,
            kind: EntryKind::TopUp,
            amount: payment.amount,
            cause: &cause,
            actor: &actor,
            at,
        },
    )
    .await?;
    apply_balance_rule(&mut tx, household, settings).await?;
    db.commit(tx).await?;
    unmatched::get(db, id).await?.ok_or_else(|| ServiceError::Internal("assigned payment vanished".into()))
}

/// Marks a kept payment to be given back to its payer.
pub async fn mark_refund(db: &Db, caller: &Caller, id: i64, note: &str) -> Result<Unmatched, ServiceError> {
    top_level(caller)?;
    waiting_one(db, id).await?;
    let note = note.trim();
    if note.is_empty() || note.len() > 200 {
        return Err(ServiceError::invalid("note", "say why and how it goes back (at most 200 characters)"));
    }
    let mut tx = db.begin().await?;
    if !unmatched::resolve(&mut tx, id, UnmatchedState::Refund, None, &caller.actor(), note, now()).await? {
        tx.rollback().await?;
        return Err(ServiceError::conflict("id", "this payment has been dealt with already"));
    }
    db.commit(tx).await?;
    unmatched::get(db, id).await?.ok_or_else(|| ServiceError::Internal("marked payment vanished".into()))
}
