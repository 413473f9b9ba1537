//! setValveState, readValveStatus, queryCommandInfo, getPaymod.

use super::super::answer::Answer;
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{LISTED, clock, meter, meter_of_value, time_text, values_of};
use crate::state::ServerState;
use app::backend::ServiceError;
use app::backend::auth::Caller;
use app::backend::services::{commands, meters, topups, valve_switching};
use app::model::ValveState;
use app::model::command::{CommandInfo, CommandKind, CommandState};
use app::model::ids::CommandId;
use app::model::order::OrderState;
use app::model::zone::Zone;
use serde_json::{Value, json};

pub async fn set_valve_state(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(&state.app.db, caller, p, false).await?.ok_or(LegacyError::Missing("devEui"))?;
    let open = match p.req_int(&["valveState"])? {
        0 => false,
        1 => true,
        other => {
            return Err(LegacyError::Invalid {
                field: "valveState",
                message: format!("must be 0 (close) or 1 (open), got {other}"),
            });
        }
    };
    // An order given again while it is on its way answers the same command.
    let command = valve_switching::set_valve(&state.app.db, &state.app.settings, caller, &meter, open).await?.command;
    Ok(Answer::ok("success").with("valueId", command.0.to_string()))
}

pub async fn read_valve_status(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(&state.app.db, caller, p, false).await?.ok_or(LegacyError::Missing("devEui"))?;
    let (m, _) = meters::get_archive(&state.app.db, caller, &meter).await?;
    let text = match m.valve_state {
        ValveState::Open => "open",
        ValveState::Closed => "close",
        ValveState::Unknown => "unknown",
    };
    Ok(Answer::ok("success").with(
        "data",
        json!({
            "devEui": m.dev_eui.map(|e| e.to_string()).unwrap_or_default(),
            "imei": m.imei.as_ref().map(|i| i.as_str()).unwrap_or_default(),
            "nbonetNetImei": m.imei.as_ref().map(|i| i.as_str()).unwrap_or_default(),
            "valveStatus": text,
            "valveState": m.valve_state.code(),
        }),
    ))
}

/// `state` as clients read it: 0 pending, 1 succeeded. Clients take both 1
/// and 2 as done, so a command that failed is 3 and one that expired
/// unanswered is 4 (docs/legacy-api.md, queryCommandInfo). A credit the
/// meter has not confirmed stays pending: a client told it ended would
/// recharge again, and the meter may already hold the first.
fn command_state(state: CommandState) -> i64 {
    match state {
        CommandState::Queued | CommandState::Sent | CommandState::Unconfirmed => 0,
        CommandState::Acknowledged => 1,
        CommandState::Failed => 3,
        CommandState::Expired => 4,
    }
}

/// The result text in both forms clients read: `{name, value}` and the name
/// as a key (`values[0]["Implementation results"]`).
fn results(text: &str) -> Value {
    json!({"values": [{"name": "Implementation results", "value": text, "Implementation results": text}]})
}

/// The errmsg of a command's state: what happened, in words.
fn command_message(c: &CommandInfo) -> String {
    match c.state {
        CommandState::Failed if !c.result.is_empty() => format!("failed: {}", c.result),
        CommandState::Failed => "failed".to_owned(),
        CommandState::Expired => "expired: the meter did not answer in time".to_owned(),
        CommandState::Unconfirmed => "pending: sent to the meter, which has not confirmed it yet".to_owned(),
        other => other.code().to_owned(),
    }
}

fn command_answer(c: &CommandInfo, zone: Zone) -> Answer {
    let result = if c.result.is_empty() { c.state.code().to_owned() } else { c.result.clone() };
    let base = json!({
        "valueId": c.id.0.to_string(),
        "command": c.kind.code(),
        "status": c.state.code(),
        "createTime": zone.text(c.created_at),
        "sendTime": time_text(zone, c.sent_at),
        "finishTime": time_text(zone, c.finished_at),
    });
    Answer::ok(&command_message(c))
        .with("state", command_state(c.state))
        .with("baseObject", base)
        .with("jsonParse", results(&result))
}

