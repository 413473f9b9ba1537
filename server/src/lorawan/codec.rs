//! The reference meter codec `meterline-v1` (docs/codec.md).
//!
//! Uplink, FPort 10: records of a tag byte and a little-endian value. An
//! unknown or truncated record ends decoding; the records before it are kept
//! and the error is reported. Downlink, FPort 11: opcode, u16 sequence, arguments.

pub const UPLINK_PORT: u8 = 10;
pub const DOWNLINK_PORT: u8 = 11;

/// What a meter reported in one uplink. Registers and flow are in 0.001 units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub forward: Option<u32>,
    pub reverse: Option<u32>,
    pub flow: Option<u32>,
    /// 0 closed, 1 open, 2 unknown.
    pub valve: Option<u8>,
    pub battery_mv: Option<u16>,
    /// Bit 0 leak, bit 1 tamper, bit 2 magnet, bit 3 low battery.
    pub alarms: Option<u8>,
    /// LPG tank level in 0.01 %.
    pub tank_level: Option<u16>,
    /// Command acknowledgements: (sequence, 0 done / 1 refused).
    pub acks: Vec<(u16, u8)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("unknown record tag 0x{0:02x}")]
    UnknownTag(u8),
    #[error("record 0x{0:02x} is cut short")]
    Truncated(u8),
}

/// Decodes an uplink; returns what was read and the error that stopped it, if any.
pub fn decode_report(bytes: &[u8]) -> (Report, Option<CodecError>) {
    let mut r = Report::default();
    let mut i = 0;
    while i < bytes.len() {
        let tag = bytes[i];
        let len = match tag {
            0x01..=0x03 => 4,
            0x04 | 0x06 => 1,
            0x05 | 0x07 => 2,
            0x08 => 3,
            other => return (r, Some(CodecError::UnknownTag(other))),
        };
        let Some(v) = bytes.get(i + 1..i + 1 + len) else {
            return (r, Some(CodecError::Truncated(tag)));
        };
        let u16le = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]);
        let u32le = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        match tag {
            0x01 => r.forward = Some(u32le(v)),
            0x02 => r.reverse = Some(u32le(v)),
            0x03 => r.flow = Some(u32le(v)),
            0x04 => r.valve = Some(v[0]),
            0x05 => r.battery_mv = Some(u16le(v)),
            0x06 => r.alarms = Some(v[0]),
            0x07 => r.tank_level = Some(u16le(v)),
            _ => r.acks.push((u16le(v), v[2])),
        }
        i += 1 + len;
    }
    (r, None)
}

/// Encodes a report (the simulator and tests play meters with it).
pub fn encode_report(r: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    let mut put = |tag: u8, value: &[u8]| {
        out.push(tag);
        out.extend_from_slice(value);
    };
    if let Some(v) = r.forward {
        put(0x01, &v.to_le_bytes());
    }
    if let Some(v) = r.reverse {
        put(0x02, &v.to_le_bytes());
    }
    if let Some(v) = r.flow {
        put(0x03, &v.to_le_bytes());
    }
    if let Some(v) = r.valve {
        put(0x04, &[v]);
    }
    if let Some(v) = r.battery_mv {
        put(0x05, &v.to_le_bytes());
    }
    if let Some(v) = r.alarms {
        put(0x06, &[v]);
    }
    if let Some(v) = r.tank_level {
        put(0x07, &v.to_le_bytes());
    }
    for (seq, result) in &r.acks {
        let s = seq.to_le_bytes();
        put(0x08, &[s[0], s[1], *result]);
    }
    out
}

/// A command for a meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    CloseValve {
        seq: u16,
    },
    OpenValve {
        seq: u16,
    },
    /// Credit in 0.001 units.
    AddCredit {
        seq: u16,
        amount: u32,
    },
    Report {
        seq: u16,
    },
}

pub fn encode_order(o: Order) -> Vec<u8> {
    let (op, seq, arg) = match o {
        Order::CloseValve { seq } => (0x10, seq, None),
        Order::OpenValve { seq } => (0x11, seq, None),
        Order::AddCredit { seq, amount } => (0x20, seq, Some(amount)),
        Order::Report { seq } => (0x30, seq, None),
    };
    let mut out = vec![op];
    out.extend_from_slice(&seq.to_le_bytes());
    if let Some(a) = arg {
        out.extend_from_slice(&a.to_le_bytes());
    }
    out
}

pub fn decode_order(bytes: &[u8]) -> Option<Order> {
    let seq = u16::from_le_bytes([*bytes.get(1)?, *bytes.get(2)?]);
    Some(match bytes.first()? {
        0x10 if bytes.len() == 3 => Order::CloseValve { seq },
        0x11 if bytes.len() == 3 => Order::OpenValve { seq },
        0x30 if bytes.len() == 3 => Order::Report { seq },
        0x20 if bytes.len() == 7 => {
            Order::AddCredit { seq, amount: u32::from_le_bytes([bytes[3], bytes[4], bytes[5], bytes[6]]) }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_round_trip() {
        let r = Report {
            forward: Some(123_456),
            reverse: Some(7),
            flow: Some(1_500),
            valve: Some(1),
            battery_mv: Some(3_601),
            alarms: Some(0b1001),
            tank_level: Some(4_250),
            acks: vec![(513, 0)],
        };
        let bytes = encode_report(&r);
        assert_eq!(&bytes[..5], &[0x01, 0x40, 0xe2, 0x01, 0x00], "tag then little-endian u32");
        assert_eq!(decode_report(&bytes), (r, None));
    }

    #[test]
    fn unknown_tags_and_truncation_keep_what_came_before() {
        let (r, err) = decode_report(&[0x04, 0x01, 0x99, 0x01, 0x00]);
        assert_eq!(r.valve, Some(1));
        assert_eq!(err, Some(CodecError::UnknownTag(0x99)));
        let (r, err) = decode_report(&[0x05, 0x10, 0x0e, 0x01, 0x01, 0x02]);
        assert_eq!(r.battery_mv, Some(3_600));
        assert_eq!(err, Some(CodecError::Truncated(0x01)));
        assert_eq!(decode_report(&[]), (Report::default(), None));
    }

    #[test]
    fn orders_round_trip() {
        for o in [
            Order::CloseValve { seq: 1 },
            Order::OpenValve { seq: 65_535 },
            Order::AddCredit { seq: 7, amount: 10_000 },
            Order::Report { seq: 2 },
        ] {
            assert_eq!(decode_order(&encode_order(o)), Some(o));
        }
        assert_eq!(encode_order(Order::AddCredit { seq: 0x0102, amount: 1 }), vec![0x20, 0x02, 0x01, 1, 0, 0, 0]);
        assert_eq!(decode_order(&[0x10, 0x01]), None);
        assert_eq!(decode_order(&[0x42, 0, 0]), None);
    }
}
