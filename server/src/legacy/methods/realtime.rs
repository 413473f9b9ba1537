//! queryRealTimeData, queryAllMeterCurrentReading, getMeterInfo.

use super::super::answer::{Answer, number};
use super::super::error::LegacyError;
use super::super::params::Params;
use super::{LISTED, clock, distinct_meters, meter, time_text};
use app::backend::auth::Caller;
use app::backend::db::Db;
use app::backend::services::meters;
use app::model::EnergyType;
use app::model::ids::MeterId;
use app::model::meter::MeterRef;
use serde_json::{Value, json};

fn millivolts(mv: i64) -> String {
    format!("{}.{:02}", mv / 1000, (mv % 1000) / 10)
}

pub async fn real_time(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(db, caller, p, true).await?.ok_or(LegacyError::Missing("devEui"))?;
    let zone = app::backend::services::zones::of_meter(db, caller, &meter).await?;
    let meters::LiveMeter { archive: m, plan, latest, today, this_month } = meters::live(db, caller, &meter).await?;
    let alarms = latest.as_ref().map_or(0, |l| l.alarms);
    let flag = |bit: i64| if alarms & (1 << bit) != 0 { "true" } else { "false" };
    // Credit left, in units, at the flat price: what "remaining flow" means to clients.
    let remaining = match app::model::tariff::register_for(m.balance, plan.tariff.flat_price()) {
        Some(units) if m.balance.is_positive() => units.to_string(),
        _ => "0".to_owned(),
    };
    let electricity = m.energy_type == EnergyType::Electricity;
    let forward = latest.as_ref().map_or(m.reading, |l| l.forward);
    let imei = m.imei.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
    // Clients read these unguarded, as strings: "" when the meter has none.
    let data = json!({
        "devEui": m.dev_eui.as_ref().map(|e| e.to_string()).unwrap_or_default(),
        "imei": imei,
        "nbonetNetImei": imei,
        // No meter model we read reports a position.
        "gps": "",
        "readTime": time_text(zone, latest.as_ref().map(|l| l.read_at)),
        "cumulantFlow": forward.to_padded(),
        "positiveCumulantFlow": forward.to_padded(),
        "inverseCumulantFlow": if electricity { "-".to_owned() } else { latest.as_ref().and_then(|l| l.reverse).unwrap_or_default().to_padded() },
        "instantFlow": if electricity { "-".to_owned() } else { latest.as_ref().and_then(|l| l.flow).unwrap_or_default().to_padded() },
        "reading": forward.to_padded(),
        "balance": number(m.balance),
        "battery": latest.as_ref().and_then(|l| l.battery_mv).map(millivolts).unwrap_or_default(),
        "valve": m.valve_state.code(),
        "valveState": m.valve_state.code(),
        "remaining flow": remaining,
        "leakageMark": flag(0),
        "tamperMark": flag(1),
        "magnetMark": flag(2),
        "lowBatteryMark": flag(3),
        "margin": latest.as_ref().and_then(|l| l.margin).map(|v| format!("{}.{:02}%", v / 100, v % 100)).unwrap_or_default(),
        "rssi": latest.as_ref().and_then(|l| l.rssi),
        "snr": latest.as_ref().and_then(|l| l.snr_tenths).map(snr_text),
        "dayConsumption": today.to_string(),
        "monthConsumption": this_month.to_string(),
        "payMode": m.pay_mode.code(),
        "customerName": m.customer_name,
        "customerPhone": m.customer_phone,
        "customerAddress": m.customer_address,
        "energyType": m.energy_type.code(),
    });
    Ok(Answer::ok("search successful!").with("data", data))
}

/// Current readings of meters named by id (`ids`), by DevEUI or by IMEI
/// (`devEuis`, `nbonetNetImeis`, comma-joined or arrays).
pub async fn current_readings(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let mut named: Vec<MeterRef> = Vec::new();
    for raw in p.list(&["ids", "id"])? {
        let id: i64 = raw
            .parse()
            .map_err(|_| LegacyError::WrongType { field: "ids", expected: "meter ids separated by commas" })?;
        named.push(MeterRef::Id(MeterId(id)));
    }
    named.extend(distinct_meters(db, caller, p, &LISTED).await?.into_iter().map(MeterRef::Id));
    if named.is_empty() {
        return Err(LegacyError::Missing("ids"));
    }
    let zone = clock(db, caller).await?;
    let mut data: Vec<Value> = Vec::new();
    let mut seen: Vec<MeterId> = Vec::new();
    for meter in named {
        let (m, _) = meters::get_archive(db, caller, &meter).await?;
        // A meter named by id and again by its IMEI answers once.
        if seen.contains(&m.id) {
            continue;
        }
        seen.push(m.id);
        let imei = m.imei.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
        data.push(json!({
            "id": m.id.0,
            "imei": imei,
            "nbonetNetImei": imei,
            "deveui": m.dev_eui.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            "customerName": m.customer_name,
            "reading": m.reading.to_padded(),
            "valveState": m.valve_state.code(),
            "readTime": time_text(zone, m.last_read_at),
        }));
    }
    Ok(Answer::ok("search successful").with("data", data))
}

pub async fn meter_info(db: &Db, caller: &Caller, p: &Params) -> Result<Answer, LegacyError> {
    let meter = meter(db, caller, p, true).await?.ok_or(LegacyError::Missing("imei"))?;
    let (m, _) = meters::get_archive(db, caller, &meter).await?;
    Ok(Answer::ok("search successful").with(
        "value",
        json!({
            "id": m.id.0,
            "customerName": m.customer_name,
            "phone": m.customer_phone,
            "customerAddress": m.customer_address,
            "imei": m.imei.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default(),
            "deveui": m.dev_eui.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            "balance": number(m.balance),
            "energyType": m.energy_type.code(),
        }),
    ))
}

/// Tenths of a dB as the vendor writes them: -0.5, not 0.5.
fn snr_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

#[cfg(test)]
mod tests {
    use super::snr_text;

    #[test]
    fn snr_keeps_its_sign_below_one_db() {
        assert_eq!(snr_text(-5), "-0.5");
        assert_eq!(snr_text(-25), "-2.5");
        assert_eq!(snr_text(80), "8.0");
        assert_eq!(snr_text(0), "0.0");
    }
}
