//! Every commit moves the write generation, whoever made it: a write path
//! that forgets to, another replica, an SQL console. What this process keeps
//! in memory (kept answers, resolved tokens, counts, price plans, area paths)
//! is only valid within one generation, so no writer has to remember anything.
//!
//! - PostgreSQL: each table carries a statement trigger that sends
//!   `NOTIFY meterline_writes` (delivered at commit, once per transaction);
//!   each replica listens. While the listening connection is down, the
//!   generation moves every `POLL` instead (stale by at most that long).
//! - SQLite (one process per file): a connection of its own asks
//!   `PRAGMA data_version` every `POLL`; it changes when any other connection
//!   commits.
//!
//! `Db::commit` still moves the generation at once for this process's own
//! writes: a client reading right after its write never waits for a notice.

use super::db::Db;
use sqlx::Connection;
use std::time::Duration;

/// The channel the triggers notify.
pub const CHANNEL: &str = "meterline_writes";
/// How often the fallbacks look.
pub const POLL: Duration = Duration::from_millis(50);

/// Attaches the notifying trigger to every table of the schema that lacks
/// it, so a table a later migration adds is covered without anyone
/// remembering. Run after migrations.
pub const ATTACH_TRIGGERS: &str = r#"
DO $$
DECLARE t record;
BEGIN
    -- Replicas starting together take turns (the lock ends with this block).
    PERFORM pg_advisory_xact_lock(7428001);
    CREATE OR REPLACE FUNCTION meterline_notify_write() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
        PERFORM pg_notify('meterline_writes', '');
        RETURN NULL;
    END
    $f$;
    FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname NOT LIKE '\_sqlx%'
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'meterline_notify_write')
    LOOP
        EXECUTE format(
            'CREATE TRIGGER meterline_notify_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION meterline_notify_write()', t.relname);
    END LOOP;
END
$$
"#;

/// Follows the commits of a PostgreSQL database for as long as the runtime runs.
pub fn follow_postgres(db: Db, url: String) {
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect(&url).await {
                Ok(mut listener) => {
                    if listener.listen(CHANNEL).await.is_ok() {
                        // Commits between the drop and now went unheard.
                        db.notice_write();
                        while listener.try_recv().await.is_ok_and(|n| n.is_some()) {
                            db.notice_write();
                        }
                    }
                    tracing::warn!("lost the database's write notices; polling until they are back");
                }
                Err(e) => tracing::warn!(error = %e, "cannot listen for the database's write notices; polling"),
            }
            // Without notices, nothing kept lives longer than one poll.
            for _ in 0..20 {
                db.notice_write();
                tokio::time::sleep(POLL).await;
            }
        }
    });
}

/// Follows the commits of a SQLite file for as long as the runtime runs.
pub fn follow_sqlite(db: Db, url: String) {
    tokio::spawn(async move {
        let mut last = None;
        let mut conn = None;
        loop {
            if conn.is_none() {
                conn = sqlx::sqlite::SqliteConnection::connect(&url).await.ok();
            }
            let version = match conn.as_mut() {
                Some(c) => sqlx::query_scalar::<_, i64>("PRAGMA data_version").fetch_one(c).await.ok(),
                None => None,
            };
            match version {
                Some(v) if last == Some(v) => {}
                Some(v) => {
                    last = Some(v);
                    db.notice_write();
                }
                None => {
                    conn = None;
                    db.notice_write();
                }
            }
            tokio::time::sleep(POLL).await;
        }
    });
}
