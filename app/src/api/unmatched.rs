//! Money a provider confirmed that no household took: listed for operators
//! of a top-level area, who assign it to a household or mark it for refund.

use crate::model::AppError;
use crate::model::payment::Unmatched;
use leptos::prelude::*;

#[server(prefix = "/sfn", endpoint = "list_unmatched", input = server_fn::codec::Json)]
pub async fn list_unmatched() -> Result<Vec<Unmatched>, AppError> {
    use crate::backend::{services::unmatched, session};
    session::with_caller(|state, caller| async move { unmatched::list(&state.db, &caller).await }).await
}

/// Assigns a kept payment to the household an account number names (its
/// number, or one of its meters' number, DevEUI or IMEI).
#[server(prefix = "/sfn", endpoint = "assign_unmatched", input = server_fn::codec::Json)]
pub async fn assign_unmatched(id: i64, account: String) -> Result<Unmatched, AppError> {
    use crate::backend::{ServiceError, services::paybill, services::unmatched, session};
    session::with_caller(|state, caller| async move {
        let (household, _) = paybill::account_of(&state.db, &account)
            .await?
            .ok_or_else(|| ServiceError::invalid("account", format!("{account:?} names no one household or meter")))?;
        unmatched::assign(&state.db, &state.settings, &caller, id, household).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "refund_unmatched", input = server_fn::codec::Json)]
pub async fn refund_unmatched(id: i64, note: String) -> Result<Unmatched, AppError> {
    use crate::backend::{services::unmatched, session};
    session::with_caller(|state, caller| async move { unmatched::mark_refund(&state.db, &caller, id, &note).await })
        .await
}

/// Per provider and local day: confirmed against credited, differences named.
#[server(prefix = "/sfn", endpoint = "reconcile", input = server_fn::codec::Json)]
pub async fn reconcile(start: String, end: String) -> Result<Vec<crate::model::payment::ReconciledDay>, AppError> {
    use crate::backend::{services::reconciliation, session};
    session::with_caller(|state, caller| async move {
        reconciliation::reconcile_typed(&state.db, &caller, &start, &end).await
    })
    .await
}
