//! The Semtech UDP door's transport: the socket, gateway datagrams in,
//! acknowledgements out, and the batcher that hands deduplicated frames to
//! the uplink pipeline and its answers to downlink scheduling.

use super::dedup::{Dedup, Heard};
use super::downlink::Downlinks;
use super::gateways::{GatewayCheck, KnownGateways};
use super::gwmp::{self, Datagram};
use super::uplinks;
use crate::addresses::AllowList;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::services::commands;
use app::backend::state::Settings;
use app::model::gateway::GatewayStat;
use app::model::ids::GatewayEui;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::UdpSocket;

/// Everything the door needs.
#[derive(Clone)]
pub struct Door {
    pub db: Db,
    pub settings: Settings,
    pub metrics: Arc<Metrics>,
    pub(super) downlinks: Arc<Downlinks>,
    dedup: Arc<Dedup>,
    gateways: Arc<KnownGateways>,
    /// Source addresses datagrams are taken from (everyone when empty).
    allowed: Arc<AllowList>,
}

impl Door {
    pub fn new(db: Db, settings: Settings, metrics: Arc<Metrics>) -> Self {
        Self {
            db,
            settings,
            metrics,
            downlinks: Arc::default(),
            dedup: Arc::default(),
            gateways: Arc::default(),
            allowed: Arc::default(),
        }
    }

    /// Takes datagrams only from these addresses.
    pub fn allowing(mut self, allowed: AllowList) -> Self {
        self.allowed = Arc::new(allowed);
        self
    }
}

/// Binds the door and serves it on a task; returns the bound address.
pub async fn start(addr: SocketAddr, door: Door) -> std::io::Result<SocketAddr> {
    let socket = Arc::new(bind(addr)?);
    let local = socket.local_addr()?;
    tokio::spawn(door.clone().batcher(socket.clone()));
    tokio::spawn(async move {
        let mut buf = vec![0_u8; 65_536];
        loop {
            let (len, from) = match socket.recv_from(&mut buf).await {
                Ok(x) => x,
                Err(e) => {
                    // ICMP errors from earlier sends surface here on some systems: keep serving.
                    tracing::debug!(error = %e, "udp receive error");
                    continue;
                }
            };
            if !door.allowed.allows(from.ip()) {
                door.metrics.radio("source_not_allowed");
                continue;
            }
            // In arrival order and without waiting on the database (which
            // tasks do), so frames of one device keep their order.
            door.datagram(&socket, from, &buf[..len]);
        }
    });
    Ok(local)
}

/// The receive buffer we ask for: a burst of datagrams while the door is busy
/// waits here instead of being dropped by the kernel (which caps the size at
/// `net.core.rmem_max`; raise that on a busy server).
const RECEIVE_BUFFER: usize = 8 << 20;

fn bind(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    let socket = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::DGRAM, None)?;
    if let Err(e) = socket.set_recv_buffer_size(RECEIVE_BUFFER) {
        tracing::warn!(error = %e, "cannot enlarge the UDP receive buffer");
    }
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    UdpSocket::from_std(socket.into())
}

impl Door {
    fn datagram(&self, socket: &Arc<UdpSocket>, from: SocketAddr, bytes: &[u8]) {
        let parsed = match gwmp::parse(bytes) {
            Ok(p) => p,
            Err(e) => {
                tracing::debug!(error = %e, %from, "malformed datagram");
                self.metrics.radio("malformed_datagram");
                return;
            }
        };
        let gw = match &parsed {
            Datagram::PushData { gateway, .. }
            | Datagram::PullData { gateway, .. }
            | Datagram::TxAck { gateway, .. } => GatewayEui::from_bytes(*gateway),
        };
        let stat = match &parsed {
            Datagram::PushData { stat: Some(stat), .. } => Some(stat.to_model()),
            _ => None,
        };
        match self.gateways.check(&gw, stat.is_some()) {
            GatewayCheck::Known { touch } => {
                if touch {
                    let (door, gw) = (self.clone(), gw.clone());
                    tokio::spawn(async move { door.gateways.refresh(&door.db, &gw, &GatewayStat::default()).await });
                }
                self.handle(socket, from, gw, parsed);
            }
            GatewayCheck::Unknown => self.metrics.radio("unregistered_gateway"),
            GatewayCheck::Ask => {
                // Not seen lately: the database decides, off the receive loop.
                let (door, socket) = (self.clone(), socket.clone());
                tokio::spawn(async move {
                    match door.gateways.refresh(&door.db, &gw, &stat.unwrap_or_default()).await {
                        Some(true) => door.handle(&socket, from, gw, parsed),
                        Some(false) => door.metrics.radio("unregistered_gateway"),
                        None => {}
                    }
                });
            }
        }
    }

