//! What a meter's application payload means to the platform, whatever
//! network carried it (our gateway door, ChirpStack, ...): the meter model's
//! codec (today the reference codec, `lorawan::codec`) turned into the
//! platform's reports, and commands turned into the codec's orders.

use crate::lorawan::codec::{self, CodecError, UPLINK_PORT};
use app::backend::services::commands;
use app::backend::services::uplinks::MeterReport;
use app::model::ValveState;
use app::model::command::{CommandInfo, CommandKind};
use app::model::fixed::Register;
use app::model::tariff::{from_device, to_device};

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
