//! Over-the-air activation, LoRaWAN 1.0.x (specification section 6.2): the
//! Join-Request read and its MIC checked with the device's AppKey, the
//! Join-Accept built, the session keys derived. Written from the
//! specification with AES-128 and AES-CMAC directly: every byte is laid out
//! here, in the order it goes on air (multi-byte fields little-endian).
//!
//! The device side (`request`, `open_accept`) is here too, for the
//! simulator and the tests, which play meters joining.

use super::frame::FrameError;
use aes::Aes128;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use cmac::{Cmac, Mac};

/// MHDR(1) JoinEUI(8) DevEUI(8) DevNonce(2) MIC(4).
pub const JOIN_REQUEST_LEN: usize = 23;
/// The device opens its first join receive window 5 s after its request
/// (JOIN_ACCEPT_DELAY1), in microseconds of the gateway's counter.
pub const JOIN_ACCEPT_DELAY1_US: u32 = 5_000_000;

const MTYPE_JOIN_REQUEST: u8 = 0b000;
const MHDR_JOIN_ACCEPT: u8 = 0b001 << 5;

/// A Join-Request as read (its MIC not yet checked). EUIs most significant
/// byte first, as people write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinRequest {
    pub join_eui: [u8; 8],
    pub dev_eui: [u8; 8],
    pub dev_nonce: u16,
}

/// Whether a frame is a Join-Request (its MType), before reading it.
pub fn is_join_request(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|mhdr| mhdr >> 5 == MTYPE_JOIN_REQUEST)
}

fn msb_first(on_air: &[u8]) -> [u8; 8] {
    let mut eui = [0; 8];
    for (i, b) in on_air.iter().rev().enumerate() {
        eui[i] = *b;
    }
    eui
}

/// Reads a Join-Request.
pub fn read_request(bytes: &[u8]) -> Result<JoinRequest, FrameError> {
    if bytes.len() != JOIN_REQUEST_LEN || !is_join_request(bytes) {
        return Err(FrameError::Malformed);
    }
    Ok(JoinRequest {
        join_eui: msb_first(&bytes[1..9]),
        dev_eui: msb_first(&bytes[9..17]),
        dev_nonce: u16::from_le_bytes([bytes[17], bytes[18]]),
    })
}

fn cmac(key: [u8; 16], parts: &[&[u8]]) -> Cmac<Aes128> {
    let mut mac = <Cmac<Aes128> as KeyInit>::new(GenericArray::from_slice(&key));
    for p in parts {
        mac.update(p);
    }
    mac
}

/// Whether the request's MIC is the one `app_key` gives (compared in
/// constant time).
pub fn request_is_signed_by(bytes: &[u8], app_key: [u8; 16]) -> bool {
    bytes.len() == JOIN_REQUEST_LEN
        && cmac(app_key, &[&bytes[..JOIN_REQUEST_LEN - 4]])
            .verify_truncated_left(&bytes[JOIN_REQUEST_LEN - 4..])
            .is_ok()
}

/// What the network grants a joining device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// 24 bits, fresh for every join (the specification's AppNonce).
    pub app_nonce: u32,
    /// 24 bits: the network's id.
    pub net_id: u32,
    pub dev_addr: u32,
    /// DLSettings: RX1DROffset (bits 6..4) and RX2DataRate (bits 3..0).
    pub dl_settings: u8,
    /// The delay of RX1 after an uplink, in seconds (0 means 1).
    pub rx_delay: u8,
}

/// A Join-Accept ready to send, and the session it opens. Its `Debug`
/// shows no key.
#[derive(Clone, PartialEq, Eq)]
pub struct Accepted {
    pub phy: Vec<u8>,
    pub nwk_s_key: [u8; 16],
    pub app_s_key: [u8; 16],
}

impl std::fmt::Debug for Accepted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accepted").field("phy", &self.phy).finish_non_exhaustive()
    }
}

fn le24(v: u32) -> [u8; 3] {
    let b = v.to_le_bytes();
    [b[0], b[1], b[2]]
}

/// NwkSKey (`kind` 0x01) or AppSKey (0x02): aes128_encrypt(AppKey, kind |
/// AppNonce | NetID | DevNonce | pad16).
fn session_key(app_key: [u8; 16], kind: u8, grant: &Grant, dev_nonce: u16) -> [u8; 16] {
    let mut block = [0_u8; 16];
    block[0] = kind;
    block[1..4].copy_from_slice(&le24(grant.app_nonce));
    block[4..7].copy_from_slice(&le24(grant.net_id));
    block[7..9].copy_from_slice(&dev_nonce.to_le_bytes());
    let mut b = GenericArray::from(block);
    Aes128::new(GenericArray::from_slice(&app_key)).encrypt_block(&mut b);
    b.into()
}

/// The Join-Accept for a request with `dev_nonce` (no channel list: the
/// region's default channels), encrypted with `app_key` as the
/// specification says (the network *decrypts* so that the device only
/// needs AES encryption), and the session keys it gives.
pub fn accept(app_key: [u8; 16], dev_nonce: u16, grant: &Grant) -> Accepted {
    let mut plain = Vec::with_capacity(17);
    plain.push(MHDR_JOIN_ACCEPT);
    plain.extend_from_slice(&le24(grant.app_nonce));
    plain.extend_from_slice(&le24(grant.net_id));
    plain.extend_from_slice(&grant.dev_addr.to_le_bytes());
    plain.push(grant.dl_settings);
    plain.push(grant.rx_delay);
    let mic = cmac(app_key, &[&plain]).finalize().into_bytes();
    plain.extend_from_slice(&mic[..4]);
    let cipher = Aes128::new(GenericArray::from_slice(&app_key));
    let mut phy = vec![MHDR_JOIN_ACCEPT];
    for chunk in plain[1..].chunks(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        phy.extend_from_slice(&block);
    }
    Accepted {
        phy,
        nwk_s_key: session_key(app_key, 0x01, grant, dev_nonce),
        app_s_key: session_key(app_key, 0x02, grant, dev_nonce),
    }
}

