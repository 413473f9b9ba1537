//! Bills: pages of monthly bills, by area subtree or by meter.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::bill::{Bill, BillFilter};
use crate::model::ids::{AreaId, MeterId};
use crate::model::time::Month;
use sqlx::any::AnyRow;

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
        paid: rows::int(row, "status")? == crate::model::bill::BillStatus::Paid.code(),
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
