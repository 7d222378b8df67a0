//! Bad input gets a clear answer: a 400 with a French message, never a 500; injections are inert.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
async fn malformed_filters_answer_400_naming_the_parameter() {
    let app = TestApp::new().await;
    for (query, words) in [
        ("contrat=cdi", "contrat"),
        ("teletravail=parfois", "teletravail"),
        ("departement=20", "departement"),
        ("departement=99", "departement"),
        ("region=abc", "region"),
        ("debutant=peut-etre", "debutant"),
        ("tri=salaire", "tri"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1e3", "page"),
        ("page=99999999999999999999", "page"),
        ("metier=inconnu", "Le métier"),
        ("organisation=inconnue", "organisation"),
        ("metier=%27%20OR%201%3D1%20--", "metier"),
        ("q=a&q=b", "requête"),
    ] {
        let page = app.get(&format!("/offres-emploi?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.body.contains("Requête incorrecte"), "{query}");
        assert!(page.body.contains(words), "{query}: should name {words}");
    }
}

#[tokio::test]
async fn injection_attempts_are_inert() {
    let app = TestApp::new().await;
    for q in [
        "%27%3B%20DROP%20TABLE%20offers%3B%20--",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "%FF%FE%FD",
        "%E9t%E9",
        "%F0%9F%8E%89",
        "%00",
        "%25%25%25",
        "*",
    ] {
        let page = app.get(&format!("/offres-emploi?q={q}")).await;
        assert!(
            page.status == StatusCode::OK || page.status == StatusCode::BAD_REQUEST,
            "{q}: {}",
            page.status
        );
        assert!(
            !page.body.contains("<script>alert"),
            "{q}: script reflected"
        );
        assert!(!page.body.contains("<img src=x"), "{q}: markup reflected");
        let api = app.get(&format!("/api/v1/offres?q={q}")).await;
        assert!(
            api.status == StatusCode::OK || api.status == StatusCode::BAD_REQUEST,
            "{q}: {}",
            api.status
        );
    }
    // The database is intact.
    assert_eq!(
        app.get("/api/v1/offres/developpeuse-rust").await.status,
        StatusCode::OK
    );
    let echoed = app
        .get("/offres-emploi?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert!(
        echoed.body.contains("&#60;script&#62;alert(1)"),
        "the query is shown escaped"
    );
}

#[tokio::test]
async fn very_long_values_are_refused_politely() {
    let app = TestApp::new().await;
    let long = "a".repeat(10_000);
    for uri in [
        format!("/offres-emploi?q={long}"),
        format!("/offres-emploi?metier={long}"),
        format!("/api/v1/offres?q={long}"),
        format!("/emploi/{long}"),
        format!("/employeurs/{long}"),
    ] {
        let answer = app.get(&uri).await;
        assert!(
            answer.status.is_client_error(),
            "{}…: {}",
            &uri[..30],
            answer.status
        );
        assert!(answer.body.len() < 100_000, "the value is not echoed whole");
    }
}

#[tokio::test]
async fn unreadable_paths_and_other_methods_answer_in_french() {
    let app = TestApp::new().await;
    for uri in [
        "/emploi/%FF%FE",
        "/employeurs/%C3%28",
        "/static/dsfr/1.15.3/%FF",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("Page non trouvée"), "{uri}");
    }
    for uri in [
        "/api/v1/offres/%FF",
        "/api/v1/organisations/%FF",
        "/api/v1/referentiels/%FF",
    ] {
        let answer = app.get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(answer.json()["error"]["code"], "not_found", "{uri}");
    }
    let post = app.request("POST", "/offres-emploi").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(post.body.contains("Action non autorisée"));
    let delete = app
        .request("DELETE", "/api/v1/offres/developpeuse-rust")
        .await;
    assert_eq!(delete.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(delete.json()["error"]["code"], "method_not_allowed");
    assert_eq!(
        app.get("/api/v1/offres/developpeuse-rust").await.status,
        StatusCode::OK,
        "nothing deleted"
    );
}
