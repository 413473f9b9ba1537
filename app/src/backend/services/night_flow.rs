//! Night flow: a household asleep uses nothing for hours; a meter that
//! counts use in every hour of the night (01:00-05:00 by default, on its
//! area's clock) has a tap running or a pipe leaking, whether or not the
//! meter has a leak flag of its own. Once a night ends, each watched meter's
//! readings around it are weighed and the finding kept (`night_flow`); the
//! night-flow alert rule opens and resolves on it like every other rule.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::alerts::{AlertRules, NightWatch};
use crate::backend::store::night_flow::{self as store, Night, Watched};
use crate::model::fixed::Register;
use crate::model::ids::MeterId;
use crate::model::time::Timestamp;
use crate::model::zone::Zone;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How far before a night a reading still marks where its register began.
const LOOK_BACK_S: i64 = 6 * 3600;

/// The last night that has ended by `now` on `zone`'s clock: the local date
/// it ended on, its start and end.
fn last_night(watch: &NightWatch, zone: Zone, now: Timestamp) -> Option<(NaiveDate, Timestamp, Timestamp)> {
    let local = zone.local(now);
    let day = if local.time() >= watch.to { local.date() } else { local.date().pred_opt()? };
    let first = if watch.from < watch.to { day } else { day.pred_opt()? };
    Some((day, zone.instant(first.and_time(watch.from)), zone.instant(day.and_time(watch.to))))
}

/// The least a meter used in any hour from `start` to `end`, when every hour
/// is seen (a reading inside it, and one at or before its start); `None`
/// when a gap leaves some hour unknown. `readings` are in time order.
fn least_hourly(readings: &[(Timestamp, Register)], start: Timestamp, end: Timestamp) -> Option<Register> {
    let register_at = |t: i64| readings.iter().rev().find(|(at, _)| at.0 <= t).map(|(_, r)| *r);
    let mut least: Option<Register> = None;
    let mut hour = start.0;
    while hour < end.0 {
        let next = (hour + 3600).min(end.0);
        if !readings.iter().any(|(at, _)| at.0 > hour && at.0 <= next) {
            return None;
        }
        let used = register_at(next)?.checked_sub(register_at(hour)?)?;
        // A register that went backwards used nothing that hour.
        let used = if used.is_negative() { Register::ZERO } else { used };
        least = Some(least.map_or(used, |l| l.min(used)));
        hour = next;
    }
    least
}

/// Measures the nights that ended after `since` (and by `now`) for every
/// watched meter; returns how many meters' nights were kept. A night
/// measured twice (two replicas, a restart) keeps the same finding.
pub async fn measure(db: &Db, rules: &AlertRules, since: Timestamp, now: Timestamp) -> Result<usize, ServiceError> {
    let watch = &rules.night;
    let energies: Vec<_> = watch.minimum.iter().map(|(e, _)| *e).collect();
    let meters = store::watched(db, &energies).await?;
    if meters.is_empty() {
        return Ok(0);
    }
    let zones = crate::backend::store::zones::read(&db.pool).await?;
    let mut by_zone: HashMap<Zone, Vec<&Watched>> = HashMap::new();
    for m in &meters {
        by_zone.entry(zones.of_path(&m.area_path)).or_default().push(m);
    }
    let mut nights = Vec::new();
    for (zone, group) in by_zone {
        let Some((night, start, end)) = last_night(watch, zone, now) else { continue };
        if end <= since {
            continue;
        }
        let ids: Vec<MeterId> = group.iter().map(|m| m.meter).collect();
        let mut readings: HashMap<MeterId, Vec<(Timestamp, Register)>> = HashMap::new();
        for (meter, at, register) in store::readings(db, &ids, Timestamp(start.0 - LOOK_BACK_S), end).await? {
            readings.entry(meter).or_default().push((at, register));
        }
        for m in group {
            let Some(threshold) = watch.minimum.iter().find(|(e, _)| *e == m.energy).map(|(_, t)| *t) else {
                continue;
            };
            let Some(least) = readings.get(&m.meter).and_then(|r| least_hourly(r, start, end)) else { continue };
            nights.push(Night {
                meter: m.meter,
                night: night.format("%Y-%m-%d").to_string(),
                starts_at: start,
                least_flow: least,
                threshold,
                continuous: least >= threshold,
            });
        }
    }
    store::save(db, &nights, now).await?;
    Ok(nights.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn r(text: &str, register: &str) -> (Timestamp, Register) {
        (at(text), Register::parse(register).unwrap())
    }

    #[test]
    fn the_last_night_is_the_areas_and_every_hour_must_be_seen() {
        let watch = NightWatch::default();
        let nairobi = Zone::parse("Africa/Nairobi").unwrap();
        // 04:00 UTC is 07:00 in Nairobi: its night of the 2nd is over.
        let (day, start, end) = last_night(&watch, nairobi, at("2026-11-02 04:00:00")).unwrap();
        assert_eq!(day.to_string(), "2026-11-02");
        assert_eq!((start, end), (at("2026-11-01 22:00:00"), at("2026-11-02 02:00:00")));
        // 03:00 UTC is still the night in UTC: the last one over is the 1st's.
        let (day, ..) = last_night(&watch, Zone::UTC, at("2026-11-02 03:00:00")).unwrap();
        assert_eq!(day.to_string(), "2026-11-01");

        let (start, end) = (at("2026-11-02 01:00:00"), at("2026-11-02 05:00:00"));
        let hourly: Vec<_> = ["00:55", "01:55", "02:55", "03:55", "04:55"]
            .iter()
            .enumerate()
            .map(|(i, hm)| r(&format!("2026-11-02 {hm}:00"), &format!("10.0{i}")))
            .collect();
        assert_eq!(least_hourly(&hourly, start, end), Some(Register::parse("0.01").unwrap()));
        // One hour flat: the least is nothing.
        let mut flat = hourly.clone();
        flat[3].1 = flat[2].1;
        flat[4].1 = flat[2].1;
        assert_eq!(least_hourly(&flat, start, end), Some(Register::ZERO));
        // An hour with no reading: unknown, not "no flow".
        let mut gap = hourly.clone();
        gap.remove(2);
        assert_eq!(least_hourly(&gap, start, end), None);
        // No reading before the night: where the first hour began is unknown.
        assert_eq!(least_hourly(&hourly[1..], start, end), None);
    }
}
