//! Energy types, pay modes and valve states with the vendor's codes.

use serde::{Deserialize, Serialize};

/// What a meter measures. The vendor's names are the wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EnergyType {
    Water,
    Electricity,
    Heating,
    Gas,
    #[serde(rename = "LIQUEFIEDGAS")]
    LiquefiedGas,
}

impl EnergyType {
    pub const ALL: [EnergyType; 5] =
        [EnergyType::Water, EnergyType::Electricity, EnergyType::Heating, EnergyType::Gas, EnergyType::LiquefiedGas];

    /// The vendor's key (`WATER`, `LIQUEFIEDGAS`, ...), also the stored form.
    pub fn code(self) -> &'static str {
        match self {
            EnergyType::Water => "WATER",
            EnergyType::Electricity => "ELECTRICITY",
            EnergyType::Heating => "HEATING",
            EnergyType::Gas => "GAS",
            EnergyType::LiquefiedGas => "LIQUEFIEDGAS",
        }
    }

    /// The readable name the vendor pairs with the key.
    pub fn label(self) -> &'static str {
        match self {
            EnergyType::Water => "water",
            EnergyType::Electricity => "electricity",
            EnergyType::Heating => "heating",
            EnergyType::Gas => "gas",
            EnergyType::LiquefiedGas => "liquefied gas",
        }
    }

    /// The number `queryMonthBillInfo` uses (0 water, 1 electricity, 2 heating,
    /// 3 gas, 4 liquefied gas; the document names 0, 1 and 3).
    pub fn number(self) -> i64 {
        match self {
            EnergyType::Water => 0,
            EnergyType::Electricity => 1,
            EnergyType::Heating => 2,
            EnergyType::Gas => 3,
            EnergyType::LiquefiedGas => 4,
        }
    }

    /// How many decimals a meter of this energy shows on its register: a
    /// water or gas meter to the litre, an electricity meter to a tenth of
    /// a kWh, a heat meter to a hundredth.
    pub fn shown_decimals(self) -> u32 {
        match self {
            EnergyType::Water | EnergyType::Gas | EnergyType::LiquefiedGas => 3,
            EnergyType::Electricity => 1,
            EnergyType::Heating => 2,
        }
    }

    /// The unit registers count in.
    pub fn unit(self) -> &'static str {
        match self {
            EnergyType::Electricity => "kWh",
            EnergyType::LiquefiedGas => "m³",
            _ => "m³",
        }
    }

    /// Accepts the key in any case, the readable name, or the number.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let norm: String =
            raw.trim().to_ascii_uppercase().chars().filter(|c| !c.is_whitespace() && *c != '_').collect();
        Ok(match norm.as_str() {
            "WATER" | "0" => EnergyType::Water,
            "ELECTRICITY" | "1" => EnergyType::Electricity,
            "HEATING" | "2" => EnergyType::Heating,
            "GAS" | "3" => EnergyType::Gas,
            "LIQUEFIEDGAS" | "LPG" | "4" => EnergyType::LiquefiedGas,
            _ => {
                return Err(format!(
                    "unknown energy type {raw:?} (expected WATER, ELECTRICITY, HEATING, GAS or LIQUEFIEDGAS)"
                ));
            }
        })
    }
}

/// Whether the platform keeps the balance and charges consumption (prepaid) or
/// bills monthly (postpaid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PayMode {
    Postpaid,
    Prepaid,
}

impl PayMode {
    /// `getPaymod`'s code: 0 postpaid, 1 prepaid.
    pub fn code(self) -> i64 {
        match self {
            PayMode::Postpaid => 0,
            PayMode::Prepaid => 1,
        }
    }

    /// The vendor's `gasType`/`meterType`: 0 and 2 are postpaid, 1 and 3 prepaid.
    pub fn from_meter_type(code: i64) -> Option<Self> {
        match code {
            0 | 2 => Some(PayMode::Postpaid),
            1 | 3 => Some(PayMode::Prepaid),
            _ => None,
        }
    }
}

/// A valve's state with the vendor's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValveState {
    Closed,
    Open,
    Unknown,
}

impl ValveState {
    pub fn code(self) -> i64 {
        match self {
            ValveState::Closed => 0,
            ValveState::Open => 1,
            ValveState::Unknown => 2,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(ValveState::Closed),
            1 => Some(ValveState::Open),
            2 => Some(ValveState::Unknown),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ValveState::Closed => "closed",
            ValveState::Open => "open",
            ValveState::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn energy_type_accepts_every_spelling() {
        assert_eq!(EnergyType::parse("water"), Ok(EnergyType::Water));
        assert_eq!(EnergyType::parse("Liquefied GAS"), Ok(EnergyType::LiquefiedGas));
        assert_eq!(EnergyType::parse("3"), Ok(EnergyType::Gas));
        assert!(EnergyType::parse("steam").is_err());
        for e in EnergyType::ALL {
            assert_eq!(EnergyType::parse(e.code()), Ok(e));
        }
    }

    #[test]
    fn meter_type_codes_map_to_pay_modes() {
        assert_eq!(PayMode::from_meter_type(0), Some(PayMode::Postpaid));
        assert_eq!(PayMode::from_meter_type(3), Some(PayMode::Prepaid));
        assert_eq!(PayMode::from_meter_type(4), None);
    }
}
