//! Vivier's storage on SQLite, the embedded default: one file, WAL journal so readers never wait
//! for the writer, a busy timeout, and every write in a `BEGIN IMMEDIATE` transaction so that a
//! read-then-write never fails on a stale snapshot (bookings will rely on it).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};
use vivier_store::StoreResult;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A SQLite database.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating it if needed) the database file at `path`. The parent directory must exist.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// A private in-memory database (tests, benchmarks): one connection that lives as long as
    /// the store.
    pub async fn in_memory() -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock at once: a transaction
    /// that reads and then writes cannot be invalidated by a concurrent writer in between.
    pub async fn begin_write(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Runs `f` in a write transaction: committed if it returns `Ok`, rolled back otherwise.
    async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        F: for<'c> AsyncFnOnce(&'c mut SqliteConnection) -> StoreResult<T>,
    {
        let mut tx = self.begin_write().await?;
        let value = f(&mut tx).await?;
        tx.commit().await?;
        Ok(value)
    }
}

/// The statements where SQLite's SQL differs from PostgreSQL's.
mod dialect {
    /// `$1` is an offer id as text.
    pub const ID_EQ: &str = "id = CAST($1 AS INTEGER)";
    /// `$1` is a comma-separated list of offer ids.
    pub const ID_IN_LIST: &str = "id IN (SELECT value FROM json_each('[' || $1 || ']'))";
    /// Writers are already serialised by `BEGIN IMMEDIATE`: the feed's order is commit order.
    pub const BEFORE_CHANGE: Option<&str> = None;

    /// `expr IN` the comma-separated list of ids bound at `param`.
    pub fn in_list(expr: &str, param: &str) -> String {
        format!("{expr} IN (SELECT value FROM json_each('[' || {param} || ']'))")
    }

    /// Every text column of every table, as (table, column).
    pub const TEXT_COLUMNS: &str = "SELECT m.name, c.name FROM sqlite_master m \
        JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
        AND m.name NOT LIKE '_sqlx%' AND (c.type = 'TEXT' OR c.type = '') ORDER BY m.name, c.cid";

    /// Whether the text `expr` contains the text bound at `param`.
    pub fn contains(expr: &str, param: &str) -> String {
        format!("instr({expr}, {param}) > 0")
    }
}

vivier_store::impl_sql_store!(
    store: SqliteStore,
    conn: SqliteConnection,
    backend: vivier_store::Backend::Sqlite,
    migrator: MIGRATOR,
    dialect: dialect,
);
