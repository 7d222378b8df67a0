//! `vivier seed-demo`: the demo content, written once however often it runs.

#![allow(clippy::unwrap_used)]

use time::macros::date;
use vivier::database::open_store;
use vivier::seed::seed_demo;
use vivier_store::{DatabaseUrl, Store};
use vivier_store_postgres::testing::private_schema;

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
    let Some(schema) = private_schema("seed_demo_is_idempotent").await else {
        return;
    };
    schema.store.migrate().await.unwrap();
    seeding_twice_creates_nothing_the_second_time(&schema.store).await;
    schema.drop().await;
}
