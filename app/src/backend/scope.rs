//! Which areas, meters and households a caller may see and change.
//!
//! An operator manages some areas and everything below them; a household only
//! itself and its meters. Every service that touches an area, meter or
//! household goes through one of these checks.

use super::auth::{AdminCaller, Caller};
use super::db::Db;
use super::error::ServiceError;
use super::sql::Sql;
use crate::model::ids::{AreaId, DevEui, HouseholdId, Imei, MeterId};
use crate::model::meter::MeterRef;

/// An area the caller may use, with its path for subtree filters.
#[derive(Debug, Clone)]
pub struct AreaScope {
    pub id: AreaId,
    pub path: String,
}

impl AreaScope {
    /// `LIKE` pattern matching this area and all below it.
    pub fn subtree_pattern(&self) -> String {
        format!("{}%", self.path)
    }
}

fn within(roots: &[String], path: &str) -> bool {
    roots.iter().any(|root| path.starts_with(root.as_str()))
}

/// Whether the operator manages the area at `path` (directly or through an ancestor).
pub fn manages(admin: &AdminCaller, path: &str) -> bool {
    within(&admin.roots, path)
}

/// Whether an object owned by the area at `path` is visible to the operator:
/// it is in the operator's subtrees, or in an area above them (the root
/// area's gateways and price plans are shared read-only with everything below).
pub fn sees(admin: &AdminCaller, path: &str) -> bool {
    within(&admin.roots, path) || admin.roots.iter().any(|root| root.starts_with(path))
}

/// The area an operator's new gateways and price plans belong to when the
/// request names none: the highest area they manage.
pub fn home_area(admin: &AdminCaller) -> Result<AreaId, ServiceError> {
    admin
        .roots
        .iter()
        .min_by_key(|root| root.len())
        .and_then(|root| root.trim_end_matches('/').rsplit('/').next())
        .and_then(|last| last.parse().ok())
        .map(AreaId)
        .ok_or_else(|| ServiceError::Forbidden("you manage no area".into()))
}

/// The area a new object an area owns (a gateway, a price plan) goes to:
/// the one named, which the operator must manage, or their highest.
pub async fn owning_area(db: &Db, caller: &Caller, named: Option<AreaId>) -> Result<AreaId, ServiceError> {
    let area = match named {
        Some(area) => area,
        None => home_area(caller.admin()?)?,
    };
    require_area(db, caller, area).await?;
    Ok(area)
}

/// Whether the operator may change an object owned by the area at `path`
/// (`what` names it): not found when they cannot even see it, forbidden
/// when it belongs to an area above theirs.
pub fn may_change(admin: &AdminCaller, path: &str, what: &str) -> Result<(), ServiceError> {
    if !sees(admin, path) {
        Err(ServiceError::not_found(format!("{what} not found")))
    } else if !manages(admin, path) {
        Err(ServiceError::Forbidden(format!("{what} belongs to an area above yours: its operators change it")))
    } else {
        Ok(())
    }
}

/// Adds ` AND <area_column> IN (...)` for the areas whose objects the
/// operator sees (see [`sees`]): their subtrees and the areas above them,
/// whose ids are the steps of the managed areas' paths.
pub fn push_visible(q: &mut Sql, admin: &AdminCaller, area_column: &str) {
    q.push(" AND (").push(area_column).push(" IN (SELECT id FROM areas WHERE 1 = 0");
    for root in &admin.roots {
        q.push(" OR path LIKE ").bind(format!("{root}%"));
    }
    q.push(") OR ").push(area_column).push(" IN (0");
    for id in admin.roots.iter().flat_map(|r| r.split('/')).filter_map(|step| step.parse::<i64>().ok()) {
        q.push(", ").bind(id);
    }
    q.push("))");
}

/// Adds ` AND <area_column> IN (the caller's areas and all below them)`.
pub fn push_managed(q: &mut Sql, admin: &AdminCaller, area_column: &str) {
    q.push(" AND ").push(area_column).push(" IN (SELECT id FROM areas WHERE 1 = 0");
    for root in &admin.roots {
        q.push(" OR path LIKE ").bind(format!("{root}%"));
    }
    q.push(")");
}

/// The path of an area, if it exists.
pub async fn area_path(db: &Db, id: AreaId) -> Result<Option<String>, ServiceError> {
    if let Some(path) = db.caches.area_paths.get(&id) {
        return Ok(Some(path));
    }
    let path = crate::backend::store::areas::path(db, id).await?;
    // Only paths are kept: an area missing now may be created a moment later.
    if let Some(p) = &path {
        db.caches.area_paths.put(id, p.clone());
    }
    Ok(path)
}

