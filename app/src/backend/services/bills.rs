//! Monthly bills, by area or by meter.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{require_area, require_meter};
use crate::backend::store::bills::{self as store, BillsOf};
use crate::model::bill::{Bill, BillFilter, BillScope};
use crate::model::paging::Page;

pub async fn list_bills(db: &Db, caller: &Caller, f: BillFilter) -> Result<Page<Bill>, ServiceError> {
    let of = match &f.scope {
        BillScope::Area(area) => BillsOf::Subtree(require_area(db, caller, *area).await?.subtree_pattern()),
        BillScope::Meter(meter) => BillsOf::Meter(require_meter(db, caller, meter).await?.id),
    };
    let (rows, total) = store::list(db, &of, &f).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}
