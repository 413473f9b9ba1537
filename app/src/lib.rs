//! Meterline's shared crate.
//!
//! - `model`: plain types both the server and the browser use.
//! - `api`: the `#[server]` functions, one module per domain; thin doors onto `backend`.
//! - `ui`: the portal's pages and components.
//! - `backend` (server only): database, sign-in and the services.

// The portal's view types nest deeply (each page is one type).
#![recursion_limit = "256"]

pub mod api;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;
