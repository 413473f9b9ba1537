//! The figures an operator checks first, and consumption series for charts.

use super::energy::EnergyType;
use super::fixed::{Money, Register};
use serde::{Deserialize, Serialize};

/// The operator dashboard over the areas the caller manages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub meters_active: i64,
    pub meters_removed: i64,
    pub valves_closed: i64,
    pub households_low: i64,
    pub gateways_online: i64,
    pub gateways_total: i64,
    pub commands_pending: i64,
    /// Consumption per energy type (units differ between types).
    pub today: Vec<(EnergyType, Register)>,
    pub this_month: Vec<(EnergyType, Register)>,
    /// Top-ups less refunds since the first of this month (UTC).
    pub revenue_month: Money,
    /// Top-ups per day over the last 14 days, oldest first.
    pub revenue_days: Vec<Bar<Money>>,
}

/// One bar of a chart: a label (a day or a month) and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar<T> {
    pub label: String,
    pub value: T,
}

/// A meter's consumption by day and by month, for its charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageSeries {
    pub energy_type: EnergyType,
    /// The last 30 days (UTC), oldest first.
    pub days: Vec<Bar<Register>>,
    /// The last 12 months, oldest first.
    pub months: Vec<Bar<Register>>,
}

impl UsageSeries {
    /// Days of credit left at the average use of the last 30 days, with the
    /// cost of that use at `price_per_unit`; `None` when nothing was used.
    pub fn days_of_credit(&self, balance: Money, price: super::fixed::UnitPrice) -> Option<i64> {
        let used: i64 = self.days.iter().map(|d| d.value.minor()).sum();
        let days = i64::try_from(self.days.len()).ok()?;
        let spent = super::fixed::cost(Register::from_minor(used), price)?;
        if spent.minor() <= 0 || days == 0 {
            return None;
        }
        Some((balance.minor().max(0)).saturating_mul(days) / spent.minor())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixed::UnitPrice;

    fn series(per_day_minor: i64) -> UsageSeries {
        let days =
            (0..30).map(|i| Bar { label: format!("d{i}"), value: Register::from_minor(per_day_minor) }).collect();
        UsageSeries { energy_type: EnergyType::Water, days, months: Vec::new() }
    }

    #[test]
    fn days_of_credit_divide_the_balance_by_the_daily_cost() {
        // 0.5 m³ a day at 4.00 a m³ costs 2.00 a day: 30.00 lasts 15 days.
        let s = series(5_000);
        let price = UnitPrice::parse("4").unwrap();
        assert_eq!(s.days_of_credit(Money::parse("30").unwrap(), price), Some(15));
        assert_eq!(s.days_of_credit(Money::parse("-5").unwrap(), price), Some(0));
        assert_eq!(series(0).days_of_credit(Money::parse("30").unwrap(), price), None);
    }
}
