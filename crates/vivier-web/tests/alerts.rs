//! Saved searches and job alerts: a candidate saves the search of the offer list, manages their
//! saved searches (and only theirs), and the alert job mails each new offer once (its
//! unsubscribe link: `tests/unsubscribe.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::accounts::{audited, candidate, location};
use common::alerts::{paris, saved};
use common::browser::hidden;
use common::{TestApp, new_mails};
use time::macros::datetime;
use vivier_domain::candidate::AlertFrequency;
use vivier_store::accounts::{OutgoingMail, UserChange};
use vivier_web::jobs::{AlertRun, send_due_alerts};

const LIST: &str = "/offres-emploi?region=11&q=rust&page=1&utm_source=lettre";

#[tokio::test]
async fn candidate_saves_the_search_of_the_list_page() {
    let app = TestApp::new().await;
    // A visitor first: the page they get is cached, with a link to sign in and no form.
    let visitor = app.get(LIST).await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert!(
        visitor
            .body
            .contains("connectez-vous à votre espace candidat")
    );
    assert!(
        visitor
            .body
            .contains("/connexion?suite=%2Foffres-emploi%3Fq%3Drust%26region%3D11")
    );
    assert!(!visitor.body.contains("name=\"csrf\""));
    assert!(visitor.headers.get(header::SET_COOKIE).is_none());

    let (mut browser, user) = candidate(&app, "camille@exemple.fr").await;
    let page = browser.get(LIST).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(page.body.contains("Créer une alerte"));
    assert_eq!(
        hidden(&page.body, "requete").as_deref(),
        Some("q=rust&#38;region=11")
    );
    assert!(
        page.body.contains("« rust » · Île-de-France"),
        "label prefilled"
    );
    // The visitors' cached page was not the candidate's, nor the other way round.
    let again = app.get(LIST).await;
    assert_eq!(again.body, visitor.body);

    let sent = browser
        .post(
            "/espace-candidat/recherches",
            &[
                ("libelle", "  Rust en Île-de-France "),
                ("requete", "region=11&q=rust&page=2"),
                ("frequence", "quotidienne"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(location(&sent), "/espace-candidat/recherches?fait=creation");
    let searches = app.store.saved_searches(user.id).await.unwrap();
    assert_eq!(searches.len(), 1);
    assert_eq!(
        (
            searches[0].label.as_str(),
            searches[0].query.as_str(),
            searches[0].frequency
        ),
        (
            "Rust en Île-de-France",
            "q=rust&region=11",
            AlertFrequency::Daily
        )
    );
    let list = browser
        .get("/espace-candidat/recherches?fait=creation")
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Votre recherche est enregistrée"));
    assert!(
        list.body
            .contains("href=\"/offres-emploi?q=rust&#38;region=11\"")
    );
    assert!(list.body.contains("Rust en Île-de-France"));
    // Rerunning it finds the list page's offer.
    let rerun = browser.get("/offres-emploi?q=rust&region=11").await;
    assert!(rerun.body.contains("href=\"/emploi/developpeuse-rust\""));

    // Agents are not offered the form.
    let agent = common::accounts::agent(&app, "rh@numerique.gouv.fr", &[]).await;
    let mut agent = agent;
    let seen = agent.get(LIST).await;
    assert!(!seen.body.contains("name=\"requete\""));
}

#[tokio::test]
async fn saving_refuses_bad_names_bad_searches_duplicates_and_more_than_twenty() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "camille@exemple.fr").await;
    browser.get("/offres-emploi").await;
    let post = |label: &'static str, query: &'static str| {
        [
            ("libelle", label),
            ("requete", query),
            ("frequence", "hebdomadaire"),
        ]
    };
    let empty = browser
        .post("/espace-candidat/recherches", &post("   ", "q=rust"))
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.body.contains("Donnez un nom à cette recherche."));
    assert_eq!(hidden(&empty.body, "requete").as_deref(), Some("q=rust"));
    for query in ["contrat=inconnu", "metier=nulle-part"] {
        let bad = browser
            .post("/espace-candidat/recherches", &post("Test", query))
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(bad.body.contains("n’est pas valable"), "{query}");
    }
    let unknown_frequency = browser
        .post(
            "/espace-candidat/recherches",
            &[
                ("libelle", "Test"),
                ("requete", "q=rust"),
                ("frequence", "horaire"),
            ],
        )
        .await;
    assert_eq!(unknown_frequency.status, StatusCode::BAD_REQUEST);
    assert!(app.store.saved_searches(user.id).await.unwrap().is_empty());

    for i in 0..20 {
        saved(
            &app,
            &user,
            &format!("Recherche {i}"),
            &format!("q=mot{i}"),
            AlertFrequency::Weekly,
            1_000,
        )
        .await;
    }
    let duplicate = browser
        .post(
            "/espace-candidat/recherches",
            &post("Encore", "q=mot3&page=2"),
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert!(
        duplicate
            .body
            .contains("déjà enregistré cette recherche, sous le nom « Recherche 3 »")
    );
    let over = browser
        .post(
            "/espace-candidat/recherches",
            &post("Une de trop", "q=rust"),
        )
        .await;
    assert_eq!(over.status, StatusCode::CONFLICT);
    assert!(
        over.body
            .contains("déjà enregistré 20 recherches, le maximum")
    );
    assert_eq!(app.store.saved_searches(user.id).await.unwrap().len(), 20);
}

#[tokio::test]
async fn candidate_changes_an_alert_and_deletes_a_search() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "camille@exemple.fr").await;
    let id = saved(&app, &user, "Rust", "q=rust", AlertFrequency::Daily, 1_000).await;
    let kept = saved(
        &app,
        &user,
        "Données",
        "metier=donnees",
        AlertFrequency::Daily,
        1_000,
    )
    .await;
    let list = browser.get("/espace-candidat/recherches").await;
    assert!(list.body.contains("2 recherches enregistrées sur 20"));

    let changed = browser
        .post(
            &format!("/espace-candidat/recherches/{id}"),
            &[("frequence", "hebdomadaire")],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let search = app.store.saved_search(id).await.unwrap().unwrap();
    assert_eq!(search.frequency, AlertFrequency::Weekly);
    let stopped = browser
        .post(
            &format!("/espace-candidat/recherches/{id}"),
            &[("frequence", "aucune")],
        )
        .await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.saved_search(id).await.unwrap().unwrap().frequency,
        AlertFrequency::Never
    );

    let deleted = browser
        .post(
            &format!("/espace-candidat/recherches/{id}/suppression"),
            &[],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&deleted),
        "/espace-candidat/recherches?fait=suppression"
    );
    assert!(app.store.saved_search(id).await.unwrap().is_none());
    assert!(app.store.saved_search(kept).await.unwrap().is_some());
    let missing = browser
        .post(
            &format!("/espace-candidat/recherches/{id}/suppression"),
            &[],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_candidates_search_answers_404_and_is_audited() {
    let app = TestApp::new().await;
    let (_, owner) = candidate(&app, "camille@exemple.fr").await;
    let (mut intruder, _) = candidate(&app, "dominique@exemple.fr").await;
    let id = saved(
        &app,
        &owner,
        "Secret de Camille",
        "q=rust",
        AlertFrequency::Daily,
        1_000,
    )
    .await;
    let list = intruder.get("/espace-candidat/recherches").await;
    assert!(!list.body.contains("Secret de Camille"));
    // A page with a form, for the token.
    intruder.get("/offres-emploi").await;
    let changed = intruder
        .post(
            &format!("/espace-candidat/recherches/{id}"),
            &[("frequence", "aucune")],
        )
        .await;
    assert_eq!(changed.status, StatusCode::NOT_FOUND);
    let deleted = intruder
        .post(
            &format!("/espace-candidat/recherches/{id}/suppression"),
            &[],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NOT_FOUND);
    let search = app.store.saved_search(id).await.unwrap().unwrap();
    assert_eq!(search.frequency, AlertFrequency::Daily);
    let denials = audited(&app, "recherche.hors-perimetre").await;
    assert_eq!(denials.len(), 2);
    assert!(
        denials
            .iter()
            .all(|d| d.entry.object == format!("recherche:{id}"))
    );
}

fn slugs_in(mail: &OutgoingMail) -> Vec<String> {
    mail.text
        .lines()
        .filter_map(|line| {
            line.trim()
                .strip_prefix("https://vivier.example.gouv.fr/emploi/")
        })
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_alert_job_mails_each_new_offer_in_exactly_one_alert() {
    let app = TestApp::new().await;
    let (_, camille) = candidate(&app, "camille@exemple.fr").await;
    let (_, sleeping) = candidate(&app, "desactive@exemple.fr").await;
    // The test board: a data scientist published on 19 November, a Rust developer on the
    // 20th, older offers in October.
    let created = paris(datetime!(2026-11-18 09:00));
    let all = saved(&app, &camille, "Tout", "", AlertFrequency::Daily, created).await;
    let rust = saved(
        &app,
        &camille,
        "Rust",
        "q=rust",
        AlertFrequency::Daily,
        created,
    )
    .await;
    let weekly = saved(
        &app,
        &camille,
        "Chaque semaine",
        "",
        AlertFrequency::Weekly,
        paris(datetime!(2026-11-14 09:00)),
    )
    .await;
    saved(
        &app,
        &sleeping,
        "Désactivé",
        "",
        AlertFrequency::Daily,
        created,
    )
    .await;
    app.store
        .update_user(sleeping.id, &UserChange::Disabled(true))
        .await
        .unwrap();
    new_mails(app.store.as_ref()).await;

    // Not due yet: nothing happens.
    let early = send_due_alerts(&app.state, paris(datetime!(2026-11-19 08:00)))
        .await
        .unwrap();
    assert_eq!(early, AlertRun::default());

    let mut mails: Vec<(String, OutgoingMail)> = Vec::new();
    let mut runs = Vec::new();
    for day in 19..=25u8 {
        let now = paris(
            time::Date::from_calendar_date(2026, time::Month::November, day)
                .unwrap()
                .with_hms(9, 30, 0)
                .unwrap(),
        );
        runs.push(send_due_alerts(&app.state, now).await.unwrap());
        for mail in new_mails(app.store.as_ref()).await {
            mails.push((format!("2026-11-{day}"), mail));
        }
    }
    // Every daily alert ran each day; the weekly one on the 21st.
    assert_eq!(
        runs[0],
        AlertRun {
            handled: 3,
            mailed: 0
        }
    );
    assert_eq!(
        runs[1],
        AlertRun {
            handled: 3,
            mailed: 1
        }
    );
    assert_eq!(
        runs[2],
        AlertRun {
            handled: 4,
            mailed: 3
        }
    );
    assert_eq!(
        runs[3],
        AlertRun {
            handled: 3,
            mailed: 0
        }
    );
    // The disabled account got nothing, and only Camille's address was written to.
    assert!(mails.iter().all(|(_, m)| m.to == camille.email));
    let summary: Vec<(String, String, Vec<String>)> = mails
        .iter()
        .map(|(day, mail)| (day.clone(), mail.subject.clone(), slugs_in(mail)))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "2026-11-20".to_owned(),
                "1 nouvelle offre pour votre alerte « Tout »".to_owned(),
                vec!["data-scientist-ajaccio".to_owned()]
            ),
            // The weekly alert fell due first (9:00, the daily ones 9:30).
            (
                "2026-11-21".to_owned(),
                "2 nouvelles offres pour votre alerte « Chaque semaine »".to_owned(),
                vec![
                    "developpeuse-rust".to_owned(),
                    "data-scientist-ajaccio".to_owned()
                ]
            ),
            (
                "2026-11-21".to_owned(),
                "1 nouvelle offre pour votre alerte « Tout »".to_owned(),
                vec!["developpeuse-rust".to_owned()]
            ),
            (
                "2026-11-21".to_owned(),
                "1 nouvelle offre pour votre alerte « Rust »".to_owned(),
                vec!["developpeuse-rust".to_owned()]
            ),
        ]
    );
    // What a mail says.
    let (_, first) = &mails[0];
    assert!(first.text.contains("Bonjour Camille Durand,"));
    assert!(
        first
            .text
            .contains("Hier, 1 nouvelle offre a été publiée pour votre recherche « Tout »")
    );
    assert!(
        first
            .text
            .contains("Data scientist\n  Direction du numérique — Ajaccio (2A)")
    );
    assert!(
        first
            .html
            .contains("href=\"https://vivier.example.gouv.fr/emploi/data-scientist-ajaccio\"")
    );
    assert!(
        first
            .html
            .contains("Voir toutes les offres de cette recherche")
    );
    assert!(
        first.text.contains(
            "Gérer mes alertes : https://vivier.example.gouv.fr/espace-candidat/recherches"
        )
    );
    assert!(first.text.contains(&format!(
        "https://vivier.example.gouv.fr/alertes/desabonnement?recherche={all}&signature="
    )));
    let (_, weekly_mail) = &mails[1];
    assert!(
        weekly_mail
            .text
            .contains("Depuis le 14 novembre 2026, 2 nouvelles offres ont été publiées")
    );
    assert!(weekly_mail.text.contains(&format!("recherche={weekly}&")));
    let (_, rust_mail) = &mails[3];
    assert!(
        rust_mail
            .text
            .contains("https://vivier.example.gouv.fr/offres-emploi?q=rust\n")
    );
    // Each run moved the window on: the next daily alert is due a day later.
    let read = app.store.saved_search(rust).await.unwrap().unwrap();
    assert_eq!(read.last_sent_at, paris(datetime!(2026-11-25 09:30)));
    assert_eq!(read.next_due_at, read.last_sent_at + 86_400);
}

#[tokio::test]
async fn an_alert_lists_twenty_offers_and_links_to_the_rest() {
    let app = TestApp::new().await;
    let (_, camille) = candidate(&app, "camille@exemple.fr").await;
    // The 25 fillers were published from 2 to 26 October.
    saved(
        &app,
        &camille,
        "Octobre",
        "organisation=ministere-des-armees",
        AlertFrequency::Weekly,
        paris(datetime!(2026-10-01 12:00)),
    )
    .await;
    new_mails(app.store.as_ref()).await;
    let run = send_due_alerts(&app.state, paris(datetime!(2026-11-22 10:00)))
        .await
        .unwrap();
    assert_eq!(
        run,
        AlertRun {
            handled: 1,
            mailed: 1
        }
    );
    let mail = new_mails(app.store.as_ref()).await.pop().unwrap();
    assert_eq!(
        mail.subject,
        "25 nouvelles offres pour votre alerte « Octobre »"
    );
    assert_eq!(slugs_in(&mail).len(), 20);
    assert!(mail.text.contains("… et 5 autres offres."));
    assert!(mail.text.contains(
        "https://vivier.example.gouv.fr/offres-emploi?organisation=ministere-des-armees"
    ));
}
