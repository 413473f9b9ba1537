//! The UDP listener: acknowledges gateways, keeps their status, and turns
//! each received frame into a verified, decrypted, decoded reading.

use super::codec::{self, UPLINK_PORT};
use super::frame::{self, FrameError};
use super::gwmp::{self, Datagram, Rxpk, Stat};
use crate::ops::Metrics;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::commands;
use app::backend::services::ingest::{self, IngestOutcome};
use app::backend::state::Settings;
use app::model::command::CommandKind;
use app::model::fixed::Register;
use app::model::ids::CommandId;
use app::model::ids::MeterId;
use app::model::reading::NewReading;
use app::model::{ValveState, time::Timestamp};
use base64::Engine;
use sqlx::Row;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;

/// Everything the door needs.
#[derive(Clone)]
pub struct Door {
    pub db: Db,
    pub settings: Settings,
    pub metrics: Arc<Metrics>,
    /// Where each gateway's PULL_DATA came from (its downlink path), and which
    /// command each PULL_RESP token carried. Transport state of this socket.
    pub links: Arc<Links>,
}

#[derive(Debug, Default)]
pub struct Links {
    pull: Mutex<HashMap<String, SocketAddr>>,
    /// PULL_RESP token → the command it carried and when it left; entries
    /// whose TX_ACK never came are dropped after `TX_ACK_WAIT`.
    sent: Mutex<HashMap<u16, (CommandId, Instant)>>,
    /// Frames heard in the last `DEDUP_WINDOW`, by their payload: the best
    /// copy so far and the gateway that heard it.
    heard: Mutex<HashMap<String, (String, Rxpk)>>,
}

/// How long the door waits for other gateways' copies of a frame before it
/// processes the best one. RX1 opens a second after the uplink ends, so the
/// downlink still has ample time.
pub const DEDUP_WINDOW: Duration = Duration::from_millis(100);

/// A TX_ACK comes within milliseconds or not at all.
const TX_ACK_WAIT: Duration = Duration::from_secs(60);

/// The better of two copies of one frame: higher SNR, then stronger signal.
fn better(a: &Rxpk, b: &Rxpk) -> bool {
    (a.lsnr, a.rssi) > (b.lsnr, b.rssi)
}

impl Door {
    pub fn new(db: Db, settings: Settings, metrics: Arc<Metrics>) -> Self {
        Self { db, settings, metrics, links: Arc::default() }
    }
}

/// What a downlink needs to know about the uplink it answers.
struct Answer {
    meter: i64,
    device: i64,
    dev_addr: u32,
    region: String,
    nwk: [u8; 16],
    app: [u8; 16],
}

/// Binds the door and serves it on a task; returns the bound address.
pub async fn start(addr: SocketAddr, door: Door) -> std::io::Result<SocketAddr> {
    let socket = Arc::new(UdpSocket::bind(addr).await?);
    let local = socket.local_addr()?;
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
            let datagram = buf[..len].to_vec();
            let (door, socket) = (door.clone(), socket.clone());
            // One task per datagram: a slow database never stalls the socket.
            tokio::spawn(async move { door.datagram(&socket, from, &datagram).await });
        }
    });
    Ok(local)
}

fn gateway_hex(id: [u8; 8]) -> String {
    id.iter().map(|b| format!("{b:02x}")).collect()
}

