//! What every request handler needs: the database and the settings services use.

use super::db::Db;

#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Settings,
    /// The payment providers that are on.
    pub payments: super::payments::Providers,
    /// The network server devices are registered in, when one is configured.
    pub registry: Option<std::sync::Arc<dyn super::device_registry::DeviceRegistry>>,
}

impl AppState {
    /// The network server devices are registered in, when one is configured.
    pub fn registry(&self) -> Option<&dyn super::device_registry::DeviceRegistry> {
        self.registry.as_deref()
    }
}

/// Service settings with their defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a legacy apiToken from `toLogin` lives after its last use
    /// (each use renews it): clients keep their token for as long as they work.
    pub api_token_idle_seconds: i64,
    /// Lifetime of a browser session.
    pub session_ttl_seconds: i64,
    /// How long a queued command waits for its meter before it expires.
    pub command_ttl_seconds: i64,
    /// The installation's currency (`METERLINE_CURRENCY`).
    pub currency: crate::model::currency::Currency,
    /// How long a payment through a provider may wait for its confirmation.
    pub payment_expiry_seconds: i64,
    /// The alert rules' limits (`METERLINE_ALERT_*`).
    pub alerts: crate::backend::store::alerts::AlertRules,
    /// When closes for overdraft wait (`METERLINE_FRIENDLY_HOURS`, `_DAYS`).
    pub friendly: crate::model::friendly::FriendlyCredit,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_token_idle_seconds: 30 * 24 * 3600,
            session_ttl_seconds: 7 * 24 * 3600,
            command_ttl_seconds: 24 * 3600,
            currency: crate::model::currency::Currency::KES,
            payment_expiry_seconds: 10 * 60,
            alerts: Default::default(),
            friendly: Default::default(),
        }
    }
}
