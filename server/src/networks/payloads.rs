//! What a meter's application payload means to the platform, whatever
//! network carried it (our gateway door, ChirpStack, ...): the meter model's
//! codec (the reference codec, `lorawan::codec`, or the model's own
//! JavaScript, `app::backend::scripts`) turned into the platform's reports,
//! and commands turned into the codec's orders.

use crate::lorawan::codec::{self, CodecError, UPLINK_PORT};
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::scripts::{self, ScriptError};
use app::backend::services::uplinks::{MeterReport, Uplink};
use app::backend::services::{commands, equipment_models};
use app::model::ValveState;
use app::model::command::{CommandInfo, CommandKind};
use app::model::fixed::Register;
use app::model::meter::DeviceId;
use app::model::tariff::{from_device, to_device};
use std::collections::HashSet;

/// The report an uplink's payload on `f_port` carries (`None` on a port
/// that carries none), and the codec error that cut it short, if any.
pub fn report_of(f_port: Option<u8>, payload: &[u8]) -> (Option<MeterReport>, Option<CodecError>) {
    if f_port != Some(UPLINK_PORT) {
        return (None, None);
    }
    let (r, error) = codec::decode_report(payload);
    let report = MeterReport {
        acks: r.acks.iter().map(|(seq, result)| (*seq, *result == 0)).collect(),
        valve: r.valve.and_then(|v| ValveState::from_code(i64::from(v))),
        forward: r.forward.map(from_device),
        reverse: r.reverse.map(from_device),
        flow: r.flow.map(from_device),
        battery_mv: r.battery_mv.map(i64::from),
        alarms: i64::from(r.alarms.unwrap_or(0)),
        tank_level: r.tank_level.map(i64::from),
    };
    (Some(report), error)
}

/// A command as the port and payload that carry it, or why the codec
/// cannot carry it.
pub fn downlink_for(command: &CommandInfo) -> Result<(u8, Vec<u8>), String> {
    let seq = commands::sequence(command.id);
    let order = match command.kind {
        CommandKind::CloseValve => codec::Order::CloseValve { seq },
        CommandKind::OpenValve => codec::Order::OpenValve { seq },
        CommandKind::Report => codec::Order::Report { seq },
        CommandKind::AddCredit => {
            let units: i64 = command.argument.parse().map_err(|_| "the credit is not a number".to_owned())?;
            let amount = to_device(Register::from_minor(units))
                .ok_or_else(|| "the credit is not in the meter's steps or too large".to_owned())?;
            codec::Order::AddCredit { seq, amount }
        }
    };
    Ok((codec::DOWNLINK_PORT, codec::encode_order(order)))
}

/// An uplink's payload as it arrived, for `with_scripts`.
#[derive(Debug, Clone)]
pub struct Payload {
    pub f_port: Option<u8>,
    pub data: Vec<u8>,
}

fn report_from(r: scripts::Reading) -> MeterReport {
    MeterReport {
        acks: r.acks,
        valve: r.valve_open.map(|open| if open { ValveState::Open } else { ValveState::Closed }),
        forward: r.forward,
        reverse: r.reverse,
        flow: r.flow,
        battery_mv: r.battery_mv,
        alarms: r.alarms,
        tank_level: r.tank_level,
    }
}

/// Which uplinks a model's script read, and those it could not.
#[derive(Debug, Default)]
pub struct Scripted {
    pub by_script: HashSet<usize>,
    pub failed: Vec<(usize, ScriptError)>,
}

