//! Households: the customer accounts that hold a balance and own meters.

use super::auth::Password;
use super::fixed::Money;
use super::ids::{AreaId, HouseholdId};
use super::paging::PageRequest;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub id: HouseholdId,
    pub name: String,
    pub serialnumber: String,
    pub address: String,
    pub phone: String,
    pub area_id: AreaId,
    pub area_name: String,
    pub balance: Money,
    pub warn_money: Money,
    pub must_change_password: bool,
}

impl Household {
    /// Below the warning amount the household is told to top up.
    pub fn is_low(&self) -> bool {
        self.balance < self.warn_money
    }
}

/// How long a household's balance lasts at its recent spending, over all its
/// meters together: they draw on the one balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditOutlook {
    /// Charged for use per day, on average over the last 30 days (or since
    /// the first charge, when that is more recent).
    pub daily_spend: Money,
    /// Whole days the balance lasts at that rate; `None` when nothing was charged.
    pub days_left: Option<i64>,
}

impl CreditOutlook {
    pub const WINDOW_DAYS: i64 = 30;
    pub const WINDOW_SECONDS: i64 = Self::WINDOW_DAYS * 86_400;

    /// From what use cost over the last `seconds` (at most the window). The
    /// period counts in whole days, rounded to the nearest and at least one,
    /// so one early reading does not read as a day's spending and the
    /// estimate does not drift with the second it is asked at.
    pub fn from_spending(balance: Money, spent: Money, seconds: i64) -> Self {
        let days = i128::from(((seconds.max(0) + 43_200) / 86_400).clamp(1, Self::WINDOW_DAYS));
        let spent = i128::from(spent.minor().max(0));
        let daily = i64::try_from(spent / days).unwrap_or(i64::MAX);
        let days_left = (spent > 0)
            .then(|| i128::from(balance.minor().max(0)) * days / spent)
            .map(|d| i64::try_from(d).unwrap_or(i64::MAX));
        Self { daily_spend: Money::from_minor(daily), days_left }
    }
}

/// What the operator who created a household hands it, shown once: its
/// number and the random first password (the household must change it at
/// first sign-in). Printed on the welcome slip; never stored in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub household_id: HouseholdId,
    pub serialnumber: String,
    pub name: String,
    pub password: Password,
}

/// A changed household, and the first password the platform chose when the
/// change asked for the vendor's default (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdSaved {
    pub id: HouseholdId,
    pub first_password: Option<Password>,
}

/// A new household, and its welcome when the platform chose its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedHousehold {
    pub id: HouseholdId,
    pub welcome: Option<Welcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHousehold {
    pub area_id: AreaId,
    pub name: String,
    pub address: String,
    pub phone: String,
    /// `None` gives a random first password, shown once to the operator
    /// (`Welcome`); either way it must be changed at first sign-in.
    pub password: Option<Password>,
    pub warn_money: Money,
    /// Opening balance, written as an `opening` ledger entry.
    pub fee: Money,
}

/// A change to a household; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HouseholdPatch {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub password: Option<Password>,
    pub warn_money: Option<Money>,
    /// Sets the balance to this amount through an adjustment entry.
    pub fee: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdUpdate {
    pub id: HouseholdId,
    pub patch: HouseholdPatch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFilter {
    pub area_id: AreaId,
    pub id: Option<HouseholdId>,
    /// Case-insensitive substring of name, number, phone or address.
    pub search: Option<String>,
    pub page: PageRequest,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lasts_the_balance_over_the_daily_spending() {
        let money = |t: &str| Money::parse(t).unwrap();
        // 60.00 over 30 days is 2.00 a day: 30.00 lasts 15 days.
        let window = CreditOutlook::WINDOW_SECONDS;
        let o = CreditOutlook::from_spending(money("30"), money("60"), window);
        assert_eq!(o, CreditOutlook { daily_spend: money("2"), days_left: Some(15) });
        // Metering began 3 days ago: 6.00 in 3 days is also 2.00 a day, a few
        // seconds either way.
        assert_eq!(CreditOutlook::from_spending(money("30"), money("6"), 3 * 86_400).days_left, Some(15));
        assert_eq!(CreditOutlook::from_spending(money("30"), money("6"), 3 * 86_400 + 5).daily_spend, money("2"));
        assert_eq!(CreditOutlook::from_spending(money("30"), money("6"), 3 * 86_400 - 5).daily_spend, money("2"));
        // An hour of use counts as a day, not as 24 times the day's rate.
        assert_eq!(CreditOutlook::from_spending(money("30"), money("2"), 3_600).days_left, Some(15));
        assert_eq!(CreditOutlook::from_spending(money("-5"), money("60"), window).days_left, Some(0));
        let idle = CreditOutlook::from_spending(money("30"), Money::ZERO, window);
        assert_eq!(idle, CreditOutlook { daily_spend: Money::ZERO, days_left: None });
    }
}
