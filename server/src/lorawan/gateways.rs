//! Which gateways are registered, as the receive loop remembers it: a busy
//! gateway sends many datagrams a second, and asking the database for each
//! would put it on the receive path.

use app::backend::db::Db;
use app::backend::services::gateways;
use app::model::gateway::GatewayStat;
use app::model::ids::GatewayEui;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often a gateway's last-seen time is written while it keeps sending
/// (its `stat` is always written): the online window is minutes.
const TOUCH_EVERY: Duration = Duration::from_secs(5);

/// How many gateways are remembered before the stale ones are dropped.
const REMEMBERED: usize = 10_000;

/// What the door knows of a gateway without asking the database.
pub enum GatewayCheck {
    /// Registered; `touch` when its last-seen time is due to be written.
    Known { touch: bool },
    /// Looked up lately and not registered.
    Unknown,
    /// Not looked up lately.
    Ask,
}

/// Gateways recently looked up: registered or not, and when their last-seen
/// time was last written.
#[derive(Debug, Default)]
pub struct KnownGateways {
    seen: Mutex<HashMap<GatewayEui, (bool, Instant)>>,
}

impl KnownGateways {
    /// What memory says of a gateway. A known one is written as heard at
    /// most every `TOUCH_EVERY`, in the background; one not seen lately, or
    /// sending a `stat` (stored before it is acknowledged), goes to the
    /// database first.
    pub fn check(&self, gw: &GatewayEui, has_stat: bool) -> GatewayCheck {
        let Ok(mut seen) = self.seen.lock() else { return GatewayCheck::Ask };
        if has_stat {
            return GatewayCheck::Ask;
        }
        match seen.get_mut(gw) {
            Some((true, at)) => {
                let touch = at.elapsed() >= TOUCH_EVERY;
                if touch {
                    // Claimed now, so the datagrams behind this one do not also write.
                    *at = Instant::now();
                }
                GatewayCheck::Known { touch }
            }
            Some((false, at)) if at.elapsed() < TOUCH_EVERY => GatewayCheck::Unknown,
            _ => GatewayCheck::Ask,
        }
    }

    /// Tells the platform the gateway was heard (with its stat) and remembers
    /// whether it is registered; `None` when the database failed.
    pub async fn refresh(&self, db: &Db, gw: &GatewayEui, stat: &GatewayStat) -> Option<bool> {
        let known = match gateways::heard(db, gw, stat).await {
            Ok(known) => known,
            Err(e) => {
                tracing::error!(error = %e, "gateway lookup failed");
                return None;
            }
        };
        if let Ok(mut seen) = self.seen.lock() {
            if seen.len() >= REMEMBERED {
                seen.retain(|_, (_, at)| at.elapsed() < TOUCH_EVERY);
            }
            seen.insert(gw.clone(), (known, Instant::now()));
        }
        Some(known)
    }
}
