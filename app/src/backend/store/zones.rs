//! The installation's time zone and the areas' own.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::model::ids::AreaId;
use crate::model::zone::{Zone, Zones};
use sqlx::{Any, Executor, Transaction};
use std::sync::Arc;

fn parsed(text: &str, whose: &str) -> Result<Zone, ServiceError> {
    Zone::parse(text).map_err(|e| ServiceError::Internal(format!("{whose} time zone: {e}")))
}

/// Every zone rule, read in one statement.
pub async fn read<'e, E: Executor<'e, Database = Any>>(executor: E) -> Result<Zones, ServiceError> {
    let found: Vec<(i64, String)> = sqlx::query_as(
        "SELECT 0 AS id, time_zone FROM installation WHERE id = 1
         UNION ALL SELECT id, time_zone FROM areas WHERE time_zone IS NOT NULL",
    )
    .fetch_all(executor)
    .await?;
    let mut zones = Zones::default();
    for (id, text) in found {
        if id == 0 {
            zones.installation = parsed(&text, "the installation's")?;
        } else {
            zones.areas.push((AreaId(id), parsed(&text, &format!("area {id}'s"))?));
        }
    }
    Ok(zones)
}

/// Every zone rule, kept for a few seconds (most requests need them and they
/// change a few times in an installation's life); kept only if nothing was
/// written while they were read.
pub async fn load(db: &Db) -> Result<Arc<Zones>, ServiceError> {
    if let Some(zones) = db.caches.zones.get(&()) {
        return Ok(zones);
    }
    let generation = db.generation();
    let zones = Arc::new(read(&db.pool).await?);
    if db.generation() == generation {
        db.caches.zones.put((), zones.clone());
    }
    Ok(zones)
}

/// Sets the installation's zone (at start, from `METERLINE_TIME_ZONE`).
pub async fn set_installation(db: &Db, zone: Zone) -> Result<(), ServiceError> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE installation SET time_zone = $1 WHERE id = 1")
        .bind(zone.name().to_owned())
        .execute(&mut *tx)
        .await?;
    db.commit(tx).await?;
    db.caches.zones.clear();
    Ok(())
}

/// Sets or clears (`None`: inherit) an area's own zone, inside `tx`.
pub async fn set_area(
    tx: &mut Transaction<'static, Any>,
    area: AreaId,
    zone: Option<Zone>,
) -> Result<(), ServiceError> {
    sqlx::query("UPDATE areas SET time_zone = $1 WHERE id = $2")
        .bind(zone.map(|z| z.name().to_owned()))
        .bind(area.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
