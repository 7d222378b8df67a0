//! What a visitor sees on every public page.

mod common;

use axum::http::StatusCode;
use common::{FILLERS, TestApp};

/// The link of the first offer listed on a results page.
fn first_result(body: &str) -> Option<&str> {
    let card = body.find("fr-card__title")?;
    let href = card + body[card..].find("href=\"")? + 6;
    Some(&body[href..href + body[href..].find('"')?])
}

#[tokio::test]
async fn home_offers_search_latest_offers_employers_and_figures() {
    let app = TestApp::new().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"fr\""));
    assert!(
        page.body.contains("action=\"/offres-emploi\""),
        "search box"
    );
    assert!(
        page.body.contains("Développeuse ou développeur Rust"),
        "latest offer"
    );
    assert!(page.body.contains("Ministère des Armées"), "employers");
    // 2 active offers of the numérique tree + 25 fillers.
    assert!(
        page.body.contains(&format!(">{}</p>", 2 + FILLERS)),
        "key figure: open offers"
    );
    assert!(page.body.contains("href=\"/offres-emploi?metier=donnees\""));
}

#[tokio::test]
async fn offer_list_shows_only_active_offers() {
    let app = TestApp::new().await;
    let page = app.get("/offres-emploi").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("{} offres", 2 + FILLERS)));
    assert!(page.body.contains("Développeuse ou développeur Rust"));
    for hidden in [
        "Chef de projet expiré",
        "Administrateur systèmes pourvu",
        "Architecte clôturé",
        "Brouillon secret",
    ] {
        assert!(!page.body.contains(hidden), "{hidden} must not be listed");
    }
}

#[tokio::test]
async fn keyword_search_ignores_case_and_accents_on_titles_and_texts() {
    let app = TestApp::new().await;
    for q in [
        "DONNEES%20securisees",
        "donn%C3%A9es%20s%C3%A9curis%C3%A9es",
        "developpeuse",
        "D%C3%89VELOPPEUSE",
        "d%C3%A9veloppeur%C2%B7se",
        "developeuse",
    ] {
        let page = app.get(&format!("/offres-emploi?q={q}")).await;
        assert_eq!(page.status, StatusCode::OK, "{q}");
        assert_eq!(
            first_result(&page.body),
            Some("/emploi/developpeuse-rust"),
            "{q}: the offer whose title and text match comes first"
        );
    }
    // Organisation and place names are searchable too.
    let page = app.get("/offres-emploi?q=ajaccio").await;
    assert!(page.body.contains("Data scientist"));
    let page = app.get("/offres-emploi?q=kubernetes").await;
    assert!(page.body.contains("aucune offre"));
    assert!(
        page.body
            .contains("Aucune offre ne correspond à votre recherche")
    );
}

