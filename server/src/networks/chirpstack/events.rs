//! ChirpStack v4's application events as its MQTT integration publishes them
//! in JSON (`application/{applicationId}/device/{devEui}/event/{kind}`). The
//! protobuf JSON mapping may leave out any field at its default value, so
//! every field is optional here and a missing one reads as its default.

use app::model::ids::DevEui;
use app::model::time::Timestamp;
use base64::Engine;
use serde::Deserialize;

/// What the topic names: the application and device an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub application: String,
    pub dev_eui: DevEui,
    pub kind: String,
}

/// Reads `application/{applicationId}/device/{devEui}/event/{kind}`.
pub fn topic(name: &str) -> Result<Topic, String> {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        ["application", application, "device", dev_eui, "event", kind] if !application.is_empty() => Ok(Topic {
            application: (*application).to_owned(),
            dev_eui: DevEui::parse(dev_eui).map_err(|e| format!("topic {name:?}: the DevEUI {e}"))?,
            kind: (*kind).to_owned(),
        }),
        _ => Err(format!("topic {name:?} is not application/{{id}}/device/{{devEui}}/event/{{kind}}")),
    }
}

/// One event, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Up(Up),
    /// A confirmed downlink was acknowledged (or not) by the device.
    Ack {
        queue_item: String,
        acknowledged: bool,
    },
    /// A gateway transmitted a downlink.
    TxAck {
        queue_item: String,
        gateway: Option<String>,
    },
    Log(Log),
    Join {
        at: Option<Timestamp>,
        dev_addr: Option<String>,
    },
    /// `status`, `location`, `integration`: nothing Meterline acts on.
    Ignored,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Up {
    /// The frame, whichever gateways heard it: `deduplicationId`, or the
    /// device's frame counter when ChirpStack gave none.
    pub id: String,
    pub at: Option<Timestamp>,
    pub f_port: Option<u8>,
    /// The decrypted application payload.
    pub data: Vec<u8>,
    /// The best copy's signal.
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    pub at: Option<Timestamp>,
    pub level: String,
    pub code: String,
    pub description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct UpJson {
    deduplication_id: String,
    time: Option<String>,
    f_cnt: u32,
    f_port: u32,
    data: String,
    rx_info: Vec<RxJson>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RxJson {
    rssi: Option<i64>,
    snr: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct AckJson {
    queue_item_id: String,
    acknowledged: bool,
    gateway_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct LogJson {
    time: Option<String>,
    level: Option<String>,
    code: Option<String>,
    description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct JoinJson {
    time: Option<String>,
    dev_addr: Option<String>,
}

/// Reads an event of `topic`'s kind from its JSON payload.
pub fn event(topic: &Topic, payload: &[u8]) -> Result<Event, String> {
    let bad = |e: serde_json::Error| format!("{} event: {e}", topic.kind);
    Ok(match topic.kind.as_str() {
        "up" => {
            let up: UpJson = serde_json::from_slice(payload).map_err(bad)?;
            let data = base64::engine::general_purpose::STANDARD
                .decode(up.data.trim())
                .map_err(|e| format!("up event: data is not base64: {e}"))?;
            let best = up.rx_info.iter().filter(|r| r.rssi.is_some()).max_by_key(|r| r.rssi);
            let id = if up.deduplication_id.is_empty() {
                format!("{}/{}", topic.dev_eui, up.f_cnt)
            } else {
                up.deduplication_id
            };
            Event::Up(Up {
                id,
                at: up.time.as_deref().and_then(instant),
                // fPort 0 (left out) carries MAC commands only.
                f_port: u8::try_from(up.f_port).ok().filter(|p| *p != 0),
                data,
                rssi: best.and_then(|r| r.rssi),
                snr_tenths: best.and_then(|r| r.snr).map(|s| (s * 10.0).round() as i64),
            })
        }
        "ack" | "txack" => {
            let ack: AckJson = serde_json::from_slice(payload).map_err(bad)?;
            if ack.queue_item_id.is_empty() {
                return Err(format!("{} event: no queueItemId", topic.kind));
            }
            if topic.kind == "ack" {
                Event::Ack { queue_item: ack.queue_item_id, acknowledged: ack.acknowledged }
            } else {
                Event::TxAck { queue_item: ack.queue_item_id, gateway: ack.gateway_id }
            }
        }
        "log" => {
            let log: LogJson = serde_json::from_slice(payload).map_err(bad)?;
            Event::Log(Log {
                at: log.time.as_deref().and_then(instant),
                level: log.level.unwrap_or_else(|| "INFO".into()),
                code: log.code.unwrap_or_else(|| "UNKNOWN".into()),
                description: log.description,
            })
        }
        "join" => {
            let join: JoinJson = serde_json::from_slice(payload).map_err(bad)?;
            Event::Join { at: join.time.as_deref().and_then(instant), dev_addr: join.dev_addr }
        }
        _ => Event::Ignored,
    })
}

/// An RFC 3339 time, as ChirpStack writes it (`+00:00`, any number of
/// fraction digits), to the second.
fn instant(text: &str) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| Timestamp(t.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `up` event a real ChirpStack v4.20 published (spec/chirpstack-notes.md).
    const UP: &str = r#"{"deduplicationId":"c61a394b-0f1b-4702-9bd3-da7ac6fb73f7","time":"2026-12-01T19:06:00.192481+00:00",
 "deviceInfo":{"tenantId":"d4ba0389-e1ca-449f-b4fe-7d43e5d9461e","tenantName":"e2e-581ec0",
  "applicationId":"6350f05f-6bae-45ee-85ce-54f5a565df68","applicationName":"meters-581ec0",
  "deviceProfileId":"4f4ac8d6-b0e0-42a5-bc48-655b9b850695","deviceProfileName":"water-abp-581ec0",
  "deviceName":"meter-581ec0","devEui":"70b3d55612c15844","deviceClassEnabled":"CLASS_A","tags":{}},
 "devAddr":"01775235","adr":false,"dr":5,"fCnt":1,"fPort":10,"confirmed":false,"data":"AegDAAAEAQUQDg==",
 "rxInfo":[{"gatewayId":"0016c0999b0eb948","uplinkId":1422623673,"gwTime":"2026-12-01T19:06:00.192481+00:00",
  "nsTime":"2026-12-01T19:06:00.193014407+00:00","rssi":-57,"snr":9.5,
  "location":{"latitude":25.2,"longitude":55.3,"altitude":10.0},"context":"GYCb/Q==","crcStatus":"CRC_OK"}],
 "txInfo":{"frequency":868100000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}},
 "regionConfigId":"eu868"}"#;

    fn of(kind: &str) -> Topic {
        topic(&format!("application/6350f05f-6bae-45ee-85ce-54f5a565df68/device/70b3d55612c15844/event/{kind}"))
            .unwrap()
    }

    #[test]
    fn a_real_up_event_reads_as_chirpstack_wrote_it() {
        let Event::Up(up) = event(&of("up"), UP.as_bytes()).unwrap() else { panic!("not an up") };
        assert_eq!(up.id, "c61a394b-0f1b-4702-9bd3-da7ac6fb73f7");
        assert_eq!(up.at, Some(Timestamp(1_796_151_960)));
        assert_eq!(up.f_port, Some(10));
        assert_eq!(up.data, base64::engine::general_purpose::STANDARD.decode("AegDAAAEAQUQDg==").unwrap());
        assert_eq!((up.rssi, up.snr_tenths), (Some(-57), Some(95)));
    }

    #[test]
    fn fields_at_their_defaults_may_be_missing() {
        // fPort, fCnt, rxInfo, time and even the deduplicationId left out.
        let Event::Up(up) = event(&of("up"), br#"{"data":"AQ=="}"#).unwrap() else { panic!("not an up") };
        assert_eq!(up.id, "70b3d55612c15844/0");
        assert_eq!((up.f_port, up.at, up.rssi), (None, None, None));
        let Event::Up(up) = event(&of("up"), br#"{"deduplicationId":"x","fPort":10}"#).unwrap() else { panic!() };
        assert!(up.data.is_empty());
        assert_eq!(
            event(&of("ack"), br#"{"queueItemId":"q1"}"#).unwrap(),
            Event::Ack { queue_item: "q1".into(), acknowledged: false }
        );
        let Event::Log(log) = event(&of("log"), br#"{"description":"?"}"#).unwrap() else { panic!() };
        assert_eq!((log.level.as_str(), log.code.as_str()), ("INFO", "UNKNOWN"));
    }

    #[test]
    fn acks_logs_and_joins_read_their_fields() {
        let txack = br#"{"downlinkId":123,"time":"2026-12-01T19:07:01+00:00","queueItemId":"9e1c","fCntDown":4,
            "gatewayId":"0016c0999b0eb948","txInfo":{"frequency":868100000}}"#;
        assert_eq!(
            event(&of("txack"), txack).unwrap(),
            Event::TxAck { queue_item: "9e1c".into(), gateway: Some("0016c0999b0eb948".into()) }
        );
        let log = br#"{"time":"2026-12-01T19:08:00.5+00:00","level":"WARNING","code":"UPLINK_F_CNT_RETRANSMISSION",
            "description":"Uplink was flagged as re-transmission / frame-counter did not increment","context":{"deduplication_id":"d"}}"#;
        let Event::Log(log) = event(&of("log"), log).unwrap() else { panic!("not a log") };
        assert_eq!((log.level.as_str(), log.code.as_str()), ("WARNING", "UPLINK_F_CNT_RETRANSMISSION"));
        assert_eq!(log.at, Some(Timestamp(1_796_152_080)));
        let join = br#"{"deduplicationId":"j","time":"2026-12-01T19:00:00+00:00","devAddr":"01775235"}"#;
        assert_eq!(
            event(&of("join"), join).unwrap(),
            Event::Join { at: Some(Timestamp(1_796_151_600)), dev_addr: Some("01775235".into()) }
        );
        assert_eq!(event(&of("status"), b"{}").unwrap(), Event::Ignored);
    }

    #[test]
    fn bad_topics_and_payloads_say_what_is_wrong() {
        assert!(topic("application/a/device/xyz/event/up").unwrap_err().contains("DevEUI"));
        assert!(topic("gateway/0016c0999b0eb948/event/up").unwrap_err().contains("is not application/"));
        assert!(event(&of("up"), b"not json").unwrap_err().starts_with("up event:"));
        assert!(event(&of("up"), br#"{"data":"%%%"}"#).unwrap_err().contains("base64"));
        assert!(event(&of("txack"), b"{}").unwrap_err().contains("queueItemId"));
    }
}
