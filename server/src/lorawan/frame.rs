//! LoRaWAN data frames through the `lorawan` crate (lora-rs): reading the
//! header without keys, checking the MIC, decrypting, and building frames.

use lorawan::creator::DataPayloadCreator;
use lorawan::keys::{AES128, AppSKey, NewSKey};
use lorawan::parser::{DataHeader, DataPayload, FCtrl, FRMPayload, PhyPayload, parse};

/// The largest forward jump of the frame counter accepted (LoRaWAN's MAX_FCNT_GAP).
pub const MAX_FCNT_GAP: u32 = 16_384;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("not a LoRaWAN frame")]
    Malformed,
    #[error("not an uplink data frame")]
    NotUplinkData,
    #[error("MIC does not match")]
    BadMic,
}

/// What can be read of an uplink before knowing its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub dev_addr: u32,
    pub fcnt16: u16,
    pub confirmed: bool,
}

pub fn head(bytes: &[u8]) -> Result<Head, FrameError> {
    let mut copy = bytes.to_vec();
    let phy = parse(&mut copy[..]).map_err(|_| FrameError::Malformed)?;
    let PhyPayload::Data(DataPayload::Encrypted(data)) = phy else {
        return Err(FrameError::NotUplinkData);
    };
    if !data.is_uplink() {
        return Err(FrameError::NotUplinkData);
    }
    let fhdr = data.fhdr();
    // On air the address is little-endian; we write it big-endian like everyone.
    let a = fhdr.dev_addr();
    let b = a.as_ref();
    Ok(Head {
        dev_addr: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        fcnt16: fhdr.fcnt(),
        confirmed: data.is_confirmed(),
    })
}

/// The 32-bit counter for the 16 bits on air, given the last accepted one; `None`
/// when it is not ahead of it by at most `MAX_FCNT_GAP` (a replay or a stale frame).
pub fn rebuild_fcnt(last: Option<u32>, fcnt16: u16) -> Option<u32> {
    let Some(last) = last else {
        return Some(u32::from(fcnt16));
    };
    let mut candidate = (last & 0xffff_0000) | u32::from(fcnt16);
    if candidate <= last {
        candidate = candidate.checked_add(0x1_0000)?;
    }
    (candidate - last <= MAX_FCNT_GAP).then_some(candidate)
}

/// An opened (verified and decrypted) frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub f_port: Option<u8>,
    pub payload: Vec<u8>,
}

/// Checks the MIC with NwkSKey and decrypts FRMPayload with AppSKey (an uplink).
pub fn open(bytes: &[u8], nwk_s_key: [u8; 16], app_s_key: [u8; 16], fcnt: u32) -> Result<Opened, FrameError> {
    open_frame(bytes, true, nwk_s_key, app_s_key, fcnt)
}

/// Opens a downlink as a meter would (the simulator and tests use it).
pub fn open_downlink(bytes: &[u8], nwk_s_key: [u8; 16], app_s_key: [u8; 16], fcnt: u32) -> Result<Opened, FrameError> {
    open_frame(bytes, false, nwk_s_key, app_s_key, fcnt)
}

fn open_frame(
    bytes: &[u8],
    uplink: bool,
    nwk_s_key: [u8; 16],
    app_s_key: [u8; 16],
    fcnt: u32,
) -> Result<Opened, FrameError> {
    let mut copy = bytes.to_vec();
    let phy = parse(&mut copy[..]).map_err(|_| FrameError::Malformed)?;
    let PhyPayload::Data(DataPayload::Encrypted(data)) = phy else {
        return Err(FrameError::NotUplinkData);
    };
    if data.is_uplink() != uplink {
        return Err(FrameError::NotUplinkData);
    }
    let (nwk, app) = (AES128(nwk_s_key), AES128(app_s_key));
    let f_port = data.f_port();
    let decrypted = data.decrypt_if_mic_ok(&nwk, &app, fcnt).map_err(|_| FrameError::BadMic)?;
    let payload = match decrypted.frm_payload() {
        FRMPayload::Data(d) => d.to_vec(),
        FRMPayload::MACCommands(_) | FRMPayload::None => Vec::new(),
    };
    Ok(Opened { f_port, payload })
}

