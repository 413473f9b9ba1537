//! The model's values as the page's language names them: energy types,
//! valve and order states, a payment's outcome. The model keeps its own
//! English names for the legacy door and the exports; these are for people.

use crate::model::meter::HouseholdMeter;
use crate::model::order::{OrderState, PaymentOrder};
use crate::model::payment::{Difference, ProviderId};
use crate::model::{AppError, EnergyType, ValveState};
use crate::model::{Register, UnitPrice};
use crate::ui::components::money;
use crate::ui::texts::{lang, t, tf};

pub fn energy(e: EnergyType) -> String {
    t(match e {
        EnergyType::Water => "energy-water",
        EnergyType::Electricity => "energy-electricity",
        EnergyType::Heating => "energy-heating",
        EnergyType::Gas => "energy-gas",
        EnergyType::LiquefiedGas => "energy-liquefied-gas",
    })
}

pub fn valve(v: ValveState) -> String {
    t(match v {
        ValveState::Closed => "valve-closed",
        ValveState::Open => "valve-open",
        ValveState::Unknown => "valve-unknown",
    })
}

pub fn order_state(s: OrderState) -> String {
    t(match s {
        OrderState::Waiting => "order-waiting",
        OrderState::InRecharge => "order-in-recharge",
        OrderState::Succeeded => "order-succeeded",
        OrderState::Failed => "order-failed",
        OrderState::Paying => "order-paying",
        OrderState::Expired => "order-expired",
        OrderState::Unconfirmed => "order-unconfirmed",
    })
}

pub fn provider(p: ProviderId) -> String {
    match p {
        ProviderId::Sandbox => t("provider-sandbox"),
        ProviderId::Flutterwave => t("provider-flutterwave"),
        // Brand names, the same in every language.
        ProviderId::Mpesa | ProviderId::Momo => p.label().to_owned(),
    }
}

/// A register (or an amount used) as its meter shows it, in the page's
/// language, without the unit: "2,298.854".
pub fn register(value: Register, e: EnergyType) -> String {
    lang().number(&value.to_places(e.shown_decimals()))
}

/// `register` with the unit: "2,298.854 m³".
pub fn reading(value: Register, e: EnergyType) -> String {
    format!("{} {}", register(value, e), e.unit())
}

/// A price per unit with the installation's currency, as many decimals as
/// it needs and at least the currency's own: "KES 3.50", "KES 0.1250".
pub fn unit_price(price: UnitPrice) -> String {
    let currency = crate::ui::texts::currency();
    let padded = price.to_padded();
    let minimum = usize::from(currency.minor_units());
    let shown = match padded.split_once('.') {
        Some((whole, fraction)) => {
            let kept = fraction.trim_end_matches('0');
            let kept = if kept.len() < minimum { &fraction[..minimum] } else { kept };
            if kept.is_empty() { whole.to_owned() } else { format!("{whole}.{kept}") }
        }
        None => padded,
    };
    lang().money(currency.code(), &lang().number(&shown))
}

/// How a household tells its meters apart: "water · 8cf95…".
pub fn meter_name(m: &HouseholdMeter) -> String {
    tf("meter-name", &[("energy", energy(m.energy_type)), ("number", m.serialnumber.clone())])
}

/// What became of a payment, in a sentence for whoever paid.
pub fn outcome(o: &PaymentOrder) -> String {
    let provider = || o.provider.map(provider).unwrap_or_else(|| t("provider-unnamed"));
    let (key, args): (&str, Vec<(&str, String)>) = match o.state {
        OrderState::Succeeded => {
            ("outcome-succeeded", vec![("order", o.order_no.clone()), ("amount", money(o.amount))])
        }
        OrderState::Waiting | OrderState::InRecharge => ("outcome-on-its-way", vec![("order", o.order_no.clone())]),
        OrderState::Failed => ("outcome-failed", vec![("order", o.order_no.clone()), ("reason", o.result.clone())]),
        OrderState::Paying if o.checkout_url.is_some() => {
            ("outcome-checkout", vec![("amount", money(o.amount)), ("provider", provider())])
        }
        OrderState::Paying => ("outcome-approve", vec![("amount", money(o.amount)), ("provider", provider())]),
        OrderState::Expired => ("outcome-expired", vec![("order", o.order_no.clone()), ("reason", o.result.clone())]),
        OrderState::Unconfirmed => ("outcome-unconfirmed", vec![("order", o.order_no.clone())]),
    };
    tf(key, &args)
}

