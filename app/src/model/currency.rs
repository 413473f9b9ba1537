//! The installation's currency: an ISO 4217 code and its minor units.
//!
//! Money is kept in hundredths (`Money`), so a currency with two minor units
//! uses all of them, one with none (UGX, RWF) only whole amounts, and one
//! with three (KWD, BHD) cannot be kept at all and is refused at start-up.

use super::fixed::Money;
use super::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency Meterline can keep money in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub struct Currency {
    code: &'static str,
    minor_units: u8,
}

/// ISO 4217 codes and their minor units: the currencies of the places
/// prepaid utilities sell in, and the common ones of trade. Three-decimal
/// currencies are listed so that they are refused by name, not as unknown.
#[rustfmt::skip]
const TABLE: &[(&str, u8)] = &[
    ("AED", 2), ("AOA", 2), ("BDT", 2), ("BHD", 3), ("BIF", 0), ("BWP", 2), ("CDF", 2), ("CNY", 2),
    ("CVE", 2), ("DJF", 0), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2), ("GBP", 2),
    ("GHS", 2), ("GMD", 2), ("GNF", 0), ("IDR", 2), ("INR", 2), ("IQD", 3), ("JOD", 3), ("JPY", 0),
    ("KES", 2), ("KMF", 0), ("KRW", 0), ("KWD", 3), ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3),
    ("MAD", 2), ("MGA", 2), ("MMK", 2), ("MRU", 2), ("MUR", 2), ("MWK", 2), ("MZN", 2), ("NAD", 2),
    ("NGN", 2), ("NPR", 2), ("OMR", 3), ("PHP", 2), ("PKR", 2), ("RWF", 0), ("SAR", 2), ("SCR", 2),
    ("SDG", 2), ("SLE", 2), ("SOS", 2), ("SSP", 2), ("STN", 2), ("SZL", 2), ("THB", 2), ("TND", 3),
    ("TZS", 2), ("UGX", 0), ("USD", 2), ("VND", 0), ("XAF", 0), ("XOF", 0), ("ZAR", 2), ("ZMW", 2),
    ("ZWG", 2),
];

impl Currency {
    /// Kenya's shilling: the demo's and M-Pesa's.
    pub const KES: Currency = Currency { code: "KES", minor_units: 2 };

