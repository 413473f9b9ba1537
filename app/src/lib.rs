//! Meterline's shared crate.
//!
//! - `model`: plain types both the server and the browser use.
//! - `api`: the `#[server]` functions, one module per domain; thin doors onto `backend`.
//! - `ui`: the portal's pages and components.
//! - `backend` (server only): database, sign-in and the services.

pub mod api;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;
