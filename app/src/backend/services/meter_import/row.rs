//! One row's fields, each checked on its own (what needs the database is
//! resolved by the caller). Every problem of a row is reported, not only the
//! first. Key columns are secrets: no reason repeats what was in them.

use super::sheet::{Line, Sheet, problem};
use crate::backend::store::ledger::MAX_BALANCE;
use crate::model::fixed::{Money, Register};
use crate::model::ids::{DevEui, Imei};
use crate::model::import::ImportProblem;
use crate::model::lorawan::{DevAddr, SessionKey};
use crate::model::region::Region;
use crate::model::{EnergyType, PayMode, ValveState};

/// The keys a row brings for its LoRaWAN meter (no `Debug`: they are secrets).
pub(super) enum Keys {
    None,
    Otaa { app_key: SessionKey, join_eui: String, region: Region },
    Abp { dev_addr: DevAddr, nwk_s_key: SessionKey, app_s_key: SessionKey, region: Region },
}

/// A row whose every field is well formed.
pub(super) struct Checked {
    pub line: u64,
    pub dev_eui: Option<DevEui>,
    pub imei: Option<Imei>,
    pub meter_address: String,
    pub customer: String,
    pub phone: String,
    pub address: String,
    /// The household's number, or the file's name for a new one; empty: a
    /// household of its own.
    pub household: String,
    pub area: String,
    pub energy: Option<EnergyType>,
    pub price_plan: String,
    pub model: String,
    pub reading: Register,
    pub valve: ValveState,
    pub balance: Option<Money>,
    pub pay_mode: PayMode,
    pub keys: Keys,
}

impl Checked {
    /// The meter's identifier as the report names it.
    pub fn meter(&self) -> String {
        self.dev_eui
            .as_ref()
            .map(|e| e.to_string())
            .or(self.imei.as_ref().map(|i| i.as_str().to_owned()))
            .unwrap_or_default()
    }
}

/// What a row is: a meter to bring in, or one left out on purpose.
pub(super) enum Row {
    Meter(Box<Checked>),
    /// A removed meter in an export: nothing to bring in.
    Skipped,
}

struct Fields<'a> {
    sheet: &'a Sheet,
    line: &'a Line,
    problems: Vec<ImportProblem>,
}

impl<'a> Fields<'a> {
    fn text(&self, column: &str) -> &'a str {
        self.sheet.get(self.line, column)
    }

    fn wrong(&mut self, column: &str, reason: impl Into<String>) {
        self.problems.push(problem(self.line.number, column, reason));
    }

    /// The text, refused when longer than `max` characters.
    fn bounded(&mut self, column: &str, max: usize) -> String {
        let v = self.text(column);
        if v.chars().count() > max {
            self.wrong(column, format!("is longer than {max} characters"));
        }
        v.to_owned()
    }

    fn parsed<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let v = self.text(column);
        if v.is_empty() {
            return None;
        }
        parse(v).map_err(|e| self.wrong(column, e)).ok()
    }

    fn key(&mut self, column: &str) -> Option<SessionKey> {
        let v = self.text(column);
        if v.is_empty() {
            return None;
        }
        SessionKey::parse(v).map_err(|_| self.wrong(column, "must be 32 hexadecimal digits")).ok()
    }
}

