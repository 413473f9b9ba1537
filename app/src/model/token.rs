//! Legacy API tokens as operators manage them (the token text is never shown again).

use super::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub label: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiToken {
    /// Which client it is for ("billing scheduler", "WhatsApp bot").
    pub label: String,
    /// Lifetime in days, 1..=730.
    pub days: i64,
}
