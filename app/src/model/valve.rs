//! Valve switching records.

use super::ids::{AreaId, CommandId, MeterId};
use super::paging::PageRequest;
use super::time::Timestamp;
use super::{EnergyType, ValveState};
use serde::{Deserialize, Serialize};

/// Who holds a valve in its commanded state: the balance rule (which opens
/// it again when money comes) or an operator (money never reopens it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValveHold {
    Auto,
    Manual,
}

impl ValveHold {
    pub fn code(self) -> &'static str {
        match self {
            ValveHold::Auto => "auto",
            ValveHold::Manual => "manual",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "auto" => Some(ValveHold::Auto),
            "manual" => Some(ValveHold::Manual),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValveRecord {
    pub id: i64,
    pub meter_id: MeterId,
    pub dev_eui: Option<String>,
    pub imei: Option<String>,
    pub customer_name: String,
    pub customer_number: String,
    pub energy_type: EnergyType,
    /// What was commanded: `Open` or `Closed`.
    pub execution: ValveState,
    /// Why: "manual", "balance below overdraft", ...
    pub cause: String,
    /// Who: an operator's username, or "system".
    pub actor: String,
    pub at: Timestamp,
    pub command_id: Option<CommandId>,
    /// The command's state: queued, sent, acknowledged, failed, expired (or
    /// "succeed" when the switch is done or no command went to the meter).
    pub status: String,
    pub result_info: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValveFilter {
    /// The area whose meters' records to list (with those below it); at
    /// least one of the area and the meter is given.
    pub area_id: Option<AreaId>,
    /// One meter's records only (inside the area, if one is given too).
    pub meter: Option<super::meter::MeterRef>,
    pub energy_type: Option<EnergyType>,
    pub start: Timestamp,
    pub end: Timestamp,
    pub username: Option<String>,
    pub user_number: Option<String>,
    pub operation: Option<ValveState>,
    pub page: PageRequest,
}
