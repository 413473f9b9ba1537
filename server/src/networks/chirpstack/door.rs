//! A batch of ChirpStack events, translated: `up` events become uplinks of
//! the uplink service (claimed once by their deduplicationId, the route to
//! the meter noted), `ack` and `txack` settle what the command service
//! handed over, `log` and `join` events are kept in the network log.

use super::events::{Event, Topic};
use crate::networks::payloads;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::services::commands;
use app::backend::services::networks::{self, LogEntry};
use app::backend::services::uplinks::{self, Claim, Uplink};
use app::backend::state::Settings;
use app::model::network::{Network, Route};

const NETWORK: Network = Network::ChirpStack;
const METRIC: &str = "chirpstack";

/// Takes a batch of events. An error leaves the batch untaken (nothing of
/// it written by the uplink service): the caller tries it again.
pub async fn take(
    db: &Db,
    settings: &Settings,
    metrics: &Metrics,
    batch: &[(Topic, Event)],
) -> Result<(), ServiceError> {
    let mut ups = Vec::new();
    let mut log = Vec::new();
    for (topic, event) in batch {
        match event {
            Event::Up(up) => {
                let (report, codec_error) = payloads::report_of(up.f_port, &up.data);
                if let Some(e) = codec_error {
                    tracing::info!(dev_eui = %topic.dev_eui, error = %e, "codec stopped early");
                    metrics.network(METRIC, "codec_error");
                }
                ups.push(Uplink {
                    dev_eui: topic.dev_eui.clone(),
                    claim: Some(Claim::Event { network: NETWORK, id: up.id.clone() }),
                    heard_at: up.at,
                    via: Some(Route {
                        network: NETWORK,
                        application: topic.application.clone(),
                        device: topic.dev_eui.to_string(),
                    }),
                    report,
                    rssi: up.rssi,
                    snr_tenths: up.snr_tenths,
                });
            }
            Event::Log(l) => log.push(LogEntry {
                network: NETWORK,
                dev_eui: topic.dev_eui.clone(),
                level: l.level.clone(),
                code: l.code.clone(),
                description: l.description.clone(),
                at: l.at.unwrap_or_else(app::backend::clock::now),
            }),
            Event::Join { at, dev_addr } => log.push(LogEntry {
                network: NETWORK,
                dev_eui: topic.dev_eui.clone(),
                level: "INFO".into(),
                code: "JOIN".into(),
                description: match dev_addr {
                    Some(a) => format!("joined the network as DevAddr {a}"),
                    None => "joined the network".into(),
                },
                at: at.unwrap_or_else(app::backend::clock::now),
            }),
            Event::Ack { .. } | Event::TxAck { .. } | Event::Ignored => {}
        }
    }
    // Uplinks first: a report in this batch may settle what a later ack names.
    for outcome in uplinks::apply(db, settings, &ups).await? {
        metrics.network(METRIC, outcome.label());
    }
    for (topic, event) in batch {
        let settled = match event {
            Event::Ack { queue_item, acknowledged } => {
                commands::delivered(db, NETWORK, queue_item, *acknowledged).await?
            }
            Event::TxAck { queue_item, gateway } => {
                commands::transmitted(db, NETWORK, queue_item, gateway.as_deref()).await?
            }
            Event::Ignored => {
                metrics.network(METRIC, "ignored");
                continue;
            }
            _ => continue,
        };
        if settled.is_none() {
            // Not one of ours: another integration's downlink.
            tracing::debug!(dev_eui = %topic.dev_eui, "acknowledgement of an unknown queue item");
            metrics.network(METRIC, "ack_unknown");
        }
    }
    networks::record(db, &log).await?;
    for _ in &log {
        metrics.network(METRIC, "logged");
    }
    Ok(())
}
