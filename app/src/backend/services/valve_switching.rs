//! Valve switching: by an operator, and by the balance rule.
//!
//! The rule: a prepaid meter whose household balance is below the meter's
//! `overdraftMoney` gets a close command, held 'auto'; when a top-up lifts the
//! balance back to the threshold or above, meters held 'auto' get an open
//! command. A valve an operator closed ('manual') is never reopened by money.
//!
//! Friendly credit (`Settings::friendly`, and the holidays operators list):
//! a close that falls in its hours, days or holidays, on the meter's area's
//! clock, waits; the meter is marked and `close_waiting` closes it at the
//! next time outside them, unless a top-up came first. The ledger is the
//! same either way.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::state::Settings;
use crate::backend::store;
use crate::model::ValveState;
use crate::model::command::{CommandKind, ValveOrder};
use crate::model::ids::{CommandId, HouseholdId, MeterId};
use crate::model::meter::MeterRef;
use crate::model::time::Timestamp;
use crate::model::valve::ValveHold;
use crate::model::zone::Zone;
use sqlx::{Any, Transaction};

use super::commands::enqueue;

/// Queues a valve command and its record inside `tx`.
pub(crate) async fn switch(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    open: bool,
    hold: Option<ValveHold>,
    cause: &str,
    actor: &str,
    settings: &Settings,
) -> Result<CommandId, ServiceError> {
    let kind = if open { CommandKind::OpenValve } else { CommandKind::CloseValve };
    let command = enqueue(tx, meter, kind, "", actor, settings.command_ttl_seconds).await?;
    store::meters::set_valve_target(tx, meter, open, hold).await?;
    store::valve_records::create(tx, meter, open, cause, actor, command, now()).await?;
    Ok(command)
}

/// Applies the balance rule to every active prepaid meter of a household,
/// inside the transaction that changed its balance. Returns the commands queued.
pub(crate) async fn apply_balance_rule(
    tx: &mut Transaction<'static, Any>,
    household: HouseholdId,
    settings: &Settings,
) -> Result<Vec<CommandId>, ServiceError> {
    let queued = apply_balance_rule_many(tx, &[household], settings).await?;
    Ok(queued.into_iter().map(|(_, c)| c).collect())
}

/// The balance rule for many households at once (one query to find the
/// meters it concerns). Returns each command queued with its household.
pub(crate) async fn apply_balance_rule_many(
    tx: &mut Transaction<'static, Any>,
    households: &[HouseholdId],
    settings: &Settings,
) -> Result<Vec<(HouseholdId, CommandId)>, ServiceError> {
    balance_rule_at(tx, households, settings, now()).await
}

/// Whether friendly credit lets a valve close now in the area at `path`:
/// outside its hours and days on the area's clock, and not on a listed holiday.
async fn may_close(
    tx: &mut Transaction<'static, Any>,
    settings: &Settings,
    zones: &mut Option<crate::model::zone::Zones>,
    path: &str,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    if zones.is_none() {
        *zones = Some(store::zones::read(&mut **tx).await?);
    }
    let local = zones.as_ref().map_or_else(Zone::default, |z| z.of_path(path)).local(at);
    let holiday = store::friendly_days::contains(tx, local.date()).await?;
    Ok(settings.friendly.allows_close(local, holiday))
}

/// The balance rule as of `at`.
async fn balance_rule_at(
    tx: &mut Transaction<'static, Any>,
    households: &[HouseholdId],
    settings: &Settings,
    at: Timestamp,
) -> Result<Vec<(HouseholdId, CommandId)>, ServiceError> {
    let mut queued = Vec::new();
    // Read once, when a close is first weighed.
    let mut zones = None;
    for m in store::meters::valve_facts(tx, households).await? {
        // What the valve is, or is about to be: the last command wins over the last report.
        let closed = m.target.or(m.reported) == Some(ValveState::Closed);
        if m.balance < m.overdraft && !closed {
            if !may_close(tx, settings, &mut zones, &m.area_path, at).await? {
                // Friendly credit: the close waits (see `close_waiting`).
                store::meters::set_close_deferred(tx, m.meter, Some(at)).await?;
                continue;
            }
            let cause = if m.close_deferred {
                "balance below overdraft (waited for friendly credit)"
            } else {
                "balance below overdraft"
            };
            let command = switch(tx, m.meter, false, Some(ValveHold::Auto), cause, "system", settings).await?;
            queued.push((m.household, command));
        } else if m.balance >= m.overdraft && m.close_deferred {
            // Topped up before the close came.
            store::meters::set_close_deferred(tx, m.meter, None).await?;
        } else if m.balance >= m.overdraft && closed && m.hold == Some(ValveHold::Auto) {
            let cause = "balance restored by top-up";
            let command = switch(tx, m.meter, true, None, cause, "system", settings).await?;
            queued.push((m.household, command));
        }
    }
    Ok(queued)
}

/// Closes the valves whose close waited for friendly credit, where it no
/// longer does (run by a job every minute); returns how many closed. A
/// household topped up meanwhile is only unmarked.
pub async fn close_waiting(db: &Db, settings: &Settings, at: Timestamp) -> Result<usize, ServiceError> {
    let households = store::meters::with_deferred_closes(db).await?;
    if households.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    let queued = balance_rule_at(&mut tx, &households, settings, at).await?;
    db.commit(tx).await?;
    Ok(queued.len())
}

/// An operator opens or closes a valve (`setValveState`). The same order
/// given again while the first is on its way is that one, not a second
/// command (a double click, a client that sends twice).
pub async fn set_valve(
    db: &Db,
    settings: &Settings,
    caller: &Caller,
    meter: &MeterRef,
    open: bool,
) -> Result<ValveOrder, ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, meter).await?;
    access.require_active()?;
    let kind = if open { CommandKind::OpenValve } else { CommandKind::CloseValve };
    let mut tx = db.begin().await?;
    // Two identical orders at once: the second waits here and finds the first.
    store::meters::lock_row(&mut tx, access.id).await?;
    if let Some((command, pending)) = store::commands::valve_on_its_way(&mut tx, access.id, now()).await?
        && pending == kind
    {
        // A close the balance rule queued becomes the operator's: money
        // must not reopen it.
        if !open && store::meters::valve_hold(&mut tx, access.id).await? != Some(ValveHold::Manual) {
            store::meters::set_valve_target(&mut tx, access.id, false, Some(ValveHold::Manual)).await?;
            store::valve_records::create(
                &mut tx,
                access.id,
                false,
                "closed by operator",
                &caller.actor(),
                command,
                now(),
            )
            .await?;
            db.commit(tx).await?;
        }
        return Ok(ValveOrder { command, already: true });
    }
    let hold = if open { None } else { Some(ValveHold::Manual) };
    let cause = if open { "opened by operator" } else { "closed by operator" };
    let command = switch(&mut tx, access.id, open, hold, cause, &caller.actor(), settings).await?;
    db.commit(tx).await?;
    Ok(ValveOrder { command, already: false })
}
