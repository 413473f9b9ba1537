//! The operator dashboard's figures: counts and sums over an operator's
//! areas, each one set-based query however many meters there are.

use crate::backend::auth::AdminCaller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::{push_managed, push_visible};
use crate::backend::sql::Sql;
use crate::backend::store::ledger::EntryKind;
use crate::model::command::CommandState;
use crate::model::energy::{EnergyType, ValveState};
use crate::model::fixed::{Money, Register};
use crate::model::meter::MeterStatus;
use crate::model::reading::ReadingNote;
use crate::model::time::Timestamp;

/// The ledger entries that are money coming in (less what went back).
const MONEY_IN: [&str; 2] = [EntryKind::TopUp.code(), EntryKind::Refund.code()];

/// Rows of `from` in the operator's areas meeting what `condition` appends
/// after `WHERE`.
async fn count(
    db: &Db,
    admin: &AdminCaller,
    from: &str,
    area_column: &str,
    condition: impl FnOnce(&mut Sql),
) -> Result<i64, ServiceError> {
    let mut q = Sql::new(&format!("SELECT COUNT(*) FROM {from} WHERE "));
    condition(&mut q);
    push_managed(&mut q, admin, area_column);
    Ok(q.query_scalar_i64().fetch_one(&db.pool).await?.0)
}

/// Use per energy type in `[start, end)`: for each meter the last counted
/// register in the period minus the one before it (or the first in it).
pub async fn use_by_energy(
    db: &Db,
    admin: &AdminCaller,
    start: Timestamp,
    end: Timestamp,
) -> Result<Vec<(EnergyType, Register)>, ServiceError> {
    let counted = ReadingNote::Counted.code();
    let mut q = Sql::new(
        "SELECT m.energy_type, CAST(SUM(COALESCE((SELECT MAX(r.total_register) FROM readings r WHERE r.meter_id = m.id AND r.note = ",
    );
    q.bind(counted)
        .push(" AND r.read_at >= ")
        .bind(start.0)
        .push(" AND r.read_at < ")
        .bind(end.0)
        .push(") - COALESCE((SELECT MAX(r.total_register) FROM readings r WHERE r.meter_id = m.id AND r.note = ");
    q.bind(counted)
        .push(" AND r.read_at < ")
        .bind(start.0)
        .push("), (SELECT MIN(r.total_register) FROM readings r WHERE r.meter_id = m.id AND r.note = ");
    q.bind(counted)
        .push(" AND r.read_at >= ")
        .bind(start.0)
        .push(" AND r.read_at < ")
        .bind(end.0)
        .push(")), 0)) AS BIGINT) AS used FROM meters m WHERE m.status = ")
        .bind(MeterStatus::Active.code());
    push_managed(&mut q, admin, "m.area_id");
    q.push(" GROUP BY m.energy_type ORDER BY m.energy_type");
    let found = q.query().fetch_all(&db.pool).await?;
    found
        .iter()
        .map(|row| {
            Ok((rows::energy(row, "energy_type")?, Register::from_minor(rows::opt_int(row, "used")?.unwrap_or(0))))
        })
        .collect()
}

/// Top-ups less refunds per UTC day, for days starting at `first`.
pub async fn revenue_by_day(
    db: &Db,
    admin: &AdminCaller,
    first: Timestamp,
    days: i64,
) -> Result<Vec<i64>, ServiceError> {
    let mut q = Sql::new("SELECT (l.created_at - ");
    q.bind(first.0).push(") / 86400 AS day, CAST(SUM(l.amount) AS BIGINT) AS total FROM ledger_entries l JOIN households h ON h.id = l.household_id WHERE l.kind IN ");
    q.push_list(MONEY_IN).push(" AND l.created_at >= ").bind(first.0);
    push_managed(&mut q, admin, "h.area_id");
    q.push(" GROUP BY 1");
    let found = q.query().fetch_all(&db.pool).await?;
    let mut out = vec![0; usize::try_from(days).unwrap_or(0)];
    for row in &found {
        let day = usize::try_from(rows::int(row, "day")?).unwrap_or(usize::MAX);
        if let Some(slot) = out.get_mut(day) {
            *slot += rows::opt_int(row, "total")?.unwrap_or(0);
        }
    }
    Ok(out)
}

/// Top-ups less refunds since `since`.
pub async fn revenue_since(db: &Db, admin: &AdminCaller, since: Timestamp) -> Result<Money, ServiceError> {
    let mut q = Sql::new(
        "SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) FROM ledger_entries l JOIN households h ON h.id = l.household_id WHERE l.kind IN ",
    );
    q.push_list(MONEY_IN).push(" AND l.created_at >= ").bind(since.0);
    push_managed(&mut q, admin, "h.area_id");
    Ok(Money::from_minor(q.query_scalar_i64().fetch_one(&db.pool).await?.0))
}

/// The gateways the operator sees (their areas' and those above): how many,
/// and how many were heard since `online_since`.
pub async fn gateways(db: &Db, admin: &AdminCaller, online_since: Timestamp) -> Result<(i64, i64), ServiceError> {
    let mut q = Sql::new("SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN last_seen_at >= ");
    q.bind(online_since.0).push(" THEN 1 ELSE 0 END), 0) AS BIGINT) FROM gateways WHERE 1 = 1");
    push_visible(&mut q, admin, "area_id");
    let row = q.query().fetch_one(&db.pool).await?;
    Ok((sqlx::Row::try_get(&row, 0)?, sqlx::Row::try_get(&row, 1)?))
}

/// Meters in the operator's areas with `status`.
pub async fn meters_with_status(db: &Db, admin: &AdminCaller, status: MeterStatus) -> Result<i64, ServiceError> {
    count(db, admin, "meters m", "m.area_id", |q| {
        q.push("m.status = ").bind(status.code());
    })
    .await
}

/// Active meters in the operator's areas whose valve is closed.
pub async fn valves_closed(db: &Db, admin: &AdminCaller) -> Result<i64, ServiceError> {
    count(db, admin, "meters m", "m.area_id", |q| {
        q.push("m.status = ").bind(MeterStatus::Active.code());
        q.push(" AND m.valve_state = ").bind(ValveState::Closed.code());
    })
    .await
}

/// Households in the operator's areas below their warning amount.
pub async fn households_low(db: &Db, admin: &AdminCaller) -> Result<i64, ServiceError> {
    count(db, admin, "households h", "h.area_id", |q| {
        q.push("h.balance < h.warn_money");
    })
    .await
}

/// Commands of meters in the operator's areas still queued or sent.
pub async fn commands_pending(db: &Db, admin: &AdminCaller) -> Result<i64, ServiceError> {
    count(db, admin, "commands c JOIN meters m ON m.id = c.meter_id", "m.area_id", |q| {
        q.push("c.state IN ").push_list([CommandState::Queued.code(), CommandState::Sent.code()]);
    })
    .await
}

/// Credits sent whose meter never confirmed them, waiting for an operator.
pub async fn credits_unconfirmed(db: &Db, admin: &AdminCaller) -> Result<i64, ServiceError> {
    count(db, admin, "commands c JOIN meters m ON m.id = c.meter_id", "m.area_id", |q| {
        q.push("c.state = ").bind(CommandState::Unconfirmed.code());
    })
    .await
}
