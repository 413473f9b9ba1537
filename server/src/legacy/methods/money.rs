//! remotelyTopUp, recharge, rechargeToken, getRechargeOrderInfo, queryPayorders.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{meter_ref, page};
use crate::state::ServerState;
use app::backend::auth::Caller;
use app::backend::clock::now;
use app::backend::services::topups;
use app::model::ids::{DevEui, Imei};
use app::model::meter::MeterRef;
use app::model::order::{Channel, PaymentOrder, TopUp};
use app::model::time::Timestamp;
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
        json!({"orderId": order.order_no, "status": order.state.code(), "amount": number(order.amount)}),
    ))
}

pub async fn remotely_top_up(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter_ref(p, false)?.ok_or(LegacyError::Missing("devEui"))?;
    top_up(state, caller, meter, p, &["topUpAmount", "amount"]).await
}

/// The old top-up: `{meterNo, amount}`, where meterNo is an IMEI or a DevEUI.
pub async fn recharge(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = match p.text(&["meterNo", "imei", "devEui", "deveui"])? {
        // 16 characters read as a DevEUI (even all digits); IMEIs have 15.
        Some(no) => match (DevEui::parse(&no), Imei::parse(&no)) {
            (Ok(eui), _) if no.trim().len() == 16 => MeterRef::DevEui(eui),
            (_, Ok(imei)) => MeterRef::Imei(imei),
            (Ok(eui), Err(_)) => MeterRef::DevEui(eui),
            (Err(message), Err(_)) => return Err(LegacyError::Invalid { field: "meterNo", message }),
        },
        None => return Err(LegacyError::Missing("meterNo")),
    };
    top_up(state, caller, meter, p, &["amount", "topUpAmount"]).await
}

pub fn recharge_token() -> Result<Answer, LegacyError> {
    Err(LegacyError::Unsupported(
        "rechargeToken is not supported: STS token meters are not handled by Meterline; use remotelyTopUp".into(),
    ))
}

fn order_value(o: &PaymentOrder) -> Value {
    json!({
        "orderId": o.order_no,
        "sn": o.order_no,
        "status": o.state.code(),
        "state": o.state.code(),
        "fee": number(o.amount),
        "amount": number(o.amount),
        "devEui": o.dev_eui,
        "valueId": value_id(o),
        "tradingHours": o.created_at.text(),
        "createTime": o.created_at.text(),
        "finishTime": o.finished_at.map(|t| t.text()).unwrap_or_default(),
        "result": o.result,
    })
}

pub async fn order_info(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let order_no = p.req_text(&["orderId", "sn", "orderNo"])?;
    let order = topups::get_order(&state.app.db, caller, &order_no).await?;
    Ok(Answer::ok("search successful").with("value", order_value(&order)))
}

/// Orders of one or more meters; the default range is the last two days.
pub async fn pay_orders(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let mut euis = p.list(&["devEuis"])?;
    euis.extend(p.list(&["devEui", "deveui", "devEUI"])?);
    if euis.is_empty() {
        return Err(LegacyError::Missing("devEuis"));
    }
    let end = p.parsed(&["endDate"], Timestamp::parse)?.unwrap_or_else(|| Timestamp(now().0 + 60));
    let start = p.parsed(&["startDate"], Timestamp::parse)?.unwrap_or(Timestamp(now().0 - 2 * 86_400));
    let page = page(p)?;
    let mut data = Vec::new();
    for raw in euis {
        let eui = DevEui::parse(&raw).map_err(|message| LegacyError::Invalid { field: "devEuis", message })?;
        let orders = topups::list_orders(&state.app.db, caller, &MeterRef::DevEui(eui), start, end, page).await?;
        data.extend(orders.rows.iter().map(order_value));
    }
    Ok(Answer::ok("search successful").with("code", 200).with("msg", "success").with("data", data))
}