#[tokio::test]
async fn every_filter_narrows_the_list_and_stays_in_the_url() {
    let app = TestApp::new().await;
    let cases = [
        ("metier=donnees", 1, "Data scientist"),
        ("domaine=cloud", 1, "Développeuse ou développeur Rust"),
        ("region=94", 1, "Data scientist"),
        ("departement=2A", 1, "Data scientist"),
        ("contrat=contractuel", 1, "Développeuse ou développeur Rust"),
        ("teletravail=total", 1, "Data scientist"),
        ("debutant=oui", 1, "Développeuse ou développeur Rust"),
        ("organisation=ministere-du-numerique", 2, "Data scientist"),
        (
            "organisation=service-des-donnees",
            1,
            "Développeuse ou développeur Rust",
        ),
        (
            "region=11&contrat=titulaire_ou_contractuel",
            FILLERS,
            "Offre numéro 25",
        ),
    ];
    for (query, count, title) in cases {
        let page = app.get(&format!("/offres-emploi?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let label = if count == 1 {
            "1 offre".to_owned()
        } else {
            format!("{count} offres")
        };
        assert!(
            page.body
                .contains(&format!("<span class=\"vivier-count\">{label}</span>")),
            "{query}: expected {label}"
        );
        assert!(page.body.contains(title), "{query}: {title}");
        assert!(
            page.body.contains("Filtres appliqués"),
            "{query}: active filters shown"
        );
    }
    // The form shows the current filters.
    let page = app.get("/offres-emploi?metier=donnees&debutant=oui").await;
    assert!(page.body.contains("<option value=\"donnees\" selected>"));
    assert!(
        page.body
            .contains("name=\"debutant\" value=\"oui\" checked")
    );
    // Removing one filter keeps the others.
    assert!(page.body.contains("href=\"/offres-emploi?metier=donnees\""));
}

#[tokio::test]
async fn list_is_paginated_and_sortable() {
    let app = TestApp::new().await;
    let first = app.get("/offres-emploi").await;
    assert!(first.body.contains("class=\"fr-pagination"));
    assert!(first.body.contains("href=\"/offres-emploi?page=2\""));
    let second = app.get("/offres-emploi?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(
        second
            .body
            .contains("aria-current=\"page\" title=\"Page 2\"")
    );
    // Most recent first by default: the oldest filler is on page 2.
    assert!(second.body.contains("Offre numéro 1<"));
    assert!(!first.body.contains("Offre numéro 1<"));
    // Closest deadline first: the Rust offer (15 December) comes before filler 25 (26 December).
    let by_deadline = app.get("/offres-emploi?tri=date_limite").await;
    let rust = by_deadline
        .body
        .find("Développeuse ou développeur Rust")
        .unwrap();
    let first_filler = by_deadline.body.find("Offre numéro 1<").unwrap();
    assert!(
        first_filler < rust,
        "filler 1 (2 December) before the Rust offer (15 December)"
    );
    assert!(
        !by_deadline.body.contains("Data scientist"),
        "open-ended offers come last, on page 2"
    );
}

#[tokio::test]
async fn a_text_query_sorts_by_relevance_and_date_stays_available() {
    let app = TestApp::new().await;
    // « développeur » is in one title; the other development offers match through their job
    // family (« Développement », a synonym): the title match comes first.
    let relevance = app.get("/offres-emploi?q=developpeur").await;
    assert!(relevance.body.contains(&format!("{} offres", 1 + FILLERS)));
    assert_eq!(
        first_result(&relevance.body),
        Some("/emploi/developpeuse-rust")
    );
    assert!(
        relevance
            .body
            .contains("<strong aria-current=\"true\">pertinence</strong>")
    );
    let by_date = app.get("/offres-emploi?q=developpeur&tri=date").await;
    assert_eq!(by_date.status, StatusCode::OK);
    assert!(
        by_date
            .body
            .contains("<strong aria-current=\"true\">date de publication</strong>")
    );
    assert!(
        by_date
            .body
            .contains("href=\"/offres-emploi?q=developpeur\""),
        "link back to relevance"
    );
    let by_deadline = app
        .get("/offres-emploi?q=developpeur&tri=date_limite")
        .await;
    assert_eq!(
        first_result(&by_deadline.body),
        Some("/emploi/offre-numero-1"),
        "2 December first"
    );
    // Stop words only: no text criterion, every offer, by date.
    let stop_words = app.get("/offres-emploi?q=le%20la%20les").await;
    assert!(stop_words.body.contains(&format!("{} offres", 2 + FILLERS)));
}

#[tokio::test]
async fn a_page_past_the_last_says_so_with_a_link_back() {
    let app = TestApp::new().await;
    let page = app.get("/offres-emploi?page=40").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cette page de résultats n’existe pas"));
    assert!(page.body.contains("href=\"/offres-emploi?page=2\""));
    assert!(page.body.contains("noindex"));
}

#[tokio::test]
async fn offer_page_shows_sections_summary_facts_and_how_to_apply() {
    let app = TestApp::new().await;
    let page = app.get("/emploi/developpeuse-rust").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<h1>Développeuse ou développeur Rust</h1>"));
    assert!(body.contains("href=\"#mission\""), "table of contents");
    assert!(body.contains("<li>écrire du Rust</li>"), "lists rendered");
    for fact in [
        "Service des données",
        "Ministère du Numérique",
        "Paris (75)",
        "Contractuel uniquement",
        "Télétravail partiel",
        "15 décembre 2026",
        "DN-2026-001",
        "20 novembre 2026",
        "45\u{202f}000 € à 60\u{202f}000 € bruts par an",
        "Catégorie A",
    ] {
        assert!(body.contains(fact), "fact {fact}");
    }
    assert!(body.contains("href=\"/employeurs/service-des-donnees\""));
    assert!(
        body.contains("https://recrutement.example.gouv.fr/offre/1"),
        "apply link"
    );
    assert!(!body.contains("fr-alert--warning"));

    let email = app.get("/emploi/data-scientist-ajaccio").await;
    assert!(email.body.contains("mailto:recrutement@numerique.gouv.fr"));
}

#[tokio::test]
async fn active_offers_carry_a_google_for_jobs_posting() {
    let app = TestApp::new().await;
    let page = app.get("/emploi/developpeuse-rust").await;
    let start = page
        .body
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + page.body[start..].find("</script>").unwrap();
    let posting: serde_json::Value = serde_json::from_str(&page.body[start..end]).unwrap();
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "Développeuse ou développeur Rust");
    assert_eq!(posting["datePosted"], "2026-11-20");
    assert_eq!(posting["validThrough"], "2026-12-15");
    assert_eq!(posting["identifier"]["value"], "DN-2026-001");
    assert_eq!(posting["employmentType"][0], "FULL_TIME");
    assert_eq!(posting["hiringOrganization"]["name"], "Service des données");
    assert_eq!(
        posting["hiringOrganization"]["sameAs"],
        "https://www.numerique.gouv.fr/"
    );
    assert_eq!(
        posting["jobLocation"]["address"]["addressLocality"],
        "Paris"
    );
    assert_eq!(posting["jobLocation"]["address"]["postalCode"], "75001");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 45_000);
    assert_eq!(posting["baseSalary"]["currency"], "EUR");
    assert_eq!(posting["directApply"], false);
    assert!(
        posting["description"]
            .as_str()
            .unwrap()
            .contains("<li>relire le code</li>")
    );
    assert!(posting.get("jobLocationType").is_none());

    let remote = app.get("/emploi/data-scientist-ajaccio").await;
    assert!(remote.body.contains("\"jobLocationType\":\"TELECOMMUTE\""));
    assert!(
        remote.body.contains(
            "\"applicantLocationRequirements\":{\"@type\":\"Country\",\"name\":\"France\"}"
        )
    );
}

