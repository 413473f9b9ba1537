//! Network servers that carry meters' reports besides our own gateway door
//! (`lorawan`): each is a door that translates its messages to `door::Heard`
//! and holds no rule of its own. `door` takes what they heard to the uplink
//! and command services, `downlinks` hands queued commands to them, and
//! `payloads` is what a meter's application payload means, whichever
//! network carried it; `push` hands downlinks to networks' HTTP APIs, and
//! `tls` is whom the connections to brokers trust.

pub mod cellular;
pub mod chirpstack;
pub mod door;
pub mod downlinks;
pub mod payloads;
pub mod push;
pub mod tls;
pub mod tts;
