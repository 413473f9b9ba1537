//! Stored readings, by area and time range.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_area;
use crate::backend::store::readings as store;
use crate::model::paging::Page;
use crate::model::reading::{ReadingFilter, ReadingRow};

pub async fn list_readings(db: &Db, caller: &Caller, f: ReadingFilter) -> Result<Page<ReadingRow>, ServiceError> {
    let scope = require_area(db, caller, f.area_id).await?;
    if f.end < f.start {
        return Err(ServiceError::invalid("endDate", "is before startDate"));
    }
    let (rows, total) = store::list(db, &scope.subtree_pattern(), &f).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}

pub use crate::backend::store::readings::LatestReading;
