//! `vivier seed-demo`: the demo content, written once however often it runs.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::postgres::PgConnectOptions;
use time::macros::date;
use vivier::database::open_store;
use vivier::seed::seed_demo;
use vivier_store::{DatabaseUrl, Store};
use vivier_store_postgres::PostgresStore;

const OFFERS: usize = 120;

async fn seeding_twice_creates_nothing_the_second_time(store: &dyn Store) {
    let today = date!(2026 - 11 - 02);
    let first = seed_demo(store, OFFERS, today).await.unwrap();
    assert_eq!(first.offers_created, OFFERS);
    assert_eq!(first.offers_existing, 0);
    assert!(first.organisations_created > 10, "{first:?}");
    assert_eq!(first.organisations_existing, 0);
    assert_eq!(store.count_offers().await.unwrap(), OFFERS as u64);
    let organisations = store.organisations().await.unwrap();
    assert_eq!(organisations.len(), first.organisations_created);
    assert_eq!(
        store.job_families().await.unwrap().len(),
        first.job_families
    );
    assert_eq!(store.domains().await.unwrap().len(), first.domains);
    // Organisations with a parent in the demo got it, and testimonies were written.
    assert!(organisations.iter().any(|o| o.data.parent_id.is_some()));
    let mut testimonies = 0;
    for organisation in &organisations {
        testimonies += store.testimonies(organisation.id).await.unwrap().len();
    }
    assert!(testimonies > 0);
    let summary = first.to_string();
    assert!(
        summary.contains(&format!("Offres : {OFFERS} créée(s), 0 déjà présente(s).")),
        "{summary}"
    );

    let second = seed_demo(store, OFFERS, today).await.unwrap();
    assert!(second.created_nothing(), "{second:?}");
    assert_eq!(second.offers_existing, OFFERS);
    assert_eq!(second.organisations_existing, first.organisations_created);
    assert_eq!(store.count_offers().await.unwrap(), OFFERS as u64);
    assert_eq!(
        store.organisations().await.unwrap().len(),
        organisations.len()
    );
    assert!(second.to_string().contains("Organisations : 0 créée(s)"));
    let mut testimonies_after = 0;
    for organisation in &organisations {
        testimonies_after += store.testimonies(organisation.id).await.unwrap().len();
    }
    assert_eq!(testimonies_after, testimonies);
}

#[tokio::test]
async fn seed_demo_is_idempotent() {
    let store = open_store(&DatabaseUrl::Sqlite { path: None })
        .await
        .unwrap();
    store.migrate().await.unwrap();
    seeding_twice_creates_nothing_the_second_time(store.as_ref()).await;
}

#[tokio::test]
async fn seed_demo_is_idempotent_on_postgres() {
    let Some((store, schema)) = fresh_postgres_store().await else {
        return;
    };
    store.migrate().await.unwrap();
    seeding_twice_creates_nothing_the_second_time(store.as_ref()).await;
    drop_schema(&schema).await;
}

/// A store in a schema of its own on the server `VIVIER_TEST_POSTGRES` names, like the
/// storage contract suite; `None` (and a note) when the variable is not set.
async fn fresh_postgres_store() -> Option<(Arc<dyn Store>, String)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let Ok(url) = std::env::var("VIVIER_TEST_POSTGRES") else {
        eprintln!(
            "VIVIER_TEST_POSTGRES is not set: seed_demo_is_idempotent_on_postgres NOT RUN \
             (set it to e.g. postgres://postgres@127.0.0.1:5432/postgres)"
        );
        return None;
    };
    let schema = format!(
        "vivier_seed_test_{}_{}_{}",
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
    Some((Arc::new(store), schema))
}

async fn drop_schema(schema: &str) {
    let Ok(url) = std::env::var("VIVIER_TEST_POSTGRES") else {
        return;
    };
    let options: PgConnectOptions = url.parse().unwrap();
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect_with(&options)
        .await
        .unwrap();
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&mut conn)
        .await
        .unwrap();
}
