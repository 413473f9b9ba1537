//! The UDP listener: acknowledges gateways, keeps their status, and turns
//! each received frame into a verified, decrypted, decoded reading.

use super::codec::{self, UPLINK_PORT};
use super::frame::{self, FrameError};
use super::gwmp::{self, Datagram, Rxpk, Stat};
use crate::ops::Metrics;
use app::backend::clock::now;
use app::backend::db::Db;
use app::backend::services::ingest::{self, IngestOutcome};
use app::backend::state::Settings;
use app::model::fixed::Register;
use app::model::ids::MeterId;
use app::model::reading::NewReading;
use app::model::{ValveState, time::Timestamp};
use base64::Engine;
use sqlx::Row;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::UdpSocket;

/// Everything the door needs.
#[derive(Clone)]
pub struct Door {
    pub db: Db,
    pub settings: Settings,
    pub metrics: Arc<Metrics>,
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
    async fn datagram(&self, socket: &UdpSocket, from: SocketAddr, bytes: &[u8]) {
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
                    let outcome = self.uplink(&rx).await;
                    self.metrics.radio(outcome);
                }
            }
            Datagram::PullData { .. } => {
                let _ = socket.send_to(&gwmp::ack(gwmp::PULL_ACK, token), from).await;
            }
            Datagram::TxAck { error, .. } => match error.as_deref() {
                None | Some("NONE") | Some("") => self.metrics.radio("tx_ack_ok"),
                Some(_) => self.metrics.radio("tx_ack_error"),
            },
        }
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
    async fn uplink(&self, rx: &Rxpk) -> &'static str {
        match self.try_uplink(rx).await {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!(error = %e, "uplink failed");
                "internal_error"
            }
        }
    }

    async fn try_uplink(&self, rx: &Rxpk) -> Result<&'static str, Box<dyn std::error::Error + Send + Sync>> {
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(rx.data.trim()) else {
            return Ok("malformed_frame");
        };
        let head = match frame::head(&bytes) {
            Ok(h) => h,
            Err(FrameError::NotUplinkData) => return Ok("not_uplink_data"),
            Err(_) => return Ok("malformed_frame"),
        };
        let sessions =
            sqlx::query("SELECT id, dev_eui, app_s_key, nwk_s_key, fcnt_up FROM lorawan_devices WHERE dev_addr = $1")
                .bind(format!("{:08x}", head.dev_addr))
                .fetch_all(&self.db.pool)
                .await?;
        if sessions.is_empty() {
            return Ok("unknown_devaddr");
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
            if let Ok(opened) = frame::open(&bytes, key("nwk_s_key")?, key("app_s_key")?, fcnt) {
                chosen = Some((s.try_get::<i64, _>("id")?, s.try_get::<String, _>("dev_eui")?, fcnt, opened));
                break;
            }
        }
        let Some((device, dev_eui, fcnt, opened)) = chosen else {
            return Ok(stale.unwrap_or("bad_mic"));
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
            return Ok("duplicate");
        }
        if opened.f_port != Some(UPLINK_PORT) {
            return Ok("other_port");
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
            return Ok("no_meter");
        };
        // Readings are keyed by (meter, second); two verified frames of one
        // meter within a second are still two readings, one second apart.
        let read_at = last_read_at.map_or(now().0, |t| now().0.max(t + 1));
        let Some(forward) = report.forward else {
            return Ok("no_register");
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
        Ok(match ingest::ingest(&self.db, &self.settings, MeterId(meter), reading).await? {
            IngestOutcome::Stored { .. } => "accepted",
            IngestOutcome::Duplicate => "duplicate_reading",
            IngestOutcome::Backwards => "accepted_backwards",
            IngestOutcome::RemovedMeter => "removed_meter",
        })
    }
}
