//! A network server that keeps its own records of LoRaWAN devices
//! (ChirpStack, through its API), as the device services see it. When one is
//! configured, registering a radio device puts it there with its keys, and
//! removing, recovering or replacing a meter disables, enables or deletes it
//! there: old clients that manage meters through the legacy door keep
//! working, and Meterline holds no keys of such devices.

use crate::model::ids::DevEui;
use crate::model::lorawan::{DevAddr, SessionKey};
use crate::model::network::Network;

/// How a device gets its session.
#[derive(Debug, Clone, Copy)]
pub enum Activation<'a> {
    /// By personalization: the session keys and address are given.
    Abp { dev_addr: DevAddr, app_s_key: &'a SessionKey, nwk_s_key: &'a SessionKey },
    /// Over the air: the device joins with its AppKey.
    Otaa { app_key: &'a SessionKey, join_eui: &'a str },
}

impl Activation<'_> {
    /// The word the legacy door's `authType` and the configuration use.
    pub const fn kind(&self) -> &'static str {
        match self {
            Activation::Abp { .. } => "abp",
            Activation::Otaa { .. } => "otaa",
        }
    }
}

/// A device to create.
#[derive(Debug, Clone, Copy)]
pub struct NewDevice<'a> {
    pub dev_eui: &'a DevEui,
    pub name: &'a str,
    /// The LoRaWAN region (`eu868`), which picks the device profile.
    pub region: &'a str,
    /// The application the caller named, when it is one of the network
    /// server's (the vendor's clients send their own numbers, which are not).
    pub application: Option<&'a str>,
    pub activation: Activation<'a>,
}

/// Why the network server did not do what it was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// It holds a device with this DevEUI already.
    #[error("the network server already has this device")]
    Exists,
    /// It holds no such device.
    #[error("the network server has no such device")]
    NotFound,
    /// It refused the request, in its words (a bad key, a profile it lacks).
    #[error("{0}")]
    Refused(String),
    /// It could not be reached, or did not answer in time.
    #[error("{0}")]
    Unavailable(String),
}

#[async_trait::async_trait]
pub trait DeviceRegistry: Send + Sync + std::fmt::Debug {
    /// Which network server this is (its routes and log entries say so).
    fn network(&self) -> Network;
    /// Creates the device and activates it (ABP) or gives it its keys
    /// (OTAA); answers the application it was created in. A device created
    /// but not activated is deleted again before the error is answered.
    async fn create(&self, device: &NewDevice<'_>) -> Result<String, RegistryError>;
    /// Stops (true) or resumes (false) the device's traffic, keeping it.
    async fn set_disabled(&self, dev_eui: &DevEui, disabled: bool) -> Result<(), RegistryError>;
    /// Deletes the device and its keys.
    async fn delete(&self, dev_eui: &DevEui) -> Result<(), RegistryError>;
}
