//! Valve switching records with the state of the command each one queued.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_area;
use crate::backend::store::valve_records as store;
use crate::model::paging::Page;
use crate::model::valve::{ValveFilter, ValveRecord};

pub async fn list_valve_records(db: &Db, caller: &Caller, f: ValveFilter) -> Result<Page<ValveRecord>, ServiceError> {
    // Operators' lists: a household reads its own meter's through `meter_records`.
    caller.admin()?;
    if f.end < f.start {
        return Err(ServiceError::invalid("endDate", "is before startDate"));
    }
    let subtree = match f.area_id {
        Some(id) => Some(require_area(db, caller, id).await?.subtree_pattern()),
        None => None,
    };
    let meter = match &f.meter {
        Some(meter) => Some(crate::backend::scope::require_meter(db, caller, meter).await?.id),
        None => None,
    };
    if subtree.is_none() && meter.is_none() {
        return Err(ServiceError::invalid("areaId", "is required unless a meter is given"));
    }
    let (rows, total) = store::list(db, subtree.as_deref(), meter, &f).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}

/// One meter's valve records, newest first (a household sees its own).
pub async fn meter_records(
    db: &Db,
    caller: &Caller,
    meter: &crate::model::meter::MeterRef,
    page: crate::model::paging::PageRequest,
) -> Result<Page<ValveRecord>, ServiceError> {
    let access = crate::backend::scope::require_meter(db, caller, meter).await?;
    let (rows, total) = store::of_meter(db, access.id, page).await?;
    Ok(Page { rows, number: page.number(), size: page.size(), total_rows: total })
}
