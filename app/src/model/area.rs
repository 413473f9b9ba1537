//! The area tree (regions, estates, buildings).

use super::ids::AreaId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    /// `None` for a root.
    pub parent_id: Option<AreaId>,
    pub serialnumber: String,
    /// The zone the area sets for itself and its subtree; `None` inherits.
    pub time_zone: Option<super::zone::Zone>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewArea {
    pub name: String,
    pub parent_id: AreaId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRename {
    pub id: AreaId,
    pub name: String,
}

/// Setting an area's clock: an IANA zone name, or `""` to inherit the
/// parent's (the installation's at the top).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaZone {
    pub id: AreaId,
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaMove {
    pub id: AreaId,
    pub new_parent_id: AreaId,
}
