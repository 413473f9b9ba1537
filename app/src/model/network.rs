//! Network servers that carry meters' reports besides our own gateway door:
//! a meter they serve reports through them, and its commands go back the
//! same way.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Network {
    /// ChirpStack v4, through its MQTT integration.
    ChirpStack,
}

impl Network {
    /// The name the database uses.
    pub const fn code(self) -> &'static str {
        match self {
            Network::ChirpStack => "chirpstack",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "chirpstack" => Some(Network::ChirpStack),
            _ => None,
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Network::ChirpStack => "ChirpStack",
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
        assert_eq!(Network::parse(Network::ChirpStack.code()), Some(Network::ChirpStack));
        assert_eq!(Network::parse("ttn"), None);
    }
}
