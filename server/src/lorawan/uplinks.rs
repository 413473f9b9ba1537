//! A batch of received frames, start to end. What needs no database (parsing,
//! MIC, decryption, decoding) happens in memory; the frame counters, the
//! acknowledgements and the readings are then written in one transaction, one
//! durable commit for the whole batch. A failed batch writes nothing.

use super::codec::{self, UPLINK_PORT};
use super::frame::{self, FrameError, Opened};
use super::gwmp::Rxpk;
use crate::ops::Metrics;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::ledger::ROWS_PER_STATEMENT;
use app::backend::services::commands;
use app::backend::services::ingest::{self, IngestOutcome};
use app::backend::sql::{Bind, Sql};
use app::backend::state::Settings;
use app::model::ids::MeterId;
use app::model::lorawan::SessionKey;
use app::model::reading::NewReading;
use app::model::{ValveState, time::Timestamp};
use base64::Engine;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap, HashSet};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The best copy of a frame and the gateway that heard it.
#[derive(Debug, Clone)]
pub struct Heard {
    pub gw: String,
    pub rx: Rxpk,
}

/// A device's session keys as the pipeline carries them: raw bytes for the
/// crypto, and a `Debug` that prints nothing of them (answers get logged).
#[derive(Clone, Copy)]
pub struct SessionKeys {
    pub nwk: [u8; 16],
    pub app: [u8; 16],
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys(***)")
    }
}

/// What a downlink needs to know about the uplink it answers.
#[derive(Debug, Clone)]
pub struct Answer {
    pub meter: i64,
    pub device: i64,
    pub dev_addr: u32,
    pub region: String,
    pub keys: SessionKeys,
    /// The meter may have a command waiting: worth looking for one.
    pub commands_waiting: bool,
}

/// What became of one frame: the counter it lands in, and what a downlink
/// would need when the frame came from a known meter.
#[derive(Debug, Clone)]
pub struct Processed {
    pub outcome: &'static str,
    pub answer: Option<Answer>,
}

impl Processed {
    pub fn dropped(outcome: &'static str) -> Self {
        Self { outcome, answer: None }
    }
}

/// An ABP session that may own a DevAddr.
struct Session {
    device: i64,
    dev_eui: String,
    fcnt_up: Option<u32>,
    region: String,
    nwk: [u8; 16],
    app: [u8; 16],
}

/// A frame whose MIC matched a session and whose counter is new.
struct Verified {
    index: usize,
    device: i64,
    dev_eui: String,
    dev_addr: u32,
    fcnt: u32,
    opened: Opened,
    region: String,
    nwk: [u8; 16],
    app: [u8; 16],
}

