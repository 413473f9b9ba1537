//! Commands: the queue's rows, their state changes, and what a valve command
//! that will not be carried out releases on its meter.

use crate::backend::auth::AdminCaller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::push_managed;
use crate::backend::sql::Sql;
use crate::backend::store::ledger::ROWS_PER_STATEMENT;
use crate::model::command::{CommandFilter, CommandInfo, CommandKind, CommandRow, CommandState};
use crate::model::ids::{CommandId, MeterId};
use crate::model::network::Network;
use crate::model::time::Timestamp;
use crate::model::valve::ValveHold;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};
use std::collections::HashSet;

const SELECT: &str =
    "SELECT id, meter_id, kind, argument, state, result, actor, created_at, sent_at, finished_at, expires_at
    FROM commands";

/// `SELECT`'s columns for a query that joins commands as `c`.
const COMMAND_COLUMNS: &str = "c.id, c.meter_id, c.kind, c.argument, c.state, c.result, c.actor, c.created_at, c.sent_at, c.finished_at, c.expires_at";

/// Commands still on their way: queued, or sent and not answered.
const OPEN: [CommandState; 2] = [CommandState::Queued, CommandState::Sent];
/// Commands a meter's acknowledgement may still settle: those on their way,
/// and credits sent whose confirmation is overdue.
const ANSWERABLE: [CommandState; 3] = [CommandState::Queued, CommandState::Sent, CommandState::Unconfirmed];

fn from_row(row: &AnyRow) -> Result<CommandInfo, ServiceError> {
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

/// A command to queue.
#[derive(Debug, Clone)]
pub struct NewCommand<'a> {
    pub meter: MeterId,
    pub kind: CommandKind,
    pub argument: &'a str,
    pub actor: &'a str,
    pub at: Timestamp,
    pub expires_at: Timestamp,
}

/// Queues a command inside `tx`.
pub async fn create(tx: &mut Transaction<'static, Any>, c: NewCommand<'_>) -> Result<CommandId, ServiceError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commands (meter_id, kind, argument, state, actor, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(c.meter.0)
    .bind(c.kind.code())
    .bind(c.argument.to_owned())
    .bind(CommandState::Queued.code())
    .bind(c.actor.to_owned())
    .bind(c.at.0)
    .bind(c.expires_at.0)
    .fetch_one(&mut **tx)
    .await?;
    Ok(CommandId(id))
}

pub async fn get(db: &Db, id: CommandId) -> Result<Option<CommandInfo>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id.0).fetch_optional(&db.pool).await?;
    row.as_ref().map(from_row).transpose()
}

/// A page of the commands of meters in `admin`'s managed areas, newest
/// first, and how many match.
pub async fn list(db: &Db, admin: &AdminCaller, f: &CommandFilter) -> Result<(Vec<CommandRow>, i64), ServiceError> {
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
    let mut q = Sql::new(&format!(
        "SELECT {COMMAND_COLUMNS}, m.serialnumber, m.customer_name FROM commands c JOIN meters m ON m.id = c.meter_id"
    ));
    filter(&mut q);
    q.push(" ORDER BY c.id DESC LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    let rows = found
        .iter()
        .map(|row| {
            Ok(CommandRow {
                command: from_row(row)?,
                meter_address: rows::text(row, "serialnumber")?,
                customer_name: rows::text(row, "customer_name")?,
            })
        })
        .collect::<Result<_, ServiceError>>()?;
    Ok((rows, total))
}

/// The oldest queued command of a meter that has not expired at `at`.
pub async fn next_queued(db: &Db, meter: MeterId, at: Timestamp) -> Result<Option<CommandInfo>, ServiceError> {
    let row =
        sqlx::query(&format!("{SELECT} WHERE meter_id = $1 AND state = $2 AND expires_at > $3 ORDER BY id LIMIT 1"))
            .bind(meter.0)
            .bind(CommandState::Queued.code())
            .bind(at.0)
            .fetch_optional(&db.pool)
            .await?;
    row.as_ref().map(from_row).transpose()
}

/// Moves a command from state `from` to `to` with `result` (and its sent
/// time when it leaves); true when it was in `from`.
pub async fn move_state(
    db: &Db,
    id: CommandId,
    from: CommandState,
    to: CommandState,
    result: &str,
    sent_at: Option<Timestamp>,
) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE commands SET state = $1, result = $2, sent_at = COALESCE($3, sent_at) WHERE id = $4 AND state = $5",
    )
    .bind(to.code())
    .bind(result.to_owned())
    .bind(sent_at.map(|t| t.0))
    .bind(id.0)
    .bind(from.code())
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}

