//! The storage contract suite on PostgreSQL, when `VIVIER_TEST_POSTGRES` names a server
//! (`postgres://postgres@127.0.0.1:5432/postgres`). Each test works in a schema of its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::postgres::PgConnectOptions;
use vivier_store::Store;
use vivier_store_postgres::PostgresStore;

async fn fresh_store() -> Option<Arc<dyn Store>> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let Ok(url) = std::env::var("VIVIER_TEST_POSTGRES") else {
        eprintln!("VIVIER_TEST_POSTGRES is not set: PostgreSQL contract test not run");
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
    let options: PgConnectOptions = url
        .parse()
        .expect("VIVIER_TEST_POSTGRES is a postgres:// URL");
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect_with(&options)
        .await
        .expect("connect to VIVIER_TEST_POSTGRES");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut conn)
        .await
        .expect("create schema");
    let options = options.options([("search_path", schema.as_str())]);
    let store = PostgresStore::connect_with(options)
        .await
        .expect("connect with schema");
    Some(Arc::new(store))
}

vivier_store::store_contract_tests!(fresh_store());
