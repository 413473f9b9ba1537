//! Readings, valve records and bills.

use crate::model::AppError;
use crate::model::bill::{Bill, BillFilter};
use crate::model::paging::Page;
use crate::model::reading::{ReadingFilter, ReadingRow};
use crate::model::valve::{ValveFilter, ValveRecord};
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_readings", input = server_fn::codec::Json)]
pub async fn list_readings(filter: ReadingFilter) -> Result<Page<ReadingRow>, AppError> {
    use crate::backend::{services::readings, session};
    session::with_caller(|state, caller| async move { readings::list_readings(&state.db, &caller, filter).await }).await
}

#[server(prefix = "/sfn", endpoint = "list_valve_records", input = server_fn::codec::Json)]
pub async fn list_valve_records(filter: ValveFilter) -> Result<Page<ValveRecord>, AppError> {
    use crate::backend::{services::valve_records, session};
    session::with_caller(
        |state, caller| async move { valve_records::list_valve_records(&state.db, &caller, filter).await },
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "list_bills", input = server_fn::codec::Json)]
pub async fn list_bills(filter: BillFilter) -> Result<Page<Bill>, AppError> {
    use crate::backend::{services::bills, session};
    session::with_caller(|state, caller| async move { bills::list_bills(&state.db, &caller, filter).await }).await
}
