//! Top-ups from the portal.

use crate::model::AppError;
use crate::model::order::{PaymentOrder, PortalTopUp};
use leptos::prelude::*;

/// A household pays through the payment provider; an operator records cash.
#[server(prefix = "/sfn", endpoint = "top_up")]
pub async fn top_up(req: PortalTopUp) -> Result<PaymentOrder, AppError> {
    use crate::backend::auth::Caller;
    use crate::backend::{ServiceError, services::topups, session};
    use crate::model::fixed::Money;
    use crate::model::meter::MeterRef;
    use crate::model::order::{Channel, TopUp};
    session::with_caller(|state, caller| async move {
        let amount = Money::parse(&req.amount).map_err(|e| ServiceError::invalid("amount", e.to_string()))?;
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
            amount,
            device_amount: None,
            idempotency_key: Some(key.clone()),
            channel,
        };
        let order = topups::pay(&state.db, &state.settings, state.payments.as_ref(), &caller, order).await?;
        // A household's payment ends on its dashboard, read afresh (balance,
        // estimate, history) with the order's outcome: followed by the
        // browser with JavaScript, a 302 without. Reloading it pays nothing.
        if channel == Channel::Portal {
            leptos_axum::redirect(&format!("/household?paid={}", order.order_no));
        }
        Ok(order)
    })
    .await
}

/// The order a household's dashboard was sent back with after a top-up, if
/// it is the caller's. An unknown number is no outcome to show, not an error:
/// the dashboard around it still answers 200.
#[server(prefix = "/sfn", endpoint = "top_up_outcome", input = server_fn::codec::Json)]
pub async fn top_up_outcome(order_no: String) -> Result<Option<PaymentOrder>, AppError> {
    use crate::backend::{ServiceError, services::topups, session};
    session::with_caller(|state, caller| async move {
        match topups::get_order(&state.db, &caller, &order_no).await {
            Ok(order) => Ok(Some(order)),
            Err(ServiceError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

/// A fresh key for a top-up form.
#[server(prefix = "/sfn", endpoint = "form_key")]
pub async fn form_key() -> Result<String, AppError> {
    Ok(crate::backend::auth::random_token()[..24].to_owned())
}

/// An operator gives a succeeded payment back (once), with a reason.
#[server(prefix = "/sfn", endpoint = "refund_order", input = server_fn::codec::Json)]
pub async fn refund_order(order_no: String, reason: String) -> Result<PaymentOrder, AppError> {
    use crate::backend::{services::refunds, session};
    session::with_caller(|state, caller| async move {
        refunds::refund(&state.db, &state.settings, &caller, &order_no, &reason).await
    })
    .await
}

/// A meter's latest payment orders, newest first.
#[server(prefix = "/sfn", endpoint = "list_orders", input = server_fn::codec::Json)]
pub async fn list_orders(
    meter_id: crate::model::ids::MeterId,
) -> Result<crate::model::paging::Page<PaymentOrder>, AppError> {
    use crate::backend::{services::topups, session};
    use crate::model::meter::MeterRef;
    use crate::model::paging::PageRequest;
    use crate::model::time::Timestamp;
    session::with_caller(|state, caller| async move {
        let page = PageRequest::at(1, 20);
        topups::list_orders(&state.db, &caller, &MeterRef::Id(meter_id), Timestamp(0), Timestamp::LATEST, page).await
    })
    .await
}
