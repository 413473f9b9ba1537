//! Whose clock a meter, an area or an operator runs on.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{MeterAccess, require_area, require_meter};
use crate::backend::store::{self, zones as store_zones};
use crate::model::ids::AreaId;
use crate::model::meter::MeterRef;
use crate::model::zone::Zone;

/// The zone of a meter already checked (its area's, inherited).
pub async fn of_access(db: &Db, access: &MeterAccess) -> Result<Zone, ServiceError> {
    Ok(store_zones::load(db).await?.of_path(&access.area_path))
}

/// The zone of a meter. When every area runs on the installation's clock
/// (the common case) no lookup is made, so this does not by itself decide
/// whether the caller may see the meter: the service that then reads the
/// meter does.
pub async fn of_meter(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<Zone, ServiceError> {
    let zones = store_zones::load(db).await?;
    if zones.single() {
        return Ok(zones.installation);
    }
    Ok(zones.of_path(&require_meter(db, caller, meter).await?.area_path))
}

/// The installation's zone (times shown before anyone is signed in).
pub async fn installation(db: &Db) -> Result<Zone, ServiceError> {
    Ok(store_zones::load(db).await?.installation)
}

/// The zone an operator's pages and figures are in: that of the first area
/// they manage; a household's, that of its area.
pub async fn of_caller(db: &Db, caller: &Caller) -> Result<Zone, ServiceError> {
    let zones = store_zones::load(db).await?;
    if zones.single() {
        return Ok(zones.installation);
    }
    let path = match caller {
        Caller::Admin(admin) => admin.roots.first().cloned().unwrap_or_default(),
        Caller::Household { id, .. } => store::households::area_path(db, *id).await?.unwrap_or_default(),
    };
    Ok(zones.of_path(&path))
}

/// Sets an area's own zone (`None`: it inherits its parent's), for the
/// area and every area below it that does not set one.
pub async fn set_area_zone(db: &Db, caller: &Caller, area: AreaId, zone: Option<Zone>) -> Result<(), ServiceError> {
    caller.admin()?;
    require_area(db, caller, area).await?;
    let mut tx = db.begin().await?;
    store_zones::set_area(&mut tx, area, zone).await?;
    db.commit(tx).await?;
    db.caches.zones.clear();
    Ok(())
}
