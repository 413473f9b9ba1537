//! One function per vendor method: parse `param`, call one service, shape the answer.

mod archives;
mod control;
mod households;
mod lifecycle;
mod login;
mod money;
mod prices;
mod radio;
mod realtime;
mod records;
mod usage;

use super::Envelope;
use super::answer::Answer;
use super::answer_cache;
use super::error::LegacyError;
use super::params::Params;
use crate::state::ServerState;
use app::backend::auth::{Caller, TokenKind, resolve_token};
use app::backend::db::Db;
use app::backend::scope::one_meter;
use app::model::ids::{AreaId, DevEui, Imei, MeterId};
use app::model::meter::MeterRef;
use app::model::paging::PageRequest;
use app::model::time::Timestamp;
use app::model::zone::Zone;
use axum::body::Bytes;

const ACTIONS: [&str; 5] = ["comApi", "lorawanApi", "lorawanMeterApi", "lorawanMeter", "zlMeter"];

/// Whether a method's answer may be kept for repeated reads (`answer_cache`):
/// only for reads whose answer depends on the caller, the parameters and the
/// data alone (no writes, no clock beyond the kept answers' lifetime).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Yes,
    No,
}

/// Every method this door answers, in the vendor's spelling (plus client
/// misspellings), with whether its answer may be kept: one table, so a method
/// cannot be answered in one place and forgotten in another.
const METHODS: [(&str, Kept); 40] = [
    ("getAreaOrg", Kept::No),
    ("addMeterPrice", Kept::No),
    ("modifyMeterPrice", Kept::No),
    ("readAllPrices", Kept::Yes),
    ("readAllPricesV2", Kept::Yes),
    ("addMeter", Kept::No),
    ("modifyMeter", Kept::No),
    ("getAreaArchives", Kept::Yes),
    ("getAreaArchiveInfo", Kept::Yes),
    ("gethousehold", Kept::Yes),
    ("addHousehold", Kept::No),
    ("modifyHousehold", Kept::No),
    ("modifiyHousehold", Kept::No),
    ("getMeterReadings", Kept::Yes),
    ("getValverecord", Kept::Yes),
    ("queryMonthBillInfo", Kept::Yes),
    ("toLogin", Kept::No),
    ("remotelyTopUp", Kept::No),
    ("recharge", Kept::No),
    ("rechargeToken", Kept::No),
    ("getRechargeOrderInfo", Kept::No),
    ("queryPayorders", Kept::No),
    ("setValveState", Kept::No),
    ("readValveStatus", Kept::No),
    ("queryCommandInfo", Kept::No),
    ("getPaymod", Kept::No),
    ("sendCommand", Kept::No),
    ("addGateway", Kept::No),
    ("modifyGateway", Kept::No),
    ("readGatewayStatus", Kept::No),
    ("queryRealTimeData", Kept::No),
    ("queryAllDailyConsumption", Kept::No),
    ("queryAllMonthlyConsumption", Kept::No),
    ("queryHistoryMeterReading", Kept::No),
    ("queryAllMeterCurrentReading", Kept::No),
    ("queryDayBillInfo", Kept::No),
    ("getMeterInfo", Kept::No),
    ("archivesChange", Kept::No),
    ("payBill", Kept::No),
    ("runBilling", Kept::No),
];

/// Whether this door answers `method`.
fn known(method: &str) -> bool {
    METHODS.iter().any(|(m, _)| *m == method)
}

/// Whether `method`'s answer may be kept.
pub fn keeps(method: &str) -> bool {
    METHODS.iter().any(|(m, kept)| *m == method && *kept == Kept::Yes)
}

/// The method name used as a metrics label: known methods only, so a client
/// cannot grow the label set.
pub fn metric_name(method: &str) -> &'static str {
    METHODS.iter().find(|(m, _)| *m == method).map_or("unknown", |(m, _)| *m)
}

