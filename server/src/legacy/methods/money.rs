//! remotelyTopUp, recharge, rechargeToken, getRechargeOrderInfo, queryPayorders.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{LISTED, clock, distinct_meters, meter, page, time_text};
use crate::state::ServerState;
use app::backend::ServiceError;
use app::backend::auth::Caller;
use app::backend::clock::now;
use app::backend::services::topups;
use app::model::meter::MeterRef;
use app::model::order::{Channel, PaymentOrder, TopUp};
use app::model::time::Timestamp;
use app::model::zone::Zone;
use serde_json::{Value, json};

/// What a client polls: the command when one carries the credit, otherwise
/// the order number (queryCommandInfo answers for both).
fn value_id(order: &PaymentOrder) -> Value {
    order.command_id.map_or_else(|| json!(order.order_no), |c| json!(c.0.to_string()))
}

async fn top_up(
    state: &ServerState,
    caller: &Caller,
    meter: MeterRef,
    p: &Params,
    amount_keys: &[&'static str],
) -> Result<Answer, LegacyError> {
    let req = TopUp {
        meter,
        amount: p.req_fixed(amount_keys)?,
        device_amount: p.fixed::<4, { app::model::fixed::REGISTER }>(&["topUpToDeviceAmount"])?.map(|a| a.minor()),
        idempotency_key: p.text(&["idempotencyKey", "orderId", "sn", "outTradeNo"])?,
        channel: Channel::Legacy,
    };
    let order = topups::top_up(&state.app.db, &state.app.settings, caller, req).await?;
    let value_id = value_id(&order);
    Ok(Answer::ok("success").with("orderId", order.order_no.clone()).with("valueId", value_id).with(
        "value",
        json!({"orderId": order.order_no, "status": order.state.vendor_code(), "amount": number(order.amount)}),
    ))
}

pub async fn remotely_top_up(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(&state.app.db, caller, p, false).await?.ok_or(LegacyError::Missing("devEui"))?;
    top_up(state, caller, meter, p, &["topUpAmount", "amount"]).await
}

/// The old top-up: `{meterNo, amount}`, where meterNo is an IMEI or a DevEUI.
pub async fn recharge(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(&state.app.db, caller, p, false).await?.ok_or(LegacyError::Missing("meterNo"))?;
    top_up(state, caller, meter, p, &["amount", "topUpAmount"]).await
}

pub fn recharge_token() -> Result<Answer, LegacyError> {
    Err(LegacyError::Unsupported(
        "rechargeToken is not supported: STS token meters are not handled by Meterline; use remotelyTopUp".into(),
    ))
}

fn order_value(o: &PaymentOrder, zone: Zone) -> Value {
    json!({
        "orderId": o.order_no,
        "sn": o.order_no,
        "status": o.state.vendor_code(),
        "state": o.state.vendor_code(),
        "fee": number(o.amount),
        "amount": number(o.amount),
        "devEui": o.dev_eui.clone().unwrap_or_default(),
        "valueId": value_id(o),
        "tradingHours": zone.text(o.created_at),
        "createTime": zone.text(o.created_at),
        "finishTime": time_text(zone, o.finished_at),
        "result": o.result,
    })
}

pub async fn order_info(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let order_no = p.req_text(&["orderId", "sn", "orderNo"])?;
    let db = &state.app.db;
    let order = topups::get_order(db, caller, &order_no).await?;
    // A meter named beside the order must be the order's own.
    if let Some(named) = meter(db, caller, p, false).await? {
        let named = app::backend::scope::require_meter(db, caller, &named).await?;
        if order.meter_id != Some(named.id) {
            return Err(ServiceError::not_found(format!("order {order_no} not found for that meter")).into());
        }
    }
    Ok(Answer::ok("search successful").with("value", order_value(&order, clock(db, caller).await?)))
}

/// Orders of one or more meters; the default range is the last two days.
pub async fn pay_orders(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let db = &state.app.db;
    let named = distinct_meters(db, caller, p, &LISTED).await?;
    if named.is_empty() {
        return Err(LegacyError::Missing("devEuis"));
    }
    let zone = clock(db, caller).await?;
    let end = p.parsed(&["endDate"], |t| zone.parse_end(t))?.unwrap_or_else(|| Timestamp(now().0 + 60));
    let start = p.parsed(&["startDate"], |t| zone.parse_time(t))?.unwrap_or(Timestamp(now().0 - 2 * 86_400));
    let page = page(p)?;
    let mut data = Vec::new();
    for id in named {
        let orders = topups::list_orders(db, caller, &MeterRef::Id(id), start, end, page).await?;
        data.extend(orders.rows.iter().map(|o| order_value(o, zone)));
    }
    Ok(Answer::ok("search successful").with("code", 200).with("msg", "success").with("data", data))
}
