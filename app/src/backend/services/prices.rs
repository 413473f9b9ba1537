//! Price plans. A plan belongs to an area: the operators of that area (or
//! above) change it, meters in its subtree may use it, operators below see it
//! (the root area's plans are everyone's), and nobody else learns it exists.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::{may_change, owning_area, sees};
use crate::model::fixed::UnitPrice;
use crate::model::ids::AreaId;
use crate::model::ids::PriceId;
use crate::model::price::{NewPricePlan, Periods, PricePatch, PricePlan, Tariff};
use sqlx::any::AnyRow;

use super::required_text;

const SELECT: &str = "SELECT p.id, p.area_id, a.path, p.name, p.energy_type, p.tariff, p.flat_price, p.peak_price,
    p.valley_price, p.tip_price, p.periods, p.created_at FROM price_plans p JOIN areas a ON a.id = p.area_id";

/// The highest unit price we accept (a typo guard: 100,000 per m³ or kWh).
const MAX_PRICE: i64 = 100_000 * 10_000;

fn plan_from(row: &AnyRow) -> Result<PricePlan, ServiceError> {
    let flat: UnitPrice = rows::fixed(row, "flat_price")?;
    let tariff = match rows::text(row, "tariff")?.as_str() {
        "flat" => Tariff::Flat(flat),
        "tou" => {
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

fn check_tariff(tariff: &Tariff) -> Result<(), ServiceError> {
    let check = |field: &str, p: UnitPrice| {
        if p.is_negative() {
            Err(ServiceError::invalid(field, "must not be negative"))
        } else if p.minor() > MAX_PRICE {
            Err(ServiceError::invalid(field, "is implausibly high (over 100000 per unit)"))
        } else {
            Ok(())
        }
    };
    match tariff {
        Tariff::Flat(p) => check("price", *p),
        Tariff::TimeOfUse { flat, peak, valley, tip, .. } => {
            check("flatPrice", *flat)?;
            check("peakPrice", *peak)?;
            check("valleyPrice", *valley)?;
            check("tipPrice", *tip)
        }
    }
}

/// Column values of a tariff: kind, flat, peak, valley, tip, periods.
fn tariff_columns(t: &Tariff) -> (&'static str, i64, Option<i64>, Option<i64>, Option<i64>, String) {
    match t {
        Tariff::Flat(p) => ("flat", p.minor(), None, None, None, String::new()),
        Tariff::TimeOfUse { flat, peak, valley, tip, periods } => {
            ("tou", flat.minor(), Some(peak.minor()), Some(valley.minor()), Some(tip.minor()), periods.to_string())
        }
    }
}

/// Names are unique within the owning area (another area's plan of the same
/// name is none of the caller's business).
async fn name_taken(db: &Db, area: AreaId, name: &str, except: Option<PriceId>) -> Result<bool, ServiceError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM price_plans WHERE area_id = $1 AND name = $2")
        .bind(area.0)
        .bind(name.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some_and(|id| Some(PriceId(id)) != except))
}

pub async fn add_price(db: &Db, caller: &Caller, req: NewPricePlan) -> Result<PriceId, ServiceError> {
    let area = owning_area(db, caller, req.area_id).await?;
    let name = required_text("priceName", &req.name, 100)?;
    check_tariff(&req.tariff)?;
    if name_taken(db, area, &name, None).await? {
        return Err(ServiceError::conflict("priceName", format!("a price plan named {name:?} already exists")));
    }
    let (kind, flat, peak, valley, tip, periods) = tariff_columns(&req.tariff);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO price_plans (area_id, name, energy_type, tariff, flat_price, peak_price, valley_price, tip_price, periods, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(area.0)
    .bind(name)
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
    db.caches.prices.clear();
    Ok(PriceId(id))
}

pub async fn modify_price(db: &Db, caller: &Caller, req: PricePatch) -> Result<PriceId, ServiceError> {
    let admin = caller.admin()?;
    let (mut plan, path) =
        find(db, req.id).await?.ok_or_else(|| ServiceError::not_found(format!("price plan {} not found", req.id)))?;
    may_change(admin, &path, &format!("price plan {}", req.id))?;
    if let Some(name) = &req.name {
        let name = required_text("priceName", name, 100)?;
        if name_taken(db, plan.area_id, &name, Some(plan.id)).await? {
            return Err(ServiceError::conflict("priceName", format!("a price plan named {name:?} already exists")));
        }
        plan.name = name;
    }
    plan.tariff = req
        .apply(&plan.tariff)
        .map_err(|missing| ServiceError::invalid(missing, "is required to make a flat plan time-of-use"))?;
    check_tariff(&plan.tariff)?;
    let (kind, flat, peak, valley, tip, periods) = tariff_columns(&plan.tariff);
    sqlx::query(
        "UPDATE price_plans SET name = $1, tariff = $2, flat_price = $3, peak_price = $4, valley_price = $5, tip_price = $6, periods = $7
         WHERE id = $8",
    )
    .bind(plan.name)
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
    db.caches.prices.clear();
    Ok(plan.id)
}

/// The plans the caller may see (`readAllPrices`): their areas' and those above.
pub async fn list_prices(db: &Db, caller: &Caller) -> Result<Vec<PricePlan>, ServiceError> {
    let admin = caller.admin()?;
    Ok(all_plans(db).await?.iter().filter(|(_, path)| sees(admin, path)).map(|(plan, _)| plan.clone()).collect())
}

/// Every plan with its owning area's path, kept for a few seconds (see `cache`).
async fn all_plans(db: &Db) -> Result<std::sync::Arc<Vec<(PricePlan, String)>>, ServiceError> {
    if let Some(all) = db.caches.prices.get(&()) {
        return Ok(all);
    }
    let rows = sqlx::query(&format!("{SELECT} ORDER BY p.id")).fetch_all(&db.pool).await?;
    let all = std::sync::Arc::new(
        rows.iter()
            .map(|row| Ok((plan_from(row)?, rows::text(row, "path")?)))
            .collect::<Result<Vec<_>, ServiceError>>()?,
    );
    db.caches.prices.put((), all.clone());
    Ok(all)
}

/// A plan to read (the kept list when there is one; a plan is written a few
/// times a year and this process drops the list on its own writes).
pub async fn read_price(db: &Db, id: PriceId) -> Result<Option<PricePlan>, ServiceError> {
    if let Some((plan, _)) = all_plans(db).await?.iter().find(|(plan, _)| plan.id == id) {
        return Ok(Some(plan.clone()));
    }
    // A list loaded just before a new plan's commit may miss it: ask.
    get_price_with(&db.pool, id).await
}

/// A plan and its owning area's path, whoever may see it.
async fn find(db: &Db, id: PriceId) -> Result<Option<(PricePlan, String)>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE p.id = $1")).bind(id.0).fetch_optional(&db.pool).await?;
    row.map(|row| Ok((plan_from(&row)?, rows::text(&row, "path")?))).transpose()
}

/// The plan a meter of the area at `meter_area_path` may be given: one of
/// that area or an area above it. Any other is "does not exist" (`field`
/// names the request's key), whoever owns it.
pub async fn plan_for_meter(
    db: &Db,
    field: &'static str,
    id: PriceId,
    meter_area_path: &str,
) -> Result<PricePlan, ServiceError> {
    find(db, id)
        .await?
        .filter(|(_, path)| meter_area_path.starts_with(path.as_str()))
        .map(|(plan, _)| plan)
        .ok_or_else(|| ServiceError::invalid(field, format!("price plan {id} does not exist in the meter's area")))
}

/// `get_price` on a given connection or transaction: a write transaction must
/// not wait for a second pool connection while it holds SQLite's write lock.
pub(crate) async fn get_price_with<'e, E>(executor: E, id: PriceId) -> Result<Option<PricePlan>, ServiceError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(&format!("{SELECT} WHERE p.id = $1")).bind(id.0).fetch_optional(executor).await?;
    row.as_ref().map(plan_from).transpose()
}