/// Answers one call: the JSON body of a successful answer, or the refusal.
pub async fn dispatch(
    state: &ServerState,
    env: Envelope,
    from: Option<app::backend::throttle::ClientAddr>,
) -> Result<Bytes, LegacyError> {
    if !ACTIONS.contains(&env.action.as_str()) {
        return Err(LegacyError::UnknownAction(env.action));
    }
    // Methods that sign in do not take a token.
    match env.method.as_str() {
        "toLogin" => return login::to_login(state, &env.params, from).await.map(encode),
        "getAreaOrg" => {
            return login::get_area_org(state, &env.params, env.api_token.as_deref(), from).await.map(encode);
        }
        _ => {}
    }
    if !known(&env.method) {
        return Err(LegacyError::UnknownMethod(env.method));
    }
    let caller = caller(state, env.api_token.as_deref()).await?;
    // Read before computing: a write committed meanwhile makes the entry unusable.
    let generation = state.app.db.generation();
    let key = answer_cache::key(&caller, &env);
    if let Some(body) = key.as_deref().and_then(|k| state.answers.get(k, generation)) {
        state.metrics.answer_cache("hit");
        return Ok(body);
    }
    let body = encode(call(state, &caller, env).await?);
    if let Some(key) = key {
        state.metrics.answer_cache("miss");
        state.answers.put(key, generation, body.clone());
    }
    Ok(body)
}

fn encode(answer: Answer) -> Bytes {
    Bytes::from(answer.into_value().to_string())
}

async fn call(state: &ServerState, caller: &Caller, env: Envelope) -> Result<Answer, LegacyError> {
    let p = &env.params;
    let db = &state.app.db;
    match env.method.as_str() {
        "addMeterPrice" => prices::add(db, caller, p).await,
        "modifyMeterPrice" => prices::modify(db, caller, p).await,
        "readAllPrices" => prices::read_all(db, caller).await,
        "readAllPricesV2" => prices::read_all_v2(db, caller).await,
        // The one name with two meanings: lorawanApi registers the radio device.
        "addMeter" if env.action == "lorawanApi" => radio::add_abp_device(state, caller, p).await,
        "addMeter" => archives::add(db, caller, p).await,
        "modifyMeter" => archives::modify(db, &state.app.settings, caller, p).await,
        "getAreaArchives" => archives::list(db, caller, p).await,
        "getAreaArchiveInfo" => archives::info(db, caller, p).await,
        "gethousehold" => households::list(db, caller, p).await,
        "addHousehold" => households::add(db, caller, p).await,
        "modifyHousehold" | "modifiyHousehold" => households::modify(db, &state.app.settings, caller, p).await,
        "getMeterReadings" => records::readings(db, caller, p).await,
        "getValverecord" => records::valves(db, caller, p).await,
        "queryMonthBillInfo" => records::month_bills(db, caller, p).await,
        "remotelyTopUp" => money::remotely_top_up(state, caller, p).await,
        "recharge" => money::recharge(state, caller, p).await,
        "rechargeToken" => money::recharge_token(),
        "getRechargeOrderInfo" => money::order_info(state, caller, p).await,
        "queryPayorders" => money::pay_orders(state, caller, p).await,
        "setValveState" => control::set_valve_state(state, caller, p).await,
        "readValveStatus" => control::read_valve_status(state, caller, p).await,
        "queryCommandInfo" => control::query_command_info(state, caller, p).await,
        "getPaymod" => control::get_paymod(state, caller, p).await,
        "sendCommand" => control::send_command(state, caller, p).await,
        "addGateway" => radio::add_gateway(db, caller, p).await,
        "modifyGateway" => radio::modify_gateway(db, caller, p).await,
        "readGatewayStatus" => radio::read_gateway_status(db, caller, p).await,
        "queryRealTimeData" => realtime::real_time(db, caller, p).await,
        "queryAllMeterCurrentReading" => realtime::current_readings(db, caller, p).await,
        "getMeterInfo" => realtime::meter_info(db, caller, p).await,
        "queryAllDailyConsumption" => usage::daily(db, caller, p).await,
        "queryAllMonthlyConsumption" => usage::monthly(db, caller, p).await,
        "queryHistoryMeterReading" => usage::history(db, caller, p).await,
        "queryDayBillInfo" => usage::day_bill(db, caller, p).await,
        "archivesChange" => lifecycle::archives_change(state, caller, p).await,
        "payBill" => records::pay_bill(db, &state.app.settings, caller, p).await,
        "runBilling" => records::run_billing(db, caller, p).await,
        other => Err(LegacyError::UnknownMethod(other.to_owned())),
    }
}

async fn caller(state: &ServerState, token: Option<&str>) -> Result<Caller, LegacyError> {
    let token = token.ok_or(LegacyError::NoToken)?;
    Ok(resolve_token(&state.app.db, token, TokenKind::Api).await?)
}

