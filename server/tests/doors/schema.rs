//! The two migration folders cannot drift: both databases are migrated and
//! their catalogs compared, table by table: columns (name, type as an
//! equivalence class, nullability, default), indexes (columns, uniqueness),
//! foreign keys and triggers. A migration written for one database only fails here.

use crate::harness::{Harness, Kind};
use sqlx::Row;
use std::collections::BTreeSet;

/// What both catalogs are reduced to, one line per fact, sorted.
type Facts = BTreeSet<String>;

/// SQLite and PostgreSQL spell a type differently; what matters is its class.
/// Every SQLite integer is 64 bits: only a PostgreSQL `bigint` matches it.
fn type_class(raw: &str, sqlite: bool) -> &'static str {
    let t = raw.to_ascii_lowercase();
    if t.contains("int") {
        if sqlite || t == "bigint" { "int64" } else { "narrower integer" }
    } else if t.contains("text") || t.contains("char") {
        "text"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("double") || t.contains("real") || t.contains("float") || t.contains("numeric") {
        "number"
    } else {
        "other"
    }
}

/// A default as a literal: `'x'::text` and `(0)` are `'x'` and `0`.
fn default_literal(raw: Option<String>) -> String {
    let Some(raw) = raw else { return "none".into() };
    let mut d = raw.trim().to_owned();
    while d.starts_with('(') && d.ends_with(')') {
        d = d[1..d.len() - 1].trim().to_owned();
    }
    if let Some((value, _cast)) = d.split_once("::") {
        d = value.to_owned();
    }
    d
}

async fn sqlite_facts(h: &Harness) -> Facts {
    let pool = &h.db.pool;
    let mut facts = Facts::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for t in tables {
        facts.insert(format!("table {t}"));
        let columns = sqlx::query(&format!("PRAGMA table_info({t})")).fetch_all(pool).await.unwrap();
        // Only a single INTEGER PRIMARY KEY is the rowid alias, numbered by
        // the database ("key" below, as an identity column on PostgreSQL).
        let single_key = columns.iter().filter(|c| c.get::<i64, _>("pk") > 0).count() == 1;
        for c in columns {
            let name: String = c.get("name");
            let kind: String = c.get("type");
            let pk = c.get::<i64, _>("pk") > 0 && single_key && kind.eq_ignore_ascii_case("INTEGER");
            // An INTEGER PRIMARY KEY is never null, whatever the pragma says.
            let not_null = c.get::<i64, _>("notnull") == 1 || pk;
            let default = if pk { "key".to_owned() } else { default_literal(c.get("dflt_value")) };
            facts.insert(format!("column {t}.{name} {} null={} default={default}", type_class(&kind, true), !not_null));
        }
        for i in sqlx::query(&format!("PRAGMA index_list({t})")).fetch_all(pool).await.unwrap() {
            let origin: String = i.get("origin");
            if origin == "pk" {
                continue;
            }
            let index: String = i.get("name");
            let unique = i.get::<i64, _>("unique") == 1;
            let columns: Vec<String> = sqlx::query(&format!("PRAGMA index_info({index})"))
                .fetch_all(pool)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<String, _>("name"))
                .collect();
            facts.insert(format!("index {t}({}) unique={unique}", columns.join(",")));
        }
        for f in sqlx::query(&format!("PRAGMA foreign_key_list({t})")).fetch_all(pool).await.unwrap() {
            let (from, table, to): (String, String, String) = (f.get("from"), f.get("table"), f.get("to"));
            facts.insert(format!("foreign key {t}.{from} -> {table}.{to}"));
        }
    }
    // Triggers that keep data (the list versions): by name and table.
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(pool)
            .await
            .unwrap();
    for (name, table) in triggers {
        facts.insert(format!("trigger {table}.{name}"));
    }
    facts
}

async fn postgres_facts(h: &Harness) -> Facts {
    let pool = &h.db.pool;
    let mut facts = Facts::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let primary: BTreeSet<String> = sqlx::query_scalar(
        "SELECT (k.table_name || '.' || k.column_name)::text FROM information_schema.table_constraints c
         JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
         WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .into_iter()
    .collect();
    let single_primary = |t: &str| primary.iter().filter(|p| p.starts_with(&format!("{t}."))).count() == 1;
    for t in tables {
        facts.insert(format!("table {t}"));
        let columns = sqlx::query(
            "SELECT column_name::text AS name, data_type::text AS kind, is_nullable::text AS nullable,
                    column_default::text AS dflt, is_identity::text AS identity
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind(t.clone())
        .fetch_all(pool)
        .await
        .unwrap();
        for c in columns {
            let name: String = c.get("name");
            let kind: String = c.get("kind");
            // A single-column key the database numbers (identity or a
            // sequence) is what SQLite's rowid alias is: both "key".
            let dflt: Option<String> = c.get("dflt");
            let numbered =
                c.get::<String, _>("identity") == "YES" || dflt.as_deref().is_some_and(|d| d.starts_with("nextval("));
            let key = single_primary(&t) && primary.contains(&format!("{t}.{name}")) && numbered;
            let nullable = c.get::<String, _>("nullable") == "YES";
            let default = if key { "key".to_owned() } else { default_literal(dflt) };
            facts.insert(format!("column {t}.{name} {} null={nullable} default={default}", type_class(&kind, false)));
        }
        let indexes = sqlx::query(
            "SELECT ix.indisunique AS uniq,
                    array_to_string(ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
                        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.o), ',') AS cols
             FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
             WHERE s.nspname = current_schema() AND c.relname = $1 AND NOT ix.indisprimary",
        )
        .bind(t.clone())
        .fetch_all(pool)
        .await
        .unwrap();
        for i in indexes {
            let unique: bool = i.get("uniq");
            let cols: String = i.get("cols");
            facts.insert(format!("index {t}({cols}) unique={unique}"));
        }
        let keys = sqlx::query(
            "SELECT a.attname::text AS from_col, r.relname::text AS to_table, ra.attname::text AS to_col
             FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
             JOIN pg_class r ON r.oid = k.confrelid
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
             JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
             WHERE k.contype = 'f' AND s.nspname = current_schema() AND c.relname = $1",
        )
        .bind(t.clone())
        .fetch_all(pool)
        .await
        .unwrap();
        for f in keys {
            let (from, table, to): (String, String, String) = (f.get("from_col"), f.get("to_table"), f.get("to_col"));
            facts.insert(format!("foreign key {t}.{from} -> {table}.{to}"));
        }
    }
    // The write-notice trigger on every table is PostgreSQL's own (see `watch`).
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT g.tgname::text, c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
         JOIN pg_namespace s ON s.oid = c.relnamespace
         WHERE s.nspname = current_schema() AND NOT g.tgisinternal AND g.tgname <> 'meterline_notify_write'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, table) in triggers {
        facts.insert(format!("trigger {table}.{name}"));
    }
    facts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_databases_have_the_same_schema() {
    let (sqlite, postgres) = (Harness::new(Kind::Sqlite).await, Harness::new(Kind::Postgres).await);
    let (a, b) = (sqlite_facts(&sqlite).await, postgres_facts(&postgres).await);
    assert!(a.len() > 100, "the SQLite catalog was read: {a:#?}");
    let only_sqlite: Vec<_> = a.difference(&b).collect();
    let only_postgres: Vec<_> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the migrations differ:\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
    sqlite.cleanup.clone().run().await;
    postgres.cleanup.clone().run().await;
}
