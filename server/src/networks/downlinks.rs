//! Commands for meters a network server serves: every second each queued
//! command is taken in the database (so one replica hands it over), encoded
//! by the codec and given to the network's `Sink` under an id of ours, which
//! the network's later events name. A command the codec cannot carry fails
//! at once; one the network would not take is queued again.

use crate::networks::payloads;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::services::commands;
use app::backend::store::commands::Routed;
use app::model::command::CommandInfo;
use app::model::network::Network;
use std::sync::Arc;
use std::time::Duration;

/// How often queued commands are looked for.
const TICK: Duration = Duration::from_secs(1);
/// Commands handed over per round, at most.
const ROUND: i64 = 500;

/// Why a downlink may not be in a network server's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotTaken {
    /// The network surely does not have it (refused, unreachable): it may
    /// be handed over again.
    Refused(String),
    /// It may have it (no answer in time, a server error after the request
    /// went out): handing it over again could deliver it twice, so it waits
    /// for the network's word or its expiry.
    Unknown(String),
}

/// How a network server takes a downlink into its queue.
#[async_trait::async_trait]
pub trait Sink: Send + Sync {
    /// Queues `payload` on `f_port` for the device `to` names, under
    /// `reference`.
    async fn send(&self, to: &Routed, reference: &str, f_port: u8, payload: &[u8]) -> Result<(), NotTaken>;
}

/// Hands queued commands of `network`'s meters to `sink`, for ever.
pub async fn publisher(db: Db, metrics: Arc<Metrics>, network: Network, sink: Arc<dyn Sink>) {
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(e) = round(&db, &metrics, network, sink.as_ref()).await {
            tracing::error!(error = %e, network = network.code(), "commands not handed over");
        }
    }
}

/// A command taken to hand to a network: the id it travels under, and its
/// port and payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub reference: String,
    pub f_port: u8,
    pub payload: Vec<u8>,
}

/// Takes a queued command to hand to `network`: encoded and moved to sent
/// under a fresh id. `None` when the codec cannot carry it (it fails, with
/// why) or another replica took it first.
pub async fn take(
    db: &Db,
    metrics: &Metrics,
    network: Network,
    command: &CommandInfo,
) -> Result<Option<Taken>, ServiceError> {
    let (f_port, payload) = match payloads::downlink_with(db, command).await? {
        Ok(d) => d,
        Err(why) => {
            metrics.network(network.code(), "downlink_unsendable");
            commands::fail_unsendable(db, command.id, &why).await?;
            return Ok(None);
        }
    };
    let reference = app::backend::auth::random_uuid();
    let taken = commands::hand_over(db, command.id, network, &reference).await?;
    Ok(taken.then_some(Taken { reference, f_port, payload }))
}

/// One round: every due command handed over, failed or queued again.
pub async fn round(db: &Db, metrics: &Metrics, network: Network, sink: &dyn Sink) -> Result<(), ServiceError> {
    let label = network.code();
    for routed in commands::due_through(db, network, ROUND).await? {
        let Some(Taken { reference, f_port, payload }) = take(db, metrics, network, &routed.command).await? else {
            continue;
        };
        match sink.send(&routed, &reference, f_port, &payload).await {
            Ok(()) => metrics.network(label, "downlink_enqueued"),
            Err(NotTaken::Refused(why)) => {
                metrics.network(label, "downlink_not_enqueued");
                tracing::warn!(network = label, %why, "a downlink was not taken; it will be tried again");
                commands::take_back(db, routed.command.id, network, &why).await?;
            }
            Err(NotTaken::Unknown(why)) => {
                metrics.network(label, "downlink_unknown");
                tracing::warn!(network = label, %why, "a downlink may or may not have been taken; not sent again");
            }
        }
    }
    Ok(())
}
