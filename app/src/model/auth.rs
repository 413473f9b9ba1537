//! Sign-in requests and what a signed-in caller learns about itself.

use super::EnergyType;
use super::area::Area;
use super::ids::{AdminId, EquipmentModelId, HouseholdId};
use serde::{Deserialize, Serialize};

/// A password in transit. Its `Debug` never prints it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Password(pub String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub username: String,
    pub password: Password,
}

/// Who may sign in where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Household,
}

/// What the portal knows about the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Me {
    Admin { id: AdminId, username: String, name: String },
    Household { id: HouseholdId, name: String, must_change_password: bool },
}

/// An equipment (device) model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquipmentModel {
    pub id: EquipmentModelId,
    pub name: String,
    pub energy_type: EnergyType,
    /// `LORAWAN` or `NBIOT`.
    pub equipment_type: String,
    pub codec: String,
    pub holds_credit: bool,
}

/// A codec script run on a sample payload: the script's `data` (as JSON)
/// and what the platform reads of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptTrial {
    pub data: String,
    pub reading: String,
}

/// An operator's profile as `toLogin` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminProfile {
    pub id: AdminId,
    pub username: String,
    pub name: String,
    pub email: String,
    pub tel_phone: String,
    pub manage_area: Vec<Area>,
    pub equipment_models: Vec<EquipmentModel>,
}

/// A freshly issued token. The only time the token text leaves the server.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: super::time::Timestamp,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken").field("token", &"***").field("expires_at", &self.expires_at).finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: Password,
    pub new: Password,
}
