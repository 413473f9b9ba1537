//! Alerts: the rules (each one condition, set-based over every meter,
//! household, gateway or command at once), the alerts they open and
//! resolve, and their history.
//!
//! A rule's condition is written once and used twice: alerts open for the
//! subjects that meet it and have no unresolved alert of the kind, and
//! unresolved alerts resolve when their subject no longer meets it. The
//! partial unique index `alerts_one_unresolved` keeps one unresolved alert
//! per kind and subject even when several replicas evaluate at once.

use crate::backend::auth::AdminCaller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::push_managed;
use crate::backend::sql::{Bind, Sql};
use crate::model::alert::{Alert, AlertEvent, AlertFilter, AlertKind, AlertState, Evidence};
use crate::model::command::{CommandKind, CommandState};
use crate::model::ids::{AreaId, HouseholdId, MeterId};
use crate::model::meter::MeterStatus;
use crate::model::paging::PageRequest;
use crate::model::reading::ReadingNote;
use crate::model::time::Timestamp;
use crate::model::valve::ValveHold;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

/// The limits the rules weigh and where notices of their alerts go (the
/// installation's, `Settings::alerts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRules {
    /// A meter is offline after its report interval times this.
    pub offline_factor: i64,
    /// A gateway is offline after this many seconds without a status or uplink.
    pub gateway_silence_s: i64,
    /// A battery below this many millivolts is low.
    pub battery_low_mv: i64,
    /// Commands that expired longer ago than this open no alert (old
    /// history is not news).
    pub command_window_s: i64,
    /// The operators' webhook: every transition is told there.
    pub webhook: Option<crate::backend::secret_url::SecretUrl>,
    /// The night window and the least hourly use that counts as flow.
    pub night: NightWatch,
}

/// When a night is, on each area's clock, and how much use in an hour of it
/// counts as flow, per energy type (an energy type not listed is not watched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NightWatch {
    pub from: chrono::NaiveTime,
    pub to: chrono::NaiveTime,
    pub minimum: Vec<(crate::model::EnergyType, crate::model::fixed::Register)>,
}

impl NightWatch {
    /// Reads the window (`01:00-05:00`) and the hourly minimums per energy
    /// type (`water:0.005,gas:0.02`); an empty text keeps the default.
    pub fn parse(hours: &str, minimums: &str) -> Result<Self, String> {
        let d = Self::default();
        let (from, to) =
            if hours.trim().is_empty() { (d.from, d.to) } else { crate::model::time::parse_daily_period(hours)? };
        let minimum = if minimums.trim().is_empty() {
            d.minimum
        } else {
            let mut out = Vec::new();
            for part in minimums.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (energy, amount) =
                    part.split_once(':').ok_or_else(|| format!("{part:?} must be energy:amount, e.g. water:0.005"))?;
                let energy = crate::model::EnergyType::parse(energy)?;
                let amount = crate::model::fixed::Register::parse(amount)
                    .ok()
                    .filter(|a| a.is_positive())
                    .ok_or_else(|| format!("{amount:?} must be a positive amount an hour"))?;
                out.push((energy, amount));
            }
            out
        };
        Ok(Self { from, to, minimum })
    }
}

impl Default for NightWatch {
    fn default() -> Self {
        Self {
            from: chrono::NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default(),
            to: chrono::NaiveTime::from_hms_opt(5, 0, 0).unwrap_or_default(),
            // 5 litres an hour, every hour of the night: a running toilet
            // or a dripping pipe, not a household asleep.
            minimum: vec![(crate::model::EnergyType::Water, crate::model::fixed::Register::from_minor(50))],
        }
    }
}

impl Default for AlertRules {
    fn default() -> Self {
        Self {
            offline_factor: 3,
            gateway_silence_s: 30 * 60,
            battery_low_mv: 3_300,
            command_window_s: 7 * 86_400,
            webhook: None,
            night: NightWatch::default(),
        }
    }
}

/// Which subjects an evaluation looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything.
    All,
    /// Meters that reported at or after this time, and their households
    /// (what ingest can have changed).
    ReportedSince(Timestamp),
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Meter,
    Household,
    Gateway,
    Command,
    /// A payment that matched no household (the top area's).
    Payment,
}

