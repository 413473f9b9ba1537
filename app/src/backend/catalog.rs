//! The catalogs: every text of the portals in each language, read from
//! `app/locales/<lang>/<part>.ftl` (Project Fluent's format, parsed by its
//! own parser) into the key → pattern maps pages use (`ui::texts`).
//!
//! A message may hold text and `{ $variables }` only: the browser fills
//! them without a Fluent runtime (see `ui::texts`). Plurals are avoided by
//! wording ("Payments: 3"), which reads right in all five languages. A key
//! one language lacks falls back to English at run time; the tests below
//! make sure none does.

use crate::model::lang::Lang;
use crate::ui::texts::Texts;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));

/// What a catalog file holds that the portal cannot say.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: not Fluent at byte {at}: {what}")]
    Syntax { file: String, at: usize, what: String },
    #[error("{file}: {key} uses {what}; messages hold only text and {{ $variables }}")]
    Unsupported { file: String, key: String, what: &'static str },
    #[error("{file}: {key} has no value")]
    NoValue { file: String, key: String },
    #[error("{file}: {key} is defined twice in its language")]
    Duplicate { file: String, key: String },
}

/// One language's messages and what was wrong reading them.
pub fn load(lang: Lang) -> (HashMap<String, String>, Vec<CatalogError>) {
    let mut messages = HashMap::new();
    let mut problems = Vec::new();
    for (_, part, source) in FILES.iter().filter(|(l, _, _)| *l == lang.code()) {
        let file = format!("{}/{part}.ftl", lang.code());
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for e in errors {
                    problems.push(CatalogError::Syntax {
                        file: file.clone(),
                        at: e.pos.start,
                        what: e.kind.to_string(),
                    });
                }
                resource
            }
        };
        for entry in resource.body {
            let message = match entry {
                Entry::Message(m) => m,
                Entry::Term(t) => {
                    let key = format!("-{}", t.id.name);
                    problems.push(CatalogError::Unsupported { file: file.clone(), key, what: "a term" });
                    continue;
                }
                // Junk is reported by the parser's errors above.
                Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) | Entry::Junk { .. } => {
                    continue;
                }
            };
            let key = message.id.name.to_owned();
            if !message.attributes.is_empty() {
                problems.push(CatalogError::Unsupported { file: file.clone(), key: key.clone(), what: "attributes" });
            }
            let Some(pattern) = message.value else {
                problems.push(CatalogError::NoValue { file: file.clone(), key });
                continue;
            };
            match flatten(&pattern.elements) {
                Ok(text) => {
                    if messages.insert(key.clone(), text).is_some() {
                        problems.push(CatalogError::Duplicate { file: file.clone(), key });
                    }
                }
                Err(what) => problems.push(CatalogError::Unsupported { file: file.clone(), key, what }),
            }
        }
    }
    (messages, problems)
}

/// A pattern as `ui::texts::fill` reads it: text, with `{$name}` for each variable.
fn flatten(elements: &[PatternElement<&str>]) -> Result<String, &'static str> {
    let mut out = String::new();
    for element in elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    out.push_str("{$");
                    out.push_str(id.name);
                    out.push('}');
                }
                // `{"{"}` and the like: how Fluent writes a brace or a space at an edge.
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    out.push_str(&value.replace("\\\"", "\"").replace("\\\\", "\\"))
                }
                Expression::Inline(InlineExpression::NumberLiteral { value }) => out.push_str(value),
                Expression::Select { .. } => return Err("a selector"),
                Expression::Inline(InlineExpression::FunctionReference { .. }) => return Err("a function"),
                Expression::Inline(InlineExpression::MessageReference { .. }) => return Err("a message reference"),
                Expression::Inline(InlineExpression::TermReference { .. }) => return Err("a term"),
                Expression::Inline(InlineExpression::Placeable { .. }) => return Err("a nested placeable"),
            },
        }
    }
    Ok(out)
}

/// The messages of `lang`, English filling any gap. Read once per process;
/// problems are logged then (the tests keep them from being shipped).
pub fn texts(lang: Lang) -> Arc<Texts> {
    static ALL: OnceLock<HashMap<Lang, Arc<Texts>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let (english, problems) = load(Lang::En);
        for p in &problems {
            tracing::error!(problem = %p, "catalog");
        }
        Lang::ALL
            .into_iter()
            .map(|lang| {
                let mut messages = english.clone();
                if lang != Lang::En {
                    let (own, problems) = load(lang);
                    for p in &problems {
                        tracing::error!(problem = %p, "catalog");
                    }
                    messages.extend(own);
                }
                (lang, Arc::new(Texts { lang, messages }))
            })
            .collect()
    });
    all.get(&lang).cloned().unwrap_or_default()
}

/// The language of the request being answered (its cookie, else its
/// `Accept-Language`), English outside a request.
pub fn request_lang() -> Lang {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else { return Lang::default() };
    let header = |name| parts.headers.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok());
    Lang::of_request(header(http::header::COOKIE), header(http::header::ACCEPT_LANGUAGE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn variables(pattern: &str) -> BTreeSet<String> {
        pattern.split("{$").skip(1).filter_map(|rest| rest.split_once('}')).map(|(n, _)| n.to_owned()).collect()
    }

    #[test]
    fn every_catalog_reads_cleanly_and_holds_only_text_and_variables() {
        for lang in Lang::ALL {
            assert!(FILES.iter().any(|(l, _, _)| *l == lang.code()), "no catalog for {lang}");
            let (messages, problems) = load(lang);
            assert!(problems.is_empty(), "{lang}: {problems:#?}");
            assert!(!messages.is_empty(), "{lang} says nothing");
        }
    }

    #[test]
    fn every_language_has_every_key_with_the_same_variables() {
        let (english, _) = load(Lang::En);
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let (own, _) = load(lang);
            let missing: BTreeSet<_> = english.keys().filter(|k| !own.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: BTreeSet<_> = own.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
            for (key, pattern) in &english {
                assert_eq!(
                    variables(&own[key]),
                    variables(pattern),
                    "{lang}: {key} must use the variables English uses"
                );
                assert!(!own[key].trim().is_empty(), "{lang}: {key} is empty");
            }
        }
    }

    /// Every Rust source file of the crate.
    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }

    #[test]
    fn every_key_the_code_names_exists_and_every_message_is_used() {
        let (english, _) = load(Lang::En);
        let mut files = Vec::new();
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut missing = BTreeSet::new();
        for (path, text) in &files {
            for call in ["t(\"", "tf(\""] {
                for (at, _) in text.match_indices(call) {
                    // A call of ours, not the end of another name (`shift("`).
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + call.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if !english.contains_key(key) {
                        missing.insert(format!("{path}: {key}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys the code uses that en lacks: {missing:#?}");
        let all_code: String = files.iter().map(|(_, t)| t.as_str()).collect();
        let unused: BTreeSet<_> = english.keys().filter(|k| !all_code.contains(&format!("\"{k}\""))).collect();
        assert!(unused.is_empty(), "messages no code names: {unused:?}");
    }

    #[test]
    fn texts_fall_back_to_english_and_know_their_language() {
        let fr = texts(Lang::Fr);
        assert_eq!(fr.lang, Lang::Fr);
        assert_eq!(fr.messages.len(), texts(Lang::En).messages.len());
    }
}
