//! Registering LoRaWAN devices (`lorawanApi addMeter`): ABP, with its
//! session keys, or OTAA, with the AppKey each join derives a session from.
//! The keys are stored for the radio path and never returned or logged;
//! with a network server's device registry configured (ChirpStack's API) they
//! go there instead, and that server carries the meter's traffic.
//!
//! A radio session is the meter's: whoever holds its keys can charge its
//! household by sending uplinks. So registering or removing one needs the
//! meter in the caller's areas, and a DevEUI with no meter cannot be claimed.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::device_registry::{Activation, DeviceRegistry, NewDevice, RegistryError};
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::store::lorawan_devices::{self as store, AbpDeviceRow};
use crate::backend::store::otaa_devices::{self as otaa, OtaaDeviceRow};
use crate::model::ids::DevEui;
use crate::model::ids::MeterId;
use crate::model::lorawan::{DevAddr, NewAbpDevice, NewOtaaDevice};
use crate::model::meter::MeterRef;
use crate::model::network::{LogEntry, Route};
use crate::model::region::Region;
use std::collections::HashMap;

pub use crate::backend::store::lorawan_devices::{AbpSession, DeviceId};
pub use crate::backend::store::otaa_devices::{JoinedSession, Joining};

use super::{optional_text, required_text};

/// The meter a radio session would feed, if the caller manages it.
async fn require_own_meter(db: &Db, caller: &Caller, dev_eui: &DevEui) -> Result<MeterId, ServiceError> {
    caller.admin()?;
    require_meter(db, caller, &MeterRef::DevEui(dev_eui.clone())).await.map(|m| m.id).map_err(|e| match e {
        ServiceError::NotFound(_) => {
            ServiceError::not_found(format!("no meter with DevEUI {dev_eui} in your areas: add the meter first"))
        }
        other => other,
    })
}

pub async fn register_abp(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    req: NewAbpDevice,
) -> Result<(), ServiceError> {
    let meter = require_own_meter(db, caller, &req.dev_eui).await?;
    let dev_name = required_text("devName", &req.dev_name, 40)?;
    let region = Region::parse(&req.region).map_err(|e| ServiceError::invalid("region", e))?;
    let app_eui = optional_text("appEUI", &req.app_eui, 32)?;
    let app_id = optional_text("appID", &req.app_id, 40)?;
    let subnet = optional_text("subnet", &req.subnet, 40)?;
    refuse_registered(db, &req.dev_eui).await?;
    if let Some(registry) = registry {
        let activation =
            Activation::Abp { dev_addr: req.dev_addr, app_s_key: &req.app_s_key, nwk_s_key: &req.nwk_s_key };
        let device = NewDevice {
            dev_eui: &req.dev_eui,
            name: &dev_name,
            region: region.code(),
            application: Some(app_id.as_str()).filter(|a| !a.is_empty()),
            activation,
        };
        return register_at(db, registry, meter, &device).await;
    }
    let row = AbpDeviceRow {
        dev_name,
        region,
        app_eui,
        app_id,
        subnet,
        dev_eui: req.dev_eui,
        dev_addr: req.dev_addr,
        app_s_key: req.app_s_key,
        nwk_s_key: req.nwk_s_key,
    };
    store::create(db, row).await
}

/// A DevEUI registered already, by either activation, is a conflict.
async fn refuse_registered(db: &Db, dev_eui: &DevEui) -> Result<(), ServiceError> {
    if store::exists(db, dev_eui).await? || otaa::exists(db, dev_eui).await? {
        return Err(ServiceError::conflict("devEUI", format!("device {dev_eui} is already registered")));
    }
    Ok(())
}

/// Registers a device that joins over the air with its AppKey; it reports
/// once it has joined.
pub async fn register_otaa(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    req: NewOtaaDevice,
) -> Result<(), ServiceError> {
    let meter = require_own_meter(db, caller, &req.dev_eui).await?;
    let dev_name = required_text("devName", &req.dev_name, 40)?;
    let region = Region::parse(&req.region).map_err(|e| ServiceError::invalid("region", e))?;
    let join_eui = match req.join_eui.trim() {
        "" => String::new(),
        eui => DevEui::parse(eui)
            .map_err(|_| ServiceError::invalid("appEUI", "must be 16 hexadecimal digits (the JoinEUI)"))?
            .to_string(),
    };
    let app_id = optional_text("appID", &req.app_id, 40)?;
    let subnet = optional_text("subnet", &req.subnet, 40)?;
    refuse_registered(db, &req.dev_eui).await?;
    if let Some(registry) = registry {
        let device = NewDevice {
            dev_eui: &req.dev_eui,
            name: &dev_name,
            region: region.code(),
            application: Some(app_id.as_str()).filter(|a| !a.is_empty()),
            activation: Activation::Otaa { app_key: &req.app_key, join_eui: &join_eui },
        };
        return register_at(db, registry, meter, &device).await;
    }
    let row = OtaaDeviceRow { dev_name, region, join_eui, app_id, subnet, dev_eui: req.dev_eui, app_key: req.app_key };
    otaa::create(db, row).await
}

