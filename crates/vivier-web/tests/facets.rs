//! Facet counts of the offer search, in the API and on the list page: each facet counts with
//! every filter but its own, and every facet value is a link keeping the other filters.

mod common;

use common::{FILLERS, TestApp};
use serde_json::Value;

/// `(value, count, selected)` of a facet of an API answer.
fn values(json: &Value, facet: &str) -> Vec<(String, u64, bool)> {
    json["facets"][facet]
        .as_array()
        .unwrap_or_else(|| panic!("no facet {facet}: {json}"))
        .iter()
        .map(|v| {
            (
                v["value"].as_str().expect("value").to_owned(),
                v["count"].as_u64().expect("count"),
                v["selected"].as_bool().expect("selected"),
            )
        })
        .collect()
}

fn v(value: &str, count: usize, selected: bool) -> (String, u64, bool) {
    (value.to_owned(), count as u64, selected)
}

#[tokio::test]
async fn without_filters_every_active_offer_is_counted_once_per_facet() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/offres").await.json();
    let all = 2 + FILLERS;
    assert_eq!(json["total"], all);
    // The 25 fillers and the Rust developer are in development; expired, filled, closed and
    // draft offers count nowhere.
    assert_eq!(
        values(&json, "metier"),
        [
            v("developpement", FILLERS + 1, false),
            v("donnees", 1, false)
        ]
    );
    assert_eq!(
        values(&json, "region"),
        [v("11", FILLERS + 1, false), v("94", 1, false)]
    );
    assert_eq!(
        values(&json, "departement"),
        [v("75", FILLERS + 1, false), v("2A", 1, false)]
    );
    assert_eq!(
        json["facets"]["departement"][1]["label"],
        "Corse-du-Sud (2A)"
    );
    assert_eq!(
        values(&json, "contrat"),
        [
            v("titulaire_ou_contractuel", FILLERS + 1, false),
            v("contractuel", 1, false)
        ]
    );
    assert_eq!(
        values(&json, "teletravail"),
        [v("partiel", FILLERS + 1, false), v("total", 1, false)]
    );
    // Organisations count by ministry, sub-organisations included.
    assert_eq!(
        values(&json, "organisation"),
        [
            v("ministere-des-armees", FILLERS, false),
            v("ministere-du-numerique", 2, false)
        ]
    );
}

#[tokio::test]
async fn a_facet_ignores_its_own_filter_and_applies_the_others() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/offres?region=94").await.json();
    assert_eq!(json["total"], 1);
    // The other regions keep their counts, so that one can switch…
    assert_eq!(
        values(&json, "region"),
        [v("11", FILLERS + 1, false), v("94", 1, true)]
    );
    // …while the other facets only count the chosen region.
    assert_eq!(values(&json, "metier"), [v("donnees", 1, false)]);
    assert_eq!(values(&json, "departement"), [v("2A", 1, false)]);

    // Two filters: each facet drops only its own.
    let json = app
        .get("/api/v1/offres?metier=developpement&teletravail=total")
        .await
        .json();
    assert_eq!(json["total"], 0);
    assert_eq!(
        values(&json, "metier"),
        [v("donnees", 1, false), v("developpement", 0, true)]
    );
    assert_eq!(
        values(&json, "teletravail"),
        [v("partiel", FILLERS + 1, false), v("total", 0, true)]
    );
    assert!(values(&json, "region").is_empty());
}

#[tokio::test]
async fn the_chosen_organisation_shows_its_sub_organisations() {
    let app = TestApp::new().await;
    let json = app
        .get("/api/v1/offres?organisation=ministere-du-numerique")
        .await
        .json();
    assert_eq!(json["total"], 2);
    assert_eq!(
        values(&json, "organisation"),
        [
            v("ministere-des-armees", FILLERS, false),
            v("ministere-du-numerique", 2, true)
        ]
    );
    let chosen = &json["facets"]["organisation"][1];
    assert_eq!(chosen["children"][0]["value"], "direction-du-numerique");
    assert_eq!(chosen["children"][0]["count"], 2);
    assert_eq!(
        values(&json, "metier"),
        [v("developpement", 1, false), v("donnees", 1, false)]
    );
}

#[tokio::test]
async fn facets_follow_the_text_query() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/offres?q=rust").await.json();
    assert_eq!(json["total"], 1);
    assert_eq!(values(&json, "metier"), [v("developpement", 1, false)]);
    assert_eq!(
        values(&json, "organisation"),
        [v("ministere-du-numerique", 1, false)]
    );
    let none = app.get("/api/v1/offres?q=boulangerie").await.json();
    assert_eq!(none["total"], 0);
    assert!(values(&none, "metier").is_empty());
}

#[tokio::test]
async fn on_the_page_facets_are_links_keeping_the_other_filters() {
    let app = TestApp::new().await;
    let page = app
        .get("/offres-emploi?q=donn%C3%A9es&teletravail=total&tri=date")
        .await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("Affiner les résultats"), "{body}");
    // Choosing a region keeps the query, the other filter and the order.
    assert!(
        body.contains(r#"href="/offres-emploi?q=donn%C3%A9es&#38;teletravail=total&#38;tri=date&#38;region=94""#),
        "{body}"
    );
    // The selected value removes its filter, keeping the rest.
    assert!(
        body.contains(r#"href="/offres-emploi?q=donn%C3%A9es&#38;tri=date" aria-current="true""#),
        "{body}"
    );
    assert!(body.contains("Retirer le filtre : </span>Télétravail total"));
    // Counts are shown next to the labels.
    assert!(body.contains("Corse-du-Sud (2A) <span class=\"vivier-facet__count\">(1)</span>"));
}
