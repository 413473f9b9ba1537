//! Bills: what a billing run writes (once per meter and month), who a bill
//! belongs to, paying it, and pages of bills by area subtree or by meter.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::{Bind, Sql};
use crate::model::PayMode;
use crate::model::bill::BillStatus;
use crate::model::bill::{Bill, BillFilter};
use crate::model::fixed::{Money, Register, UnitPrice};
use crate::model::ids::{AreaId, HouseholdId, MeterId};
use crate::model::meter::MeterStatus;
use crate::model::reading::ReadingNote;
use crate::model::time::Month;
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

const SELECT: &str = "SELECT b.id, b.meter_id, m.area_id, a.name AS area_name, m.customer_name, h.serialnumber AS household_serialnumber,
    m.dev_eui, m.imei, m.energy_type, b.month, b.dosage, b.fee, b.status
    FROM bills b JOIN meters m ON m.id = b.meter_id JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = m.area_id";

fn bill_from(row: &AnyRow) -> Result<Bill, ServiceError> {
    Ok(Bill {
        id: rows::int(row, "id")?,
        meter_id: MeterId(rows::int(row, "meter_id")?),
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        customer_name: rows::text(row, "customer_name")?,
        customer_number: rows::text(row, "household_serialnumber")?,
        dev_eui: rows::opt_text(row, "dev_eui")?,
        imei: rows::opt_text(row, "imei")?,
        energy_type: rows::energy(row, "energy_type")?,
        month: Month::parse(&rows::text(row, "month")?)
            .map_err(|e| ServiceError::Internal(format!("stored month: {e}")))?,
        dosage: rows::fixed(row, "dosage")?,
        fee: rows::fixed(row, "fee")?,
        paid: rows::int(row, "status")? == BillStatus::Paid.code(),
    })
}

/// Whose bills a page holds.
#[derive(Debug, Clone)]
pub enum BillsOf {
    /// Meters in the areas under this `LIKE` pattern of area paths.
    Subtree(String),
    Meter(MeterId),
}

/// A page of the bills of `of` that match `f`, newest month first, and how
/// many match.
pub async fn list(db: &Db, of: &BillsOf, f: &BillFilter) -> Result<(Vec<Bill>, i64), ServiceError> {
    let filter = |q: &mut Sql| {
        match of {
            BillsOf::Subtree(pattern) => {
                q.push(" WHERE m.area_id IN (SELECT id FROM areas WHERE path LIKE ").bind(pattern.clone()).push(")");
            }
            BillsOf::Meter(id) => {
                q.push(" WHERE b.meter_id = ").bind(id.0);
            }
        }
        if let Some(e) = f.energy_type {
            q.push(" AND m.energy_type = ").bind(e.code());
        }
        if let Some(month) = f.month {
            q.push(" AND b.month = ").bind(month.to_string());
        }
        if let Some(term) = f.username.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&["m.customer_name"], term);
        }
        if let Some(term) = f.user_number.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&["h.serialnumber"], term);
        }
    };
    let mut count = Sql::new(
        "SELECT COUNT(*) FROM bills b JOIN meters m ON m.id = b.meter_id JOIN households h ON h.id = m.household_id",
    );
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY b.month DESC, b.id LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(bill_from).collect::<Result<_, _>>()?, total))
}

/// The highest meter id (billing runs walk meters in id ranges).
pub async fn max_meter_id(db: &Db) -> Result<i64, ServiceError> {
    let id: i64 =
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM meters").fetch_one(&db.pool).await?;
    Ok(id)
}

/// What a postpaid meter's bill for `[start, end)` is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Billable {
    pub meter: MeterId,
    pub price: UnitPrice,
    /// The register before the month (its first reading when there is none before).
    pub start: Register,
    /// The register at the end of the month.
    pub end: Register,
}

/// Meters of these areas only (`None`: of every area). The ids are the
/// database's own integers, written into the statement as numbers.
fn in_areas(areas: Option<&[i64]>) -> String {
    match areas {
        None => String::new(),
        Some(ids) => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(" AND m.area_id IN ({})", ids.join(","))
        }
    }
}