/// What a command asks of a meter.
pub fn command_kind(k: crate::model::command::CommandKind) -> String {
    use crate::model::command::CommandKind;
    t(match k {
        CommandKind::CloseValve => "command-close-valve",
        CommandKind::OpenValve => "command-open-valve",
        CommandKind::AddCredit => "command-add-credit",
        CommandKind::Report => "command-report",
    })
}

/// Who did something, as records keep it (`admin:amina`,
/// `household:USER01`, `system`), in words: "operator amina".
pub fn actor(raw: &str) -> String {
    match raw.split_once(':') {
        Some(("admin", name)) => tf("actor-operator", &[("name", name.to_owned())]),
        Some(("household", name)) => tf("actor-household", &[("name", name.to_owned())]),
        _ if raw == "system" => t("actor-system"),
        _ => raw.to_owned(),
    }
}

/// A state's colour on a badge: the classes of a small coloured label.
pub fn badge(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "rounded bg-teal-100 px-1.5 py-0.5 text-xs font-medium text-teal-900",
        Tone::Waiting => "rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900",
        Tone::Bad => "rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900",
        Tone::Plain => "rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800",
    }
}

/// What a state means for whoever reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Waiting,
    Bad,
    Plain,
}

/// A valve's state's tone: closed cuts a supply.
pub fn valve_tone(v: ValveState) -> Tone {
    match v {
        ValveState::Open => Tone::Good,
        ValveState::Closed => Tone::Bad,
        ValveState::Unknown => Tone::Plain,
    }
}

/// A difference the reconciliation found.
pub fn difference(d: Difference) -> String {
    t(match d {
        Difference::ConfirmedNotCredited => "difference-confirmed-not-credited",
        Difference::CreditedNotConfirmed => "difference-credited-not-confirmed",
        Difference::AmountDiffers => "difference-amount-differs",
    })
}

/// An error from the server in the page's language. A field's error names
/// the field as its form labels it ("Warning amount: is not a number");
/// what the service says of it is in the service's words.
pub fn error(e: &AppError) -> String {
    match e {
        AppError::Invalid { field, message } | AppError::Conflict { field, message } => {
            tf("error-field", &[("field", field_label(field)), ("message", message.clone())])
        }
        AppError::Unauthenticated => t("error-unauthenticated"),
        AppError::Forbidden(what) => tf("error-forbidden", &[("what", what.clone())]),
        AppError::Throttled { retry_after_seconds } => {
            tf("error-throttled", &[("seconds", retry_after_seconds.to_string())])
        }
        AppError::MustChangePassword { .. } => t("error-must-change-password"),
        AppError::Internal => t("error-internal"),
        AppError::NotFound(text) | AppError::Unavailable(text) | AppError::Transport(text) => text.clone(),
    }
}

