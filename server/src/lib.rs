//! The Meterline server.
//!
//! - `config`: settings from the environment.
//! - `startup`: database, first admin, demo data, the router, serving.
//! - `legacy`: the vendor's `commonInternal.jsp` endpoint.
//! - `lorawan`: the gateway door (Semtech UDP), frames, the meter codec.
//! - `jobs`: command expiry and the monthly billing run.
//! - `ops`: `/healthz` and `/metrics`.
//! - `telemetry`: structured logs.

pub mod config;
pub mod jobs;
pub mod legacy;
pub mod lorawan;
pub mod ops;
pub mod startup;
pub mod telemetry;