/// Processes `frames`; the answers come back in the same order.
pub async fn process(
    db: &Db,
    settings: &Settings,
    metrics: &Metrics,
    frames: &[Heard],
) -> Result<Vec<Processed>, BoxError> {
    let mut out: Vec<Option<Processed>> = vec![None; frames.len()];
    let mut parsed = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(f.rx.data.trim()) else {
            out[i] = Some(Processed::dropped("malformed_frame"));
            continue;
        };
        match frame::head(&bytes) {
            Ok(head) => parsed.push((i, head, bytes)),
            Err(FrameError::NotUplinkData) => out[i] = Some(Processed::dropped("not_uplink_data")),
            Err(_) => out[i] = Some(Processed::dropped("malformed_frame")),
        }
    }
    let mut tx = db.begin().await?;
    let addrs: Vec<String> =
        parsed.iter().map(|(_, h, _)| format!("{:08x}", h.dev_addr)).collect::<HashSet<_>>().into_iter().collect();
    let sessions = sessions(&mut tx, &addrs).await?;

    // Counters as this batch moves them, so two frames of one device in one
    // batch are checked against each other too.
    let mut last: HashMap<i64, Option<u32>> = HashMap::new();
    let mut verified = Vec::new();
    for (i, head, bytes) in parsed {
        let Some(candidates) = sessions.get(&head.dev_addr) else {
            out[i] = Some(Processed::dropped("unknown_devaddr"));
            continue;
        };
        let mut stale = None;
        let mut chosen = None;
        for s in candidates {
            let previous = *last.entry(s.device).or_insert(s.fcnt_up);
            let Some(fcnt) = frame::rebuild_fcnt(previous, head.fcnt16) else {
                // The last accepted counter again is another copy of a frame we
                // have (a second gateway, a retransmission); older is a replay.
                let again = previous.is_some_and(|l| (l & 0xffff) as u16 == head.fcnt16);
                stale = Some(if again { "duplicate" } else { "replay" });
                continue;
            };
            if let Ok(opened) = frame::open(&bytes, s.nwk, s.app, fcnt) {
                chosen = Some((s, fcnt, opened));
                break;
            }
        }
        let Some((s, fcnt, opened)) = chosen else {
            out[i] = Some(Processed::dropped(stale.unwrap_or("bad_mic")));
            continue;
        };
        last.insert(s.device, Some(fcnt));
        verified.push(Verified {
            index: i,
            device: s.device,
            dev_eui: s.dev_eui.clone(),
            dev_addr: head.dev_addr,
            fcnt,
            opened,
            region: s.region.clone(),
            nwk: s.nwk,
            app: s.app,
        });
    }

    let won = claim_counters(&mut tx, &verified).await?;
    let mut reports = Vec::new();
    for v in verified {
        if !won.contains(&v.device) {
            out[v.index] = Some(Processed::dropped("duplicate"));
        } else if v.opened.f_port != Some(UPLINK_PORT) {
            out[v.index] = Some(Processed::dropped("other_port"));
        } else {
            let (report, codec_error) = codec::decode_report(&v.opened.payload);
            if let Some(e) = &codec_error {
                tracing::info!(dev_eui = %v.dev_eui, error = %e, "codec stopped early");
                metrics.radio("codec_error");
            }
            reports.push((v, report));
        }
    }

    let euis: Vec<String> =
        reports.iter().map(|(v, _)| v.dev_eui.clone()).collect::<HashSet<_>>().into_iter().collect();
    let meters = meters_by_eui(&mut tx, &euis).await?;
    let ids: Vec<i64> = meters.values().map(|(id, _)| *id).collect();
    let open = commands::with_open_commands(&mut tx, &ids).await?;
    let mut read_at: HashMap<i64, i64> = meters.values().filter_map(|(id, t)| t.map(|t| (*id, t))).collect();
    let mut readings = Vec::new();
    let mut reading_of = Vec::new();
    let rx_of = |v: &Verified| &frames[v.index].rx;
    for (v, report) in reports {
        let Some(&(meter, _)) = meters.get(&v.dev_eui) else {
            out[v.index] = Some(Processed::dropped("no_meter"));
            continue;
        };
        if open.contains(&meter) {
            // Acknowledgements first: a report answering a command settles it.
            for (seq, result) in &report.acks {
                commands::acknowledge_in(&mut tx, MeterId(meter), *seq, *result == 0).await?;
            }
            if let Some(valve @ (0 | 1)) = report.valve {
                commands::acknowledge_valve_in(&mut tx, MeterId(meter), valve == 1).await?;
            }
        }
        let answer = Answer {
            meter,
            device: v.device,
            dev_addr: v.dev_addr,
            region: v.region.clone(),
            keys: SessionKeys { nwk: v.nwk, app: v.app },
            commands_waiting: open.contains(&meter),
        };
        let Some(forward) = report.forward else {
            out[v.index] = Some(Processed { outcome: "no_register", answer: Some(answer) });
            continue;
        };
        // Readings are keyed by (meter, second); two verified frames of one
        // meter within a second are still two readings, one second apart.
        let at = read_at.get(&meter).map_or(now().0, |t| now().0.max(t + 1));
        read_at.insert(meter, at);
        let rx = rx_of(&v);
        readings.push((MeterId(meter), reading(&report, forward, at, rx)));
        reading_of.push((v.index, answer));
    }
    ingest::check_all(&readings)?;
    let outcomes = ingest::apply_batch(&mut tx, db.backend, settings, &readings).await?;
    db.commit(tx).await?;
    for ((index, mut answer), outcome) in reading_of.into_iter().zip(outcomes) {
        let outcome = match outcome {
            IngestOutcome::Stored { commands, .. } => {
                // The balance rule may have just queued a valve command.
                answer.commands_waiting |= !commands.is_empty();
                "accepted"
            }
            IngestOutcome::Duplicate => "duplicate_reading",
            IngestOutcome::Backwards => "accepted_backwards",
            IngestOutcome::RemovedMeter => "removed_meter",
        };
        out[index] = Some(Processed { outcome, answer: Some(answer) });
    }
    Ok(out.into_iter().map(|p| p.unwrap_or(Processed::dropped("internal_error"))).collect())
}

