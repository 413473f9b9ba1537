//! Timestamps: stored as Unix seconds, written as `yyyy-MM-dd HH:mm:ss` (UTC).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

pub const TEXT_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

impl Timestamp {
    /// 9999-12-31 23:59:59 UTC: the end of an open range.
    pub const LATEST: Timestamp = Timestamp(253_402_300_799);

    /// Accepts `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-ddTHH:mm:ss` or a bare `yyyy-MM-dd` (midnight).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, TEXT_FORMAT) {
            return Ok(Self(dt.and_utc().timestamp()));
        }
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
            return Ok(Self(dt.and_utc().timestamp()));
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Self(d.and_hms_opt(0, 0, 0).map(|dt| dt.and_utc().timestamp()).unwrap_or_default()));
        }
        Err(format!("must be a time like 2024-05-01 13:45:00, got {raw:?}"))
    }

    /// The end of an inclusive range: as `parse`, except that a bare
    /// `yyyy-MM-dd` means the whole day (up to 23:59:59), as people mean
    /// "until the 5th".
    pub fn parse_end(raw: &str) -> Result<Self, String> {
        let at = Self::parse(raw)?;
        let bare_date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").is_ok();
        Ok(if bare_date { Self(at.0 + 86_399) } else { at })
    }

    /// `yyyy-MM-dd HH:mm:ss`. Written by hand, not with chrono's formatter:
    /// the household's browser shows times and should not download strftime.
    pub fn text(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let s = self.0.rem_euclid(86_400);
        format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
    }

    /// `yyyy-MM-dd`.
    pub fn date_text(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// The proleptic Gregorian date `days` after 1970-01-01: year, month, day.
/// Counts in 400-year eras (146,097 days each), with the year starting in
/// March so that the leap day falls last.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468; // days from 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153; // 0 = March
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 { march_month + 3 } else { march_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A billing month, `yyyy-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// A month as `yyyy-MM`, or the month of a date `yyyy-MM-dd` (clients
    /// send a bill date for its month).
    pub fn parse_or_date(raw: &str) -> Result<Self, String> {
        match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
            Ok(day) => Ok(Self { year: day.year(), month: day.month() }),
            Err(_) => Self::parse(raw).map_err(|e| format!("{e} (or a date like 2024-05-17)")),
        }
    }

    pub fn parse(raw: &str) -> Result<Self, String> {
        let err = || format!("must be a month like 2024-05, got {raw:?}");
        let (y, m) = raw.trim().split_once('-').ok_or_else(err)?;
        let year: i32 = y.parse().map_err(|_| err())?;
        let month: u32 = m.parse().map_err(|_| err())?;
        if !(1..=12).contains(&month) || !(1970..=9999).contains(&year) {
            return Err(err());
        }
        Ok(Self { year, month })
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Month> for String {
    fn from(value: Month) -> Self {
        value.to_string()
    }
}

/// A daily period of wall-clock time, `HH:MM-HH:MM` (past midnight when the
/// end is earlier than the start).
pub fn parse_daily_period(text: &str) -> Result<(chrono::NaiveTime, chrono::NaiveTime), String> {
    let wrong = || format!("must be HH:MM-HH:MM, got {text:?}");
    let (from, to) = text.trim().split_once('-').ok_or_else(wrong)?;
    let time = |s: &str| chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| wrong());
    let (from, to) = (time(from)?, time(to)?);
    if from == to {
        return Err(format!("{text:?} starts and ends at the same time"));
    }
    Ok((from, to))
}

/// Midnight UTC starting a day, and the next (the UTC clock's; a meter's
/// days are its zone's: `Zone::day_bounds`).
#[cfg(feature = "ssr")]
pub fn day_bounds(day: NaiveDate) -> (Timestamp, Timestamp) {
    super::zone::Zone::UTC.day_bounds(day)
}

/// The first instant of a UTC month and of the next.
#[cfg(feature = "ssr")]
pub fn month_bounds(month: Month) -> (Timestamp, Timestamp) {
    super::zone::Zone::UTC.month_bounds(month)
}

/// The UTC month a time falls in.
#[cfg(feature = "ssr")]
pub fn month_of(t: Timestamp) -> Month {
    super::zone::Zone::UTC.month_of(t)
}

/// The month before `m`.
pub fn previous_month(m: Month) -> Month {
    if m.month == 1 { Month { year: m.year - 1, month: 12 } } else { Month { year: m.year, month: m.month - 1 } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_end_date_is_the_whole_day_and_a_bill_date_its_month() {
        let end = Timestamp::parse_end("2024-05-05").unwrap();
        assert_eq!(end.text(), "2024-05-05 23:59:59");
        assert_eq!(Timestamp::parse_end("2024-05-05 12:00:00").unwrap().text(), "2024-05-05 12:00:00");
        assert!(Timestamp::parse_end("05/05/2024").is_err());
        assert_eq!(Month::parse_or_date("2024-05-17").unwrap(), Month { year: 2024, month: 5 });
        assert_eq!(Month::parse_or_date("2024-05").unwrap(), Month { year: 2024, month: 5 });
        assert!(Month::parse_or_date("2024-13-01").unwrap_err().contains("2024-05-17"));
    }

    #[test]
    fn round_trips_the_vendor_format() {
        let t = Timestamp::parse("2020-06-18 16:23:27").unwrap();
        assert_eq!(t.text(), "2020-06-18 16:23:27");
        assert_eq!(Timestamp::parse("2020-06-18").unwrap().text(), "2020-06-18 00:00:00");
        assert!(Timestamp::parse("18/06/2020").is_err());
    }

    #[test]
    fn text_agrees_with_chrono_across_eras() {
        // Every day of 1969–2101 at a moving time of day, leap years and
        // century rules included, plus the ends of the range we use.
        let check = |t: i64| {
            let want = chrono::DateTime::from_timestamp(t, 0).unwrap();
            assert_eq!(Timestamp(t).text(), want.format(TEXT_FORMAT).to_string(), "{t}");
            assert_eq!(Timestamp(t).date_text(), want.format("%Y-%m-%d").to_string(), "{t}");
        };
        for day in -366..48_580_i64 {
            check(day * 86_400 + (day * 7_919).rem_euclid(86_400));
        }
        for t in [-1, 0, 951_782_400, 4_107_542_400, Timestamp::LATEST.0, -62_135_596_800] {
            check(t);
        }
    }

    #[test]
    fn months() {
        assert_eq!(Month::parse("2020-6").unwrap().to_string(), "2020-06");
        assert!(Month::parse("2020-13").is_err());
        assert!(Month::parse("June").is_err());
    }

    #[test]
    fn calendar_bounds_wrap_at_the_year() {
        let december = Month { year: 2025, month: 12 };
        let (start, end) = month_bounds(december);
        assert_eq!((start.text(), end.text()), ("2025-12-01 00:00:00".into(), "2026-01-01 00:00:00".into()));
        assert_eq!(month_of(Timestamp(end.0 - 1)), december);
        assert_eq!(month_of(end), Month { year: 2026, month: 1 });
        assert_eq!(previous_month(Month { year: 2026, month: 1 }), december);
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(day_bounds(day).1.text(), "2024-03-01 00:00:00");
    }
}
