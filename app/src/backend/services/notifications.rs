//! Alert notifications: what a notice says, and what follows an attempt to
//! deliver it (retry with back-off, then failed, reported, never dropped).

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::alerts;
use crate::backend::store::notifications::{self, Due};
use crate::model::alert::Alert;
use crate::model::time::Timestamp;
use serde_json::{Value, json};

/// Attempts before a notice is failed for good.
pub const MAX_ATTEMPTS: i64 = 8;
/// The wait after the first failed attempt; each further one doubles it.
const FIRST_RETRY_S: i64 = 30;
/// The longest wait between attempts.
const LONGEST_RETRY_S: i64 = 3_600;

/// When to try again after `attempts` failed attempts (none: give up).
pub fn retry_at(attempts: i64, now: Timestamp) -> Option<Timestamp> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let wait = FIRST_RETRY_S.saturating_mul(1_i64 << exponent).min(LONGEST_RETRY_S);
    Some(Timestamp(now.0 + wait))
}

/// The body of a notice: the delivery's id (a receiver keeps it to take
/// each notice once), the transition and the alert as it is now.
pub async fn body(db: &Db, due: &Due, now: Timestamp) -> Result<Value, ServiceError> {
    let alert = alerts::get(db, due.alert_id)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("notice {} of missing alert {}", due.id, due.alert_id)))?;
    Ok(json!({
        "delivery": due.id,
        "event": format!("alert.{}", due.transition.code()),
        "sent_at": now.0,
        "alert": describe(&alert),
    }))
}

fn describe(a: &Alert) -> Value {
    json!({
        "id": a.id,
        "kind": a.kind.code(),
        "state": a.state.code(),
        "meter": a.meter_id.map(|m| m.0),
        "meter_label": a.meter_label,
        "household": a.household_id.map(|h| h.0),
        "household_label": a.household_label,
        "gateway_label": a.gateway_label,
        "area": a.area_id.0,
        "area_name": a.area_name,
        "evidence": {"at": a.evidence.at.map(|t| t.0), "value": a.evidence.value, "limit": a.evidence.limit},
        "opened_at": a.opened_at.0,
        "acknowledged_at": a.acknowledged_at.map(|t| t.0),
        "acknowledged_by": a.acknowledged_by,
        "note": a.note,
        "resolved_at": a.resolved_at.map(|t| t.0),
    })
}

/// What one attempt got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The receiver took it (a 2xx answer).
    Taken(u16),
    /// It answered with another status.
    Refused(u16),
    /// It was not reached (or did not answer in time): why.
    Unreached(String),
}

/// Records the attempt on `due`; the notice is then delivered, due again,
/// or (after the last attempt) failed, which is logged as an error.
pub async fn settle(db: &Db, due: &Due, attempt: Attempt, now: Timestamp) -> Result<(), ServiceError> {
    let attempts = due.attempts + 1;
    let (status, error, outcome) = match &attempt {
        Attempt::Taken(s) => (Some(i64::from(*s)), String::new(), Ok(())),
        Attempt::Refused(s) => (Some(i64::from(*s)), format!("HTTP {s}"), Err(retry_at(attempts, now))),
        Attempt::Unreached(why) => (None, why.clone(), Err(retry_at(attempts, now))),
    };
    if outcome == Err(None) {
        tracing::error!(notice = due.id, alert = due.alert_id, attempts, error = %error, "alert notice failed for good");
    }
    notifications::settle(db, due.id, now, status, &error, outcome).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_stop() {
        let now = Timestamp(1_000);
        assert_eq!(retry_at(1, now), Some(Timestamp(1_030)));
        assert_eq!(retry_at(2, now), Some(Timestamp(1_060)));
        assert_eq!(retry_at(3, now), Some(Timestamp(1_120)));
        assert_eq!(retry_at(7, now), Some(Timestamp(1_000 + 1_920)));
        assert_eq!(retry_at(MAX_ATTEMPTS, now), None);
        assert_eq!(retry_at(40, now), None);
    }
}
