//! Settings from the environment (see the README's Configuration table).

use std::net::SocketAddr;

/// Everything the server is told at start. Its `Debug` leaves out the
/// secrets (see `Secret`).
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://...` or `postgres://...`; defaults to a SQLite file in `data_dir`.
    /// A secret: a PostgreSQL URL may carry the password.
    pub database_url: Secret,
    pub listen: SocketAddr,
    pub admin_user: String,
    /// `None` generates a password for the first admin and prints it once.
    pub admin_password: Option<Secret>,
    pub demo: bool,
    pub log_json: bool,
    /// UDP address of the gateway door; `None` when set to `off`.
    pub gateway_udp: Option<SocketAddr>,
    /// Source addresses the gateway door takes datagrams from (all when empty).
    pub gateway_allow: crate::addresses::AllowList,
    /// Proxies whose `X-Forwarded-For` is believed (none when empty).
    pub trusted_proxies: crate::addresses::AllowList,
    /// Bearer token `/metrics` requires, when set.
    pub metrics_token: Option<Secret>,
    /// Client connection timeouts and cap.
    pub limits: crate::serve::Limits,
    /// The installation's time zone (areas may set their own).
    pub time_zone: app::model::zone::Zone,
    /// The installation's currency (ISO 4217).
    pub currency: app::model::currency::Currency,
    /// How long a payment through a provider waits for its confirmation.
    pub payment_expiry_seconds: i64,
    /// The payment providers that are on.
    pub payments: crate::payments::PaymentsConfig,
    /// The alert rules' limits.
    pub alerts: app::backend::store::alerts::AlertRules,
    /// When closes for overdraft wait (friendly credit).
    pub friendly: app::model::friendly::FriendlyCredit,
    /// Where alert notices are POSTed, when `METERLINE_ALERT_WEBHOOK_URL` is set.
    pub alert_webhook: Option<crate::notify::WebhookConfig>,
    /// ChirpStack's MQTT integration, when `METERLINE_CHIRPSTACK_MQTT` is set.
    pub chirpstack: Option<crate::networks::chirpstack::ChirpstackConfig>,
    /// ChirpStack's gRPC API, when `METERLINE_CHIRPSTACK_API` is set.
    pub chirpstack_api: Option<crate::networks::chirpstack::api::ApiConfig>,
    /// The Things Stack's webhook, when `METERLINE_TTS_WEBHOOK_SECRET` is set.
    pub tts: Option<crate::networks::tts::TtsConfig>,
    /// How a cellular platform's pushes are checked, when one is set up.
    pub cellular: Option<crate::networks::cellular::CellularAuth>,
    /// A cellular platform's command API, when `METERLINE_CELLULAR_COMMAND_URL` is set.
    pub cellular_commands: Option<crate::networks::cellular::CommandApi>,
}

/// A secret from the environment (a password, a token). `Debug` and
/// `Display` print `***`; `expose` is the one way to the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the secret, compared in constant time (a caller
    /// cannot learn it byte by byte from how long a refusal takes).
    pub fn matches(&self, given: Option<&str>) -> bool {
        use subtle::ConstantTimeEq;
        given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(self.0.as_bytes())))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not a valid listen address ({value:?}): use host:port, e.g. 127.0.0.1:3000")]
    Listen { name: &'static str, value: String },
    #[error("METERLINE_GATEWAY_ALLOW: {0}")]
    GatewayAllow(String),
    #[error("METERLINE_TRUSTED_PROXIES: {0}")]
    TrustedProxies(String),
    #[error("{name} must be a whole number from 1 to {max} ({value:?})")]
    Number { name: &'static str, value: String, max: u64 },
    #[error("METERLINE_TIME_ZONE {0}")]
    TimeZone(String),
    #[error("METERLINE_CURRENCY {0}")]
    Currency(String),
    #[error("{0}")]
    Payments(String),
    #[error("METERLINE_CHIRPSTACK_MQTT {0}")]
    Chirpstack(String),
    #[error("METERLINE_CHIRPSTACK_{0}")]
    ChirpstackApi(String),
    #[error("set METERLINE_CELLULAR_TOKEN or METERLINE_CELLULAR_HMAC_SECRET, not both")]
    CellularAuth,
    #[error("METERLINE_ALERT_WEBHOOK_{0}")]
    AlertWebhook(String),
    #[error("METERLINE_FRIENDLY_{0}")]
    Friendly(String),
    #[error("METERLINE_ALERT_NIGHT_HOURS or _NIGHT_FLOW: {0}")]
    NightFlow(String),
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str) -> bool {
    env(name).is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes" | "on"))
}

/// A whole number from the environment, 1..=max, or `default`.
fn number(name: &'static str, default: u64, max: u64) -> Result<u64, ConfigError> {
    match env(name) {
        None => Ok(default),
        Some(v) => match v.trim().parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ConfigError::Number { name, value: v, max }),
        },
    }
}

