//! Exact fixed-point numbers for money, unit prices and meter registers.
//!
//! Values are integers scaled by `10^DP`; nothing on the money path is a float.
//! Text is the interchange form: `"12.5"`, `"-3"`, `"1,234.00"` (thousands
//! separators from PHP clients) all parse; more decimals than `DP` are refused
//! rather than silently rounded.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A decimal number with `DP` fractional digits, stored as an integer. `KIND`
/// tells quantities apart that share a scale: a unit price and a register
/// both have four decimals, and one must not pass for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fixed<const DP: u32, const KIND: u8>(i64);

/// The kinds of `Fixed`.
pub const MONEY: u8 = 0;
pub const UNIT_PRICE: u8 = 1;
pub const REGISTER: u8 = 2;

/// Money in minor units (hundredths of the currency).
pub type Money = Fixed<2, MONEY>;
/// A price per unit of energy (m³ or kWh), four decimals.
pub type UnitPrice = Fixed<4, UNIT_PRICE>;
/// A meter register (m³ or kWh), four decimals as the vendor API shows them.
pub type Register = Fixed<4, REGISTER>;

/// Why a text is not a number of the wanted kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixedError {
    #[error("is not a number")]
    NotANumber,
    #[error("has more than {0} decimal places")]
    TooPrecise(u32),
    #[error("is too large")]
    TooLarge,
}

impl<const DP: u32, const KIND: u8> Fixed<DP, KIND> {
    pub const ZERO: Self = Self(0);
    const SCALE: i64 = 10_i64.pow(DP);

    /// Builds a value from its scaled integer (`Money::from_minor(1250)` is 12.50).
    pub const fn from_minor(minor: i64) -> Self {
        Self(minor)
    }

    /// The scaled integer.
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// A whole number of units.
    pub fn from_units(units: i64) -> Option<Self> {
        units.checked_mul(Self::SCALE).map(Self)
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Self)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Parses decimal text. Accepts an optional sign, `,` thousands separators
    /// and surrounding blanks.
    pub fn parse(text: &str) -> Result<Self, FixedError> {
        let cleaned = strip_thousands(text.trim()).ok_or(FixedError::NotANumber)?;
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let valid = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !valid(whole) || !valid(frac) {
            return Err(FixedError::NotANumber);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > DP as usize {
            return Err(FixedError::TooPrecise(DP));
        }
        let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| FixedError::TooLarge)? };
        let frac_scaled: i64 = if frac.is_empty() {
            0
        } else {
            let padded = format!("{frac:0<width$}", width = DP as usize);
            padded.parse().map_err(|_| FixedError::NotANumber)?
        };
        let magnitude =
            whole.checked_mul(Self::SCALE).and_then(|w| w.checked_add(frac_scaled)).ok_or(FixedError::TooLarge)?;
        Ok(Self(if negative { -magnitude } else { magnitude }))
    }

    /// `to_padded` with at most `places` decimals, the rest cut off (as a
    /// meter's register shows only the units it has completed).
    pub fn to_places(self, places: u32) -> String {
        let places = places.min(DP);
        let cut = 10_i64.pow(DP - places);
        let kept = Self(self.0 / cut * cut).to_padded();
        match kept.split_once('.') {
            Some((whole, fraction)) if places > 0 => format!("{whole}.{}", &fraction[..places as usize]),
            Some((whole, _)) => whole.to_owned(),
            None => kept,
        }
    }

    /// The text with exactly `DP` decimals (`"0.0000"` for a register).
    pub fn to_padded(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let scale = Self::SCALE as u64;
        if DP == 0 {
            return format!("{sign}{abs}");
        }
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = DP as usize)
    }
}

impl<const DP: u32, const KIND: u8> fmt::Display for Fixed<DP, KIND> {
    /// The shortest exact text: `12.5`, `3`, `-0.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let padded = self.to_padded();
        if DP == 0 {
            return f.write_str(&padded);
        }
        let trimmed = padded.trim_end_matches('0').trim_end_matches('.');
        f.write_str(trimmed)
    }
}

impl<const DP: u32, const KIND: u8> TryFrom<String> for Fixed<DP, KIND> {
    type Error = FixedError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl<const DP: u32, const KIND: u8> From<Fixed<DP, KIND>> for String {
    fn from(value: Fixed<DP, KIND>) -> Self {
        value.to_string()
    }
}

/// Removes `,` thousands separators, accepting them only between groups of
/// three digits in the whole part (`1,234.5`, not `1,5` or `12,34`).
fn strip_thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (whole, frac) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
    let digits = whole.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
        return None;
    }
    let mut out = whole.replace(',', "");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_clients_send() {
        assert_eq!(Money::parse("10").unwrap().minor(), 1000);
        assert_eq!(Money::parse("1,234.00").unwrap().minor(), 123_400);
        assert_eq!(Money::parse(" -0.3 ").unwrap().minor(), -30);
        assert_eq!(Money::parse(".5").unwrap().minor(), 50);
        assert_eq!(Register::parse("12.3456").unwrap().minor(), 123_456);
        assert_eq!(Money::parse("1.230").unwrap().minor(), 123);
    }

    #[test]
    fn registers_show_what_the_meter_shows() {
        let r = Register::parse("2298.8549").unwrap();
        assert_eq!(r.to_places(3), "2298.854");
        assert_eq!(r.to_places(1), "2298.8");
        assert_eq!(r.to_places(0), "2298");
        assert_eq!(r.to_places(9), "2298.8549");
        assert_eq!(Register::parse("-0.0599").unwrap().to_places(1), "0.0");
        assert_eq!(Register::parse("-1.25").unwrap().to_places(1), "-1.2");
    }

    #[test]
    fn refuses_what_is_not_an_exact_number() {
        assert_eq!(Money::parse("abc"), Err(FixedError::NotANumber));
        assert_eq!(Money::parse(""), Err(FixedError::NotANumber));
        assert_eq!(Money::parse("1.2.3"), Err(FixedError::NotANumber));
        assert_eq!(Money::parse("1e5"), Err(FixedError::NotANumber));
        assert_eq!(Money::parse("0.001"), Err(FixedError::TooPrecise(2)));
        assert_eq!(Money::parse("99999999999999999999"), Err(FixedError::TooLarge));
        assert_eq!(Money::parse("1,5"), Err(FixedError::NotANumber), "a decimal comma is not a separator");
        assert_eq!(Money::parse("12,34.00"), Err(FixedError::NotANumber));
        assert_eq!(Money::parse("-1,234,567.5").unwrap().minor(), -123_456_750);
    }

    #[test]
    fn prints_exactly() {
        assert_eq!(Money::from_minor(1250).to_string(), "12.5");
        assert_eq!(Money::from_minor(-30).to_string(), "-0.3");
        assert_eq!(Money::from_minor(500).to_string(), "5");
        assert_eq!(Register::from_minor(0).to_padded(), "0.0000");
        assert_eq!(Register::from_minor(123_456).to_padded(), "12.3456");
    }
}