    /// A currency by its ISO 4217 code (any case).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let wanted = raw.trim().to_ascii_uppercase();
        let &(code, minor_units) = TABLE
            .iter()
            .find(|(code, _)| *code == wanted)
            .ok_or_else(|| format!("must be an ISO 4217 currency code such as KES, UGX or RWF, got {raw:?}"))?;
        if minor_units > 2 {
            return Err(format!("{code} has {minor_units} decimal places; Meterline keeps money in hundredths"));
        }
        Ok(Self { code, minor_units })
    }

    pub fn code(self) -> &'static str {
        self.code
    }

    /// How many decimal places an amount of this currency has.
    pub fn minor_units(self) -> u8 {
        self.minor_units
    }

    /// Whether the currency can carry the amount exactly (2,500 UGX yes,
    /// 2,500.50 UGX no).
    pub fn carries(self, amount: Money) -> bool {
        amount.minor() % self.step() == 0
    }

    /// The smallest amount of this currency, in hundredths (1 or 100).
    fn step(self) -> i64 {
        10_i64.pow(2 - u32::from(self.minor_units))
    }

    /// The amount with the currency's code, its own decimals and thousands
    /// grouped: "KES 1,234.50", "UGX 2,500", "KES -12.00".
    pub fn show(self, amount: Money) -> String {
        self.show_in(Lang::En, amount)
    }

    /// `show` in a language's conventions: "1 234,50 KES" in French.
    pub fn show_in(self, lang: Lang, amount: Money) -> String {
        lang.money(self.code, &lang.number(&self.plain(amount)))
    }

    /// The amount alone, as `show` writes it: "1,234.50".
    pub fn number(self, amount: Money) -> String {
        Lang::En.number(&self.plain(amount))
    }

    /// The amount with the currency's own decimals and nothing else: "1234.50".
    fn plain(self, amount: Money) -> String {
        // Hundredths a currency without minor units cannot show (charges
        // are kept in hundredths) are rounded half away from zero.
        let (m, step) = (amount.minor(), self.step());
        let rounded = (m.abs() + step / 2) / step * step;
        let padded = Money::from_minor(if m < 0 { -rounded } else { rounded }).to_padded();
        // A currency without minor units shows none (the amount carries none).
        match padded.split_once('.') {
            Some((whole, fraction)) if self.minor_units > 0 => {
                format!("{whole}.{}", &fraction[..usize::from(self.minor_units).min(fraction.len())])
            }
            Some((whole, _)) => whole.to_owned(),
            None => padded,
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Self::KES
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

// By hand: a derived impl would tie the input's lifetime to the code's
// `'static`, and answers need `DeserializeOwned`.
impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Currency::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_with_their_minor_units() {
        assert_eq!(Currency::parse("kes").unwrap(), Currency::KES);
        assert_eq!(Currency::parse(" UGX ").unwrap().minor_units(), 0);
        assert!(Currency::parse("KWD").unwrap_err().contains("3 decimal places"));
        assert!(Currency::parse("XYZ").unwrap_err().contains("ISO 4217"));
        assert!(Currency::parse("").is_err());
    }

    #[test]
    fn a_currency_travels_as_its_code() {
        assert_eq!(serde_json::to_string(&Currency::KES).unwrap(), "\"KES\"");
        let ugx: Currency = serde_json::from_str("\"ugx\"").unwrap();
        assert_eq!(ugx.minor_units(), 0);
        assert!(serde_json::from_str::<Currency>("\"XYZ\"").unwrap_err().to_string().contains("ISO 4217"));
    }

    #[test]
    fn amounts_read_as_money() {
        let kes = Currency::KES;
        assert_eq!(kes.show(Money::from_minor(10_206_450)), "KES 102,064.50");
        assert_eq!(kes.show(Money::from_minor(123_450)), "KES 1,234.50");
        assert_eq!(kes.show(Money::from_minor(99_900)), "KES 999.00");
        assert_eq!(kes.show(Money::from_minor(-1_200)), "KES -12.00");
        assert_eq!(kes.show(Money::from_minor(-123_456_789)), "KES -1,234,567.89");
        assert_eq!(kes.show(Money::ZERO), "KES 0.00");
        let rwf = Currency::parse("RWF").unwrap();
        assert_eq!(rwf.show(Money::from_minor(100_000_000)), "RWF 1,000,000");
        // Charges kept in hundredths round to what the currency shows.
        assert_eq!(rwf.show(Money::from_minor(249_999)), "RWF 2,500");
        assert_eq!(rwf.show(Money::from_minor(249_949)), "RWF 2,499");
        assert_eq!(rwf.show(Money::from_minor(-40)), "RWF 0");
        assert_eq!(rwf.show(Money::from_minor(-150)), "RWF -2");
    }

    #[test]
    fn a_currency_without_minor_units_carries_whole_amounts_only() {
        let ugx = Currency::parse("UGX").unwrap();
        assert!(ugx.carries(Money::from_minor(250_000)));
        assert!(!ugx.carries(Money::from_minor(250_050)));
        assert!(Currency::KES.carries(Money::from_minor(250_050)));
        assert_eq!(ugx.show(Money::from_minor(250_000)), "UGX 2,500");
        assert_eq!(Currency::KES.show(Money::from_minor(250_050)), "KES 2,500.50");
    }

    #[test]
    fn amounts_follow_the_readers_language() {
        let kes = Currency::KES;
        assert_eq!(kes.show_in(Lang::Fr, Money::from_minor(123_450)), "1\u{202f}234,50\u{a0}KES");
        assert_eq!(kes.show_in(Lang::Sw, Money::from_minor(-123_450)), "KES -1,234.50");
        let ugx = Currency::parse("UGX").unwrap();
        assert_eq!(ugx.show_in(Lang::Fr, Money::from_minor(250_000)), "2\u{202f}500\u{a0}UGX");
    }
}
