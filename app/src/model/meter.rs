//! Meter archives: a device, its customer fields, its plan and its state.

use super::fixed::{Money, Register};
use super::ids::{AreaId, DevEui, EquipmentModelId, HouseholdId, Imei, MeterId, PriceId};
use super::paging::PageRequest;
use super::time::Timestamp;
use super::{EnergyType, PayMode, ValveState};
use serde::{Deserialize, Serialize};

/// How a caller names a meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeterRef {
    Id(MeterId),
    DevEui(DevEui),
    Imei(Imei),
}

/// A meter's device: a LoRaWAN DevEUI or a cellular (NB-IoT, GPRS) IMEI.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviceId {
    DevEui(DevEui),
    Imei(Imei),
}

impl DeviceId {
    /// 16 hexadecimal digits are a DevEUI (LoRaWAN numbers its devices so,
    /// even all in decimal digits); 14 to 17 other digits an IMEI.
    pub fn parse(raw: &str) -> Result<Self, String> {
        DevEui::parse(raw)
            .map(DeviceId::DevEui)
            .or_else(|_| Imei::parse(raw).map(DeviceId::Imei))
            .map_err(|_| format!("must be a DevEUI (16 hexadecimal digits) or an IMEI (14 to 17 digits), got {raw:?}"))
    }

    /// The meter this device identifies.
    pub fn meter(&self) -> MeterRef {
        match self {
            DeviceId::DevEui(e) => MeterRef::DevEui(e.clone()),
            DeviceId::Imei(i) => MeterRef::Imei(i.clone()),
        }
    }

    pub fn text(&self) -> String {
        match self {
            DeviceId::DevEui(e) => e.to_string(),
            DeviceId::Imei(i) => i.as_str().to_owned(),
        }
    }

    pub fn same_kind(&self, other: &DeviceId) -> bool {
        matches!((self, other), (DeviceId::DevEui(_), DeviceId::DevEui(_)) | (DeviceId::Imei(_), DeviceId::Imei(_)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MeterStatus {
    #[default]
    Active,
    Removed,
}

impl MeterStatus {
    pub fn code(self) -> &'static str {
        match self {
            MeterStatus::Active => "active",
            MeterStatus::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "active" => Some(MeterStatus::Active),
            "removed" => Some(MeterStatus::Removed),
            _ => None,
        }
    }
}

/// Everything `addMeter` takes.
/// A new meter, and the welcome of the household made for it (if one was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedMeter {
    pub id: MeterId,
    pub welcome: Option<super::household::Welcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeter {
    pub dev_eui: Option<DevEui>,
    pub imei: Option<Imei>,
    /// The meter address printed on the device; defaults to the DevEUI or IMEI.
    pub serialnumber: Option<String>,
    pub customer_name: String,
    pub customer_phone: String,
    pub customer_address: String,
    pub customer_certificate_number: String,
    pub price_id: PriceId,
    pub reading: Register,
    pub overdraft_money: Money,
    /// Opening balance of the household created for this meter.
    pub customer_fee: Money,
    pub normal_day_dosage: Register,
    pub valve_state: ValveState,
    /// The vendor's 0..3 code; decides prepaid or postpaid.
    pub meter_type: i64,
    pub area_id: AreaId,
    pub equipment_model_id: Option<EquipmentModelId>,
    /// Attach to an existing household instead of creating one.
    pub household_id: Option<HouseholdId>,
}

/// A change to a meter; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MeterPatch {
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    pub customer_address: Option<String>,
    pub customer_certificate_number: Option<String>,
    pub price_id: Option<PriceId>,
    pub reading: Option<Register>,
    pub overdraft_money: Option<Money>,
    /// Sets the household balance to this amount through an adjustment entry.
    pub customer_fee: Option<Money>,
    pub normal_day_dosage: Option<Register>,
    pub valve_state: Option<ValveState>,
    pub meter_type: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterUpdate {
    pub meter: MeterRef,
    pub patch: MeterPatch,
}

/// A meter as lists and detail pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterArchive {
    pub id: MeterId,
    pub dev_eui: Option<DevEui>,
    pub imei: Option<Imei>,
    pub serialnumber: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub customer_address: String,
    pub customer_certificate_number: String,
    pub household_id: HouseholdId,
    pub household_serialnumber: String,
    pub area_id: AreaId,
    pub area_name: String,
    pub reading: Register,
    pub valve_state: ValveState,
    pub energy_type: EnergyType,
    pub balance: Money,
    pub overdraft_money: Money,
    pub normal_day_dosage: Register,
    pub equipment_model_id: EquipmentModelId,
    pub equipment_type: String,
    pub price_id: PriceId,
    pub pay_mode: PayMode,
    pub meter_type: i64,
    pub status: MeterStatus,
    pub last_read_at: Option<Timestamp>,
}

impl MeterArchive {
    /// What a household's page shows of the meter.
    pub fn summary(&self) -> HouseholdMeter {
        HouseholdMeter {
            id: self.id,
            serialnumber: self.serialnumber.clone(),
            energy_type: self.energy_type,
            reading: self.reading,
            valve_state: self.valve_state,
            last_read_at: self.last_read_at,
        }
    }
}

/// A meter as its household sees it. Kept small on purpose: every field is
/// deserializing code in the WASM each household downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdMeter {
    pub id: MeterId,
    pub serialnumber: String,
    pub energy_type: EnergyType,
    pub reading: Register,
    pub valve_state: ValveState,
    pub last_read_at: Option<Timestamp>,
}

impl HouseholdMeter {
    /// How the household tells its meters apart: "water · 8cf95…".
    pub fn label(&self) -> String {
        format!("{} · {}", self.energy_type.label(), self.serialnumber)
    }
}

/// Filters of the meter list (`getAreaArchives`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveFilter {
    /// This area and every area below it.
    pub area_id: AreaId,
    pub energy_type: Option<EnergyType>,
    /// Case-insensitive substring of customer name, phone, meter address,
    /// DevEUI, IMEI or household number.
    pub search: Option<String>,
    pub equipment_model_id: Option<EquipmentModelId>,
    /// Active meters unless asked for the removed ones (to recover them).
    #[serde(default)]
    pub status: MeterStatus,
    pub page: PageRequest,
}
