//! Recruiters look for candidates beyond their offers: the talent pool and the spontaneous
//! applications, searched and never showing someone who hid from them; proposing an offer,
//! once; each organisation's dashboard; and every id of another organisation — offer,
//! application, candidate — answering 404 and written to the audit log.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::accounts::{agent, audited, location};
use common::browser::Browser;
use common::candidates::{apply, candidate, family, move_to, paris, profile, save_profile};
use common::{TestApp, new_mails};
use time::macros::date;
use vivier_domain::account::OrgRole;
use vivier_domain::candidate::{ApplicationStatus, Target};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;
use vivier_domain::{OrganisationId, UserId};
use vivier_store::accounts::User;

const MOTIVATION: &str = "Je veux rejoindre une équipe numérique de l’État.";

async fn recruiter(app: &TestApp, email: &str, org: OrganisationId) -> Browser {
    agent(app, email, &[(org, OrgRole::Recruiter)]).await
}

/// Inès (in the pool, développement, Île-de-France, 6 years, contractuelle), Jules (in the
/// pool, données, Corse, 2 years, internship, hidden from the ministry) and Karim (not in the
/// pool).
async fn pool(app: &TestApp) -> (User, User, User) {
    let dev = family(app, "developpement").await;
    let data = family(app, "donnees").await;
    let ines = candidate(app, "ines@exemple.fr", "Inès Garnier").await;
    save_profile(app, &ines, &profile(vec![dev], Vec::new())).await;
    let jules = candidate(app, "jules@exemple.fr", "Jules Moreau").await;
    let mut junior = profile(vec![data], vec![app.ministry.id]);
    junior.region = Some(RegionCode::parse("94").unwrap());
    junior.experience_years = Some(2);
    junior.contracts = vec![ContractType::Stage];
    save_profile(app, &jules, &junior).await;
    let karim = candidate(app, "karim@exemple.fr", "Karim Benali").await;
    save_profile(app, &karim, &profile(vec![dev], Vec::new())).await;
    for user in [&ines, &jules] {
        app.store.set_pool(user.id, true, 100).await.unwrap();
    }
    (ines, jules, karim)
}

fn shows(body: &str, names: &[&str], hidden: &[&str]) {
    for name in names {
        assert!(body.contains(name), "{name} should be listed");
    }
    for name in hidden {
        assert!(!body.contains(name), "{name} should not be listed");
    }
}

#[tokio::test]
async fn the_pool_is_searched_and_leaves_out_who_hid_from_the_recruiter() {
    let app = TestApp::new().await;
    pool(&app).await;
    let mut direction = recruiter(&app, "dir@numerique.gouv.fr", app.direction.id).await;
    let mut armees = recruiter(&app, "rh@armees.gouv.fr", app.armees.id).await;
    let all = ["Inès Garnier", "Jules Moreau", "Karim Benali"];

    let seen = direction.get("/recruteur/candidats").await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    shows(
        &seen.body,
        &["Inès Garnier", "Développeuse back-end"],
        &["Jules Moreau", "Karim Benali"],
    );
    assert!(seen.body.contains("1 personne"));
    let seen = armees.get("/recruteur/candidats?vue=vivier").await;
    shows(&seen.body, &all[..2], &all[2..]);
    assert!(seen.body.contains("2 personnes"));

    let data = family(&app, "donnees").await;
    for (query, expected) in [
        (format!("metier={}", data.0), "Jules Moreau"),
        ("region=94".to_owned(), "Jules Moreau"),
        ("experience=5".to_owned(), "Inès Garnier"),
        ("contrat=stage".to_owned(), "Jules Moreau"),
        ("contrat=contractuel".to_owned(), "Inès Garnier"),
    ] {
        let found = armees
            .get(&format!("/recruteur/candidats?vue=vivier&{query}"))
            .await;
        let other = if expected == "Inès Garnier" {
            "Jules Moreau"
        } else {
            "Inès Garnier"
        };
        shows(&found.body, &[expected], &[other]);
    }
    // Each candidate of the list can be proposed one of the recruiter's published offers.
    assert!(seen.body.contains("Proposer l’offre à Inès Garnier"));
    assert!(seen.body.contains("Offre numéro 1 — Ministère des Armées"));
    assert!(
        !seen.body.contains("Brouillon secret"),
        "only published offers"
    );
    assert!(
        !seen.body.contains("Chef de projet expiré"),
        "only offers still open"
    );
}

