//! Meter archives: add, modify, list, detail.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::ledger::MAX_BALANCE;
use crate::backend::rows;
use crate::backend::scope::{require_area, require_household, require_meter};
use crate::backend::sql::Sql;
use crate::model::auth::EquipmentModel;
use crate::model::fixed::{Money, Register};
use crate::model::household::NewHousehold;
use crate::model::ids::{AreaId, DevEui, EquipmentModelId, HouseholdId, Imei, MeterId, PriceId};
use crate::model::meter::{AddedMeter, ArchiveFilter, MeterArchive, MeterRef, MeterStatus, MeterUpdate, NewMeter};
use crate::model::paging::Page;
use crate::model::price::PricePlan;
use crate::model::{EnergyType, PayMode};
use sqlx::any::AnyRow;

use super::households::{HouseholdFields, adjust_balance_to, insert_household};
use super::{equipment_models, optional_text, prices, required_text};

pub(crate) const ARCHIVE_SELECT: &str = "SELECT m.id, m.dev_eui, m.imei, m.serialnumber, m.customer_name, m.customer_phone,
    m.customer_address, m.customer_certificate, m.household_id, h.serialnumber AS household_serialnumber, m.area_id,
    a.name AS area_name, m.current_reading, m.valve_state, m.energy_type, h.balance, m.overdraft_money, m.normal_day_dosage,
    m.equipment_model_id, e.equipment_type, m.price_id, m.pay_mode, m.meter_type, m.status, m.last_read_at
    FROM meters m JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = m.area_id
    JOIN equipment_models e ON e.id = m.equipment_model_id";

/// Columns a meter search looks in.
pub(crate) const METER_SEARCH: [&str; 6] =
    ["m.customer_name", "m.customer_phone", "m.serialnumber", "m.dev_eui", "m.imei", "h.serialnumber"];

pub(crate) fn archive_from(row: &AnyRow) -> Result<MeterArchive, ServiceError> {
    let bad = |what: &str, e: String| ServiceError::Internal(format!("stored {what}: {e}"));
    Ok(MeterArchive {
        id: MeterId(rows::int(row, "id")?),
        dev_eui: rows::opt_text(row, "dev_eui")?
            .map(|s| DevEui::parse(&s))
            .transpose()
            .map_err(|e| bad("dev_eui", e))?,
        imei: rows::opt_text(row, "imei")?.map(|s| Imei::parse(&s)).transpose().map_err(|e| bad("imei", e))?,
        serialnumber: rows::text(row, "serialnumber")?,
        customer_name: rows::text(row, "customer_name")?,
        customer_phone: rows::text(row, "customer_phone")?,
        customer_address: rows::text(row, "customer_address")?,
        customer_certificate_number: rows::text(row, "customer_certificate")?,
        household_id: HouseholdId(rows::int(row, "household_id")?),
        household_serialnumber: rows::text(row, "household_serialnumber")?,
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        reading: rows::fixed(row, "current_reading")?,
        valve_state: rows::valve(row, "valve_state")?,
        energy_type: rows::energy(row, "energy_type")?,
        balance: rows::fixed(row, "balance")?,
        overdraft_money: rows::fixed(row, "overdraft_money")?,
        normal_day_dosage: rows::fixed(row, "normal_day_dosage")?,
        equipment_model_id: EquipmentModelId(rows::int(row, "equipment_model_id")?),
        equipment_type: rows::text(row, "equipment_type")?,
        price_id: PriceId(rows::int(row, "price_id")?),
        pay_mode: rows::pay_mode(row, "pay_mode")?,
        meter_type: rows::int(row, "meter_type")?,
        status: match rows::text(row, "status")?.as_str() {
            "removed" => MeterStatus::Removed,
            _ => MeterStatus::Active,
        },
        last_read_at: rows::opt_time(row, "last_read_at")?,
    })
}

fn check_register(field: &str, r: Register) -> Result<(), ServiceError> {
    if r.is_negative() {
        return Err(ServiceError::invalid(field, "must not be negative"));
    }
    // u32 registers in thousandths top out near 4.3 million units; allow far more.
    if r.minor() > 1_000_000_000 * 10_000 {
        return Err(ServiceError::invalid(field, "is implausibly large"));
    }
    Ok(())
}

fn check_money(field: &str, m: Money) -> Result<(), ServiceError> {
    if m.minor().abs() > MAX_BALANCE.minor() {
        return Err(ServiceError::invalid(field, format!("must be between -{MAX_BALANCE} and {MAX_BALANCE}")));
    }
    Ok(())
}