fn subject(kind: AlertKind) -> Subject {
    match kind {
        AlertKind::MeterOffline
        | AlertKind::Leak
        | AlertKind::NightFlow
        | AlertKind::Tamper
        | AlertKind::Magnet
        | AlertKind::BatteryLow
        | AlertKind::ReverseFlow
        | AlertKind::SupplyCut
        | AlertKind::CloseWaiting => Subject::Meter,
        AlertKind::LowBalance => Subject::Household,
        AlertKind::GatewayOffline => Subject::Gateway,
        AlertKind::CommandOverdue => Subject::Command,
        AlertKind::UnmatchedPayment => Subject::Payment,
    }
}

/// The meter flags of the latest report (bits of `readings.alarms`, as the
/// legacy door's `leakageMark`, `tamperMark` and `magnetMark` read them).
fn flag(kind: AlertKind) -> Option<i64> {
    match kind {
        AlertKind::Leak => Some(1),
        AlertKind::Tamper => Some(2),
        AlertKind::Magnet => Some(4),
        _ => None,
    }
}

impl Subject {
    /// The rows a rule reads, with their aliases.
    fn from(self) -> &'static str {
        match self {
            Subject::Meter => {
                " FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id
                  JOIN households h ON h.id = m.household_id
                  LEFT JOIN readings r ON r.meter_id = m.id AND r.read_at = m.last_read_at"
            }
            Subject::Household => " FROM households h",
            Subject::Gateway => " FROM gateways g",
            Subject::Command => " FROM commands c JOIN meters m ON m.id = c.meter_id",
            Subject::Payment => " FROM unmatched_payments u",
        }
    }

    /// The subject's id and the alert's meter, household, gateway and area.
    fn columns(self) -> [&'static str; 5] {
        match self {
            Subject::Meter => ["m.id", "m.id", "m.household_id", "NULL", "m.area_id"],
            Subject::Household => ["h.id", "NULL", "h.id", "NULL", "h.area_id"],
            Subject::Gateway => ["g.id", "NULL", "NULL", "g.id", "g.area_id"],
            Subject::Command => ["c.id", "m.id", "m.household_id", "NULL", "m.area_id"],
            // Shown to the operators of the top area, who settle them.
            Subject::Payment => ["u.id", "NULL", "NULL", "NULL", "(SELECT MIN(id) FROM areas WHERE parent_id IS NULL)"],
        }
    }

    /// Appends ` AND` the subjects `scope` names, in the rule's own rows.
    fn push_scope(self, q: &mut Sql, scope: Scope) {
        let Scope::ReportedSince(t) = scope else { return };
        match self {
            Subject::Meter | Subject::Command => {
                q.push(" AND m.last_read_at >= ").bind(t.0);
            }
            Subject::Household => {
                q.push(" AND h.id IN (SELECT household_id FROM meters WHERE last_read_at >= ").bind(t.0).push(")");
            }
            Subject::Gateway | Subject::Payment => {
                q.push(" AND 1 = 0");
            }
        }
    }

    /// Appends ` AND` the unresolved alerts `scope` names.
    fn push_alert_scope(self, q: &mut Sql, scope: Scope) {
        let Scope::ReportedSince(t) = scope else { return };
        match self {
            Subject::Meter | Subject::Command => {
                q.push(" AND meter_id IN (SELECT id FROM meters WHERE last_read_at >= ").bind(t.0).push(")");
            }
            Subject::Household => {
                q.push(" AND household_id IN (SELECT household_id FROM meters WHERE last_read_at >= ")
                    .bind(t.0)
                    .push(")");
            }
            Subject::Gateway | Subject::Payment => {
                q.push(" AND 1 = 0");
            }
        }
    }
}

/// Whether a rule is one ingest can change (evaluated for `ReportedSince`).
pub fn moved_by_reports(kind: AlertKind) -> bool {
    matches!(subject(kind), Subject::Meter | Subject::Household)
}

