//! The UDP listener: acknowledges gateways, keeps their status, and turns
//! each received frame into a verified, decrypted, decoded reading.

use super::codec;
use super::frame;
use super::gwmp::{self, Datagram, Rxpk, Stat};
use super::uplinks::{self, Answer, BoxError, Heard};
use crate::ops::Metrics;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::commands;
use app::backend::state::Settings;
use app::model::command::CommandKind;
use app::model::ids::CommandId;
use app::model::ids::MeterId;
use base64::Engine;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::Notify;

/// Everything the door needs.
#[derive(Clone)]
pub struct Door {
    pub db: Db,
    pub settings: Settings,
    pub metrics: Arc<Metrics>,
    /// Where each gateway's PULL_DATA came from (its downlink path), and which
    /// command each PULL_RESP token carried. Transport state of this socket.
    pub links: Arc<Links>,
    /// Source addresses datagrams are taken from (everyone when empty).
    pub allowed: Arc<super::allow::AllowList>,
}

#[derive(Debug, Default)]
pub struct Links {
    pull: Mutex<HashMap<String, SocketAddr>>,
    /// PULL_RESP token → the command it carried and when it left; entries
    /// whose TX_ACK never came are dropped after `TX_ACK_WAIT`.
    sent: Mutex<HashMap<u16, (CommandId, Instant)>>,
    /// Frames heard in the last `DEDUP_WINDOW`, waiting for other copies.
    heard: Mutex<Pending>,
    /// Wakes the batcher when a frame arrives while none waits.
    wake: Notify,
    /// Gateways recently looked up: registered or not, and when we last
    /// wrote their last-seen time.
    gateways: Mutex<HashMap<String, (bool, Instant)>>,
}

/// Frames waiting out their dedup window: the best copy of each by payload,
/// and the payloads in the order they were first heard.
#[derive(Debug, Default)]
struct Pending {
    best: HashMap<String, Heard>,
    order: VecDeque<(Instant, String)>,
}

/// How long the door waits for other gateways' copies of a frame before it
/// processes the best one. RX1 opens a second after the uplink ends, so the
/// downlink still has ample time.
pub const DEDUP_WINDOW: Duration = Duration::from_millis(100);

/// The most frames one batch takes: bounds one transaction's size; more waiting
/// frames go in the next batch, straight after.
const MAX_BATCH: usize = 2_000;

/// How often a gateway's last-seen time is written while it keeps sending
/// (its `stat` is always written): a busy gateway sends many datagrams a
/// second, and the online window is minutes.
const GATEWAY_TOUCH_EVERY: Duration = Duration::from_secs(5);

/// A TX_ACK comes within milliseconds or not at all.
const TX_ACK_WAIT: Duration = Duration::from_secs(60);

/// The better of two copies of one frame: higher SNR, then stronger signal.
fn better(a: &Rxpk, b: &Rxpk) -> bool {
    (a.lsnr, a.rssi) > (b.lsnr, b.rssi)
}

impl Door {
    pub fn new(db: Db, settings: Settings, metrics: Arc<Metrics>) -> Self {
        Self { db, settings, metrics, links: Arc::default(), allowed: Arc::default() }
    }

    /// Takes datagrams only from these addresses.
    pub fn allowing(mut self, allowed: super::allow::AllowList) -> Self {
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

/// What the door knows of a gateway without asking the database.
enum GatewayCheck {
    /// Registered; `touch` when its last-seen time is due to be written.
    Known { touch: bool },
    /// Looked up lately and not registered.
    Unknown,
    /// Not looked up lately.
    Ask,
}

fn gateway_hex(id: [u8; 8]) -> String {
    id.iter().map(|b| format!("{b:02x}")).collect()
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
            | Datagram::TxAck { gateway, .. } => gateway_hex(*gateway),
        };
        let stat = match &parsed {
            Datagram::PushData { stat, .. } => stat.clone(),
            _ => None,
        };
        match self.gateway_check(&gw, stat.is_some()) {
            GatewayCheck::Known { touch } => {
                if touch {
                    let (door, gw) = (self.clone(), gw.clone());
                    tokio::spawn(async move { door.refresh_gateway(&gw, None).await });
                }
                self.handle(socket, from, gw, parsed);
            }
            GatewayCheck::Unknown => self.metrics.radio("unregistered_gateway"),
            GatewayCheck::Ask => {
                // Not seen lately: the database decides, off the receive loop.
                let (door, socket) = (self.clone(), socket.clone());
                tokio::spawn(async move {
                    match door.refresh_gateway(&gw, stat.as_ref()).await {
                        Some(true) => door.handle(&socket, from, gw, parsed),
                        Some(false) => door.metrics.radio("unregistered_gateway"),
                        None => {}
                    }
                });
            }
        }
    }