#[tokio::test]
async fn filled_closed_and_expired_offers_stay_reachable_with_a_banner_and_no_apply() {
    let app = TestApp::new().await;
    for (slug, banner) in [
        ("administrateur-pourvu", "Offre pourvue"),
        ("architecte-cloture", "Offre clôturée"),
        ("chef-de-projet-expire", "Date limite dépassée"),
    ] {
        let page = app.get(&format!("/emploi/{slug}")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug}");
        assert!(page.body.contains(banner), "{slug}");
        assert!(
            page.body.contains("Il n’est plus possible de candidater"),
            "{slug}"
        );
        assert!(
            !page.body.contains("application/ld+json"),
            "{slug}: no JSON-LD"
        );
        assert!(page.body.contains("noindex"), "{slug}");
    }
}

#[tokio::test]
async fn drafts_and_unknown_offers_are_not_found() {
    let app = TestApp::new().await;
    for uri in [
        "/emploi/brouillon-secret",
        "/emploi/nexiste-pas",
        "/emploi/N%27EXISTE%20PAS",
        "/page-inconnue",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("Page non trouvée"), "{uri}");
        assert!(page.body.contains("fr-header"), "{uri}: DSFR page");
    }
}

#[tokio::test]
async fn employers_are_listed_by_ministry_with_live_offer_counts() {
    let app = TestApp::new().await;
    let page = app.get("/employeurs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("4 employeurs"));
    assert!(page.body.contains("Ministère du Numérique</a> <span class=\"fr-text--sm fr-text--regular\">· 2 offres ouvertes"));
    assert!(page.body.contains(&format!("· {FILLERS} offres ouvertes")));
    let narrowed = app.get("/employeurs?ministere=ministere-des-armees").await;
    assert!(narrowed.body.contains("1 employeur"));
    assert!(!narrowed.body.contains("Service des données"));
    let unknown = app.get("/employeurs?ministere=inconnu").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("n’existe pas"));
}