fn pay_mode_for(meter_type: i64) -> Result<PayMode, ServiceError> {
    PayMode::from_meter_type(meter_type).ok_or_else(|| {
        ServiceError::invalid("meterType", format!("must be 0 or 2 (postpaid) or 1 or 3 (prepaid), got {meter_type}"))
    })
}

/// The model given, checked against the plan's energy type; or the first model
/// of that energy type for the meter's radio (LoRaWAN for a DevEUI, NB-IoT for an IMEI).
async fn equipment_model(
    db: &Db,
    given: Option<EquipmentModelId>,
    energy: EnergyType,
    lorawan: bool,
) -> Result<EquipmentModel, ServiceError> {
    if let Some(id) = given {
        let model = equipment_models::get_model(db, id)
            .await?
            .ok_or_else(|| ServiceError::invalid("equipmentModelId", format!("device model {id} does not exist")))?;
        if model.energy_type != energy {
            return Err(ServiceError::invalid(
                "equipmentModelId",
                format!(
                    "device model {id} measures {} but the price plan is for {}",
                    model.energy_type.code(),
                    energy.code()
                ),
            ));
        }
        return Ok(model);
    }
    let all = equipment_models::list_models(db).await?;
    let radio = if lorawan { "LORAWAN" } else { "NBIOT" };
    all.iter()
        .find(|m| m.energy_type == energy && m.equipment_type == radio)
        .or_else(|| all.iter().find(|m| m.energy_type == energy))
        .cloned()
        .ok_or_else(|| {
            ServiceError::invalid("equipmentModelId", format!("no device model for {}: give one", energy.code()))
        })
}

async fn identifier_taken(db: &Db, column: &str, value: &str) -> Result<bool, ServiceError> {
    let found: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM meters WHERE {column} = $1"))
        .bind(value.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Adds a meter, and a household for it unless one is named; the new
/// household's welcome (number and first password) is in the answer.
pub async fn add_meter(db: &Db, caller: &Caller, req: NewMeter) -> Result<AddedMeter, ServiceError> {
    let scope = require_area(db, caller, req.area_id).await?;
    if req.dev_eui.is_none() && req.imei.is_none() {
        return Err(ServiceError::invalid("devEui", "a DevEUI or an IMEI (nbonetNetImei) is required"));
    }
    let customer_name = required_text("customerName", &req.customer_name, 100)?;
    let customer_phone = optional_text("customerPhone", &req.customer_phone, 40)?;
    let customer_address = optional_text("customerAddress", &req.customer_address, 200)?;
    let certificate = optional_text("customerCertificateNumber", &req.customer_certificate_number, 60)?;
    check_register("reading", req.reading)?;
    check_register("normalDayDosage", req.normal_day_dosage)?;
    check_money("overdraftMoney", req.overdraft_money)?;
    check_money("customerFee", req.customer_fee)?;
    let pay_mode = pay_mode_for(req.meter_type)?;
    let plan = prices::plan_for_meter(db, "priceId", req.price_id, &scope.path).await?;
    let model = equipment_model(db, req.equipment_model_id, plan.energy_type, req.dev_eui.is_some()).await?;
    if let Some(eui) = &req.dev_eui
        && identifier_taken(db, "dev_eui", eui.as_str()).await?
    {
        return Err(ServiceError::conflict("devEui", format!("a meter with DevEUI {eui} already exists")));
    }
    if let Some(imei) = &req.imei
        && identifier_taken(db, "imei", imei.as_str()).await?
    {
        return Err(ServiceError::conflict(
            "nbonetNetImei",
            format!("a meter with IMEI {} already exists", imei.as_str()),
        ));
    }
    let serialnumber = match req.serialnumber.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => optional_text("serialnumber", s, 60)?,
        None => req
            .dev_eui
            .as_ref()
            .map(|e| e.to_string())
            .or(req.imei.as_ref().map(|i| i.as_str().to_owned()))
            .unwrap_or_default(),
    };
    let new_household = match req.household_id {
        Some(h) => {
            // The household's balance pays for the meter: it must be of the
            // meter's area or one above it, and one the caller manages.
            let path = require_household(db, caller, h).await?;
            if !scope.path.starts_with(&path) {
                return Err(ServiceError::invalid(
                    "householdId",
                    "the household must belong to the meter's area or an area above it",
                ));
            }
            if req.customer_fee != Money::ZERO {
                return Err(ServiceError::invalid(
                    "customerFee",
                    "the household already has a balance: top it up instead",
                ));
            }
            None
        }
        None => Some(
            HouseholdFields::from_request(&NewHousehold {
                area_id: req.area_id,
                name: customer_name.clone(),
                address: customer_address.clone(),
                phone: customer_phone.clone(),
                password: None,
                warn_money: Money::ZERO,
                fee: req.customer_fee,
            })
            .await?,
        ),
    };
    let actor = caller.actor();
    let mut tx = db.begin().await?;
    let (household, welcome) = match (req.household_id, new_household) {
        (Some(h), _) => (h, None),
        (None, Some(fields)) => {
            let added = insert_household(&mut tx, &fields, &actor).await?;
            (added.id, added.welcome)
        }
        (None, None) => return Err(ServiceError::Internal("no household for the new meter".into())),
    };
    // Keys registered for this DevEUI before it had a meter were not
    // registered by the meter's operators (see lorawan_devices).
    if let Some(eui) = &req.dev_eui {
        super::lorawan_devices::forget(&mut tx, &[eui]).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meters (dev_eui, imei, serialnumber, area_id, household_id, price_id, equipment_model_id, energy_type,
            pay_mode, meter_type, customer_name, customer_phone, customer_address, customer_certificate, current_reading,
            overdraft_money, normal_day_dosage, valve_state, status, created_at, charged_register)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'active', $19, $15) RETURNING id",
    )
    .bind(req.dev_eui.as_ref().map(|e| e.to_string()))
    .bind(req.imei.as_ref().map(|i| i.as_str().to_owned()))
    .bind(serialnumber)
    .bind(req.area_id.0)
    .bind(household.0)
    .bind(plan.id.0)
    .bind(model.id.0)
    .bind(plan.energy_type.code())
    .bind(rows::pay_mode_code(pay_mode))
    .bind(req.meter_type)
    .bind(customer_name)
    .bind(customer_phone)
    .bind(customer_address)
    .bind(certificate)
    .bind(req.reading.minor())
    .bind(req.overdraft_money.minor())
    .bind(req.normal_day_dosage.minor())
    .bind(req.valve_state.code())
    .bind(now().0)
    .fetch_one(&mut *tx)
    .await
    .map_err(ServiceError::unique_as("devEui", "a meter with this DevEUI or IMEI already exists"))?;
    db.commit(tx).await?;
    db.caches.counts.clear();
    Ok(AddedMeter { id: MeterId(id), welcome })
}

