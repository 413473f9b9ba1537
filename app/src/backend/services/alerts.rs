//! Alerts: evaluating the rules (on a schedule for everything, and for the
//! meters that just reported), what operators and households see of them,
//! and an operator's acknowledgement.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::alerts::{self, AlertRules, Scope, Viewer};
use crate::backend::store::notifications::{self, Channel};
use crate::model::alert::{Alert, AlertCounts, AlertEvent, AlertFilter, AlertKind, AlertState};
use crate::model::paging::{Page, PageRequest};
use crate::model::time::Timestamp;

/// The longest note an acknowledgement keeps.
pub const NOTE_MAX: usize = 500;

/// What one evaluation changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluated {
    /// Alerts opened, with their kind.
    pub opened: Vec<(AlertKind, i64)>,
    /// Alerts resolved, with their kind.
    pub resolved: Vec<(AlertKind, i64)>,
}

/// Runs every rule over `scope` at `now`: opens what is new, resolves what
/// has cleared. Each rule is its own transaction (a short write lock on
/// SQLite), and one that changes nothing commits nothing.
pub async fn evaluate(db: &Db, t: &AlertRules, scope: Scope, now: Timestamp) -> Result<Evaluated, ServiceError> {
    let mut out = Evaluated::default();
    for kind in AlertKind::ALL {
        if scope != Scope::All && !alerts::moved_by_reports(kind) {
            continue;
        }
        let mut tx = db.begin().await?;
        let resolved = alerts::resolve(&mut tx, kind, t, scope, now).await?;
        let opened = alerts::open(&mut tx, kind, t, scope, now).await?;
        if resolved.is_empty() && opened.is_empty() {
            continue;
        }
        alerts::record(&mut tx, &resolved, AlertState::Resolved, now, "system", "").await?;
        alerts::record(&mut tx, &opened, AlertState::Open, now, "system", "").await?;
        tell(&mut tx, t, &resolved, AlertState::Resolved, now).await?;
        tell(&mut tx, t, &opened, AlertState::Open, now).await?;
        db.commit(tx).await?;
        out.opened.extend(opened.into_iter().map(|id| (kind, id)));
        out.resolved.extend(resolved.into_iter().map(|id| (kind, id)));
    }
    Ok(out)
}

/// Writes the notices of `alerts` going to `state` into the outbox, in the
/// transaction that made the change: told once, even across a restart.
async fn tell(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    rules: &AlertRules,
    alerts: &[i64],
    state: AlertState,
    now: Timestamp,
) -> Result<(), ServiceError> {
    if let (Some(url), false) = (&rules.webhook, alerts.is_empty()) {
        notifications::enqueue(tx, alerts, state, Channel::Webhook, url.expose(), now).await?;
    }
    Ok(())
}

/// A page of alerts: an operator's (in their areas, filtered) or a
/// household's own (the kinds it is shown, unresolved).
pub async fn list(
    db: &Db,
    caller: &Caller,
    filter: AlertFilter,
    page: PageRequest,
) -> Result<Page<Alert>, ServiceError> {
    let (filter, viewer) = match caller {
        Caller::Admin(admin) => {
            if let Some(area) = filter.area_id {
                crate::backend::scope::require_area(db, caller, area).await?;
            }
            (filter, Viewer::Operator(admin))
        }
        Caller::Household { id, .. } => (AlertFilter::default(), Viewer::Household(*id)),
    };
    let (rows, total_rows) = alerts::list(db, viewer, &filter, page).await?;
    Ok(Page { rows, number: page.number(), size: page.size(), total_rows })
}

/// An alert's history, for an operator whose areas hold it.
pub async fn history(db: &Db, caller: &Caller, id: i64) -> Result<Vec<AlertEvent>, ServiceError> {
    let admin = caller.admin()?;
    if alerts::managed(db, admin, &[id]).await?.is_empty() {
        return Err(ServiceError::not_found(format!("alert {id} not found")));
    }
    alerts::events(db, id).await
}

/// Acknowledges alerts (one, or many at once) with a note; those already
/// acknowledged or resolved stay as they are. Every id must be an alert of
/// the operator's areas, or nothing changes. The number acknowledged.
pub async fn acknowledge(
    db: &Db,
    rules: &AlertRules,
    caller: &Caller,
    ids: &[i64],
    note: &str,
    now: Timestamp,
) -> Result<usize, ServiceError> {
    let admin = caller.admin()?;
    let note = note.trim();
    if ids.is_empty() {
        return Err(ServiceError::invalid("ids", "choose at least one alert"));
    }
    if ids.len() > PageRequest::MAX_SIZE as usize {
        return Err(ServiceError::invalid("ids", format!("at most {} alerts at once", PageRequest::MAX_SIZE)));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(ServiceError::invalid("note", format!("at most {NOTE_MAX} characters")));
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let found = alerts::managed(db, admin, &ids).await?;
    if let Some(missing) = ids.iter().find(|id| !found.iter().any(|a| a.id == **id)) {
        return Err(ServiceError::not_found(format!("alert {missing} not found")));
    }
    let actor = caller.actor();
    let mut tx = db.begin().await?;
    let done = alerts::acknowledge(&mut tx, &ids, &actor, note, now).await?;
    if done.is_empty() {
        return Ok(0);
    }
    alerts::record(&mut tx, &done, AlertState::Acknowledged, now, &actor, note).await?;
    tell(&mut tx, rules, &done, AlertState::Acknowledged, now).await?;
    db.commit(tx).await?;
    Ok(done.len())
}

/// Unresolved alerts in the operator's areas (of one meter, if named).
pub async fn counts(
    db: &Db,
    caller: &Caller,
    meter: Option<crate::model::ids::MeterId>,
) -> Result<AlertCounts, ServiceError> {
    let admin = caller.admin()?;
    let mut counts = AlertCounts::default();
    for (kind, state, n) in alerts::unresolved_counts(db, admin, meter).await? {
        match state {
            AlertState::Open => counts.open += n,
            AlertState::Acknowledged => counts.acknowledged += n,
            AlertState::Resolved => {}
        }
        match counts.by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, total)) => *total += n,
            None => counts.by_kind.push((kind, n)),
        }
    }
    counts.by_kind.sort();
    if meter.is_none() {
        counts.notices_failed = notifications::failed_in(db, admin).await?;
    }
    Ok(counts)
}
