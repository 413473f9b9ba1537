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
    pub gw_id: String,
    /// The owning area: its operators change the gateway; those below see it.
    pub area_id: crate::model::ids::AreaId,
    pub name: String,
    pub gw_type: String,
    pub region: String,
    pub subnet: String,
    pub online: bool,
    pub last_seen_at: Option<i64>,
    pub latitude_micro: i64,
    pub longitude_micro: i64,
    pub altitude: i64,
    pub created_at: i64,
}