pub async fn modify_meter(
    db: &Db,
    settings: &crate::backend::state::Settings,
    caller: &Caller,
    req: MeterUpdate,
) -> Result<MeterId, ServiceError> {
    caller.admin()?;
    let access = require_meter(db, caller, &req.meter).await?;
    let current = get_archive(db, caller, &MeterRef::Id(access.id)).await?.0;
    let p = &req.patch;
    let mut q = Sql::new("UPDATE meters SET id = id");
    if let Some(v) = &p.customer_name {
        q.push(", customer_name = ").bind(required_text("customerName", v, 100)?);
    }
    if let Some(v) = &p.customer_phone {
        q.push(", customer_phone = ").bind(optional_text("customerPhone", v, 40)?);
    }
    if let Some(v) = &p.customer_address {
        q.push(", customer_address = ").bind(optional_text("customerAddress", v, 200)?);
    }
    if let Some(v) = &p.customer_certificate_number {
        q.push(", customer_certificate = ").bind(optional_text("customerCertificateNumber", v, 60)?);
    }
    if let Some(id) = p.price_id {
        let plan = prices::plan_for_meter(db, "priceId", id, &access.area_path).await?;
        if plan.energy_type != current.energy_type {
            return Err(ServiceError::invalid(
                "priceId",
                format!(
                    "price plan {id} is for {} but the meter measures {}",
                    plan.energy_type.code(),
                    current.energy_type.code()
                ),
            ));
        }
        q.push(", price_id = ").bind(id.0);
    }
    if let Some(r) = p.reading {
        check_register("reading", r)?;
        // A corrected register is also the new charging baseline.
        q.push(", current_reading = ")
            .bind(r.minor())
            .push(", charge_remainder = 0, charged_register = ")
            .bind(r.minor());
    }
    if let Some(m) = p.overdraft_money {
        check_money("overdraftMoney", m)?;
        q.push(", overdraft_money = ").bind(m.minor());
    }
    if let Some(r) = p.normal_day_dosage {
        check_register("normalDayDosage", r)?;
        q.push(", normal_day_dosage = ").bind(r.minor());
    }
    if let Some(v) = p.valve_state {
        q.push(", valve_state = ").bind(v.code());
    }
    if let Some(t) = p.meter_type {
        let mode = pay_mode_for(t)?;
        q.push(", meter_type = ").bind(t).push(", pay_mode = ").bind(rows::pay_mode_code(mode));
    }
    if let Some(fee) = p.customer_fee {
        check_money("customerFee", fee)?;
        // A balance can be shared by meters of several areas: only the
        // operators of the household's own area set it.
        require_household(db, caller, access.household_id).await.map_err(|_| {
            ServiceError::Forbidden(
                "customerFee: the balance belongs to a household of an area you do not manage".into(),
            )
        })?;
    }
    q.push(" WHERE id = ").bind(access.id.0);
    let mut tx = db.begin().await?;
    q.query().execute(&mut *tx).await?;
    if let Some(fee) = p.customer_fee {
        adjust_balance_to(
            &mut tx,
            access.household_id,
            fee,
            "customerFee",
            "balance set by operator (modifyMeter)",
            &caller.actor(),
        )
        .await?;
    }
    // A new balance, threshold or pay mode may cross the valve rule either way.
    super::valve_switching::apply_balance_rule(&mut tx, access.household_id, settings).await?;
    db.commit(tx).await?;
    Ok(access.id)
}

