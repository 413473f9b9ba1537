//! Values derived from the database: resolved tokens, area paths and price
//! plans live a few seconds (this process drops entries its own writes make
//! stale at once, other replicas see changes within the lifetime); where
//! pages of meter lists start is checked against the database's own list
//! version. Nothing here is the only copy of anything.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A map whose entries expire.
#[derive(Debug)]
pub struct Expiring<K, V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Expiring<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        Self { ttl, capacity, entries: Mutex::new(HashMap::new()) }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| at.elapsed() < ttl);
                if entries.len() >= self.capacity {
                    entries.clear();
                }
            }
            entries.insert(key, (Instant::now(), value));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// The caches a `Db` carries.
#[derive(Debug)]
pub struct Caches {
    /// Token hash → the caller it resolved to and the token's expiry.
    pub tokens: Expiring<String, (super::auth::Caller, i64)>,
    /// Area id → its path in the tree (only moving an area changes it).
    pub area_paths: Expiring<crate::model::ids::AreaId, String>,
    /// Every price plan: read by most legacy clients at start-up and on each
    /// screen, written a few times a year.
    /// Each with its owning area's path, for the per-caller filter.
    pub prices: Expiring<(), std::sync::Arc<Vec<(crate::model::price::PricePlan, String)>>>,
    /// Where pages of meter lists start. Not dropped by `clear_all`: each
    /// entry is checked against the database's own list version instead.
    pub meter_anchors: crate::backend::store::meter_anchors::AnchorCache,
    /// The installation's and the areas' time zones.
    pub zones: Expiring<(), std::sync::Arc<crate::model::zone::Zones>>,
}

impl Caches {
    /// Drops every kept value (a commit this process did not make).
    pub fn clear_all(&self) {
        self.tokens.clear();
        self.area_paths.clear();
        self.prices.clear();
        self.zones.clear();
    }
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            tokens: Expiring::new(Duration::from_secs(5), 10_000),
            prices: Expiring::new(Duration::from_secs(5), 1),
            area_paths: Expiring::new(Duration::from_secs(5), 10_000),
            meter_anchors: Default::default(),
            zones: Expiring::new(Duration::from_secs(5), 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let c: Expiring<u8, u8> = Expiring::new(Duration::from_millis(30), 2);
        c.put(1, 10);
        assert_eq!(c.get(&1), Some(10));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(c.get(&1), None);
        c.put(1, 1);
        c.put(2, 2);
        c.put(3, 3);
        assert_eq!(c.get(&3), Some(3));
        c.clear();
        assert_eq!(c.get(&3), None);
    }
}
