//! Removing, replacing and recovering meters (`archivesChange`). With a
//! network server's device registry configured (ChirpStack's API), the device
//! of a meter that network serves is disabled or enabled there first: when
//! the network server refuses or cannot be reached, nothing changes here, and
//! a repeated call finds its side done already. A replaced meter's old device
//! is disabled first and deleted once the replacement is committed.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::device_registry::{DeviceRegistry, RegistryError};
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::store;
use crate::model::ids::DevEui;
use crate::model::ids::MeterId;
use crate::model::meter::{DeviceId, MeterRef, MeterStatus};

/// Removes a meter: history kept, no longer listed or charged.
pub async fn remove(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    meter: &MeterRef,
) -> Result<(), ServiceError> {
    let to = MeterStatus::Removed;
    set_status(db, registry, caller, meter, MeterStatus::Active, to, "the meter is already removed").await
}

/// Recovers a removed meter.
pub async fn recover(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    meter: &MeterRef,
) -> Result<(), ServiceError> {
    let to = MeterStatus::Active;
    set_status(db, registry, caller, meter, MeterStatus::Removed, to, "the meter is not removed").await
}

async fn set_status(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    meter: &MeterRef,
    from: MeterStatus,
    to: MeterStatus,
    already: &str,
) -> Result<(), ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, meter).await?;
    if access.active != (from == MeterStatus::Active) {
        return Err(ServiceError::invalid("devEuis", already));
    }
    let disabled = to == MeterStatus::Removed;
    let remote = match registry {
        Some(registry) => served_device(db, registry, access.id).await?.map(|dev_eui| (registry, dev_eui)),
        None => None,
    };
    if let Some((registry, dev_eui)) = &remote {
        super::registry::tolerate_missing(*registry, registry.set_disabled(dev_eui, disabled).await, "devEuis")?;
    }
    let changed = store::meters::set_status(db, access.id, from, to).await;
    if !matches!(changed, Ok(true))
        && let Some((registry, dev_eui)) = &remote
    {
        undo_switch(*registry, dev_eui, !disabled).await;
    }
    if !changed? {
        return Err(ServiceError::invalid("devEuis", already));
    }
    Ok(())
}

/// Puts the network server's device back as it was after the change here
/// failed; should that fail too, the log says so.
async fn undo_switch(registry: &dyn DeviceRegistry, dev_eui: &DevEui, disabled: bool) {
    if let Err(e) = registry.set_disabled(dev_eui, disabled).await {
        tracing::warn!(%dev_eui, disabled, error = %e, "the network server's device could not be put back as it was");
    }
}

/// Replaces a meter's device: the new DevEUI (or, for a cellular meter, the
/// new IMEI) takes over the archive, so the household, its balance and the
/// meter's history continue. The new device's register baseline is its
/// first reading (nothing is charged for it).
pub async fn replace(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    old: &DeviceId,
    new: &DeviceId,
) -> Result<(), ServiceError> {
    caller.admin()?;
    if old == new {
        return Err(ServiceError::invalid("newDeveui", "is the same as oldDeveui"));
    }
    if !old.same_kind(new) {
        return Err(ServiceError::invalid(
            "newDeveui",
            "must be the same kind of identifier as oldDeveui: a DevEUI for a DevEUI, an IMEI for an IMEI",
        ));
    }
    let access = require_meter(db, caller, &old.meter()).await?;
    access.require_active()?;
    if store::meters::identifier_taken(db, &new.meter()).await? {
        let kind = if matches!(new, DeviceId::DevEui(_)) { "DevEUI" } else { "IMEI" };
        return Err(ServiceError::conflict("newDeveui", format!("a meter with {kind} {} already exists", new.text())));
    }
    // The old device stops first (which can be undone); it is deleted once
    // the replacement holds. The new one is created there when its operators
    // register it.
    let remote = match (registry, old) {
        (Some(registry), DeviceId::DevEui(_)) => {
            served_device(db, registry, access.id).await?.map(|dev_eui| (registry, dev_eui))
        }
        _ => None,
    };
    if let Some((registry, gone)) = &remote {
        super::registry::tolerate_missing(*registry, registry.set_disabled(gone, true).await, "oldDeveui")?;
    }
    let replaced = replace_here(db, caller, access.id, old, new).await;
    if let Some((registry, gone)) = &remote {
        match &replaced {
            Err(_) => undo_switch(*registry, gone, false).await,
            Ok(()) => {
                if let Err(e) = registry.delete(gone).await
                    && e != RegistryError::NotFound
                {
                    tracing::warn!(dev_eui = %gone, error = %e, "a replaced device stays disabled in the network server: it could not be deleted");
                }
            }
        }
    }
    replaced
}

/// The replacement itself, in one transaction.
async fn replace_here(
    db: &Db,
    caller: &Caller,
    meter: MeterId,
    old: &DeviceId,
    new: &DeviceId,
) -> Result<(), ServiceError> {
    let at = now();
    let mut tx = db.begin().await?;
    // The archive carries on: balance, continuous register and the fraction
    // of a cent not yet charged stay.
    store::meters::replace_device(&mut tx, meter, old, new, &caller.actor(), at).await?;
    // Commands for the old device would go to a device that is gone; a credit
    // it never confirmed was never credited, so its order fails too.
    let unconfirmed = "the meter was replaced before it confirmed the credit";
    super::topups::credit_stranded(&mut tx, store::orders::Stopped::OpenOf(meter), at).await?;
    store::orders::fail_for_open_commands_of(&mut tx, meter, unconfirmed, at).await?;
    store::commands::fail_open_of(&mut tx, meter, "the device was replaced", at).await?;
    // The old device is gone, and keys registered for the new DevEUI before
    // it had a meter were not registered by this meter's operators: the new
    // device reports once its operators register it.
    let radio: Vec<&DevEui> =
        [old, new].into_iter().filter_map(|d| if let DeviceId::DevEui(e) = d { Some(e) } else { None }).collect();
    super::lorawan_devices::forget(&mut tx, &radio).await?;
    // Its network route was the old device's: the new one's first report
    // sets its own.
    store::networks::unroute(&mut tx, &[meter]).await?;
    db.commit(tx).await?;
    Ok(())
}

/// The DevEUI of a meter whose traffic the registry's network server
/// carries: only such a device is its to change.
async fn served_device(db: &Db, registry: &dyn DeviceRegistry, meter: MeterId) -> Result<Option<DevEui>, ServiceError> {
    if !super::registry::served_by(db, registry, meter).await? {
        return Ok(None);
    }
    Ok(store::meters::get(db, &MeterRef::Id(meter)).await?.and_then(|found| found.archive.dev_eui))
}
