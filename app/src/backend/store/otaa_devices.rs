//! Devices that join over the air: their AppKeys, the DevNonces they joined
//! with, and the session a join opens (written where ABP sessions live, so
//! uplinks find it the same way).

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::ids::DevEui;
use crate::model::lorawan::{DevAddr, SessionKey};
use crate::model::region::Region;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

/// What registering an OTAA device writes.
#[derive(Debug, Clone)]
pub struct OtaaDeviceRow {
    pub dev_eui: DevEui,
    pub dev_name: String,
    pub join_eui: String,
    pub app_id: String,
    pub region: Region,
    pub subnet: String,
    pub app_key: SessionKey,
}

/// A registered OTAA device, as a join needs it. Its `Debug` shows no key.
#[derive(Debug, Clone)]
pub struct Joining {
    pub dev_eui: DevEui,
    /// The JoinEUI its requests must carry, if one was registered.
    pub join_eui: Option<String>,
    pub region: Region,
    pub app_key: SessionKey,
}

/// The session a join opens.
#[derive(Debug, Clone)]
pub struct JoinedSession {
    pub dev_eui: DevEui,
    pub dev_nonce: u16,
    pub dev_addr: DevAddr,
    pub nwk_s_key: SessionKey,
    pub app_s_key: SessionKey,
}

pub async fn exists(db: &Db, dev_eui: &DevEui) -> Result<bool, ServiceError> {
    let found: Option<String> = sqlx::query_scalar("SELECT dev_eui FROM otaa_devices WHERE dev_eui = $1")
        .bind(dev_eui.to_string())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Registers a device; a concurrent registration of the same DevEUI is a
/// conflict on `devEUI`.
pub async fn create(db: &Db, d: OtaaDeviceRow) -> Result<(), ServiceError> {
    insert(&db.pool, d).await?;
    db.changed();
    Ok(())
}

/// `create` on a given connection or inside a transaction.
pub async fn insert<'e, E>(executor: E, d: OtaaDeviceRow) -> Result<(), ServiceError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO otaa_devices (dev_eui, dev_name, join_eui, app_id, region, subnet, app_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(d.dev_eui.to_string())
    .bind(d.dev_name)
    .bind(d.join_eui)
    .bind(d.app_id)
    .bind(d.region.code())
    .bind(d.subnet)
    .bind(d.app_key.to_hex())
    .bind(now().0)
    .execute(executor)
    .await
    .map_err(ServiceError::unique_as("devEUI", "the device is already registered"))?;
    Ok(())
}

/// The device a Join-Request names, if it joins over the air.
pub async fn joining(db: &Db, dev_eui: &DevEui) -> Result<Option<Joining>, ServiceError> {
    let stored = |what: &str, e: String| ServiceError::Internal(format!("stored OTAA device {what}: {e}"));
    let row = sqlx::query("SELECT join_eui, region, app_key FROM otaa_devices WHERE dev_eui = $1")
        .bind(dev_eui.to_string())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        let join_eui = rows::text(&row, "join_eui")?;
        Ok(Joining {
            dev_eui: dev_eui.clone(),
            join_eui: (!join_eui.is_empty()).then_some(join_eui),
            region: Region::parse(&rows::text(&row, "region")?).map_err(|e| stored("region", e))?,
            app_key: SessionKey::parse(&rows::text(&row, "app_key")?).map_err(|e| stored("key", e))?,
        })
    })
    .transpose()
}

/// Opens the session of a join inside `tx`: the DevNonce is taken (false,
/// and nothing changes, when the device used it before: a replay), and the
/// device's session replaced by the new one with fresh frame counters.
pub async fn join(tx: &mut Transaction<'static, Any>, s: &JoinedSession, at: Timestamp) -> Result<bool, ServiceError> {
    let fresh = sqlx::query(
        "INSERT INTO otaa_nonces (dev_eui, dev_nonce, at) VALUES ($1, $2, $3) ON CONFLICT (dev_eui, dev_nonce) DO NOTHING",
    )
    .bind(s.dev_eui.to_string())
    .bind(i64::from(s.dev_nonce))
    .bind(at.0)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if fresh == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM lorawan_devices WHERE dev_eui = $1")
        .bind(s.dev_eui.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO lorawan_devices (dev_eui, dev_name, app_eui, app_id, region, subnet, dev_addr, app_s_key, nwk_s_key, created_at)
         SELECT dev_eui, dev_name, join_eui, app_id, region, subnet, $1, $2, $3, $4 FROM otaa_devices WHERE dev_eui = $5",
    )
    .bind(String::from(s.dev_addr))
    .bind(s.app_s_key.to_hex())
    .bind(s.nwk_s_key.to_hex())
    .bind(at.0)
    .bind(s.dev_eui.to_string())
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE otaa_devices SET joined_at = $1 WHERE dev_eui = $2")
        .bind(at.0)
        .bind(s.dev_eui.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// Removes the OTAA registrations of these DevEUIs inside `tx` (their
/// DevNonces stay: a request recorded before cannot be played later);
/// returns how many there were.
pub async fn delete(tx: &mut Transaction<'static, Any>, dev_euis: &[&DevEui]) -> Result<u64, ServiceError> {
    let mut removed = 0;
    for eui in dev_euis {
        removed += sqlx::query("DELETE FROM otaa_devices WHERE dev_eui = $1")
            .bind(eui.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
    }
    Ok(removed)
}
