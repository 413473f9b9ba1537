//! Paging: page numbers start at 1, `size` is rows per page, capped.

use serde::{Deserialize, Serialize};

/// A page that can be asked for: the fields are private and every way in
/// (deserialising a server function's argument included) goes through the
/// same checks, so no caller reaches the database with page 0 (a negative
/// `OFFSET`) or four billion rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPage")]
pub struct PageRequest {
    /// 1-based page number.
    number: u32,
    /// Rows per page, 1..=`PageRequest::MAX_SIZE`.
    size: u32,
}

/// A page request as sent, before its checks.
#[derive(Deserialize)]
struct RawPage {
    number: i64,
    size: i64,
}

impl TryFrom<RawPage> for PageRequest {
    type Error = String;

    fn try_from(raw: RawPage) -> Result<Self, String> {
        Self::new(Some(raw.number), Some(raw.size)).map_err(|(field, message)| format!("page {field}: {message}"))
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self { number: 1, size: Self::DEFAULT_SIZE }
    }
}

impl PageRequest {
    pub const DEFAULT_SIZE: u32 = 100;
    pub const MAX_SIZE: u32 = 1000;

    /// Builds a page request, refusing zero and capping the size.
    pub fn new(number: Option<i64>, size: Option<i64>) -> Result<Self, (&'static str, String)> {
        let number = match number {
            None => 1,
            Some(n) if n >= 1 && n <= i64::from(u32::MAX) => n as u32,
            Some(n) => return Err(("pageNumber", format!("must be 1 or more, got {n}"))),
        };
        let size = match size {
            None => Self::DEFAULT_SIZE,
            Some(s) if s >= 1 => s.min(i64::from(Self::MAX_SIZE)) as u32,
            Some(s) => return Err(("pageSize", format!("must be 1 or more, got {s}"))),
        };
        Ok(Self { number, size })
    }

    /// Page `number` of `size` rows, both brought into range (for pages the
    /// code itself asks for).
    pub const fn at(number: u32, size: u32) -> Self {
        let number = if number == 0 { 1 } else { number };
        let size = if size == 0 {
            1
        } else if size > Self::MAX_SIZE {
            Self::MAX_SIZE
        } else {
            size
        };
        Self { number, size }
    }

    pub fn number(self) -> u32 {
        self.number
    }

    pub fn size(self) -> u32 {
        self.size
    }

    pub fn offset(self) -> i64 {
        (i64::from(self.number) - 1) * i64::from(self.size)
    }

    pub fn limit(self) -> i64 {
        i64::from(self.size)
    }
}

/// One page of rows and the counts a client pages by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub number: u32,
    pub size: u32,
    /// Rows matching the query over all pages.
    pub total_rows: i64,
}

impl<T> Page<T> {
    /// Number of pages (what the legacy `pageTotal` reports); at least 1.
    pub fn total_pages(&self) -> i64 {
        let size = i64::from(self.size.max(1));
        ((self.total_rows + size - 1) / size).max(1)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            rows: self.rows.into_iter().map(f).collect(),
            number: self.number,
            size: self.size,
            total_rows: self.total_rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_rules() {
        let p = PageRequest::new(Some(3), Some(20)).unwrap();
        assert_eq!((p.offset(), p.limit()), (40, 20));
        assert_eq!(PageRequest::new(None, Some(1_000_000)).unwrap().size, PageRequest::MAX_SIZE);
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(None, Some(0)).is_err());
        // Deserialised requests are checked the same way.
        let sent: PageRequest = serde_json::from_str(r#"{"number": 2, "size": 4000000000}"#).unwrap();
        assert_eq!((sent.number(), sent.size()), (2, PageRequest::MAX_SIZE));
        let zero = serde_json::from_str::<PageRequest>(r#"{"number": 0, "size": 10}"#).unwrap_err();
        assert!(zero.to_string().contains("pageNumber: must be 1 or more"), "{zero}");
        assert!(serde_json::from_str::<PageRequest>(r#"{"number": 1, "size": -5}"#).is_err());
        assert_eq!(PageRequest::at(0, 0), PageRequest::new(Some(1), Some(1)).unwrap());
        let page: Page<()> = Page { rows: vec![], number: 1, size: 10, total_rows: 21 };
        assert_eq!(page.total_pages(), 3);
    }
}
