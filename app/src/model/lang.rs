//! The languages the portals speak, and each one's conventions for numbers.
//!
//! What people read is chosen per request: the `lang` cookie a person set
//! with the language menu, else the best match of the browser's
//! `Accept-Language`, else English. The texts themselves live in the
//! catalogs (`app/locales/<code>/*.ftl`); this type only names a language
//! and says how it writes numbers and which way it runs.

use serde::{Deserialize, Serialize};

/// A language of the portals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    /// Chinese, Simplified script.
    Zh,
    /// Arabic: written right to left; the whole layout mirrors.
    Ar,
    Fr,
    Sw,
}

/// The cookie the language menu sets.
pub const COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Zh, Lang::Ar, Lang::Fr, Lang::Sw];

    /// The BCP 47 tag pages carry in `<html lang>` and the catalogs' folder name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::Sw => "sw",
        }
    }

    /// The language's name in itself, as the menu lists it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文（简体）",
            Lang::Ar => "العربية",
            Lang::Fr => "Français",
            Lang::Sw => "Kiswahili",
        }
    }

    /// `ltr` or `rtl`, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En | Lang::Zh | Lang::Fr | Lang::Sw => "ltr",
        }
    }

    /// A language tag (`fr`, `fr-CA`, `zh-Hans-CN`, any case) as one of ours.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best of ours for an `Accept-Language` header: the highest `q`
    /// among the tags we speak (the first of equals), `None` when we speak
    /// none of them.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The language a request asks for: its cookie first, then its header.
    pub fn of_request(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie_header
            .and_then(|h| {
                h.split(';').find_map(|c| {
                    let (name, value) = c.trim().split_once('=')?;
                    (name == COOKIE).then(|| Lang::parse(value)).flatten()
                })
            })
            .or_else(|| accept_language.and_then(Lang::negotiate))
            .unwrap_or_default()
    }

    /// How the language writes a number: its thousands separator and its
    /// decimal sign. Arabic is written with Latin digits, as the utilities
    /// and mobile-money services of East and North Africa print them.
    pub fn separators(self) -> (&'static str, &'static str) {
        match self {
            // A narrow no-break space: French groups thousands with it.
            Lang::Fr => ("\u{202f}", ","),
            Lang::En | Lang::Zh | Lang::Ar | Lang::Sw => (",", "."),
        }
    }

    /// A decimal number written `1234.5` (optional `-`, ASCII digits, `.`)
    /// in this language's style: "1,234.5", "1 234,5".
    pub fn number(self, plain: &str) -> String {
        let (group, decimal) = self.separators();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let mut out = String::with_capacity(plain.len() + whole.len() / 3 * group.len());
        out.push_str(sign);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push_str(group);
            }
            out.push(digit);
        }
        if let Some(fraction) = fraction.filter(|f| !f.is_empty()) {
            out.push_str(decimal);
            out.push_str(fraction);
        }
        out
    }

    /// An amount with its currency code where the language puts it:
    /// "KES 1,234.50", "1 234,50 KES".
    pub fn money(self, code: &str, number: &str) -> String {
        match self {
            Lang::Fr => format!("{number}\u{a0}{code}"),
            Lang::En | Lang::Zh | Lang::Ar | Lang::Sw => format!("{code} {number}"),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_pick_the_best_language_we_speak() {
        assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.8"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,sw;q=0.5,ar;q=0.7"), Some(Lang::Ar));
        assert_eq!(Lang::negotiate("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::negotiate("en;q=0.2, SW-ke"), Some(Lang::Sw));
        assert_eq!(Lang::negotiate("fr;q=0, de"), None);
        assert_eq!(Lang::negotiate("*"), None);
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn the_cookie_wins_over_the_header_and_english_is_the_last_word() {
        assert_eq!(Lang::of_request(Some("session=abc; lang=ar"), Some("fr")), Lang::Ar);
        assert_eq!(Lang::of_request(Some("lang=xx"), Some("fr")), Lang::Fr);
        assert_eq!(Lang::of_request(Some("other=1"), None), Lang::En);
        assert_eq!(Lang::of_request(None, Some("ja")), Lang::En);
    }

    #[test]
    fn numbers_follow_the_languages_conventions() {
        assert_eq!(Lang::En.number("1234567.50"), "1,234,567.50");
        assert_eq!(Lang::Fr.number("-1234.5"), "-1\u{202f}234,5");
        assert_eq!(Lang::Sw.number("999"), "999");
        assert_eq!(Lang::Ar.number("1000"), "1,000");
        assert_eq!(Lang::Fr.money("KES", &Lang::Fr.number("1234.50")), "1\u{202f}234,50\u{a0}KES");
        assert_eq!(Lang::Zh.money("CNY", "12.00"), "CNY 12.00");
    }
}
