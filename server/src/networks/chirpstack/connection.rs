//! The MQTT session with ChirpStack's broker. MQTT v5, so that the broker
//! may hand us many unacknowledged events at once (the receive maximum) and
//! keeps our session, subscriptions and undelivered events while we are
//! away (clean start off, a session expiry). An event is acknowledged only
//! after the batch it came in was taken: nothing acknowledged is lost, and
//! what comes again is a duplicate the uplink service recognises.

use super::events;
use super::{ChirpstackConfig, door, downlinks};
use crate::networks::door::Heard;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::state::Settings;
use app::model::network::Network;
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::mqttbytes::v5::{Packet, Publish};
use rumqttc::v5::{AsyncClient, Event as MqttEvent, EventLoop, MqttOptions};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How many events the broker may have on their way to us unacknowledged.
const RECEIVE_MAXIMUM: u16 = 2_000;
/// How long the broker keeps our session while we are away.
const SESSION_EXPIRY_SECONDS: u32 = 7 * 86_400;
/// Events taken in one transaction, at most.
const BATCH: usize = 1_000;
/// How long a batch waits for more events once it has one.
const LINGER: Duration = Duration::from_millis(5);

/// The running connection; `stop` ends it (the broker keeps the session).
pub struct Handle {
    clients: [AsyncClient; 2],
    tasks: Vec<JoinHandle<()>>,
}

impl Handle {
    /// Disconnects and stops the connection's tasks.
    pub async fn stop(self) {
        for c in &self.clients {
            let _ = c.disconnect().await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        for t in self.tasks {
            t.abort();
        }
    }
}

fn options(config: &ChirpstackConfig) -> MqttOptions {
    let mut o = MqttOptions::new(config.client_id.clone(), config.host.clone(), config.port);
    o.set_keep_alive(Duration::from_secs(30))
        .set_clean_start(false)
        .set_session_expiry_interval(Some(SESSION_EXPIRY_SECONDS))
        .set_receive_maximum(Some(RECEIVE_MAXIMUM))
        .set_manual_acks(true)
        .set_max_packet_size(Some(1 << 20));
    reach(&mut o, config);
    o
}

/// The connection downlinks are published on: its own, so that a backlog
/// of events to acknowledge never holds a command up, nor a command the
/// acknowledgements. It subscribes to nothing; its session keeps a publish
/// in flight across a reconnect.
fn downlink_options(config: &ChirpstackConfig) -> MqttOptions {
    let mut o = MqttOptions::new(format!("{}-downlinks", config.client_id), config.host.clone(), config.port);
    o.set_keep_alive(Duration::from_secs(30))
        .set_clean_start(false)
        .set_session_expiry_interval(Some(SESSION_EXPIRY_SECONDS))
        .set_max_packet_size(Some(1 << 20));
    reach(&mut o, config);
    o
}

/// TLS when the broker asks for it, and the credentials (the simulator's
/// ChirpStack reaches its broker the same way).
pub fn reach(o: &mut MqttOptions, config: &ChirpstackConfig) {
    if let Some(tls) = &config.tls {
        o.set_transport(rumqttc::Transport::tls_with_config(rumqttc::TlsConfiguration::Rustls(tls.clone())));
    }
    if let Some(user) = &config.username {
        o.set_credentials(user.clone(), config.password.as_ref().map(|p| p.expose().to_owned()).unwrap_or_default());
    }
}

/// Connects (and keeps reconnecting) to the broker, takes the events of the
/// applications followed and publishes the commands of the meters
/// ChirpStack serves.
pub fn start(db: Db, settings: Settings, metrics: Arc<Metrics>, config: ChirpstackConfig) -> Handle {
    let (client, eventloop) = AsyncClient::new(options(&config), 4_096);
    let (publisher, publisher_loop) = AsyncClient::new(downlink_options(&config), 1_024);
    // Unbounded, so that the loop driving the connection never waits on the
    // database: the broker's receive maximum bounds what is in it (twice
    // that after a reconnect, when unacknowledged events come again).
    let (events, received) = mpsc::unbounded_channel();
    let filters = config.filters();
    let tasks = vec![
        tokio::spawn(pump(eventloop, client.clone(), filters, events, metrics.clone())),
        tokio::spawn(taker(db.clone(), settings, metrics.clone(), client.clone(), received)),
        tokio::spawn(keep_up(publisher_loop, metrics.clone())),
        tokio::spawn(crate::networks::downlinks::publisher(
            db,
            metrics,
            Network::ChirpStack,
            Arc::new(downlinks::Publish(publisher.clone())),
        )),
    ];
    Handle { clients: [client, publisher], tasks }
}

/// The growing pause between attempts to reach the broker.
struct Backoff(Duration);

impl Backoff {
    const FIRST: Duration = Duration::from_millis(250);

