//! Several nodes share one database: a change made through one is served by the others once
//! they have read the change feed (within the polling period).

// Test support: a failed step should stop the test loudly.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{TestApp, config, get};
use vivier_domain::Slug;
use vivier_domain::offer::{OfferData, OfferState};
use vivier_store::Store;
use vivier_store_sqlite::SqliteStore;
use vivier_web::AppState;

/// How long a node may take to see a change made elsewhere.
const DEADLINE: Duration = Duration::from_secs(2);
const POLL: Duration = Duration::from_millis(50);

/// How many offers B's API finds for `q`.
async fn search_total(router: &axum::Router, q: &str) -> u64 {
    get(router, &format!("/api/v1/offres?q={q}")).await.json()["total"]
        .as_u64()
        .unwrap()
}

/// Waits until `check` holds on `router`, or fails after [`DEADLINE`].
async fn eventually(router: &axum::Router, uri: &str, check: impl Fn(&common::Answer) -> bool) {
    let start = Instant::now();
    loop {
        let answer = get(router, uri).await;
        if check(&answer) {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{uri} did not follow the change within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn a_change_through_one_node_reaches_the_other(
    node_a: Arc<dyn Store>,
    node_b: Arc<dyn Store>,
) {
    let a = TestApp::on(node_a).await;
    let b = AppState::load(node_b, config()).await.unwrap();
    let follower = b.catalog.clone().follow(POLL);
    let router_b = vivier_web::router(b);

    // B serves what A wrote before B started, and caches the page…
    assert!(
        get(&router_b, "/emploi/developpeuse-rust")
            .await
            .body
            .contains("Développeuse ou développeur Rust")
    );

    // …then A edits, creates and deletes; B follows.
    let offer = a.offer("developpeuse-rust").await;
    let edited = OfferData {
        title: "Développeuse Rust (nœud A), équipe Ferris".into(),
        ..offer.data.clone()
    };
    assert_eq!(search_total(&router_b, "ferris").await, 0);
    a.store.update_offer(offer.id, &edited).await.unwrap();
    eventually(&router_b, "/emploi/developpeuse-rust", |p| {
        p.body.contains("Développeuse Rust (nœud A)")
    })
    .await;
    // B's search index follows too, on the page and in the API.
    eventually(&router_b, "/offres-emploi?q=Ferris", |p| {
        p.body.contains(r#"href="/emploi/developpeuse-rust""#)
    })
    .await;
    assert_eq!(search_total(&router_b, "ferris").await, 1);

    let created = a
        .store
        .create_offer(&OfferData {
            slug: Slug::parse("creee-sur-a").unwrap(),
            source_reference: None,
            ..edited.clone()
        })
        .await
        .unwrap();
    eventually(&router_b, "/api/v1/offres/creee-sur-a", |p| {
        p.status == StatusCode::OK
    })
    .await;
    eventually(&router_b, "/api/v1/offres?q=ferris", |p| {
        p.json()["total"] == 2
    })
    .await;

    // A filled offer leaves the search.
    a.store
        .update_offer(
            offer.id,
            &OfferData {
                state: OfferState::Pourvue,
                ..edited.clone()
            },
        )
        .await
        .unwrap();
    eventually(&router_b, "/api/v1/offres?q=ferris", |p| {
        p.json()["total"] == 1
    })
    .await;

    a.store.delete_offer(created.id).await.unwrap();
    eventually(&router_b, "/api/v1/offres/creee-sur-a", |p| {
        p.status == StatusCode::NOT_FOUND
    })
    .await;
    eventually(&router_b, "/api/v1/offres?q=ferris", |p| {
        p.json()["total"] == 0
    })
    .await;

    let mut renamed = a.service.data.clone();
    renamed.name = "Service renommé sur A".into();
    a.store
        .update_organisation(a.service.id, &renamed)
        .await
        .unwrap();
    eventually(&router_b, "/employeurs/service-des-donnees", |p| {
        p.body.contains("Service renommé sur A")
    })
    .await;
    // Organisation names are searched too: the rebuilt index knows the new one. The service's
    // one open offer is the Rust one, filled above: reopen it.
    a.store.update_offer(offer.id, &edited).await.unwrap();
    eventually(&router_b, "/api/v1/offres?q=renomm%C3%A9", |p| {
        p.json()["total"] == 1
    })
    .await;
    follower.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_sqlite_file() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("vivier.db");
    let node_a: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    node_a.migrate().await.unwrap();
    let node_b: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    a_change_through_one_node_reaches_the_other(node_a, node_b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_postgresql_database() {
    let Some(schema) =
        vivier_store_postgres::testing::private_schema("two_nodes_on_one_postgresql_database")
            .await
    else {
        return;
    };
    let node_b: Arc<dyn Store> = Arc::new(schema.another_connection().await);
    let node_a: Arc<dyn Store> = Arc::new(schema.store.clone());
    a_change_through_one_node_reaches_the_other(node_a, node_b).await;
    schema.drop().await;
}
