//! LoRaWAN device registration: ABP (session keys given) and OTAA (an
//! AppKey, from which each join derives a session).

use super::ids::DevEui;
use serde::{Deserialize, Serialize};

/// A 128-bit LoRaWAN key (a session's AppSKey or NwkSKey, or the AppKey
/// an OTAA device joins with). Travels in requests, is stored
/// for the radio path, and is never printed: its `Debug` shows `***`, and no
/// answer type contains one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionKey([u8; 16]);

impl SessionKey {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let hex = raw.trim();
        if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err("must be 32 hexadecimal digits".into());
        }
        let mut out = [0_u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
                .map_err(|_| "must be 32 hexadecimal digits".to_owned())?;
        }
        Ok(Self(out))
    }

    pub fn bytes(&self) -> [u8; 16] {
        self.0
    }

    /// A key derived on our side (an OTAA join's session keys).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(***)")
    }
}

impl TryFrom<String> for SessionKey {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<SessionKey> for String {
    fn from(value: SessionKey) -> Self {
        value.to_hex()
    }
}

/// A 32-bit device address, 8 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DevAddr(pub u32);

impl DevAddr {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let hex = raw.trim();
        // from_str_radix would take a sign ("+1234567"): only digits are an address.
        if hex.len() != 8 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("must be 8 hexadecimal digits, got {raw:?}"));
        }
        u32::from_str_radix(hex, 16).map(Self).map_err(|_| format!("must be 8 hexadecimal digits, got {raw:?}"))
    }
}

impl TryFrom<String> for DevAddr {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DevAddr> for String {
    fn from(value: DevAddr) -> Self {
        format!("{:08x}", value.0)
    }
}

/// `lorawanApi addMeter`: an ABP device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAbpDevice {
    pub dev_eui: DevEui,
    pub dev_name: String,
    pub app_eui: String,
    pub app_id: String,
    pub region: String,
    pub subnet: String,
    pub dev_addr: DevAddr,
    pub app_s_key: SessionKey,
    pub nwk_s_key: SessionKey,
}

/// `lorawanApi addMeter` with `authType: "otaa"`: a device that joins over
/// the air with `app_key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOtaaDevice {
    pub dev_eui: DevEui,
    pub dev_name: String,
    /// The JoinEUI (the legacy `appEUI`) its requests carry; empty: any.
    pub join_eui: String,
    pub app_id: String,
    pub region: String,
    pub subnet: String,
    pub app_key: SessionKey,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_never_print() {
        let k = SessionKey::parse("2b7e151628aed2a6abf7158809cf4f3c").unwrap();
        assert_eq!(k.bytes()[0], 0x2b);
        assert_eq!(format!("{k:?}"), "SessionKey(***)");
        assert!(SessionKey::parse("2b7e").is_err());
        assert_eq!(DevAddr::parse("00010203").unwrap().0, 0x0001_0203);
        assert!(DevAddr::parse("0001020").is_err());
        assert!(DevAddr::parse("+1020304").is_err(), "a sign is not a hex digit");
    }
}