/// The active postpaid meters with ids in `(from, to]` (and in `areas`,
/// when given) whose counted readings give a register at both ends of
/// `[start, end)`, not going back.
pub async fn billable(
    tx: &mut Transaction<'static, Any>,
    (start, end): (Timestamp, Timestamp),
    (from, to): (i64, i64),
    areas: Option<&[i64]>,
) -> Result<Vec<Billable>, ServiceError> {
    let text = format!(
        "SELECT id, price, s, e FROM (
             SELECT m.id, p.flat_price AS price,
                 COALESCE(
                     (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at < $1 AND r.note = $5
                      ORDER BY r.read_at DESC LIMIT 1),
                     (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at >= $1 AND r.read_at < $2
                      AND r.note = $5 ORDER BY r.read_at LIMIT 1)) AS s,
                 (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.read_at < $2 AND r.note = $5
                  ORDER BY r.read_at DESC LIMIT 1) AS e
             FROM meters m JOIN price_plans p ON p.id = m.price_id
             WHERE m.pay_mode = $6 AND m.status = $7 AND m.id > $3 AND m.id <= $4{}
         ) t WHERE s IS NOT NULL AND e IS NOT NULL AND e >= s",
        in_areas(areas)
    );
    let found = sqlx::query(&text)
        .bind(start.0)
        .bind(end.0)
        .bind(from)
        .bind(to)
        .bind(ReadingNote::Counted.code())
        .bind(rows::pay_mode_code(PayMode::Postpaid))
        .bind(MeterStatus::Active.code())
        .fetch_all(&mut **tx)
        .await?;
    found
        .iter()
        .map(|row| {
            Ok(Billable {
                meter: MeterId(rows::int(row, "id")?),
                price: rows::fixed(row, "price")?,
                start: rows::fixed(row, "s")?,
                end: rows::fixed(row, "e")?,
            })
        })
        .collect()
}

/// Writes unpaid bills of `month`, each (meter, month) at most once ever:
/// one already there stays as it is. Returns how many were written.
pub async fn create_once(
    tx: &mut Transaction<'static, Any>,
    month: Month,
    bills: &[(Billable, Money)],
    at: Timestamp,
) -> Result<u64, ServiceError> {
    let mut created = 0;
    for chunk in bills.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "INSERT INTO bills (meter_id, month, start_register, end_register, dosage, fee, status, created_at) VALUES ",
        );
        q.push_rows(chunk.iter().map(|(b, fee)| {
            vec![
                Bind::Int(b.meter.0),
                Bind::from(month.to_string()),
                Bind::Int(b.start.minor()),
                Bind::Int(b.end.minor()),
                Bind::Int(b.end.minor() - b.start.minor()),
                Bind::Int(fee.minor()),
                Bind::Int(BillStatus::Unpaid.code()),
                Bind::Int(at.0),
            ]
        }))
        .push(" ON CONFLICT (meter_id, month) DO NOTHING");
        created += q.query().execute(&mut **tx).await?.rows_affected();
    }
    Ok(created)
}

/// How many active postpaid meters have ids in `(from, to]` (and are in `areas`, when given).
pub async fn postpaid_meters(
    tx: &mut Transaction<'static, Any>,
    (from, to): (i64, i64),
    areas: Option<&[i64]>,
) -> Result<i64, ServiceError> {
    let text = format!(
        "SELECT COUNT(*) FROM meters m WHERE m.pay_mode = $3 AND m.status = $4 AND m.id > $1 AND m.id <= $2{}",
        in_areas(areas)
    );
    let meters: i64 = sqlx::query_scalar(&text)
        .bind(from)
        .bind(to)
        .bind(rows::pay_mode_code(PayMode::Postpaid))
        .bind(MeterStatus::Active.code())
        .fetch_one(&mut **tx)
        .await?;
    Ok(meters)
}

/// Whose a bill is and what it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillOwner {
    pub meter: MeterId,
    pub household: HouseholdId,
    pub fee: Money,
    pub paid: bool,
    pub month: String,
}

pub async fn owner(db: &Db, bill: i64) -> Result<Option<BillOwner>, ServiceError> {
    let row = sqlx::query(
        "SELECT b.meter_id, m.household_id, b.fee, b.status, b.month FROM bills b JOIN meters m ON m.id = b.meter_id WHERE b.id = $1",
    )
    .bind(bill)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok(BillOwner {
            meter: MeterId(rows::int(&row, "meter_id")?),
            household: HouseholdId(rows::int(&row, "household_id")?),
            fee: rows::fixed(&row, "fee")?,
            paid: rows::int(&row, "status")? == BillStatus::Paid.code(),
            month: rows::text(&row, "month")?,
        })
    })
    .transpose()
}

/// Marks an unpaid bill paid at `at`; false when it was paid already.
pub async fn mark_paid<'e, E>(executor: E, bill: i64, at: Timestamp) -> Result<bool, ServiceError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let marked = sqlx::query("UPDATE bills SET status = $3, paid_at = $1 WHERE id = $2 AND status = $4")
        .bind(at.0)
        .bind(bill)
        .bind(BillStatus::Paid.code())
        .bind(BillStatus::Unpaid.code())
        .execute(executor)
        .await?;
    Ok(marked.rows_affected() > 0)
}