// Key spellings the document and the clients use.
pub(super) const AREA: [&str; 3] = ["areaId", "areald", "areaid"];
pub(super) const PRICE: [&str; 5] = ["priceId", "pricelId", "priceld", "pricelid", "pricelld"];
pub(super) const DEV_EUI: [&str; 3] = ["devEui", "deveui", "devEUI"];
pub(super) const IMEI: [&str; 4] = ["nbonetNetImei", "imei", "IMEI", "meterNo"];
/// The keys of lists of meters (comma-joined or arrays), and of one meter.
pub(super) const LISTED: [&str; 8] =
    ["devEuis", "devEui", "deveui", "devEUI", "nbonetNetImeis", "imeis", "nbonetNetImei", "imei"];

pub(super) fn area(p: &Params) -> Result<AreaId, LegacyError> {
    Ok(AreaId(p.req_int(&AREA)?))
}

pub(super) fn page(p: &Params) -> Result<PageRequest, LegacyError> {
    let number = p.int(&["pageNumber"])?;
    let size = p.int(&["pageSize"])?;
    PageRequest::new(number, size).map_err(|(field, message)| LegacyError::Invalid { field, message })
}

/// The meters one value can name. A DevEUI is 16 hexadecimal digits and an
/// IMEI 14 to 17 decimal ones: clients of cellular meters send the IMEI in
/// the DevEUI keys, so a value names a meter by whichever it is, and a value
/// of 16 decimal digits is tried as both.
pub(super) fn named_by(field: &'static str, raw: &str) -> Result<Vec<MeterRef>, LegacyError> {
    let named: Vec<MeterRef> =
        [DevEui::parse(raw).ok().map(MeterRef::DevEui), Imei::parse(raw).ok().map(MeterRef::Imei)]
            .into_iter()
            .flatten()
            .collect();
    if named.is_empty() {
        return Err(LegacyError::Invalid {
            field,
            message: format!("must be a DevEUI (16 hexadecimal digits) or an IMEI (14 to 17 digits), got {raw:?}"),
        });
    }
    Ok(named)
}

/// Everything the parameters name a meter by: `id` (for methods that take
/// one), every DevEUI spelling and every IMEI spelling given.
fn namings(p: &Params, with_id: bool) -> Result<Vec<MeterRef>, LegacyError> {
    let mut out = Vec::new();
    if with_id && let Some(id) = p.int(&["id"])? {
        out.push(MeterRef::Id(MeterId(id)));
    }
    for (key, raw) in p.texts(&DEV_EUI)?.into_iter().chain(p.texts(&IMEI)?) {
        for named in named_by(key, &raw)? {
            if !out.contains(&named) {
                out.push(named);
            }
        }
    }
    Ok(out)
}

/// The meter the parameters name, if they name one. One identifier goes to
/// the service as it is (which checks the caller may see it); several are
/// settled first (`scope::one_meter`): any naming a meter the caller may see
/// is used, and two different meters are refused.
pub(super) async fn meter(
    db: &Db,
    caller: &Caller,
    p: &Params,
    with_id: bool,
) -> Result<Option<MeterRef>, LegacyError> {
    settle(db, caller, namings(p, with_id)?).await
}

/// One meter out of the identifiers given (none: `None`).
pub(super) async fn settle(db: &Db, caller: &Caller, named: Vec<MeterRef>) -> Result<Option<MeterRef>, LegacyError> {
    if named.len() < 2 {
        return Ok(named.into_iter().next());
    }
    Ok(Some(one_meter(db, caller, &named).await?))
}

/// The meter one value of a batch names (`getPaymod`, `archivesChange`
/// answer per value): a refusal here is that row's, unless it is ours
/// (`LegacyError::outcome` "internal"), which fails the call.
pub(super) async fn meter_of_value(
    db: &Db,
    caller: &Caller,
    field: &'static str,
    raw: &str,
) -> Result<MeterRef, LegacyError> {
    settle(db, caller, named_by(field, raw)?)
        .await?
        .ok_or_else(|| app::backend::ServiceError::not_found(app::backend::scope::METER_NOT_FOUND).into())
}

