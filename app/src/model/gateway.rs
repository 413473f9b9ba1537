//! LoRaWAN gateways as operators see and register them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGateway {
    /// The owning area; the operator's highest managed area when not given.
    #[serde(default)]
    pub area_id: Option<crate::model::ids::AreaId>,
    pub gw_id: String,
    pub name: String,
    pub gw_type: String,
    pub region: String,
    pub subnet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayPatch {
    pub gw_id: String,
    pub name: Option<String>,
    pub gw_type: Option<String>,
    pub region: Option<String>,
    pub subnet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gateway {
    pub gw_id: crate::model::ids::GatewayEui,
    /// The owning area: its operators change the gateway; those below see it.
    pub area_id: crate::model::ids::AreaId,
    pub name: String,
    pub gw_type: String,
    pub region: crate::model::region::Region,
    pub subnet: String,
    pub online: bool,
    pub last_seen_at: Option<i64>,
    pub latitude_micro: i64,
    pub longitude_micro: i64,
    pub altitude: i64,
    pub created_at: i64,
}

/// What a gateway's `stat` report says of it; absent values keep the stored ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GatewayStat {
    pub latitude_micro: Option<i64>,
    pub longitude_micro: Option<i64>,
    pub altitude: Option<i64>,
    pub rx_packets: Option<i64>,
    pub tx_packets: Option<i64>,
}