/// Creates the device in the network server, with its keys (none are kept
/// here), and sends the meter's commands there from now on. Should the route
/// not be written, the device is deleted again: a retry starts afresh.
async fn register_at(
    db: &Db,
    registry: &dyn DeviceRegistry,
    meter: MeterId,
    device: &NewDevice<'_>,
) -> Result<(), ServiceError> {
    let network = registry.network();
    let application = registry.create(device).await.map_err(|e| super::registry::error(registry, "devEUI", e))?;
    let at = crate::backend::clock::now();
    let route = Route { network, application: application.clone(), device: device.dev_eui.to_string() };
    let entry = LogEntry {
        network,
        dev_eui: device.dev_eui.clone(),
        level: "INFO".into(),
        code: "REGISTERED".into(),
        description: format!(
            "created in {} application {application}, {} activation",
            network.label(),
            device.activation.kind().to_uppercase()
        ),
        at,
    };
    let written = async {
        let mut tx = db.begin().await?;
        crate::backend::store::networks::route(&mut tx, &[(meter, &route)], at).await?;
        crate::backend::store::networks::log(&mut tx, std::slice::from_ref(&entry)).await?;
        db.commit(tx).await?;
        Ok::<(), ServiceError>(())
    }
    .await;
    if let Err(e) = written {
        if let Err(undo) = registry.delete(device.dev_eui).await {
            tracing::warn!(dev_eui = %device.dev_eui, error = %undo, "a device created in the network server could not be deleted again");
        }
        return Err(e);
    }
    Ok(())
}

/// The OTAA device a Join-Request names, if there is one.
pub async fn joining(db: &Db, dev_eui: &DevEui) -> Result<Option<Joining>, ServiceError> {
    otaa::joining(db, dev_eui).await
}

/// Opens the session a join derived; false (nothing changes) when the
/// device joined with this DevNonce before: a replayed request, not
/// answered. The device's frame counters start again.
pub async fn joined(db: &Db, session: &JoinedSession) -> Result<bool, ServiceError> {
    let mut tx = db.begin().await?;
    let fresh = otaa::join(&mut tx, session, crate::backend::clock::now()).await?;
    db.commit(tx).await?;
    Ok(fresh)
}

/// Ends a meter's radio session (to register new keys, or for good): its
/// frames are no longer accepted. Answers whether there was one.
pub async fn remove_device(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    dev_eui: &DevEui,
) -> Result<bool, ServiceError> {
    let meter = require_own_meter(db, caller, dev_eui).await?;
    let mut elsewhere = false;
    if let Some(registry) = registry
        && super::registry::served_by(db, registry, meter).await?
    {
        elsewhere = match registry.delete(dev_eui).await {
            Ok(()) => true,
            Err(RegistryError::NotFound) => false,
            Err(e) => return Err(super::registry::error(registry, "devEui", e)),
        };
    }
    let mut tx = db.begin().await?;
    let removed = forget(&mut tx, &[dev_eui]).await?;
    if elsewhere {
        // Its commands would go to a device that is gone.
        crate::backend::store::networks::unroute(&mut tx, &[meter]).await?;
    }
    db.commit(tx).await?;
    Ok(removed > 0 || elsewhere)
}

/// Ends the radio sessions (and OTAA registrations) of these DevEUIs
/// inside `tx` (removed by their operator, a device replaced, a DevEUI that
/// gets its meter only now); returns how many devices there were.
pub(crate) async fn forget(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    dev_euis: &[&DevEui],
) -> Result<u64, ServiceError> {
    let registered = otaa::delete(tx, dev_euis).await?;
    Ok(store::delete(tx, dev_euis).await?.max(registered))
}

/// The ABP sessions that may own these DevAddrs (the radio path checks each
/// frame's MIC against them).
pub async fn sessions(db: &Db, addrs: &[DevAddr]) -> Result<HashMap<DevAddr, Vec<AbpSession>>, ServiceError> {
    store::sessions(db, addrs).await
}

/// The counter the device's next downlink frame carries.
pub async fn next_downlink_counter(db: &Db, device: DeviceId) -> Result<u32, ServiceError> {
    store::next_fcnt_down(db, device).await
}