/// The alert rules' limits: defaults, or `METERLINE_ALERT_*`.
fn alert_rules(
    webhook: Option<app::backend::secret_url::SecretUrl>,
) -> Result<app::backend::store::alerts::AlertRules, ConfigError> {
    let d = app::backend::store::alerts::AlertRules::default();
    Ok(app::backend::store::alerts::AlertRules {
        offline_factor: number("METERLINE_ALERT_OFFLINE_FACTOR", d.offline_factor as u64, 100)? as i64,
        gateway_silence_s: number(
            "METERLINE_ALERT_GATEWAY_OFFLINE_MINUTES",
            (d.gateway_silence_s / 60) as u64,
            7 * 1440,
        )? as i64
            * 60,
        battery_low_mv: number("METERLINE_ALERT_BATTERY_LOW_MV", d.battery_low_mv as u64, 10_000)? as i64,
        night: app::backend::store::alerts::NightWatch::parse(
            &env("METERLINE_ALERT_NIGHT_HOURS").unwrap_or_default(),
            &env("METERLINE_ALERT_NIGHT_FLOW").unwrap_or_default(),
        )
        .map_err(ConfigError::NightFlow)?,
        command_window_s: d.command_window_s,
        webhook,
    })
}

/// Friendly credit's hours and days (`METERLINE_FRIENDLY_HOURS=18:00-08:00`,
/// `METERLINE_FRIENDLY_DAYS=sat,sun`); neither set: none.
fn friendly() -> Result<app::model::friendly::FriendlyCredit, ConfigError> {
    let hours = env("METERLINE_FRIENDLY_HOURS").unwrap_or_default();
    let days = env("METERLINE_FRIENDLY_DAYS").unwrap_or_default();
    app::model::friendly::FriendlyCredit::parse(&hours, &days).map_err(|e| {
        let which = if e.contains("day of the week") { "DAYS" } else { "HOURS" };
        ConfigError::Friendly(format!("{which}: {e}"))
    })
}

/// The operators' webhook: its URL and the secret notices are signed with,
/// both or neither.
fn alert_webhook() -> Result<Option<(app::backend::secret_url::SecretUrl, crate::notify::WebhookConfig)>, ConfigError> {
    let Some(values) =
        all_or_none("The alert webhook", &["METERLINE_ALERT_WEBHOOK_URL", "METERLINE_ALERT_WEBHOOK_SECRET"])?
    else {
        return Ok(None);
    };
    let [url, secret]: [String; 2] =
        values.try_into().map_err(|_| ConfigError::AlertWebhook("URL and _SECRET: both are needed".into()))?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(ConfigError::AlertWebhook(format!(
            "URL must start with https:// or http://, got {:?}",
            url.chars().take(8).collect::<String>()
        )));
    }
    Ok(Some((app::backend::secret_url::SecretUrl::new(url), crate::notify::WebhookConfig { secret: Secret(secret) })))
}

/// M-Pesa (Daraja) is on when its four credentials are set; some of them
/// alone is a mistake worth stopping for.
fn mpesa(
    public_url: &str,
    currency: app::model::currency::Currency,
) -> Result<Option<crate::payments::mpesa::MpesaConfig>, ConfigError> {
    const NAMES: [&str; 4] = [
        "METERLINE_MPESA_CONSUMER_KEY",
        "METERLINE_MPESA_CONSUMER_SECRET",
        "METERLINE_MPESA_SHORTCODE",
        "METERLINE_MPESA_PASSKEY",
    ];
    let Some(values) = all_or_none("M-Pesa", &NAMES)? else { return Ok(None) };
    if currency.code() != "KES" {
        return Err(ConfigError::Payments(format!("M-Pesa (Daraja) takes KES, but METERLINE_CURRENCY is {currency}")));
    }
    // Daraja signs nothing: the token is how its callbacks are told from
    // anyone's, and a paybill confirmation has no status query behind it.
    let Some(callback_token) = env("METERLINE_MPESA_CALLBACK_TOKEN").map(Secret) else {
        return Err(ConfigError::Payments(
            "M-Pesa needs METERLINE_MPESA_CALLBACK_TOKEN: a random secret its callbacks must carry".into(),
        ));
    };
    let [key, secret, shortcode, passkey] = <[String; 4]>::try_from(values).unwrap_or_default();
    Ok(Some(crate::payments::mpesa::MpesaConfig {
        base_url: env("METERLINE_MPESA_BASE_URL")
            .unwrap_or_else(|| "https://sandbox.safaricom.co.ke".to_owned())
            .trim_end_matches('/')
            .to_owned(),
        consumer_key: Secret(key),
        consumer_secret: Secret(secret),
        shortcode: shortcode.trim().to_owned(),
        passkey: Secret(passkey),
        callback_url: format!("{}/payments/mpesa/stk", public_url.trim_end_matches('/')),
        callback_token: Some(callback_token),
    }))
}

