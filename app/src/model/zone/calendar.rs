//! The calendar of a zone, on the server: wall-clock times, days, months
//! and the instants they name, from `chrono-tz`'s zone database.

use super::Zone;
use crate::model::time::{Month, TEXT_FORMAT, Timestamp};
use chrono::{Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike};

impl Zone {
    pub const UTC: Zone = Zone(chrono_tz::UTC);

    /// A zone by its IANA name, in any letter case (`africa/nairobi` works).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        name.parse::<chrono_tz::Tz>()
            .ok()
            .or_else(|| chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name)))
            .map(Zone)
            .ok_or(())
            .map_err(|_| format!("must be an IANA time zone such as Africa/Nairobi or Asia/Shanghai, got {raw:?}"))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The wall-clock time of an instant here.
    pub fn local(self, t: Timestamp) -> NaiveDateTime {
        let utc = chrono::DateTime::from_timestamp(t.0, 0).unwrap_or_default().naive_utc();
        self.0.from_utc_datetime(&utc).naive_local()
    }

    /// `yyyy-MM-dd HH:mm:ss`, wall-clock time here.
    pub fn text(self, t: Timestamp) -> String {
        self.local(t).format(TEXT_FORMAT).to_string()
    }

    /// `yyyy-MM-dd`, the local date.
    pub fn date_text(self, t: Timestamp) -> String {
        self.local(t).format("%Y-%m-%d").to_string()
    }

    /// The local calendar day of an instant.
    pub fn date_of(self, t: Timestamp) -> NaiveDate {
        self.local(t).date()
    }

    /// The minute of the local day (0..1440) an instant falls in: what a
    /// time-of-use plan's periods are written in.
    pub fn minute_of_day(self, t: Timestamp) -> u16 {
        let local = self.local(t);
        (local.hour() * 60 + local.minute()) as u16
    }

    /// The instant a wall-clock time names here. A time that exists twice
    /// (clocks going back) is its first occurrence; a time that does not
    /// exist (skipped as clocks go forward) is read with the offset in force
    /// before the jump, so it lands as far past the jump as it was past the
    /// last valid time (02:30 in a gap from 02:00 to 03:00 is 03:30): the
    /// rule of JavaScript's Temporal ("compatible").
    pub fn instant(self, local: NaiveDateTime) -> Timestamp {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Timestamp(t.timestamp()),
            LocalResult::None => {
                let before = self.0.offset_from_utc_datetime(&(local - chrono::Duration::days(1)));
                Timestamp(local.and_utc().timestamp() - i64::from(before.fix().local_minus_utc()))
            }
        }
    }

    /// A wall-clock text (`yyyy-MM-dd HH:mm:ss`, `yyyy-MM-ddTHH:mm:ss` or a
    /// bare date, meaning midnight) read as a time here.
    pub fn parse_time(self, raw: &str) -> Result<Timestamp, String> {
        // The UTC reading of the same text is the wall-clock time itself.
        let wall = Timestamp::parse(raw)?;
        Ok(self.instant(chrono::DateTime::from_timestamp(wall.0, 0).unwrap_or_default().naive_utc()))
    }

    /// As `parse_time`, for the end of an inclusive range: a bare date is
    /// the whole local day.
    pub fn parse_end(self, raw: &str) -> Result<Timestamp, String> {
        if let Ok(day) = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
            return Ok(Timestamp(self.day_bounds(day).1.0 - 1));
        }
        self.parse_time(raw)
    }

    /// A range as people type it in a filter, on this clock: either end may
    /// be blank (open), and a bare date as the end is the whole local day.
    /// On error, says which end (`"start"` or `"end"`) and why.
    pub fn typed_range(self, start: &str, end: &str) -> Result<(Timestamp, Timestamp), (&'static str, String)> {
        let (start, end) = (start.trim(), end.trim());
        let from = if start.is_empty() { Timestamp(0) } else { self.parse_time(start).map_err(|e| ("start", e))? };
        let to = if end.is_empty() { Timestamp::LATEST } else { self.parse_end(end).map_err(|e| ("end", e))? };
        Ok((from, to))
    }

    /// Local midnight starting a day, and the next: 23, 24 or 25 hours apart.
    pub fn day_bounds(self, day: NaiveDate) -> (Timestamp, Timestamp) {
        let next = day.succ_opt().unwrap_or(day);
        (self.instant(day.and_time(chrono::NaiveTime::MIN)), self.instant(next.and_time(chrono::NaiveTime::MIN)))
    }

    /// The first instant of a local month and of the next.
    pub fn month_bounds(self, month: Month) -> (Timestamp, Timestamp) {
        let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap_or_default();
        let next = if month.month == 12 {
            NaiveDate::from_ymd_opt(month.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(month.year, month.month + 1, 1)
        }
        .unwrap_or_default();
        (self.day_bounds(first).0, self.day_bounds(next).0)
    }

    /// The local month an instant falls in.
    pub fn month_of(self, t: Timestamp) -> Month {
        let d = self.local(t);
        Month { year: d.year(), month: d.month() }
    }
}
