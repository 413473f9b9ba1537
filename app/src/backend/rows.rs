//! Decoding stored values into model types. A stored value that does not
//! decode is our bug, reported as an internal error, never shown raw.

use super::error::ServiceError;
use crate::model::fixed::Fixed;
use crate::model::time::Timestamp;
use crate::model::{EnergyType, PayMode, ValveState};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Where stored values are read from: a row as the driver gives it, or a
/// row the database packed into JSON (see `JsonRow`).
pub trait Stored {
    fn int(&self, col: &str) -> Result<i64, ServiceError>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>, ServiceError>;
    fn text(&self, col: &str) -> Result<String, ServiceError>;
    fn opt_text(&self, col: &str) -> Result<Option<String>, ServiceError>;
}

impl Stored for AnyRow {
    fn int(&self, col: &str) -> Result<i64, ServiceError> {
        Ok(self.try_get::<i64, _>(col)?)
    }
    fn opt_int(&self, col: &str) -> Result<Option<i64>, ServiceError> {
        Ok(self.try_get::<Option<i64>, _>(col)?)
    }
    fn text(&self, col: &str) -> Result<String, ServiceError> {
        Ok(self.try_get::<String, _>(col)?)
    }
    fn opt_text(&self, col: &str) -> Result<Option<String>, ServiceError> {
        Ok(self.try_get::<Option<String>, _>(col)?)
    }
}

/// One row packed by the database as a JSON array, its values in the order
/// of `names`: many rows then cross the driver as one value (the SQLite
/// driver copies every value of every row, at a cost that dwarfed the query).
#[derive(Debug, Clone, Copy)]
pub struct JsonRow<'a> {
    pub names: &'a [&'a str],
    pub values: &'a [serde_json::Value],
}

impl JsonRow<'_> {
    fn value(&self, col: &str) -> Result<&serde_json::Value, ServiceError> {
        self.names
            .iter()
            .position(|n| *n == col)
            .and_then(|i| self.values.get(i))
            .ok_or_else(|| ServiceError::Internal(format!("packed row lacks {col}")))
    }
}

impl Stored for JsonRow<'_> {
    fn int(&self, col: &str) -> Result<i64, ServiceError> {
        self.opt_int(col)?.ok_or_else(|| ServiceError::Internal(format!("stored {col}: null")))
    }
    fn opt_int(&self, col: &str) -> Result<Option<i64>, ServiceError> {
        match self.value(col)? {
            serde_json::Value::Null => Ok(None),
            v => v.as_i64().map(Some).ok_or_else(|| ServiceError::Internal(format!("stored {col}: not an integer"))),
        }
    }
    fn text(&self, col: &str) -> Result<String, ServiceError> {
        self.opt_text(col)?.ok_or_else(|| ServiceError::Internal(format!("stored {col}: null")))
    }
    fn opt_text(&self, col: &str) -> Result<Option<String>, ServiceError> {
        match self.value(col)? {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) => Ok(Some(s.clone())),
            _ => Err(ServiceError::Internal(format!("stored {col}: not text"))),
        }
    }
}

pub fn int<R: Stored + ?Sized>(row: &R, col: &str) -> Result<i64, ServiceError> {
    row.int(col)
}

pub fn opt_int<R: Stored + ?Sized>(row: &R, col: &str) -> Result<Option<i64>, ServiceError> {
    row.opt_int(col)
}

pub fn text<R: Stored + ?Sized>(row: &R, col: &str) -> Result<String, ServiceError> {
    row.text(col)
}

pub fn opt_text<R: Stored + ?Sized>(row: &R, col: &str) -> Result<Option<String>, ServiceError> {
    row.opt_text(col)
}

pub fn fixed<const DP: u32, const K: u8, R: Stored + ?Sized>(row: &R, col: &str) -> Result<Fixed<DP, K>, ServiceError> {
    Ok(Fixed::from_minor(int(row, col)?))
}

pub fn time<R: Stored + ?Sized>(row: &R, col: &str) -> Result<Timestamp, ServiceError> {
    Ok(Timestamp(int(row, col)?))
}

pub fn opt_time<R: Stored + ?Sized>(row: &R, col: &str) -> Result<Option<Timestamp>, ServiceError> {
    Ok(opt_int(row, col)?.map(Timestamp))
}

pub fn energy<R: Stored + ?Sized>(row: &R, col: &str) -> Result<EnergyType, ServiceError> {
    let raw = text(row, col)?;
    EnergyType::parse(&raw).map_err(|e| ServiceError::Internal(format!("stored {col}: {e}")))
}

pub fn dev_eui<R: Stored + ?Sized>(row: &R, col: &str) -> Result<crate::model::ids::DevEui, ServiceError> {
    crate::model::ids::DevEui::parse(&text(row, col)?).map_err(|e| ServiceError::Internal(format!("stored {col}: {e}")))
}

pub fn network<R: Stored + ?Sized>(row: &R, col: &str) -> Result<crate::model::network::Network, ServiceError> {
    let code = text(row, col)?;
    crate::model::network::Network::parse(&code)
        .ok_or_else(|| ServiceError::Internal(format!("stored {col}: unknown network {code:?}")))
}

pub fn valve<R: Stored + ?Sized>(row: &R, col: &str) -> Result<ValveState, ServiceError> {
    let code = int(row, col)?;
    ValveState::from_code(code).ok_or_else(|| ServiceError::Internal(format!("stored {col}: bad valve code {code}")))
}

pub fn meter_status<R: Stored + ?Sized>(row: &R, col: &str) -> Result<crate::model::meter::MeterStatus, ServiceError> {
    let code = text(row, col)?;
    crate::model::meter::MeterStatus::parse(&code)
        .ok_or_else(|| ServiceError::Internal(format!("stored {col}: bad meter status {code:?}")))
}

pub fn pay_mode<R: Stored + ?Sized>(row: &R, col: &str) -> Result<PayMode, ServiceError> {
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
