//! A utility's clock: an IANA time zone, and the calendar in it. Times are
//! stored as instants (`Timestamp`); days, months, tariff periods and what
//! people read are wall-clock times of a zone, converted here and only here.
//!
//! The server carries the zone database (`chrono-tz`) and does every
//! calendar rule. The browser shows times with its own zone database
//! (`Intl.DateTimeFormat`): the WASM a household downloads holds no zone
//! table, and times typed into forms are read on the server.

use super::ids::AreaId;
#[cfg(not(feature = "ssr"))]
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod calendar;

/// An IANA time zone (`Africa/Nairobi`, `Asia/Shanghai`, `UTC`): on the
/// server a zone of `chrono-tz`'s database, in the browser its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(Inner);

#[cfg(feature = "ssr")]
type Inner = chrono_tz::Tz;
/// The name a server checked (zones reach the browser from the server).
#[cfg(not(feature = "ssr"))]
type Inner = &'static str;

impl Default for Zone {
    fn default() -> Self {
        Self::UTC
    }
}

#[cfg(not(feature = "ssr"))]
impl Zone {
    pub const UTC: Zone = Zone("UTC");

    /// The zone the server named. Each distinct name is kept for the page's
    /// life (a page knows one or two).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        let fits = |c: char| c.is_ascii_alphanumeric() || "/_-+".contains(c);
        if name.is_empty() || !name.chars().all(fits) {
            return Err(format!("must be an IANA time zone such as Africa/Nairobi or Asia/Shanghai, got {raw:?}"));
        }
        Ok(Zone(intern(name)))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// `yyyy-MM-dd HH:mm:ss`, wall-clock time here, by the browser's clock
    /// rules.
    pub fn text(self, t: Timestamp) -> String {
        browser::wall_text(self.0, t).unwrap_or_else(|| format!("{} UTC", t.text()))
    }
}

/// The names met so far, leaked once each: a `Zone` stays `Copy`.
#[cfg(not(feature = "ssr"))]
fn intern(name: &str) -> &'static str {
    use std::sync::Mutex;
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.push(leaked);
    leaked
}

#[cfg(not(feature = "ssr"))]
mod browser {
    use super::Timestamp;

    /// The wall-clock text of `t` in `zone`, from `Intl.DateTimeFormat`.
    #[cfg(feature = "hydrate")]
    pub fn wall_text(zone: &str, t: Timestamp) -> Option<String> {
        use js_sys::{Array, Date, Intl, Object, Reflect};
        use wasm_bindgen::JsValue;
        let options = Object::new();
        let fields = [
            ("timeZone", zone),
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
            ("hourCycle", "h23"),
        ];
        for (key, value) in fields {
            Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
        }
        let format = Intl::DateTimeFormat::new(&Array::of1(&JsValue::from_str("en-US")), &options);
        let parts = format.format_to_parts(&Date::new(&JsValue::from_f64(t.0 as f64 * 1000.0)));
        let mut got = [""; 6].map(String::from);
        for part in parts.iter() {
            let kind = Reflect::get(&part, &JsValue::from_str("type")).ok()?.as_string()?;
            let value = Reflect::get(&part, &JsValue::from_str("value")).ok()?.as_string()?;
            let slot = ["year", "month", "day", "hour", "minute", "second"].iter().position(|k| *k == kind);
            if let Some(i) = slot {
                got[i] = value;
            }
        }
        let [year, month, day, hour, minute, second] = got;
        Some(format!("{year}-{month}-{day} {hour}:{minute}:{second}"))
    }

    /// Outside a browser (a build with neither side's feature): no zone rules.
    #[cfg(not(feature = "hydrate"))]
    pub fn wall_text(_zone: &str, _t: Timestamp) -> Option<String> {
        None
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::model::time::{Month, TEXT_FORMAT, Timestamp};
    use chrono::{NaiveDate, NaiveDateTime};

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
