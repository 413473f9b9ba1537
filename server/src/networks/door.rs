//! What every network server's door hands on, once translated from its own
//! messages: uplinks go to the uplink service (claimed once by the event id
//! the network gives, the route to the meter noted), what becomes of a
//! downlink goes to the command service, the rest to the network log. Each
//! door only translates; this is the one place that decides what happens.

use crate::networks::payloads;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::services::commands;
use app::backend::services::networks::{self, LogEntry};
use app::backend::services::uplinks::{self, Claim, Uplink, UplinkOutcome};
use app::backend::state::Settings;
use app::model::meter::DeviceId;
use app::model::network::{Network, Route};
use app::model::time::Timestamp;

/// One thing a network server said, in the platform's terms.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// A device's uplink, its application payload already decrypted.
    Up(HeardUp),
    /// A gateway transmitted the downlink that carried `reference`.
    Transmitted { reference: String, gateway: Option<String> },
    /// The device acknowledged (or, `received` false, did not acknowledge)
    /// the confirmed downlink that carried `reference`.
    Acknowledged { reference: String, received: bool },
    /// The network could not send the downlink that carried `reference`.
    NotSent { reference: String, why: String },
    /// Something about a device that is not a reading.
    Log(LogEntry),
    /// Nothing Meterline acts on (status, location, ...).
    Ignored,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeardUp {
    /// The meter's device: its DevEUI, or its IMEI on a cellular network.
    pub device: DeviceId,
    pub route: Route,
    /// The network's id of this uplink, the same in every copy it delivers.
    pub id: String,
    pub at: Option<Timestamp>,
    pub f_port: Option<u8>,
    pub data: Vec<u8>,
    pub rssi: Option<i64>,
    pub snr_tenths: Option<i64>,
}

/// Takes a batch; answers what became of its uplinks, in order. An error
/// leaves its uplinks untaken (the uplink service writes all or nothing): the
/// caller tries the batch again, and what was taken before is recognised.
pub async fn take(
    db: &Db,
    settings: &Settings,
    metrics: &Metrics,
    network: Network,
    batch: &[Heard],
) -> Result<Vec<UplinkOutcome>, ServiceError> {
    let label = network.code();
    let mut ups = Vec::new();
    let mut sent = Vec::new();
    let mut codec_errors = Vec::new();
    let mut log = Vec::new();
    for heard in batch {
        match heard {
            Heard::Up(up) => {
                let (report, codec_error) = payloads::report_of(up.f_port, &up.data);
                codec_errors.push(codec_error);
                ups.push(Uplink {
                    device: up.device.clone(),
                    claim: Some(Claim::Event { network, id: up.id.clone() }),
                    heard_at: up.at,
                    via: Some(up.route.clone()),
                    report,
                    rssi: up.rssi,
                    snr_tenths: up.snr_tenths,
                });
                sent.push(payloads::Payload { f_port: up.f_port, data: up.data.clone() });
            }
            Heard::Log(entry) => log.push(entry.clone()),
            Heard::Ignored => metrics.network(label, "ignored"),
            Heard::Transmitted { .. } | Heard::Acknowledged { .. } | Heard::NotSent { .. } => {}
        }
    }
    let scripted = payloads::with_scripts(db, &mut ups, &sent).await?;
    for (i, e) in &scripted.failed {
        tracing::info!(device = ?ups[*i].device, error = %e, network = label, "the model's codec script failed");
        metrics.network(label, "codec_error");
    }
    // The built-in codec's complaints count only where it is the meter's codec.
    for (i, e) in codec_errors.iter().enumerate().filter(|(i, _)| !scripted.by_script.contains(i)) {
        if let Some(e) = e {
            tracing::info!(device = ?ups[i].device, error = %e, network = label, "codec stopped early");
            metrics.network(label, "codec_error");
        }
    }
    // Uplinks first: a report in this batch may settle what a later event names.
    let outcomes = uplinks::apply(db, settings, &ups).await?;
    for outcome in &outcomes {
        metrics.network(label, outcome.label());
    }
    for heard in batch {
        let settled = match heard {
            Heard::Transmitted { reference, gateway } => {
                commands::transmitted(db, network, reference, gateway.as_deref()).await?
            }
            Heard::Acknowledged { reference, received } => {
                commands::delivered(db, network, reference, *received).await?
            }
            Heard::NotSent { reference, why } => commands::not_sent(db, network, reference, why).await?,
            _ => continue,
        };
        if settled.is_none() {
            // Not one of ours: another integration's downlink.
            tracing::debug!(network = label, "news of a downlink that is not ours");
            metrics.network(label, "ack_unknown");
        }
    }
    networks::record(db, &log).await?;
    for _ in &log {
        metrics.network(label, "logged");
    }
    Ok(outcomes)
}
