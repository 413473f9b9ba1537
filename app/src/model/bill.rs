//! Monthly bills of postpaid meters.

use super::EnergyType;
use super::fixed::{Money, Register};
use super::ids::{AreaId, MeterId};
use super::paging::PageRequest;
use super::time::Month;
use serde::{Deserialize, Serialize};

/// A bill's stored status (the vendor's 0 unpaid, 1 paid).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillStatus {
    Unpaid,
    Paid,
}

impl BillStatus {
    pub const fn code(self) -> i64 {
        match self {
            BillStatus::Unpaid => 0,
            BillStatus::Paid => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: i64,
    pub meter_id: MeterId,
    pub area_id: AreaId,
    pub area_name: String,
    pub customer_name: String,
    pub customer_number: String,
    pub dev_eui: Option<String>,
    pub imei: Option<String>,
    pub energy_type: EnergyType,
    pub month: Month,
    pub dosage: Register,
    pub fee: Money,
    pub paid: bool,
}

/// Which bills: an area's, or one meter's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BillScope {
    Area(AreaId),
    Meter(super::meter::MeterRef),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillFilter {
    pub scope: BillScope,
    pub energy_type: Option<EnergyType>,
    pub month: Option<Month>,
    pub username: Option<String>,
    pub user_number: Option<String>,
    pub page: PageRequest,
}
