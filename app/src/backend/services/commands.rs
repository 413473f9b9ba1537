//! The persistent command queue. A command is a row: queued until the radio
//! path sends it, then acknowledged, failed or expired. Nothing lives only in
//! memory, so a restart or a second replica loses nothing.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::{push_managed, require_meter};
use crate::backend::sql::Sql;
use crate::model::command::{CommandFilter, CommandInfo, CommandKind, CommandRow, CommandState};
use crate::model::ids::{CommandId, MeterId};
use crate::model::meter::MeterRef;
use crate::model::order::OrderState;
use crate::model::paging::Page;
use crate::model::time::Timestamp;
use crate::model::valve::ValveHold;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

const SELECT: &str =
    "SELECT id, meter_id, kind, argument, state, result, actor, created_at, sent_at, finished_at, expires_at
    FROM commands";

fn command_from(row: &AnyRow) -> Result<CommandInfo, ServiceError> {
    let kind = rows::text(row, "kind")?;
    let state = rows::text(row, "state")?;
    Ok(CommandInfo {
        id: CommandId(rows::int(row, "id")?),
        meter_id: MeterId(rows::int(row, "meter_id")?),
        kind: CommandKind::parse(&kind)
            .ok_or_else(|| ServiceError::Internal(format!("stored command kind {kind:?}")))?,
        argument: rows::text(row, "argument")?,
        state: CommandState::parse(&state)
            .ok_or_else(|| ServiceError::Internal(format!("stored command state {state:?}")))?,
        result: rows::text(row, "result")?,
        actor: rows::text(row, "actor")?,
        created_at: rows::time(row, "created_at")?,
        sent_at: rows::opt_time(row, "sent_at")?,
        finished_at: rows::opt_time(row, "finished_at")?,
        expires_at: rows::time(row, "expires_at")?,
    })
}

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
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commands (meter_id, kind, argument, state, actor, created_at, expires_at)
         VALUES ($1, $2, $3, $7, $4, $5, $6) RETURNING id",
    )
    .bind(meter.0)
    .bind(kind.code())
    .bind(argument.to_owned())
    .bind(actor.to_owned())
    .bind(at.0)
    .bind(at.0 + ttl_seconds)
    .bind(CommandState::Queued.code())
    .fetch_one(&mut **tx)
    .await?;
    Ok(CommandId(id))
}

/// A command the caller may see (its meter must be theirs).
pub async fn get_command(db: &Db, caller: &Caller, id: CommandId) -> Result<CommandInfo, ServiceError> {
    let not_found = || ServiceError::not_found(format!("command {id} not found"));
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(not_found)?;
    let command = command_from(&row)?;
    require_meter(db, caller, &MeterRef::Id(command.meter_id)).await.map_err(|_| not_found())?;
    Ok(command)
}

