//! The Semtech packet-forwarder protocol (GWMP), version 2: datagrams in and out.

use serde::Deserialize;

pub const VERSION: u8 = 2;
pub const PUSH_DATA: u8 = 0x00;
pub const PUSH_ACK: u8 = 0x01;
pub const PULL_DATA: u8 = 0x02;
pub const PULL_RESP: u8 = 0x03;
pub const PULL_ACK: u8 = 0x04;
pub const TX_ACK: u8 = 0x05;

/// A received uplink as the gateway describes it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Rxpk {
    pub tmst: u32,
    /// MHz.
    pub freq: f64,
    pub datr: String,
    pub rssi: i32,
    #[serde(default)]
    pub lsnr: f64,
    /// Base64 PHYPayload.
    pub data: String,
}

/// Gateway status.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct Stat {
    pub lati: Option<f64>,
    pub long: Option<f64>,
    pub alti: Option<i64>,
    pub rxnb: Option<u64>,
    pub txnb: Option<u64>,
}

impl Stat {
    /// What the platform keeps of it: coordinates in millionths of a degree.
    pub fn to_model(&self) -> app::model::gateway::GatewayStat {
        let micro = |v: f64| (v * 1_000_000.0).round() as i64;
        app::model::gateway::GatewayStat {
            latitude_micro: self.lati.map(micro),
            longitude_micro: self.long.map(micro),
            altitude: self.alti,
            rx_packets: self.rxnb.map(|v| v as i64),
            tx_packets: self.txnb.map(|v| v as i64),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
struct PushBody {
    #[serde(default)]
    rxpk: Vec<Rxpk>,
    stat: Option<Stat>,
}

#[derive(Debug, Clone, Deserialize, Default)]
struct TxAckBody {
    txpk_ack: Option<TxAckInner>,
}

#[derive(Debug, Clone, Deserialize, Default)]
struct TxAckInner {
    error: Option<String>,
}

/// A datagram from a gateway.
#[derive(Debug, Clone, PartialEq)]
pub enum Datagram {
    PushData {
        token: u16,
        gateway: [u8; 8],
        rxpk: Vec<Rxpk>,
        stat: Option<Stat>,
    },
    PullData {
        token: u16,
        gateway: [u8; 8],
    },
    /// `error` is `None` or "NONE" when the downlink went out.
    TxAck {
        token: u16,
        gateway: [u8; 8],
        error: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GwmpError {
    #[error("datagram too short")]
    TooShort,
    #[error("protocol version {0} (only 2)")]
    Version(u8),
    #[error("unexpected packet type 0x{0:02x}")]
    Kind(u8),
    #[error("bad JSON: {0}")]
    Json(String),
}

pub fn parse(bytes: &[u8]) -> Result<Datagram, GwmpError> {
    if bytes.len() < 4 {
        return Err(GwmpError::TooShort);
    }
    if bytes[0] != VERSION {
        return Err(GwmpError::Version(bytes[0]));
    }
    let token = u16::from_be_bytes([bytes[1], bytes[2]]);
    let gateway = || -> Result<[u8; 8], GwmpError> {
        bytes.get(4..12).and_then(|s| s.try_into().ok()).ok_or(GwmpError::TooShort)
    };
    match bytes[3] {
        PUSH_DATA => {
            let gateway = gateway()?;
            let body: PushBody = serde_json::from_slice(&bytes[12..]).map_err(|e| GwmpError::Json(e.to_string()))?;
            Ok(Datagram::PushData { token, gateway, rxpk: body.rxpk, stat: body.stat })
        }
        PULL_DATA => Ok(Datagram::PullData { token, gateway: gateway()? }),
        TX_ACK => {
            let gateway = gateway()?;
            let rest = &bytes[12..];
            let body: TxAckBody = if rest.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
                TxAckBody::default()
            } else {
                serde_json::from_slice(rest).map_err(|e| GwmpError::Json(e.to_string()))?
            };
            Ok(Datagram::TxAck { token, gateway, error: body.txpk_ack.and_then(|a| a.error) })
        }
        other => Err(GwmpError::Kind(other)),
    }
}

/// PUSH_ACK or PULL_ACK for a token.
pub fn ack(kind: u8, token: u16) -> [u8; 4] {
    let t = token.to_be_bytes();
    [VERSION, t[0], t[1], kind]
}

/// A PULL_RESP carrying one downlink.
pub fn pull_resp(token: u16, txpk: &serde_json::Value) -> Vec<u8> {
    let t = token.to_be_bytes();
    let mut out = vec![VERSION, t[0], t[1], PULL_RESP];
    out.extend_from_slice(serde_json::json!({ "txpk": txpk }).to_string().as_bytes());
    out
}

/// Builds gateway datagrams (the simulator and tests play gateways with these).
pub fn push_data(token: u16, gateway: [u8; 8], body: &serde_json::Value) -> Vec<u8> {
    let t = token.to_be_bytes();
    let mut out = vec![VERSION, t[0], t[1], PUSH_DATA];
    out.extend_from_slice(&gateway);
    out.extend_from_slice(body.to_string().as_bytes());
    out
}

pub fn pull_data(token: u16, gateway: [u8; 8]) -> Vec<u8> {
    let t = token.to_be_bytes();
    let mut out = vec![VERSION, t[0], t[1], PULL_DATA];
    out.extend_from_slice(&gateway);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_what_packet_forwarders_send() {
        let gw = [0xb8, 0x27, 0xeb, 0xff, 0xfe, 0xd5, 0x80, 0x48];
        let body = json!({"rxpk": [{"tmst": 3512348611_u32, "chan": 2, "rfch": 0, "freq": 866.349812, "stat": 1, "modu": "LORA",
            "datr": "SF7BW125", "codr": "4/6", "rssi": -35, "lsnr": 5.1, "size": 32, "data": "QAQDAgGAAQABppRkJhXWw7WC"}],
            "stat": {"time": "2014-01-12 08:59:28 GMT", "lati": 46.24, "long": 3.2523, "alti": 145, "rxnb": 2, "rxok": 2, "rxfw": 2,
            "ackr": 100.0, "dwnb": 2, "txnb": 2}});
        let Datagram::PushData { token, gateway, rxpk, stat } = parse(&push_data(0x1234, gw, &body)).unwrap() else {
            panic!()
        };
        assert_eq!((token, gateway), (0x1234, gw));
        assert_eq!(rxpk[0].rssi, -35);
        assert_eq!(rxpk[0].datr, "SF7BW125");
        assert_eq!(stat.unwrap().alti, Some(145));
        assert_eq!(parse(&pull_data(7, gw)).unwrap(), Datagram::PullData { token: 7, gateway: gw });
        let mut tx_ack = vec![2, 0, 9, TX_ACK];
        tx_ack.extend_from_slice(&gw);
        tx_ack.extend_from_slice(br#"{"txpk_ack":{"error":"TOO_LATE"}}"#);
        assert_eq!(parse(&tx_ack).unwrap(), Datagram::TxAck { token: 9, gateway: gw, error: Some("TOO_LATE".into()) });
        assert_eq!(ack(PUSH_ACK, 0x1234), [2, 0x12, 0x34, 1]);
    }

    #[test]
    fn refuses_garbage() {
        assert_eq!(parse(&[2, 0]), Err(GwmpError::TooShort));
        assert_eq!(parse(&[1, 0, 0, 0]), Err(GwmpError::Version(1)));
        assert_eq!(parse(&[2, 0, 0, 0x09]), Err(GwmpError::Kind(9)));
        assert_eq!(parse(&[2, 0, 0, PUSH_DATA, 1, 2]), Err(GwmpError::TooShort));
        assert!(matches!(parse(&push_data(1, [0; 8], &json!("x"))[..14]), Err(GwmpError::Json(_))));
    }
}