pub async fn list_archives(db: &Db, caller: &Caller, f: ArchiveFilter) -> Result<Page<MeterArchive>, ServiceError> {
    let scope = require_area(db, caller, f.area_id).await?;
    let filter = |q: &mut Sql| {
        q.push(" WHERE m.status = ").bind(f.status.code());
        q.push(" AND m.area_id IN (SELECT id FROM areas WHERE path LIKE ").bind(scope.subtree_pattern()).push(")");
        if let Some(e) = f.energy_type {
            q.push(" AND m.energy_type = ").bind(e.code());
        }
        if let Some(model) = f.equipment_model_id {
            q.push(" AND m.equipment_model_id = ").bind(model.0);
        }
        if let Some(term) = f.search.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&METER_SEARCH, term);
        }
    };
    // The households join is only needed to search their numbers.
    let searching = f.search.as_deref().is_some_and(|t| !t.trim().is_empty());
    let mut count = Sql::new(if searching {
        "SELECT COUNT(*) FROM meters m JOIN households h ON h.id = m.household_id"
    } else {
        "SELECT COUNT(*) FROM meters m"
    });
    filter(&mut count);
    // Clients page through a list by asking page after page: counting 100,000
    // rows for each would dominate; a count a few seconds old is good enough.
    let key = count.cache_key();
    let total = match db.caches.counts.get(&key) {
        Some(n) => n,
        None => {
            let n = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
            db.caches.counts.put(key, n);
            n
        }
    };
    // The page's ids first, from the meters alone: a deep page skips
    // thousands of rows, and skipped rows should not pay for the joins.
    let mut q = Sql::new(ARCHIVE_SELECT);
    q.push(" WHERE m.id IN (SELECT m.id FROM meters m");
    if searching {
        q.push(" JOIN households h ON h.id = m.household_id");
    }
    filter(&mut q);
    q.push(" ORDER BY m.id LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    q.push(") ORDER BY m.id");
    let rows = q.query().fetch_all(&db.pool).await?;
    Ok(Page {
        rows: rows.iter().map(archive_from).collect::<Result<_, _>>()?,
        number: f.page.number(),
        size: f.page.size(),
        total_rows: total,
    })
}

/// One meter with its price plan.
pub async fn get_archive(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
) -> Result<(MeterArchive, PricePlan), ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let row = sqlx::query(&format!("{ARCHIVE_SELECT} WHERE m.id = $1")).bind(access.id.0).fetch_one(&db.pool).await?;
    let archive = archive_from(&row)?;
    let plan = prices::get_price(db, archive.price_id)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("meter {} has no price plan", archive.id)))?;
    Ok((archive, plan))
}

/// The meters of a household (the household portal's dashboard).
pub async fn household_meters(
    db: &Db,
    caller: &Caller,
    household: HouseholdId,
) -> Result<Vec<MeterArchive>, ServiceError> {
    require_household(db, caller, household).await?;
    let rows =
        sqlx::query(&format!("{ARCHIVE_SELECT} WHERE m.household_id = $1 AND m.status = 'active' ORDER BY m.id"))
            .bind(household.0)
            .fetch_all(&db.pool)
            .await?;
    rows.iter().map(archive_from).collect()
}

/// The energy type of a meter known to exist.
pub(crate) async fn energy_of(db: &Db, id: MeterId) -> Result<EnergyType, ServiceError> {
    let row = sqlx::query("SELECT energy_type FROM meters WHERE id = $1").bind(id.0).fetch_one(&db.pool).await?;
    rows::energy(&row, "energy_type")
}