/// Appends the rule's condition: true while the subject has the problem.
fn push_condition(q: &mut Sql, kind: AlertKind, t: &AlertRules, now: Timestamp) {
    let active = MeterStatus::Active.code();
    match kind {
        AlertKind::MeterOffline => {
            q.push("m.status = ").bind(active);
            q.push(
                " AND COALESCE(m.last_read_at, m.created_at) + COALESCE(m.report_interval_s, e.report_interval_s) * ",
            )
            .bind(t.offline_factor)
            .push(" < ")
            .bind(now.0);
        }
        AlertKind::Leak | AlertKind::Tamper | AlertKind::Magnet => {
            let bit = flag(kind).unwrap_or(0);
            q.push("m.status = ").bind(active).push(" AND (r.alarms & ").bind(bit).push(") <> 0");
        }
        AlertKind::BatteryLow => {
            q.push("m.status = ").bind(active).push(" AND r.battery_mv < ").bind(t.battery_low_mv);
        }
        AlertKind::NightFlow => {
            q.push("m.status = ").bind(active);
            q.push(" AND EXISTS (SELECT 1 FROM night_flow n WHERE n.meter_id = m.id AND n.continuous = 1)");
        }
        AlertKind::ReverseFlow => {
            q.push("m.status = ").bind(active).push(" AND r.note = ").bind(ReadingNote::Backwards.code());
        }
        AlertKind::SupplyCut => {
            q.push("m.status = ").bind(active).push(" AND m.valve_hold = ").bind(ValveHold::Auto.code());
        }
        AlertKind::CloseWaiting => {
            q.push("m.status = ").bind(active).push(" AND m.close_deferred_at IS NOT NULL");
        }
        AlertKind::LowBalance => {
            q.push("h.balance < h.warn_money AND EXISTS (SELECT 1 FROM meters hm WHERE hm.household_id = h.id AND hm.status = ")
                .bind(active)
                .push(")");
        }
        AlertKind::GatewayOffline => {
            q.push("g.area_id IS NOT NULL AND COALESCE(g.last_seen_at, g.created_at) + ")
                .bind(t.gateway_silence_s)
                .push(" < ")
                .bind(now.0);
        }
        AlertKind::UnmatchedPayment => {
            q.push("u.state = ").bind(crate::model::payment::UnmatchedState::Waiting.code());
        }
        AlertKind::CommandOverdue => {
            // The latest command of its kind to the meter expired: nothing
            // since has tried again or, once tried again, succeeded.
            q.push("m.status = ").bind(active);
            q.push(" AND c.state = ").bind(CommandState::Expired.code());
            q.push(" AND c.kind IN ").push_list(
                [CommandKind::CloseValve, CommandKind::OpenValve, CommandKind::AddCredit].map(|k| k.code().to_owned()),
            );
            q.push(" AND NOT EXISTS (SELECT 1 FROM commands l WHERE l.meter_id = c.meter_id AND l.kind = c.kind AND l.id > c.id AND l.state = ")
                .bind(CommandState::Acknowledged.code())
                .push(")");
        }
    }
}

/// Appends what is only true when an alert opens (not needed to stay open).
fn push_opening(q: &mut Sql, kind: AlertKind, t: &AlertRules, now: Timestamp) {
    if kind == AlertKind::CommandOverdue {
        q.push(" AND c.finished_at >= ").bind(now.0 - t.command_window_s);
        q.push(" AND NOT EXISTS (SELECT 1 FROM commands l WHERE l.meter_id = c.meter_id AND l.kind = c.kind AND l.id > c.id)");
    }
}

