//! The public read model follows what is written to the store.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use vivier_domain::Slug;
use vivier_domain::offer::{OfferData, OfferState};

#[tokio::test]
async fn pages_follow_offer_changes_after_a_refresh() {
    let app = TestApp::new().await;
    let offer = app.offer("developpeuse-rust").await;
    // Pages rendered before the change are kept by the snapshot's page cache…
    assert!(
        app.get("/emploi/developpeuse-rust")
            .await
            .body
            .contains("<h1>Développeuse ou développeur Rust</h1>")
    );
    assert!(
        app.get("/offres-emploi?q=confirmee")
            .await
            .body
            .contains("aucune offre")
    );

    // …and never served once the change is applied: an edit.
    let edited = OfferData {
        title: "Développeuse Rust confirmée".into(),
        ..offer.data.clone()
    };
    app.store.update_offer(offer.id, &edited).await.unwrap();
    assert!(app.state.catalog.refresh().await.unwrap());
    let page = app.get("/emploi/developpeuse-rust").await;
    assert!(page.body.contains("<h1>Développeuse Rust confirmée</h1>"));
    assert!(
        app.get("/offres-emploi?q=confirmee")
            .await
            .body
            .contains("1 offre")
    );

    // Filled: still reachable, gone from the list.
    app.store
        .update_offer(
            offer.id,
            &OfferData {
                state: OfferState::Pourvue,
                ..edited.clone()
            },
        )
        .await
        .unwrap();
    app.state.catalog.refresh().await.unwrap();
    assert!(
        app.get("/emploi/developpeuse-rust")
            .await
            .body
            .contains("Offre pourvue")
    );
    assert!(
        !app.get("/offres-emploi?organisation=service-des-donnees")
            .await
            .body
            .contains("Développeuse Rust")
    );

    // A new offer, then a deletion.
    let created = app
        .store
        .create_offer(&OfferData {
            slug: Slug::parse("nouvelle-offre").unwrap(),
            title: "Nouvelle offre UX".into(),
            source_reference: None,
            state: OfferState::Publiee,
            ..edited.clone()
        })
        .await
        .unwrap();
    app.state.catalog.refresh().await.unwrap();
    assert_eq!(
        app.get("/emploi/nouvelle-offre").await.status,
        StatusCode::OK
    );
    app.store.delete_offer(created.id).await.unwrap();
    app.state.catalog.refresh().await.unwrap();
    assert_eq!(
        app.get("/emploi/nouvelle-offre").await.status,
        StatusCode::NOT_FOUND
    );

    // Nothing new: nothing to do.
    assert!(!app.state.catalog.refresh().await.unwrap());
}

#[tokio::test]
async fn organisation_changes_reload_the_board() {
    let app = TestApp::new().await;
    let mut data = app.service.data.clone();
    data.name = "Service de la donnée publique".into();
    app.store
        .update_organisation(app.service.id, &data)
        .await
        .unwrap();
    assert!(app.state.catalog.refresh().await.unwrap());
    let page = app.get("/emploi/developpeuse-rust").await;
    assert!(page.body.contains("Service de la donnée publique"));
    // Offers are searchable by the new name.
    assert!(
        app.get("/offres-emploi?q=donnee%20publique")
            .await
            .body
            .contains("1 offre")
    );
}

#[tokio::test]
async fn a_reindex_request_rebuilds_the_board_and_the_index() {
    let app = TestApp::new().await;
    let before = app.state.catalog.board().clone();
    assert!(
        !app.state.catalog.refresh().await.unwrap(),
        "nothing new yet"
    );
    app.store.request_reindex().await.unwrap();
    assert!(app.state.catalog.refresh().await.unwrap());
    let after = app.state.catalog.board().clone();
    assert!(
        !std::sync::Arc::ptr_eq(&before, &after),
        "a new snapshot was loaded"
    );
    assert_eq!(before.offers().len(), after.offers().len());
    // The rebuilt index answers as the old one did.
    let json = app.get("/api/v1/offres?q=rust").await.json();
    assert_eq!(json["items"][0]["slug"], "developpeuse-rust");
    assert!(!app.state.catalog.refresh().await.unwrap(), "applied once");
}
