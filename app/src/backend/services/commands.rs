//! The persistent command queue. A command is a row: queued until the radio
//! path sends it, then acknowledged, failed or expired. Nothing lives only in
//! memory, so a restart or a second replica loses nothing.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::store::commands::{self as store, NewCommand, Settled};
use crate::backend::store::orders;
use crate::model::command::{CommandFilter, CommandInfo, CommandKind, CommandRow, CommandState};
use crate::model::ids::{CommandId, MeterId};
use crate::model::meter::MeterRef;
use crate::model::network::Network;
use crate::model::order::OrderState;
use crate::model::paging::Page;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

/// Queues a command inside `tx`.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    kind: CommandKind,
    argument: &str,
    actor: &str,
    ttl_seconds: i64,
) -> Result<CommandId, ServiceError> {
    let at = now();
    store::create(tx, NewCommand { meter, kind, argument, actor, at, expires_at: Timestamp(at.0 + ttl_seconds) }).await
}

/// A command the caller may see (its meter must be theirs).
pub async fn get_command(db: &Db, caller: &Caller, id: CommandId) -> Result<CommandInfo, ServiceError> {
    let not_found = || ServiceError::not_found(format!("command {id} not found"));
    let command = store::get(db, id).await?.ok_or_else(not_found)?;
    require_meter(db, caller, &MeterRef::Id(command.meter_id)).await.map_err(|_| not_found())?;
    Ok(command)
}

/// The command queue of the caller's areas, newest first.
pub async fn list_commands(db: &Db, caller: &Caller, f: CommandFilter) -> Result<Page<CommandRow>, ServiceError> {
    let (rows, total) = store::list(db, caller.admin()?, &f).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}

/// Ends the commands past their time. One never sent expires, and the
/// top-up waiting on it fails (a provider's money goes to the balance). A
/// credit that was sent but never confirmed may be on the meter: it and its
/// top-up become unconfirmed, neither refunded nor sent again, until the
/// meter's late acknowledgement or an operator settles them (refunding it
/// now would credit twice if the meter, or a network server still holding
/// the downlink, delivered it). Returns how many ended.
pub async fn expire_due(db: &Db) -> Result<u64, ServiceError> {
    let at = now();
    let mut tx = db.begin().await?;
    let unconfirmed = "sent, but the meter did not confirm the credit in time; read the meter to settle it";
    let ended = store::expire(&mut tx, at, "the meter did not answer in time", unconfirmed).await?;
    if ended > 0 {
        store::release_valve_targets(&mut tx, Settled::ExpiredAt(at)).await?;
        super::topups::credit_stranded(&mut tx, orders::Stopped::Expired, at).await?;
        orders::stop_for_stopped_commands(&mut tx, "the credit never reached the meter in time", unconfirmed, at)
            .await?;
    }
    db.commit(tx).await?;
    Ok(ended)
}

/// An operator who read the meter settles a credit it never confirmed:
/// `took` when the meter shows it (its top-up succeeds, the credit being on
/// the meter), otherwise it failed (a provider's money goes to the balance,
/// once). Refused for any other command.
pub async fn settle_unconfirmed(db: &Db, caller: &Caller, id: CommandId, took: bool) -> Result<(), ServiceError> {
    caller.admin()?;
    let command = get_command(db, caller, id).await?;
    if command.state != CommandState::Unconfirmed {
        let why = format!("is {}, not a credit waiting to be confirmed", command.state.code());
        return Err(ServiceError::conflict("command", why));
    }
    let mut tx = db.begin().await?;
    let (result, order_result) = if took {
        (format!("{}: the meter shows the credit", caller.actor()), "credited to the meter")
    } else {
        (format!("{}: the meter does not show the credit", caller.actor()), "the meter did not take the credit")
    };
    if !settle(&mut tx, id, took, &result, order_result).await? {
        // The meter's acknowledgement (or another operator) came first.
        return Err(ServiceError::conflict("command", "was settled meanwhile; reload to see how"));
    }
    db.commit(tx).await?;
    Ok(())
}

/// An operator queues a command that needs no bookkeeping of its own (a report request).
pub async fn send(
    db: &Db,
    settings: &crate::backend::state::Settings,
    caller: &Caller,
    meter: &MeterRef,
    kind: CommandKind,
) -> Result<CommandId, ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, meter).await?;
    access.require_active()?;
    let mut tx = db.begin().await?;
    let id = enqueue(&mut tx, access.id, kind, "", &caller.actor(), settings.command_ttl_seconds).await?;
    db.commit(tx).await?;
    Ok(id)
}

/// The oldest queued command of a meter, for its next receive window.
pub async fn next_queued(db: &Db, meter: MeterId) -> Result<Option<CommandInfo>, ServiceError> {
    store::next_queued(db, meter, now()).await
}