/// MTN MoMo is on when its subscription key, API user and API key are set.
fn momo(public_url: &str) -> Result<Option<crate::payments::momo::MomoConfig>, ConfigError> {
    const NAMES: [&str; 3] = ["METERLINE_MOMO_SUBSCRIPTION_KEY", "METERLINE_MOMO_API_USER", "METERLINE_MOMO_API_KEY"];
    let Some(values) = all_or_none("MTN MoMo", &NAMES)? else { return Ok(None) };
    let [key, user, api_key] = <[String; 3]>::try_from(values).unwrap_or_default();
    Ok(Some(crate::payments::momo::MomoConfig {
        base_url: env("METERLINE_MOMO_BASE_URL")
            .unwrap_or_else(|| "https://sandbox.momodeveloper.mtn.com".to_owned())
            .trim_end_matches('/')
            .to_owned(),
        subscription_key: Secret(key),
        api_user: user.trim().to_owned(),
        api_key: Secret(api_key),
        target_environment: env("METERLINE_MOMO_TARGET_ENVIRONMENT").unwrap_or_else(|| "sandbox".to_owned()),
        callback_url: format!("{}/payments/momo/callback", public_url.trim_end_matches('/')),
        country_code: env("METERLINE_MOMO_COUNTRY_CODE").map(|c| c.trim().trim_start_matches('+').to_owned()),
    }))
}

/// ChirpStack's MQTT integration, on when its broker is named. The client id
/// names this replica's session at the broker: the host's name unless set.
fn chirpstack() -> Result<Option<crate::networks::chirpstack::ChirpstackConfig>, ConfigError> {
    let Some(url) = env("METERLINE_CHIRPSTACK_MQTT") else { return Ok(None) };
    let host = env("HOSTNAME")
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    let client_id = env("METERLINE_CHIRPSTACK_CLIENT_ID").unwrap_or_else(|| format!("meterline-{host}"));
    let config = crate::networks::chirpstack::ChirpstackConfig::parse(
        &url,
        &env("METERLINE_CHIRPSTACK_APPLICATIONS").unwrap_or_default(),
        client_id.trim(),
    );
    let config = match env("METERLINE_CHIRPSTACK_MQTT_CA") {
        Some(ca) => config.and_then(|c| c.with_ca_file(ca.trim())),
        None => config,
    };
    config.map(Some).map_err(ConfigError::Chirpstack)
}

/// ChirpStack's API, on when named with its key; new devices go to the one
/// application followed when no other is set.
fn chirpstack_api() -> Result<Option<crate::networks::chirpstack::api::ApiConfig>, ConfigError> {
    use crate::networks::chirpstack::api::{ApiConfig, Profiles, is_uuid};
    let Some(values) = all_or_none("ChirpStack's API", &["METERLINE_CHIRPSTACK_API", "METERLINE_CHIRPSTACK_API_KEY"])?
    else {
        return Ok(None);
    };
    let [url, key] =
        <[String; 2]>::try_from(values).map_err(|_| ConfigError::ChirpstackApi("API: unreadable".into()))?;
    if !url.trim().starts_with("http://") && !url.trim().starts_with("https://") {
        return Err(ConfigError::ChirpstackApi(format!("API must be http:// or https://, got {url:?}")));
    }
    let followed: Vec<String> = env("METERLINE_CHIRPSTACK_APPLICATIONS")
        .unwrap_or_default()
        .split(',')
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if env("METERLINE_CHIRPSTACK_MQTT").is_none() {
        return Err(ConfigError::ChirpstackApi(
            "API needs METERLINE_CHIRPSTACK_MQTT too: devices registered in ChirpStack report through its MQTT integration".into(),
        ));
    }
    let application = match env("METERLINE_CHIRPSTACK_APPLICATION") {
        Some(a) if is_uuid(a.trim()) => Some(a.trim().to_owned()),
        Some(a) => {
            return Err(ConfigError::ChirpstackApi(format!("APPLICATION is not an application id (a UUID): {a:?}")));
        }
        None if followed.len() == 1 => Some(followed[0].clone()),
        None => None,
    };
    if let Some(a) = &application
        && !followed.is_empty()
        && !followed.contains(a)
    {
        return Err(ConfigError::ChirpstackApi(format!(
            "APPLICATION {a} is not among METERLINE_CHIRPSTACK_APPLICATIONS: its devices would never be heard"
        )));
    }
    let profiles = Profiles::parse(&env("METERLINE_CHIRPSTACK_DEVICE_PROFILES").unwrap_or_default())
        .map_err(|e| ConfigError::ChirpstackApi(format!("DEVICE_PROFILES: {e}")))?;
    Ok(Some(ApiConfig { url: url.trim().to_owned(), key: Secret::new(key.trim()), application, followed, profiles }))
}

