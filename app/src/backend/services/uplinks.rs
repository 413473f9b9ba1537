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
use crate::model::ids::MeterId;
use crate::model::meter::DeviceId as MeterDevice;
use crate::model::network::{Network, Route};
use crate::model::reading::NewReading;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};
use std::collections::{HashMap, HashSet};

/// One uplink of a meter's device, decoded.
#[derive(Debug, Clone)]
pub struct Uplink {
    /// The meter's device: a DevEUI (LoRaWAN) or an IMEI (cellular).
    pub device: MeterDevice,
    /// What makes the uplink one of a kind: the first claim wins, every other
    /// copy (another gateway, batch, replica or delivery) is a duplicate.
    pub claim: Option<Claim>,
    /// When the network heard it, if it says (a network server's event may
    /// reach us late); otherwise it is heard now.
    pub heard_at: Option<Timestamp>,
    /// The network server and application that carried it, where the
    /// meter's commands then go; `None` for our own gateway door.
    pub via: Option<Route>,
    /// `None` for a frame on a port that carries no meter report.
    pub report: Option<MeterReport>,
    /// Signal quality of the copy that was kept.
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The frame counter, when the door keeps the device's session itself.
    Counter(CounterClaim),
    /// The id a network server gives the event it delivers at least once.
    Event { network: Network, id: String },
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

impl UplinkOutcome {
    /// The outcome's name in the doors' metrics and logs.
    pub fn label(self) -> &'static str {
        match self {
            UplinkOutcome::Duplicate => "duplicate",
            UplinkOutcome::OtherPort => "other_port",
            UplinkOutcome::NoMeter => "no_meter",
            UplinkOutcome::Heard { reading, .. } => match reading {
                HeardReading::NoRegister => "no_register",
                HeardReading::Stored => "accepted",
                HeardReading::Duplicate => "duplicate_reading",
                HeardReading::Backwards => "accepted_backwards",
                HeardReading::RemovedMeter => "removed_meter",
            },
        }
    }
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
    let at = now();
    let won = Claims::take(&mut tx, uplinks, at).await?;
    let mut reports = Vec::new();
    let mut routes: Vec<(MeterId, &Route)> = Vec::new();
    let mut own_door: Vec<MeterId> = Vec::new();
    for (i, u) in uplinks.iter().enumerate() {
        if !won.holds(i) {
            out[i] = Some(UplinkOutcome::Duplicate);
        } else if let Some(report) = &u.report {
            reports.push((i, u, report));
        } else {
            out[i] = Some(UplinkOutcome::OtherPort);
        }
    }

    let devices: Vec<&MeterDevice> =
        reports.iter().map(|(_, u, _)| &u.device).collect::<HashSet<_>>().into_iter().collect();
    let meters = store::meters::by_device(&mut tx, &devices).await?;
    let ids: Vec<i64> = meters.values().map(|(id, _)| id.0).collect();
    let open = commands::with_open_commands(&mut tx, &ids).await?;
    let mut read_at: HashMap<MeterId, i64> = meters.values().filter_map(|(id, t)| t.map(|t| (*id, t))).collect();
    let mut readings = Vec::new();
    let mut reading_of = Vec::new();
    for (i, u, report) in reports {
        let Some(&(meter, _)) = meters.get(&u.device) else {
            out[i] = Some(UplinkOutcome::NoMeter);
            continue;
        };
        match &u.via {
            Some(via) => routes.push((meter, via)),
            None => own_door.push(meter),
        }
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
        // within a second are still two readings, one second apart. A
        // network's own time counts when it is not in the future: a report
        // delivered late is priced when it was heard.
        let heard = u.heard_at.map_or(at.0, |t| t.0.min(at.0));
        let read = read_at.get(&meter).map_or(heard, |t| heard.max(t + 1));
        read_at.insert(meter, read);
        readings.push((meter, reading(u, report, forward, read)));
        reading_of.push((i, meter, waiting));
    }
    store::networks::route(&mut tx, &routes, at).await?;
    // Heard through our own gateway door: no network server holds the route.
    if !own_door.is_empty() && store::networks::any_routed(&mut tx, &own_door).await? {
        store::networks::unroute(&mut tx, &own_door).await?;
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

/// The claims a batch took: which of its uplinks are the first of their kind.
struct Claims {
    duplicates: HashSet<usize>,
}

impl Claims {
    async fn take(tx: &mut Transaction<'static, Any>, uplinks: &[Uplink], at: Timestamp) -> Result<Self, ServiceError> {
        let counters = uplinks.iter().filter_map(|u| match &u.claim {
            Some(Claim::Counter(c)) => Some((c.device, c.fcnt)),
            _ => None,
        });
        let counters_won = store::lorawan_devices::claim_counters(tx, counters).await?;
        // An event delivered twice within the batch is a duplicate of its
        // first copy; across batches the database decides.
        let mut events: HashMap<Network, Vec<&str>> = HashMap::new();
        let mut seen = HashSet::new();
        let mut duplicates = HashSet::new();
        for (i, u) in uplinks.iter().enumerate() {
            if let Some(Claim::Event { network, id }) = &u.claim {
                if seen.insert((*network, id.as_str())) {
                    events.entry(*network).or_default().push(id);
                } else {
                    duplicates.insert(i);
                }
            }
        }
        let mut events_won = HashSet::new();
        for (network, ids) in events {
            for id in store::networks::claim_events(tx, network, &ids, at).await? {
                events_won.insert((network, id));
            }
        }
        for (i, u) in uplinks.iter().enumerate() {
            let won = match &u.claim {
                None => true,
                Some(Claim::Counter(c)) => counters_won.contains(&c.device),
                Some(Claim::Event { network, id }) => events_won.contains(&(*network, id.clone())),
            };
            if !won {
                duplicates.insert(i);
            }
        }
        Ok(Self { duplicates })
    }

    fn holds(&self, i: usize) -> bool {
        !self.duplicates.contains(&i)
    }
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
