//! Bringing meters and their households in from a CSV file, thousands at a
//! time: every row is checked (its fields, then against the database and the
//! rest of the file) and every problem reported by line and column; a check
//! writes nothing, and an import writes every row in one transaction or, when
//! any row has a problem, nothing at all.
//!
//! The rules are those of adding one meter (`meters::add_meter`): the area,
//! the price plan and the household must be the caller's, identifiers are
//! unique. Two differ, on purpose: a new household gets no password (hashing
//! 50,000 first passwords would take the import a quarter of an hour; an
//! operator issues each household's first password from its page, as for a
//! forgotten one), and rows naming the same `household` share one.

mod row;
mod sheet;

use crate::backend::auth::{AdminCaller, Caller};
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::device_registry::DeviceRegistry;
use crate::backend::error::ServiceError;
use crate::backend::scope::{home_area, manages};
use crate::backend::store;
use crate::model::area::Area;
use crate::model::auth::EquipmentModel;
use crate::model::fixed::Money;
use crate::model::household::Household;
use crate::model::ids::AreaId;
use crate::model::import::{HouseholdPlan, ImportProblem, ImportReport, ImportRequest, KeysPlan, LinePlan};
use crate::model::price::PricePlan;
use row::{Checked, Keys, Row};
use sheet::problem;
use std::collections::HashMap;

use super::households::{HouseholdFields, insert_household};
use super::{equipment_models, prices};

/// What rows are checked against: the caller's areas, the plans and models.
struct Context<'a> {
    admin: &'a AdminCaller,
    areas: Vec<(Area, String)>,
    plans: std::sync::Arc<Vec<(PricePlan, String)>>,
    models: Vec<EquipmentModel>,
    /// Existing households the file names, by number, with their area paths.
    households: HashMap<String, (Household, String)>,
}

/// A row resolved against the database: where its meter goes and on what terms.
struct Planned {
    row: Checked,
    area: usize,
    plan: usize,
    model: usize,
    household: Target,
}

enum Target {
    /// An existing household, by its number.
    Existing(String),
    /// The new household at this index of the plan's list.
    New(usize),
}

/// A household the import creates, from the first row that names it.
struct NewHousehold {
    first_line: u64,
    area: AreaId,
    area_path: String,
    name: String,
    phone: String,
    address: String,
    balance: Option<(Money, u64)>,
}

/// Checks a file and, unless asked only to check, writes it.
pub async fn import_meters(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    caller: &Caller,
    req: ImportRequest,
) -> Result<ImportReport, ServiceError> {
    let admin = caller.admin()?;
    let mut report = ImportReport {
        dry_run: req.dry_run,
        written: false,
        rows: 0,
        new_households: 0,
        meters: 0,
        skipped: 0,
        problem_count: 0,
        problems: Vec::new(),
        lines: Vec::new(),
    };
    let mut problems = Vec::new();
    let Some(sheet) = sheet::read(&req.csv, &mut problems) else {
        report.problem_count = problems.len() as u64;
        report.problems = problems;
        return Ok(report);
    };
    report.rows = sheet.rows.len() as u64;
    let mut checked = Vec::with_capacity(sheet.rows.len());
    for line in &sheet.rows {
        match row::check(&sheet, line) {
            Ok(Row::Meter(row)) => checked.push(*row),
            Ok(Row::Skipped) => report.skipped += 1,
            Err(found) => problems.extend(found),
        }
    }
    drop(sheet);
    let context = context(db, admin, &checked).await?;
    let (planned, new_households) = plan(db, registry, &context, checked, &mut problems).await?;
    report.new_households = new_households.len() as u64;
    report.meters = planned.len() as u64;
    report.lines = planned.iter().map(|p| line_plan(&context, &new_households, p)).collect();
    problems.sort_by_key(|p| p.line);
    report.problem_count = problems.len() as u64;
    report.problems = problems;
    if req.dry_run || !report.ok() {
        return Ok(report);
    }
    let ids = write(db, caller, &context, &planned, &new_households).await?;
    for (line, id) in report.lines.iter_mut().zip(ids) {
        line.meter_id = Some(id);
    }
    report.written = true;
    Ok(report)
}

async fn context<'a>(db: &Db, admin: &'a AdminCaller, rows: &[Checked]) -> Result<Context<'a>, ServiceError> {
    let mut numbers: Vec<&str> = rows.iter().map(|r| r.household.as_str()).filter(|h| !h.is_empty()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let households = store::households::by_numbers(db, &numbers)
        .await?
        .into_iter()
        .map(|(h, path)| (h.serialnumber.clone(), (h, path)))
        .collect();
    Ok(Context {
        admin,
        areas: store::areas::subtrees_with_paths(db, &admin.roots).await?,
        plans: prices::all_plans(db).await?,
        models: equipment_models::list_models(db).await?,
        households,
    })
}

