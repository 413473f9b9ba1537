//! Valve switching: by an operator, and by the balance rule.
//!
//! The rule: a prepaid meter whose household balance is below the meter's
//! `overdraftMoney` gets a close command, held 'auto'; when a top-up lifts the
//! balance back to the threshold or above, meters held 'auto' get an open
//! command. A valve an operator closed ('manual') is never reopened by money.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::ledger::ROWS_PER_STATEMENT;
use crate::backend::rows::pay_mode_code;
use crate::backend::scope::require_meter;
use crate::backend::sql::Sql;
use crate::backend::state::Settings;
use crate::model::PayMode;
use crate::model::command::CommandKind;
use crate::model::ids::{CommandId, HouseholdId, MeterId};
use crate::model::meter::{MeterRef, MeterStatus};
use crate::model::valve::ValveHold;
use sqlx::{Any, Row, Transaction};

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
    sqlx::query("UPDATE meters SET valve_target = $1, valve_hold = $2 WHERE id = $3")
        .bind(i64::from(open))
        .bind(hold.map(|h| h.code().to_owned()))
        .bind(meter.0)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO valve_records (meter_id, execution, cause, actor, command_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(meter.0)
    .bind(i64::from(open))
    .bind(cause.to_owned())
    .bind(actor.to_owned())
    .bind(command.0)
    .bind(now().0)
    .execute(&mut **tx)
    .await?;
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
    let mut queued = Vec::new();
    for chunk in households.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx,
            "SELECT m.id, m.household_id, m.overdraft_money, m.valve_state, m.valve_target, m.valve_hold, h.balance
             FROM meters m JOIN households h ON h.id = m.household_id JOIN equipment_models e ON e.id = m.equipment_model_id
             WHERE m.status = ",
        );
        q.bind(MeterStatus::Active.code()).push(" AND m.pay_mode = ").bind(pay_mode_code(PayMode::Prepaid));
        q.push(" AND e.holds_credit = 0 AND m.household_id IN ");
        q.push_list(chunk.iter().map(|h| h.0)).push(" ORDER BY m.id");
        let found = q.query().fetch_all(&mut **tx).await?;
        for row in found {
            let meter = MeterId(row.try_get("id")?);
            let household = HouseholdId(row.try_get("household_id")?);
            let balance: i64 = row.try_get("balance")?;
            let overdraft: i64 = row.try_get("overdraft_money")?;
            let target: Option<i64> = row.try_get("valve_target")?;
            let reported: i64 = row.try_get("valve_state")?;
            let hold = row.try_get::<Option<String>, _>("valve_hold")?.as_deref().and_then(ValveHold::parse);
            // What the valve is, or is about to be: the last command wins over the last report.
            let closed = target.map_or(reported == 0, |t| t == 0);
            if balance < overdraft && !closed {
                let cause = "balance below overdraft";
                let command = switch(tx, meter, false, Some(ValveHold::Auto), cause, "system", settings).await?;
                queued.push((household, command));
            } else if balance >= overdraft && closed && hold == Some(ValveHold::Auto) {
                let cause = "balance restored by top-up";
                let command = switch(tx, meter, true, None, cause, "system", settings).await?;
                queued.push((household, command));
            }
        }
    }
    Ok(queued)
}

/// An operator opens or closes a valve (`setValveState`).
pub async fn set_valve(
    db: &Db,
    settings: &Settings,
    caller: &Caller,
    meter: &MeterRef,
    open: bool,
) -> Result<CommandId, ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, meter).await?;
    access.require_active()?;
    let mut tx = db.begin().await?;
    let hold = if open { None } else { Some(ValveHold::Manual) };
    let cause = if open { "opened by operator" } else { "closed by operator" };
    let command = switch(&mut tx, access.id, open, hold, cause, &caller.actor(), settings).await?;
    db.commit(tx).await?;
    Ok(command)
}
