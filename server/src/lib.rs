//! The Meterline server.
//!
//! - `config`: settings from the environment.
//! - `startup`: database, first admin, demo data, the router, serving.
//! - `state`: what every door's handlers reach (`ServerState`).
//! - `legacy`: the vendor's `commonInternal.jsp` endpoint.
//! - `lorawan`: the gateway door (Semtech UDP), frames, the meter codec.
//! - `jobs`: command expiry, the monthly billing run, payment status queries.
//! - `payments`: the payment providers (M-Pesa, the sandbox) and their callbacks.
//! - `ops`: `/healthz` and `/metrics`.
//! - `serve`: the accept loop: header, idle and body timeouts, a connection cap.
//! - `same_origin`: server functions answer only this site's pages (and programs).
//! - `files`: the portal's CSV doors (downloads of its tables, the meter import).
//! - `fallback`: static files, and 404s for paths no route has.
//! - `language`: the language menu's door (remembers the choice).
//! - `telemetry`: structured logs.

// The portal's view types nest deeply (each page is one type).
#![recursion_limit = "256"]

/// mimalloc instead of glibc's malloc: glibc keeps what each thread freed
/// in that thread's arena, so every argon2 buffer (19 MiB) hashed on another
/// blocking thread and the demo load's batches stayed resident (572 MB after
/// a flood of sign-ins, measured by `examples/bench_memory`); mimalloc hands
/// freed pages back to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod addresses;
pub mod config;
pub mod fallback;
pub mod files;
pub mod jobs;
pub mod language;
pub mod legacy;
pub mod lorawan;
pub mod networks;
pub mod notify;
pub mod ops;
pub mod payments;
pub mod same_origin;
pub mod serve;
pub mod startup;
pub mod state;
pub mod telemetry;
