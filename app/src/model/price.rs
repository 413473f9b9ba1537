//! Price plans: flat, or time of use with flat/peak/valley/tip bands.

use super::EnergyType;
use super::fixed::UnitPrice;
use super::ids::PriceId;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A time-of-use band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Band {
    Flat,
    Peak,
    Valley,
    Tip,
}

impl Band {
    pub fn code(self) -> &'static str {
        match self {
            Band::Flat => "flat",
            Band::Peak => "peak",
            Band::Valley => "valley",
            Band::Tip => "tip",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "flat" | "shoulder" => Ok(Band::Flat),
            "peak" => Ok(Band::Peak),
            "valley" | "offpeak" | "off-peak" => Ok(Band::Valley),
            "tip" | "sharp" => Ok(Band::Tip),
            _ => Err(format!("unknown band {raw:?} (flat, peak, valley or tip)")),
        }
    }
}

/// The band schedule of a day: each entry starts a band at a minute of the day
/// and lasts until the next; the first starts at 00:00.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periods(Vec<(u16, Band)>);

impl Periods {
    /// Parses `"00:00=valley,07:00=flat,..."`, refusing unsorted or gapped schedules.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut out: Vec<(u16, Band)> = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (time, band) = part.split_once('=').ok_or_else(|| format!("{part:?} is not HH:MM=band"))?;
            let (h, m) = time.trim().split_once(':').ok_or_else(|| format!("{time:?} is not HH:MM"))?;
            let h: u16 = h.parse().map_err(|_| format!("{time:?} is not HH:MM"))?;
            let m: u16 = m.parse().map_err(|_| format!("{time:?} is not HH:MM"))?;
            if h > 23 || m > 59 {
                return Err(format!("{time:?} is not a time of day"));
            }
            let minute = h * 60 + m;
            if out.last().is_some_and(|(prev, _)| *prev >= minute) {
                return Err("periods must be in increasing time order".into());
            }
            out.push((minute, Band::parse(band)?));
        }
        match out.first() {
            None => Err("at least one period is needed".into()),
            Some((0, _)) => Ok(Self(out)),
            Some(_) => Err("the first period must start at 00:00".into()),
        }
    }

    /// The band in force at a minute of the day.
    pub fn band_at(&self, minute_of_day: u16) -> Band {
        self.0.iter().rev().find(|(start, _)| *start <= minute_of_day).map(|(_, b)| *b).unwrap_or(Band::Flat)
    }

    pub fn entries(&self) -> &[(u16, Band)] {
        &self.0
    }
}

impl Default for Periods {
    /// A common schedule: valley overnight, peaks morning and evening, a tip at dinner time.
    fn default() -> Self {
        Self::parse(
            "00:00=valley,07:00=flat,08:00=peak,11:00=flat,18:00=peak,19:00=tip,20:00=peak,21:00=flat,23:00=valley",
        )
        .unwrap_or(Self(vec![(0, Band::Flat)]))
    }
}

impl std::fmt::Display for Periods {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> =
            self.0.iter().map(|(m, b)| format!("{:02}:{:02}={}", m / 60, m % 60, b.code())).collect();
        f.write_str(&parts.join(","))
    }
}

/// How consumption is priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tariff {
    Flat(UnitPrice),
    TimeOfUse { flat: UnitPrice, peak: UnitPrice, valley: UnitPrice, tip: UnitPrice, periods: Periods },
}

impl Tariff {
    /// The flat (shoulder) price: the `price` the legacy API reports.
    pub fn flat_price(&self) -> UnitPrice {
        match self {
            Tariff::Flat(p) => *p,
            Tariff::TimeOfUse { flat, .. } => *flat,
        }
    }

    /// The price in force at a minute of the day.
    pub fn price_at(&self, minute_of_day: u16) -> UnitPrice {
        match self {
            Tariff::Flat(p) => *p,
            Tariff::TimeOfUse { flat, peak, valley, tip, periods } => match periods.band_at(minute_of_day) {
                Band::Flat => *flat,
                Band::Peak => *peak,
                Band::Valley => *valley,
                Band::Tip => *tip,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePlan {
    pub id: PriceId,
    /// The owning area: its operators change the plan; meters in its subtree use it.
    pub area_id: super::ids::AreaId,
    pub name: String,
    pub energy_type: EnergyType,
    pub tariff: Tariff,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPricePlan {
    /// The owning area; the operator's highest managed area when not given.
    #[serde(default)]
    pub area_id: Option<super::ids::AreaId>,
    pub name: String,
    pub energy_type: EnergyType,
    pub tariff: Tariff,
}

/// A change to a plan; `None` keeps the current value. The energy type of a
/// plan never changes: meters on it would silently change kind. Giving peak,
/// valley and tip prices to a flat plan makes it time-of-use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePatch {
    pub id: PriceId,
    pub name: Option<String>,
    pub flat: Option<UnitPrice>,
    pub peak: Option<UnitPrice>,
    pub valley: Option<UnitPrice>,
    pub tip: Option<UnitPrice>,
    pub periods: Option<Periods>,
}

impl PricePatch {
    /// The tariff after this patch, or the name of the price a flat plan
    /// still lacks to become time-of-use.
    pub fn apply(&self, current: &Tariff) -> Result<Tariff, &'static str> {
        let tou_given = self.peak.is_some() || self.valley.is_some() || self.tip.is_some() || self.periods.is_some();
        match current {
            Tariff::Flat(p) if !tou_given => Ok(Tariff::Flat(self.flat.unwrap_or(*p))),
            Tariff::Flat(p) => Ok(Tariff::TimeOfUse {
                flat: self.flat.unwrap_or(*p),
                peak: self.peak.ok_or("peakPrice")?,
                valley: self.valley.ok_or("valleyPrice")?,
                tip: self.tip.ok_or("tipPrice")?,
                periods: self.periods.clone().unwrap_or_default(),
            }),
            Tariff::TimeOfUse { flat, peak, valley, tip, periods } => Ok(Tariff::TimeOfUse {
                flat: self.flat.unwrap_or(*flat),
                peak: self.peak.unwrap_or(*peak),
                valley: self.valley.unwrap_or(*valley),
                tip: self.tip.unwrap_or(*tip),
                periods: self.periods.clone().unwrap_or_else(|| periods.clone()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_periods_cover_the_day() {
        let p = Periods::default();
        assert_eq!(p.band_at(0), Band::Valley);
        assert_eq!(p.band_at(9 * 60), Band::Peak);
        assert_eq!(p.band_at(19 * 60 + 30), Band::Tip);
        assert_eq!(p.band_at(23 * 60 + 59), Band::Valley);
        assert_eq!(Periods::parse(&p.to_string()).unwrap(), p);
    }

    #[test]
    fn periods_refuse_bad_schedules() {
        assert!(Periods::parse("01:00=flat").is_err());
        assert!(Periods::parse("00:00=flat,05:00=peak,04:00=flat").is_err());
        assert!(Periods::parse("00:00=cheap").is_err());
        assert!(Periods::parse("").is_err());
    }
}
