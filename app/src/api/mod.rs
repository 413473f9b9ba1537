//! The server functions: one per operation, each a thin door that finds the
//! caller, calls one service and maps its error. Paths are `/sfn/<name>`, clear
//! of the legacy `/api/commonInternal.jsp`.

pub mod alerts;
pub mod areas;
pub mod auth;
pub mod billing;
pub mod codecs;
pub mod commands;
pub mod dashboard;
pub mod friendly;
pub mod gateways;
pub mod households;
pub mod lifecycle;
pub mod meters;
pub mod prices;
pub mod records;
pub mod tokens;
pub mod topups;
pub mod unmatched;
