//! Registering ABP devices (`lorawanApi addMeter`). The keys are stored for
//! the radio path and never returned or logged.
//!
//! A radio session is the meter's: whoever holds its keys can charge its
//! household by sending uplinks. So registering or removing one needs the
//! meter in the caller's areas, and a DevEUI with no meter cannot be claimed.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::model::ids::DevEui;
use crate::model::lorawan::NewAbpDevice;
use crate::model::meter::MeterRef;

use super::{optional_text, required_text};

/// The meter a radio session would feed, if the caller manages it.
async fn require_own_meter(db: &Db, caller: &Caller, dev_eui: &DevEui) -> Result<(), ServiceError> {
    caller.admin()?;
    require_meter(db, caller, &MeterRef::DevEui(dev_eui.clone())).await.map(|_| ()).map_err(|e| match e {
        ServiceError::NotFound(_) => {
            ServiceError::not_found(format!("no meter with DevEUI {dev_eui} in your areas: add the meter first"))
        }
        other => other,
    })
}

pub async fn register_abp(db: &Db, caller: &Caller, req: NewAbpDevice) -> Result<(), ServiceError> {
    require_own_meter(db, caller, &req.dev_eui).await?;
    let name = required_text("devName", &req.dev_name, 40)?;
    let region = req.region.trim().to_ascii_lowercase();
    if !matches!(region.as_str(), "eu868" | "cn470" | "us915" | "as923" | "au915" | "in865" | "kr920" | "cn779") {
        return Err(ServiceError::invalid("region", format!("unknown region {:?}", req.region)));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM lorawan_devices WHERE dev_eui = $1")
        .bind(req.dev_eui.to_string())
        .fetch_optional(&db.pool)
        .await?;
    if exists.is_some() {
        return Err(ServiceError::conflict("devEUI", format!("device {} is already registered", req.dev_eui)));
    }
    sqlx::query(
        "INSERT INTO lorawan_devices (dev_eui, dev_name, app_eui, app_id, region, subnet, dev_addr, app_s_key, nwk_s_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(req.dev_eui.to_string())
    .bind(name)
    .bind(optional_text("appEUI", &req.app_eui, 32)?)
    .bind(optional_text("appID", &req.app_id, 40)?)
    .bind(region)
    .bind(optional_text("subnet", &req.subnet, 40)?)
    .bind(String::from(req.dev_addr))
    .bind(req.app_s_key.to_hex())
    .bind(req.nwk_s_key.to_hex())
    .bind(now().0)
    .execute(&db.pool)
    .await
    .map_err(ServiceError::unique_as("devEUI", "the device is already registered"))?;
    db.changed();
    Ok(())
}

/// Ends a meter's radio session (to register new keys, or for good): its
/// frames are no longer accepted. Answers whether there was one.
pub async fn remove_device(db: &Db, caller: &Caller, dev_eui: &DevEui) -> Result<bool, ServiceError> {
    require_own_meter(db, caller, dev_eui).await?;
    let mut tx = db.begin().await?;
    let removed = forget(&mut tx, &[dev_eui]).await?;
    db.commit(tx).await?;
    Ok(removed > 0)
}

/// Ends the radio sessions of these DevEUIs inside `tx` (removed by their
/// operator, a device replaced, a DevEUI that gets its meter only now);
/// returns how many there were.
pub(crate) async fn forget(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    dev_euis: &[&DevEui],
) -> Result<u64, ServiceError> {
    let mut removed = 0;
    for eui in dev_euis {
        removed += sqlx::query("DELETE FROM lorawan_devices WHERE dev_eui = $1")
            .bind(eui.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
    }
    Ok(removed)
}
