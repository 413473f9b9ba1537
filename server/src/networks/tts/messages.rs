//! The Things Stack (v3) webhook messages: one JSON body per message, its
//! kind named by the one message field it carries (`uplink_message`,
//! `downlink_ack`, `downlink_nack`, `downlink_sent`, `downlink_failed`,
//! `join_accept`, ...), the device in `end_device_ids`.

use crate::networks::door::{Heard, HeardUp};
use app::backend::services::networks::LogEntry;
use app::model::ids::DevEui;
use app::model::meter::DeviceId;
use app::model::network::{Network, Route};
use app::model::time::Timestamp;
use base64::Engine;
use serde::Deserialize;

/// The correlation id our downlinks carry, by which TTS's events about them
/// name the command: `meterline:cmd:<reference>`.
pub const CORRELATION_PREFIX: &str = "meterline:cmd:";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Message {
    end_device_ids: DeviceIds,
    correlation_ids: Vec<String>,
    received_at: Option<String>,
    uplink_message: Option<UplinkJson>,
    downlink_ack: Option<DownlinkJson>,
    downlink_nack: Option<DownlinkJson>,
    downlink_sent: Option<DownlinkJson>,
    downlink_failed: Option<FailedJson>,
    join_accept: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DeviceIds {
    device_id: String,
    application_ids: ApplicationIds,
    dev_eui: Option<String>,
    dev_addr: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ApplicationIds {
    application_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UplinkJson {
    session_key_id: String,
    f_port: u32,
    f_cnt: u32,
    frm_payload: String,
    rx_metadata: Vec<RxJson>,
    received_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RxJson {
    gateway_ids: GatewayIds,
    rssi: Option<f64>,
    channel_rssi: Option<f64>,
    snr: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct GatewayIds {
    gateway_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DownlinkJson {
    correlation_ids: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FailedJson {
    downlink: DownlinkJson,
    error: ErrorJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ErrorJson {
    namespace: String,
    name: String,
    message_format: String,
}

/// Reads a webhook body; an error names what is wrong with it.
pub fn read(body: &[u8]) -> Result<Heard, String> {
    let m: Message = serde_json::from_slice(body).map_err(|e| format!("not a webhook message: {e}"))?;
    let ids = &m.end_device_ids;
    let dev_eui = || -> Result<DevEui, String> {
        let raw = ids.dev_eui.as_deref().ok_or("end_device_ids.dev_eui is missing")?;
        DevEui::parse(raw).map_err(|e| format!("end_device_ids.dev_eui {e}"))
    };
    let ours = |d: &DownlinkJson| {
        d.correlation_ids
            .iter()
            .chain(&m.correlation_ids)
            .find_map(|c| c.strip_prefix(CORRELATION_PREFIX))
            .map(str::to_owned)
    };
    if let Some(up) = &m.uplink_message {
        if ids.application_ids.application_id.is_empty() || ids.device_id.is_empty() {
            return Err("end_device_ids names no application_id and device_id".into());
        }
        let dev_eui = dev_eui()?;
        let data = base64::engine::general_purpose::STANDARD
            .decode(up.frm_payload.trim())
            .map_err(|e| format!("uplink_message.frm_payload is not base64: {e}"))?;
        // The Application Server's own id of the uplink, the same in every
        // delivery; else the session and counter, unique per uplink.
        let id = m
            .correlation_ids
            .iter()
            .find(|c| c.starts_with("as:up:"))
            .cloned()
            .unwrap_or_else(|| format!("{dev_eui}/{}/{}", up.session_key_id, up.f_cnt));
        let best = up
            .rx_metadata
            .iter()
            .filter_map(|r| r.rssi.or(r.channel_rssi).map(|rssi| (rssi, r)))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        return Ok(Heard::Up(HeardUp {
            route: Route {
                network: Network::TheThingsStack,
                application: ids.application_ids.application_id.clone(),
                device: ids.device_id.clone(),
            },
            device: DeviceId::DevEui(dev_eui),
            id,
            at: up.received_at.as_deref().or(m.received_at.as_deref()).and_then(instant),
            f_port: u8::try_from(up.f_port).ok().filter(|p| *p != 0),
            data,
            rssi: best.map(|(rssi, _)| rssi.round() as i64),
            snr_tenths: best.and_then(|(_, r)| r.snr).map(|s| (s * 10.0).round() as i64),
        }));
    }
    // News of a downlink another integration queued is none of ours.
    let named = |d: &DownlinkJson, heard: &dyn Fn(String) -> Heard| Ok(ours(d).map_or(Heard::Ignored, heard));
    if let Some(d) = &m.downlink_sent {
        return named(d, &|reference| Heard::Transmitted { reference, gateway: None });
    }
    if let Some(d) = &m.downlink_ack {
        return named(d, &|reference| Heard::Acknowledged { reference, received: true });
    }
    if let Some(d) = &m.downlink_nack {
        return named(d, &|reference| Heard::Acknowledged { reference, received: false });
    }
    if let Some(f) = &m.downlink_failed {
        let why = if f.error.message_format.is_empty() {
            format!("{}:{}", f.error.namespace, f.error.name)
        } else {
            f.error.message_format.clone()
        };
        return named(&f.downlink, &|reference| Heard::NotSent { reference, why: why.clone() });
    }
    if m.join_accept.is_some() {
        return Ok(Heard::Log(LogEntry {
            network: Network::TheThingsStack,
            dev_eui: dev_eui()?,
            level: "INFO".into(),
            code: "JOIN".into(),
            description: match &ids.dev_addr {
                Some(a) => format!("joined the network as DevAddr {a}"),
                None => "joined the network".into(),
            },
            at: m.received_at.as_deref().and_then(instant).unwrap_or_else(app::backend::clock::now),
        }));
    }
    Ok(Heard::Ignored)
}

fn instant(text: &str) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| Timestamp(t.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An uplink as The Things Stack's documentation shows it.
    const UPLINK: &str = r#"{
      "end_device_ids": {"device_id": "water-kitchen", "application_ids": {"application_id": "utility-meters"},
        "dev_eui": "70B3D57ED005E9A1", "join_eui": "0000000000000000", "dev_addr": "260B1C7E"},
      "correlation_ids": ["as:up:01HKX3Y6V7R9A0WQ2ZB9R3N8XK", "gs:conn:01HKX", "rpc:/ttn.lorawan.v3.GsNs/HandleUplink:01HKX"],
      "received_at": "2026-12-02T10:00:01.123456789Z",
      "uplink_message": {"session_key_id": "AYzGq0vH1r9nW7xZ9YbKxQ==", "f_port": 10, "f_cnt": 42,
        "frm_payload": "AegDAAAEAQUQDg==",
        "rx_metadata": [{"gateway_ids": {"gateway_id": "gw-roof", "eui": "B827EBFFFE61F2D1"}, "rssi": -96, "channel_rssi": -96, "snr": 5.25},
                        {"gateway_ids": {"gateway_id": "gw-tower"}, "rssi": -71, "snr": 9.5}],
        "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 7}}, "frequency": "868100000"},
        "received_at": "2026-12-02T10:00:00.981234Z", "consumed_airtime": "0.061696s"}
    }"#;

    #[test]
    fn an_uplink_reads_with_its_route_and_best_signal() {
        let Heard::Up(up) = read(UPLINK.as_bytes()).unwrap() else { panic!("not an uplink") };
        assert_eq!(up.device, DeviceId::DevEui(DevEui::parse("70b3d57ed005e9a1").unwrap()));
        assert_eq!((up.route.application.as_str(), up.route.device.as_str()), ("utility-meters", "water-kitchen"));
        assert_eq!(up.id, "as:up:01HKX3Y6V7R9A0WQ2ZB9R3N8XK");
        assert_eq!(up.at, Some(Timestamp(1_796_205_600)));
        assert_eq!((up.f_port, up.rssi, up.snr_tenths), (Some(10), Some(-71), Some(95)));
        assert_eq!(up.data, base64::engine::general_purpose::STANDARD.decode("AegDAAAEAQUQDg==").unwrap());
    }

    #[test]
    fn downlink_news_names_our_command() {
        let ack = br#"{"end_device_ids": {"device_id": "d", "application_ids": {"application_id": "a"}},
            "correlation_ids": ["as:downlink:01H"],
            "downlink_ack": {"f_port": 11, "frm_payload": "EAEA", "confirmed": true,
              "correlation_ids": ["as:downlink:01H", "meterline:cmd:9e1c0000-0000-4000-8000-000000000001"]}}"#;
        assert_eq!(
            read(ack).unwrap(),
            Heard::Acknowledged { reference: "9e1c0000-0000-4000-8000-000000000001".into(), received: true }
        );
        let failed = br#"{"end_device_ids": {"device_id": "d"}, "downlink_failed": {
            "downlink": {"f_port": 11, "correlation_ids": ["meterline:cmd:r2"]},
            "error": {"namespace": "pkg/networkserver", "name": "application_downlink_too_long",
              "message_format": "application downlink payload too long", "code": 3}}}"#;
        assert_eq!(
            read(failed).unwrap(),
            Heard::NotSent { reference: "r2".into(), why: "application downlink payload too long".into() }
        );
        let strangers = br#"{"downlink_sent": {"correlation_ids": ["as:downlink:01H"]}}"#;
        assert_eq!(read(strangers).unwrap(), Heard::Ignored, "another integration's downlink");
        assert_eq!(read(br#"{"downlink_queued": {}}"#).unwrap(), Heard::Ignored);
    }

    #[test]
    fn a_bad_message_says_what_is_wrong() {
        assert!(read(b"[1, 2]").unwrap_err().starts_with("not a webhook message"));
        let no_eui = br#"{"end_device_ids": {"device_id": "d", "application_ids": {"application_id": "a"}},
            "uplink_message": {"f_port": 10, "frm_payload": "AQ=="}}"#;
        assert!(read(no_eui).unwrap_err().contains("dev_eui is missing"));
        let bad_payload = br#"{"end_device_ids": {"device_id": "d", "application_ids": {"application_id": "a"},
            "dev_eui": "70B3D57ED005E9A1"}, "uplink_message": {"f_port": 10, "frm_payload": "%%"}}"#;
        assert!(read(bad_payload).unwrap_err().contains("frm_payload is not base64"));
    }
}
