//! Background jobs: command expiry, the monthly billing run, the status
//! queries of payments whose callback has not come, forgetting network
//! servers' events too old to come again, closes that waited for friendly
//! credit, the alert rules and the nights they weigh for night flow. All are idempotent
//! database operations, so several replicas may run them at once.

use app::backend::db::Db;
use app::backend::services::{alerts, billing, commands, consumption, networks, night_flow, payments, valve_switching};
use app::backend::state::{AppState, Settings};
use app::backend::store::alerts::{AlertRules, Scope};
use app::model::time::Timestamp;
use std::time::Duration;

/// How often jobs look for work.
const TICK: Duration = Duration::from_secs(60);
/// How often open payments are looked at: a household is watching.
const PAYMENT_TICK: Duration = Duration::from_secs(3);
/// How often the alert rules look at the meters that just reported.
const ALERT_TICK: Duration = Duration::from_secs(5);
/// Every this many alert ticks, the rules look at everything (silence,
/// gateways, commands, balances changed by payments).
const ALERT_SWEEP_EVERY: u32 = 12;

/// Starts the jobs on the current runtime.
pub fn spawn(app: AppState) {
    let (db, settings) = (app.db.clone(), app.settings.clone());
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(TICK);
        loop {
            ticker.tick().await;
            run_once(&db, &settings, app::backend::clock::now()).await;
        }
    });
    let (db, rules) = (app.db.clone(), app.settings.alerts.clone());
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(ALERT_TICK);
        let mut since = app::backend::clock::now();
        // At start the last night is measured (again: the same finding).
        let mut nights_since = Timestamp(since.0 - 86_400);
        for round in 0u32.. {
            ticker.tick().await;
            let now = app::backend::clock::now();
            // Everything at start and every sweep; between them the meters
            // that reported since the last round began (a report committed
            // during a round is seen by the next).
            let scope = if round % ALERT_SWEEP_EVERY == 0 { Scope::All } else { Scope::ReportedSince(since) };
            if scope == Scope::All {
                match night_flow::measure(&db, &rules, nights_since, now).await {
                    Ok(n) => {
                        if n > 0 {
                            tracing::info!(meters = n, "nights measured for night flow");
                        }
                        nights_since = now;
                    }
                    Err(e) => tracing::error!(error = %e, "measuring night flow failed"),
                }
            }
            if evaluate_alerts(&db, &rules, scope, now).await {
                since = now;
            }
        }
    });
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(PAYMENT_TICK);
        loop {
            ticker.tick().await;
            match payments::recheck_due(&app.db, &app.settings, &app.payments, 100).await {
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "payment status queries failed"),
            }
        }
    });
}

/// One round: expire overdue commands; close the valves whose close waited
/// for friendly credit and may now; in the first days of a month, bill the
/// previous one (a run that finds its bills written adds nothing).
pub async fn run_once(db: &Db, settings: &Settings, now: Timestamp) {
    match commands::expire_due(db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(expired = n, "commands expired"),
        Err(e) => tracing::error!(error = %e, "command expiry failed"),
    }
    match valve_switching::close_waiting(db, settings, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(closed = n, "valves closed after friendly credit"),
        Err(e) => tracing::error!(error = %e, "closing valves after friendly credit failed"),
    }
    match networks::prune_events(db).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(forgotten = n, "network events pruned"),
        Err(e) => tracing::error!(error = %e, "network event pruning failed"),
    }
    let this_month = consumption::month_of(now);
    let (month_start, _) = consumption::month_bounds(this_month);
    // Readings sent late still count: bill two days after the month ended.
    if now.0 - month_start.0 >= 2 * 86_400 && now.0 - month_start.0 < 3 * 86_400 {
        let previous = consumption::month_of(Timestamp(month_start.0 - 1));
        match billing::run_billing_unchecked(db, previous).await {
            Ok(s) if s.created > 0 => {
                tracing::info!(month = %previous, created = s.created, meters = s.meters, "billing run")
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, month = %previous, "billing run failed"),
        }
    }
}

/// One evaluation of the alert rules; false when it failed (the next round
/// then looks again at what this one should have).
pub async fn evaluate_alerts(db: &Db, rules: &AlertRules, scope: Scope, now: Timestamp) -> bool {
    match alerts::evaluate(db, rules, scope, now).await {
        Ok(e) => {
            if !e.opened.is_empty() || !e.resolved.is_empty() {
                tracing::info!(opened = e.opened.len(), resolved = e.resolved.len(), "alerts");
            }
            true
        }
        Err(e) => {
            tracing::error!(error = %e, "alert evaluation failed");
            false
        }
    }
}