/// The radio path handed the command to a gateway.
pub async fn mark_sent(db: &Db, id: CommandId) -> Result<(), ServiceError> {
    store::move_state(db, id, CommandState::Queued, CommandState::Sent, "sent to the meter", Some(now())).await?;
    Ok(())
}

/// The gateway could not transmit it: send again at the next uplink.
pub async fn requeue(db: &Db, id: CommandId, why: &str) -> Result<(), ServiceError> {
    let result = format!("gateway could not transmit ({why}); will retry");
    store::move_state(db, id, CommandState::Sent, CommandState::Queued, &result, None).await?;
    Ok(())
}

/// The 16-bit sequence number a command travels with.
pub fn sequence(id: CommandId) -> u16 {
    (id.0 & 0xffff) as u16
}

/// Settles the command a meter acknowledged (by sequence number): done or
/// refused. A top-up waiting on it completes (its credit now lives on the
/// meter, which is why no ledger entry is written) or fails.
pub async fn acknowledge(db: &Db, meter: MeterId, seq: u16, done: bool) -> Result<Option<CommandId>, ServiceError> {
    let mut tx = db.begin().await?;
    let settled = acknowledge_in(&mut tx, meter, seq, done).await?;
    db.commit(tx).await?;
    Ok(settled)
}

/// `acknowledge` inside a transaction (the radio path settles a batch of
/// frames in one).
pub async fn acknowledge_in(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    seq: u16,
    done: bool,
) -> Result<Option<CommandId>, ServiceError> {
    let Some(id) = store::answerable_of(tx, meter).await?.into_iter().find(|id| sequence(*id) == seq) else {
        return Ok(None);
    };
    finish(tx, id, done, if done { "executed by the meter" } else { "refused by the meter" }).await?;
    Ok(Some(id))
}

/// A report showing the valve in the state a sent valve command asked for
/// settles that command.
pub async fn acknowledge_valve_in(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    open: bool,
) -> Result<Option<CommandId>, ServiceError> {
    let kind = if open { CommandKind::OpenValve } else { CommandKind::CloseValve };
    let Some(id) = store::latest_sent(tx, meter, kind).await? else { return Ok(None) };
    finish(tx, id, true, "the meter reports the valve in the commanded state").await?;
    Ok(Some(id))
}

/// The meters among `meters` with a command still queued or sent: only their
/// reports can settle one, only they have something to send.
pub async fn with_open_commands(
    tx: &mut Transaction<'static, Any>,
    meters: &[i64],
) -> Result<std::collections::HashSet<i64>, ServiceError> {
    store::meters_with_open(tx, meters).await
}

/// A queued command the radio path cannot put in a frame (a credit the codec
/// cannot carry) fails now, with the reason, instead of holding its meter's
/// queue until it expires.
pub async fn fail_unsendable(db: &Db, id: CommandId, why: &str) -> Result<(), ServiceError> {
    let mut tx = db.begin().await?;
    let result = format!("cannot be sent to the meter: {why}");
    settle(&mut tx, id, false, &result, "the credit could not be sent to the meter").await?;
    db.commit(tx).await?;
    Ok(())
}

async fn finish(
    tx: &mut Transaction<'static, Any>,
    id: CommandId,
    done: bool,
    result: &str,
) -> Result<(), ServiceError> {
    let order_result = if done { "credited to the meter" } else { "the meter refused the credit" };
    settle(tx, id, done, result, order_result).await.map(|_| ())
}

/// Ends a queued or sent command, and the top-up waiting on it with
/// `order_result`. A valve command that will not be carried out leaves the
/// valve as last reported: its target and an automatic hold are forgotten
/// (unless a newer valve command is on its way) so the balance rule can
/// command the valve again.
async fn settle(
    tx: &mut Transaction<'static, Any>,
    id: CommandId,
    done: bool,
    result: &str,
    order_result: &str,
) -> Result<bool, ServiceError> {
    let at = now();
    let state = if done { CommandState::Acknowledged } else { CommandState::Failed };
    let settled = store::finish(tx, id, state, result, at).await?;
    if settled {
        if !done {
            super::topups::credit_stranded(tx, orders::Stopped::Command(id), at).await?;
        }
        let order = if done { OrderState::Succeeded } else { OrderState::Failed };
        orders::finish_for_command(tx, id, order, order_result, at).await?;
        if !done {
            store::release_valve_targets(tx, Settled::Command(id)).await?;
        }
    }
    Ok(settled)
}

// Through a network server (ChirpStack, ...): the command is handed to the
// server's queue under an id of ours, which its later events name.

/// The queued commands of the meters `network` serves, oldest first.
pub async fn due_through(db: &Db, network: Network, limit: i64) -> Result<Vec<store::Routed>, ServiceError> {
    store::routed_due(db, network, now(), limit).await
}