    fn reset(&mut self) {
        self.0 = Self::FIRST;
    }

    /// Counts and logs a lost connection, then waits before the next try.
    async fn after(&mut self, metrics: &Metrics, what: &str, error: &rumqttc::v5::ConnectionError) {
        metrics.network("chirpstack", "connection_lost");
        tracing::warn!(%error, retry_in_ms = self.0.as_millis() as u64, "ChirpStack's MQTT broker unreachable for {what}");
        tokio::time::sleep(self.0).await;
        self.0 = (self.0 * 2).min(Duration::from_secs(30));
    }
}

/// Drives the downlink connection, reconnecting after a failure.
async fn keep_up(mut eventloop: EventLoop, metrics: Arc<Metrics>) {
    let mut backoff = Backoff(Backoff::FIRST);
    loop {
        match eventloop.poll().await {
            Ok(MqttEvent::Incoming(Packet::ConnAck(_))) => backoff.reset(),
            Ok(_) => {}
            Err(e) => backoff.after(&metrics, "downlinks", &e).await,
        }
    }
}

/// Drives the connection: reconnects after a failure (with a growing pause),
/// subscribes on every connect, passes events on.
async fn pump(
    mut eventloop: EventLoop,
    client: AsyncClient,
    filters: Vec<String>,
    events: mpsc::UnboundedSender<Publish>,
    metrics: Arc<Metrics>,
) {
    let mut backoff = Backoff(Backoff::FIRST);
    loop {
        match eventloop.poll().await {
            Ok(MqttEvent::Incoming(Packet::ConnAck(_))) => {
                backoff.reset();
                tracing::info!("connected to ChirpStack's MQTT broker");
                for f in &filters {
                    // Not awaited in the loop that drives the connection: the
                    // request queue is far from full at connect.
                    if let Err(e) = client.try_subscribe(f.clone(), QoS::AtLeastOnce) {
                        tracing::error!(filter = %f, error = %e, "cannot subscribe to ChirpStack's events");
                    }
                }
            }
            Ok(MqttEvent::Incoming(Packet::Publish(p))) => {
                if events.send(p).is_err() {
                    return;
                }
            }
            Ok(MqttEvent::Incoming(Packet::SubAck(ack))) => {
                let refused = ack
                    .return_codes
                    .iter()
                    .any(|c| !matches!(c, rumqttc::v5::mqttbytes::v5::SubscribeReasonCode::Success(_)));
                if refused {
                    tracing::error!(codes = ?ack.return_codes, "the broker refused a subscription to ChirpStack's events");
                }
            }
            Ok(_) => {}
            Err(e) => backoff.after(&metrics, "events", &e).await,
        }
    }
}

/// Takes events in batches; acknowledges a batch to the broker once taken,
/// and tries a batch the database refused again until it is taken.
async fn taker(
    db: Db,
    settings: Settings,
    metrics: Arc<Metrics>,
    client: AsyncClient,
    mut received: mpsc::UnboundedReceiver<Publish>,
) {
    let mut batch: Vec<Publish> = Vec::with_capacity(BATCH);
    loop {
        let Some(first) = received.recv().await else { return };
        batch.push(first);
        let deadline = tokio::time::Instant::now() + LINGER;
        while batch.len() < BATCH {
            match tokio::time::timeout_at(deadline, received.recv()).await {
                Ok(Some(p)) => batch.push(p),
                Ok(None) | Err(_) => break,
            }
        }
        let read: Vec<Heard> = batch.iter().filter_map(|p| read(p, &metrics)).collect();
        let mut pause = Duration::from_millis(100);
        while let Err(e) = crate::networks::door::take(&db, &settings, &metrics, Network::ChirpStack, &read).await {
            metrics.network("chirpstack", "batch_retried");
            tracing::error!(error = %e, events = read.len(), "ChirpStack events not taken; trying again");
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(10));
        }
        for p in batch.drain(..) {
            if let Err(e) = client.ack(&p).await {
                tracing::warn!(error = %e, "cannot acknowledge a ChirpStack event (it will come again)");
            }
        }
    }
}

/// An event as read, or `None` (counted and logged) when it is not one: it
/// cannot become one by trying again, so it is acknowledged all the same.
fn read(p: &Publish, metrics: &Metrics) -> Option<Heard> {
    let name = String::from_utf8_lossy(&p.topic);
    let read = events::topic(&name).and_then(|t| events::event(&t, &p.payload).map(|e| door::heard(&t, e)));
    match read {
        Ok(x) => Some(x),
        Err(why) => {
            metrics.network("chirpstack", "malformed");
            tracing::warn!(%why, "not a ChirpStack event");
            None
        }
    }
}
