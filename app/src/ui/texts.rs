//! What the portal says, in the reader's language.
//!
//! Every text a page shows is a message of the catalogs
//! (`app/locales/<lang>/*.ftl`, Project Fluent's format), named by its key:
//! `t(key)`, or `tf(key, &[("amount", ..)])` for one with variables. On the server the catalog of the request's
//! language is in the page's context; the page also carries it, as JSON,
//! for the islands, which read it once in the browser. The household's WASM
//! therefore holds no catalog and no Fluent runtime: messages are text and
//! `{ $variables }` only (the catalog test refuses anything else), so
//! filling one is a substitution, the same on both sides.

use crate::model::currency::Currency;
use crate::model::lang::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The element of the page that carries the messages for the islands.
pub const SCRIPT_ID: &str = "ml-texts";

/// One language's messages: key → pattern, where `{$name}` stands for a variable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Texts {
    pub lang: Lang,
    pub messages: HashMap<String, String>,
}

impl Texts {
    /// The message, or its key when the catalog lacks it (the catalog test
    /// makes sure none is missing, so a key on a page is a bug to see).
    pub fn say(&self, key: &str) -> String {
        self.messages.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// The message with its variables filled in.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        match self.messages.get(key) {
            Some(pattern) => fill(pattern, args),
            None => key.to_owned(),
        }
    }

    /// The messages whose keys `keep` accepts, for a page that needs only those.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> Texts {
        Texts {
            lang: self.lang,
            messages: self.messages.iter().filter(|(k, _)| keep(k)).map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

/// Replaces each `{$name}` of `pattern` with its value; a variable without
/// one stays as it is written, so the gap shows.
pub fn fill(pattern: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(start) = rest.find("{$") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 1]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page's messages as a context value.
#[derive(Clone)]
struct Said(Arc<Texts>);

/// The messages of the language this page speaks.
pub fn texts() -> Arc<Texts> {
    if let Some(Said(texts)) = use_context::<Said>() {
        return texts;
    }
    #[cfg(feature = "ssr")]
    {
        crate::backend::catalog::texts(crate::backend::catalog::request_lang())
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        from_page()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Arc::new(Texts::default())
    }
}

/// A message in the page's language.
pub fn t(key: &str) -> String {
    texts().say(key)
}

/// A message with its variables filled in.
pub fn tf(key: &str, args: &[(&str, String)]) -> String {
    texts().fill(key, args)
}

/// The language this page speaks.
pub fn lang() -> Lang {
    texts().lang
}

/// Puts the request's messages in the context of what follows (the server
/// renders with them; in the browser the page's own copy serves).
pub fn provide_texts() {
    #[cfg(feature = "ssr")]
    {
        provide_context(Said(crate::backend::catalog::texts(crate::backend::catalog::request_lang())));
        // The page depends on the language asked for: no shared cache may
        // answer another reader with it.
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(http::header::VARY, http::HeaderValue::from_static("Accept-Language, Cookie"));
        }
    }
}

/// Whether the page being rendered is the operator portal's (it carries
/// the portal's messages for its island).
pub fn operator_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/admin"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The installation's currency, which every amount on a page is in (KES
/// until known). The server has it in its settings; the browser reads it
/// from the page, with the messages: no island asks the server for it.
pub fn currency() -> Currency {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::backend::AppState>().map(|s| s.settings.currency).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        page().currency
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Currency::default()
    }
}

/// What a page carries for its islands: its language's messages and the
/// currency amounts are written in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PageData {
    pub texts: Arc<Texts>,
    pub currency: Currency,
}

/// The page's data, read once.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn page() -> &'static PageData {
    static PAGE: std::sync::OnceLock<PageData> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| {
        let json = document().get_element_by_id(SCRIPT_ID).and_then(|e| e.text_content()).unwrap_or_default();
        serde_json::from_str(&json).unwrap_or_default()
    })
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn from_page() -> Arc<Texts> {
    page().texts.clone()
}

/// The page's data as JSON for a `<script type="application/json">`:
/// `<` is escaped so no text can end the script element.
pub fn page_json(data: &PageData) -> String {
    serde_json::to_string(data).unwrap_or_default().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_filled_and_missing_ones_show() {
        let args = [("amount", "KES 20.00".to_owned()), ("n", "7".to_owned())];
        assert_eq!(fill("{$amount} added (order {$n})", &args), "KES 20.00 added (order 7)");
        assert_eq!(fill("no variables", &args), "no variables");
        assert_eq!(fill("{$who} and {$n}", &args), "{$who} and 7");
        assert_eq!(fill("open {$ at the end", &args), "open {$ at the end");
        assert_eq!(fill("آخر قراءة: {$n}", &args), "آخر قراءة: 7");
    }

    #[test]
    fn a_script_element_cannot_be_closed_by_a_message() {
        let mut texts = Texts::default();
        texts.messages.insert("x".into(), "</script><b>".into());
        let json = page_json(&PageData { texts: Arc::new(texts), currency: Currency::KES });
        assert!(!json.contains('<'));
        let back: PageData = serde_json::from_str(&json).unwrap();
        assert_eq!(back.texts.say("x"), "</script><b>");
        assert_eq!(back.currency, Currency::KES);
    }
}