/// Takes a queued command to hand to `network` under `network_ref` (sent
/// from here on); false when another replica took it first.
pub async fn hand_over(db: &Db, id: CommandId, network: Network, network_ref: &str) -> Result<bool, ServiceError> {
    let result = format!("handed to {}", network.label());
    store::hand_over(db, id, network_ref, &result, now()).await
}

/// The network server could not be given the command: queued again.
pub async fn take_back(db: &Db, id: CommandId, network: Network, why: &str) -> Result<(), ServiceError> {
    try_again(db, id, &format!("{} could not take it ({why})", network.label())).await
}

/// How often a network may be handed a command it could not send, and the
/// pause before the first retry (doubled each time): a refusal that lasts
/// (a payload too long for the device's data rate) fails the command in
/// about a minute instead of offering it every second until it expires.
const TRIES: i64 = 5;
const FIRST_PAUSE_SECONDS: i64 = 5;

/// A command the network surely did not send (`why`): handed over again
/// after a pause, or failed once it was tried `TRIES` times (nothing reached
/// the meter, so a top-up's money goes to the balance).
async fn try_again(db: &Db, id: CommandId, why: &str) -> Result<(), ServiceError> {
    let tries = store::tries(db, id).await?;
    // A credit whose time ran out while the network held it is unconfirmed;
    // the network's word that it never sent it settles it (as failed).
    let unconfirmed = store::get(db, id).await?.is_some_and(|c| c.state == CommandState::Unconfirmed);
    if tries >= TRIES || unconfirmed {
        let mut tx = db.begin().await?;
        let result = if unconfirmed {
            format!("{why}, after its time ran out")
        } else {
            format!("{why}; given up after {tries} tries")
        };
        settle(&mut tx, id, false, &result, "the credit could not be sent to the meter").await?;
        db.commit(tx).await?;
        return Ok(());
    }
    let pause = FIRST_PAUSE_SECONDS << (tries.clamp(1, TRIES) - 1);
    store::queue_again(db, id, &format!("{why}; will retry in {pause} s"), Timestamp(now().0 + pause)).await?;
    Ok(())
}

/// A gateway of `network` transmitted the command that travels under
/// `network_ref`; the meter's report will settle it.
pub async fn transmitted(
    db: &Db,
    network: Network,
    network_ref: &str,
    gateway: Option<&str>,
) -> Result<Option<CommandId>, ServiceError> {
    let Some(command) = store::by_network_ref(db, network_ref).await? else { return Ok(None) };
    let result = match gateway {
        Some(gw) => format!("transmitted by {} gateway {gw}", network.label()),
        None => format!("transmitted by {}", network.label()),
    };
    store::note(db, command.id, CommandState::Sent, &result).await?;
    Ok(Some(command.id))
}

/// The device acknowledged (or, `received` false, did not acknowledge) the
/// confirmed downlink that carried the command. Not received: queued again,
/// to go out in a later downlink; but a credit stays sent (its
/// acknowledgement may be what was lost, and sending it again could credit
/// the meter twice): the meter's report settles it, or its expiry leaves it
/// unconfirmed.
pub async fn delivered(
    db: &Db,
    network: Network,
    network_ref: &str,
    received: bool,
) -> Result<Option<CommandId>, ServiceError> {
    let Some(command) = store::by_network_ref(db, network_ref).await? else { return Ok(None) };
    let label = network.label();
    if received {
        store::note(db, command.id, CommandState::Sent, &format!("received by the meter through {label}")).await?;
    } else if command.kind == CommandKind::AddCredit {
        let result = format!("no acknowledgement through {label}; waiting for the meter's report");
        store::note(db, command.id, CommandState::Sent, &result).await?;
    } else {
        try_again(db, command.id, &format!("not acknowledged by the meter through {label}")).await?;
    }
    Ok(Some(command.id))
}

/// `network` could not send the downlink that carried the command (`why`,
/// in its words): queued again, to go out in a later downlink.
pub async fn not_sent(
    db: &Db,
    network: Network,
    network_ref: &str,
    why: &str,
) -> Result<Option<CommandId>, ServiceError> {
    let Some(command) = store::by_network_ref(db, network_ref).await? else { return Ok(None) };
    try_again(db, command.id, &format!("{} could not send it ({why})", network.label())).await?;
    Ok(Some(command.id))
}

/// The commands handed to `network` for its device `device` that no word
/// has settled yet, with the ids they travel under: what an answer that
/// was lost carried, to give again.
pub async fn handed_to(
    db: &Db,
    network: Network,
    device: &str,
    limit: i64,
) -> Result<Vec<(CommandInfo, String)>, ServiceError> {
    store::handed_to(db, network, device, limit).await
}
