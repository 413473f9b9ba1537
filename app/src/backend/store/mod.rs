//! Storage: the SQL of an entity and the mapping of its rows, one file per
//! entity (as ChirpStack's `storage/<entity>.rs`). Services hold the rules
//! and call these; enum values are bound from their types.
//!
//! Every entity's SQL is here but the sign-in throttle's (its table is its
//! own, in `throttle.rs`), ingest's batch writes (`services/ingest.rs`,
//! moving next) and the demo loader's.

pub mod admins;
pub mod alerts;
pub mod areas;
pub mod bills;
pub mod commands;
pub mod equipment_models;
pub mod friendly_days;
pub mod gateways;
pub mod households;
pub mod ledger;
pub mod live;
pub mod lorawan_devices;
pub mod meter_anchors;
pub mod meters;
pub mod networks;
pub mod night_flow;
pub mod notifications;
pub mod orders;
pub mod otaa_devices;
pub mod overview;
pub mod price_plans;
pub mod readings;
pub mod sessions;
pub mod unmatched;
pub mod valve_records;
pub mod zones;
