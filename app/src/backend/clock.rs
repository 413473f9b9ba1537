//! The current time, in one place so tests and services agree on the unit.

use crate::model::time::Timestamp;

pub fn now() -> Timestamp {
    Timestamp(chrono::Utc::now().timestamp())
}
