//! A meter's recent history for its household: use, payments, bills and
//! valve events.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::services::{bills, consumption, topups, valve_records};
use crate::model::bill::{BillFilter, BillScope};
use crate::model::history::MeterHistory;
use crate::model::meter::MeterRef;
use crate::model::paging::PageRequest;
use crate::model::time::Timestamp;

/// Rows of each list shown.
const LATEST: PageRequest = PageRequest::at(1, 10);

pub async fn meter_history(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<MeterHistory, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let meter = MeterRef::Id(access.id);
    let bills = BillFilter {
        scope: BillScope::Meter(meter.clone()),
        energy_type: None,
        month: None,
        username: None,
        user_number: None,
        page: LATEST,
    };
    Ok(MeterHistory {
        usage: consumption::series(db, caller, &meter).await?,
        orders: topups::list_orders(db, caller, &meter, Timestamp(0), Timestamp::LATEST, LATEST).await?.rows,
        bills: bills::list_bills(db, caller, bills).await?.rows,
        valves: valve_records::meter_records(db, caller, &meter, LATEST).await?.rows,
    })
}