#[tokio::test]
async fn spontaneous_applications_go_to_their_organisation_or_to_every_recruiter() {
    let app = TestApp::new().await;
    let (_, jules, karim) = pool(&app).await;
    let lea = candidate(&app, "lea@exemple.fr", "Léa Fontaine").await;
    let marc = candidate(&app, "marc@exemple.fr", "Marc Lefèvre").await;
    apply(
        &app,
        &karim,
        Target::Organisation(app.direction.id),
        MOTIVATION,
        None,
        1_000,
    )
    .await;
    apply(&app, &lea, Target::State, MOTIVATION, None, 2_000).await;
    apply(
        &app,
        &marc,
        Target::Organisation(app.armees.id),
        MOTIVATION,
        None,
        3_000,
    )
    .await;
    apply(&app, &jules, Target::State, MOTIVATION, None, 4_000).await;

    let path = "/recruteur/candidats?vue=spontanees";
    let mut direction = recruiter(&app, "dir@numerique.gouv.fr", app.direction.id).await;
    let seen = direction.get(path).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    shows(
        &seen.body,
        &[
            "Karim Benali",
            "Léa Fontaine",
            "Candidature spontanée à Direction du numérique",
            "Candidature spontanée à l’État",
        ],
        &["Marc Lefèvre", "Jules Moreau"],
    );
    let mut ministry = recruiter(&app, "min@numerique.gouv.fr", app.ministry.id).await;
    shows(
        &ministry.get(path).await.body,
        &["Karim Benali", "Léa Fontaine"],
        &["Marc Lefèvre", "Jules Moreau"],
    );
    let mut armees = recruiter(&app, "rh@armees.gouv.fr", app.armees.id).await;
    let seen = armees.get(path).await;
    shows(
        &seen.body,
        &["Léa Fontaine", "Marc Lefèvre", "Jules Moreau"],
        &["Karim Benali"],
    );
    assert!(seen.body.contains("3 candidatures spontanées"));
}

