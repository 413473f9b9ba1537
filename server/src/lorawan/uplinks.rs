//! A batch of received frames, as the Semtech UDP door reads them: what needs
//! no database (parsing, MIC, decryption, decoding) happens here, against the
//! sessions of the frames' DevAddrs; the uplinks then go to the platform's
//! uplink service, which claims the counters and takes the reports in one
//! transaction.

use super::codec;
use super::dedup::Heard;
use super::error::RadioError;
use super::frame::{self, FrameError, Head};
use crate::networks::payloads;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::services::lorawan_devices::{self, AbpSession, DeviceId};
use app::backend::services::uplinks::{self, Claim, CounterClaim, Uplink, UplinkOutcome};
use app::backend::state::Settings;
use app::model::ids::MeterId;
use app::model::lorawan::{DevAddr, SessionKey};
use app::model::region::Region;
use base64::Engine;
use std::collections::{HashMap, HashSet};

/// What a downlink needs to know about the uplink it answers. Its `Debug`
/// shows no key.
#[derive(Debug, Clone)]
pub struct Answer {
    pub meter: MeterId,
    pub device: DeviceId,
    pub dev_addr: DevAddr,
    pub region: Region,
    pub nwk_s_key: SessionKey,
    pub app_s_key: SessionKey,
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

/// A frame whose MIC matched a session and whose counter is new here.
struct Verified<'s> {
    index: usize,
    session: &'s AbpSession,
    dev_addr: DevAddr,
    codec_error: Option<codec::CodecError>,
}

/// Processes `frames`; the answers come back in the same order.
pub async fn process(
    db: &Db,
    settings: &Settings,
    metrics: &Metrics,
    frames: &[Heard],
) -> Result<Vec<Processed>, RadioError> {
    let mut out: Vec<Option<Processed>> = vec![None; frames.len()];
    let mut parsed: Vec<(usize, Head, Vec<u8>)> = Vec::new();
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
    let addrs: Vec<DevAddr> =
        parsed.iter().map(|(_, h, _)| DevAddr(h.dev_addr)).collect::<HashSet<_>>().into_iter().collect();
    let sessions = lorawan_devices::sessions(db, &addrs).await?;

    // Counters as this batch moves them, so two frames of one device in one
    // batch are checked against each other too.
    let mut last: HashMap<DeviceId, Option<u32>> = HashMap::new();
    let mut verified = Vec::new();
    let mut sent = Vec::new();
    let mut payloads_sent = Vec::new();
    for (i, head, bytes) in parsed {
        let dev_addr = DevAddr(head.dev_addr);
        let Some(candidates) = sessions.get(&dev_addr) else {
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
            if let Ok(opened) = frame::open(&bytes, s.nwk_s_key.bytes(), s.app_s_key.bytes(), fcnt) {
                chosen = Some((s, fcnt, opened));
                break;
            }
        }
        let Some((session, fcnt, opened)) = chosen else {
            out[i] = Some(Processed::dropped(stale.unwrap_or("bad_mic")));
            continue;
        };
        last.insert(session.device, Some(fcnt));
        let (report, codec_error) = payloads::report_of(opened.f_port, &opened.payload);
        payloads_sent.push(payloads::Payload { f_port: opened.f_port, data: opened.payload.clone() });
        let rx = &frames[i].rx;
        sent.push(Uplink {
            device: app::model::meter::DeviceId::DevEui(session.dev_eui.clone()),
            claim: Some(Claim::Counter(CounterClaim { device: session.device, fcnt })),
            heard_at: None,
            via: None,
            report,
            rssi: Some(i64::from(rx.rssi)),
            snr_tenths: Some((rx.lsnr * 10.0).round() as i64),
        });
        verified.push(Verified { index: i, session, dev_addr, codec_error });
    }

    let scripted = payloads::with_scripts(db, &mut sent, &payloads_sent).await?;
    for i in &scripted.by_script {
        // The model's script read it: the built-in codec's complaint is moot.
        verified[*i].codec_error = None;
    }
    for (i, e) in &scripted.failed {
        tracing::info!(device = ?sent[*i].device, error = %e, "the model's codec script failed");
        metrics.radio("codec_error");
    }
    let outcomes = uplinks::apply(db, settings, &sent).await?;
    for (v, outcome) in verified.into_iter().zip(outcomes) {
        if let Some(e) = &v.codec_error
            && outcome != UplinkOutcome::Duplicate
        {
            tracing::info!(dev_eui = %v.session.dev_eui, error = %e, "codec stopped early");
            metrics.radio("codec_error");
        }
        out[v.index] = Some(match outcome {
            UplinkOutcome::Heard { meter, commands_waiting, .. } => Processed {
                outcome: outcome.label(),
                answer: Some(Answer {
                    meter,
                    device: v.session.device,
                    dev_addr: v.dev_addr,
                    region: v.session.region,
                    nwk_s_key: v.session.nwk_s_key.clone(),
                    app_s_key: v.session.app_s_key.clone(),
                    commands_waiting,
                }),
            },
            _ => Processed::dropped(outcome.label()),
        });
    }
    Ok(out.into_iter().map(|p| p.unwrap_or(Processed::dropped("internal_error"))).collect())
}

#[cfg(test)]
mod tests {
    use super::Answer;
    use app::model::ids::MeterId;
    use app::model::lorawan::{DevAddr, SessionKey};
    use app::model::region::Region;

    #[test]
    fn an_answer_prints_no_key() {
        let key = |b: &str| SessionKey::parse(&b.repeat(16)).unwrap();
        let answer = Answer {
            meter: MeterId(1),
            device: 2,
            dev_addr: DevAddr(3),
            region: Region::Eu868,
            nwk_s_key: key("ab"),
            app_s_key: key("cd"),
            commands_waiting: false,
        };
        let printed = format!("{answer:?} {answer:#?}");
        assert!(printed.contains("SessionKey(***)"), "{printed}");
        for byte in ["171", "205", "ab", "cd"] {
            assert!(!printed.contains(&format!("{byte}, {byte}")) && !printed.contains(&byte.repeat(4)), "{printed}");
        }
    }
}