/// A field the services name, as the forms label it; a name no form shows
/// stays as it is.
pub fn field_label(field: &str) -> String {
    let key = match field {
        "username" | "account" => "field-username",
        "password" | "householdPassword" => "field-password",
        "current" => "field-current-password",
        "new" => "field-new-password",
        "amount" | "TransAmount" => "field-amount",
        "topUpAmount" => "field-top-up-amount",
        "topUpToDeviceAmount" => "field-top-up-to-device-amount",
        "householdWarnMoney" => "field-warning-amount",
        "phone" => "field-phone",
        "provider" => "field-provider",
        "meter" => "field-meter",
        "reading" => "field-reading",
        "note" => "field-note",
        "days" => "field-days",
        "month" | "billDate" => "field-month",
        "endDate" => "field-end",
        "areaId" => "field-area",
        "parentId" | "newParentId" => "field-parent-area",
        "priceId" => "field-price-plan",
        "equipmentModelId" => "field-equipment-model",
        "meterType" => "field-meter-type",
        "devEui" | "devEUI" | "devEuis" => "field-dev-eui",
        "newDeveui" => "field-new-dev-eui",
        "appEUI" => "field-join-eui",
        "devAddr" => "field-dev-addr",
        "fPort" => "field-fport",
        "gwID" => "field-gateway-id",
        "gwName" => "field-gateway-name",
        "region" => "field-region",
        "periods" => "field-periods",
        "script" => "field-script",
        "payload" => "field-payload",
        "time_zone" => "field-time-zone",
        "forward" => "field-forward",
        "token" => "field-token",
        "expires_at" => "field-expires-at",
        _ => return field.to_owned(),
    };
    t(key)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// Each value has a message (outside a request the catalog is English's).
    #[test]
    fn every_value_has_words() {
        let is_key = |s: &str| s.contains('-') && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        for e in EnergyType::ALL {
            assert!(!is_key(&energy(e)), "{e:?}");
        }
        for v in [ValveState::Closed, ValveState::Open, ValveState::Unknown] {
            assert!(!is_key(&valve(v)), "{v:?}");
        }
        for s in [
            OrderState::Waiting,
            OrderState::InRecharge,
            OrderState::Succeeded,
            OrderState::Failed,
            OrderState::Paying,
            OrderState::Expired,
            OrderState::Unconfirmed,
        ] {
            assert!(!is_key(&order_state(s)), "{s:?}");
        }
        for p in ProviderId::ALL {
            assert!(!is_key(&provider(p)), "{p:?}");
        }
        assert_eq!(energy(EnergyType::LiquefiedGas), "liquefied gas");
        let e = AppError::invalid("householdWarnMoney", "is not a number");
        assert_eq!(error(&e), "Warning amount: is not a number");
        assert_eq!(error(&AppError::invalid("somethingElse", "x")), "somethingElse: x");
    }
}

pub fn alert_kind(k: crate::model::alert::AlertKind) -> String {
    use crate::model::alert::AlertKind as K;
    t(match k {
        K::MeterOffline => "alert-kind-meter-offline",
        K::GatewayOffline => "alert-kind-gateway-offline",
        K::Leak => "alert-kind-leak",
        K::NightFlow => "alert-kind-night-flow",
        K::Tamper => "alert-kind-tamper",
        K::Magnet => "alert-kind-magnet",
        K::BatteryLow => "alert-kind-battery-low",
        K::ReverseFlow => "alert-kind-reverse-flow",
        K::CommandOverdue => "alert-kind-command-overdue",
        K::LowBalance => "alert-kind-low-balance",
        K::SupplyCut => "alert-kind-supply-cut",
        K::CloseWaiting => "alert-kind-close-waiting",
        K::UnmatchedPayment => "alert-kind-unmatched-payment",
    })
}

pub fn alert_state(s: crate::model::alert::AlertState) -> String {
    use crate::model::alert::AlertState as S;
    t(match s {
        S::Open => "alert-state-open",
        S::Acknowledged => "alert-state-acknowledged",
        S::Resolved => "alert-state-resolved",
    })
}

pub fn alert_tone(s: crate::model::alert::AlertState) -> Tone {
    use crate::model::alert::AlertState as S;
    match s {
        S::Open => Tone::Bad,
        S::Acknowledged => Tone::Waiting,
        S::Resolved => Tone::Good,
    }
}

