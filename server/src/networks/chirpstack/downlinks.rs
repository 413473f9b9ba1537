//! ChirpStack's downlink queue as a `networks::downlinks::Sink`: a command
//! is published to its device's `command/down` topic in the application the
//! meter last reported from. ChirpStack sends it after the device's next
//! uplink; its `txack` and `ack` events, and the meter's own report, settle it.

use crate::networks::downlinks::{NotTaken, Sink};
use app::backend::store::commands::Routed;
use base64::Engine;
use rumqttc::v5::AsyncClient;
use rumqttc::v5::mqttbytes::QoS;

/// The topic ChirpStack takes a device's downlinks from.
pub fn topic(application: &str, dev_eui: &str) -> String {
    format!("application/{application}/device/{dev_eui}/command/down")
}

/// The downlink ChirpStack queues: `devEui` exactly as in the topic, the
/// payload in plain (ChirpStack encrypts it), our id for its later events.
pub fn body(id: &str, dev_eui: &str, f_port: u8, payload: &[u8]) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "devEui": dev_eui,
        "confirmed": false,
        "fPort": f_port,
        "data": base64::engine::general_purpose::STANDARD.encode(payload),
    })
}

pub(super) struct Publish(pub AsyncClient);

#[async_trait::async_trait]
impl Sink for Publish {
    async fn send(&self, to: &Routed, reference: &str, f_port: u8, payload: &[u8]) -> Result<(), NotTaken> {
        // The device as ChirpStack names it in its topics: its DevEUI.
        let message = body(reference, &to.device, f_port, payload).to_string();
        self.0
            .publish(topic(&to.application, &to.device), QoS::AtLeastOnce, false, message)
            .await
            // Refused into the connection's queue: it never left.
            .map_err(|e| NotTaken::Refused(e.to_string()))
    }
}
