//! Removing, replacing and recovering meters (`archivesChange`).

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::model::command::CommandState;
use crate::model::ids::DevEui;
use crate::model::meter::MeterRef;
use crate::model::order::OrderState;

/// Removes a meter: history kept, no longer listed or charged.
pub async fn remove(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<(), ServiceError> {
    set_status(db, caller, meter, "active", "removed", "the meter is already removed").await
}

/// Recovers a removed meter.
pub async fn recover(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<(), ServiceError> {
    set_status(db, caller, meter, "removed", "active", "the meter is not removed").await
}

async fn set_status(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
    from: &str,
    to: &str,
    already: &str,
) -> Result<(), ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, meter).await?;
    let done = sqlx::query("UPDATE meters SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to)
        .bind(access.id.0)
        .bind(from)
        .execute(&db.pool)
        .await?;
    db.changed();
    if done.rows_affected() == 0 {
        return Err(ServiceError::invalid("devEuis", already));
    }
    Ok(())
}

/// Replaces a meter's device: the new DevEUI takes over the archive, so the
/// household, its balance and the meter's history continue. The new device's
/// register baseline is its first reading (nothing is charged for it).
pub async fn replace(db: &Db, caller: &Caller, old: &DevEui, new: &DevEui) -> Result<(), ServiceError> {
    caller.admin()?;
    if old == new {
        return Err(ServiceError::invalid("newDeveui", "is the same as oldDeveui"));
    }
    let access = require_meter(db, caller, &MeterRef::DevEui(old.clone())).await?;
    access.require_active()?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM meters WHERE dev_eui = $1")
        .bind(new.to_string())
        .fetch_optional(&db.pool)
        .await?;
    if taken.is_some() {
        return Err(ServiceError::conflict("newDeveui", format!("a meter with DevEUI {new} already exists")));
    }
    let mut tx = db.begin().await?;
    // The archive carries on: balance, continuous register and the fraction
    // of a cent not yet charged stay; the new device's first reading is its
    // baseline (no charged register).
    sqlx::query(
        "UPDATE meters SET dev_eui = $1, serialnumber = CASE WHEN serialnumber = $2 THEN $1 ELSE serialnumber END,
         charged_register = NULL, valve_target = NULL, valve_hold = NULL, valve_state = $4 WHERE id = $3",
    )
    .bind(new.to_string())
    .bind(old.to_string())
    .bind(access.id.0)
    .bind(crate::model::ValveState::Unknown.code())
    .execute(&mut *tx)
    .await
    .map_err(ServiceError::unique_as("newDeveui", "a meter with this DevEUI already exists"))?;
    // Commands for the old device would go to a device that is gone; a credit
    // it never confirmed was never credited, so its order fails too.
    let at = now().0;
    sqlx::query(
        "UPDATE payment_orders SET state = $3, finished_at = $1, result = 'the meter was replaced before it confirmed the credit'
         WHERE state = $4 AND command_id IN (SELECT id FROM commands WHERE meter_id = $2 AND state IN ($5, $6))",
    )
    .bind(at)
    .bind(access.id.0)
    .bind(OrderState::Failed.code())
    .bind(OrderState::InRecharge.code())
    .bind(CommandState::Queued.code())
    .bind(CommandState::Sent.code())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE commands SET state = $3, finished_at = $1, result = 'the device was replaced'
         WHERE meter_id = $2 AND state IN ($4, $5)",
    )
    .bind(at)
    .bind(access.id.0)
    .bind(CommandState::Failed.code())
    .bind(CommandState::Queued.code())
    .bind(CommandState::Sent.code())
    .execute(&mut *tx)
    .await?;
    // The old device is gone, and keys registered for the new DevEUI before
    // it had a meter were not registered by this meter's operators: the new
    // device reports once its operators register it.
    super::lorawan_devices::forget(&mut tx, &[old, new]).await?;
    sqlx::query("INSERT INTO meter_replacements (meter_id, old_dev_eui, new_dev_eui, actor, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(access.id.0)
        .bind(old.to_string())
        .bind(new.to_string())
        .bind(caller.actor())
        .bind(now().0)
        .execute(&mut *tx)
        .await?;
    db.commit(tx).await?;
    Ok(())
}