/// What an alert is about: its meter, household or gateway.
pub fn alert_subject(a: &crate::model::alert::Alert) -> String {
    let parts: Vec<String> = [
        a.meter_label.as_ref().map(|m| tf("alert-subject-meter", &[("meter", m.clone())])),
        a.household_label.as_ref().map(|h| tf("alert-subject-household", &[("household", h.clone())])),
        a.gateway_label.as_ref().map(|g| tf("alert-subject-gateway", &[("gateway", g.clone())])),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

/// The evidence that opened an alert, as a sentence.
pub fn alert_evidence(a: &crate::model::alert::Alert) -> String {
    use crate::model::alert::AlertKind as K;
    use crate::model::fixed::Money;
    use crate::ui::components::local_time_or_never;
    let e = a.evidence;
    let time = local_time_or_never(e.at);
    let amount = |v: Option<i64>| money(Money::from_minor(v.unwrap_or(0)));
    let volts = |mv: Option<i64>| lang().number(&format!("{:.2}", mv.unwrap_or(0) as f64 / 1000.0));
    let hours = |s: Option<i64>| lang().number(&format!("{:.1}", s.unwrap_or(0) as f64 / 3600.0));
    let register = |v: Option<i64>| match a.energy_type {
        Some(energy) => reading(Register::from_minor(v.unwrap_or(0)), energy),
        None => v.unwrap_or(0).to_string(),
    };
    match a.kind {
        K::MeterOffline if e.at.is_none() => tf("alert-evidence-never-reported", &[("hours", hours(e.limit))]),
        K::MeterOffline => tf("alert-evidence-meter-offline", &[("time", time), ("hours", hours(e.limit))]),
        K::GatewayOffline => tf(
            "alert-evidence-gateway-offline",
            &[("time", time), ("minutes", (e.limit.unwrap_or(0) / 60).to_string())],
        ),
        K::Leak | K::Tamper | K::Magnet => tf("alert-evidence-flag", &[("time", time)]),
        K::NightFlow => tf(
            "alert-evidence-night-flow",
            &[("least", register(e.value)), ("time", time), ("limit", register(e.limit))],
        ),
        K::BatteryLow => {
            tf("alert-evidence-battery-low", &[("volts", volts(e.value)), ("time", time), ("limit", volts(e.limit))])
        }
        K::ReverseFlow => tf(
            "alert-evidence-reverse-flow",
            &[("value", register(e.value)), ("time", time), ("limit", register(e.limit))],
        ),
        K::CommandOverdue => {
            tf("alert-evidence-command-overdue", &[("id", e.value.unwrap_or(0).to_string()), ("time", time)])
        }
        K::LowBalance => tf("alert-evidence-low-balance", &[("balance", amount(e.value)), ("warn", amount(e.limit))]),
        K::SupplyCut => tf("alert-evidence-supply-cut", &[("balance", amount(e.value))]),
        K::CloseWaiting => tf("alert-evidence-close-waiting", &[("balance", amount(e.value)), ("time", time)]),
        K::UnmatchedPayment => tf("alert-evidence-unmatched-payment", &[("amount", amount(e.value)), ("time", time)]),
    }
}

/// An alert as its household is told it.
pub fn household_alert(a: &crate::model::alert::Alert) -> String {
    use crate::model::alert::AlertKind as K;
    use crate::model::fixed::Money;
    let amount = |v: Option<i64>| money(Money::from_minor(v.unwrap_or(0)));
    let meter = a.meter_label.clone().unwrap_or_default();
    match a.kind {
        K::LowBalance => tf(
            "household-alert-low-balance",
            &[("balance", amount(a.evidence.value)), ("warn", amount(a.evidence.limit))],
        ),
        K::SupplyCut => tf("household-alert-supply-cut", &[("meter", meter), ("balance", amount(a.evidence.value))]),
        K::CloseWaiting => {
            tf("household-alert-close-waiting", &[("meter", meter), ("balance", amount(a.evidence.value))])
        }
        K::Leak => tf(
            "household-alert-leak",
            &[("meter", meter), ("time", crate::ui::components::local_time_or_never(a.evidence.at))],
        ),
        K::NightFlow => {
            let least = match a.energy_type {
                Some(energy) => reading(Register::from_minor(a.evidence.value.unwrap_or(0)), energy),
                None => a.evidence.value.unwrap_or(0).to_string(),
            };
            tf("household-alert-night-flow", &[("meter", meter), ("least", least)])
        }
        other => alert_kind(other),
    }
}
