//! Valve records: pages of valve switches with the state of the command
//! each one queued.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::command::CommandState;
use crate::model::ids::{CommandId, MeterId};
use crate::model::paging::PageRequest;
use crate::model::valve::{ValveFilter, ValveRecord};
use sqlx::any::AnyRow;

const SELECT: &str =
    "SELECT v.id, v.meter_id, m.dev_eui, m.imei, m.customer_name, h.serialnumber AS household_serialnumber,
    m.energy_type, v.execution, v.cause, v.actor, v.created_at, v.command_id, c.state, c.result
    FROM valve_records v JOIN meters m ON m.id = v.meter_id JOIN households h ON h.id = m.household_id
    LEFT JOIN commands c ON c.id = v.command_id";

fn record_from(row: &AnyRow) -> Result<ValveRecord, ServiceError> {
    let cause = rows::text(row, "cause")?;
    let result = rows::opt_text(row, "result")?.filter(|r| !r.is_empty());
    Ok(ValveRecord {
        id: rows::int(row, "id")?,
        meter_id: MeterId(rows::int(row, "meter_id")?),
        dev_eui: rows::opt_text(row, "dev_eui")?,
        imei: rows::opt_text(row, "imei")?,
        customer_name: rows::text(row, "customer_name")?,
        customer_number: rows::text(row, "household_serialnumber")?,
        energy_type: rows::energy(row, "energy_type")?,
        execution: rows::valve(row, "execution")?,
        result_info: result.unwrap_or_else(|| cause.clone()),
        cause,
        actor: rows::text(row, "actor")?,
        at: rows::time(row, "created_at")?,
        command_id: rows::opt_int(row, "command_id")?.map(CommandId),
        // The vendor reports a finished switch as "succeed"; clients compare to it.
        status: match rows::opt_text(row, "state")?.as_deref().map(|s| (CommandState::parse(s), s)) {
            None | Some((Some(CommandState::Acknowledged), _)) => "succeed".to_owned(),
            Some((_, other)) => other.to_owned(),
        },
    })
}

/// A page of the valve records that match `f`, of meters in the areas under
/// `subtree` (a `LIKE` pattern of area paths) and of `meter`, where given;
/// newest first, and how many match.
pub async fn list(
    db: &Db,
    subtree: Option<&str>,
    meter: Option<MeterId>,
    f: &ValveFilter,
) -> Result<(Vec<ValveRecord>, i64), ServiceError> {
    let filter = |q: &mut Sql| {
        q.push(" WHERE v.created_at >= ").bind(f.start.0).push(" AND v.created_at <= ").bind(f.end.0);
        if let Some(subtree) = subtree {
            q.push(" AND m.area_id IN (SELECT id FROM areas WHERE path LIKE ").bind(subtree.to_owned()).push(")");
        }
        if let Some(meter) = meter {
            q.push(" AND v.meter_id = ").bind(meter.0);
        }
        if let Some(e) = f.energy_type {
            q.push(" AND m.energy_type = ").bind(e.code());
        }
        if let Some(op) = f.operation {
            q.push(" AND v.execution = ").bind(op.code());
        }
        if let Some(term) = f.username.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&["m.customer_name"], term);
        }
        if let Some(term) = f.user_number.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&["h.serialnumber"], term);
        }
    };
    let mut count = Sql::new(
        "SELECT COUNT(*) FROM valve_records v JOIN meters m ON m.id = v.meter_id JOIN households h ON h.id = m.household_id",
    );
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY v.created_at DESC, v.id DESC LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(record_from).collect::<Result<_, _>>()?, total))
}

/// A page of one meter's valve records, newest first, and how many it has.
pub async fn of_meter(db: &Db, meter: MeterId, page: PageRequest) -> Result<(Vec<ValveRecord>, i64), ServiceError> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM valve_records WHERE meter_id = $1")
        .bind(meter.0)
        .fetch_one(&db.pool)
        .await?;
    let mut q = Sql::new(SELECT);
    q.push(" WHERE v.meter_id = ").bind(meter.0);
    q.push(" ORDER BY v.created_at DESC, v.id DESC LIMIT ").bind(page.limit()).push(" OFFSET ").bind(page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(record_from).collect::<Result<_, _>>()?, total))
}

/// Records a valve switch and the command that carries it, inside `tx`.
pub async fn create(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meter: MeterId,
    open: bool,
    cause: &str,
    actor: &str,
    command: CommandId,
    at: crate::model::time::Timestamp,
) -> Result<(), ServiceError> {
    let execution = if open { crate::model::ValveState::Open } else { crate::model::ValveState::Closed };
    sqlx::query(
        "INSERT INTO valve_records (meter_id, execution, cause, actor, command_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(meter.0)
    .bind(execution.code())
    .bind(cause.to_owned())
    .bind(actor.to_owned())
    .bind(command.0)
    .bind(at.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
