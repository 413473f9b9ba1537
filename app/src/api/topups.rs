//! Top-ups from the portal.

use crate::model::AppError;
use crate::model::order::{PaymentOrder, PortalTopUp};
use leptos::prelude::*;

/// A household pays through the payment provider; an operator records cash.
#[server(prefix = "/sfn", endpoint = "top_up")]
pub async fn top_up(req: PortalTopUp) -> Result<PaymentOrder, AppError> {
    use crate::backend::auth::Caller;
    use crate::backend::{ServiceError, services::topups, session};
    use crate::model::meter::MeterRef;
    use crate::model::order::{Channel, TopUp};
    session::with_caller(|state, caller| async move {
        let key = req.idempotency_key.trim().to_owned();
        if key.len() < 8 {
            return Err(ServiceError::invalid("idempotency_key", "is missing: reload the page"));
        }
        let channel = match caller {
            Caller::Household { .. } => Channel::Portal,
            Caller::Admin(_) => Channel::Cash,
        };
        let order = TopUp {
            meter: MeterRef::Id(req.meter_id),
            amount: req.amount,
            device_amount: None,
            idempotency_key: Some(key.clone()),
            channel,
        };
        topups::precheck(&state.db, &caller, &order).await?;
        if channel == Channel::Portal {
            // The provider charges a reference once; then the platform credits once.
            state.payments.charge(req.amount, &key).map_err(|reason| ServiceError::invalid("amount", reason))?;
        }
        topups::top_up(&state.db, &state.settings, &caller, order).await
    })
    .await
}

/// A fresh key for a top-up form.
#[server(prefix = "/sfn", endpoint = "form_key")]
pub async fn form_key() -> Result<String, AppError> {
    Ok(crate::backend::auth::random_token()[..24].to_owned())
}
