//! Network servers that carry meters' reports besides our own gateway door:
//! a meter they serve reports through them, and its commands go back the
//! same way.

use super::ids::DevEui;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Network {
    /// ChirpStack v4, through its MQTT integration.
    ChirpStack,
    /// The Things Stack v3, through its webhook integration.
    TheThingsStack,
    /// A carrier's IoT platform pushing cellular (NB-IoT) meters' reports.
    Cellular,
}

impl Network {
    /// The name the database uses.
    pub const fn code(self) -> &'static str {
        match self {
            Network::ChirpStack => "chirpstack",
            Network::TheThingsStack => "tts",
            Network::Cellular => "cellular",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "chirpstack" => Some(Network::ChirpStack),
            "tts" => Some(Network::TheThingsStack),
            "cellular" => Some(Network::Cellular),
            _ => None,
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Network::ChirpStack => "ChirpStack",
            Network::TheThingsStack => "The Things Stack",
            Network::Cellular => "the cellular platform",
        }
    }
}

/// Where a meter's commands go: the network server, the application there
/// that last carried its reports, and the device's id in it (ChirpStack
/// names devices by DevEUI; The Things Stack by an id of their own).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Route {
    pub network: Network,
    pub application: String,
    pub device: String,
}

/// Something a network server said about a device that is not a reading
/// (a join, a frame-counter reset, a downlink its gateway refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub network: Network,
    pub dev_eui: DevEui,
    pub level: String,
    pub code: String,
    pub description: String,
    pub at: Timestamp,
}

/// How a meter's reports reach Meterline, as its operator sees it: the
/// network server that carries them (none: our own gateway door, or not
/// heard yet) and what that server said about it lately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterNetwork {
    pub route: Option<Route>,
    pub log: Vec<LogEntry>,
}

#[cfg(test)]
mod tests {
    use super::Network;

    #[test]
    fn a_network_reads_back_its_code() {
        for n in [Network::ChirpStack, Network::TheThingsStack, Network::Cellular] {
            assert_eq!(Network::parse(n.code()), Some(n));
        }
        assert_eq!(Network::parse("ttn"), None);
    }
}
