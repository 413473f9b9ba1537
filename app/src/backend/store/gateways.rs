//! Gateways: registration, the rows operators see, and the radio path's
//! "heard" writes.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::push_visible;
use crate::backend::sql::Sql;
use crate::model::gateway::{Gateway, GatewayStat};
use crate::model::ids::{AreaId, GatewayEui};
use crate::model::region::Region;

/// A gateway is online while it was heard within this many seconds.
pub const ONLINE_WINDOW_SECONDS: i64 = 120;

/// What registering or changing a gateway writes.
#[derive(Debug, Clone)]
pub struct GatewayRow {
    pub gw_id: GatewayEui,
    pub area_id: AreaId,
    pub name: String,
    pub gw_type: String,
    pub region: Region,
    pub subnet: String,
}

const COLUMNS: &str = "g.gw_id, g.area_id, a.path, g.name, g.gw_type, g.region, g.subnet, g.last_seen_at,
    g.latitude_micro, g.longitude_micro, g.altitude, g.created_at FROM gateways g JOIN areas a ON a.id = g.area_id";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Gateway, ServiceError> {
    let last_seen = rows::opt_int(row, "last_seen_at")?;
    let stored = |what: &str, e: String| ServiceError::Internal(format!("stored gateway {what}: {e}"));
    Ok(Gateway {
        gw_id: GatewayEui::parse(&rows::text(row, "gw_id")?).map_err(|e| stored("EUI", e))?,
        area_id: AreaId(rows::int(row, "area_id")?),
        name: rows::text(row, "name")?,
        gw_type: rows::text(row, "gw_type")?,
        region: Region::parse(&rows::text(row, "region")?).map_err(|e| stored("region", e))?,
        subnet: rows::text(row, "subnet")?,
        online: last_seen.is_some_and(|t| now().0 - t <= ONLINE_WINDOW_SECONDS),
        last_seen_at: last_seen,
        latitude_micro: rows::int(row, "latitude_micro")?,
        longitude_micro: rows::int(row, "longitude_micro")?,
        altitude: rows::int(row, "altitude")?,
        created_at: rows::int(row, "created_at")?,
    })
}

/// A gateway and its area's path, whoever may see it.
pub async fn get(db: &Db, id: &GatewayEui) -> Result<Option<(Gateway, String)>, ServiceError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} WHERE g.gw_id = $1"))
        .bind(id.to_string())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| Ok((from_row(&row)?, rows::text(&row, "path")?))).transpose()
}

/// The gateways in `visible_to`'s areas, by name.
pub async fn list(db: &Db, visible_to: &crate::backend::auth::AdminCaller) -> Result<Vec<Gateway>, ServiceError> {
    let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE 1 = 1"));
    push_visible(&mut q, visible_to, "g.area_id");
    q.push(" ORDER BY g.name, g.gw_id");
    let found = q.query().fetch_all(&db.pool).await?;
    found.iter().map(from_row).collect()
}

pub async fn exists(db: &Db, id: &GatewayEui) -> Result<bool, ServiceError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM gateways WHERE gw_id = $1")
        .bind(id.to_string())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Registers a gateway; a concurrent registration of the same EUI is a
/// conflict on `gwID`.
pub async fn create(db: &Db, g: GatewayRow) -> Result<(), ServiceError> {
    sqlx::query(
        "INSERT INTO gateways (gw_id, area_id, name, gw_type, region, subnet, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(g.gw_id.to_string())
    .bind(g.area_id.0)
    .bind(g.name)
    .bind(g.gw_type)
    .bind(g.region.code())
    .bind(g.subnet)
    .bind(now().0)
    .execute(&db.pool)
    .await
    .map_err(ServiceError::unique_as("gwID", "the gateway already exists"))?;
    db.changed();
    Ok(())
}

/// Changes a gateway's name, type, region and subnet (its area stays).
pub async fn update(db: &Db, g: GatewayRow) -> Result<(), ServiceError> {
    sqlx::query("UPDATE gateways SET name = $1, gw_type = $2, region = $3, subnet = $4 WHERE gw_id = $5")
        .bind(g.name)
        .bind(g.gw_type)
        .bind(g.region.code())
        .bind(g.subnet)
        .bind(g.gw_id.to_string())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(())
}

/// Marks a gateway as heard now, with what its stat says; false when no
/// gateway has this EUI.
pub async fn heard(db: &Db, id: &GatewayEui, stat: &GatewayStat) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE gateways SET last_seen_at = $1,
            latitude_micro = COALESCE($2, latitude_micro), longitude_micro = COALESCE($3, longitude_micro),
            altitude = COALESCE($4, altitude), rx_packets = COALESCE($5, rx_packets), tx_packets = COALESCE($6, tx_packets)
         WHERE gw_id = $7",
    )
    .bind(now().0)
    .bind(stat.latitude_micro)
    .bind(stat.longitude_micro)
    .bind(stat.altitude)
    .bind(stat.rx_packets)
    .bind(stat.tx_packets)
    .bind(id.to_string())
    .execute(&db.pool)
    .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}
