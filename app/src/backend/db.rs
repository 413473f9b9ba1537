//! The connection pool: SQLite (embedded default) or PostgreSQL, one binary.
//!
//! Both go through sqlx's `Any` driver so every query is written once. The SQL
//! we use is the common subset of both (`$1` placeholders, which SQLite also
//! accepts; `RETURNING`; `WITH RECURSIVE`; BIGINT everywhere), and the schema
//! has a twin per database under `migrations/`.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::path::Path;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle every service takes.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Short-lived derived values (see `cache`), shared by clones of this handle.
    pub caches: std::sync::Arc<super::cache::Caches>,
    /// Moves after every write this process commits: an answer computed while
    /// it held one value is exact for as long as it holds that value.
    generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres://, got a URL starting {0:?}")]
    UnsupportedUrl(String),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot set up the database's write notices: {0}")]
    Watch(#[source] sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects, creating a SQLite file (and its directory) when needed, and
    /// applies migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let file = path.split('?').next().unwrap_or(path);
            if let Some(dir) = Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|source| DbError::DataDir { path: dir.display().to_string(), source })?;
            }
            let url = if path.contains('?') { format!("sqlite://{path}") } else { format!("sqlite://{path}?mode=rwc") };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            // Only the scheme: the rest may hold a password.
            return Err(DbError::UnsupportedUrl(
                url.split("://").next().unwrap_or_default().chars().take(20).collect(),
            ));
        };
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        let pool = match backend {
            Backend::Sqlite => options
                .max_connections(8)
                // An embedded file cannot drop a connection: testing each one
                // on acquire only adds a round trip to its thread per query.
                .test_before_acquire(false)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        // WAL lets readers run beside the one writer; FULL makes
                        // every commit durable; the busy timeout makes writers queue
                        // instead of failing.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 30000").await?;
                        Ok(())
                    })
                })
                .connect(&url)
                .await
                .map_err(DbError::Connect)?,
            Backend::Postgres => options
                .max_connections(16)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        // Compiling a statement to machine code costs tens of
                        // milliseconds, and PostgreSQL starts doing it on cost
                        // estimates a page with a search reaches though it
                        // runs in two: no statement here runs long enough to
                        // repay it.
                        conn.execute("SET jit = off").await?;
                        Ok(())
                    })
                })
                .connect(&url)
                .await
                .map_err(DbError::Connect)?,
        };
        let db = Self { pool, backend, caches: Default::default(), generation: Default::default() };
        match backend {
            Backend::Sqlite => {
                SQLITE_MIGRATIONS.run(&db.pool).await?;
                super::watch::follow_sqlite(db.clone(), url);
            }
            Backend::Postgres => {
                POSTGRES_MIGRATIONS.run(&db.pool).await?;
                sqlx::raw_sql(super::watch::ATTACH_TRIGGERS).execute(&db.pool).await.map_err(DbError::Watch)?;
                super::watch::follow_postgres(db.clone(), url);
            }
        }
        Ok(db)
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock
    /// up front (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
    /// writes can fail with SQLITE_BUSY when another writer got there first,
    /// and no busy timeout helps with that.
    pub async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Commits a write transaction and marks the data changed. The only way
    /// to commit (clippy.toml disallows `Transaction::commit` elsewhere), so
    /// no write escapes the generation.
    #[allow(clippy::disallowed_methods)]
    pub async fn commit(&self, tx: Transaction<'static, Any>) -> Result<(), sqlx::Error> {
        let result = tx.commit().await;
        // Even a failed commit may have reached the disk: count it as a change.
        self.changed();
        result
    }

    /// Marks the data changed after a write outside a transaction.
    pub fn changed(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// A commit happened somewhere (this process or another, see `watch`):
    /// nothing kept from before it may be used.
    pub fn notice_write(&self) {
        self.changed();
        self.caches.clear_all();
    }

    /// The current generation. Read it before computing an answer; the answer
    /// is exact while `generation()` still returns the same value.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// True when the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
