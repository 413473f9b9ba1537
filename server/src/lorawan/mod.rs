//! The LoRaWAN gateway door: Semtech UDP in, verified readings to the uplink
//! service, queued commands out. See docs/codec.md for the meter codec.
//!
//! `transport` owns the socket; `dedup` waits out copies of a frame;
//! `uplinks` verifies and decodes them; `join` reads and builds OTAA join frames, `accepts` answers them; `downlink` schedules the answers in
//! the windows `regions` gives; `gateways` remembers who is registered.

pub mod accepts;
pub mod codec;
pub mod dedup;
pub mod downlink;
pub mod error;
pub mod frame;
pub mod gateways;
pub mod gwmp;
pub mod join;
pub mod regions;
pub mod transport;
pub mod uplinks;

pub use error::RadioError;
pub use transport::{Door, start};