impl Door {
    async fn datagram(&self, socket: &Arc<UdpSocket>, from: SocketAddr, bytes: &[u8]) {
        let parsed = match gwmp::parse(bytes) {
            Ok(p) => p,
            Err(e) => {
                tracing::debug!(error = %e, %from, "malformed datagram");
                self.metrics.radio("malformed_datagram");
                return;
            }
        };
        let (token, gateway) = match &parsed {
            Datagram::PushData { token, gateway, .. }
            | Datagram::PullData { token, gateway }
            | Datagram::TxAck { token, gateway, .. } => (*token, *gateway),
        };
        let gw = gateway_hex(gateway);
        let stat = match &parsed {
            Datagram::PushData { stat, .. } => stat.clone(),
            _ => None,
        };
        match self.touch_gateway(&gw, stat.as_ref()).await {
            Ok(true) => {}
            Ok(false) => {
                self.metrics.radio("unregistered_gateway");
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "gateway lookup failed");
                return;
            }
        }
        match parsed {
            Datagram::PushData { rxpk, .. } => {
                let _ = socket.send_to(&gwmp::ack(gwmp::PUSH_ACK, token), from).await;
                for rx in rxpk {
                    self.hear(socket.clone(), gw.clone(), rx);
                }
            }
            Datagram::PullData { .. } => {
                if let Ok(mut pull) = self.links.pull.lock() {
                    pull.insert(gw.clone(), from);
                }
                let _ = socket.send_to(&gwmp::ack(gwmp::PULL_ACK, token), from).await;
            }
            Datagram::TxAck { error, .. } => {
                let command = self.links.sent.lock().ok().and_then(|mut sent| sent.remove(&token)).map(|(id, _)| id);
                match error.as_deref() {
                    None | Some("NONE") | Some("") => self.metrics.radio("tx_ack_ok"),
                    Some(why) => {
                        self.metrics.radio("tx_ack_error");
                        if let Some(id) = command
                            && let Err(e) = commands::requeue(&self.db, id, why).await
                        {
                            tracing::error!(error = %e, "requeue failed");
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
    fn hear(&self, socket: Arc<UdpSocket>, gw: String, rx: Rxpk) {
        let key = rx.data.trim().to_owned();
        let first = match self.links.heard.lock() {
            Ok(mut heard) => match heard.get_mut(&key) {
                Some(best) => {
                    if better(&rx, &best.1) {
                        *best = (gw, rx);
                    }
                    false
                }
                None => {
                    heard.insert(key.clone(), (gw, rx));
                    true
                }
            },
            Err(_) => return,
        };
        if !first {
            self.metrics.radio("duplicate");
            return;
        }
        let door = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(DEDUP_WINDOW).await;
            let Some((gw, rx)) = door.links.heard.lock().ok().and_then(|mut heard| heard.remove(&key)) else {
                return;
            };
            let (outcome, answer) = door.uplink(&rx).await;
            door.metrics.radio(outcome);
            if let Some(answer) = answer
                && let Err(e) = door.downlink(&socket, &gw, &rx, answer).await
            {
                tracing::error!(error = %e, "downlink failed");
            }
        });
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
        Ok(done.rows_affected() > 0)
    }

    /// One received frame, start to end. Returns the counter it lands in.
    async fn uplink(&self, rx: &Rxpk) -> (&'static str, Option<Answer>) {
        match self.try_uplink(rx).await {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!(error = %e, "uplink failed");
                ("internal_error", None)
            }
        }
    }

    /// Sends the meter's next queued command in its RX1 window through the
    /// gateway that delivered the uplink, if that gateway gave us its pull path.
    async fn downlink(
        &self,
        socket: &UdpSocket,
        gw: &str,
        rx: &Rxpk,
        a: Answer,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
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
                // Stored in ten-thousandths; the codec carries thousandths.
                let units: i64 = command.argument.parse().map_err(|_| "add_credit argument is not a number")?;
                codec::Order::AddCredit {
                    seq,
                    amount: u32::try_from(units / 10).map_err(|_| "credit too large for the codec")?,
                }
            }
        };
        // The counter is persisted before the frame leaves, so it is never reused.
        let fcnt: i64 = sqlx::query_scalar(
            "UPDATE lorawan_devices SET fcnt_down = fcnt_down + 1 WHERE id = $1 RETURNING fcnt_down",
        )
        .bind(a.device)
        .fetch_one(&self.db.pool)
        .await?;
        let phy = frame::seal(
            false,
            a.dev_addr,
            fcnt as u32,
            codec::DOWNLINK_PORT,
            &codec::encode_order(order),
            a.nwk,
            a.app,
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

    async fn try_uplink(
        &self,
        rx: &Rxpk,
    ) -> Result<(&'static str, Option<Answer>), Box<dyn std::error::Error + Send + Sync>> {
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(rx.data.trim()) else {
            return Ok(("malformed_frame", None));
        };
        let head = match frame::head(&bytes) {
            Ok(h) => h,
            Err(FrameError::NotUplinkData) => return Ok(("not_uplink_data", None)),
            Err(_) => return Ok(("malformed_frame", None)),
        };
        let sessions = sqlx::query(
            "SELECT id, dev_eui, app_s_key, nwk_s_key, fcnt_up, region FROM lorawan_devices WHERE dev_addr = $1",
        )
        .bind(format!("{:08x}", head.dev_addr))
        .fetch_all(&self.db.pool)
        .await?;
        if sessions.is_empty() {
            return Ok(("unknown_devaddr", None));
        }
        let mut stale = None;
        let mut chosen = None;
        for s in &sessions {
            let last: Option<i64> = s.try_get("fcnt_up")?;
            let Some(fcnt) = frame::rebuild_fcnt(last.map(|v| v as u32), head.fcnt16) else {
                // The last accepted counter again is another copy of a frame we
                // have (a second gateway, a retransmission); older is a replay.
                let again = last.is_some_and(|l| (l as u32 & 0xffff) as u16 == head.fcnt16);
                stale = Some(if again { "duplicate" } else { "replay" });
                continue;
            };
            let key = |col: &str| -> Result<[u8; 16], Box<dyn std::error::Error + Send + Sync>> {
                let hex: String = s.try_get(col)?;
                let k = app::model::lorawan::SessionKey::parse(&hex).map_err(|e| format!("stored key: {e}"))?;
                Ok(k.bytes())
            };
            let (nwk, app) = (key("nwk_s_key")?, key("app_s_key")?);
            if let Ok(opened) = frame::open(&bytes, nwk, app, fcnt) {
                let region: String = s.try_get("region")?;
                chosen = Some((
                    s.try_get::<i64, _>("id")?,
                    s.try_get::<String, _>("dev_eui")?,
                    fcnt,
                    opened,
                    nwk,
                    app,
                    region,
                ));
                break;
            }
        }
        let Some((device, dev_eui, fcnt, opened, nwk, app, region)) = chosen else {
            return Ok((stale.unwrap_or("bad_mic"), None));
        };
        // Exactly once, whichever gateway or replica gets here first.
        let won =
            sqlx::query("UPDATE lorawan_devices SET fcnt_up = $1 WHERE id = $2 AND (fcnt_up IS NULL OR fcnt_up < $1)")
                .bind(i64::from(fcnt))
                .bind(device)
                .execute(&self.db.pool)
                .await?
                .rows_affected();
        if won == 0 {
            return Ok(("duplicate", None));
        }
        if opened.f_port != Some(UPLINK_PORT) {
            return Ok(("other_port", None));
        }
        let (report, codec_error) = codec::decode_report(&opened.payload);
        if let Some(e) = &codec_error {
            tracing::info!(%dev_eui, error = %e, "codec stopped early");
            self.metrics.radio("codec_error");
        }
        let meter: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT id, last_read_at FROM meters WHERE dev_eui = $1")
                .bind(dev_eui.clone())
                .fetch_optional(&self.db.pool)
                .await?;
        let Some((meter, last_read_at)) = meter else {
            return Ok(("no_meter", None));
        };
        // Acknowledgements first: a report answering a command settles it.
        for (seq, result) in &report.acks {
            commands::acknowledge(&self.db, MeterId(meter), *seq, *result == 0).await?;
        }
        if let Some(v @ (0 | 1)) = report.valve {
            commands::acknowledge_valve(&self.db, MeterId(meter), v == 1).await?;
        }
        let answer = Answer { meter, device, dev_addr: head.dev_addr, region, nwk, app };
        // Readings are keyed by (meter, second); two verified frames of one
        // meter within a second are still two readings, one second apart.
        let read_at = last_read_at.map_or(now().0, |t| now().0.max(t + 1));
        let Some(forward) = report.forward else {
            return Ok(("no_register", Some(answer)));
        };
        let milli = |v: u32| Register::from_minor(i64::from(v) * 10);
        let reading = NewReading {
            read_at: Timestamp(read_at),
            forward: milli(forward),
            reverse: report.reverse.map(milli),
            flow: report.flow.map(milli),
            valve: report.valve.and_then(|v| ValveState::from_code(i64::from(v))),
            battery_mv: report.battery_mv.map(i64::from),
            rssi: Some(i64::from(rx.rssi)),
            snr_tenths: Some((rx.lsnr * 10.0).round() as i64),
            alarms: i64::from(report.alarms.unwrap_or(0)),
            margin: report.tank_level.map(i64::from),
        };
        let outcome = match ingest::ingest(&self.db, &self.settings, MeterId(meter), reading).await? {
            IngestOutcome::Stored { .. } => "accepted",
            IngestOutcome::Duplicate => "duplicate_reading",
            IngestOutcome::Backwards => "accepted_backwards",
            IngestOutcome::RemovedMeter => "removed_meter",
        };
        Ok((outcome, Some(answer)))
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
