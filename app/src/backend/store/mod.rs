//! Storage: the SQL of an entity and the mapping of its rows, one file per
//! entity (as ChirpStack's `storage/<entity>.rs`). Services hold the rules
//! and call these; enum values are bound from their types.
//!
//! Moving SQL here is under way (issue 13): meters' reads, areas, bill pages,
//! commands, equipment models, gateways, LoRaWAN devices, payment orders, price plans,
//! pages of readings and of valve records, and the household lock are here;
//! the other entities' SQL is still in their services.

pub mod areas;
pub mod bills;
pub mod commands;
pub mod equipment_models;
pub mod gateways;
pub mod households;
pub mod live;
pub mod lorawan_devices;
pub mod meter_anchors;
pub mod meters;
pub mod orders;
pub mod overview;
pub mod price_plans;
pub mod readings;
pub mod valve_records;
