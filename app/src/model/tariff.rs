//! The money arithmetic of metering, in one place: what a quantity costs at
//! a unit price (rounded to the cent, with or without carrying the
//! fraction), and how money and registers become the units a meter's codec
//! counts and back.
//!
//! Registers and unit prices are ten-thousandths, money hundredths: a
//! register times a price is in 1e-8 of the currency, so a charge divides by
//! 10^6 (in i128: the product is exact). The meter's codec counts
//! thousandths, one step of ten of our ten-thousandths.

use super::fixed::{Money, Register, UnitPrice};

/// 1e-8 currency (register × price) per cent.
const PER_CENT: i128 = 1_000_000;

/// Register minor units (1e-4) per codec unit (1e-3).
pub const DEVICE_STEP: i64 = 10;

/// Rounds `total` (1e-8 currency) half away from zero to cents; returns the
/// cents and what is left over (to carry into the next charge).
pub fn round_to_cents(total: i128) -> (i128, i128) {
    let half = PER_CENT / 2;
    let cents = if total >= 0 { (total + half) / PER_CENT } else { (total - half) / PER_CENT };
    (cents, total - cents * PER_CENT)
}

/// What `quantity` costs at `price`, rounded to the cent (a bill, a day's
/// cost); `None` beyond what money can hold.
pub fn cost(quantity: Register, price: UnitPrice) -> Option<Money> {
    let (cents, _) = round_to_cents(i128::from(quantity.minor()) * i128::from(price.minor()));
    i64::try_from(cents).ok().map(Money::from_minor)
}

/// A prepaid charge for an advance of `advance` register units at `price`,
/// with the fraction of a cent `carried` from the previous charge (1e-8
/// currency). Returns the cents to charge and the fraction to carry on, so
/// that many small readings cost what one big one would; `None` beyond what
/// money can hold.
pub fn charge(advance: i64, price: UnitPrice, carried: i64) -> Option<(i64, i64)> {
    let (cents, left) = round_to_cents(i128::from(advance) * i128::from(price.minor()) + i128::from(carried));
    // |left| is at most half a cent: it always fits.
    Some((i64::try_from(cents).ok()?, i64::try_from(left).ok()?))
}

/// How much register `amount` buys at `price` (rounded down to 0.0001);
/// `None` when the price is zero or less.
pub fn register_for(amount: Money, price: UnitPrice) -> Option<Register> {
    if price.minor() <= 0 {
        return None;
    }
    let units = i128::from(amount.minor()) * PER_CENT / i128::from(price.minor());
    i64::try_from(units).ok().map(Register::from_minor)
}

/// How much register a credit buys at `price`, rounded down to what the
/// meter can count; `None` when the price is zero.
pub fn credit_register(amount: Money, price: UnitPrice) -> Option<Register> {
    register_for(amount, price).map(|r| Register::from_minor(r.minor() / DEVICE_STEP * DEVICE_STEP))
}

/// A register amount as the codec carries it (thousandths); `None` when it
/// is not a whole number of steps or does not fit the codec's 32 bits.
pub fn to_device(register: Register) -> Option<u32> {
    let minor = register.minor();
    if minor % DEVICE_STEP != 0 {
        return None;
    }
    u32::try_from(minor / DEVICE_STEP).ok()
}

/// A codec value (thousandths) as a register.
pub fn from_device(value: u32) -> Register {
    Register::from_minor(i64::from(value) * DEVICE_STEP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_carries_the_remainder() {
        assert_eq!(round_to_cents(3_499_950), (3, 499_950));
        assert_eq!(round_to_cents(3_500_000), (4, -500_000));
        assert_eq!(round_to_cents(-1_500_000), (-2, 500_000));
        // Ten readings of 0.001 m³ at 2.5 cost what one of 0.01 m³ does.
        let price = UnitPrice::from_minor(25_000);
        let (mut total, mut carried) = (0, 0);
        for _ in 0..10 {
            let (c, left) = charge(10, price, carried).unwrap();
            total += c;
            carried = left;
        }
        assert_eq!(total, cost(Register::from_minor(100), price).unwrap().minor());
        assert_eq!(charge(i64::MAX, UnitPrice::from_minor(i64::MAX), 0), None);
    }

    #[test]
    fn costs_round_half_away_from_zero() {
        // 1.5 m³ at 2.3333 = 3.49995 -> 3.50
        let c = cost(Register::parse("1.5").unwrap(), UnitPrice::parse("2.3333").unwrap()).unwrap();
        assert_eq!(c.minor(), 350);
        // 0.0001 m³ at 0.0001 is far below a cent -> 0
        assert_eq!(cost(Register::from_minor(1), UnitPrice::from_minor(1)).unwrap().minor(), 0);
        let price = UnitPrice::from_minor(25_000);
        assert_eq!(cost(Register::from_minor(30_000), price), Some(Money::from_minor(750)));
        assert_eq!(cost(Register::from_minor(20), price), Some(Money::from_minor(1)), "half a cent rounds up");
        assert_eq!(cost(Register::from_minor(-20), price), Some(Money::from_minor(-1)));
        assert_eq!(cost(Register::from_minor(19), price), Some(Money::ZERO));
        assert_eq!(cost(Register::from_minor(i64::MAX), UnitPrice::from_minor(i64::MAX)), None);
    }

    #[test]
    fn device_units_step_by_thousandths() {
        let price = UnitPrice::from_minor(25_000);
        // 100.00 at 2.5 a unit buys 40 units.
        assert_eq!(credit_register(Money::from_minor(10_000), price), Some(Register::from_minor(400_000)));
        // 0.01 buys 0.004 units: rounded down to the codec's 0.001 steps.
        assert_eq!(credit_register(Money::from_minor(1), price), Some(Register::from_minor(40)));
        assert_eq!(credit_register(Money::from_minor(1), UnitPrice::from_minor(0)), None);
        assert_eq!(to_device(Register::from_minor(400_000)), Some(40_000));
        assert_eq!(to_device(Register::from_minor(15)), None, "not a whole step");
        assert_eq!(from_device(40_000), Register::from_minor(400_000));
    }
}
