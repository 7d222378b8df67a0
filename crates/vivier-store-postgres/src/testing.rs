//! Tests' PostgreSQL: a schema of its own per test, on the server `VIVIER_TEST_POSTGRES` names.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

use crate::PostgresStore;

/// The variable naming the test server, e.g. `postgres://postgres@127.0.0.1:5432/postgres`.
pub const TEST_SERVER_VARIABLE: &str = "VIVIER_TEST_POSTGRES";

/// A store working in a private schema; [`TestSchema::drop`] removes it.
#[derive(Debug)]
pub struct TestSchema {
    pub store: PostgresStore,
    schema: String,
    server: PgConnectOptions,
}

/// A fresh schema for `test`, or `None` (and a note on stderr saying the test did not run) when
/// no server is named. Panics when the server is named but cannot be used: a configured test
/// server that fails is a failure, not a skip.
pub async fn private_schema(test: &str) -> Option<TestSchema> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let Ok(url) = std::env::var(TEST_SERVER_VARIABLE) else {
        eprintln!("{TEST_SERVER_VARIABLE} is not set: {test} on PostgreSQL NOT RUN");
        return None;
    };
    let schema = format!(
        "vivier_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default()
    );
    let server: PgConnectOptions = url
        .parse()
        .unwrap_or_else(|e| panic!("{TEST_SERVER_VARIABLE} is not a postgres:// URL: {e}"));
    let mut conn = PgConnection::connect_with(&server)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {TEST_SERVER_VARIABLE}: {e}"));
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("cannot create schema {schema}: {e}"));
    let store =
        PostgresStore::connect_with(server.clone().options([("search_path", schema.as_str())]))
            .await
            .unwrap_or_else(|e| panic!("cannot connect in schema {schema}: {e}"));
    Some(TestSchema {
        store,
        schema,
        server,
    })
}

impl TestSchema {
    /// Another pool on the same schema: what a second application node would have.
    pub async fn another_connection(&self) -> PostgresStore {
        PostgresStore::connect_with(
            self.server
                .clone()
                .options([("search_path", self.schema.as_str())]),
        )
        .await
        .unwrap_or_else(|e| panic!("cannot connect in schema {}: {e}", self.schema))
    }

    /// Removes the schema and everything in it.
    pub async fn drop(self) {
        let mut conn = PgConnection::connect_with(&self.server)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {TEST_SERVER_VARIABLE}: {e}"));
        sqlx::query(&format!("DROP SCHEMA {} CASCADE", self.schema))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("cannot drop schema {}: {e}", self.schema));
    }
}
