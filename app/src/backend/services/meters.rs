//! Meter archives: add, modify, list, detail.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{METER_NOT_FOUND, may_see_meter, require_area, require_household, require_meter};
use crate::backend::services::readings::LatestReading;
use crate::backend::store;
use crate::backend::store::ledger::MAX_BALANCE;
use crate::model::auth::EquipmentModel;
use crate::model::fixed::{Money, Register};
use crate::model::household::NewHousehold;
use crate::model::ids::{EquipmentModelId, HouseholdId, MeterId};
use crate::model::meter::{AddedMeter, ArchiveFilter, MeterArchive, MeterRef, MeterUpdate, NewMeter};
use crate::model::paging::Page;
use crate::model::price::PricePlan;
use crate::model::{EnergyType, PayMode};

use super::households::{HouseholdFields, adjust_balance_to, insert_household};
use super::{equipment_models, optional_text, prices, required_text};

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
    equipment_models::default_model(&all, energy, lorawan).cloned().ok_or_else(|| {
        ServiceError::invalid("equipmentModelId", format!("no device model for {}: give one", energy.code()))
    })
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
        && store::meters::identifier_taken(db, &MeterRef::DevEui(eui.clone())).await?
    {
        return Err(ServiceError::conflict("devEui", format!("a meter with DevEUI {eui} already exists")));
    }
    if let Some(imei) = &req.imei
        && store::meters::identifier_taken(db, &MeterRef::Imei(imei.clone())).await?
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
    let row = store::meters::NewMeterRow {
        dev_eui: req.dev_eui.as_ref(),
        imei: req.imei.as_ref(),
        serialnumber: &serialnumber,
        area: req.area_id,
        household,
        price: plan.id,
        equipment_model: model.id,
        energy_type: plan.energy_type,
        pay_mode,
        meter_type: req.meter_type,
        customer_name: &customer_name,
        customer_phone: &customer_phone,
        customer_address: &customer_address,
        customer_certificate: &certificate,
        reading: req.reading,
        overdraft_money: req.overdraft_money,
        normal_day_dosage: req.normal_day_dosage,
        valve_state: req.valve_state,
        at: now(),
    };
    let id = store::meters::create(&mut tx, row).await?;
    db.commit(tx).await?;
    Ok(AddedMeter { id, welcome })
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
    let mut change = store::meters::MeterChange {
        customer_name: p.customer_name.as_deref().map(|v| required_text("customerName", v, 100)).transpose()?,
        customer_phone: p.customer_phone.as_deref().map(|v| optional_text("customerPhone", v, 40)).transpose()?,
        customer_address: p
            .customer_address
            .as_deref()
            .map(|v| optional_text("customerAddress", v, 200))
            .transpose()?,
        customer_certificate: p
            .customer_certificate_number
            .as_deref()
            .map(|v| optional_text("customerCertificateNumber", v, 60))
            .transpose()?,
        ..Default::default()
    };
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
        change.price = Some(id);
    }
    if let Some(r) = p.reading {
        check_register("reading", r)?;
        change.reading = Some(r);
    }
    if let Some(m) = p.overdraft_money {
        check_money("overdraftMoney", m)?;
        change.overdraft_money = Some(m);
    }
    if let Some(r) = p.normal_day_dosage {
        check_register("normalDayDosage", r)?;
        change.normal_day_dosage = Some(r);
    }
    change.valve_state = p.valve_state;
    if let Some(t) = p.meter_type {
        change.meter_type = Some((t, pay_mode_for(t)?));
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
    let mut tx = db.begin().await?;
    store::meters::update(&mut tx, access.id, change).await?;
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
    let filter = store::meters::ListFilter {
        subtree: scope.subtree_pattern(),
        status: f.status,
        energy_type: f.energy_type,
        equipment_model_id: f.equipment_model_id,
        search: f.search,
    };
    let (rows, total_rows) = store::meters::page(db, &filter, f.page).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows })
}

/// Whether the caller may see a meter found in the store.
fn sees(caller: &Caller, found: &store::meters::Found) -> bool {
    may_see_meter(caller, found.archive.household_id, &found.area_path)
}

/// One meter the caller may see; any other is not found.
async fn visible(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<MeterArchive, ServiceError> {
    store::meters::get(db, meter)
        .await?
        .filter(|found| sees(caller, found))
        .map(|found| found.archive)
        .ok_or_else(|| ServiceError::not_found(METER_NOT_FOUND))
}

/// The price plan of a meter known to exist.
async fn plan_of(db: &Db, archive: &MeterArchive) -> Result<PricePlan, ServiceError> {
    prices::read_price(db, archive.price_id)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("meter {} has no price plan", archive.id)))
}

/// One meter with its price plan.
pub async fn get_archive(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
) -> Result<(MeterArchive, PricePlan), ServiceError> {
    let archive = visible(db, caller, meter).await?;
    let plan = plan_of(db, &archive).await?;
    Ok((archive, plan))
}

/// A meter as it is now: what polling clients read (`queryRealTimeData`).
#[derive(Debug, Clone)]
pub struct LiveMeter {
    pub archive: MeterArchive,
    pub plan: PricePlan,
    pub latest: Option<LatestReading>,
    /// Consumption today and this month, as `consumption::usage` counts it.
    pub today: Register,
    pub this_month: Register,
}

/// The meter named, its newest reading and its consumption today and this
/// month, all read at once.
pub async fn live(db: &Db, caller: &Caller, meter: &MeterRef) -> Result<LiveMeter, ServiceError> {
    let at = now();
    // Today and this month on the meter's clock.
    let zone = super::zones::of_meter(db, caller, meter).await?;
    let day = zone.day_bounds(zone.date_of(at));
    let month = zone.month_bounds(zone.month_of(at));
    let found = store::live::get(db, meter, &[day, month])
        .await?
        .filter(|live| sees(caller, &live.found))
        .ok_or_else(|| ServiceError::not_found(METER_NOT_FOUND))?;
    let id = found.found.archive.id;
    let usage = |i: usize, (start, end)| found.periods.get(i).copied().unwrap_or_default().usage(id, start, end);
    let (today, this_month) = (usage(0, day).consumption, usage(1, month).consumption);
    let plan = plan_of(db, &found.found.archive).await?;
    Ok(LiveMeter { archive: found.found.archive, plan, latest: found.latest, today, this_month })
}

/// The meters of a household (the household portal's dashboard).
pub async fn household_meters(
    db: &Db,
    caller: &Caller,
    household: HouseholdId,
) -> Result<Vec<MeterArchive>, ServiceError> {
    require_household(db, caller, household).await?;
    store::meters::of_household(db, household).await
}

/// The energy type of a meter known to exist.
pub(crate) async fn energy_of(db: &Db, id: MeterId) -> Result<EnergyType, ServiceError> {
    store::meters::energy_of(db, id).await
}
