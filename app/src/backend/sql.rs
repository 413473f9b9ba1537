//! A small SQL builder that numbers placeholders `$1, $2, ...`, which both
//! SQLite and PostgreSQL accept (sqlx's own `QueryBuilder<Any>` writes `?`,
//! which PostgreSQL refuses).

use sqlx::any::AnyArguments;
use sqlx::query::{Query, QueryAs};
use sqlx::{Any, Arguments};

/// A value to bind.
#[derive(Debug, Clone)]
pub enum Bind {
    Int(i64),
    Text(String),
    NullInt,
    NullText,
}

impl From<i64> for Bind {
    fn from(v: i64) -> Self {
        Bind::Int(v)
    }
}
impl From<String> for Bind {
    fn from(v: String) -> Self {
        Bind::Text(v)
    }
}
impl From<&str> for Bind {
    fn from(v: &str) -> Self {
        Bind::Text(v.to_owned())
    }
}
impl From<Option<i64>> for Bind {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Bind::NullInt, Bind::Int)
    }
}
impl From<Option<String>> for Bind {
    fn from(v: Option<String>) -> Self {
        v.map_or(Bind::NullText, Bind::Text)
    }
}

#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    binds: Vec<Bind>,
    /// `?` placeholders instead of `$n` (see `bulk`).
    positional: bool,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self { text: text.to_owned(), binds: Vec::new(), positional: false }
    }

    /// A statement with many bound values (multi-row inserts and updates, long
    /// `IN` lists) for `conn`. On SQLite its placeholders are plain `?`: a
    /// numbered `$n` is a named parameter there, and SQLite and sqlx look each
    /// one up by a linear scan, so a statement with thousands of them spent
    /// most of its time on that (seen with `perf` in the uplink benchmark).
    pub fn bulk(conn: &sqlx::AnyConnection, text: &str) -> Self {
        use crate::backend::db::Backend;
        Self::bulk_for(if conn.backend_name() == "SQLite" { Backend::Sqlite } else { Backend::Postgres }, text)
    }

    /// `bulk` for a statement run on the pool of `backend`.
    pub fn bulk_for(backend: crate::backend::db::Backend, text: &str) -> Self {
        Self { text: text.to_owned(), binds: Vec::new(), positional: backend == crate::backend::db::Backend::Sqlite }
    }

    /// Appends SQL text.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Bind>) -> &mut Self {
        self.binds.push(value.into());
        if self.positional {
            self.text.push('?');
        } else {
            self.text.push('$');
            self.text.push_str(&self.binds.len().to_string());
        }
        self
    }

    /// Appends `AND (a LIKE $n ESCAPE '\' OR b LIKE $n ...)` for a
    /// case-insensitive substring search over `columns`.
    pub fn push_search(&mut self, columns: &[&str], term: &str) -> &mut Self {
        let pattern = like_pattern(term);
        self.text.push_str(" AND (");
        if self.positional {
            for (i, c) in columns.iter().enumerate() {
                self.push(if i == 0 { "LOWER(COALESCE(" } else { " OR LOWER(COALESCE(" }).push(c).push(", '')) LIKE ");
                self.bind(pattern.clone()).push(" ESCAPE '\\'");
            }
        } else {
            self.binds.push(Bind::Text(pattern));
            let n = self.binds.len();
            let parts: Vec<String> =
                columns.iter().map(|c| format!("LOWER(COALESCE({c}, '')) LIKE ${n} ESCAPE '\\'")).collect();
            self.text.push_str(&parts.join(" OR "));
        }
        self.text.push(')');
        self
    }

    /// Appends `($1, $2, ...)`, e.g. for `IN`.
    pub fn push_list<B: Into<Bind>>(&mut self, values: impl IntoIterator<Item = B>) -> &mut Self {
        self.text.push('(');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    /// Appends `($1, $2), ($3, $4), ...`: one tuple per row, for a multi-row
    /// `VALUES`.
    pub fn push_rows<R: IntoIterator<Item = Bind>>(&mut self, rows: impl IntoIterator<Item = R>) -> &mut Self {
        for (i, row) in rows.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.push_list(row);
        }
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text and the bound values: identifies a query's result.
    pub fn cache_key(&self) -> String {
        format!("{}|{:?}", self.text, self.binds)
    }

    fn arguments<'q>(&self) -> AnyArguments<'q> {
        let mut args = AnyArguments::default();
        for b in &self.binds {
            // Adding a value to AnyArguments only fails for types Any cannot
            // carry; these four always fit.
            let _ = match b {
                Bind::Int(v) => args.add(*v),
                Bind::Text(v) => args.add(v.clone()),
                Bind::NullInt => args.add(Option::<i64>::None),
                Bind::NullText => args.add(Option::<String>::None),
            };
        }
        args
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query_with(&self.text, self.arguments())
    }

    pub fn query_scalar_i64(&self) -> QueryAs<'_, Any, (i64,), AnyArguments<'_>> {
        sqlx::query_as_with(&self.text, self.arguments())
    }
}

/// `%term%`, lower-cased, with `%`, `_` and `\` escaped so they match themselves.
pub fn like_pattern(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    out.push('%');
    // ASCII only: SQLite's LOWER() folds ASCII alone, so folding more here
    // would stop "Ä" from matching itself there.
    for c in term.trim().to_ascii_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_and_escapes_patterns() {
        let mut q = Sql::new("SELECT 1 WHERE a = ");
        q.bind(1_i64).push(" AND b = ").bind("x");
        q.push_search(&["c", "d"], "50%_off");
        assert_eq!(
            q.text(),
            "SELECT 1 WHERE a = $1 AND b = $2 AND (LOWER(COALESCE(c, '')) LIKE $3 ESCAPE '\\' OR LOWER(COALESCE(d, '')) LIKE $3 ESCAPE '\\')"
        );
        assert_eq!(like_pattern(" AbC "), "%abc%");
        let mut rows = Sql::new("VALUES ");
        rows.push_rows([vec![Bind::Int(1), Bind::NullInt], vec![Bind::Int(2), Bind::from("y")]]);
        rows.push(" IN ").push_list([7_i64, 8]);
        assert_eq!(rows.text(), "VALUES ($1, $2), ($3, $4) IN ($5, $6)");
        let mut bulk = Sql { positional: true, ..Sql::new("SELECT 1 WHERE a = ") };
        bulk.bind(1_i64).push_search(&["c", "d"], "x").push(" AND e IN ").push_list([2_i64, 3]);
        assert_eq!(
            bulk.text(),
            "SELECT 1 WHERE a = ? AND (LOWER(COALESCE(c, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(d, '')) LIKE ? ESCAPE '\\') AND e IN (?, ?)"
        );
        assert_eq!(bulk.binds.len(), 5, "a positional search binds its pattern once per column");
        assert_eq!(like_pattern("50%_"), "%50\\%\\_%");
    }
}
