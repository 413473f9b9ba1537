//! LoRaWAN gateways (`addGateway`, `modifyGateway`, `readGatewayStatus`) and
//! what the radio path learns of them.
//!
//! A gateway belongs to an area: the operators of that area (or above) change
//! it, those below see it (a gateway of the root area serves everyone), and
//! nobody else learns it exists.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{may_change, owning_area, sees};
use crate::backend::store::gateways::{self as store, GatewayRow};
use crate::model::gateway::GatewayStat;
use crate::model::ids::GatewayEui;
use crate::model::region::Region;

pub use crate::model::gateway::{Gateway, GatewayPatch, NewGateway};

fn parse_id(raw: &str) -> Result<GatewayEui, ServiceError> {
    GatewayEui::parse(raw).map_err(|e| ServiceError::invalid("gwID", e))
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

fn check_region(region: &str) -> Result<Region, ServiceError> {
    Region::parse(region).map_err(|e| ServiceError::invalid("region", e))
}

pub async fn add_gateway(db: &Db, caller: &Caller, req: NewGateway) -> Result<(), ServiceError> {
    let area_id = owning_area(db, caller, req.area_id).await?;
    let gw_id = parse_id(&req.gw_id)?;
    let row = GatewayRow {
        name: check_name(&req.name)?,
        region: check_region(&req.region)?,
        gw_type: super::required_text("gwType", &req.gw_type, 40)?,
        subnet: super::optional_text("subnet", &req.subnet, 40)?,
        area_id,
        gw_id,
    };
    if store::exists(db, &row.gw_id).await? {
        // Not where: the gateway may belong to an area the caller cannot see.
        return Err(ServiceError::conflict("gwID", format!("gateway {} is already registered", row.gw_id)));
    }
    store::create(db, row).await
}

pub async fn modify_gateway(db: &Db, caller: &Caller, req: GatewayPatch) -> Result<(), ServiceError> {
    let admin = caller.admin()?;
    let id = parse_id(&req.gw_id)?;
    let (current, path) = store::get(db, &id).await?.ok_or_else(|| not_found(&id))?;
    may_change(admin, &path, &format!("gateway {id}"))?;
    let row = GatewayRow {
        name: req.name.as_deref().map(check_name).transpose()?.unwrap_or(current.name),
        gw_type: req
            .gw_type
            .as_deref()
            .map(|t| super::required_text("gwType", t, 40))
            .transpose()?
            .unwrap_or(current.gw_type),
        region: req.region.as_deref().map(check_region).transpose()?.unwrap_or(current.region),
        subnet: req
            .subnet
            .as_deref()
            .map(|s| super::optional_text("subnet", s, 40))
            .transpose()?
            .unwrap_or(current.subnet),
        area_id: current.area_id,
        gw_id: id,
    };
    store::update(db, row).await
}

fn not_found(id: &GatewayEui) -> ServiceError {
    ServiceError::not_found(format!("gateway {id} not found"))
}

/// A gateway the caller may see; any other is "not found".
pub async fn get_gateway(db: &Db, caller: &Caller, gw_id: &str) -> Result<Gateway, ServiceError> {
    let admin = caller.admin()?;
    let id = parse_id(gw_id)?;
    let (gateway, _) =
        store::get(db, &id).await?.filter(|(_, path)| sees(admin, path)).ok_or_else(|| not_found(&id))?;
    Ok(gateway)
}

/// The gateways the caller may see, by name.
pub async fn list_gateways(db: &Db, caller: &Caller) -> Result<Vec<Gateway>, ServiceError> {
    store::list(db, caller.admin()?).await
}

/// A gateway sent something: it is online now, and its stat (when it sent
/// one) is kept. Answers whether the gateway is registered: frames from any
/// other are not taken.
pub async fn heard(db: &Db, id: &GatewayEui, stat: &GatewayStat) -> Result<bool, ServiceError> {
    store::heard(db, id, stat).await
}
