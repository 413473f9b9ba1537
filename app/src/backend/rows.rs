//! Decoding stored values into model types. A stored value that does not
//! decode is our bug, reported as an internal error, never shown raw.

use super::error::ServiceError;
use crate::model::fixed::Fixed;
use crate::model::time::Timestamp;
use crate::model::{EnergyType, PayMode, ValveState};
use sqlx::Row;
use sqlx::any::AnyRow;

pub fn int(row: &AnyRow, col: &str) -> Result<i64, ServiceError> {
    Ok(row.try_get::<i64, _>(col)?)
}

pub fn opt_int(row: &AnyRow, col: &str) -> Result<Option<i64>, ServiceError> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

pub fn text(row: &AnyRow, col: &str) -> Result<String, ServiceError> {
    Ok(row.try_get::<String, _>(col)?)
}

pub fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>, ServiceError> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub fn fixed<const DP: u32, const K: u8>(row: &AnyRow, col: &str) -> Result<Fixed<DP, K>, ServiceError> {
    Ok(Fixed::from_minor(int(row, col)?))
}

pub fn time(row: &AnyRow, col: &str) -> Result<Timestamp, ServiceError> {
    Ok(Timestamp(int(row, col)?))
}

pub fn opt_time(row: &AnyRow, col: &str) -> Result<Option<Timestamp>, ServiceError> {
    Ok(opt_int(row, col)?.map(Timestamp))
}

pub fn energy(row: &AnyRow, col: &str) -> Result<EnergyType, ServiceError> {
    let raw = text(row, col)?;
    EnergyType::parse(&raw).map_err(|e| ServiceError::Internal(format!("stored {col}: {e}")))
}

pub fn valve(row: &AnyRow, col: &str) -> Result<ValveState, ServiceError> {
    let code = int(row, col)?;
    ValveState::from_code(code).ok_or_else(|| ServiceError::Internal(format!("stored {col}: bad valve code {code}")))
}

pub fn pay_mode(row: &AnyRow, col: &str) -> Result<PayMode, ServiceError> {
    match text(row, col)?.as_str() {
        "prepaid" => Ok(PayMode::Prepaid),
        "postpaid" => Ok(PayMode::Postpaid),
        other => Err(ServiceError::Internal(format!("stored {col}: bad pay mode {other:?}"))),
    }
}

pub fn pay_mode_code(mode: PayMode) -> &'static str {
    match mode {
        PayMode::Prepaid => "prepaid",
        PayMode::Postpaid => "postpaid",
    }
}