/// Ends a command not yet settled (`Acknowledged` or `Failed`) inside `tx`;
/// true when it was still open or unconfirmed.
pub async fn finish(
    tx: &mut Transaction<'static, Any>,
    id: CommandId,
    state: CommandState,
    result: &str,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    let changed = sqlx::query(
        "UPDATE commands SET state = $1, finished_at = $2, result = $3 WHERE id = $4 AND state IN ($5, $6, $7)",
    )
    .bind(state.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(id.0)
    .bind(ANSWERABLE[0].code())
    .bind(ANSWERABLE[1].code())
    .bind(ANSWERABLE[2].code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Ends every open command whose time is up at `at`: a credit that was sent
/// becomes unconfirmed (`unconfirmed`: the meter may hold it), the rest
/// expire (`expired`). Returns how many ended.
pub async fn expire(
    tx: &mut Transaction<'static, Any>,
    at: Timestamp,
    expired: &str,
    unconfirmed: &str,
) -> Result<u64, ServiceError> {
    let doubtful = sqlx::query(
        "UPDATE commands SET state = $1, finished_at = $2, result = $3
         WHERE state = $4 AND kind = $5 AND expires_at <= $2",
    )
    .bind(CommandState::Unconfirmed.code())
    .bind(at.0)
    .bind(unconfirmed.to_owned())
    .bind(CommandState::Sent.code())
    .bind(CommandKind::AddCredit.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    let ended = sqlx::query(
        "UPDATE commands SET state = $1, finished_at = $2, result = $3 WHERE state IN ($4, $5) AND expires_at <= $2",
    )
    .bind(CommandState::Expired.code())
    .bind(at.0)
    .bind(expired.to_owned())
    .bind(OPEN[0].code())
    .bind(OPEN[1].code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(doubtful + ended)
}

/// A meter's commands its acknowledgement may settle, newest first.
pub async fn answerable_of(tx: &mut Transaction<'static, Any>, meter: MeterId) -> Result<Vec<CommandId>, ServiceError> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM commands WHERE meter_id = $1 AND state IN ($2, $3, $4) ORDER BY id DESC")
            .bind(meter.0)
            .bind(ANSWERABLE[0].code())
            .bind(ANSWERABLE[1].code())
            .bind(ANSWERABLE[2].code())
            .fetch_all(&mut **tx)
            .await?;
    Ok(ids.into_iter().map(CommandId).collect())
}

/// The meter's newest valve command still on its way, if there is one.
pub async fn valve_on_its_way(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    at: Timestamp,
) -> Result<Option<(CommandId, CommandKind)>, ServiceError> {
    // A command whose time is up is not on its way, though the expiry
    // round has not ended it yet.
    let row = sqlx::query(
        "SELECT id, kind FROM commands WHERE meter_id = $1 AND kind IN ($2, $3) AND state IN ($4, $5)
         AND expires_at > $6 ORDER BY id DESC LIMIT 1",
    )
    .bind(meter.0)
    .bind(CommandKind::CloseValve.code())
    .bind(CommandKind::OpenValve.code())
    .bind(OPEN[0].code())
    .bind(OPEN[1].code())
    .bind(at.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind = rows::text(&row, "kind")?;
    let kind =
        CommandKind::parse(&kind).ok_or_else(|| ServiceError::Internal(format!("stored command kind {kind:?}")))?;
    Ok(Some((CommandId(rows::int(&row, "id")?), kind)))
}

/// A meter's newest sent command of `kind`.
pub async fn latest_sent(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    kind: CommandKind,
) -> Result<Option<CommandId>, ServiceError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM commands WHERE meter_id = $1 AND state = $2 AND kind = $3 ORDER BY id DESC LIMIT 1",
    )
    .bind(meter.0)
    .bind(CommandState::Sent.code())
    .bind(kind.code())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.map(CommandId))
}

/// The meters among `meters` with a command their report may settle.
pub async fn meters_with_open(
    tx: &mut Transaction<'static, Any>,
    meters: &[i64],
) -> Result<HashSet<i64>, ServiceError> {
    let mut open = HashSet::new();
    for chunk in meters.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT DISTINCT meter_id FROM commands WHERE state IN ");
        q.push_list(ANSWERABLE.map(CommandState::code)).push(" AND meter_id IN ");
        q.push_list(chunk.iter().copied());
        open.extend(q.query_scalar_i64().fetch_all(&mut **tx).await?.into_iter().map(|(m,)| m));
    }
    Ok(open)
}

/// Valve commands that will not be carried out.
#[derive(Debug, Clone, Copy)]
pub enum Settled {
    /// Those expired at this time.
    ExpiredAt(Timestamp),
    /// This one (refused by the meter).
    Command(CommandId),
}

/// Forgets the valve target of the meters of `settled` valve commands, and
/// an automatic hold, unless a newer valve command is on its way.
pub async fn release_valve_targets(tx: &mut Transaction<'static, Any>, settled: Settled) -> Result<(), ServiceError> {
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
    q.push_list(OPEN.map(CommandState::code)).push(" AND c.kind IN ").push_list(valves);
    q.push(")");
    q.query().execute(&mut **tx).await?;
    Ok(())
}

/// Fails every open command of a meter inside `tx` (its device is gone).
pub async fn fail_open_of(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    result: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE commands SET state = $1, finished_at = $2, result = $3 WHERE meter_id = $4 AND state IN ($5, $6)",
    )
    .bind(CommandState::Failed.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(meter.0)
    .bind(OPEN[0].code())
    .bind(OPEN[1].code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A queued command of a meter a network server serves, with where it goes.
#[derive(Debug, Clone)]
pub struct Routed {
    pub command: CommandInfo,
    pub application: String,
    /// The device's id in the network server (ChirpStack's DevEUI, The Things
    /// Stack's device id, a cellular module's IMEI).
    pub device: String,
}

/// The oldest `limit` queued, unexpired commands of the meters `network`
/// serves.
pub async fn routed_due(db: &Db, network: Network, at: Timestamp, limit: i64) -> Result<Vec<Routed>, ServiceError> {
    let found = sqlx::query(&format!(
        "SELECT {COMMAND_COLUMNS}, n.application, n.device
         FROM commands c JOIN meter_networks n ON n.meter_id = c.meter_id
         WHERE c.state = $1 AND c.expires_at > $2 AND n.network = $3
           AND (c.not_before IS NULL OR c.not_before <= $2)
         ORDER BY c.id LIMIT $4"
    ))
    .bind(CommandState::Queued.code())
    .bind(at.0)
    .bind(network.code())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|row| {
            Ok(Routed {
                command: from_row(row)?,
                application: rows::text(row, "application")?,
                device: rows::text(row, "device")?,
            })
        })
        .collect()
}

/// Moves a queued command to sent under `network_ref`, the id it travels
/// under in a network server's queue; true when it was still queued (no
/// other replica took it).
pub async fn hand_over(
    db: &Db,
    id: CommandId,
    network_ref: &str,
    result: &str,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE commands SET state = $1, result = $2, sent_at = $3, network_ref = $4, tries = tries + 1
         WHERE id = $5 AND state = $6",
    )
    .bind(CommandState::Sent.code())
    .bind(result.to_owned())
    .bind(at.0)
    .bind(network_ref.to_owned())
    .bind(id.0)
    .bind(CommandState::Queued.code())
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}

/// How often a command was handed to a network server.
pub async fn tries(db: &Db, id: CommandId) -> Result<i64, ServiceError> {
    Ok(sqlx::query_scalar("SELECT tries FROM commands WHERE id = $1").bind(id.0).fetch_one(&db.pool).await?)
}

/// Queues a sent command again, to be handed over no earlier than
/// `not_before`; true when it was sent.
pub async fn queue_again(db: &Db, id: CommandId, result: &str, not_before: Timestamp) -> Result<bool, ServiceError> {
    let done = sqlx::query("UPDATE commands SET state = $1, result = $2, not_before = $3 WHERE id = $4 AND state = $5")
        .bind(CommandState::Queued.code())
        .bind(result.to_owned())
        .bind(not_before.0)
        .bind(id.0)
        .bind(CommandState::Sent.code())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}

/// The commands handed to `network` for the device it names `device` and
/// not yet settled, oldest first, with the ids they travel under.
pub async fn handed_to(
    db: &Db,
    network: Network,
    device: &str,
    limit: i64,
) -> Result<Vec<(CommandInfo, String)>, ServiceError> {
    let found = sqlx::query(&format!(
        "SELECT {COMMAND_COLUMNS}, c.network_ref
         FROM commands c JOIN meter_networks n ON n.meter_id = c.meter_id
         WHERE n.network = $1 AND n.device = $2 AND c.state = $3 AND c.network_ref IS NOT NULL
         ORDER BY c.id LIMIT $4"
    ))
    .bind(network.code())
    .bind(device.to_owned())
    .bind(CommandState::Sent.code())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found.iter().map(|row| Ok((from_row(row)?, rows::text(row, "network_ref")?))).collect()
}

/// The command travelling under a network server's `network_ref`.
pub async fn by_network_ref(db: &Db, network_ref: &str) -> Result<Option<CommandInfo>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE network_ref = $1"))
        .bind(network_ref.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Rewrites the result of a command still in `state`; true when it was.
pub async fn note(db: &Db, id: CommandId, state: CommandState, result: &str) -> Result<bool, ServiceError> {
    let done = sqlx::query("UPDATE commands SET result = $1 WHERE id = $2 AND state = $3")
        .bind(result.to_owned())
        .bind(id.0)
        .bind(state.code())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}