#[tokio::test]
async fn proposing_an_offer_mails_the_candidate_once() {
    let app = TestApp::new().await;
    let (ines, jules, karim) = pool(&app).await;
    let rust = app.offer("developpeuse-rust").await;
    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    browser.get("/recruteur/candidats").await;
    let offer = rust.id.0.to_string();
    let propose = |user: UserId| format!("/recruteur/candidats/{}/proposer", user.0);

    let sent = browser
        .post(
            &propose(ines.id),
            &[
                ("offre", &offer),
                ("retour", "/recruteur/candidats?vue=vivier"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        location(&sent),
        "/recruteur/candidats?vue=vivier&fait=proposee"
    );
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to.as_str(), "ines@exemple.fr");
    assert_eq!(mails[0].subject, "Une offre vous est proposée sur Vivier");
    assert!(
        mails[0]
            .text
            .contains("https://vivier.example.gouv.fr/emploi/developpeuse-rust")
    );
    assert!(
        mails[0]
            .text
            .contains("« Développeuse ou développeur Rust »")
    );
    assert!(mails[0].text.contains("Service des données"));
    let notice = browser
        .get("/recruteur/candidats?vue=vivier&fait=proposee")
        .await;
    assert!(notice.body.contains("La proposition est envoyée"));

    let twice = browser
        .post(&propose(ines.id), &[("offre", &offer), ("retour", "")])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.body.contains("a déjà été proposée à cette personne"));
    assert!(
        new_mails(app.store.as_ref()).await.is_empty(),
        "nothing sent twice"
    );
    assert_eq!(audited(&app, "candidat.proposition").await.len(), 1);

    // Not in the pool and no application to the recruiter, or hidden from the ministry: as if
    // they did not exist, audited.
    let denied_before = audited(&app, "recruteur.hors-perimetre").await.len();
    for user in [&karim, &jules] {
        let refused = browser.post(&propose(user.id), &[("offre", &offer)]).await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{}",
            user.email.as_str()
        );
    }
    let journal = audited(&app, "recruteur.hors-perimetre").await;
    assert_eq!(journal.len(), denied_before + 2);
    assert_eq!(journal[0].entry.object, format!("candidat {}", jules.id.0));
    // Another organisation's offer.
    let foreign = app.offer("offre-numero-1").await;
    let refused = browser
        .post(&propose(ines.id), &[("offre", &foreign.id.0.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(
        audited(&app, "recruteur.hors-perimetre").await.len(),
        denied_before + 3
    );
    // A candidate who applied spontaneously to the recruiter's organisation may be proposed.
    apply(
        &app,
        &karim,
        Target::Organisation(app.direction.id),
        MOTIVATION,
        None,
        1_000,
    )
    .await;
    let karim_sent = browser.post(&propose(karim.id), &[("offre", &offer)]).await;
    assert_eq!(karim_sent.status, StatusCode::SEE_OTHER);
    assert_eq!(new_mails(app.store.as_ref()).await.len(), 1);
    // A draft is not proposed; nor is an unknown candidate.
    let mut armees = recruiter(&app, "rh@armees.gouv.fr", app.armees.id).await;
    armees.get("/recruteur/candidats").await;
    let draft = app.offer("brouillon-secret").await;
    let refused = armees
        .post(&propose(ines.id), &[("offre", &draft.id.0.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .body
            .contains("seule une offre publiée peut être proposée")
    );
    let expired = app.offer("chef-de-projet-expire").await;
    let refused = armees
        .post(&propose(ines.id), &[("offre", &expired.id.0.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .body
            .contains("La date limite de candidature de cette offre est passée")
    );
    let nobody = armees
        .post(
            &propose(UserId(999_999)),
            &[("offre", &draft.id.0.to_string())],
        )
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
    assert!(new_mails(app.store.as_ref()).await.is_empty());
}

#[tokio::test]
async fn the_dashboard_counts_offers_applications_steps_and_first_answers() {
    let app = TestApp::new().await;
    let rust = app.offer("developpeuse-rust").await;
    let data = app.offer("data-scientist-ajaccio").await;
    let filler = app.offer("offre-numero-1").await;
    let mut people = Vec::new();
    for i in 0..5 {
        people.push(candidate(&app, &format!("p{i}@exemple.fr"), &format!("Personne {i}")).await);
    }
    // The week of 22 November 2026 (a Sunday) starts on Monday the 16th.
    let a1 = apply(
        &app,
        &people[0],
        Target::Offer(rust.id),
        MOTIVATION,
        None,
        paris(date!(2026 - 11 - 17), 9),
    )
    .await;
    let a2 = apply(
        &app,
        &people[1],
        Target::Offer(data.id),
        MOTIVATION,
        None,
        paris(date!(2026 - 11 - 10), 9),
    )
    .await;
    apply(
        &app,
        &people[2],
        Target::Organisation(app.direction.id),
        MOTIVATION,
        None,
        paris(date!(2026 - 11 - 18), 9),
    )
    .await;
    let a5 = apply(
        &app,
        &people[3],
        Target::Offer(rust.id),
        MOTIVATION,
        None,
        paris(date!(2026 - 11 - 19), 9),
    )
    .await;
    apply(
        &app,
        &people[4],
        Target::Offer(filler.id),
        MOTIVATION,
        None,
        paris(date!(2026 - 11 - 20), 9),
    )
    .await;
    move_to(
        &app,
        a1.id,
        ApplicationStatus::Reviewing,
        None,
        a1.created_at + 7_200,
    )
    .await;
    move_to(
        &app,
        a2.id,
        ApplicationStatus::Interview,
        None,
        a2.created_at + 3 * 86_400,
    )
    .await;
    move_to(
        &app,
        a5.id,
        ApplicationStatus::Reviewing,
        None,
        a5.created_at + 3_600,
    )
    .await;
    // A second move does not change the first answer.
    move_to(
        &app,
        a5.id,
        ApplicationStatus::Interview,
        None,
        a5.created_at + 90_000,
    )
    .await;

    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    let home = browser.get("/recruteur").await;
    assert!(home.body.contains("href=\"/recruteur/tableau-de-bord\""));
    assert!(home.body.contains("href=\"/recruteur/candidats\""));
    let page = browser.get("/recruteur/tableau-de-bord").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("Tableau de bord : Ministère du Numérique")
    );
    assert!(
        page.body
            .contains("<dt>Offres en ligne</dt><dd><span class=\"vivier-count\">2</span>")
    );
    assert!(
        page.body
            .contains("3</span> depuis le lundi 16 novembre 2026"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<tr><td>Nouvelle</td><td>1</td></tr>"));
    assert!(
        page.body
            .contains("<tr><td>En cours d’examen</td><td>1</td></tr>")
    );
    assert!(page.body.contains("<tr><td>Entretien</td><td>2</td></tr>"));
    // First answers after 1 h, 2 h and 3 days: median 2 h, mean 1 day and 1 hour.
    assert!(
        page.body
            .contains("médiane : <span class=\"vivier-count\">2 heures</span>")
    );
    assert!(
        page.body
            .contains("moyenne : <span class=\"vivier-count\">1 jour et 1 heure</span>")
    );
    assert!(
        page.body
            .contains("3 candidatures ont reçu une première réponse")
    );

    let direction = browser
        .get("/recruteur/tableau-de-bord?organisation=direction-du-numerique")
        .await;
    assert_eq!(direction.status, StatusCode::OK);
    assert!(
        direction
            .body
            .contains("<dt>Offres en ligne</dt><dd><span class=\"vivier-count\">2</span>")
    );
    assert!(
        direction
            .body
            .contains("<tr><td>Entretien</td><td>2</td></tr>")
    );
    let elsewhere = browser
        .get("/recruteur/tableau-de-bord?organisation=ministere-des-armees")
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert_eq!(audited(&app, "recruteur.hors-perimetre").await.len(), 1);

    let mut armees = recruiter(&app, "rh@armees.gouv.fr", app.armees.id).await;
    let page = armees.get("/recruteur/tableau-de-bord").await;
    // The 25 fillers; the offer whose deadline passed is not live.
    assert!(
        page.body
            .contains("<dt>Offres en ligne</dt><dd><span class=\"vivier-count\">25</span>")
    );
    assert!(page.body.contains("1</span> depuis le lundi"));
    assert!(
        page.body
            .contains("médiane : <span class=\"vivier-count\">—</span>")
    );
    assert!(
        page.body
            .contains("aucune candidature n’a encore reçu une première réponse")
    );
}

#[tokio::test]
async fn another_organisations_offers_applications_and_candidates_answer_404_and_are_audited() {
    let app = TestApp::new().await;
    let (_, jules, _) = pool(&app).await;
    let rust = app.offer("developpeuse-rust").await;
    let lea = candidate(&app, "lea@exemple.fr", "Léa Fontaine").await;
    let to_offer = apply(&app, &lea, Target::Offer(rust.id), MOTIVATION, None, 1_000).await;
    let to_direction = apply(
        &app,
        &lea,
        Target::Organisation(app.direction.id),
        MOTIVATION,
        None,
        1_000,
    )
    .await;
    let hidden = apply(&app, &jules, Target::State, MOTIVATION, None, 1_000).await;

    let mut armees = recruiter(&app, "rh@armees.gouv.fr", app.armees.id).await;
    armees.get("/recruteur/candidats").await;
    let mut ministry = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    ministry.get("/recruteur/candidats").await;
    let offer = rust.id.0;
    let mut expected = 0;
    for (path, post) in [
        (format!("/recruteur/offres/{offer}/candidatures"), false),
        (format!("/recruteur/offres/{offer}/candidatures.csv"), false),
        (format!("/recruteur/candidatures/{}", to_offer.id), false),
        (
            format!("/recruteur/candidatures/{}/etape", to_offer.id),
            true,
        ),
        (
            format!("/recruteur/candidatures/{}/notes", to_offer.id),
            true,
        ),
        (
            format!("/recruteur/candidatures/{}", to_direction.id),
            false,
        ),
        (
            format!("/recruteur/candidatures/{}/etape", to_direction.id),
            true,
        ),
    ] {
        let answer = if post {
            let fields = [
                ("depuis", "nouvelle"),
                ("etape", "refusee"),
                ("raisons", "profil"),
                ("note", "Volée"),
            ];
            let fields: Vec<_> = fields
                .into_iter()
                .filter(|(name, _)| path.ends_with("/notes") == (*name == "note"))
                .collect();
            armees.post(&path, &fields).await
        } else {
            armees.get(&path).await
        };
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!answer.body.contains("Léa Fontaine"), "{path}");
        expected += 1;
        assert_eq!(
            audited(&app, "recruteur.hors-perimetre").await.len(),
            expected,
            "{path}"
        );
    }
    // An application to the State whose candidate hid from the ministry: not for the ministry
    // (nor its proposal), readable by the armed forces.
    let path = format!("/recruteur/candidatures/{}", hidden.id);
    assert_eq!(ministry.get(&path).await.status, StatusCode::NOT_FOUND);
    let noted = ministry
        .post(&format!("{path}/notes"), &[("note", "x")])
        .await;
    assert_eq!(noted.status, StatusCode::NOT_FOUND);
    assert_eq!(armees.get(&path).await.status, StatusCode::OK);
    expected += 2;
    let journal = audited(&app, "recruteur.hors-perimetre").await;
    assert_eq!(journal.len(), expected);
    assert_eq!(
        journal[0].entry.object,
        format!("candidature {}", hidden.id)
    );
    // An id that does not exist is a plain 404, not an attempt on anyone.
    assert_eq!(
        armees.get("/recruteur/candidatures/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        armees.get("/recruteur/candidatures/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        audited(&app, "recruteur.hors-perimetre").await.len(),
        expected
    );
    // Nothing changed.
    for id in [to_offer.id, to_direction.id] {
        let stored = app.store.application(id).await.unwrap().unwrap();
        assert_eq!(stored.status, ApplicationStatus::New);
        assert!(app.store.notes(id).await.unwrap().is_empty());
    }
    assert!(new_mails(app.store.as_ref()).await.is_empty());
}