/// A device's Join-Request (the simulator and tests join with it).
pub fn request(app_key: [u8; 16], join_eui: [u8; 8], dev_eui: [u8; 8], dev_nonce: u16) -> Vec<u8> {
    let mut frame = vec![MTYPE_JOIN_REQUEST << 5];
    frame.extend(join_eui.iter().rev());
    frame.extend(dev_eui.iter().rev());
    frame.extend_from_slice(&dev_nonce.to_le_bytes());
    let mic = cmac(app_key, &[&frame]).finalize().into_bytes();
    frame.extend_from_slice(&mic[..4]);
    frame
}

/// What a device reads from a Join-Accept for its request with
/// `dev_nonce`: its address and session keys, once the MIC matches.
pub fn open_accept(phy: &[u8], app_key: [u8; 16], dev_nonce: u16) -> Result<(u32, Accepted), FrameError> {
    if phy.len() != 17 || phy[0] != MHDR_JOIN_ACCEPT {
        return Err(FrameError::Malformed);
    }
    let mut block = GenericArray::clone_from_slice(&phy[1..]);
    Aes128::new(GenericArray::from_slice(&app_key)).encrypt_block(&mut block);
    let mut plain = vec![MHDR_JOIN_ACCEPT];
    plain.extend_from_slice(&block);
    if cmac(app_key, &[&plain[..13]]).verify_truncated_left(&plain[13..]).is_err() {
        return Err(FrameError::BadMic);
    }
    let u24 = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], 0]);
    let grant = Grant {
        app_nonce: u24(&plain[1..4]),
        net_id: u24(&plain[4..7]),
        dev_addr: u32::from_le_bytes([plain[7], plain[8], plain[9], plain[10]]),
        dl_settings: plain[11],
        rx_delay: plain[12],
    };
    Ok((grant.dev_addr, accept(app_key, dev_nonce, &grant)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    const APP_KEY: [u8; 16] =
        [0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c];
    const JOIN_EUI: [u8; 8] = [0x70, 0xb3, 0xd5, 0x7e, 0xd0, 0x00, 0x00, 0x01];
    const DEV_EUI: [u8; 8] = [0x8c, 0xf9, 0x57, 0x20, 0x00, 0x17, 0x00, 0x01];
    const GRANT: Grant =
        Grant { app_nonce: 0x5a_3c21, net_id: 0x00_0013, dev_addr: 0x01ab_cdef, dl_settings: 0, rx_delay: 1 };

    // The expected bytes were computed apart from this code, by Python's
    // `cryptography` (AES-128 and AES-CMAC) following section 6.2 of the
    // LoRaWAN 1.0.x specification field by field (docs/networks.md gives
    // the script): a second implementation, so a mistake in ours (a byte
    // order, the decrypt-to-encrypt, the key derivation block) shows here.
    const JOIN_REQUEST: &str = "00010000d07ed5b370010017002057f98c34128a13c516";
    const JOIN_ACCEPT: &str = "208e95141d3e0f40d68240351f0023e3a0";
    const NWK_S_KEY: &str = "c27e06c26ff5996c756f854a82d9b728";
    const APP_S_KEY: &str = "16941c88add9905d1645f9180d0177f3";

    #[test]
    fn a_join_request_reads_and_its_mic_is_the_app_keys() {
        let frame = hex(JOIN_REQUEST);
        assert_eq!(request(APP_KEY, JOIN_EUI, DEV_EUI, 0x1234), frame);
        assert!(is_join_request(&frame));
        let r = read_request(&frame).unwrap();
        assert_eq!((r.join_eui, r.dev_eui, r.dev_nonce), (JOIN_EUI, DEV_EUI, 0x1234));
        assert!(request_is_signed_by(&frame, APP_KEY));
        let mut other_key = APP_KEY;
        other_key[15] ^= 1;
        assert!(!request_is_signed_by(&frame, other_key));
        let mut tampered = frame.clone();
        tampered[17] ^= 1;
        assert!(!request_is_signed_by(&tampered, APP_KEY), "another DevNonce under the same MIC");
        assert_eq!(read_request(&frame[..22]), Err(FrameError::Malformed));
        assert!(!is_join_request(&[0x40, 0, 0]), "an unconfirmed data uplink");
    }

    #[test]
    fn the_join_accept_and_session_keys_are_the_specifications() {
        let accepted = accept(APP_KEY, 0x1234, &GRANT);
        assert_eq!(accepted.phy, hex(JOIN_ACCEPT));
        assert_eq!(accepted.nwk_s_key.to_vec(), hex(NWK_S_KEY));
        assert_eq!(accepted.app_s_key.to_vec(), hex(APP_S_KEY));
        // The device reads it back to the same session.
        let (dev_addr, opened) = open_accept(&accepted.phy, APP_KEY, 0x1234).unwrap();
        assert_eq!((dev_addr, &opened), (GRANT.dev_addr, &accepted));
        let mut other_key = APP_KEY;
        other_key[0] ^= 1;
        assert_eq!(open_accept(&accepted.phy, other_key, 0x1234), Err(FrameError::BadMic));
        let printed = format!("{accepted:?}");
        assert!(!printed.contains("nwk_s_key") && !printed.contains("194"), "{printed}");
    }
}
