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
    /// Credits sent that their meter never confirmed: an operator reads the
    /// meter and settles them.
    pub credits_unconfirmed: i64,
    /// Consumption per energy type (units differ between types).
    pub today: Vec<(EnergyType, Register)>,
    pub this_month: Vec<(EnergyType, Register)>,
    /// Top-ups less refunds since the first of this month (UTC).
    pub revenue_month: Money,
    /// Top-ups per day over the last 14 days, oldest first.
    pub revenue_days: Vec<Bar<Money>>,
    /// Payments no household took, waiting for an operator (counted for
    /// operators of a top-level area, who can act on them; 0 for others).
    pub unmatched_payments: i64,
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
