//! Everything a household's dashboard shows about one of its meters.

use super::bill::Bill;
use super::dashboard::UsageSeries;
use super::order::PaymentOrder;
use super::valve::ValveRecord;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterHistory {
    pub usage: UsageSeries,
    /// The latest payment orders, newest first.
    pub orders: Vec<PaymentOrder>,
    /// The latest bills, newest first.
    pub bills: Vec<Bill>,
    /// The latest valve events, newest first.
    pub valves: Vec<ValveRecord>,
}