/// Builds a data frame (uplink for the simulator, downlink for meters).
pub fn seal(
    uplink: bool,
    dev_addr: u32,
    fcnt: u32,
    f_port: u8,
    payload: &[u8],
    nwk_s_key: [u8; 16],
    app_s_key: [u8; 16],
) -> Result<Vec<u8>, FrameError> {
    let mut phy = DataPayloadCreator::new();
    let fctrl = FCtrl::new(0x00, uplink);
    phy.set_confirmed(false)
        .set_uplink(uplink)
        .set_f_port(f_port)
        .set_dev_addr(&dev_addr.to_le_bytes())
        .set_fctrl(&fctrl)
        .set_fcnt(fcnt);
    let built = phy
        .build(payload, &[], &NewSKey::from(nwk_s_key), &AppSKey::from(app_s_key))
        .map_err(|_| FrameError::Malformed)?;
    Ok(built.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lorawan crate's own example frame: DevAddr 01020304, FCnt 1,
    /// FPort 1, "hello" under AppSKey [1; 16], MIC under NwkSKey [2; 16].
    const CRATE_VECTOR: [u8; 18] =
        [0x40, 0x04, 0x03, 0x02, 0x01, 0x80, 0x01, 0x00, 0x01, 0xa6, 0x94, 0x64, 0x26, 0x15, 0xd6, 0xc3, 0xb5, 0x82];

    #[test]
    fn the_crates_vector_opens() {
        let h = head(&CRATE_VECTOR).unwrap();
        assert_eq!(h, Head { dev_addr: 0x0102_0304, fcnt16: 1, confirmed: false });
        let opened = open(&CRATE_VECTOR, [2; 16], [1; 16], 1).unwrap();
        assert_eq!(opened, Opened { f_port: Some(1), payload: b"hello".to_vec() });
        assert_eq!(open(&CRATE_VECTOR, [3; 16], [1; 16], 1), Err(FrameError::BadMic));
        let mut tampered = CRATE_VECTOR;
        tampered[10] ^= 1;
        assert_eq!(open(&tampered, [2; 16], [1; 16], 1), Err(FrameError::BadMic));
    }

    #[test]
    fn frames_we_seal_open_with_the_right_counter_only() {
        let (nwk, app) = ([0x2b; 16], [0x7e; 16]);
        let up = seal(true, 0x2601_1bda, 70_000, 10, &[1, 2, 3], nwk, app).unwrap();
        let h = head(&up).unwrap();
        assert_eq!((h.dev_addr, h.fcnt16), (0x2601_1bda, (70_000 % 65_536) as u16));
        assert_eq!(open(&up, nwk, app, 70_000).unwrap().payload, vec![1, 2, 3]);
        assert_eq!(open(&up, nwk, app, 70_000 - 65_536), Err(FrameError::BadMic), "the high bits are in the MIC");
        let down = seal(false, 0x2601_1bda, 5, 11, &[0x10, 1, 0], nwk, app).unwrap();
        assert_eq!(head(&down), Err(FrameError::NotUplinkData));
        assert_eq!(open_downlink(&down, nwk, app, 5).unwrap().payload, vec![0x10, 1, 0]);
        assert_eq!(head(&[0x40, 1, 2]), Err(FrameError::Malformed));
    }

    #[test]
    fn counters_rebuild_and_refuse_replays() {
        assert_eq!(rebuild_fcnt(None, 7), Some(7));
        assert_eq!(rebuild_fcnt(Some(7), 8), Some(8));
        assert_eq!(rebuild_fcnt(Some(7), 7), None, "the same counter again");
        assert_eq!(rebuild_fcnt(Some(7), 6), None, "an older frame");
        assert_eq!(rebuild_fcnt(Some(0xfffe), 0x0002), Some(0x1_0002), "16-bit rollover");
        assert_eq!(rebuild_fcnt(Some(100), 100 + 16_384), Some(16_484));
        assert_eq!(rebuild_fcnt(Some(100), 100 + 16_385), None, "too far ahead");
    }
}
