//! LoRaWAN devices: ABP sessions, their keys and frame counters.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::{Bind, Sql};
use crate::backend::store::ledger::ROWS_PER_STATEMENT;
use crate::model::ids::DevEui;
use crate::model::lorawan::{DevAddr, SessionKey};
use crate::model::region::Region;
use sqlx::{Any, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A registered device's row id.
pub type DeviceId = i64;

/// An ABP session that may own a DevAddr. Its `Debug` shows no key.
#[derive(Debug, Clone)]
pub struct AbpSession {
    pub device: DeviceId,
    pub dev_eui: DevEui,
    /// The last uplink counter accepted, none before the first frame.
    pub fcnt_up: Option<u32>,
    pub region: Region,
    pub nwk_s_key: SessionKey,
    pub app_s_key: SessionKey,
}

/// What registering a device writes.
#[derive(Debug, Clone)]
pub struct AbpDeviceRow {
    pub dev_eui: DevEui,
    pub dev_name: String,
    pub app_eui: String,
    pub app_id: String,
    pub region: Region,
    pub subnet: String,
    pub dev_addr: DevAddr,
    pub app_s_key: SessionKey,
    pub nwk_s_key: SessionKey,
}

pub async fn exists(db: &Db, dev_eui: &DevEui) -> Result<bool, ServiceError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM lorawan_devices WHERE dev_eui = $1")
        .bind(dev_eui.to_string())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Registers a device; a concurrent registration of the same DevEUI is a
/// conflict on `devEUI`.
pub async fn create(db: &Db, d: AbpDeviceRow) -> Result<(), ServiceError> {
    insert(&db.pool, d).await?;
    db.changed();
    Ok(())
}

/// `create` on a given connection or inside a transaction.
pub async fn insert<'e, E>(executor: E, d: AbpDeviceRow) -> Result<(), ServiceError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO lorawan_devices (dev_eui, dev_name, app_eui, app_id, region, subnet, dev_addr, app_s_key, nwk_s_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(d.dev_eui.to_string())
    .bind(d.dev_name)
    .bind(d.app_eui)
    .bind(d.app_id)
    .bind(d.region.code())
    .bind(d.subnet)
    .bind(String::from(d.dev_addr))
    .bind(d.app_s_key.to_hex())
    .bind(d.nwk_s_key.to_hex())
    .bind(now().0)
    .execute(executor)
    .await
    .map_err(ServiceError::unique_as("devEUI", "the device is already registered"))?;
    Ok(())
}

/// Which of these DevEUIs have keys registered here, by either activation
/// (ABP sessions here, OTAA devices in `otaa_devices`).
pub async fn registered_among(db: &Db, dev_euis: &[String]) -> Result<std::collections::HashSet<String>, ServiceError> {
    let mut found = std::collections::HashSet::new();
    for chunk in dev_euis.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk_for(db.backend, "SELECT dev_eui FROM lorawan_devices WHERE dev_eui IN ");
        q.push_list(chunk.iter().map(String::as_str));
        q.push(" UNION SELECT dev_eui FROM otaa_devices WHERE dev_eui IN ").push_list(chunk.iter().map(String::as_str));
        for row in q.query().fetch_all(&db.pool).await? {
            found.insert(rows::text(&row, "dev_eui")?);
        }
    }
    Ok(found)
}

/// Removes the devices of these DevEUIs inside `tx`; returns how many there were.
pub async fn delete(tx: &mut Transaction<'static, Any>, dev_euis: &[&DevEui]) -> Result<u64, ServiceError> {
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

/// The sessions of these DevAddrs, by DevAddr, in registration order (more
/// than one device may share an address; the MIC tells them apart).
pub async fn sessions(db: &Db, addrs: &[DevAddr]) -> Result<HashMap<DevAddr, Vec<AbpSession>>, ServiceError> {
    let stored = |what: &str, e: String| ServiceError::Internal(format!("stored device {what}: {e}"));
    let mut found: HashMap<DevAddr, Vec<AbpSession>> = HashMap::new();
    for chunk in addrs.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk_for(
            db.backend,
            "SELECT id, dev_addr, dev_eui, app_s_key, nwk_s_key, fcnt_up, region FROM lorawan_devices WHERE dev_addr IN ",
        );
        q.push_list(chunk.iter().map(|a| String::from(*a))).push(" ORDER BY id");
        for row in q.query().fetch_all(&db.pool).await? {
            let key = |col: &str| SessionKey::parse(&rows::text(&row, col)?).map_err(|e| stored("key", e));
            let addr = DevAddr::parse(&rows::text(&row, "dev_addr")?).map_err(|e| stored("DevAddr", e))?;
            found.entry(addr).or_default().push(AbpSession {
                device: rows::int(&row, "id")?,
                dev_eui: DevEui::parse(&rows::text(&row, "dev_eui")?).map_err(|e| stored("DevEUI", e))?,
                fcnt_up: rows::opt_int(&row, "fcnt_up")?.map(|v| v as u32),
                region: Region::parse(&rows::text(&row, "region")?).map_err(|e| stored("region", e))?,
                nwk_s_key: key("nwk_s_key")?,
                app_s_key: key("app_s_key")?,
            });
        }
    }
    Ok(found)
}

/// Moves each device's uplink counter to the highest of its claimed counters,
/// on the condition that it is still below the lowest: exactly once,
/// whichever gateway, batch or replica gets there first. Returns the devices
/// whose claim won.
pub async fn claim_counters(
    tx: &mut Transaction<'static, Any>,
    claims: impl IntoIterator<Item = (DeviceId, u32)>,
) -> Result<HashSet<DeviceId>, ServiceError> {
    let mut span: BTreeMap<DeviceId, (u32, u32)> = BTreeMap::new();
    for (device, fcnt) in claims {
        let e = span.entry(device).or_insert((fcnt, fcnt));
        e.0 = e.0.min(fcnt);
        e.1 = e.1.max(fcnt);
    }
    let span: Vec<_> = span.into_iter().collect();
    let mut won = HashSet::new();
    for chunk in span.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "WITH v (dev, lowest, highest) AS (VALUES ");
        q.push_rows(
            chunk.iter().map(|(d, (lo, hi))| [Bind::Int(*d), Bind::Int(i64::from(*lo)), Bind::Int(i64::from(*hi))]),
        );
        q.push(
            ") UPDATE lorawan_devices SET fcnt_up = v.highest FROM v
             WHERE lorawan_devices.id = v.dev AND (lorawan_devices.fcnt_up IS NULL OR lorawan_devices.fcnt_up < v.lowest)
             RETURNING id",
        );
        won.extend(q.query_scalar_i64().fetch_all(&mut **tx).await?.into_iter().map(|(d,)| d));
    }
    Ok(won)
}

/// Takes the device's next downlink counter; it is written before the frame
/// is built, so no counter is ever used twice.
pub async fn next_fcnt_down(db: &Db, device: DeviceId) -> Result<u32, ServiceError> {
    let fcnt: i64 =
        sqlx::query_scalar("UPDATE lorawan_devices SET fcnt_down = fcnt_down + 1 WHERE id = $1 RETURNING fcnt_down")
            .bind(device)
            .fetch_one(&db.pool)
            .await?;
    db.changed();
    u32::try_from(fcnt).map_err(|_| ServiceError::Internal(format!("downlink counter {fcnt} out of range")))
}