/// The Things Stack: its webhook is on with a secret; downlinks go out when
/// its API is named too.
fn tts() -> Result<Option<crate::networks::tts::TtsConfig>, ConfigError> {
    let Some(secret) = env("METERLINE_TTS_WEBHOOK_SECRET") else { return Ok(None) };
    let api = all_or_none(
        "The Things Stack's downlink API",
        &["METERLINE_TTS_API_URL", "METERLINE_TTS_API_KEY", "METERLINE_TTS_WEBHOOK_ID"],
    )?
    .map(|values| {
        let [url, key, webhook] = <[String; 3]>::try_from(values).unwrap_or_default();
        crate::networks::tts::TtsApi {
            base_url: url.trim().trim_end_matches('/').to_owned(),
            api_key: Secret(key),
            webhook_id: webhook.trim().to_owned(),
        }
    });
    Ok(Some(crate::networks::tts::TtsConfig { webhook_secret: Secret(secret), downlinks: api }))
}

/// A cellular platform's door: on with a bearer token or a signing secret.
fn cellular() -> Result<Option<crate::networks::cellular::CellularAuth>, ConfigError> {
    use crate::networks::cellular::CellularAuth;
    match (env("METERLINE_CELLULAR_TOKEN"), env("METERLINE_CELLULAR_HMAC_SECRET")) {
        (Some(_), Some(_)) => Err(ConfigError::CellularAuth),
        (Some(token), None) => Ok(Some(CellularAuth::Token(Secret(token)))),
        (None, Some(secret)) => Ok(Some(CellularAuth::Hmac(Secret(secret)))),
        (None, None) => Ok(None),
    }
}

/// A cellular platform's command API: on when its URL and token are set.
fn cellular_commands() -> Result<Option<crate::networks::cellular::CommandApi>, ConfigError> {
    let found = all_or_none(
        "the cellular platform's command API",
        &["METERLINE_CELLULAR_COMMAND_URL", "METERLINE_CELLULAR_COMMAND_TOKEN"],
    )?;
    Ok(found.map(|values| {
        let [url, token] = <[String; 2]>::try_from(values).unwrap_or_default();
        crate::networks::cellular::CommandApi { url: url.trim().to_owned(), token: Secret(token.trim().to_owned()) }
    }))
}

/// Flutterwave is on when its secret key and webhook hash are set.
fn flutterwave(public_url: &str) -> Result<Option<crate::payments::flutterwave::FlutterwaveConfig>, ConfigError> {
    let Some(values) =
        all_or_none("Flutterwave", &["METERLINE_FLUTTERWAVE_SECRET_KEY", "METERLINE_FLUTTERWAVE_WEBHOOK_HASH"])?
    else {
        return Ok(None);
    };
    let [key, hash] = <[String; 2]>::try_from(values).unwrap_or_default();
    let host = public_url.split("://").nth(1).unwrap_or(public_url).split(['/', ':']).next().unwrap_or("localhost");
    Ok(Some(crate::payments::flutterwave::FlutterwaveConfig {
        base_url: env("METERLINE_FLUTTERWAVE_BASE_URL")
            .unwrap_or_else(|| "https://api.flutterwave.com".to_owned())
            .trim_end_matches('/')
            .to_owned(),
        secret_key: Secret(key),
        webhook_hash: Secret(hash),
        public_url: public_url.to_owned(),
        customer_email: env("METERLINE_FLUTTERWAVE_CUSTOMER_EMAIL").unwrap_or_else(|| format!("payments@{host}")),
    }))
}