/// Appends the evidence: `at, value, limit`.
fn push_evidence(q: &mut Sql, kind: AlertKind, t: &AlertRules) {
    match kind {
        AlertKind::MeterOffline => {
            q.push("m.last_read_at, NULL, COALESCE(m.report_interval_s, e.report_interval_s) * ")
                .bind(t.offline_factor);
        }
        AlertKind::Leak | AlertKind::Tamper | AlertKind::Magnet => {
            q.push("r.read_at, NULL, NULL");
        }
        AlertKind::BatteryLow => {
            q.push("r.read_at, r.battery_mv, ").bind(t.battery_low_mv);
        }
        AlertKind::NightFlow => {
            let of = |column: &str| format!("(SELECT n.{column} FROM night_flow n WHERE n.meter_id = m.id)");
            q.push(&format!("{}, {}, {}", of("starts_at"), of("least_flow"), of("threshold")));
        }
        AlertKind::ReverseFlow => {
            q.push("r.read_at, r.forward_register, m.charged_register");
        }
        AlertKind::SupplyCut => {
            q.push("NULL, h.balance, m.overdraft_money");
        }
        AlertKind::CloseWaiting => {
            q.push("m.close_deferred_at, h.balance, m.overdraft_money");
        }
        AlertKind::LowBalance => {
            q.push("NULL, h.balance, h.warn_money");
        }
        AlertKind::GatewayOffline => {
            q.push("g.last_seen_at, NULL, ").bind(t.gateway_silence_s);
        }
        AlertKind::CommandOverdue => {
            q.push("c.expires_at, c.id, NULL");
        }
        AlertKind::UnmatchedPayment => {
            q.push("u.received_at, u.amount, NULL");
        }
    }
}

/// Opens an alert for every subject in `scope` that meets the rule and has
/// no unresolved alert of its kind; the new alerts' ids.
pub async fn open(
    tx: &mut Transaction<'static, Any>,
    kind: AlertKind,
    t: &AlertRules,
    scope: Scope,
    now: Timestamp,
) -> Result<Vec<i64>, ServiceError> {
    let s = subject(kind);
    let [id, meter, household, gateway, area] = s.columns();
    let mut q = Sql::new(
        "INSERT INTO alerts (kind, state, subject, meter_id, household_id, gateway_id, area_id,
            evidence_at, evidence_value, evidence_limit, opened_at) SELECT ",
    );
    q.bind(kind.code()).push(", ").bind(AlertState::Open.code());
    q.push(&format!(", {id}, {meter}, {household}, {gateway}, {area}, "));
    push_evidence(&mut q, kind, t);
    q.push(", ").bind(now.0).push(s.from()).push(" WHERE ");
    push_condition(&mut q, kind, t, now);
    push_opening(&mut q, kind, t, now);
    s.push_scope(&mut q, scope);
    q.push(" AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x.kind = ").bind(kind.code());
    q.push(&format!(" AND x.subject = {id} AND x.state <> ")).bind(AlertState::Resolved.code());
    // Another replica opening the same alert at once: the unique index
    // refuses the second, which is then no transition here.
    q.push(") ON CONFLICT DO NOTHING RETURNING id");
    let found = q.query().fetch_all(&mut **tx).await?;
    found.iter().map(|r| rows::int(r, "id")).collect()
}

/// Resolves the unresolved alerts of the rule in `scope` whose subject no
/// longer meets it; their ids.
pub async fn resolve(
    tx: &mut Transaction<'static, Any>,
    kind: AlertKind,
    t: &AlertRules,
    scope: Scope,
    now: Timestamp,
) -> Result<Vec<i64>, ServiceError> {
    let s = subject(kind);
    let [id, ..] = s.columns();
    let mut q = Sql::new("UPDATE alerts SET state = ");
    q.bind(AlertState::Resolved.code()).push(", resolved_at = ").bind(now.0);
    q.push(" WHERE kind = ").bind(kind.code()).push(" AND state <> ").bind(AlertState::Resolved.code());
    s.push_alert_scope(&mut q, scope);
    q.push(" AND NOT EXISTS (SELECT 1").push(s.from()).push(" WHERE ");
    q.push(&format!("{id} = alerts.subject AND "));
    push_condition(&mut q, kind, t, now);
    q.push(") RETURNING id");
    let found = q.query().fetch_all(&mut **tx).await?;
    found.iter().map(|r| rows::int(r, "id")).collect()
}

