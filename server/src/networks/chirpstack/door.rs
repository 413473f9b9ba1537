//! ChirpStack's events in the platform's terms (`networks::door::Heard`):
//! `up` with its deduplicationId and the meter's route (application, DevEUI),
//! `txack` and `ack` by the queue item id we gave the downlink, `log` and
//! `join` for the network log.

use super::events::{Event, Topic};
use crate::networks::door::{Heard, HeardUp};
use app::backend::services::networks::LogEntry;
use app::model::meter::DeviceId;
use app::model::network::{Network, Route};

pub fn heard(topic: &Topic, event: Event) -> Heard {
    let log = |level: &str, code: &str, description: String, at: Option<app::model::time::Timestamp>| {
        Heard::Log(LogEntry {
            network: Network::ChirpStack,
            dev_eui: topic.dev_eui.clone(),
            level: level.to_owned(),
            code: code.to_owned(),
            description,
            at: at.unwrap_or_else(app::backend::clock::now),
        })
    };
    match event {
        Event::Up(up) => Heard::Up(HeardUp {
            device: DeviceId::DevEui(topic.dev_eui.clone()),
            route: Route {
                network: Network::ChirpStack,
                application: topic.application.clone(),
                device: topic.dev_eui.to_string(),
            },
            id: up.id,
            at: up.at,
            f_port: up.f_port,
            data: up.data,
            rssi: up.rssi,
            snr_tenths: up.snr_tenths,
        }),
        Event::Ack { queue_item, acknowledged } => {
            Heard::Acknowledged { reference: queue_item, received: acknowledged }
        }
        Event::TxAck { queue_item, gateway } => Heard::Transmitted { reference: queue_item, gateway },
        Event::Log(l) => log(&l.level, &l.code, l.description, l.at),
        Event::Join { at, dev_addr } => log(
            "INFO",
            "JOIN",
            match dev_addr {
                Some(a) => format!("joined the network as DevAddr {a}"),
                None => "joined the network".into(),
            },
            at,
        ),
        Event::Ignored => Heard::Ignored,
    }
}
