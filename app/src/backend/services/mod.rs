//! One function per operation. Doors parse their input into model types, call
//! one of these with the caller, and translate the result; the rules live here.

pub mod alerts;
pub mod areas;
pub mod billing;
pub mod bills;
pub mod commands;
pub mod consumption;
pub mod dashboard;
pub mod equipment_models;
pub mod friendly_days;
pub mod gateways;
pub mod history;
pub mod households;
pub mod ingest;
pub mod lifecycle;
pub mod login;
pub mod lorawan_devices;
pub mod meter_import;
pub mod meters;
pub mod networks;
pub mod night_flow;
pub mod notifications;
pub mod paybill;
pub mod payments;
pub mod prices;
pub mod readings;
pub mod reconciliation;
pub mod refunds;
pub mod registry;
pub mod tokens;
pub mod topups;
pub mod unmatched;
pub mod uplinks;
pub mod valve_records;
pub mod valve_switching;
pub mod zones;

use super::error::ServiceError;

/// Trims a required text field and refuses blanks and overlong values.
pub(crate) fn required_text(field: &str, value: &str, max: usize) -> Result<String, ServiceError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ServiceError::invalid(field, "is required"));
    }
    optional_text(field, v, max)
}

/// Trims an optional text field and refuses overlong values.
pub(crate) fn optional_text(field: &str, value: &str, max: usize) -> Result<String, ServiceError> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(ServiceError::invalid(field, format!("is longer than {max} characters")));
    }
    Ok(v.to_owned())
}
