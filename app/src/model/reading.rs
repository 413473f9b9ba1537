//! Stored meter readings.

use super::fixed::Register;
use super::ids::{AreaId, MeterId};
use super::paging::PageRequest;
use super::time::Timestamp;
use super::{EnergyType, ValveState};
use serde::{Deserialize, Serialize};

/// Whether a stored reading counts: only counted readings move consumption,
/// charges and what lists show; the others are kept as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingNote {
    Counted,
    /// The register went backwards (a reset, a swapped device, a bad frame).
    Backwards,
    /// The meter was removed when the reading arrived.
    Removed,
}

impl ReadingNote {
    /// The stored `note` (empty for a counted reading, as existing rows hold).
    pub fn code(self) -> &'static str {
        match self {
            ReadingNote::Counted => "",
            ReadingNote::Backwards => "backwards",
            ReadingNote::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingRow {
    pub id: i64,
    pub meter_id: MeterId,
    pub meter_address: String,
    pub dev_eui: Option<String>,
    pub imei: Option<String>,
    pub customer_name: String,
    pub customer_number: String,
    pub area_id: AreaId,
    pub area_name: String,
    pub energy_type: EnergyType,
    pub equipment_type: String,
    pub read_at: Timestamp,
    pub forward: Register,
    pub valve_state: ValveState,
    pub battery_mv: Option<i64>,
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
    /// LPG tank level in hundredths of a percent.
    pub margin: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingFilter {
    pub area_id: AreaId,
    pub search: Option<String>,
    /// Only this meter's readings.
    pub meter_id: Option<MeterId>,
    pub energy_type: Option<EnergyType>,
    pub start: Timestamp,
    pub end: Timestamp,
    pub page: PageRequest,
}

/// A reading as a meter reports it, before it is stored and charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReading {
    pub read_at: Timestamp,
    pub forward: Register,
    pub reverse: Option<Register>,
    /// Instantaneous flow in 1e-4 units per hour.
    pub flow: Option<Register>,
    pub valve: Option<ValveState>,
    pub battery_mv: Option<i64>,
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
    /// Bit 0 leak, bit 1 tamper, bit 2 magnet, bit 3 low battery.
    pub alarms: i64,
    /// LPG tank level in hundredths of a percent.
    pub margin: Option<i64>,
}