/// Every value of the list keys `keys`, each once, in order.
pub(super) fn values_of(p: &Params, keys: &[&'static str]) -> Result<Vec<String>, LegacyError> {
    let mut given: Vec<String> = Vec::new();
    for &key in keys {
        for raw in p.list(&[key])? {
            if !given.contains(&raw) {
                given.push(raw);
            }
        }
    }
    Ok(given)
}

/// The meters a list parameter names (`devEuis`, `nbonetNetImeis`, ...), one
/// per value, each with the value as sent.
async fn meters_listed(
    db: &Db,
    caller: &Caller,
    p: &Params,
    keys: &[&'static str],
) -> Result<Vec<(String, MeterRef)>, LegacyError> {
    let mut out: Vec<(String, MeterRef)> = Vec::new();
    for &key in keys {
        for raw in p.list(&[key])? {
            if out.iter().any(|(given, _)| *given == raw) {
                continue;
            }
            let named = named_by(key, &raw)?;
            if let Some(meter) = settle(db, caller, named).await? {
                out.push((raw, meter));
            }
        }
    }
    Ok(out)
}

/// The meters a list names, each once even when named twice (by its DevEUI
/// and its IMEI, say): settled to ids, which also checks the caller may see
/// every one (any that is not refuses the call).
pub(super) async fn distinct_meters(
    db: &Db,
    caller: &Caller,
    p: &Params,
    keys: &[&'static str],
) -> Result<Vec<MeterId>, LegacyError> {
    let mut out: Vec<MeterId> = Vec::new();
    for (_, meter) in meters_listed(db, caller, p, keys).await? {
        let id = app::backend::scope::require_meter(db, caller, &meter).await?.id;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The DevEUI and IMEI a new meter is registered with: an IMEI sent in a
/// DevEUI key is the IMEI (16 digits stay a DevEUI, as LoRaWAN numbers them).
pub(super) fn identifiers(p: &Params) -> Result<(Option<DevEui>, Option<Imei>), LegacyError> {
    let mut imei = p.parsed(&IMEI, Imei::parse)?;
    let dev_eui = match p.text(&DEV_EUI)? {
        None => None,
        Some(raw) => match (DevEui::parse(&raw), Imei::parse(&raw)) {
            (Ok(eui), _) => Some(eui),
            (Err(_), Ok(given)) if imei.as_ref().is_none_or(|i| *i == given) => {
                imei = Some(given);
                None
            }
            (Err(_), Ok(_)) => {
                return Err(LegacyError::Invalid {
                    field: "devEui",
                    message: "holds an IMEI other than nbonetNetImei's".into(),
                });
            }
            (Err(message), Err(_)) => return Err(LegacyError::Invalid { field: "devEui", message }),
        },
    };
    Ok((dev_eui, imei))
}

/// The clock a call's times are read and written on: the zone of the
/// caller's (first) area, the installation's unless an area sets its own.
pub(super) async fn clock(db: &Db, caller: &Caller) -> Result<Zone, LegacyError> {
    Ok(app::backend::services::zones::of_caller(db, caller).await?)
}

/// A time as answers write it (`yyyy-MM-dd HH:mm:ss`, wall-clock time in
/// `zone`); `""` for none.
pub(super) fn time_text(zone: Zone, t: Option<Timestamp>) -> String {
    t.map(|t| zone.text(t)).unwrap_or_default()
}

/// Adds a new household's number and first password to the answer that
/// created it: the one time they are shown (to the operator who asked).
pub(super) fn welcome(answer: Answer, welcome: Option<&app::model::household::Welcome>) -> Answer {
    match welcome {
        Some(w) => answer.with("householdNumber", w.serialnumber.clone()).with("initialPassword", w.password.0.clone()),
        None => answer,
    }
}

#[cfg(test)]
mod tests {
    use super::{METHODS, keeps, known, metric_name};

    #[test]
    fn one_table_names_the_methods_and_what_may_be_kept() {
        assert!(known("modifiyHousehold") && !known("getHousehold"));
        assert!(keeps("readAllPrices") && keeps("getAreaArchives"));
        assert!(!keeps("addMeter") && !keeps("remotelyTopUp") && !keeps("queryRealTimeData"));
        assert_eq!(metric_name("toLogin"), "toLogin");
        assert_eq!(metric_name("bogus"), "unknown");
        let mut names: Vec<&str> = METHODS.iter().map(|(m, _)| *m).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), METHODS.len(), "each method once");
    }
}
