//! Price plans. A plan belongs to an area: the operators of that area (or
//! above) change it, meters in its subtree may use it, operators below see it
//! (the root area's plans are everyone's), and nobody else learns it exists.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{may_change, owning_area, sees};
use crate::backend::store::price_plans as store;
use crate::model::fixed::UnitPrice;
use crate::model::ids::AreaId;
use crate::model::ids::PriceId;
use crate::model::price::{NewPricePlan, PricePatch, PricePlan, Tariff};

use super::required_text;

/// The highest unit price we accept (a typo guard: 100,000 per m³ or kWh).
const MAX_PRICE: i64 = 100_000 * 10_000;

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

/// Names are unique within the owning area (another area's plan of the same
/// name is none of the caller's business).
async fn name_taken(db: &Db, area: AreaId, name: &str, except: Option<PriceId>) -> Result<bool, ServiceError> {
    Ok(store::named(db, area, name).await?.is_some_and(|id| Some(id) != except))
}

pub async fn add_price(db: &Db, caller: &Caller, req: NewPricePlan) -> Result<PriceId, ServiceError> {
    let area = owning_area(db, caller, req.area_id).await?;
    let name = required_text("priceName", &req.name, 100)?;
    check_tariff(&req.tariff)?;
    if name_taken(db, area, &name, None).await? {
        return Err(ServiceError::conflict("priceName", format!("a price plan named {name:?} already exists")));
    }
    let id = store::create(db, area, &name, &req).await?;
    db.caches.prices.clear();
    Ok(id)
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
    store::update(db, &plan).await?;
    db.caches.prices.clear();
    Ok(plan.id)
}

/// The plans the caller may see (`readAllPrices`): their areas' and those above.
pub async fn list_prices(db: &Db, caller: &Caller) -> Result<Vec<PricePlan>, ServiceError> {
    let admin = caller.admin()?;
    Ok(all_plans(db).await?.iter().filter(|(_, path)| sees(admin, path)).map(|(plan, _)| plan.clone()).collect())
}

/// Every plan with its owning area's path, kept for a few seconds (see `cache`).
pub(crate) async fn all_plans(db: &Db) -> Result<std::sync::Arc<Vec<(PricePlan, String)>>, ServiceError> {
    if let Some(all) = db.caches.prices.get(&()) {
        return Ok(all);
    }
    let all = std::sync::Arc::new(store::all(db).await?);
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
    store::get_with_path(db, id).await
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
    store::get_with(executor, id).await
}
