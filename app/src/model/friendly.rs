//! Friendly credit: hours and days when a valve is not closed for an
//! overdrawn balance (nights, weekends, public holidays), as commercial
//! prepaid systems do, so that nobody loses water or power when no shop is
//! open to top up. The close waits for the next time outside them. The
//! ledger is the same either way: only the moment of the close moves.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// When closes wait, in the utility's local time. Nothing set: never.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FriendlyCredit {
    /// A daily period `[from, to)`, past midnight when `to` is earlier.
    pub hours: Option<(NaiveTime, NaiveTime)>,
    /// Whole days of the week.
    pub days: Vec<Weekday>,
}

/// A public holiday an operator listed: no close for overdraft on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FriendlyDay {
    pub day: NaiveDate,
    pub name: String,
}

impl FriendlyCredit {
    /// Whether anything is set (otherwise no close ever waits).
    pub fn is_set(&self) -> bool {
        self.hours.is_some() || !self.days.is_empty()
    }

    /// Whether a close may happen at `local` (wall-clock time); `holiday`
    /// says whether its day is a holiday an operator listed (which always
    /// counts: it was listed for this).
    pub fn allows_close(&self, local: NaiveDateTime, holiday: bool) -> bool {
        if holiday || self.days.contains(&local.weekday()) {
            return false;
        }
        match self.hours {
            None => true,
            Some((from, to)) => {
                let t = local.time();
                let inside = if from <= to { t >= from && t < to } else { t >= from || t < to };
                !inside
            }
        }
    }

    /// Reads `HH:MM-HH:MM` (hours) and `sat,sun` (days); either may be empty.
    pub fn parse(hours: &str, days: &str) -> Result<Self, String> {
        let hours = match hours.trim() {
            "" => None,
            text => Some(super::time::parse_daily_period(text)?),
        };
        let mut out = Vec::new();
        for name in days.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let day =
                name.parse::<Weekday>().map_err(|_| format!("{name:?} is not a day of the week (mon ... sun)"))?;
            if !out.contains(&day) {
                out.push(day);
            }
        }
        Ok(Self { hours, days: out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn closes_wait_through_the_night_the_weekend_and_holidays() {
        let f = FriendlyCredit::parse("18:00-08:00", "sat, sun").unwrap();
        // 2026-12-07 is a Monday.
        assert!(f.allows_close(at("2026-12-07 12:00"), false));
        assert!(f.allows_close(at("2026-12-07 08:00"), false), "the period ends at 08:00");
        assert!(!f.allows_close(at("2026-12-07 07:59"), false));
        assert!(!f.allows_close(at("2026-12-07 18:00"), false));
        assert!(!f.allows_close(at("2026-12-07 23:30"), false), "past midnight");
        assert!(!f.allows_close(at("2026-12-12 12:00"), false), "a Saturday");
        assert!(!f.allows_close(at("2026-12-07 12:00"), true), "a holiday");

        let day = FriendlyCredit::parse("09:00-17:00", "").unwrap();
        assert!(!day.allows_close(at("2026-12-07 09:00"), false));
        assert!(day.allows_close(at("2026-12-07 17:00"), false));
        assert!(FriendlyCredit::default().allows_close(at("2026-12-12 03:00"), false));
        assert!(!FriendlyCredit::default().is_set());

        assert!(FriendlyCredit::parse("18:00", "").is_err());
        assert!(FriendlyCredit::parse("25:00-08:00", "").is_err());
        assert!(FriendlyCredit::parse("08:00-08:00", "").is_err());
        assert_eq!(
            FriendlyCredit::parse("", "caturday").unwrap_err(),
            "\"caturday\" is not a day of the week (mon ... sun)"
        );
    }
}