/// A provider's required settings: all set (their values, in order), none
/// set (the provider is off), or some, which stops the start naming the rest.
fn all_or_none(provider: &str, names: &[&str]) -> Result<Option<Vec<String>>, ConfigError> {
    let values: Vec<Option<String>> = names.iter().map(|n| env(n)).collect();
    if values.iter().all(Option::is_none) {
        return Ok(None);
    }
    let missing: Vec<&str> = names.iter().zip(&values).filter(|(_, v)| v.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        return Err(ConfigError::Payments(format!("{provider} is half configured: {} not set", missing.join(", "))));
    }
    Ok(Some(values.into_iter().flatten().collect()))
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let data_dir = env("METERLINE_DATA_DIR").unwrap_or_else(|| "data".to_owned());
        let database_url = Secret(env("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{data_dir}/meterline.db")));
        let (name, listen) = match env("METERLINE_LISTEN") {
            Some(v) => ("METERLINE_LISTEN", v),
            None => ("LEPTOS_SITE_ADDR", env("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_owned())),
        };
        let listen = listen.parse().map_err(|_| ConfigError::Listen { name, value: listen.clone() })?;
        let gateway_udp = match env("METERLINE_GATEWAY_UDP").as_deref() {
            Some("off") => None,
            Some(v) => Some(
                v.parse().map_err(|_| ConfigError::Listen { name: "METERLINE_GATEWAY_UDP", value: v.to_owned() })?,
            ),
            None => Some(SocketAddr::from(([0, 0, 0, 0], 1700))),
        };
        let gateway_allow = crate::addresses::AllowList::parse(&env("METERLINE_GATEWAY_ALLOW").unwrap_or_default())
            .map_err(ConfigError::GatewayAllow)?;
        let trusted_proxies = crate::addresses::AllowList::parse(&env("METERLINE_TRUSTED_PROXIES").unwrap_or_default())
            .map_err(ConfigError::TrustedProxies)?;
        let currency = match env("METERLINE_CURRENCY") {
            None => app::model::currency::Currency::KES,
            Some(code) => app::model::currency::Currency::parse(&code).map_err(ConfigError::Currency)?,
        };
        let public_url = env("METERLINE_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}"));
        let payments = crate::payments::PaymentsConfig {
            sandbox: match env("METERLINE_SANDBOX_PAYMENTS").as_deref().map(str::trim) {
                Some("on" | "1" | "true" | "yes") => true,
                Some(_) => false,
                None => flag("METERLINE_DEMO"),
            },
            mpesa: mpesa(&public_url, currency)?,
            momo: momo(&public_url)?,
            flutterwave: flutterwave(&public_url)?,
            public_url,
        };
        let webhook = alert_webhook()?;
        Ok(Self {
            chirpstack: chirpstack()?,
            chirpstack_api: chirpstack_api()?,
            tts: tts()?,
            cellular: cellular()?,
            cellular_commands: cellular_commands()?,
            currency,
            payment_expiry_seconds: number("METERLINE_PAYMENT_EXPIRY_SECONDS", 600, 7 * 24 * 3600)? as i64,
            alerts: alert_rules(webhook.as_ref().map(|(url, _)| url.clone()))?,
            alert_webhook: webhook.map(|(_, signing)| signing),
            friendly: friendly()?,
            payments,
            gateway_udp,
            gateway_allow,
            trusted_proxies,
            database_url,
            listen,
            admin_user: env("METERLINE_ADMIN_USER").unwrap_or_else(|| "admin".to_owned()),
            admin_password: env("METERLINE_ADMIN_PASSWORD").map(Secret),
            demo: flag("METERLINE_DEMO"),
            log_json: flag("METERLINE_LOG_JSON"),
            metrics_token: env("METERLINE_METRICS_TOKEN").map(Secret),
            time_zone: match env("METERLINE_TIME_ZONE") {
                None => app::model::zone::Zone::UTC,
                Some(name) => app::model::zone::Zone::parse(&name).map_err(ConfigError::TimeZone)?,
            },
            limits: {
                let defaults = crate::serve::Limits::default();
                crate::serve::Limits {
                    header_timeout: std::time::Duration::from_secs(number(
                        "METERLINE_HEADER_TIMEOUT_SECONDS",
                        defaults.header_timeout.as_secs(),
                        3600,
                    )?),
                    request_timeout: std::time::Duration::from_secs(number(
                        "METERLINE_REQUEST_TIMEOUT_SECONDS",
                        defaults.request_timeout.as_secs(),
                        3600,
                    )?),
                    max_connections: number("METERLINE_MAX_CONNECTIONS", defaults.max_connections as u64, 1_000_000)?
                        as usize,
                }
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A runtime: the ChirpStack API's client opens its channel lazily on one.
    #[tokio::test]
    async fn secrets_stay_out_of_debug_prints() {
        let config = Config {
            database_url: Secret::new("postgres://meterline:db-secret-9@db/meterline"),
            listen: "127.0.0.1:3000".parse().unwrap(),
            admin_user: "admin".into(),
            admin_password: Some(Secret::new("hunter2-admin")),
            demo: false,
            log_json: false,
            gateway_udp: None,
            gateway_allow: Default::default(),
            trusted_proxies: Default::default(),
            metrics_token: Some(Secret::new("metrics-token-1")),
            limits: Default::default(),
            time_zone: Default::default(),
            currency: Default::default(),
            payment_expiry_seconds: 600,
            alerts: app::backend::store::alerts::AlertRules {
                webhook: Some(app::backend::secret_url::SecretUrl::new("https://hooks.example.com/T0/B0/hook-token-5")),
                ..Default::default()
            },
            alert_webhook: Some(crate::notify::WebhookConfig { secret: Secret::new("webhook-signing-5") }),
            friendly: Default::default(),
            payments: crate::payments::PaymentsConfig {
                sandbox: false,
                mpesa: Some(crate::payments::mpesa::MpesaConfig {
                    base_url: "https://sandbox.safaricom.co.ke".into(),
                    consumer_key: Secret::new("consumer-key-7"),
                    consumer_secret: Secret::new("consumer-secret-7"),
                    shortcode: "174379".into(),
                    passkey: Secret::new("passkey-bfb279f9"),
                    callback_url: "https://example.org/payments/mpesa/stk".into(),
                    callback_token: Some(Secret::new("callback-token-3")),
                }),
                momo: None,
                flutterwave: None,
                public_url: "https://example.org".into(),
            },
            chirpstack: Some(
                crate::networks::chirpstack::ChirpstackConfig::parse("mqtt://ml:broker-secret-5@mqtt:1883", "", "ml-1")
                    .unwrap(),
            ),
            chirpstack_api: Some(crate::networks::chirpstack::api::ApiConfig {
                url: "http://chirpstack:8080".into(),
                key: Secret::new("chirpstack-api-key-4"),
                application: None,
                followed: Vec::new(),
                profiles: Default::default(),
            }),
            tts: Some(crate::networks::tts::TtsConfig {
                webhook_secret: Secret::new("tts-webhook-secret-8"),
                downlinks: Some(crate::networks::tts::TtsApi {
                    base_url: "https://eu1.cloud.thethings.network".into(),
                    api_key: Secret::new("NNSXS.tts-api-key-8"),
                    webhook_id: "meterline".into(),
                }),
            }),
            cellular: Some(crate::networks::cellular::CellularAuth::Hmac(Secret::new("cellular-hmac-9"))),
            cellular_commands: Some(crate::networks::cellular::CommandApi {
                url: "https://iot.carrier.example/v1/commands".into(),
                token: Secret::new("carrier-command-token-3"),
            }),
        };
        let printed = format!("{config:?} {config:#?} {}", config.admin_password.as_ref().unwrap());
        let mpesa = crate::payments::mpesa::Mpesa::new(config.payments.mpesa.clone().unwrap());
        let registry =
            crate::networks::chirpstack::api::ChirpStackApi::new(config.chirpstack_api.as_ref().unwrap()).unwrap();
        let printed = format!("{printed} {mpesa:?} {registry:?}");
        for secret in [
            "hunter2",
            "metrics-token",
            "db-secret",
            "consumer-key",
            "consumer-secret",
            "passkey-",
            "callback-token",
            "broker-secret",
            "tts-webhook-secret",
            "tts-api-key",
            "cellular-hmac",
            "carrier-command-token",
            "chirpstack-api-key",
            "hook-token",
            "webhook-signing",
        ] {
            assert!(!printed.contains(secret), "{printed}");
        }
        assert_eq!(config.admin_password.unwrap().expose(), "hunter2-admin");
    }
}