/// Requires an operator who manages `area` (directly or through an ancestor).
pub async fn require_area(db: &Db, caller: &Caller, area: AreaId) -> Result<AreaScope, ServiceError> {
    let admin = caller.admin()?;
    let path = area_path(db, area).await?.ok_or_else(|| ServiceError::not_found(format!("area {area} not found")))?;
    if within(&admin.roots, &path) {
        Ok(AreaScope { id: area, path })
    } else {
        Err(ServiceError::Forbidden(format!("area {area} is not one of your areas")))
    }
}

/// A meter the caller may see, with what access checks need.
#[derive(Debug, Clone)]
pub struct MeterAccess {
    pub id: MeterId,
    pub household_id: HouseholdId,
    pub area_path: String,
    /// `false` once removed (`archivesChange` type 0): kept, not commanded.
    pub active: bool,
}

impl MeterAccess {
    /// Refuses a removed meter: commands to it would never be answered.
    pub fn require_active(&self) -> Result<(), ServiceError> {
        if self.active { Ok(()) } else { Err(ServiceError::invalid("devEui", "the meter is removed")) }
    }
}

pub const METER_NOT_FOUND: &str = "meter information not found!";

/// Finds a meter by id, DevEUI or IMEI and checks the caller may see it.
/// A meter outside the caller's reach is reported as not found.
pub async fn require_meter(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<MeterAccess, ServiceError> {
    let (id, household_id, status, area_path) = crate::backend::store::meters::access_facts(db, meter)
        .await?
        .ok_or_else(|| ServiceError::not_found(METER_NOT_FOUND))?;
    let access =
        MeterAccess { id, household_id, area_path, active: status == crate::model::meter::MeterStatus::Active };
    if may_see_meter(caller, access.household_id, &access.area_path) {
        Ok(access)
    } else {
        Err(ServiceError::not_found(METER_NOT_FOUND))
    }
}

/// The one meter several identifiers name (a client sending `imei`,
/// `devEui` and `meterNo` at once): those naming no meter the caller may see
/// are passed over, and two different meters are refused.
pub async fn one_meter(db: &Db, caller: &Caller, named: &[MeterRef]) -> Result<MeterRef, ServiceError> {
    let mut found: Option<MeterId> = None;
    for meter in named {
        match require_meter(db, caller, meter).await {
            Ok(access) if found.is_some_and(|id| id != access.id) => {
                return Err(ServiceError::invalid("devEui", "the identifiers given name two different meters"));
            }
            Ok(access) => found = Some(access.id),
            Err(ServiceError::NotFound(_)) => {}
            Err(other) => return Err(other),
        }
    }
    found.map(MeterRef::Id).ok_or_else(|| ServiceError::not_found(METER_NOT_FOUND))
}

/// Whether the caller may see a meter of `household` in the area at `area_path`.
pub fn may_see_meter(caller: &Caller, household: HouseholdId, area_path: &str) -> bool {
    match caller {
        Caller::Admin(admin) => within(&admin.roots, area_path),
        Caller::Household { id, .. } => *id == household,
    }
}

/// Checks the caller may see a household; returns its area path.
pub async fn require_household(db: &Db, caller: &Caller, id: HouseholdId) -> Result<String, ServiceError> {
    let not_found = || ServiceError::not_found(format!("household {id} not found"));
    let path = crate::backend::store::households::area_path(db, id).await?.ok_or_else(not_found)?;
    let allowed = match caller {
        Caller::Admin(admin) => within(&admin.roots, &path),
        Caller::Household { id: own, .. } => *own == id,
    };
    if allowed { Ok(path) } else { Err(not_found()) }
}

/// Parses the identifiers clients send for one meter.
pub fn meter_ref_from(dev_eui: Option<DevEui>, imei: Option<Imei>, id: Option<MeterId>) -> Option<MeterRef> {
    id.map(MeterRef::Id).or(dev_eui.map(MeterRef::DevEui)).or(imei.map(MeterRef::Imei))
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn shared_objects_are_those_of_areas_above() {
        let admin = super::AdminCaller {
            id: crate::model::ids::AdminId(2),
            username: "north".into(),
            roots: vec!["/1/4/".into(), "/1/7/9/".into()],
        };
        assert!(super::sees(&admin, "/1/"), "the root area's objects are shared");
        assert!(super::sees(&admin, "/1/7/"));
        assert!(super::sees(&admin, "/1/4/5/"));
        assert!(!super::sees(&admin, "/1/8/"), "a sibling's objects are not");
        assert!(!super::manages(&admin, "/1/"));
        assert_eq!(super::home_area(&admin).unwrap(), crate::model::ids::AreaId(4));
    }

    #[test]
    fn subtree_is_a_path_prefix() {
        let roots = vec!["/1/4/".to_owned()];
        assert!(within(&roots, "/1/4/"));
        assert!(within(&roots, "/1/4/9/"));
        assert!(!within(&roots, "/1/"));
        assert!(!within(&roots, "/1/40/"), "a sibling whose id starts alike is outside");
    }
}