    /// A datagram from a registered gateway.
    fn handle(&self, socket: &Arc<UdpSocket>, from: SocketAddr, gw: String, parsed: Datagram) {
        match parsed {
            Datagram::PushData { token, rxpk, .. } => {
                // A full send buffer loses the ack; the gateway counts it and carries on.
                let _ = socket.try_send_to(&gwmp::ack(gwmp::PUSH_ACK, token), from);
                for rx in rxpk {
                    self.hear(gw.clone(), rx);
                }
            }
            Datagram::PullData { token, .. } => {
                if let Ok(mut pull) = self.links.pull.lock() {
                    pull.insert(gw, from);
                }
                let _ = socket.try_send_to(&gwmp::ack(gwmp::PULL_ACK, token), from);
            }
            Datagram::TxAck { token, error, .. } => {
                let command = self.links.sent.lock().ok().and_then(|mut sent| sent.remove(&token)).map(|(id, _)| id);
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

    /// Takes one received frame. The first copy waits `DEDUP_WINDOW` for the
    /// copies other gateways heard, then the best one is processed (its rssi
    /// and snr are stored, its gateway carries the downlink); the others are
    /// counted as duplicates. Across replicas the counter's conditional update
    /// still lets only one through.
    fn hear(&self, gw: String, rx: Rxpk) {
        let key = rx.data.trim().to_owned();
        let Ok(mut pending) = self.links.heard.lock() else { return };
        if let Some(best) = pending.best.get_mut(&key) {
            if better(&rx, &best.rx) {
                *best = Heard { gw, rx };
            }
            drop(pending);
            self.metrics.radio("duplicate");
            return;
        }
        if pending.order.is_empty() {
            self.links.wake.notify_one();
        }
        pending.order.push_back((Instant::now(), key.clone()));
        pending.best.insert(key, Heard { gw, rx });
    }

    /// Takes the frames whose dedup window has passed, in batches, for as
    /// long as the door runs. While one batch is written the next gathers,
    /// so batches grow with the load and one commit serves many frames.
    async fn batcher(self, socket: Arc<UdpSocket>) {
        loop {
            let due = self.links.heard.lock().ok().and_then(|p| p.order.front().map(|(at, _)| *at + DEDUP_WINDOW));
            match due {
                None => self.links.wake.notified().await,
                Some(due) => tokio::time::sleep_until(due.into()).await,
            }
            let ripe = self.ripe();
            if !ripe.is_empty() {
                self.uplinks(&socket, ripe).await;
            }
        }
    }

    fn ripe(&self) -> Vec<Heard> {
        let Ok(mut pending) = self.links.heard.lock() else { return Vec::new() };
        let mut ripe = Vec::new();
        while ripe.len() < MAX_BATCH && pending.order.front().is_some_and(|(at, _)| at.elapsed() >= DEDUP_WINDOW) {
            if let Some((_, key)) = pending.order.pop_front()
                && let Some(frame) = pending.best.remove(&key)
            {
                ripe.push(frame);
            }
        }
        ripe
    }

    /// One batch of frames: processed together; if the batch fails, each
    /// frame alone, so one bad frame costs only itself. Then the downlinks.
    async fn uplinks(&self, socket: &UdpSocket, frames: Vec<Heard>) {
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

    /// What memory says of a gateway. A known one is written as heard at most
    /// every `GATEWAY_TOUCH_EVERY`, in the background; one not seen lately,
    /// or sending a `stat` (stored before it is acknowledged), goes to the
    /// database first.
    fn gateway_check(&self, gw: &str, has_stat: bool) -> GatewayCheck {
        let Ok(mut gateways) = self.links.gateways.lock() else { return GatewayCheck::Ask };
        if has_stat {
            return GatewayCheck::Ask;
        }
        match gateways.get_mut(gw) {
            Some((true, at)) => {
                let touch = at.elapsed() >= GATEWAY_TOUCH_EVERY;
                if touch {
                    // Claimed now, so the datagrams behind this one do not also write.
                    *at = Instant::now();
                }
                GatewayCheck::Known { touch }
            }
            Some((false, at)) if at.elapsed() < GATEWAY_TOUCH_EVERY => GatewayCheck::Unknown,
            _ => GatewayCheck::Ask,
        }
    }

    /// Writes a gateway's last-seen time (and stat) and remembers whether it
    /// is registered; `None` when the database failed.
    async fn refresh_gateway(&self, gw: &str, stat: Option<&Stat>) -> Option<bool> {
        let known = match self.touch_gateway(gw, stat).await {
            Ok(known) => known,
            Err(e) => {
                tracing::error!(error = %e, "gateway lookup failed");
                return None;
            }
        };
        if let Ok(mut gateways) = self.links.gateways.lock() {
            if gateways.len() >= 10_000 {
                gateways.retain(|_, (_, at)| at.elapsed() < GATEWAY_TOUCH_EVERY);
            }
            gateways.insert(gw.to_owned(), (known, Instant::now()));
        }
        Some(known)
    }

    /// Marks a registered gateway as heard (and its stat); false if unknown.
    async fn touch_gateway(&self, gw: &str, stat: Option<&Stat>) -> Result<bool, sqlx::Error> {
        let s = stat.cloned().unwrap_or_default();
        let done = sqlx::query(
            "UPDATE gateways SET last_seen_at = $1,
                latitude_micro = COALESCE($2, latitude_micro), longitude_micro = COALESCE($3, longitude_micro),
                altitude = COALESCE($4, altitude), rx_packets = COALESCE($5, rx_packets), tx_packets = COALESCE($6, tx_packets)
             WHERE gw_id = $7",
        )
        .bind(now().0)
        .bind(s.lati.map(|v| (v * 1_000_000.0).round() as i64))
        .bind(s.long.map(|v| (v * 1_000_000.0).round() as i64))
        .bind(s.alti)
        .bind(s.rxnb.map(|v| v as i64))
        .bind(s.txnb.map(|v| v as i64))
        .bind(gw.to_owned())
        .execute(&self.db.pool)
        .await?;
        self.db.changed();
        Ok(done.rows_affected() > 0)
    }

    /// Sends the meter's next queued command in its RX1 window through the
    /// gateway that delivered the uplink, if that gateway gave us its pull path.
    async fn downlink(&self, socket: &UdpSocket, gw: &str, rx: &Rxpk, a: Answer) -> Result<(), BoxError> {
        let Some(command) = commands::next_queued(&self.db, MeterId(a.meter)).await? else {
            return Ok(());
        };
        let Some(target) = self.links.pull.lock().ok().and_then(|p| p.get(gw).copied()) else {
            self.metrics.radio("downlink_no_path");
            return Ok(());
        };
        let seq = commands::sequence(command.id);
        let order = match command.kind {
            CommandKind::CloseValve => codec::Order::CloseValve { seq },
            CommandKind::OpenValve => codec::Order::OpenValve { seq },
            CommandKind::Report => codec::Order::Report { seq },
            CommandKind::AddCredit => {
                let units: i64 = command.argument.parse().map_err(|_| "add_credit argument is not a number")?;
                let amount = app::model::tariff::to_device(app::model::fixed::Register::from_minor(units))
                    .ok_or("credit not in the codec's steps or too large")?;
                codec::Order::AddCredit { seq, amount }
            }
        };
        // The counter is persisted before the frame leaves, so it is never reused.
        let fcnt: i64 = sqlx::query_scalar(
            "UPDATE lorawan_devices SET fcnt_down = fcnt_down + 1 WHERE id = $1 RETURNING fcnt_down",
        )
        .bind(a.device)
        .fetch_one(&self.db.pool)
        .await?;
        self.db.changed();
        let phy = frame::seal(
            false,
            a.dev_addr,
            fcnt as u32,
            codec::DOWNLINK_PORT,
            &codec::encode_order(order),
            a.keys.nwk,
            a.keys.app,
        )?;
        let (freq, datr) = rx1(&a.region, rx);
        let txpk = serde_json::json!({
            "imme": false,
            "tmst": rx.tmst.wrapping_add(1_000_000),
            "freq": freq,
            "rfch": 0,
            "powe": 14,
            "modu": "LORA",
            "datr": datr,
            "codr": "4/5",
            "ipol": true,
            "size": phy.len(),
            "data": base64::engine::general_purpose::STANDARD.encode(&phy),
        });
        let token: u16 = rand::random();
        if let Ok(mut sent) = self.links.sent.lock() {
            sent.retain(|_, (_, at)| at.elapsed() < TX_ACK_WAIT);
            sent.insert(token, (command.id, Instant::now()));
        }
        commands::mark_sent(&self.db, command.id).await?;
        if let Err(e) = socket.send_to(&gwmp::pull_resp(token, &txpk), target).await {
            // Not sent after all: back in the queue for the next uplink.
            commands::requeue(&self.db, command.id, "the gateway could not be reached").await?;
            return Err(e.into());
        }
        self.metrics.radio("downlink_sent");
        Ok(())
    }
}

/// RX1 frequency (MHz) and data rate for an uplink (RX1DROffset 0). EU868
/// and the other single-band plans answer on the uplink channel at the same
/// data rate. CN470 maps uplink channel n (470.3 + 0.2 n MHz) to downlink
/// channel n mod 48 (500.3 + 0.2 (n mod 48) MHz). US915 and AU915 answer on
/// one of 8 downlink channels (923.3 + 0.6 (n mod 8) MHz) at 500 kHz: the same
/// spreading factor for a 125 kHz uplink, SF7 for a 500 kHz one.
pub fn rx1(region: &str, rx: &Rxpk) -> (f64, String) {
    let round = |f: f64| (f * 10.0).round() / 10.0;
    match region {
        "cn470" => {
            let channel = ((rx.freq - 470.3) / 0.2).round().max(0.0) as u32;
            (round(500.3 + 0.2 * f64::from(channel % 48)), rx.datr.clone())
        }
        "us915" | "au915" => {
            let (base125, base500) = if region == "us915" { (902.3, 903.0) } else { (915.2, 915.9) };
            let wide = rx.datr.ends_with("BW500");
            let channel = if wide {
                64 + ((rx.freq - base500) / 1.6).round().max(0.0) as u32
            } else {
                ((rx.freq - base125) / 0.2).round().max(0.0) as u32
            };
            let datr = if wide { "SF7BW500".to_owned() } else { rx.datr.replace("BW125", "BW500") };
            (round(923.3 + 0.6 * f64::from(channel % 8)), datr)
        }
        _ => (rx.freq, rx.datr.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rx(freq: f64, datr: &str) -> Rxpk {
        Rxpk { tmst: 0, freq, datr: datr.to_owned(), rssi: -80, lsnr: 5.0, data: String::new() }
    }

    #[test]
    fn rx1_follows_each_regions_channel_plan() {
        assert_eq!(rx1("eu868", &rx(868.3, "SF9BW125")), (868.3, "SF9BW125".to_owned()));
        assert_eq!(rx1("cn470", &rx(470.9, "SF12BW125")), (500.9, "SF12BW125".to_owned()));
        // US915 channel 9 (904.1 MHz) answers on downlink channel 1; SF10BW125 (DR0) → DR10.
        assert_eq!(rx1("us915", &rx(904.1, "SF10BW125")), (923.9, "SF10BW500".to_owned()));
        // US915 channel 65 (904.6 MHz, SF8BW500, DR4) → downlink channel 1 at DR13.
        assert_eq!(rx1("us915", &rx(904.6, "SF8BW500")), (923.9, "SF7BW500".to_owned()));
        // AU915 channel 8 (916.8 MHz) → downlink channel 0; SF12BW125 (DR0) → DR8.
        assert_eq!(rx1("au915", &rx(916.8, "SF12BW125")), (923.3, "SF12BW500".to_owned()));
    }

    #[test]
    fn the_better_copy_has_more_snr_then_more_signal() {
        let (mut a, mut b) = (rx(868.1, "SF7BW125"), rx(868.1, "SF7BW125"));
        a.lsnr = 7.0;
        b.lsnr = 3.0;
        b.rssi = -40;
        assert!(better(&a, &b));
        b.lsnr = 7.0;
        assert!(better(&b, &a), "equal SNR: the stronger signal wins");
    }
}