/// Checks a row's fields.
pub(super) fn check(sheet: &Sheet, line: &Line) -> Result<Row, Vec<ImportProblem>> {
    let mut f = Fields { sheet, line, problems: Vec::new() };
    match f.text("status").to_ascii_lowercase().as_str() {
        "" | "active" => {}
        "removed" => return Ok(Row::Skipped),
        _ => f.wrong("status", "must be active or removed (a removed meter is left out)"),
    }
    let dev_eui = f.parsed("dev_eui", DevEui::parse);
    let imei = f.parsed("imei", Imei::parse);
    if f.text("dev_eui").is_empty() && f.text("imei").is_empty() {
        f.wrong("dev_eui", "a DevEUI or an IMEI is required");
    }
    let customer = f.bounded("customer", 100);
    if customer.is_empty() {
        f.wrong("customer", "is required");
    }
    let meter_address = f.bounded("meter_address", 60);
    let phone = f.bounded("phone", 40);
    let address = f.bounded("address", 200);
    let household = f.bounded("household", 60);
    let area = f.bounded("area", 100);
    let price_plan = f.bounded("price_plan", 100);
    let model = f.bounded("model", 100);
    let energy = f.parsed("energy_type", EnergyType::parse);
    if energy.is_none() && price_plan.is_empty() && f.text("energy_type").is_empty() {
        f.wrong("energy_type", "is required when no price_plan is named");
    }
    let reading = f
        .parsed("reading", |v| {
            let r = Register::parse(v).map_err(|e| e.to_string())?;
            if r.is_negative() { Err("must not be negative".to_owned()) } else { Ok(r) }
        })
        .unwrap_or(Register::ZERO);
    let valve = f
        .parsed("valve", |v| match v.to_ascii_lowercase().as_str() {
            "open" => Ok(ValveState::Open),
            "closed" => Ok(ValveState::Closed),
            "unknown" => Ok(ValveState::Unknown),
            _ => Err("must be open, closed or unknown".to_owned()),
        })
        .unwrap_or(ValveState::Open);
    let balance = f.parsed("balance", |v| {
        let m = Money::parse(v).map_err(|e| e.to_string())?;
        if m.minor().abs() > MAX_BALANCE.minor() {
            return Err(format!("must be between -{MAX_BALANCE} and {MAX_BALANCE}"));
        }
        Ok(m)
    });
    let pay_mode = f
        .parsed("pay_mode", |v| match v.to_ascii_lowercase().as_str() {
            "prepaid" => Ok(PayMode::Prepaid),
            "postpaid" => Ok(PayMode::Postpaid),
            _ => Err("must be prepaid or postpaid".to_owned()),
        })
        .unwrap_or(PayMode::Prepaid);
    let has_dev_eui = !f.text("dev_eui").is_empty();
    let keys = keys(&mut f, has_dev_eui);
    if !f.problems.is_empty() {
        return Err(f.problems);
    }
    Ok(Row::Meter(Box::new(Checked {
        line: line.number,
        dev_eui,
        imei,
        meter_address,
        customer,
        phone,
        address,
        household,
        area,
        energy,
        price_plan,
        model,
        reading,
        valve,
        balance,
        pay_mode,
        keys,
    })))
}

/// The row's keys: an `app_key` (joins over the air) or all three ABP
/// columns, never both, and a region with either.
fn keys(f: &mut Fields<'_>, has_dev_eui: bool) -> Keys {
    let app_key = f.key("app_key");
    let abp_given = ["dev_addr", "nwk_s_key", "app_s_key"].iter().any(|c| !f.text(c).is_empty());
    let otaa_given = !f.text("app_key").is_empty() || !f.text("join_eui").is_empty();
    if !otaa_given && !abp_given {
        return Keys::None;
    }
    if otaa_given && abp_given {
        f.wrong("app_key", "give an app_key (over-the-air join) or the ABP columns, not both");
        return Keys::None;
    }
    if !has_dev_eui {
        f.wrong("dev_eui", "keys are for a LoRaWAN meter: it needs its DevEUI");
    }
    let region = match f.text("region") {
        "" => {
            f.wrong("region", "is required with keys (for example eu868)");
            None
        }
        _ => f.parsed("region", Region::parse),
    };
    if otaa_given {
        let join_eui = f.parsed("join_eui", |v| {
            DevEui::parse(v).map(|e| e.to_string()).map_err(|_| "must be 16 hexadecimal digits".to_owned())
        });
        if app_key.is_none() && f.text("app_key").is_empty() {
            f.wrong("app_key", "is required to join over the air");
        }
        return match (app_key, region) {
            (Some(app_key), Some(region)) => Keys::Otaa { app_key, join_eui: join_eui.unwrap_or_default(), region },
            _ => Keys::None,
        };
    }
    for column in ["dev_addr", "nwk_s_key", "app_s_key"] {
        if f.text(column).is_empty() {
            f.wrong(column, "is required with the other ABP keys");
        }
    }
    let dev_addr = f.parsed("dev_addr", DevAddr::parse);
    let (nwk_s_key, app_s_key) = (f.key("nwk_s_key"), f.key("app_s_key"));
    match (dev_addr, nwk_s_key, app_s_key, region) {
        (Some(dev_addr), Some(nwk_s_key), Some(app_s_key), Some(region)) => {
            Keys::Abp { dev_addr, nwk_s_key, app_s_key, region }
        }
        _ => Keys::None,
    }
}