/// The caller's area a row names: by id, by code or by name; blank is the
/// highest area the caller manages.
fn area_of(c: &Context<'_>, raw: &str) -> Result<usize, String> {
    if raw.is_empty() {
        let home = home_area(c.admin).map_err(|e| e.to_string())?;
        return c.areas.iter().position(|(a, _)| a.id == home).ok_or_else(|| "you manage no area".to_owned());
    }
    if let Ok(id) = raw.parse::<i64>()
        && let Some(i) = c.areas.iter().position(|(a, _)| a.id == AreaId(id))
    {
        return Ok(i);
    }
    if let Some(i) = c.areas.iter().position(|(a, _)| a.serialnumber == raw) {
        return Ok(i);
    }
    let named: Vec<usize> =
        (0..c.areas.len()).filter(|&i| c.areas[i].0.name.trim().eq_ignore_ascii_case(raw)).collect();
    match named[..] {
        [i] => Ok(i),
        [] => Err(format!("{raw:?} is not one of your areas")),
        _ => Err(format!("{} of your areas are named {raw:?}: give its number instead", named.len())),
    }
}

/// The row's price plan: the one named, or the nearest plan of its energy
/// type above its area; a plan of another area's subtree does not exist.
fn plan_of(c: &Context<'_>, row: &Checked, area_path: &str) -> Result<usize, (&'static str, String)> {
    let usable: Vec<usize> = (0..c.plans.len()).filter(|&i| area_path.starts_with(c.plans[i].1.as_str())).collect();
    let raw = row.price_plan.as_str();
    let chosen = if raw.is_empty() {
        let Some(energy) = row.energy else {
            return Err(("energy_type", "is required when no price_plan is named".to_owned()));
        };
        usable
            .iter()
            .copied()
            .filter(|&i| c.plans[i].0.energy_type == energy)
            .max_by_key(|&i| (c.plans[i].1.len(), std::cmp::Reverse(c.plans[i].0.id.0)))
            .ok_or_else(|| {
                ("energy_type", format!("no price plan for {} in this area: name one in price_plan", energy.code()))
            })?
    } else {
        let by_id = raw.parse::<i64>().ok().and_then(|id| usable.iter().copied().find(|&i| c.plans[i].0.id.0 == id));
        let named: Vec<usize> =
            usable.iter().copied().filter(|&i| c.plans[i].0.name.trim().eq_ignore_ascii_case(raw)).collect();
        match (by_id, named.as_slice()) {
            (Some(i), _) | (None, &[i]) => i,
            (None, []) => return Err(("price_plan", format!("no price plan {raw:?} for this area"))),
            (None, _) => return Err(("price_plan", format!("{} plans are named {raw:?}: give its id", named.len()))),
        }
    };
    let plan = &c.plans[chosen].0;
    if let Some(energy) = row.energy
        && energy != plan.energy_type
    {
        return Err((
            "energy_type",
            format!("is {} but price plan {:?} is for {}", energy.code(), plan.name, plan.energy_type.code()),
        ));
    }
    Ok(chosen)
}

/// The row's device model: the one named (of the plan's energy type), or the
/// default for its energy type and radio.
fn model_of(c: &Context<'_>, row: &Checked, plan: &PricePlan) -> Result<usize, String> {
    let raw = row.model.as_str();
    let energy = plan.energy_type;
    if raw.is_empty() {
        let default = equipment_models::default_model(&c.models, energy, row.dev_eui.is_some())
            .ok_or_else(|| format!("no device model for {}: name one", energy.code()))?;
        return Ok(c.models.iter().position(|m| m.id == default.id).unwrap_or_default());
    }
    let found = raw
        .parse::<i64>()
        .ok()
        .and_then(|id| c.models.iter().position(|m| m.id.0 == id))
        .or_else(|| c.models.iter().position(|m| m.name.trim().eq_ignore_ascii_case(raw)))
        .ok_or_else(|| format!("no device model {raw:?}"))?;
    let model = &c.models[found];
    if model.energy_type != energy {
        return Err(format!(
            "{:?} measures {} but the price plan is for {}",
            model.name,
            model.energy_type.code(),
            energy.code()
        ));
    }
    Ok(found)
}