#[tokio::test]
async fn employer_page_shows_its_sections_testimonies_sub_organisations_and_all_live_offers() {
    let app = TestApp::new().await;
    let page = app.get("/employeurs/ministere-du-numerique").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("Raison d&#39;être") || body.contains("Raison d'être"));
    assert!(body.contains("<li>Intérêt général</li>"));
    assert!(body.contains("Awa Diallo"));
    assert!(
        body.contains("href=\"/employeurs/direction-du-numerique\""),
        "sub-organisation"
    );
    assert!(
        body.contains("Développeuse ou développeur Rust"),
        "offer of a sub-sub-organisation"
    );
    assert!(body.contains("Data scientist"));
    assert!(body.contains("2 offres ouvertes"));
    let armees = app.get("/employeurs/ministere-des-armees").await;
    assert!(armees.body.contains(&format!("{FILLERS} offres ouvertes")));
    assert!(
        armees
            .body
            .contains("href=\"/employeurs/ministere-des-armees?page=2#offres\""),
        "all offers reachable"
    );
    let second = app.get("/employeurs/ministere-des-armees?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Offre numéro 1<"));
    let service = app.get("/employeurs/service-des-donnees").await;
    assert!(
        service
            .body
            .contains("href=\"/employeurs/ministere-du-numerique\""),
        "breadcrumb to ancestors"
    );
    assert_eq!(
        app.get("/employeurs/inconnu").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn sitemap_lists_live_content_only() {
    let app = TestApp::new().await;
    let sitemap = app.get("/sitemap.xml").await;
    assert_eq!(sitemap.status, StatusCode::OK);
    assert!(
        sitemap.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let body = &sitemap.body;
    for present in [
        "https://vivier.example.gouv.fr/emploi/developpeuse-rust</loc>",
        "/offres-emploi</loc>",
        "/employeurs</loc>",
        "/employeurs/service-des-donnees</loc>",
        "/offres-emploi?metier=donnees</loc>",
        "/accessibilite</loc>",
    ] {
        assert!(body.contains(present), "{present}");
    }
    for absent in [
        "brouillon-secret",
        "administrateur-pourvu",
        "chef-de-projet-expire",
        "architecte-cloture",
    ] {
        assert!(!body.contains(absent), "{absent}");
    }
    let robots = app.get("/robots.txt").await;
    assert!(
        robots
            .body
            .contains("Sitemap: https://vivier.example.gouv.fr/sitemap.xml")
    );
}

#[tokio::test]
async fn atom_feed_accepts_the_list_filters() {
    let app = TestApp::new().await;
    let feed = app.get("/offres-emploi/flux.atom?metier=donnees").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    assert!(feed.body.contains("<feed"));
    assert!(feed.body.contains("Data scientist"));
    // The offer's texts, in the summary and the content.
    assert_eq!(
        feed.body
            .matches("Modèles statistiques et apprentissage automatique.")
            .count(),
        2,
        "{}",
        feed.body
    );
    assert!(!feed.body.contains("Développeuse ou développeur Rust"));
    let all = app.get("/offres-emploi/flux.atom").await;
    assert_eq!(all.body.matches("<entry>").count(), 2 + FILLERS);
    assert_eq!(
        app.get("/offres-emploi/flux.atom?contrat=cdi").await.status,
        StatusCode::BAD_REQUEST
    );
    let list = app.get("/offres-emploi?metier=donnees").await;
    assert!(
        list.body
            .contains("href=\"/offres-emploi/flux.atom?metier=donnees\"")
    );
}

#[tokio::test]
async fn legal_pages_and_site_map_exist() {
    let app = TestApp::new().await;
    for (uri, heading) in [
        ("/mentions-legales", "Mentions légales"),
        ("/donnees-personnelles", "Données personnelles"),
        ("/accessibilite", "non conforme"),
        ("/plan-du-site", "Plan du site"),
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(page.body.contains(heading), "{uri}");
    }
    let plan = app.get("/plan-du-site").await;
    assert!(
        plan.body
            .contains("href=\"/employeurs/direction-du-numerique\"")
    );
    let legal = app.get("/mentions-legales").await;
    assert!(legal.body.contains("Licence Ouverte") || legal.body.contains("licence"));
}

#[tokio::test]
async fn health_checks_and_static_files() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    let version = vivier_assets::DSFR_VERSION;
    let css = app
        .get(&format!("/static/dsfr/{version}/dsfr.min.css"))
        .await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        app.get(&format!("/static/dsfr/{version}/../../etc/passwd"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/dsfr/0.0.1/dsfr.min.css").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/static/vivier.css").await.status, StatusCode::OK);
    assert_eq!(app.get("/favicon.ico").await.status, StatusCode::OK);
    // Every page links the DSFR of the embedded version.
    let home = app.get("/").await;
    assert!(
        home.body
            .contains(&format!("/static/dsfr/{version}/dsfr.min.css"))
    );
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    let app = TestApp::new().await;
    for uri in [
        "/",
        "/offres-emploi?contrat=cdi",
        "/api/v1/offres",
        "/inconnu",
    ] {
        let answer = app.get(uri).await;
        let csp = answer.headers["content-security-policy"].to_str().unwrap();
        assert!(!csp.contains("unsafe-inline"), "{uri}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
        assert_eq!(answer.headers["x-content-type-options"], "nosniff", "{uri}");
        assert!(answer.headers.contains_key("referrer-policy"), "{uri}");
        for directive in ["object-src 'none'", "base-uri 'none'", "form-action 'self'"] {
            assert!(csp.contains(directive), "{uri}: {directive}");
        }
        let hsts = answer.headers["strict-transport-security"]
            .to_str()
            .unwrap();
        let max_age: u64 = hsts
            .split(';')
            .find_map(|d| d.trim().strip_prefix("max-age="))
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(max_age >= 365 * 24 * 3600, "{uri}: {hsts}");
        assert!(answer.headers.contains_key("permissions-policy"), "{uri}");
    }
}
