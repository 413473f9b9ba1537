//! A utility's clock: an IANA time zone, and the calendar in it. Times are
//! stored as instants (`Timestamp`); days, months, tariff periods and what
//! people read are wall-clock times of a zone, converted here and only here.

use super::ids::AreaId;
use super::time::{Month, TEXT_FORMAT, Timestamp};
use chrono::{Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike};
use serde::{Deserialize, Serialize};

/// An IANA time zone (`Africa/Nairobi`, `Asia/Shanghai`, `UTC`), from the
/// zone database `chrono-tz` carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(chrono_tz::Tz);

impl Default for Zone {
    fn default() -> Self {
        Self::UTC
    }
}

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

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for Zone {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Zone> for String {
    fn from(value: Zone) -> Self {
        value.name().to_owned()
    }
}

/// The installation's zone and the areas that set their own: every zone
/// rule in one value, read at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Zones {
    pub installation: Zone,
    pub areas: Vec<(AreaId, Zone)>,
}

impl Zones {
    /// The zone of the area at `path`.
    pub fn of_path(&self, path: &str) -> Zone {
        zone_for_path(path, &self.areas, self.installation)
    }

    /// Whether every area runs on the installation's clock (the common case:
    /// no meter's zone needs looking up).
    pub fn single(&self) -> bool {
        self.areas.iter().all(|(_, z)| *z == self.installation)
    }
}

/// The zone of the area at `path` (`/1/4/7/`): that of the deepest area on
/// the path that sets one (`zoned`), else the installation's.
pub fn zone_for_path(path: &str, zoned: &[(AreaId, Zone)], installation: Zone) -> Zone {
    // Deepest first: the path's last id is the area itself.
    path.split('/')
        .rev()
        .filter_map(|id| id.parse::<i64>().ok())
        .find_map(|id| zoned.iter().find(|(area, _)| area.0 == id).map(|(_, zone)| *zone))
        .unwrap_or(installation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, TEXT_FORMAT).unwrap()
    }

    #[test]
    fn typed_ranges_are_open_or_whole_local_days() {
        let (from, to) = Zone::UTC.typed_range("2026-01-05", "2026-01-05").unwrap();
        assert_eq!((from.text(), to.text()), ("2026-01-05 00:00:00".to_owned(), "2026-01-05 23:59:59".to_owned()));
        assert_eq!(Zone::UTC.typed_range("", "").unwrap(), (Timestamp(0), Timestamp::LATEST));
        assert_eq!(Zone::UTC.typed_range("", "2026-01-05 12:00:00").unwrap().1.text(), "2026-01-05 12:00:00");
        assert_eq!(Zone::UTC.typed_range("soon", "").unwrap_err().0, "start");
        assert_eq!(Zone::UTC.typed_range("", "later").unwrap_err().0, "end");
        // Nairobi's 5 January runs from 21:00 UTC the day before.
        let nairobi = Zone::parse("Africa/Nairobi").unwrap();
        let (from, to) = nairobi.typed_range("2026-01-05", "2026-01-05").unwrap();
        assert_eq!((from.text(), to.text()), ("2026-01-04 21:00:00".to_owned(), "2026-01-05 20:59:59".to_owned()));
    }

    #[test]
    fn names_parse_and_round_trip() {
        assert_eq!(Zone::parse("Africa/Nairobi").unwrap().name(), "Africa/Nairobi");
        assert_eq!(Zone::parse(" asia/shanghai ").unwrap().name(), "Asia/Shanghai");
        assert!(Zone::parse("Mars/Olympus").unwrap_err().contains("IANA"));
        assert!(Zone::parse("+03:00").is_err(), "offsets are not zones");
    }

    #[test]
    fn local_times_days_and_months() {
        let nairobi = Zone::parse("Africa/Nairobi").unwrap();
        let t = Timestamp::parse("2024-05-01 21:30:00").unwrap(); // UTC
        assert_eq!(nairobi.text(t), "2024-05-02 00:30:00");
        assert_eq!(nairobi.minute_of_day(t), 30);
        assert_eq!(nairobi.date_of(t), NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
        let (start, end) = nairobi.day_bounds(NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
        assert_eq!((start.text(), end.text()), ("2024-05-01 21:00:00".to_owned(), "2024-05-02 21:00:00".to_owned()));
        assert_eq!(nairobi.month_of(Timestamp::parse("2024-04-30 22:00:00").unwrap()), Month { year: 2024, month: 5 });
        assert_eq!(nairobi.parse_time("2024-05-02 00:30:00").unwrap(), t);
        assert_eq!(nairobi.parse_end("2024-05-02").unwrap().text(), "2024-05-02 20:59:59");
    }

    #[test]
    fn daylight_saving_days_are_23_and_25_hours_and_gaps_and_repeats_have_a_rule() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let (s, e) = berlin.day_bounds(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(e.0 - s.0, 23 * 3600);
        let (s, e) = berlin.day_bounds(NaiveDate::from_ymd_opt(2024, 10, 27).unwrap());
        assert_eq!(e.0 - s.0, 25 * 3600);
        // 02:30 on 31 March does not exist: read as 03:30 CEST (01:30 UTC).
        assert_eq!(berlin.instant(wall("2024-03-31 02:30:00")).text(), "2024-03-31 01:30:00");
        assert_eq!(berlin.text(berlin.instant(wall("2024-03-31 02:30:00"))), "2024-03-31 03:30:00");
        // 02:30 on 27 October exists twice: the first (00:30 UTC).
        assert_eq!(berlin.instant(wall("2024-10-27 02:30:00")).text(), "2024-10-27 00:30:00");
        let (march, april) = berlin.month_bounds(Month { year: 2024, month: 3 });
        assert_eq!((march.text(), april.text()), ("2024-02-29 23:00:00".to_owned(), "2024-03-31 22:00:00".to_owned()));
    }

    #[test]
    fn an_area_takes_the_zone_of_its_deepest_zoned_ancestor() {
        let shanghai = Zone::parse("Asia/Shanghai").unwrap();
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let zoned = [(AreaId(4), shanghai), (AreaId(9), berlin)];
        assert_eq!(zone_for_path("/1/4/7/", &zoned, Zone::UTC), shanghai);
        assert_eq!(zone_for_path("/1/4/9/12/", &zoned, Zone::UTC), berlin);
        assert_eq!(zone_for_path("/1/5/", &zoned, Zone::UTC), Zone::UTC);
        assert_eq!(zone_for_path("/1/44/", &zoned, Zone::UTC), Zone::UTC, "4 is not 44");
    }
}