/// Resolves every row and checks the file as a whole: identifiers unique in
/// it and in the database, households shared consistently.
async fn plan(
    db: &Db,
    registry: Option<&dyn DeviceRegistry>,
    c: &Context<'_>,
    rows: Vec<Checked>,
    problems: &mut Vec<ImportProblem>,
) -> Result<(Vec<Planned>, Vec<NewHousehold>), ServiceError> {
    let dev_euis: Vec<String> = rows.iter().filter_map(|r| r.dev_eui.as_ref().map(|e| e.to_string())).collect();
    let imeis: Vec<String> = rows.iter().filter_map(|r| r.imei.as_ref().map(|i| i.as_str().to_owned())).collect();
    let taken = store::meters::identifiers_taken(db, &dev_euis, &imeis).await?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut planned = Vec::with_capacity(rows.len());
    let mut new_households: Vec<NewHousehold> = Vec::new();
    let mut groups: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let line = row.line;
        let before = problems.len();
        for (column, value) in [
            ("dev_eui", row.dev_eui.as_ref().map(|e| e.to_string())),
            ("imei", row.imei.as_ref().map(|i| i.as_str().to_owned())),
        ] {
            let Some(value) = value else { continue };
            if taken.contains(&value) {
                problems.push(problem(line, column, format!("a meter with {value} exists already")));
            } else if let Some(first) = seen.insert(value.clone(), line) {
                problems.push(problem(line, column, format!("{value} is on line {first} too")));
            }
        }
        if !matches!(row.keys, Keys::None)
            && let Some(registry) = registry
        {
            problems.push(problem(
                line,
                "app_key",
                format!("keys go to {}: register them there, or import without them", registry.network().label()),
            ));
        }
        let area = match area_of(c, &row.area) {
            Ok(i) => i,
            Err(reason) => {
                problems.push(problem(line, "area", reason));
                continue;
            }
        };
        let (area_row, area_path) = &c.areas[area];
        let plan = match plan_of(c, &row, area_path) {
            Ok(i) => i,
            Err((column, reason)) => {
                problems.push(problem(line, column, reason));
                continue;
            }
        };
        let model = match model_of(c, &row, &c.plans[plan].0) {
            Ok(i) => i,
            Err(reason) => {
                problems.push(problem(line, "model", reason));
                continue;
            }
        };
        let household = match c.households.get(&row.household) {
            Some((existing, path)) => {
                if !manages(c.admin, path) {
                    problems.push(problem(line, "household", format!("{} is not in your areas", row.household)));
                } else if !area_path.starts_with(path.as_str()) {
                    problems.push(problem(
                        line,
                        "household",
                        format!(
                            "{} belongs to {}: its meters are in that area or below it",
                            row.household, existing.area_name
                        ),
                    ));
                }
                if let Some(b) = row.balance
                    && b != existing.balance
                {
                    problems.push(problem(
                        line,
                        "balance",
                        format!("the household's balance is {}: top it up instead", existing.balance.to_padded()),
                    ));
                }
                Target::Existing(row.household.clone())
            }
            None => {
                let index = match groups.get(&row.household).copied().filter(|_| !row.household.is_empty()) {
                    Some(i) => {
                        let group = &mut new_households[i];
                        if !area_path.starts_with(group.area_path.as_str()) {
                            problems.push(problem(
                                line,
                                "area",
                                format!(
                                    "household {:?} is in the area of line {}: its meters are there or below",
                                    row.household, group.first_line
                                ),
                            ));
                        }
                        match (row.balance, group.balance) {
                            (Some(b), Some((first, at))) if b != first => problems.push(problem(
                                line,
                                "balance",
                                format!(
                                    "line {at} gives household {:?} a balance of {}",
                                    row.household,
                                    first.to_padded()
                                ),
                            )),
                            (Some(b), None) => group.balance = Some((b, line)),
                            _ => {}
                        }
                        i
                    }
                    None => {
                        new_households.push(NewHousehold {
                            first_line: line,
                            area: area_row.id,
                            area_path: area_path.clone(),
                            name: row.customer.clone(),
                            phone: row.phone.clone(),
                            address: row.address.clone(),
                            balance: row.balance.map(|b| (b, line)),
                        });
                        if !row.household.is_empty() {
                            groups.insert(row.household.clone(), new_households.len() - 1);
                        }
                        new_households.len() - 1
                    }
                };
                Target::New(index)
            }
        };
        if problems.len() == before {
            planned.push(Planned { row, area, plan, model, household });
        }
    }
    Ok((planned, new_households))
}

