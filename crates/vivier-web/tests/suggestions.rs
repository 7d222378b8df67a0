//! Search suggestions: `GET /api/v1/suggestions?q=` and the search boxes that use them.

// Test set-up: a failed step should stop the test loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::Router;
use axum::http::{StatusCode, header};
use common::{Answer, TestApp};
use serde_json::Value;
use vivier_domain::Slug;
use vivier_domain::geo::{Commune, CommuneCode, Department, DepartmentCode, Geography, RegionCode};
use vivier_domain::organisation::{EmployerPage, OrganisationData, OrganisationKind};
use vivier_web::AppState;

/// A node serving what the store holds now (after the test changed it).
async fn reload(app: &TestApp) -> Router {
    let state = AppState::load(app.store.clone(), common::config())
        .await
        .unwrap();
    vivier_web::router(state)
}

async fn suggest(router: &Router, query: &str) -> Answer {
    common::get(router, &format!("/api/v1/suggestions?{query}")).await
}

/// `(kind, label)` of every item, in order.
fn items(answer: &Answer) -> Vec<(String, String)> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_owned(),
                i["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn labels(answer: &Answer, kind: &str) -> Vec<String> {
    items(answer)
        .into_iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, label)| label)
        .collect()
}

fn item<'a>(json: &'a Value, label: &str) -> &'a Value {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {json}"))
}

/// Three more open offers: two « Développeur·se Python », one « Développeuse Java ».
async fn with_more_developers(app: &TestApp) -> Router {
    let model = app.offer("developpeuse-rust").await.data;
    let offers: Vec<_> = [
        ("python-1", "Développeur·se Python"),
        ("python-2", "développeur·se python"),
        ("java", "Développeuse Java"),
    ]
    .into_iter()
    .map(|(slug, title)| vivier_domain::offer::OfferData {
        slug: Slug::parse(slug).unwrap(),
        title: title.into(),
        ..model.clone()
    })
    .collect();
    app.store.create_offers(&offers).await.unwrap();
    reload(app).await
}

