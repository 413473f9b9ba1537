//! The LoRaWAN gateway door: Semtech UDP in, verified readings to the ingest
//! service. See docs/codec.md for the meter codec.

pub mod allow;
pub mod codec;
pub mod door;
pub mod frame;
pub mod gwmp;
pub mod uplinks;
