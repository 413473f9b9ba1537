//! Typed database identifiers, so an area id can never be passed as a meter id.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A node of the area tree.
    AreaId,
    /// An operator account.
    AdminId,
    /// A household (customer account holding the balance).
    HouseholdId,
    /// A meter archive.
    MeterId,
    /// A price plan.
    PriceId,
    /// An equipment (device) model.
    EquipmentModelId,
    /// A queued command; the legacy API calls it `valueId`.
    CommandId,
);

/// A LoRaWAN device EUI: 8 bytes, written as 16 hex digits (stored lower-case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DevEui(String);

impl DevEui {
    /// Accepts 16 hex digits in any case, with optional `-` or `:` separators.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let hex: String = raw.trim().chars().filter(|c| *c != '-' && *c != ':').collect();
        if hex.len() != 16 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("must be 16 hexadecimal digits, got {raw:?}"));
        }
        Ok(Self(hex.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DevEui {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DevEui> for String {
    fn from(value: DevEui) -> Self {
        value.0
    }
}

impl std::fmt::Display for DevEui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A gateway EUI: 8 bytes, stored as 16 lower-case hex digits. The document's
/// own sample has 15 digits and a space ("b827ebff ed58048"): blanks, `:` and
/// `-` are dropped and a short id is zero-padded on the left.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GatewayEui(String);

impl GatewayEui {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let hex: String = raw.chars().filter(|c| !c.is_whitespace() && *c != ':' && *c != '-').collect();
        if hex.is_empty() || hex.len() > 16 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("must be up to 16 hexadecimal digits, got {raw:?}"));
        }
        Ok(Self(format!("{:0>16}", hex.to_ascii_lowercase())))
    }

    /// The EUI a gateway puts in its datagrams' header.
    pub fn from_bytes(bytes: [u8; 8]) -> Self {
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for GatewayEui {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<GatewayEui> for String {
    fn from(value: GatewayEui) -> Self {
        value.0
    }
}

impl std::fmt::Display for GatewayEui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An NB-IoT module IMEI: 15 digits (some modules report 14 or 16; we accept 14–17).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Imei(String);

impl Imei {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if !(14..=17).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("must be 14 to 17 digits, got {raw:?}"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Imei {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Imei> for String {
    fn from(value: Imei) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_eui_normalises_case_and_separators() {
        assert_eq!(DevEui::parse("8C-F9-57-20-00-01-55-14").unwrap().as_str(), "8cf9572000015514");
        assert!(DevEui::parse("8cf95720000155").is_err());
        assert!(DevEui::parse("8cf957200001551g").is_err());
    }

    #[test]
    fn gateway_eui_takes_the_documents_spaced_sample_and_header_bytes() {
        assert_eq!(GatewayEui::parse("b827ebff ed58048").unwrap().as_str(), "0b827ebffed58048");
        assert_eq!(GatewayEui::parse("B8:27:EB:FF:FE:D5:80:48").unwrap().as_str(), "b827ebfffed58048");
        assert_eq!(
            GatewayEui::from_bytes([0xb8, 0x27, 0xeb, 0xff, 0xfe, 0xd5, 0x80, 0x48]).as_str(),
            "b827ebfffed58048"
        );
        assert!(GatewayEui::parse("").is_err() && GatewayEui::parse("b827ebfffed580481").is_err());
        assert!(GatewayEui::parse("g827ebfffed58048").is_err());
    }

    #[test]
    fn imei_is_digits_only() {
        assert!(Imei::parse("862437040310543").is_ok());
        assert!(Imei::parse("86243704031054x").is_err());
        assert!(Imei::parse("123").is_err());
    }
}
