//! Commands for meters ChirpStack serves: each queued command is taken (so
//! one replica hands it over), then published to its device's downlink queue
//! in the application the meter last reported from. ChirpStack sends it after
//! the device's next uplink; its `txack` and `ack` events, and the meter's
//! own report, settle it (`door`).

use crate::networks::payloads;
use crate::ops::Metrics;
use app::backend::db::Db;
use app::backend::error::ServiceError;
use app::backend::services::commands;
use app::backend::store::commands::Routed;
use app::model::network::Network;
use base64::Engine;
use rumqttc::v5::AsyncClient;
use rumqttc::v5::mqttbytes::QoS;
use std::sync::Arc;
use std::time::Duration;

/// How often queued commands are looked for.
const TICK: Duration = Duration::from_secs(1);
/// Commands handed over per round, at most.
const ROUND: i64 = 500;

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

pub(super) async fn publisher(db: Db, metrics: Arc<Metrics>, client: AsyncClient) {
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(e) = round(&db, &metrics, &client).await {
            tracing::error!(error = %e, "commands for ChirpStack not handed over");
        }
    }
}

async fn round(db: &Db, metrics: &Metrics, client: &AsyncClient) -> Result<(), ServiceError> {
    for Routed { command, dev_eui, application, .. } in commands::due_through(db, Network::ChirpStack, ROUND).await? {
        let (f_port, payload) = match payloads::downlink_for(&command) {
            Ok(d) => d,
            Err(why) => {
                metrics.network("chirpstack", "downlink_unsendable");
                commands::fail_unsendable(db, command.id, &why).await?;
                continue;
            }
        };
        let id = app::backend::auth::random_uuid();
        if !commands::hand_over(db, command.id, Network::ChirpStack, &id).await? {
            continue; // another replica took it
        }
        let message = body(&id, dev_eui.as_str(), f_port, &payload).to_string();
        match client.publish(topic(&application, dev_eui.as_str()), QoS::AtLeastOnce, false, message).await {
            Ok(()) => metrics.network("chirpstack", "downlink_enqueued"),
            Err(e) => {
                metrics.network("chirpstack", "downlink_not_enqueued");
                commands::take_back(db, command.id, Network::ChirpStack, &e.to_string()).await?;
            }
        }
    }
    Ok(())
}
