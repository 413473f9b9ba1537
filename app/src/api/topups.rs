//! Top-ups from the portal.

use crate::model::AppError;
use crate::model::order::{PaymentOrder, PortalTopUp};
use leptos::prelude::*;

/// A household pays through a payment provider; an operator records cash.
#[server(prefix = "/sfn", endpoint = "top_up")]
pub async fn top_up(req: PortalTopUp) -> Result<PaymentOrder, AppError> {
    use crate::backend::auth::Caller;
    use crate::backend::{ServiceError, services::payments, services::topups, session};
    use crate::model::fixed::Money;
    use crate::model::meter::MeterRef;
    use crate::model::order::{Channel, TopUp};
    use crate::model::payment::PaymentStart;
    session::with_caller(|state, caller| async move {
        let key = req.idempotency_key.trim().to_owned();
        if key.len() < 8 {
            return Err(ServiceError::invalid("idempotency_key", "is missing: reload the page"));
        }
        if let Caller::Household { .. } = caller {
            let start = PaymentStart {
                meter_id: req.meter_id,
                provider: req.provider,
                phone: req.phone,
                amount: req.amount,
                idempotency_key: key,
            };
            let order = payments::start(&state.db, &state.settings, &state.payments, &caller, start).await?;
            // A household's payment goes on on its dashboard, which follows
            // the order ("approve on your phone") until it ends: followed by
            // the browser with JavaScript, a 302 without. Reloading it asks
            // nothing twice.
            match order.checkout_url.as_deref().filter(|_| order.state.is_open()) {
                // A hosted checkout: the payer finishes on the provider's
                // page, which sends them back to the dashboard.
                Some(url) => leptos_axum::redirect(url),
                None => leptos_axum::redirect(&format!("/household?paid={}", order.order_no)),
            }
            return Ok(order);
        }
        let amount = Money::parse(&req.amount).map_err(|e| ServiceError::invalid("amount", e.to_string()))?;
        let order = TopUp {
            meter: MeterRef::Id(req.meter_id),
            amount,
            device_amount: None,
            idempotency_key: Some(key),
            channel: Channel::Cash,
        };
        topups::top_up(&state.db, &state.settings, &caller, order).await
    })
    .await
}

/// The ways a household can pay here (the providers that are on).
#[server(prefix = "/sfn", endpoint = "payment_options", input = server_fn::codec::Json)]
pub async fn payment_options() -> Result<Vec<crate::model::payment::PaymentOption>, AppError> {
    use crate::backend::{services::payments, session};
    session::with_caller(|state, _caller| async move { Ok(payments::options(&state.payments)) }).await
}

/// An operator asks an order's provider again what became of it.
#[server(prefix = "/sfn", endpoint = "recheck_order", input = server_fn::codec::Json)]
pub async fn recheck_order(order_no: String) -> Result<PaymentOrder, AppError> {
    use crate::backend::{services::payments, session};
    session::with_caller(|state, caller| async move {
        payments::recheck(&state.db, &state.settings, &state.payments, &caller, &order_no).await
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
