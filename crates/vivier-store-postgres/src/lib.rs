//! Vivier's storage on PostgreSQL: several stateless application nodes share one database.
//!
//! Writes run at READ COMMITTED; appending to the change feed takes a transaction-scoped
//! advisory lock first, so feed sequence numbers are visible in commit order and a node that
//! polls the feed never skips a change committed late.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool};
use vivier_store::StoreResult;

#[cfg(feature = "testing")]
pub mod testing;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user@host:port/database`).
    pub async fn connect(url: &str) -> StoreResult<Self> {
        Self::connect_with(url.parse()?).await
    }

    /// Connects with explicit options (tests set a private `search_path`).
    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Runs `f` in a transaction: committed if it returns `Ok`, rolled back otherwise.
    async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        F: for<'c> AsyncFnOnce(&'c mut PgConnection) -> StoreResult<T>,
    {
        let mut tx = self.pool.begin().await?;
        let value = f(&mut tx).await?;
        tx.commit().await?;
        Ok(value)
    }
}

/// The statements where PostgreSQL's SQL differs from SQLite's.
mod dialect {
    /// `$1` is an offer id as text.
    pub const ID_EQ: &str = "id = CAST($1 AS BIGINT)";
    /// `$1` is a comma-separated list of offer ids.
    pub const ID_IN_LIST: &str = "id = ANY(CAST(string_to_array($1, ',') AS BIGINT[]))";
    /// Serialises appends to the feed until commit (see the crate documentation).
    pub const BEFORE_CHANGE: Option<&str> = Some("SELECT pg_advisory_xact_lock(8470626001)");

    /// `expr IN` the comma-separated list of ids bound at `param`.
    pub fn in_list(expr: &str, param: &str) -> String {
        format!("{expr} = ANY(CAST(string_to_array({param}, ',') AS BIGINT[]))")
    }

    /// Every text column of every table of the current schema, as (table, column).
    pub const TEXT_COLUMNS: &str = "SELECT c.table_name::TEXT, c.column_name::TEXT \
        FROM information_schema.columns c JOIN information_schema.tables t \
        ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
        AND c.table_name NOT LIKE '_sqlx%' AND c.data_type IN ('text', 'character varying') \
        ORDER BY c.table_name, c.ordinal_position";

    /// Whether the text `expr` contains the text bound at `param`.
    pub fn contains(expr: &str, param: &str) -> String {
        format!("strpos({expr}, {param}) > 0")
    }
}

vivier_store::impl_sql_store!(
    store: PostgresStore,
    conn: PgConnection,
    backend: vivier_store::Backend::Postgres,
    migrator: MIGRATOR,
    dialect: dialect,
);
