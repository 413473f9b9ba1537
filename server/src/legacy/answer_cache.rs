//! Answers of the read-only methods, kept while the database is unchanged.
//!
//! Old clients poll: the same page of archives, the same price list, again
//! and again from every screen. An answer is stored with the database's write
//! generation read *before* it was computed (`Db::generation`, moved by every
//! commit of this process), and is served only while the generation still has
//! that value, so this process never serves an answer older than its last
//! write. Entries also expire after `TTL`, which bounds what a writer outside
//! this process (a second replica, an operator's SQL console) can leave stale,
//! and what the passing of time changes in an answer.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Envelope;
use app::backend::auth::Caller;

const TTL: Duration = Duration::from_secs(2);
/// Memory the cache may hold; an answer above `LARGEST` is not kept.
const BUDGET_BYTES: usize = 64 << 20;
const LARGEST: usize = 1 << 20;

#[derive(Debug)]
struct Entry {
    generation: u64,
    at: Instant,
    body: Bytes,
}

#[derive(Debug, Default)]
struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
}

#[derive(Debug, Default)]
pub struct AnswerCache {
    entries: Mutex<Entries>,
}

/// The key of a call whose answer may be kept, or `None`. The caller is part
/// of it: two operators of different areas see different pages.
pub fn key(caller: &Caller, env: &Envelope) -> Option<String> {
    if !super::methods::keeps(&env.method) {
        return None;
    }
    let who = match caller {
        Caller::Admin(a) => format!("a{}:{}", a.id.0, a.roots.join(",")),
        Caller::Household { id, .. } => format!("h{}", id.0),
    };
    // serde_json's map is ordered by key, so equal parameters give equal text.
    Some(format!("{who}\n{}\n{}\n{}", env.action, env.method, env.params.canonical()))
}

impl AnswerCache {
    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.map.get(key)?;
        (entry.generation == generation && entry.at.elapsed() < TTL).then(|| entry.body.clone())
    }

    pub fn put(&self, key: String, generation: u64, body: Bytes) {
        if body.len() > LARGEST {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.bytes + body.len() > BUDGET_BYTES {
            // Entries of an older generation can never be served again.
            entries.map.retain(|_, e| e.generation == generation && e.at.elapsed() < TTL);
            entries.bytes = entries.map.values().map(|e| e.body.len()).sum();
            if entries.bytes + body.len() > BUDGET_BYTES {
                entries.map.clear();
                entries.bytes = 0;
            }
        }
        entries.bytes += body.len();
        if let Some(old) = entries.map.insert(key, Entry { generation, at: Instant::now(), body }) {
            entries.bytes -= old.body.len();
        }
    }

    #[cfg(test)]
    fn held_bytes(&self) -> usize {
        self.entries.lock().map(|e| e.bytes).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::params::Params;
    use super::*;
    use app::backend::auth::AdminCaller;
    use app::model::ids::{AdminId, HouseholdId};
    use serde_json::json;

    fn envelope(method: &str, params: serde_json::Value) -> Envelope {
        let serde_json::Value::Object(map) = params else { panic!("params must be an object") };
        Envelope { action: "comApi".into(), method: method.into(), api_token: None, params: Params::new(map) }
    }

    fn admin(id: i64, roots: &[&str]) -> Caller {
        Caller::Admin(AdminCaller {
            id: AdminId(id),
            username: format!("op{id}"),
            roots: roots.iter().map(|r| r.to_string()).collect(),
        })
    }

    #[test]
    fn only_reads_are_keyed_and_keys_tell_callers_and_params_apart() {
        let a = admin(1, &["/1/"]);
        assert!(key(&a, &envelope("modifyMeter", json!({"id": 1}))).is_none());
        let page1 = key(&a, &envelope("getAreaArchives", json!({"areaId": 1, "pageNumber": 1}))).unwrap();
        let same = key(&a, &envelope("getAreaArchives", json!({"pageNumber": 1, "areaId": 1}))).unwrap();
        let page2 = key(&a, &envelope("getAreaArchives", json!({"areaId": 1, "pageNumber": 2}))).unwrap();
        let other = key(&admin(2, &["/1/4/"]), &envelope("getAreaArchives", json!({"areaId": 1, "pageNumber": 1})));
        let household = Caller::Household { id: HouseholdId(1), name: "x".into(), must_change_password: false };
        let theirs = key(&household, &envelope("getAreaArchives", json!({"areaId": 1, "pageNumber": 1})));
        assert_eq!(page1, same);
        assert_ne!(page1, page2);
        assert_ne!(Some(page1.clone()), other);
        assert_ne!(Some(page1), theirs);
    }

    #[test]
    fn an_answer_is_served_only_in_its_generation() {
        let cache = AnswerCache::default();
        cache.put("k".into(), 7, Bytes::from_static(b"{}"));
        assert_eq!(cache.get("k", 7).as_deref(), Some(&b"{}"[..]));
        assert!(cache.get("k", 8).is_none(), "a write since: recompute");
        assert!(cache.get("other", 7).is_none());
    }

    #[test]
    fn memory_stays_within_the_budget() {
        let cache = AnswerCache::default();
        let big = Bytes::from(vec![b' '; LARGEST]);
        for i in 0..100 {
            cache.put(format!("k{i}"), 1, big.clone());
        }
        assert!(cache.held_bytes() <= BUDGET_BYTES);
        assert!(cache.get("k99", 1).is_some(), "the newest answer is kept");
        cache.put("huge".into(), 1, Bytes::from(vec![b' '; LARGEST + 1]));
        assert!(cache.get("huge", 1).is_none());
    }
}
