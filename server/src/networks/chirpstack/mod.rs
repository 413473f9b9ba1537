//! ChirpStack v4 through its MQTT integration (JSON): meters ChirpStack
//! serves report through their application's events and take their
//! commands from its downlink queue; Meterline holds no keys for them.
//!
//! `events` reads what ChirpStack publishes, `door` says it in the
//! platform's terms, `connection` keeps the MQTT session (a shared
//! subscription, so replicas split the events; QoS 1 acknowledged only once
//! taken, in a session that outlives a restart), `downlinks` is ChirpStack's
//! downlink queue for the shared command loop, and `api` its gRPC API, where
//! devices registered through Meterline are created.

pub mod api;
pub mod connection;
pub mod door;
pub mod downlinks;
pub mod events;

use crate::config::Secret;

pub use connection::{Handle, start};

/// How Meterline reaches ChirpStack's broker (README:
/// `METERLINE_CHIRPSTACK_*`). `Debug` shows no password.
#[derive(Debug, Clone)]
pub struct ChirpstackConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Application ids to follow; empty: every application.
    pub applications: Vec<String>,
    /// This replica's MQTT client id: the broker keeps its session (and the
    /// events that arrive while it is away) under it, so it must stay the
    /// same across restarts and differ between replicas.
    pub client_id: String,
    /// The shared-subscription group the replicas split the events in.
    pub group: String,
    /// TLS to the broker (`mqtts://`): whom it trusts.
    pub tls: Option<std::sync::Arc<rustls::ClientConfig>>,
}

impl ChirpstackConfig {
    /// Reads `mqtt://[user[:password]@]host[:port]` (`mqtts://` for TLS,
    /// trusting the public authorities until `with_ca_file`) and a
    /// comma-separated list of application ids.
    pub fn parse(url: &str, applications: &str, client_id: &str) -> Result<Self, String> {
        let url = url.trim();
        let (rest, tls) = match url.split_once("://") {
            Some(("mqtt" | "tcp", rest)) => (rest, false),
            Some(("mqtts" | "ssl", rest)) => (rest, true),
            _ => return Err("must start with mqtt:// (or mqtts:// for TLS)".to_owned()),
        };
        let rest = rest.trim_end_matches('/');
        let (login, address) = match rest.rsplit_once('@') {
            Some((login, address)) => (Some(login), address),
            None => (None, rest),
        };
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => {
                (host, port.parse::<u16>().map_err(|_| format!("the port {port:?} is not a number from 1 to 65535"))?)
            }
            None => (address, if tls { 8883 } else { 1883 }),
        };
        if host.is_empty() || port == 0 {
            return Err("names no broker host and port".into());
        }
        let (username, password) = match login.map(|l| l.split_once(':').unwrap_or((l, ""))) {
            Some((user, password)) => (Some(user.to_owned()), (!password.is_empty()).then(|| Secret::new(password))),
            None => (None, None),
        };
        let applications: Vec<String> =
            applications.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect();
        if let Some(bad) = applications.iter().find(|a| a.contains(['/', '+', '#'])) {
            return Err(format!("the application id {bad:?} cannot be part of a topic"));
        }
        Ok(Self {
            host: host.to_owned(),
            port,
            username,
            password,
            applications,
            client_id: client_id.to_owned(),
            group: "meterline".into(),
            tls: if tls { Some(crate::networks::tls::client_config(None)?) } else { None },
        })
    }

    /// Trusts only the certificate authority in `path` (PEM): a broker with
    /// a certificate of the installation's own.
    pub fn with_ca_file(mut self, path: &str) -> Result<Self, String> {
        if self.tls.is_none() {
            return Err("a CA file is for a TLS broker: use mqtts://".into());
        }
        self.tls = Some(crate::networks::tls::client_config(Some(path))?);
        Ok(self)
    }

    /// The topic filters to subscribe to: every event of the applications
    /// followed, shared among the replicas of the group.
    pub fn filters(&self) -> Vec<String> {
        let event = |app: &str| format!("$share/{}/application/{app}/device/+/event/+", self.group);
        if self.applications.is_empty() {
            vec![event("+")]
        } else {
            self.applications.iter().map(|a| event(a)).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ChirpstackConfig;

    #[test]
    fn a_broker_url_reads_with_or_without_a_login() {
        let c = ChirpstackConfig::parse("mqtt://meterline:s3cret@broker.example:1884", "a1, a2", "ml-1").unwrap();
        assert_eq!((c.host.as_str(), c.port, c.username.as_deref()), ("broker.example", 1884, Some("meterline")));
        assert_eq!(c.password.as_ref().map(|p| p.expose()), Some("s3cret"));
        assert!(!format!("{c:?}").contains("s3cret"), "the password stays out of Debug");
        assert_eq!(
            c.filters(),
            vec![
                "$share/meterline/application/a1/device/+/event/+".to_owned(),
                "$share/meterline/application/a2/device/+/event/+".to_owned()
            ]
        );
        let c = ChirpstackConfig::parse("mqtt://127.0.0.1", "", "ml-1").unwrap();
        assert_eq!((c.port, c.username.as_deref(), c.password.is_none(), c.tls.is_none()), (1883, None, true, true));
        let c = ChirpstackConfig::parse("mqtts://broker.example", "", "ml-1").unwrap();
        assert_eq!((c.port, c.tls.is_some()), (8883, true));
        assert_eq!(c.filters(), vec!["$share/meterline/application/+/device/+/event/+".to_owned()]);
    }

    #[test]
    fn a_bad_broker_url_says_what_is_wrong() {
        assert!(ChirpstackConfig::parse("http://x", "", "c").unwrap_err().contains("mqtts://"));
        assert!(
            ChirpstackConfig::parse("mqtt://x", "", "c")
                .unwrap()
                .with_ca_file("/ca.pem")
                .unwrap_err()
                .contains("mqtts://")
        );
        assert!(ChirpstackConfig::parse("mqtt://x:port", "", "c").unwrap_err().contains("\"port\""));
        assert!(ChirpstackConfig::parse("mqtt://", "", "c").unwrap_err().contains("no broker"));
        assert!(ChirpstackConfig::parse("mqtt://x", "a/b", "c").unwrap_err().contains("\"a/b\""));
    }
}
