//! Price plans: their rows, with the tariff kind and bands in columns.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::fixed::UnitPrice;
use crate::model::ids::{AreaId, PriceId};
use crate::model::price::{NewPricePlan, Periods, PricePlan, Tariff};
use sqlx::any::AnyRow;

const SELECT: &str = "SELECT p.id, p.area_id, a.path, p.name, p.energy_type, p.tariff, p.flat_price, p.peak_price,
    p.valley_price, p.tip_price, p.periods, p.created_at FROM price_plans p JOIN areas a ON a.id = p.area_id";

/// The stored names of the tariff kinds.
const FLAT: &str = "flat";
const TIME_OF_USE: &str = "tou";

fn plan_from(row: &AnyRow) -> Result<PricePlan, ServiceError> {
    let flat: UnitPrice = rows::fixed(row, "flat_price")?;
    let tariff = match rows::text(row, "tariff")?.as_str() {
        FLAT => Tariff::Flat(flat),
        TIME_OF_USE => {
            let band = |col: &str| -> Result<UnitPrice, ServiceError> {
                rows::opt_int(row, col)?
                    .map(UnitPrice::from_minor)
                    .ok_or_else(|| ServiceError::Internal(format!("time-of-use plan without {col}")))
            };
            let periods = Periods::parse(&rows::text(row, "periods")?)
                .map_err(|e| ServiceError::Internal(format!("stored periods: {e}")))?;
            Tariff::TimeOfUse {
                flat,
                peak: band("peak_price")?,
                valley: band("valley_price")?,
                tip: band("tip_price")?,
                periods,
            }
        }
        other => return Err(ServiceError::Internal(format!("unknown tariff kind {other:?}"))),
    };
    Ok(PricePlan {
        id: PriceId(rows::int(row, "id")?),
        area_id: AreaId(rows::int(row, "area_id")?),
        name: rows::text(row, "name")?,
        energy_type: rows::energy(row, "energy_type")?,
        tariff,
        created_at: rows::time(row, "created_at")?,
    })
}

/// Column values of a tariff: kind, flat, peak, valley, tip, periods.
fn tariff_columns(t: &Tariff) -> (&'static str, i64, Option<i64>, Option<i64>, Option<i64>, String) {
    match t {
        Tariff::Flat(p) => (FLAT, p.minor(), None, None, None, String::new()),
        Tariff::TimeOfUse { flat, peak, valley, tip, periods } => (
            TIME_OF_USE,
            flat.minor(),
            Some(peak.minor()),
            Some(valley.minor()),
            Some(tip.minor()),
            periods.to_string(),
        ),
    }
}

/// The plan of `area` named `name`, if there is one.
pub async fn named(db: &Db, area: AreaId, name: &str) -> Result<Option<PriceId>, ServiceError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM price_plans WHERE area_id = $1 AND name = $2")
        .bind(area.0)
        .bind(name.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.map(PriceId))
}

/// Stores a new plan of `area`; a concurrent plan of the same name is a
/// conflict on `priceName`.
pub async fn create(db: &Db, area: AreaId, name: &str, req: &NewPricePlan) -> Result<PriceId, ServiceError> {
    let (kind, flat, peak, valley, tip, periods) = tariff_columns(&req.tariff);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO price_plans (area_id, name, energy_type, tariff, flat_price, peak_price, valley_price, tip_price, periods, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(area.0)
    .bind(name.to_owned())
    .bind(req.energy_type.code())
    .bind(kind)
    .bind(flat)
    .bind(peak)
    .bind(valley)
    .bind(tip)
    .bind(periods)
    .bind(now().0)
    .fetch_one(&db.pool)
    .await
    .map_err(ServiceError::unique_as("priceName", "a price plan with this name already exists"))?;
    db.changed();
    Ok(PriceId(id))
}

/// Writes a plan's name and tariff.
pub async fn update(db: &Db, plan: &PricePlan) -> Result<(), ServiceError> {
    let (kind, flat, peak, valley, tip, periods) = tariff_columns(&plan.tariff);
    sqlx::query(
        "UPDATE price_plans SET name = $1, tariff = $2, flat_price = $3, peak_price = $4, valley_price = $5, tip_price = $6, periods = $7
         WHERE id = $8",
    )
    .bind(plan.name.clone())
    .bind(kind)
    .bind(flat)
    .bind(peak)
    .bind(valley)
    .bind(tip)
    .bind(periods)
    .bind(plan.id.0)
    .execute(&db.pool)
    .await
    .map_err(ServiceError::unique_as("priceName", "a price plan with this name already exists"))?;
    db.changed();
    Ok(())
}

/// Every plan with its owning area's path, by id.
pub async fn all(db: &Db) -> Result<Vec<(PricePlan, String)>, ServiceError> {
    let found = sqlx::query(&format!("{SELECT} ORDER BY p.id")).fetch_all(&db.pool).await?;
    found.iter().map(|row| Ok((plan_from(row)?, rows::text(row, "path")?))).collect()
}

/// A plan and its owning area's path.
pub async fn get_with_path(db: &Db, id: PriceId) -> Result<Option<(PricePlan, String)>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE p.id = $1")).bind(id.0).fetch_optional(&db.pool).await?;
    row.map(|row| Ok((plan_from(&row)?, rows::text(&row, "path")?))).transpose()
}

/// A plan, on a given connection or transaction: a write transaction must
/// not wait for a second pool connection while it holds SQLite's write lock.
pub async fn get_with<'e, E>(executor: E, id: PriceId) -> Result<Option<PricePlan>, ServiceError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(&format!("{SELECT} WHERE p.id = $1")).bind(id.0).fetch_optional(executor).await?;
    row.as_ref().map(plan_from).transpose()
}