/// Reads again, with its model's own script, each uplink whose meter's
/// model has one (`payloads[i]` is what `ups[i]` carried; the reference
/// codec read them all first). A script that fails leaves its uplink
/// without a report (the frame stays taken: the same bytes would fail the
/// same way).
pub async fn with_scripts(db: &Db, ups: &mut [Uplink], payloads: &[Payload]) -> Result<Scripted, ServiceError> {
    let devices: Vec<&DeviceId> = ups.iter().map(|u| &u.device).collect::<HashSet<_>>().into_iter().collect();
    let scripts = equipment_models::scripts_of_devices(db, &devices).await?;
    if scripts.is_empty() {
        return Ok(Scripted::default());
    }
    let jobs: Vec<(usize, String, Option<u8>, Vec<u8>)> = ups
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let script = scripts.get(&u.device)?;
            let p = payloads.get(i)?;
            Some((i, script.clone(), p.f_port, p.data.clone()))
        })
        .collect();
    let recv_time = chrono::Utc::now().to_rfc3339();
    let mut read = Scripted { by_script: HashSet::new(), failed: Vec::new() };
    for (i, script, f_port, data) in jobs {
        read.by_script.insert(i);
        // A frame without a port (or on port 0) carries MAC commands only: no report.
        let Some(port) = f_port.filter(|p| *p != 0) else {
            ups[i].report = None;
            continue;
        };
        let recv_time = recv_time.clone();
        let outcome = scripts::off_thread(move || {
            let data = scripts::decode(&script, port, &data, &recv_time)?;
            scripts::reading(&data)
        })
        .await;
        match outcome {
            Ok(r) => ups[i].report = Some(report_from(r)),
            Err(e) => {
                ups[i].report = None;
                read.failed.push((i, e));
            }
        }
    }
    Ok(read)
}

/// `downlink_for`, or the meter model's own script's `encodeDownlink` when
/// it has one. The script gets `{"command": "close_valve" | "open_valve" |
/// "report" | "add_credit", "seq": n, "amount": credit in the meter's unit}`.
pub async fn downlink_with(db: &Db, command: &CommandInfo) -> Result<Result<(u8, Vec<u8>), String>, ServiceError> {
    let Some(script) = equipment_models::script_of_meter(db, command.meter_id).await? else {
        return Ok(downlink_for(command));
    };
    let mut data = serde_json::json!({"command": command.kind.code(), "seq": commands::sequence(command.id)});
    if command.kind == CommandKind::AddCredit {
        let Ok(units) = command.argument.parse::<i64>() else { return Ok(Err("the credit is not a number".into())) };
        data["amount"] = serde_json::json!(units as f64 / 10_000.0);
    }
    Ok(scripts::off_thread(move || scripts::encode(&script, &data)).await.map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{downlink_for, report_of};
    use crate::lorawan::codec::{self, DOWNLINK_PORT, Order, Report, UPLINK_PORT};
    use app::model::command::{CommandInfo, CommandKind, CommandState};
    use app::model::ids::{CommandId, MeterId};
    use app::model::time::Timestamp;

    fn credit(argument: &str) -> CommandInfo {
        CommandInfo {
            id: CommandId(7),
            meter_id: MeterId(1),
            kind: CommandKind::AddCredit,
            argument: argument.to_owned(),
            state: CommandState::Queued,
            result: String::new(),
            actor: "test".into(),
            created_at: Timestamp(0),
            sent_at: None,
            finished_at: None,
            expires_at: Timestamp(60),
        }
    }

    #[test]
    fn a_credit_the_codec_cannot_carry_says_why() {
        assert!(downlink_for(&credit("abc")).unwrap_err().contains("not a number"));
        assert!(downlink_for(&credit("5")).unwrap_err().contains("steps"), "5 minor units is below the device step");
        let (port, payload) = downlink_for(&credit("20")).unwrap();
        assert_eq!(port, DOWNLINK_PORT);
        assert_eq!(codec::decode_order(&payload), Some(Order::AddCredit { seq: 7, amount: 2 }));
    }

    #[test]
    fn only_the_report_port_carries_a_report() {
        let bytes =
            codec::encode_report(&Report { forward: Some(1_500), acks: vec![(3, 0), (4, 1)], ..Report::default() });
        assert_eq!(report_of(Some(1), &bytes), (None, None));
        assert_eq!(report_of(None, &bytes), (None, None));
        let (report, error) = report_of(Some(UPLINK_PORT), &bytes);
        let report = report.unwrap();
        assert_eq!(error, None);
        assert_eq!(report.forward.map(|r| r.minor()), Some(15_000), "1.5 in 0.0001 steps");
        assert_eq!(report.acks, vec![(3, true), (4, false)]);
    }
}
