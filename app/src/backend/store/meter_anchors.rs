//! Where a page of a meter list starts, without `OFFSET` over every row
//! before it.
//!
//! Clients page through 100,000 meters by page number; `OFFSET 99,980`
//! walks 99,980 index entries for every deep page. Instead one scan of the
//! filtered list keeps every `STEP`th id and the list's length ("anchors");
//! a page then starts at the anchor before it and skips fewer than `STEP`
//! rows. Anchors are valid while the database's `list_versions` counter for
//! meters holds the value read in the same statement that built them (see
//! migration 0010: the database moves it for every writer, and readings do
//! not move it). Each page query reads the counter again, so an answer is
//! never built from anchors of another version.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Rows between two anchors of a long list: the most a page query skips.
pub const STEP: i64 = 100;
/// A list this long or shorter keeps every id: a page is then its ids
/// alone, however sparse the list is among all meters (a search for one
/// customer among 100,000 would otherwise scan from an anchor to the match).
pub const WHOLE: i64 = 5_000;
/// Filters whose anchors are kept (each about 8 bytes per `STEP` meters).
const CAPACITY: usize = 1024;

/// Every `STEP`th id of a filtered list ordered by id, and its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchors {
    /// The meters' list version these were built at.
    pub version: i64,
    /// Ids at positions 0, step, 2·step, ...
    pub ids: Vec<i64>,
    pub total: i64,
}

impl Anchors {
    /// Rows between two anchors: every id is kept for a short list.
    pub fn step(&self) -> i64 {
        if self.total <= WHOLE { 1 } else { STEP }
    }

    /// The ids of the rows at `offset..offset + limit` when every id is kept.
    pub fn exact(&self, offset: i64, limit: i64) -> Option<&[i64]> {
        if self.step() != 1 {
            return None;
        }
        let from = usize::try_from(offset.clamp(0, self.total)).ok()?;
        let to = usize::try_from(offset.saturating_add(limit).clamp(0, self.total)).ok()?;
        self.ids.get(from..to)
    }
}

/// Where the page at `offset` starts: `Some((first id at or after, rows to
/// skip from there))`, or `None` past the end.
pub fn start_of(anchors: &Anchors, offset: i64) -> Option<(i64, i64)> {
    if offset < 0 || offset >= anchors.total {
        return None;
    }
    let step = anchors.step();
    let at = usize::try_from(offset / step).ok()?;
    anchors.ids.get(at).map(|id| (*id, offset % step))
}

/// Anchors per filter (its SQL text and arguments).
#[derive(Debug, Default)]
pub struct AnchorCache {
    entries: Mutex<HashMap<String, Arc<Anchors>>>,
}

impl AnchorCache {
    pub fn get(&self, key: &str) -> Option<Arc<Anchors>> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    pub fn put(&self, key: String, anchors: Arc<Anchors>) {
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.len() >= CAPACITY && !entries.contains_key(&key) {
            // Entries of an older version can never be used again.
            entries.retain(|_, a| a.version == anchors.version);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(key, anchors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_starts_at_the_anchor_before_it() {
        let a = Anchors { version: 3, ids: vec![5, 180, 420], total: WHOLE + 250 };
        assert_eq!(start_of(&a, 0), Some((5, 0)));
        assert_eq!(start_of(&a, 99), Some((5, 99)));
        assert_eq!(start_of(&a, 100), Some((180, 0)));
        assert_eq!(start_of(&a, 249), Some((420, 49)));
        assert_eq!(start_of(&a, WHOLE + 250), None, "past the end");
        assert_eq!(a.exact(0, 20), None, "a long list keeps anchors only");
        assert_eq!(start_of(&Anchors { version: 0, ids: vec![], total: 0 }, 0), None);
        let short = Anchors { version: 1, ids: vec![2, 3, 7, 9], total: 4 };
        assert_eq!(start_of(&short, 2), Some((7, 0)));
        assert_eq!(short.exact(1, 2), Some(&[3, 7][..]));
        assert_eq!(short.exact(3, 20), Some(&[9][..]), "the last page is short");
        assert_eq!(short.exact(4, 20), Some(&[][..]), "past the end");
    }

    #[test]
    fn a_full_cache_drops_other_versions_first() {
        let c = AnchorCache::default();
        for i in 0..CAPACITY {
            c.put(format!("old{i}"), Arc::new(Anchors { version: 1, ids: vec![], total: 0 }));
        }
        c.put("new".into(), Arc::new(Anchors { version: 2, ids: vec![1], total: 1 }));
        assert!(c.get("old0").is_none());
        assert_eq!(c.get("new").map(|a| a.total), Some(1));
    }
}
