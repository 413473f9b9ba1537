//! Answering Join-Requests: the device found by its DevEUI, the request's
//! MIC checked with its AppKey, a fresh session opened (a DevNonce used
//! before is a replay and gets no answer), and the Join-Accept sent in the
//! device's first join window through the gateway that heard it.

use super::dedup::Heard;
use super::error::RadioError;
use super::gwmp;
use super::join::{self, Grant, JOIN_ACCEPT_DELAY1_US};
use super::regions;
use super::transport::Door;
use app::backend::services::lorawan_devices::{self, JoinedSession};
use app::model::ids::DevEui;
use app::model::lorawan::{DevAddr, SessionKey};
use base64::Engine;
use tokio::net::UdpSocket;

/// Our network's id: 0, the NetID the LoRa Alliance leaves to private
/// networks. Its addresses are type 0 with NwkID 0: the top 7 bits clear.
const NET_ID: u32 = 0;
const NWK_ADDR_BITS: u32 = 0x01ff_ffff;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What became of a Join-Request: its outcome and the Join-Accept to send.
pub(super) async fn take(door: &Door, bytes: &[u8]) -> Result<(&'static str, Option<Answer>), RadioError> {
    let Ok(request) = join::read_request(bytes) else { return Ok(("malformed_frame", None)) };
    let Ok(dev_eui) = DevEui::parse(&hex(&request.dev_eui)) else { return Ok(("malformed_frame", None)) };
    let Some(device) = lorawan_devices::joining(&door.db, &dev_eui).await? else {
        return Ok(("join_unknown_device", None));
    };
    if device.join_eui.as_ref().is_some_and(|j| *j != hex(&request.join_eui)) {
        return Ok(("join_other_join_eui", None));
    }
    if !join::request_is_signed_by(bytes, device.app_key.bytes()) {
        return Ok(("join_bad_mic", None));
    }
    let grant = Grant {
        app_nonce: rand::random::<u32>() & 0x00ff_ffff,
        net_id: NET_ID,
        dev_addr: rand::random::<u32>() & NWK_ADDR_BITS,
        dl_settings: regions::rx2_data_rate(device.region),
        rx_delay: 1,
    };
    let accepted = join::accept(device.app_key.bytes(), request.dev_nonce, &grant);
    let session = JoinedSession {
        dev_eui,
        dev_nonce: request.dev_nonce,
        dev_addr: DevAddr(grant.dev_addr),
        nwk_s_key: SessionKey::from_bytes(accepted.nwk_s_key),
        app_s_key: SessionKey::from_bytes(accepted.app_s_key),
    };
    if !lorawan_devices::joined(&door.db, &session).await? {
        return Ok(("join_replay", None));
    }
    tracing::info!(dev_eui = %session.dev_eui, dev_addr = %String::from(session.dev_addr), "device joined");
    Ok(("join_accepted", Some(Answer { region: device.region, phy: accepted.phy })))
}

/// A Join-Accept to send.
#[derive(Debug, Clone)]
pub(super) struct Answer {
    region: app::model::region::Region,
    phy: Vec<u8>,
}

impl Door {
    /// Sends a Join-Accept in the first join window of the request `frame`,
    /// through the gateway that heard it.
    pub(super) async fn join_accept(&self, socket: &UdpSocket, frame: &Heard, a: Answer) -> Result<(), RadioError> {
        let Some(target) = self.path_of(&frame.gw) else {
            self.metrics.radio("downlink_no_path");
            return Ok(());
        };
        let txpk = super::downlink::txpk(a.region, &frame.rx, JOIN_ACCEPT_DELAY1_US, &a.phy);
        socket.send_to(&gwmp::pull_resp(rand::random(), &txpk), target).await?;
        self.metrics.radio("join_accept_sent");
        Ok(())
    }

    /// A batch's Join-Requests, one by one (each opens a session once).
    pub(super) async fn joins(&self, socket: &UdpSocket, frames: &[Heard]) {
        for frame in frames {
            let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(frame.rx.data.trim()) else {
                self.metrics.radio("malformed_frame");
                continue;
            };
            let answer = match take(self, &bytes).await {
                Ok((outcome, answer)) => {
                    self.metrics.radio(outcome);
                    answer
                }
                Err(e) => {
                    tracing::error!(error = %e, "join request not taken");
                    self.metrics.radio("internal_error");
                    None
                }
            };
            if let Some(a) = answer
                && let Err(e) = self.join_accept(socket, frame, a).await
            {
                tracing::error!(error = %e, "join accept not sent");
            }
        }
    }
}

/// Whether a received frame is a Join-Request.
pub(super) fn is_join(frame: &Heard) -> bool {
    base64::engine::general_purpose::STANDARD
        .decode(frame.rx.data.trim())
        .is_ok_and(|bytes| join::is_join_request(&bytes))
}