fn reading(report: &codec::Report, forward: u32, at: i64, rx: &Rxpk) -> NewReading {
    let milli = app::model::tariff::from_device;
    NewReading {
        read_at: Timestamp(at),
        forward: milli(forward),
        reverse: report.reverse.map(milli),
        flow: report.flow.map(milli),
        valve: report.valve.and_then(|v| ValveState::from_code(i64::from(v))),
        battery_mv: report.battery_mv.map(i64::from),
        rssi: Some(i64::from(rx.rssi)),
        snr_tenths: Some((rx.lsnr * 10.0).round() as i64),
        alarms: i64::from(report.alarms.unwrap_or(0)),
        margin: report.tank_level.map(i64::from),
    }
}

/// The ABP sessions of these DevAddrs (hex), by DevAddr, keys parsed.
async fn sessions(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    addrs: &[String],
) -> Result<HashMap<u32, Vec<Session>>, BoxError> {
    let mut found: HashMap<u32, Vec<Session>> = HashMap::new();
    for chunk in addrs.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "SELECT id, dev_addr, dev_eui, app_s_key, nwk_s_key, fcnt_up, region FROM lorawan_devices WHERE dev_addr IN ",
        );
        q.push_list(chunk.iter().map(String::as_str)).push(" ORDER BY id");
        for row in q.query().fetch_all(&mut **tx).await? {
            let key = |col: &str| -> Result<[u8; 16], BoxError> {
                let hex: String = row.try_get(col)?;
                Ok(SessionKey::parse(&hex).map_err(|e| format!("stored key: {e}"))?.bytes())
            };
            let addr: String = row.try_get("dev_addr")?;
            let addr = u32::from_str_radix(&addr, 16).map_err(|e| format!("stored DevAddr {addr:?}: {e}"))?;
            found.entry(addr).or_default().push(Session {
                device: row.try_get("id")?,
                dev_eui: row.try_get("dev_eui")?,
                fcnt_up: row.try_get::<Option<i64>, _>("fcnt_up")?.map(|v| v as u32),
                region: row.try_get("region")?,
                nwk: key("nwk_s_key")?,
                app: key("app_s_key")?,
            });
        }
    }
    Ok(found)
}

/// Moves each device's counter to the highest accepted in the batch, on the
/// condition that it is still below the lowest: exactly once, whichever
/// gateway, batch or replica gets there first. Returns the devices that won.
async fn claim_counters(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verified: &[Verified],
) -> Result<HashSet<i64>, BoxError> {
    let mut span: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for v in verified {
        let e = span.entry(v.device).or_insert((v.fcnt, v.fcnt));
        e.0 = e.0.min(v.fcnt);
        e.1 = e.1.max(v.fcnt);
    }
    let span: Vec<_> = span.into_iter().collect();
    let mut won = HashSet::new();
    for chunk in span.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "WITH v (dev, lowest, highest) AS (VALUES ");
        q.push_rows(
            chunk.iter().map(|(d, (lo, hi))| [Bind::Int(*d), Bind::Int(i64::from(*lo)), Bind::Int(i64::from(*hi))]),
        );
        q.push(
            ") UPDATE lorawan_devices SET fcnt_up = v.highest FROM v
             WHERE lorawan_devices.id = v.dev AND (lorawan_devices.fcnt_up IS NULL OR lorawan_devices.fcnt_up < v.lowest)
             RETURNING id",
        );
        won.extend(q.query_scalar_i64().fetch_all(&mut **tx).await?.into_iter().map(|(d,)| d));
    }
    Ok(won)
}

/// Meters by DevEUI: their id and the time of their latest reading.
async fn meters_by_eui(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    euis: &[String],
) -> Result<HashMap<String, (i64, Option<i64>)>, ServiceError> {
    let mut found = HashMap::new();
    for chunk in euis.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT id, dev_eui, last_read_at FROM meters WHERE dev_eui IN ");
        q.push_list(chunk.iter().map(String::as_str));
        for row in q.query().fetch_all(&mut **tx).await? {
            found.insert(row.try_get("dev_eui")?, (row.try_get("id")?, row.try_get("last_read_at")?));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::{Answer, SessionKeys};

    #[test]
    fn an_answer_prints_no_key() {
        let keys = SessionKeys { nwk: [0xab; 16], app: [0xcd; 16] };
        let answer = Answer { meter: 1, device: 2, dev_addr: 3, region: "eu868".into(), keys, commands_waiting: false };
        let printed = format!("{answer:?} {answer:#?}");
        assert!(printed.contains("SessionKeys(***)"), "{printed}");
        for byte in ["171", "205", "ab", "cd"] {
            assert!(!printed.contains(&format!("{byte}, {byte}")) && !printed.contains(&byte.repeat(4)), "{printed}");
        }
    }
}
