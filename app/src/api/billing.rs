//! The billing run and paying bills.

use crate::model::AppError;
use crate::model::fixed::Money;
use crate::model::time::Month;
use leptos::prelude::*;

/// Bills every postpaid meter for `month`; answers (bills written, meters looked at).
#[server(prefix = "/sfn", endpoint = "run_billing", input = server_fn::codec::Json)]
pub async fn run_billing(month: Month) -> Result<(u64, u64), AppError> {
    use crate::backend::{services::billing, session};
    session::with_caller(|state, caller| async move {
        let summary = billing::run_billing(&state.db, &caller, month).await?;
        Ok((summary.created, summary.meters))
    })
    .await
}

/// An operator records a bill paid at the desk.
#[server(prefix = "/sfn", endpoint = "mark_bill_paid", input = server_fn::codec::Json)]
pub async fn mark_bill_paid(bill_id: i64) -> Result<(), AppError> {
    use crate::backend::{services::billing, session};
    session::with_caller(|state, caller| async move { billing::mark_paid(&state.db, &caller, bill_id).await }).await
}

/// A household (or an operator for it) pays a bill from the balance.
// A form's encoding: the button posts without JavaScript too.
#[server(prefix = "/sfn", endpoint = "pay_bill")]
pub async fn pay_bill(bill_id: i64) -> Result<Money, AppError> {
    use crate::backend::{services::billing, session};
    session::with_caller(|state, caller| async move {
        billing::pay_from_balance(&state.db, &state.settings, &caller, bill_id).await
    })
    .await
}
