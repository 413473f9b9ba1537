//! LoRaWAN gateways (`addGateway`, `modifyGateway`, `readGatewayStatus`).
//!
//! A gateway belongs to an area: the operators of that area (or above) change
//! it, those below see it (a gateway of the root area serves everyone), and
//! nobody else learns it exists.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::{may_change, owning_area, push_visible, sees};
use crate::backend::sql::Sql;
use crate::model::ids::AreaId;

/// A gateway is online while it was heard within this many seconds.
pub const ONLINE_WINDOW_SECONDS: i64 = 120;

/// A gateway EUI: 16 hex digits. The document's own sample has 15 and a
/// space ("b827ebff ed58048"): blanks are dropped and short ids zero-padded.
pub fn parse_gateway_id(raw: &str) -> Result<String, ServiceError> {
    let hex: String = raw.chars().filter(|c| !c.is_whitespace() && *c != ':' && *c != '-').collect();
    if hex.is_empty() || hex.len() > 16 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ServiceError::invalid("gwID", format!("must be up to 16 hexadecimal digits, got {raw:?}")));
    }
    Ok(format!("{:0>16}", hex.to_ascii_lowercase()))
}

/// Names: letters, digits, underscores and dashes, at most 20 (the document
/// says letters and underscores; its own samples use digits).
fn check_name(name: &str) -> Result<String, ServiceError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 20 || !n.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return Err(ServiceError::invalid("gwName", "must be 1 to 20 letters, digits, underscores or dashes"));
    }
    Ok(n.to_owned())
}

fn check_region(region: &str) -> Result<String, ServiceError> {
    let r = region.trim().to_ascii_lowercase();
    const KNOWN: [&str; 8] = ["eu868", "cn470", "us915", "as923", "au915", "in865", "kr920", "cn779"];
    if KNOWN.contains(&r.as_str()) {
        Ok(r)
    } else {
        Err(ServiceError::invalid("region", format!("unknown region {region:?} (eu868, cn470, us915, as923, ...)")))
    }
}

pub use crate::model::gateway::{Gateway, GatewayPatch, NewGateway};

pub async fn add_gateway(db: &Db, caller: &Caller, req: NewGateway) -> Result<(), ServiceError> {
    let area = owning_area(db, caller, req.area_id).await?;
    let id = parse_gateway_id(&req.gw_id)?;
    let name = check_name(&req.name)?;
    let region = check_region(&req.region)?;
    let gw_type = super::required_text("gwType", &req.gw_type, 40)?;
    let subnet = super::optional_text("subnet", &req.subnet, 40)?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM gateways WHERE gw_id = $1")
        .bind(id.clone())
        .fetch_optional(&db.pool)
        .await?;
    if exists.is_some() {
        // Not where: the gateway may belong to an area the caller cannot see.
        return Err(ServiceError::conflict("gwID", format!("gateway {id} is already registered")));
    }
    sqlx::query(
        "INSERT INTO gateways (gw_id, area_id, name, gw_type, region, subnet, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(area.0)
    .bind(name)
    .bind(gw_type)
    .bind(region)
    .bind(subnet)
    .bind(now().0)
    .execute(&db.pool)
    .await
    .map_err(ServiceError::unique_as("gwID", "the gateway already exists"))?;
    db.changed();
    Ok(())
}

pub async fn modify_gateway(db: &Db, caller: &Caller, req: GatewayPatch) -> Result<(), ServiceError> {
    let admin = caller.admin()?;
    let id = parse_gateway_id(&req.gw_id)?;
    let (current, path) = find(db, &id).await?.ok_or_else(|| not_found(&id))?;
    may_change(admin, &path, &format!("gateway {id}"))?;
    let name = req.name.as_deref().map(check_name).transpose()?.unwrap_or(current.name);
    let gw_type =
        req.gw_type.as_deref().map(|t| super::required_text("gwType", t, 40)).transpose()?.unwrap_or(current.gw_type);
    let region = req.region.as_deref().map(check_region).transpose()?.unwrap_or(current.region);
    let subnet =
        req.subnet.as_deref().map(|s| super::optional_text("subnet", s, 40)).transpose()?.unwrap_or(current.subnet);
    sqlx::query("UPDATE gateways SET name = $1, gw_type = $2, region = $3, subnet = $4 WHERE gw_id = $5")
        .bind(name)
        .bind(gw_type)
        .bind(region)
        .bind(subnet)
        .bind(id)
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(())
}

const GATEWAY_COLUMNS: &str = "g.gw_id, g.area_id, a.path, g.name, g.gw_type, g.region, g.subnet, g.last_seen_at,
    g.latitude_micro, g.longitude_micro, g.altitude, g.created_at FROM gateways g JOIN areas a ON a.id = g.area_id";

fn not_found(id: &str) -> ServiceError {
    ServiceError::not_found(format!("gateway {id} not found"))
}

/// A gateway and its area's path, whoever may see it.
async fn find(db: &Db, id: &str) -> Result<Option<(Gateway, String)>, ServiceError> {
    let row = sqlx::query(&format!("SELECT {GATEWAY_COLUMNS} WHERE g.gw_id = $1"))
        .bind(id.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| Ok((gateway_from(&row)?, rows::text(&row, "path")?))).transpose()
}

fn gateway_from(row: &sqlx::any::AnyRow) -> Result<Gateway, ServiceError> {
    let last_seen = rows::opt_int(row, "last_seen_at")?;
    Ok(Gateway {
        gw_id: rows::text(row, "gw_id")?,
        area_id: AreaId(rows::int(row, "area_id")?),
        name: rows::text(row, "name")?,
        gw_type: rows::text(row, "gw_type")?,
        region: rows::text(row, "region")?,
        subnet: rows::text(row, "subnet")?,
        online: last_seen.is_some_and(|t| now().0 - t <= ONLINE_WINDOW_SECONDS),
        last_seen_at: last_seen,
        latitude_micro: rows::int(row, "latitude_micro")?,
        longitude_micro: rows::int(row, "longitude_micro")?,
        altitude: rows::int(row, "altitude")?,
        created_at: rows::int(row, "created_at")?,
    })
}

/// A gateway the caller may see; any other is "not found".
pub async fn get_gateway(db: &Db, caller: &Caller, gw_id: &str) -> Result<Gateway, ServiceError> {
    let admin = caller.admin()?;
    let id = parse_gateway_id(gw_id)?;
    let (gateway, _) = find(db, &id).await?.filter(|(_, path)| sees(admin, path)).ok_or_else(|| not_found(&id))?;
    Ok(gateway)
}

/// The gateways the caller may see, by name.
pub async fn list_gateways(db: &Db, caller: &Caller) -> Result<Vec<Gateway>, ServiceError> {
    let admin = caller.admin()?;
    let mut q = Sql::new(&format!("SELECT {GATEWAY_COLUMNS} WHERE 1 = 1"));
    push_visible(&mut q, admin, "g.area_id");
    q.push(" ORDER BY g.name, g.gw_id");
    let found = q.query().fetch_all(&db.pool).await?;
    found.iter().map(gateway_from).collect()
}