#[tokio::test]
async fn titles_of_open_offers_are_suggested_with_their_count_and_a_search_link() {
    let app = TestApp::new().await;
    let answer = app.get("/api/v1/suggestions?q=develop").await;
    assert_eq!(answer.status, StatusCode::OK);
    let json = answer.json();
    assert_eq!(json["q"], "develop");
    let rust = item(&json, "Développeuse ou développeur Rust");
    assert_eq!(rust["kind"], "intitule");
    assert_eq!(rust["value"], "Développeuse ou développeur Rust");
    assert_eq!(rust["detail"], "1 offre");
    let href = rust["href"].as_str().unwrap();
    assert!(href.starts_with("/offres-emploi?q="), "{href}");
    assert!(
        app.get(href)
            .await
            .body
            .contains("Développeuse ou développeur Rust")
    );
    // Expired, filled, closed and draft offers suggest nothing.
    for q in ["chef", "administrateur", "architecte", "brouillon"] {
        let answer = app.get(&format!("/api/v1/suggestions?q={q}")).await;
        assert!(
            labels(&answer, "intitule").is_empty(),
            "{q}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn titles_rank_by_open_offers_and_meet_their_feminine_and_inclusive_forms() {
    let app = TestApp::new().await;
    let router = with_more_developers(&app).await;
    // Two spellings of one title are one suggestion, counting both offers.
    let answer = suggest(&router, "q=developpeuse").await;
    assert_eq!(
        labels(&answer, "intitule"),
        [
            "Développeur·se Python",
            "Développeuse Java",
            "Développeuse ou développeur Rust"
        ]
    );
    assert_eq!(
        item(&answer.json(), "Développeur·se Python")["detail"],
        "2 offres"
    );
    // A whole word typed meets the other forms through the French analyzer.
    let answer = suggest(&router, "q=d%C3%A9veloppeur%20java").await;
    assert_eq!(labels(&answer, "intitule"), ["Développeuse Java"]);
    let answer = suggest(&router, "q=DEVELOPPEUSE+PYT").await;
    assert_eq!(labels(&answer, "intitule"), ["Développeur·se Python"]);
}

#[tokio::test]
async fn each_kind_is_limited_to_five_unless_asked_otherwise() {
    let app = TestApp::new().await;
    // 25 fillers « Offre numéro n », one open offer each.
    let answer = app.get("/api/v1/suggestions?q=offre").await;
    assert_eq!(labels(&answer, "intitule").len(), 5);
    let answer = app.get("/api/v1/suggestions?q=offre&limit=2").await;
    assert_eq!(labels(&answer, "intitule").len(), 2);
    let answer = app.get("/api/v1/suggestions?q=offre&limit=10").await;
    assert_eq!(labels(&answer, "intitule").len(), 10);
    // The as-you-type prefix: « offre numéro 1 » and « …1x » only.
    let answer = app
        .get("/api/v1/suggestions?q=offre%20num%C3%A9ro%201&limit=10")
        .await;
    let found = labels(&answer, "intitule");
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(
        found.iter().all(|l| l.starts_with("Offre numéro 1")),
        "{found:?}"
    );
    let answer = app
        .get("/api/v1/suggestions?q=offre%20num%C3%A9ro%201%20")
        .await;
    assert_eq!(labels(&answer, "intitule"), ["Offre numéro 1"]);
    for limit in ["0", "11", "abc", "-1"] {
        let answer = app
            .get(&format!("/api/v1/suggestions?q=offre&limit={limit}"))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{limit}");
        assert_eq!(answer.json()["error"]["code"], "invalid_parameter");
        assert!(
            answer.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("entre 1 et 10")
        );
    }
}

#[tokio::test]
async fn organisations_are_found_by_name_and_acronym_with_their_open_offers() {
    let app = TestApp::new().await;
    app.store
        .create_organisation(&OrganisationData {
            slug: Slug::parse("dinum").unwrap(),
            name: "Direction interministérielle du numérique".into(),
            acronym: Some("DINUM".into()),
            kind: OrganisationKind::Direction,
            parent_id: None,
            website: None,
            logo_url: None,
            page: EmployerPage::default(),
        })
        .await
        .unwrap();
    let router = reload(&app).await;
    for q in ["DINUM", "dinum", "din", "interministerielle"] {
        let answer = suggest(&router, &format!("q={q}")).await;
        assert_eq!(
            labels(&answer, "organisation").first().map(String::as_str),
            Some("Direction interministérielle du numérique (DINUM)"),
            "{q}"
        );
        let json = answer.json();
        let dinum = item(&json, "Direction interministérielle du numérique (DINUM)");
        assert_eq!(dinum["value"], "Direction interministérielle du numérique");
        assert_eq!(dinum["href"], "/offres-emploi?organisation=dinum");
        assert_eq!(dinum["detail"], "aucune offre en ligne");
    }
    // Counts include sub-organisations; more offers rank first.
    let answer = suggest(&router, "q=minist%C3%A8re").await;
    assert_eq!(
        labels(&answer, "organisation"),
        ["Ministère des Armées", "Ministère du Numérique"]
    );
    let json = answer.json();
    assert_eq!(
        item(&json, "Ministère des Armées")["detail"],
        "25 offres en ligne"
    );
    assert_eq!(
        item(&json, "Ministère du Numérique")["detail"],
        "2 offres en ligne"
    );
}

/// The test geography with a few more communes.
async fn with_communes(app: &TestApp) -> Router {
    let small = vivier_store::contract::small_geography();
    let mut departments = small.departments().to_vec();
    departments.push(Department {
        code: DepartmentCode::parse("42").unwrap(),
        name: "Loire".into(),
        region: RegionCode::parse("11").unwrap(),
    });
    let mut communes = small.communes().to_vec();
    for (code, name, postal, population) in [
        ("42218", "Saint-Étienne", "42000", 170_000),
        ("42207", "Saint-Chamond", "42400", 35_000),
        ("92051", "Neuilly-sur-Seine", "92200", 59_000),
    ] {
        let code = CommuneCode::parse(code).unwrap();
        communes.push(Commune {
            department: code.department(),
            code,
            name: name.into(),
            postal_codes: vec![postal.into()],
            population,
        });
    }
    let geography = Geography::new(small.regions().to_vec(), departments, communes);
    app.store.save_geography(&geography).await.unwrap();
    reload(app).await
}

#[tokio::test]
async fn communes_are_found_by_name_accents_folded_and_by_postal_code() {
    let app = TestApp::new().await;
    let router = with_communes(&app).await;
    let answer = suggest(&router, "q=ajacc").await;
    let json = answer.json();
    let ajaccio = item(&json, "Ajaccio (2A)");
    assert_eq!(ajaccio["kind"], "commune");
    assert_eq!(ajaccio["value"], "Ajaccio");
    assert_eq!(ajaccio["detail"], "Corse-du-Sud · 20000, 20090");
    assert_eq!(ajaccio["href"], "/offres-emploi?q=Ajaccio&departement=2A");
    assert!(
        common::get(&router, "/offres-emploi?q=Ajaccio&departement=2A")
            .await
            .body
            .contains("Data scientist")
    );
    for q in [
        "saint-e",
        "SAINT-%C3%89T",
        "saint%20etienne",
        "%C3%A9tienne",
        "42000",
        "420",
    ] {
        let answer = suggest(&router, &format!("q={q}")).await;
        assert_eq!(labels(&answer, "commune"), ["Saint-Étienne (42)"], "{q}");
    }
    // Bigger communes first; both match « saint ».
    let answer = suggest(&router, "q=saint").await;
    assert_eq!(
        labels(&answer, "commune"),
        ["Saint-Étienne (42)", "Saint-Chamond (42)"]
    );
    let answer = suggest(&router, "q=92").await;
    assert_eq!(
        labels(&answer, "commune"),
        [
            "Boulogne-Billancourt (92)",
            "Nanterre (92)",
            "Neuilly-sur-Seine (92)"
        ]
    );
    let answer = suggest(&router, "q=75002").await;
    assert_eq!(labels(&answer, "commune"), ["Paris (75)"]);
    let answer = suggest(&router, "q=750021").await;
    assert!(labels(&answer, "commune").is_empty());
}

#[tokio::test]
async fn short_or_missing_queries_answer_an_empty_list() {
    let app = TestApp::new().await;
    for query in [
        "", "q=", "q=%20%20", "q=a", "q=%C3%A9", "q=+a+", "q=%00", "q=--", "q=de+la", "autre=1",
    ] {
        let answer = app.get(&format!("/api/v1/suggestions?{query}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{query}");
        assert_eq!(answer.json()["items"], serde_json::json!([]), "{query}");
    }
    let answer = app.get("/api/v1/suggestions").await;
    assert_eq!(answer.json(), serde_json::json!({"q": "", "items": []}));
    assert_eq!(
        answer.headers.get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=60"
    );
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
}

#[tokio::test]
async fn bad_queries_answer_400_in_french_never_500() {
    let app = TestApp::new().await;
    let long = "a".repeat(10_000);
    for (query, words) in [
        (format!("q={long}"), "200 caractères"),
        (format!("q={}", "é".repeat(201)), "200 caractères"),
        ("q=%FF".to_owned(), "UTF-8"),
        ("q=caf%E9".to_owned(), "UTF-8"),
        ("q=ab&q=cd".to_owned(), "une fois"),
    ] {
        let answer = app.get(&format!("/api/v1/suggestions?{query}")).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{}",
            &query[..10.min(query.len())]
        );
        let json = answer.json();
        assert_eq!(json["error"]["code"], "invalid_parameter");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
        assert!(answer.body.len() < 1_000, "the query is not echoed");
    }
    // JSON, not markup: the query comes back as data.
    let answer = app.get("/api/v1/suggestions?q=%3Cscript%3E").await;
    assert_eq!(answer.json()["q"], "<script>");
    // Exactly 200 characters is accepted.
    let answer = app
        .get(&format!("/api/v1/suggestions?q={}", "é".repeat(200)))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    for q in [
        "%00%01%07ab%1B",
        "%D0%94%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5",
        "%E6%97%A5%E6%9C%AC%E8%AA%9E",
        "%F0%9F%8E%89%F0%9F%8E%89",
        "a%CC%81a%CC%81",
        "%3Cscript%3E",
        "%27%27%27%27",
        "l%27",
        "%25%25%25",
        "*%3F%5B%5D%5C",
    ] {
        let answer = app.get(&format!("/api/v1/suggestions?q={q}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{q}: {}", answer.body);
        assert!(answer.json()["items"].is_array(), "{q}");
    }
}

#[tokio::test]
async fn search_boxes_load_the_script_and_work_without_it() {
    let app = TestApp::new().await;
    for path in ["/offres-emploi", "/"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(r#"<script type="module" src="/static/suggestions.js"></script>"#),
            "{path}"
        );
        assert!(page.body.contains("data-vivier-suggestions"), "{path}");
        // The datalist is the script's doing: without it, a plain search box.
        assert!(!page.body.contains(" list="), "{path}");
        assert!(!page.body.contains("<datalist"), "{path}");
    }
    // Other pages do not load it.
    assert!(
        !app.get("/mentions-legales")
            .await
            .body
            .contains("suggestions.js")
    );
    // The form submits `q` as before.
    let page = app.get("/offres-emploi?q=rust").await;
    assert!(page.body.contains(r#"href="/emploi/developpeuse-rust""#));
    assert!(
        !page
            .body
            .contains(r#"href="/emploi/data-scientist-ajaccio""#)
    );
}

#[tokio::test]
async fn the_script_is_served_as_javascript() {
    let app = TestApp::new().await;
    let script = app.get("/static/suggestions.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.headers[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert!(script.body.contains("/api/v1/suggestions?q="));
    assert!(script.body.contains("datalist"));
}
