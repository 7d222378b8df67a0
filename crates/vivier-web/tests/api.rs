//! The JSON API, read side, as a client script uses it.

mod common;

use axum::http::StatusCode;
use common::{FILLERS, TestApp};

#[tokio::test]
async fn offers_are_listed_with_paging_and_the_page_filters() {
    let app = TestApp::new().await;
    let answer = app.get("/api/v1/offres").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let json = answer.json();
    assert_eq!(json["total"], 2 + FILLERS);
    assert_eq!(json["page"], 1);
    assert_eq!(json["per_page"], 20);
    assert_eq!(json["items"].as_array().unwrap().len(), 20);

    let page = app.get("/api/v1/offres?per_page=5&page=6").await.json();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["total"], 2 + FILLERS);
    let beyond = app.get("/api/v1/offres?per_page=100&page=3").await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert_eq!(beyond.json()["items"].as_array().unwrap().len(), 0);

    let filtered = app
        .get("/api/v1/offres?metier=donnees&teletravail=total")
        .await
        .json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["items"][0]["slug"], "data-scientist-ajaccio");
    let searched = app
        .get("/api/v1/offres?q=DONNEES%20securisees&per_page=1")
        .await
        .json();
    assert_eq!(searched["items"][0]["slug"], "developpeuse-rust");
}

#[tokio::test]
async fn an_offer_has_stable_snake_case_fields_and_iso_dates() {
    let app = TestApp::new().await;
    let offer = app.get("/api/v1/offres/developpeuse-rust").await.json();
    assert_eq!(offer["title"], "Développeuse ou développeur Rust");
    assert_eq!(
        offer["url"],
        "https://vivier.example.gouv.fr/emploi/developpeuse-rust"
    );
    assert_eq!(offer["reference"], "DN-2026-001");
    assert_eq!(offer["organisation"]["slug"], "service-des-donnees");
    assert_eq!(offer["job_family"]["slug"], "developpement");
    assert_eq!(offer["domains"][0]["slug"], "cloud");
    assert_eq!(offer["contract_types"][0], "contractuel");
    assert_eq!(offer["category"], "a");
    assert_eq!(offer["remote"], "partiel");
    assert_eq!(offer["open_to_juniors"], true);
    assert_eq!(offer["salary"]["min"], 45_000);
    assert_eq!(offer["salary"]["currency"], "EUR");
    assert_eq!(offer["location"]["kind"], "france");
    assert_eq!(offer["location"]["department"]["code"], "75");
    assert_eq!(offer["location"]["commune"]["name"], "Paris");
    assert_eq!(offer["state"], "publiee");
    assert_eq!(offer["active"], true);
    assert_eq!(offer["published_on"], "2026-11-20");
    assert_eq!(offer["deadline"], "2026-12-15");
    assert_eq!(offer["source"], "vivier");
    assert!(offer["source_reference"].is_null());
    assert_eq!(offer["apply"]["method"], "url");
    assert!(
        offer["sections"]["mission"]
            .as_str()
            .unwrap()
            .starts_with("Construire")
    );
    assert!(
        time::OffsetDateTime::parse(
            offer["created_at"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339
        )
        .is_ok()
    );

    let filled = app.get("/api/v1/offres/administrateur-pourvu").await.json();
    assert_eq!(filled["state"], "pourvue");
    assert_eq!(filled["active"], false);
    for missing in [
        "/api/v1/offres/brouillon-secret",
        "/api/v1/offres/inconnue",
        "/api/v1/offres/%3Cscript%3E",
    ] {
        let answer = app.get(missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(answer.json()["error"]["code"], "not_found", "{missing}");
    }
}

#[tokio::test]
async fn organisations_are_listed_and_detailed() {
    let app = TestApp::new().await;
    let list = app.get("/api/v1/organisations").await.json();
    assert_eq!(list["total"], 4);
    let ministry = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == "ministere-du-numerique")
        .unwrap();
    assert_eq!(ministry["live_offers"], 2);
    assert_eq!(ministry["kind"], "ministere");
    assert!(ministry["parent"].is_null());
    let detail = app
        .get("/api/v1/organisations/service-des-donnees")
        .await
        .json();
    assert_eq!(detail["parent"], "direction-du-numerique");
    assert_eq!(
        detail["ancestors"],
        serde_json::json!(["ministere-du-numerique", "direction-du-numerique"])
    );
    assert_eq!(detail["live_offers"], 1);
    let top = app
        .get("/api/v1/organisations/ministere-du-numerique")
        .await
        .json();
    assert_eq!(
        top["children"],
        serde_json::json!(["direction-du-numerique"])
    );
    assert_eq!(top["page"][0]["key"], "raison-d-etre");
    assert_eq!(top["testimonies"][0]["name"], "Awa Diallo");
    assert_eq!(
        app.get("/api/v1/organisations/inconnue").await.status,
        StatusCode::NOT_FOUND
    );
    let paged = app
        .get("/api/v1/organisations?per_page=3&page=2")
        .await
        .json();
    assert_eq!(paged["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn referentials_are_served_paginated() {
    let app = TestApp::new().await;
    let families = app.get("/api/v1/referentiels/metiers").await.json();
    assert_eq!(families["total"], 2);
    assert_eq!(families["items"][0]["slug"], "developpement");
    let domains = app.get("/api/v1/referentiels/domaines").await.json();
    assert_eq!(domains["total"], 2);
    let regions = app.get("/api/v1/referentiels/regions").await.json();
    assert_eq!(regions["total"], 2);
    let departments = app
        .get("/api/v1/referentiels/departements?per_page=2")
        .await
        .json();
    assert_eq!(departments["total"], 3);
    assert_eq!(departments["items"].as_array().unwrap().len(), 2);
    assert_eq!(departments["items"][0]["code"], "2A");
    assert_eq!(departments["items"][0]["region"], "94");
    let unknown = app.get("/api/v1/referentiels/communes-inconnues").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn bad_api_parameters_answer_400_json_with_a_code_and_a_french_message() {
    let app = TestApp::new().await;
    for (uri, code) in [
        ("/api/v1/offres?per_page=101", "invalid_parameter"),
        ("/api/v1/offres?per_page=0", "invalid_parameter"),
        ("/api/v1/offres?page=abc", "invalid_parameter"),
        ("/api/v1/offres?contrat=cdi", "invalid_parameter"),
        ("/api/v1/offres?q=a&q=b", "invalid_parameter"),
        ("/api/v1/offres?metier=inconnu", "unknown_reference"),
        ("/api/v1/organisations?per_page=-3", "invalid_parameter"),
        ("/api/v1/referentiels/regions?page=0", "invalid_parameter"),
    ] {
        let answer = app.get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        let json = answer.json();
        assert_eq!(json["error"]["code"], code, "{uri}");
        assert!(
            !json["error"]["message"].as_str().unwrap().is_empty(),
            "{uri}"
        );
    }
    let unknown = app.get("/api/v1/inconnu").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["error"]["code"], "not_found");
}
