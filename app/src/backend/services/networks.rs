//! What network servers say about devices besides their readings (joins,
//! frame-counter resets, refused downlinks), and the bookkeeping of their
//! at-least-once events.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::require_meter;
use crate::backend::store::networks as store;
use crate::model::ids::MeterId;
use crate::model::meter::MeterRef;
use crate::model::network::{MeterNetwork, Route};
use crate::model::time::Timestamp;

pub use crate::model::network::LogEntry;

/// How long a taken event is remembered: twice as long as the broker keeps
/// our session (7 days), so an event taken but not yet acknowledged when we
/// stopped is still recognised when it comes again.
const EVENTS_KEPT_SECONDS: i64 = 14 * 86_400;

/// Keeps what a network server said about devices.
pub async fn record(db: &Db, entries: &[LogEntry]) -> Result<(), ServiceError> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    store::log(&mut tx, entries).await?;
    db.commit(tx).await?;
    Ok(())
}

/// The newest entries of a meter's network log, for a caller who may see it.
pub async fn log_of(db: &Db, caller: &Caller, meter: MeterId, limit: i64) -> Result<Vec<LogEntry>, ServiceError> {
    require_meter(db, caller, &MeterRef::Id(meter)).await?;
    store::log_of(db, meter, limit.clamp(1, 200)).await
}

/// The network server that carries a meter's reports, if one does.
pub async fn route_of(db: &Db, caller: &Caller, meter: MeterId) -> Result<Option<Route>, ServiceError> {
    require_meter(db, caller, &MeterRef::Id(meter)).await?;
    store::route_of(db, meter).await
}

/// The network that carries a meter's reports and what it said lately
/// (for operators: a household has nothing to do with it).
pub async fn of_meter(db: &Db, caller: &Caller, meter: MeterId) -> Result<MeterNetwork, ServiceError> {
    caller.admin()?;
    Ok(MeterNetwork { route: route_of(db, caller, meter).await?, log: log_of(db, caller, meter, 20).await? })
}

/// Forgets taken events too old to be delivered again.
pub async fn prune_events(db: &Db) -> Result<u64, ServiceError> {
    store::prune_events(db, Timestamp(now().0 - EVENTS_KEPT_SECONDS)).await
}