fn line_plan(c: &Context<'_>, new: &[NewHousehold], p: &Planned) -> LinePlan {
    LinePlan {
        line: p.row.line,
        meter: p.row.meter(),
        area: c.areas[p.area].0.name.clone(),
        household: match p.household {
            Target::Existing(ref number) => HouseholdPlan::Existing(number.clone()),
            Target::New(i) => HouseholdPlan::New { first_line: new[i].first_line },
        },
        keys: match p.row.keys {
            Keys::None => KeysPlan::None,
            Keys::Otaa { .. } => KeysPlan::Otaa,
            Keys::Abp { .. } => KeysPlan::Abp,
        },
        meter_id: None,
    }
}

/// Writes the households, meters and keys in one transaction.
async fn write(
    db: &Db,
    caller: &Caller,
    c: &Context<'_>,
    planned: &[Planned],
    new_households: &[NewHousehold],
) -> Result<Vec<crate::model::ids::MeterId>, ServiceError> {
    let actor = caller.actor();
    let at = now();
    // Keys registered for a DevEUI before it had a meter are forgotten, as
    // when one meter is added (see `lorawan_devices`).
    let dev_euis: Vec<String> = planned.iter().filter_map(|p| p.row.dev_eui.as_ref().map(|e| e.to_string())).collect();
    let registered = store::lorawan_devices::registered_among(db, &dev_euis).await?;
    let stale: Vec<&crate::model::ids::DevEui> =
        planned.iter().filter_map(|p| p.row.dev_eui.as_ref()).filter(|e| registered.contains(e.as_str())).collect();
    let mut tx = db.begin().await?;
    super::lorawan_devices::forget(&mut tx, &stale).await?;
    let mut household_ids = Vec::with_capacity(new_households.len());
    for h in new_households {
        let fields = HouseholdFields {
            area: h.area,
            name: h.name.clone(),
            address: h.address.clone(),
            phone: h.phone.clone(),
            password_hash: String::new(),
            first_password: None,
            warn_money: Money::ZERO,
            fee: h.balance.map_or(Money::ZERO, |(b, _)| b),
        };
        household_ids.push(insert_household(&mut tx, &fields, &actor).await?.id);
    }
    let mut ids = Vec::with_capacity(planned.len());
    for p in planned {
        let row = &p.row;
        let plan = &c.plans[p.plan].0;
        let serialnumber = if row.meter_address.is_empty() { row.meter() } else { row.meter_address.clone() };
        let meter = store::meters::NewMeterRow {
            dev_eui: row.dev_eui.as_ref(),
            imei: row.imei.as_ref(),
            serialnumber: &serialnumber,
            area: c.areas[p.area].0.id,
            household: match &p.household {
                Target::Existing(number) => c.households[number].0.id,
                Target::New(i) => household_ids[*i],
            },
            price: plan.id,
            equipment_model: c.models[p.model].id,
            energy_type: plan.energy_type,
            pay_mode: row.pay_mode,
            // The vendor's meter type for the mode: its own code (0 or 1).
            meter_type: row.pay_mode.code(),
            customer_name: &row.customer,
            customer_phone: &row.phone,
            customer_address: &row.address,
            customer_certificate: "",
            reading: row.reading,
            overdraft_money: Money::ZERO,
            normal_day_dosage: crate::model::fixed::Register::ZERO,
            valve_state: row.valve,
            at,
        };
        ids.push(store::meters::create(&mut tx, meter).await?);
        write_keys(&mut tx, row, &serialnumber).await?;
    }
    db.commit(tx).await?;
    Ok(ids)
}

async fn write_keys(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    row: &Checked,
    name: &str,
) -> Result<(), ServiceError> {
    let Some(dev_eui) = row.dev_eui.clone() else { return Ok(()) };
    let dev_name: String = name.chars().take(40).collect();
    match &row.keys {
        Keys::None => Ok(()),
        Keys::Otaa { app_key, join_eui, region } => {
            let device = store::otaa_devices::OtaaDeviceRow {
                dev_eui,
                dev_name,
                join_eui: join_eui.clone(),
                app_id: String::new(),
                region: *region,
                subnet: String::new(),
                app_key: app_key.clone(),
            };
            store::otaa_devices::insert(&mut **tx, device).await
        }
        Keys::Abp { dev_addr, nwk_s_key, app_s_key, region } => {
            let device = store::lorawan_devices::AbpDeviceRow {
                dev_eui,
                dev_name,
                app_eui: String::new(),
                app_id: String::new(),
                region: *region,
                subnet: String::new(),
                dev_addr: *dev_addr,
                app_s_key: app_s_key.clone(),
                nwk_s_key: nwk_s_key.clone(),
            };
            store::lorawan_devices::insert(&mut **tx, device).await
        }
    }
}