/// The command queue of the caller's areas, newest first.
pub async fn list_commands(db: &Db, caller: &Caller, f: CommandFilter) -> Result<Page<CommandRow>, ServiceError> {
    let admin = caller.admin()?;
    let filter = |q: &mut Sql| {
        q.push(" WHERE 1 = 1");
        push_managed(q, admin, "m.area_id");
        if let Some(meter) = f.meter_id {
            q.push(" AND c.meter_id = ").bind(meter.0);
        }
        if let Some(state) = f.state {
            q.push(" AND c.state = ").bind(state.code());
        }
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM commands c JOIN meters m ON m.id = c.meter_id");
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(
        "SELECT c.id, c.meter_id, c.kind, c.argument, c.state, c.result, c.actor, c.created_at, c.sent_at,
         c.finished_at, c.expires_at, m.serialnumber, m.customer_name
         FROM commands c JOIN meters m ON m.id = c.meter_id",
    );
    filter(&mut q);
    q.push(" ORDER BY c.id DESC LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    let rows = found
        .iter()
        .map(|row| {
            Ok(CommandRow {
                command: command_from(row)?,
                meter_address: rows::text(row, "serialnumber")?,
                customer_name: rows::text(row, "customer_name")?,
            })
        })
        .collect::<Result<_, ServiceError>>()?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}

/// Marks commands past their time as expired and fails the top-up orders
/// waiting on them. Returns how many expired.
pub async fn expire_due(db: &Db) -> Result<u64, ServiceError> {
    let at = now();
    let mut tx = db.begin().await?;
    let expired = sqlx::query(
        "UPDATE commands SET state = $2, finished_at = $1, result = 'the meter did not answer in time'
         WHERE state IN ($3, $4) AND expires_at <= $1",
    )
    .bind(at.0)
    .bind(CommandState::Expired.code())
    .bind(CommandState::Queued.code())
    .bind(CommandState::Sent.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if expired > 0 {
        release_valve_targets(&mut tx, Settled::ExpiredAt(at)).await?;
        sqlx::query(
            "UPDATE payment_orders SET state = $2, finished_at = $1, result = 'the meter did not confirm the credit in time'
             WHERE state = $3 AND command_id IN (SELECT id FROM commands WHERE state = $4)",
        )
        .bind(at.0)
        .bind(OrderState::Failed.code())
        .bind(OrderState::InRecharge.code())
        .bind(CommandState::Expired.code())
        .execute(&mut *tx)
        .await?;
    }
    db.commit(tx).await?;
    Ok(expired)
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

/// Valve commands that will not be carried out.
#[derive(Debug, Clone, Copy)]
enum Settled {
    /// Those `expire_due` expired at this time.
    ExpiredAt(Timestamp),
    /// This one (refused by the meter).
    Command(CommandId),
}

/// A valve command that will not be carried out (expired, refused) leaves the
/// valve as last reported: forget the target and an automatic hold (unless a
/// newer valve command is on its way) so the balance rule can command it
/// again.
async fn release_valve_targets(tx: &mut Transaction<'static, Any>, settled: Settled) -> Result<(), ServiceError> {
    let valves = [CommandKind::CloseValve.code(), CommandKind::OpenValve.code()];
    let mut q = Sql::new("UPDATE meters SET valve_target = NULL, valve_hold = CASE WHEN valve_hold = ");
    q.bind(ValveHold::Auto.code())
        .push(" THEN NULL ELSE valve_hold END WHERE id IN (SELECT meter_id FROM commands WHERE ");
    match settled {
        Settled::ExpiredAt(at) => {
            q.push("state = ").bind(CommandState::Expired.code()).push(" AND finished_at = ").bind(at.0);
        }
        Settled::Command(id) => {
            q.push("id = ").bind(id.0);
        }
    }
    q.push(" AND kind IN ").push_list(valves);
    q.push(") AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.meter_id = meters.id AND c.state IN ");
    q.push_list([CommandState::Queued.code(), CommandState::Sent.code()]).push(" AND c.kind IN ").push_list(valves);
    q.push(")");
    q.query().execute(&mut **tx).await?;
    Ok(())
}

/// The oldest queued command of a meter, for its next receive window.
pub async fn next_queued(db: &Db, meter: MeterId) -> Result<Option<CommandInfo>, ServiceError> {
    let row =
        sqlx::query(&format!("{SELECT} WHERE meter_id = $1 AND state = $3 AND expires_at > $2 ORDER BY id LIMIT 1"))
            .bind(meter.0)
            .bind(now().0)
            .bind(CommandState::Queued.code())
            .fetch_optional(&db.pool)
            .await?;
    row.as_ref().map(command_from).transpose()
}

/// The radio path handed the command to a gateway.
pub async fn mark_sent(db: &Db, id: CommandId) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE commands SET state = $3, sent_at = $1, result = 'sent to the meter' WHERE id = $2 AND state = $4",
    )
    .bind(now().0)
    .bind(id.0)
    .bind(CommandState::Sent.code())
    .bind(CommandState::Queued.code())
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(())
}

/// The gateway could not transmit it: send again at the next uplink.
pub async fn requeue(db: &Db, id: CommandId, why: &str) -> Result<(), ServiceError> {
    sqlx::query("UPDATE commands SET state = $3, result = $1 WHERE id = $2 AND state = $4")
        .bind(format!("gateway could not transmit ({why}); will retry"))
        .bind(id.0)
        .bind(CommandState::Queued.code())
        .bind(CommandState::Sent.code())
        .execute(&db.pool)
        .await?;
    db.changed();
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
    let candidates: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM commands WHERE meter_id = $1 AND state IN ($2, $3) ORDER BY id DESC")
            .bind(meter.0)
            .bind(CommandState::Sent.code())
            .bind(CommandState::Queued.code())
            .fetch_all(&mut **tx)
            .await?;
    let Some(id) = candidates.into_iter().find(|id| sequence(CommandId(*id)) == seq) else {
        return Ok(None);
    };
    finish(tx, CommandId(id), done, if done { "executed by the meter" } else { "refused by the meter" }).await?;
    Ok(Some(CommandId(id)))
}

/// A report showing the valve in the state a sent valve command asked for
/// settles that command.
pub async fn acknowledge_valve_in(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    open: bool,
) -> Result<Option<CommandId>, ServiceError> {
    let kind = if open { CommandKind::OpenValve } else { CommandKind::CloseValve };
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM commands WHERE meter_id = $1 AND state = $3 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(meter.0)
    .bind(kind.code())
    .bind(CommandState::Sent.code())
    .fetch_optional(&mut **tx)
    .await?;
    match id {
        Some(id) => {
            finish(tx, CommandId(id), true, "the meter reports the valve in the commanded state").await?;
            Ok(Some(CommandId(id)))
        }
        None => Ok(None),
    }
}

/// The meters among `meters` with a command still queued or sent: only their
/// reports can settle one, only they have something to send.
pub async fn with_open_commands(
    tx: &mut Transaction<'static, Any>,
    meters: &[i64],
) -> Result<std::collections::HashSet<i64>, ServiceError> {
    let mut open = std::collections::HashSet::new();
    for chunk in meters.chunks(crate::backend::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT DISTINCT meter_id FROM commands WHERE state IN ");
        q.push_list([CommandState::Queued.code(), CommandState::Sent.code()]).push(" AND meter_id IN ");
        q.push_list(chunk.iter().copied());
        open.extend(q.query_scalar_i64().fetch_all(&mut **tx).await?.into_iter().map(|(m,)| m));
    }
    Ok(open)
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
    settle(tx, id, done, result, order_result).await
}

/// Ends a queued or sent command, and the top-up waiting on it with `order_result`.
async fn settle(
    tx: &mut Transaction<'static, Any>,
    id: CommandId,
    done: bool,
    result: &str,
    order_result: &str,
) -> Result<(), ServiceError> {
    let at = now();
    let changed = sqlx::query(
        "UPDATE commands SET state = $1, finished_at = $2, result = $3 WHERE id = $4 AND state IN ($5, $6)",
    )
    .bind(if done { CommandState::Acknowledged } else { CommandState::Failed }.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(id.0)
    .bind(CommandState::Sent.code())
    .bind(CommandState::Queued.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed > 0 {
        sqlx::query(
            "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3 WHERE command_id = $4 AND state = $5",
        )
        .bind(if done { OrderState::Succeeded } else { OrderState::Failed }.code())
        .bind(at.0)
        .bind(order_result.to_owned())
        .bind(id.0)
        .bind(OrderState::InRecharge.code())
        .execute(&mut **tx)
        .await?;
        if !done {
            release_valve_targets(tx, Settled::Command(id)).await?;
        }
    }
    Ok(())
}
