//! Network servers that carry meters' reports besides our own gateway door
//! (`lorawan`): each is a door that translates its events to the uplink and
//! command services and holds no rule of its own. `payloads` is what a
//! meter's application payload means, whichever network carried it.

pub mod chirpstack;
pub mod payloads;
