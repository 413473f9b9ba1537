//! What a meter's reports change, whatever network carried them: a batch of
//! decoded uplinks settles the commands they acknowledge and becomes readings,
//! in one transaction (one durable commit for the whole batch; a failed batch
//! writes nothing). The doors only translate their network's frames to
//! `Uplink`s and the outcomes back to their counters and downlinks.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::services::commands;
use crate::backend::services::ingest::{self, IngestOutcome};
use crate::backend::state::Settings;
use crate::backend::store;
use crate::backend::store::lorawan_devices::DeviceId;
use crate::model::ValveState;
use crate::model::fixed::Register;
use crate::model::ids::{DevEui, MeterId};
use crate::model::reading::NewReading;
use crate::model::time::Timestamp;
use std::collections::{HashMap, HashSet};

/// One uplink of a meter's device, decoded.
#[derive(Debug, Clone)]
pub struct Uplink {
    pub dev_eui: DevEui,
    /// The frame counter the uplink claims, when the door keeps the device's
    /// session itself: the first claim of a counter wins, every other copy
    /// (another gateway, batch or replica) is a duplicate.
    pub counter: Option<CounterClaim>,
    /// `None` for a frame on a port that carries no meter report.
    pub report: Option<MeterReport>,
    /// Signal quality of the copy that was kept.
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterClaim {
    pub device: DeviceId,
    pub fcnt: u32,
}

/// What a meter said, in the platform's units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeterReport {
    /// Commands acknowledged: (sequence number, executed).
    pub acks: Vec<(u16, bool)>,
    pub valve: Option<ValveState>,
    /// The forward register; a report without one is no reading.
    pub forward: Option<Register>,
    pub reverse: Option<Register>,
    pub flow: Option<Register>,
    pub battery_mv: Option<i64>,
    pub alarms: i64,
    pub tank_level: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UplinkOutcome {
    /// Its counter was already claimed: another copy was taken.
    Duplicate,
    /// Counted, but on a port that carries no report.
    OtherPort,
    /// No meter has the device's DevEUI.
    NoMeter,
    /// The meter's report, taken. `commands_waiting`: the meter may have a
    /// command to send in the answer window.
    Heard { meter: MeterId, commands_waiting: bool, reading: HeardReading },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeardReading {
    /// The report carried no register.
    NoRegister,
    Stored,
    /// The meter already had a reading at that second.
    Duplicate,
    /// Stored, not charged: the register went backwards.
    Backwards,
    /// Stored, not charged: the meter is removed.
    RemovedMeter,
}

/// Applies a batch of uplinks; the outcomes come back in the same order.
pub async fn apply(db: &Db, settings: &Settings, uplinks: &[Uplink]) -> Result<Vec<UplinkOutcome>, ServiceError> {
    let mut out: Vec<Option<UplinkOutcome>> = vec![None; uplinks.len()];
    let mut tx = db.begin().await?;
    let claims = uplinks.iter().filter_map(|u| u.counter.map(|c| (c.device, c.fcnt)));
    let won = store::lorawan_devices::claim_counters(&mut tx, claims).await?;
    let mut reports = Vec::new();
    for (i, u) in uplinks.iter().enumerate() {
        if u.counter.is_some_and(|c| !won.contains(&c.device)) {
            out[i] = Some(UplinkOutcome::Duplicate);
        } else if let Some(report) = &u.report {
            reports.push((i, u, report));
        } else {
            out[i] = Some(UplinkOutcome::OtherPort);
        }
    }

    let euis: Vec<&DevEui> = reports.iter().map(|(_, u, _)| &u.dev_eui).collect::<HashSet<_>>().into_iter().collect();
    let meters = store::meters::by_dev_eui(&mut tx, &euis).await?;
    let ids: Vec<i64> = meters.values().map(|(id, _)| id.0).collect();
    let open = commands::with_open_commands(&mut tx, &ids).await?;
    let mut read_at: HashMap<MeterId, i64> = meters.values().filter_map(|(id, t)| t.map(|t| (*id, t))).collect();
    let mut readings = Vec::new();
    let mut reading_of = Vec::new();
    for (i, u, report) in reports {
        let Some(&(meter, _)) = meters.get(&u.dev_eui) else {
            out[i] = Some(UplinkOutcome::NoMeter);
            continue;
        };
        let waiting = open.contains(&meter.0);
        if waiting {
            // Acknowledgements first: a report answering a command settles it.
            for (seq, executed) in &report.acks {
                commands::acknowledge_in(&mut tx, meter, *seq, *executed).await?;
            }
            if let Some(valve @ (ValveState::Open | ValveState::Closed)) = report.valve {
                commands::acknowledge_valve_in(&mut tx, meter, valve == ValveState::Open).await?;
            }
        }
        let Some(forward) = report.forward else {
            out[i] = Some(UplinkOutcome::Heard { meter, commands_waiting: waiting, reading: HeardReading::NoRegister });
            continue;
        };
        // Readings are keyed by (meter, second); two reports of one meter
        // within a second are still two readings, one second apart.
        let at = read_at.get(&meter).map_or(now().0, |t| now().0.max(t + 1));
        read_at.insert(meter, at);
        readings.push((meter, reading(u, report, forward, at)));
        reading_of.push((i, meter, waiting));
    }
    ingest::check_all(&readings)?;
    let outcomes = ingest::apply_batch(&mut tx, db.backend, settings, &readings).await?;
    for ((i, meter, waiting), outcome) in reading_of.into_iter().zip(outcomes) {
        let (reading, queued) = match outcome {
            // The balance rule may have just queued a valve command.
            IngestOutcome::Stored { commands, .. } => (HeardReading::Stored, !commands.is_empty()),
            IngestOutcome::Duplicate => (HeardReading::Duplicate, false),
            IngestOutcome::Backwards => (HeardReading::Backwards, false),
            IngestOutcome::RemovedMeter => (HeardReading::RemovedMeter, false),
        };
        out[i] = Some(UplinkOutcome::Heard { meter, commands_waiting: waiting || queued, reading });
    }
    // Checked before the commit: an error after it would have the door try
    // the uplinks again.
    let out = out
        .into_iter()
        .map(|o| o.ok_or_else(|| ServiceError::Internal("an uplink of the batch got no outcome".into())))
        .collect::<Result<Vec<_>, _>>()?;
    db.commit(tx).await?;
    Ok(out)
}

fn reading(u: &Uplink, report: &MeterReport, forward: Register, at: i64) -> NewReading {
    NewReading {
        read_at: Timestamp(at),
        forward,
        reverse: report.reverse,
        flow: report.flow,
        valve: report.valve,
        battery_mv: report.battery_mv,
        rssi: u.rssi,
        snr_tenths: u.snr_tenths,
        alarms: report.alarms,
        margin: report.tank_level,
    }
}
