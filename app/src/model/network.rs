//! Network servers that carry meters' reports besides our own gateway door:
//! a meter they serve reports through them, and its commands go back the
//! same way.

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
