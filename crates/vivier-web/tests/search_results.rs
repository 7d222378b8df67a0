//! What search results show beyond the offers: the words the query matched, marked in the
//! title and in an excerpt of the first section where they are (list page and API), and, when
//! a search finds little or nothing, a corrected query and the filters to drop.

mod common;

use common::TestApp;

#[tokio::test]
async fn the_list_marks_matched_words_in_titles_and_excerpts() {
    let app = TestApp::new().await;
    let page = app.get("/offres-emploi?q=developpeuse+securisees").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(
        body.contains(r#"<mark class="vivier-match">Développeuse</mark> ou <mark class="vivier-match">développeur</mark> Rust"#),
        "{body}"
    );
    assert!(
        body.contains(
            r#"Construire des services de données <mark class="vivier-match">sécurisées</mark>."#
        ),
        "{body}"
    );
    // Without a query nothing is marked.
    let plain = app.get("/offres-emploi").await.body;
    assert!(!plain.contains("<mark"), "{plain}");
}

#[tokio::test]
async fn the_excerpt_comes_from_the_section_that_matched() {
    let app = TestApp::new().await;
    // "huit" is only in the team section; the card's usual excerpt is the mission.
    let body = app.get("/offres-emploi?q=huit").await.body;
    assert!(
        body.contains(r#"Une équipe de <mark class="vivier-match">huit</mark> personnes."#),
        "{body}"
    );
    assert!(!body.contains("Construire des services"), "{body}");
}

#[tokio::test]
async fn the_api_gives_highlights_as_escaped_html() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/offres?q=rust").await.json();
    let hit = &json["items"][0];
    assert_eq!(hit["slug"], "developpeuse-rust");
    assert_eq!(
        hit["highlight"]["title"],
        "Développeuse ou développeur <mark>Rust</mark>"
    );
    assert!(
        hit["highlight"]["excerpt"]
            .as_str()
            .is_some_and(|e| e.contains("écrire du <mark>Rust</mark>")),
        "{hit}"
    );
    // A match on the organisation only: the title is given, no excerpt.
    let json = app.get("/api/v1/offres?q=direction+numerique").await.json();
    let hit = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["slug"] == "data-scientist-ajaccio")
        .unwrap();
    assert_eq!(hit["highlight"]["title"], "Data scientist");
    assert!(hit["highlight"].get("excerpt").is_none(), "{hit}");
    // Without a query, no highlight field.
    let json = app.get("/api/v1/offres").await.json();
    assert!(json["items"][0].get("highlight").is_none());
}

#[tokio::test]
async fn a_typo_gets_a_correction_and_an_empty_search_ways_out() {
    let app = TestApp::new().await;
    // Two edits, beyond the index's typo tolerance: nothing found, a correction that finds
    // the offer.
    let body = app.get("/offres-emploi?q=sceintits+corse").await.body;
    assert!(body.contains("Aucune offre ne correspond"), "{body}");
    assert!(
        body.contains(
            r#"Vouliez-vous dire <a href="/offres-emploi?q=scientist+corse">« scientist corse »</a> (1 offre) ?"#
        ),
        "{body}"
    );
    // A correction that would find nothing either is not proposed.
    let body = app.get("/offres-emploi?q=scientits+rusr").await.body;
    assert!(!body.contains("Vouliez-vous dire"), "{body}");
    // Filters that leave nothing: each one that, removed, gives offers is proposed.
    let body = app
        .get("/offres-emploi?q=rust&region=94&teletravail=total")
        .await
        .body;
    assert!(body.contains("Aucune offre ne correspond"), "{body}");
    assert!(
        body.contains(r#"<a href="/offres-emploi?region=94&#38;teletravail=total">sans les mots-clés « rust »</a> : 1 offre"#),
        "{body}"
    );
    // Without the region alone, remote work "total" still excludes the Rust offer: not proposed.
    assert!(!body.contains("sans « Corse »"), "{body}");
    // A typo within tolerance still finds offers, and the exact word is proposed.
    let body = app.get("/offres-emploi?q=scientits").await.body;
    assert!(body.contains("/emploi/data-scientist-ajaccio"), "{body}");
    assert!(
        body.contains(r#"Vouliez-vous dire <a href="/offres-emploi?q=scientist">« scientist »</a> (1 offre) ?"#),
        "{body}"
    );
}
