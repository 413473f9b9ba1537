//! Valve switching records with the state of the command each one queued.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_area;
use crate::backend::store::valve_records as store;
use crate::model::paging::Page;
use crate::model::valve::{ValveFilter, ValveRecord};

pub async fn list_valve_records(db: &Db, caller: &Caller, f: ValveFilter) -> Result<Page<ValveRecord>, ServiceError> {
    let scope = require_area(db, caller, f.area_id).await?;
    if f.end < f.start {
        return Err(ServiceError::invalid("endDate", "is before startDate"));
    }
    let (rows, total) = store::list(db, &scope.subtree_pattern(), &f).await?;
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