    /// A datagram from a registered gateway.
    fn handle(&self, socket: &Arc<UdpSocket>, from: SocketAddr, gw: GatewayEui, parsed: Datagram) {
        match parsed {
            Datagram::PushData { token, rxpk, .. } => {
                // A full send buffer loses the ack; the gateway counts it and carries on.
                let _ = socket.try_send_to(&gwmp::ack(gwmp::PUSH_ACK, token), from);
                for rx in rxpk {
                    // The first copy waits for the others; across replicas the
                    // counter claim still lets only one through.
                    if self.dedup.hear(gw.clone(), rx) {
                        self.metrics.radio("duplicate");
                    }
                }
            }
            Datagram::PullData { token, .. } => {
                self.downlinks.pulled(gw, from);
                let _ = socket.try_send_to(&gwmp::ack(gwmp::PULL_ACK, token), from);
            }
            Datagram::TxAck { token, error, .. } => {
                let command = self.downlinks.acknowledged(token);
                match error.as_deref() {
                    None | Some("NONE") | Some("") => self.metrics.radio("tx_ack_ok"),
                    Some(why) => {
                        self.metrics.radio("tx_ack_error");
                        if let Some(id) = command {
                            let (db, why) = (self.db.clone(), why.to_owned());
                            tokio::spawn(async move {
                                if let Err(e) = commands::requeue(&db, id, &why).await {
                                    tracing::error!(error = %e, "requeue failed");
                                }
                            });
                        }
                    }
                }
            }
        }
    }

    /// Takes the frames whose dedup window has passed, in batches, for as
    /// long as the door runs; one commit serves a whole batch.
    async fn batcher(self, socket: Arc<UdpSocket>) {
        loop {
            let ripe = self.dedup.ripe().await;
            if !ripe.is_empty() {
                self.uplinks(&socket, ripe).await;
            }
        }
    }

    /// One batch of frames: processed together; if the batch fails, each
    /// frame alone, so one bad frame costs only itself. Then the downlinks.
    async fn uplinks(&self, socket: &UdpSocket, frames: Vec<Heard>) {
        // Join-Requests open sessions, one by one, apart from the batch (a
        // batch tried again frame by frame must not take a join twice), and
        // after it: their window opens in 5 s, the data frames' in 1 s.
        let (joins, frames): (Vec<Heard>, Vec<Heard>) = frames.into_iter().partition(super::accepts::is_join);
        if !frames.is_empty() {
            self.data_frames(socket, frames).await;
        }
        self.joins(socket, &joins).await;
    }

    async fn data_frames(&self, socket: &UdpSocket, frames: Vec<Heard>) {
        let results = match uplinks::process(&self.db, &self.settings, &self.metrics, &frames).await {
            Ok(results) => results,
            Err(e) if frames.len() > 1 => {
                tracing::warn!(error = %e, frames = frames.len(), "uplink batch failed; processing its frames one by one");
                let mut results = Vec::with_capacity(frames.len());
                for frame in &frames {
                    results.push(self.one(frame).await);
                }
                results
            }
            Err(e) => {
                tracing::error!(error = %e, "uplink failed");
                vec![uplinks::Processed::dropped("internal_error")]
            }
        };
        for (frame, processed) in frames.iter().zip(results) {
            self.metrics.radio(processed.outcome);
            if let Some(answer) = processed.answer.filter(|a| a.commands_waiting)
                && let Err(e) = self.downlink(socket, &frame.gw, &frame.rx, answer).await
            {
                tracing::error!(error = %e, "downlink failed");
            }
        }
    }

    async fn one(&self, frame: &Heard) -> uplinks::Processed {
        match uplinks::process(&self.db, &self.settings, &self.metrics, std::slice::from_ref(frame)).await {
            Ok(mut p) if p.len() == 1 => p.remove(0),
            Ok(_) => uplinks::Processed::dropped("internal_error"),
            Err(e) => {
                tracing::error!(error = %e, "uplink failed");
                uplinks::Processed::dropped("internal_error")
            }
        }
    }
}