/// Records that the alerts `ids` went to `state`.
pub async fn record(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
    state: AlertState,
    at: Timestamp,
    actor: &str,
    note: &str,
) -> Result<(), ServiceError> {
    for chunk in ids.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "INSERT INTO alert_events (alert_id, state, at, actor, note) VALUES ");
        q.push_rows(
            chunk.iter().map(|id| [Bind::Int(*id), state.code().into(), Bind::Int(at.0), actor.into(), note.into()]),
        );
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Acknowledges the open alerts among `ids`; the ids it acknowledged.
pub async fn acknowledge(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
    actor: &str,
    note: &str,
    now: Timestamp,
) -> Result<Vec<i64>, ServiceError> {
    let mut q = Sql::new("UPDATE alerts SET state = ");
    q.bind(AlertState::Acknowledged.code()).push(", acknowledged_at = ").bind(now.0);
    q.push(", acknowledged_by = ").bind(actor).push(", note = ").bind(note);
    q.push(" WHERE state = ").bind(AlertState::Open.code()).push(" AND id IN ").push_list(ids.iter().copied());
    q.push(" RETURNING id");
    let found = q.query().fetch_all(&mut **tx).await?;
    found.iter().map(|r| rows::int(r, "id")).collect()
}

const SELECT: &str =
    "SELECT a.id, a.kind, a.state, a.meter_id, m.serialnumber AS meter_number, m.dev_eui, m.imei, m.energy_type,
    a.household_id, hh.serialnumber AS household_number, hh.name AS household_name, g.gw_id, g.name AS gateway_name,
    a.area_id, ar.name AS area_name, a.evidence_at, a.evidence_value, a.evidence_limit, a.opened_at,
    a.acknowledged_at, a.acknowledged_by, a.note, a.resolved_at
    FROM alerts a JOIN areas ar ON ar.id = a.area_id LEFT JOIN meters m ON m.id = a.meter_id
    LEFT JOIN households hh ON hh.id = a.household_id LEFT JOIN gateways g ON g.id = a.gateway_id";

fn from_row(row: &AnyRow) -> Result<Alert, ServiceError> {
    let kind = rows::text(row, "kind")?;
    let state = rows::text(row, "state")?;
    let meter_label = rows::opt_text(row, "meter_number")?
        .filter(|n| !n.is_empty())
        .or(rows::opt_text(row, "dev_eui")?)
        .or(rows::opt_text(row, "imei")?);
    let household_label = match (rows::opt_text(row, "household_number")?, rows::opt_text(row, "household_name")?) {
        (Some(number), Some(name)) => Some(format!("{number} {name}")),
        (number, name) => number.or(name),
    };
    let gateway_label = match (rows::opt_text(row, "gw_id")?, rows::opt_text(row, "gateway_name")?) {
        (Some(id), Some(name)) if !name.is_empty() => Some(format!("{id} {name}")),
        (id, _) => id,
    };
    Ok(Alert {
        id: rows::int(row, "id")?,
        kind: AlertKind::parse(&kind).ok_or_else(|| ServiceError::Internal(format!("stored alert kind {kind:?}")))?,
        state: AlertState::parse(&state)
            .ok_or_else(|| ServiceError::Internal(format!("stored alert state {state:?}")))?,
        meter_id: rows::opt_int(row, "meter_id")?.map(MeterId),
        meter_label,
        energy_type: match rows::opt_text(row, "energy_type")? {
            Some(_) => Some(rows::energy(row, "energy_type")?),
            None => None,
        },
        household_id: rows::opt_int(row, "household_id")?.map(HouseholdId),
        household_label,
        gateway_label,
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        evidence: Evidence {
            at: rows::opt_time(row, "evidence_at")?,
            value: rows::opt_int(row, "evidence_value")?,
            limit: rows::opt_int(row, "evidence_limit")?,
        },
        opened_at: rows::time(row, "opened_at")?,
        acknowledged_at: rows::opt_time(row, "acknowledged_at")?,
        acknowledged_by: rows::opt_text(row, "acknowledged_by")?,
        note: rows::text(row, "note")?,
        resolved_at: rows::opt_time(row, "resolved_at")?,
    })
}

/// Who a list is for: an operator's areas, or one household's own.
#[derive(Debug, Clone, Copy)]
pub enum Viewer<'a> {
    Operator(&'a AdminCaller),
    Household(HouseholdId),
}