/// A command by its valueId; a top-up's valueId may be its order number.
pub async fn query_command_info(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let value_id = p.req_text(&["valueId", "id"])?;
    if let Ok(id) = value_id.parse::<i64>() {
        let command = commands::get_command(&state.app.db, caller, CommandId(id)).await?;
        return Ok(command_answer(&command, clock(&state.app.db, caller).await?));
    }
    let order = topups::get_order(&state.app.db, caller, &value_id)
        .await
        .map_err(|_| ServiceError::not_found(format!("command {value_id} not found")))?;
    let (code, status) = match order.state {
        OrderState::Waiting | OrderState::InRecharge | OrderState::Paying | OrderState::Unconfirmed => (0, "pending"),
        OrderState::Succeeded => (1, "credited"),
        OrderState::Failed => (3, "failed"),
        OrderState::Expired => (4, "expired"),
    };
    let message = match order.state {
        OrderState::Failed | OrderState::Expired => format!("{status}: {}", order.result),
        _ => status.to_owned(),
    };
    Ok(Answer::ok(&message)
        .with("state", code)
        .with(
            "baseObject",
            json!({"valueId": order.order_no, "command": CommandKind::AddCredit.code(), "status": status}),
        )
        .with("jsonParse", results(&order.result)))
}

/// Pay modes of a batch: unknown meters get paymod 2 and code 300, as the document says.
pub async fn get_paymod(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let db = &state.app.db;
    let given = values_of(p, &LISTED)?;
    if given.is_empty() {
        return Err(LegacyError::Missing("devEuis"));
    }
    let mut data: Vec<Value> = Vec::new();
    for raw in given {
        let found = match meter_of_value(db, caller, "devEuis", &raw).await {
            Ok(meter) => {
                meters::get_archive(db, caller, &meter).await.map(|(m, _)| m.pay_mode).map_err(LegacyError::from)
            }
            Err(e) => Err(e),
        };
        data.push(match found {
            Ok(mode) => json!({"devEui": raw, "paymod": mode.code(), "code": 200, "msg": "success"}),
            Err(e) if e.outcome() == "internal" => return Err(e),
            Err(e) => json!({"devEui": raw, "paymod": 2, "code": 300, "msg": e.errmsg()}),
        });
    }
    Ok(Answer::ok("success").with("data", data))
}

/// The command names `sendCommand` accepts (any case, spaces or underscores),
/// documented in docs/legacy-api.md. Anything else: "Unsupported commands!".
fn command_of(name: &str) -> Option<CommandKind> {
    let n: String = name.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_ascii_lowercase();
    Some(match n.as_str() {
        "openvalve" | "valveopen" | "open" => CommandKind::OpenValve,
        "closevalve" | "valveclose" | "close" => CommandKind::CloseValve,
        "report" | "queryreport" | "readmeter" | "readdata" | "querydata" | "battery" | "querybattery"
        | "readbattery" => CommandKind::Report,
        _ => return None,
    })
}

pub async fn send_command(state: &ServerState, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(&state.app.db, caller, p, false).await?.ok_or(LegacyError::Missing("devEui"))?;
    let name = p.req_text(&["commandStr", "command"])?;
    let Some(kind) = command_of(&name) else {
        return Err(LegacyError::Unsupported("Unsupported commands!".into()));
    };
    let db = &state.app.db;
    let command = match kind {
        CommandKind::OpenValve | CommandKind::CloseValve => {
            valve_switching::set_valve(db, &state.app.settings, caller, &meter, kind == CommandKind::OpenValve)
                .await?
                .command
        }
        _ => commands::send(db, &state.app.settings, caller, &meter, kind).await?,
    };
    Ok(Answer::ok("success").with("valueId", command.0.to_string()))
}
