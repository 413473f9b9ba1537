//! Downlink scheduling: a meter's next queued command goes out in the RX1
//! window of the uplink it answers, through the gateway that delivered that
//! uplink, and its TX_ACK is matched back to the command.

use super::error::RadioError;
use super::frame;
use super::gwmp::{self, Rxpk};
use super::regions::rx1;
use super::transport::Door;
use super::uplinks::Answer;
use crate::networks::payloads;
use app::backend::services::{commands, lorawan_devices};
use app::model::ids::{CommandId, GatewayEui};
use app::model::region::Region;
use base64::Engine;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;

/// How many unsendable commands one receive window fails before it gives
/// up (the next uplink goes on).
const LOOK_AHEAD: usize = 16;

/// A TX_ACK comes within milliseconds or not at all.
const TX_ACK_WAIT: Duration = Duration::from_secs(60);

/// The transport state downlinks need: where each gateway's PULL_DATA came
/// from (its downlink path), and which command each PULL_RESP token carried.
#[derive(Debug, Default)]
pub struct Downlinks {
    pull: Mutex<HashMap<GatewayEui, SocketAddr>>,
    /// PULL_RESP token → the command it carried and when it left; entries
    /// whose TX_ACK never came are dropped after `TX_ACK_WAIT`.
    sent: Mutex<HashMap<u16, (CommandId, Instant)>>,
}

impl Downlinks {
    /// The gateway pulls from `from`: its downlinks go there.
    pub fn pulled(&self, gw: GatewayEui, from: SocketAddr) {
        if let Ok(mut pull) = self.pull.lock() {
            pull.insert(gw, from);
        }
    }

    /// The command a TX_ACK's token carried, if it is still waiting.
    pub fn acknowledged(&self, token: u16) -> Option<CommandId> {
        self.sent.lock().ok().and_then(|mut sent| sent.remove(&token)).map(|(id, _)| id)
    }

    fn path(&self, gw: &GatewayEui) -> Option<SocketAddr> {
        self.pull.lock().ok().and_then(|p| p.get(gw).copied())
    }

    fn carrying(&self, token: u16, command: CommandId) {
        if let Ok(mut sent) = self.sent.lock() {
            sent.retain(|_, (_, at)| at.elapsed() < TX_ACK_WAIT);
            sent.insert(token, (command, Instant::now()));
        }
    }
}

/// RX1 opens a second after the uplink (RECEIVE_DELAY1), in microseconds
/// of the gateway's counter.
const RECEIVE_DELAY1_US: u32 = 1_000_000;

/// What a gateway transmits: `phy` in the RX1 window `delay_us` after the
/// uplink `rx`, on the channel and data rate the region gives.
pub(super) fn txpk(region: Region, rx: &Rxpk, delay_us: u32, phy: &[u8]) -> serde_json::Value {
    let (freq, datr) = rx1(region, rx);
    serde_json::json!({
        "imme": false,
        "tmst": rx.tmst.wrapping_add(delay_us),
        "freq": freq,
        "rfch": 0,
        "powe": 14,
        "modu": "LORA",
        "datr": datr,
        "codr": "4/5",
        "ipol": true,
        "size": phy.len(),
        "data": base64::engine::general_purpose::STANDARD.encode(phy),
    })
}

impl Door {
    /// The downlink path of the gateway `gw`, if it pulled.
    pub(super) fn path_of(&self, gw: &GatewayEui) -> Option<SocketAddr> {
        self.downlinks.path(gw)
    }

    /// Sends the meter's next queued command in its RX1 window through the
    /// gateway that delivered the uplink, if that gateway gave us its pull path.
    pub(super) async fn downlink(
        &self,
        socket: &UdpSocket,
        gw: &GatewayEui,
        rx: &Rxpk,
        a: Answer,
    ) -> Result<(), RadioError> {
        let Some(target) = self.downlinks.path(gw) else {
            if commands::next_queued(&self.db, a.meter).await?.is_some() {
                self.metrics.radio("downlink_no_path");
            }
            return Ok(());
        };
        // A command the codec cannot carry would stay at the head of the
        // queue until it expires: it fails, and the next one goes out.
        let mut looked = 0;
        let (command, (port, payload)) = loop {
            looked += 1;
            let Some(command) = commands::next_queued(&self.db, a.meter).await?.filter(|_| looked <= LOOK_AHEAD) else {
                return Ok(());
            };
            match payloads::downlink_with(&self.db, &command).await? {
                Ok(downlink) => break (command, downlink),
                Err(why) => {
                    self.metrics.radio("downlink_unsendable");
                    commands::fail_unsendable(&self.db, command.id, &why).await?;
                }
            }
        };
        let fcnt = lorawan_devices::next_downlink_counter(&self.db, a.device).await?;
        let phy = frame::seal(false, a.dev_addr.0, fcnt, port, &payload, a.nwk_s_key.bytes(), a.app_s_key.bytes())?;
        let txpk = txpk(a.region, rx, RECEIVE_DELAY1_US, &phy);
        let token: u16 = rand::random();
        self.downlinks.carrying(token, command.id);
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