fn push_filter(q: &mut Sql, viewer: Viewer<'_>, f: &AlertFilter) {
    q.push(" WHERE 1 = 1");
    match viewer {
        Viewer::Operator(admin) => push_managed(q, admin, "a.area_id"),
        Viewer::Household(id) => {
            q.push(" AND a.household_id = ").bind(id.0);
            let kinds = AlertKind::ALL.into_iter().filter(|k| k.shown_to_household()).map(|k| k.code().to_owned());
            q.push(" AND a.kind IN ").push_list(kinds);
        }
    }
    if let Some(area) = f.area_id {
        q.push(" AND a.area_id IN (SELECT d.id FROM areas d JOIN areas p ON d.path LIKE p.path || '%' WHERE p.id = ")
            .bind(area.0)
            .push(")");
    }
    if let Some(kind) = f.kind {
        q.push(" AND a.kind = ").bind(kind.code());
    }
    match f.state {
        Some(state) => {
            q.push(" AND a.state = ").bind(state.code());
        }
        None => {
            q.push(" AND a.state <> ").bind(AlertState::Resolved.code());
        }
    }
    if let Some(meter) = f.meter_id {
        q.push(" AND a.meter_id = ").bind(meter.0);
    }
}

/// A page of the alerts `viewer` sees that match `f`, newest first, and how many match.
pub async fn list(
    db: &Db,
    viewer: Viewer<'_>,
    f: &AlertFilter,
    page: PageRequest,
) -> Result<(Vec<Alert>, i64), ServiceError> {
    let mut count = Sql::new("SELECT COUNT(*) FROM alerts a");
    push_filter(&mut count, viewer, f);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    push_filter(&mut q, viewer, f);
    q.push(" ORDER BY a.id DESC LIMIT ").bind(page.limit()).push(" OFFSET ").bind(page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(from_row).collect::<Result<_, _>>()?, total))
}

/// One alert, whoever's it is (for its notices).
pub async fn get(db: &Db, id: i64) -> Result<Option<Alert>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&db.pool).await?;
    row.as_ref().map(from_row).transpose()
}

/// The alerts among `ids` the operator's areas hold.
pub async fn managed(db: &Db, admin: &AdminCaller, ids: &[i64]) -> Result<Vec<Alert>, ServiceError> {
    let mut q = Sql::new(SELECT);
    q.push(" WHERE a.id IN ").push_list(ids.iter().copied());
    push_managed(&mut q, admin, "a.area_id");
    let found = q.query().fetch_all(&db.pool).await?;
    found.iter().map(from_row).collect()
}

/// Unresolved alerts the operator's areas hold, by kind and state.
pub async fn unresolved_counts(
    db: &Db,
    admin: &AdminCaller,
    meter: Option<MeterId>,
) -> Result<Vec<(AlertKind, AlertState, i64)>, ServiceError> {
    let mut q = Sql::new("SELECT a.kind, a.state, COUNT(*) AS n FROM alerts a WHERE a.state <> ");
    q.bind(AlertState::Resolved.code());
    push_managed(&mut q, admin, "a.area_id");
    if let Some(m) = meter {
        q.push(" AND a.meter_id = ").bind(m.0);
    }
    q.push(" GROUP BY a.kind, a.state");
    let found = q.query().fetch_all(&db.pool).await?;
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let kind = rows::text(row, "kind")?;
        let state = rows::text(row, "state")?;
        out.push((
            AlertKind::parse(&kind).ok_or_else(|| ServiceError::Internal(format!("stored alert kind {kind:?}")))?,
            AlertState::parse(&state).ok_or_else(|| ServiceError::Internal(format!("stored alert state {state:?}")))?,
            rows::int(row, "n")?,
        ));
    }
    Ok(out)
}

/// An alert's history, oldest first.
pub async fn events(db: &Db, alert: i64) -> Result<Vec<AlertEvent>, ServiceError> {
    let found = sqlx::query("SELECT state, at, actor, note FROM alert_events WHERE alert_id = $1 ORDER BY id")
        .bind(alert)
        .fetch_all(&db.pool)
        .await?;
    found
        .iter()
        .map(|row| {
            let state = rows::text(row, "state")?;
            Ok(AlertEvent {
                state: AlertState::parse(&state)
                    .ok_or_else(|| ServiceError::Internal(format!("stored alert state {state:?}")))?,
                at: rows::time(row, "at")?,
                actor: rows::text(row, "actor")?,
                note: rows::text(row, "note")?,
            })
        })
        .collect()
}
