//! What the services make of a network server's device registry
//! (`backend::device_registry`): which meters' devices are its to change,
//! and its refusals in the services' terms.

use crate::backend::db::Db;
use crate::backend::device_registry::{DeviceRegistry, RegistryError};
use crate::backend::error::ServiceError;
use crate::model::ids::MeterId;

/// Whether the registry's network server carries the meter's traffic: only
/// then is the device its to change (a tenant's API key may not even ask
/// after devices of others).
pub(crate) async fn served_by(db: &Db, registry: &dyn DeviceRegistry, meter: MeterId) -> Result<bool, ServiceError> {
    let route = crate::backend::store::networks::route_of(db, meter).await?;
    Ok(route.is_some_and(|r| r.network == registry.network()))
}

/// What a network server's refusal means to the caller, on `field`.
pub(crate) fn error(registry: &dyn DeviceRegistry, field: &str, err: RegistryError) -> ServiceError {
    let name = registry.network().label();
    match err {
        RegistryError::Exists => ServiceError::conflict(field, format!("{name} already has this device")),
        RegistryError::NotFound => ServiceError::not_found(format!("{name} has no such device")),
        RegistryError::Refused(why) => ServiceError::invalid(field, format!("{name} refused the device: {why}")),
        RegistryError::Unavailable(why) => {
            ServiceError::Unavailable(format!("{name} did not answer ({why}): nothing changed here, try again"))
        }
    }
}

/// A device the network server does not hold is one it need not change
/// (a meter on another network, or a call repeated after it was done).
pub(crate) fn tolerate_missing(
    registry: &dyn DeviceRegistry,
    outcome: Result<(), RegistryError>,
    field: &str,
) -> Result<(), ServiceError> {
    match outcome {
        Ok(()) | Err(RegistryError::NotFound) => Ok(()),
        Err(e) => Err(error(registry, field, e)),
    }
}
