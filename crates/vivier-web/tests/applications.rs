//! Recruiters read the applications to their offers: the list with its filters and counts, one
//! application with the candidate's profile, the pipeline and its mails, refusals with their
//! reasons, stale forms, notes shared within an organisation, anonymised applications, and the
//! CSV export.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::accounts::{agent, audited, location};
use common::browser::Browser;
use common::candidates::{apply, candidate, cv, family, move_to, paris, profile, save_profile};
use common::{TestApp, new_mails};
use time::macros::date;
use vivier_domain::account::OrgRole;
use vivier_domain::candidate::{ApplicationStatus, NOTE_MAX, Target};
use vivier_domain::offer::Offer;
use vivier_store::candidates::Application;

const MOTIVATION: &str = "Je veux construire des services publics utiles.\n\nDeuxième paragraphe.";

async fn recruiter(app: &TestApp, email: &str, org: vivier_domain::OrganisationId) -> Browser {
    agent(app, email, &[(org, OrgRole::Recruiter)]).await
}

/// The Rust offer (of the service) and one application to it by Camille, with a full profile
/// and a CV.
async fn camille_applies(app: &TestApp) -> (Offer, Application) {
    let offer = app.offer("developpeuse-rust").await;
    let camille = candidate(app, "camille@exemple.fr", "Camille Durand").await;
    let dev = family(app, "developpement").await;
    save_profile(app, &camille, &profile(vec![dev], Vec::new())).await;
    let cv = cv(app, &camille).await;
    let sent = apply(
        app,
        &camille,
        Target::Offer(offer.id),
        MOTIVATION,
        Some(cv),
        paris(date!(2026 - 11 - 20), 10),
    )
    .await;
    (offer, sent)
}

/// Posts a move of application `id` from `from` to `to`.
/// The stored status of an application.
async fn status_of(app: &TestApp, id: i64) -> ApplicationStatus {
    app.store.application(id).await.unwrap().unwrap().status
}

async fn post_move(
    browser: &mut Browser,
    id: i64,
    from: &str,
    fields: &[(&str, &str)],
) -> common::Answer {
    let mut all = vec![("depuis", from)];
    all.extend_from_slice(fields);
    browser
        .post(&format!("/recruteur/candidatures/{id}/etape"), &all)
        .await
}

#[tokio::test]
async fn an_offers_applications_are_listed_filtered_counted_and_paged() {
    let app = TestApp::new().await;
    let offer = app.offer("developpeuse-rust").await;
    let data = family(&app, "donnees").await;
    let mut sent = Vec::new();
    for (i, (name, day)) in [
        ("Alice Martin", date!(2026 - 11 - 10)),
        ("Bruno Petit", date!(2026 - 11 - 13)),
        ("Chloé Roux", date!(2026 - 11 - 16)),
    ]
    .into_iter()
    .enumerate()
    {
        let user = candidate(&app, &format!("c{i}@exemple.fr"), name).await;
        if i == 2 {
            save_profile(&app, &user, &profile(vec![data], Vec::new())).await;
        }
        sent.push(
            apply(
                &app,
                &user,
                Target::Offer(offer.id),
                MOTIVATION,
                None,
                paris(day, 9),
            )
            .await,
        );
    }
    move_to(
        &app,
        sent[0].id,
        ApplicationStatus::Reviewing,
        None,
        paris(date!(2026 - 11 - 11), 9),
    )
    .await;

    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    let base = format!("/recruteur/offres/{}/candidatures", offer.id.0);
    let all = browser.get(&base).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    for text in [
        "Alice Martin",
        "Bruno Petit",
        "Chloé Roux",
        "Nouvelle (2)",
        "En cours d’examen (1)",
        "3 candidatures reçues",
    ] {
        assert!(all.body.contains(text), "{text}");
    }
    assert!(
        all.body
            .contains(&format!("href=\"/recruteur/candidatures/{}\"", sent[1].id))
    );
    // Newest first.
    assert!(all.body.find("Chloé Roux").unwrap() < all.body.find("Alice Martin").unwrap());

    let reviewing = browser.get(&format!("{base}?statut=examen")).await;
    assert!(reviewing.body.contains("Alice Martin"));
    assert!(!reviewing.body.contains("Bruno Petit") && !reviewing.body.contains("Chloé Roux"));
    assert!(reviewing.body.contains("1 candidature correspond"));
    assert!(reviewing.body.contains("value=\"examen\" checked"));
    let both = browser
        .get(&format!("{base}?statut=examen&statut=nouvelle"))
        .await;
    assert!(both.body.contains("3 candidatures correspondent"));

    let dated = browser
        .get(&format!("{base}?du=2026-11-12&au=2026-11-13"))
        .await;
    assert!(
        dated.body.contains("Bruno Petit"),
        "the last day counts whole"
    );
    assert!(!dated.body.contains("Alice Martin") && !dated.body.contains("Chloé Roux"));
    let by_family = browser.get(&format!("{base}?metier={}", data.0)).await;
    assert!(by_family.body.contains("Chloé Roux"));
    assert!(!by_family.body.contains("Bruno Petit"));

    let wrong = browser
        .get(&format!("{base}?du=2026-13-45&au=2026-11-01"))
        .await;
    assert_eq!(wrong.status, StatusCode::OK);
    assert!(wrong.body.contains("aria-describedby=\"du-erreur\""));
    assert!(wrong.body.contains("Saisissez une date valide"));
    let reversed = browser
        .get(&format!("{base}?du=2026-11-14&au=2026-11-01"))
        .await;
    assert!(
        reversed
            .body
            .contains("La date de fin doit suivre la date de début.")
    );
    assert!(reversed.body.contains("aria-describedby=\"au-erreur\""));

    // The offers' list and the offer's page link to them with the count.
    let offers = browser.get("/recruteur/offres").await;
    assert!(
        offers
            .body
            .contains(&format!("<a href=\"{base}\">3 candidatures")),
        "{}",
        offers.body
    );
    let page = browser
        .get(&format!("/recruteur/offres/{}", offer.id.0))
        .await;
    assert!(
        page.body
            .contains(&format!("<a href=\"{base}\">3 candidatures</a>"))
    );

    // 50 a page.
    let other = app.offer("data-scientist-ajaccio").await;
    for i in 0..53 {
        let user = candidate(&app, &format!("n{i}@exemple.fr"), &format!("Personne {i}")).await;
        apply(
            &app,
            &user,
            Target::Offer(other.id),
            MOTIVATION,
            None,
            1_000 + i,
        )
        .await;
    }
    let rows = |body: &str| {
        body.matches("<td><a href=\"/recruteur/candidatures/")
            .count()
    };
    let first = browser
        .get(&format!("/recruteur/offres/{}/candidatures", other.id.0))
        .await;
    assert_eq!(rows(&first.body), 50);
    assert!(first.body.contains("53 candidatures"));
    let second = browser
        .get(&format!(
            "/recruteur/offres/{}/candidatures?page=2",
            other.id.0
        ))
        .await;
    assert_eq!(rows(&second.body), 3);
    let beyond = browser
        .get(&format!(
            "/recruteur/offres/{}/candidatures?page=9",
            other.id.0
        ))
        .await;
    assert_eq!(rows(&beyond.body), 3, "past the end: the last page");
}

#[tokio::test]
async fn an_application_shows_the_profile_and_moves_along_the_pipeline_with_its_mails() {
    let app = TestApp::new().await;
    let (_, sent) = camille_applies(&app).await;
    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    let path = format!("/recruteur/candidatures/{}", sent.id);
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "Candidature de Camille Durand",
        "camille@exemple.fr",
        "01 23 45 67 89",
        "Île-de-France",
        "Développeuse back-end",
        "6 ans",
        "Contractuel uniquement",
        "Développement",
        "https://github.com/camille",
        "4 janvier 2027",
        "Je veux construire des services publics utiles.",
        "Deuxième paragraphe.",
        "cv-camille.pdf",
        "2 pages",
        "Offre « Développeuse ou développeur Rust »",
        "Candidature reçue",
        "la personne candidate",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    assert!(page.body.contains(&format!(
        "href=\"/recruteur/candidatures/{}/cv\" download>Télécharger le CV",
        sent.id
    )));
    assert!(page.body.contains("name=\"depuis\" value=\"nouvelle\""));
    assert!(
        !page.body.contains("value=\"nouvelle\" name=\"etape\"")
            && !page.body.contains("id=\"etape-nouvelle\"")
    );
    assert!(
        !page.body.contains("id=\"etape-retiree\""),
        "the candidate withdraws, not a recruiter"
    );

    // To review: nobody is told.
    let moved = post_move(
        &mut browser,
        sent.id,
        "nouvelle",
        &[("etape", "examen"), ("commentaire", "")],
    )
    .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert_eq!(location(&moved), format!("{path}?fait=etape"));
    assert!(new_mails(app.store.as_ref()).await.is_empty());

    for (from, to, subject) in [
        (
            "examen",
            "entretien",
            "Votre candidature : un entretien vous est proposé",
        ),
        (
            "entretien",
            "proposition",
            "Votre candidature : une proposition vous est faite",
        ),
        (
            "proposition",
            "recrutee",
            "Votre candidature : votre recrutement est confirmé",
        ),
    ] {
        let moved = post_move(&mut browser, sent.id, from, &[("etape", to)]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{to}: {}", moved.body);
        assert_eq!(location(&moved), format!("{path}?fait=etape-courriel"));
        let mails = new_mails(app.store.as_ref()).await;
        assert_eq!(mails.len(), 1, "{to}");
        assert_eq!(mails[0].to.as_str(), "camille@exemple.fr");
        assert_eq!(mails[0].subject, subject);
        assert!(
            mails[0]
                .text
                .contains("« Développeuse ou développeur Rust »")
        );
        assert!(mails[0].text.contains("Service des données"));
        assert!(
            mails[0]
                .text
                .contains("https://vivier.example.gouv.fr/espace-candidat")
        );
    }
    let stored = app.store.application(sent.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ApplicationStatus::Hired);
    assert!(stored.first_answer_at.is_some());

    let page = browser.get(&format!("{path}?fait=etape-courriel")).await;
    assert!(
        page.body
            .contains("La personne candidate en est informée par courriel.")
    );
    for change in [
        "Nouvelle → En cours d’examen",
        "En cours d’examen → Entretien",
        "Entretien → Proposition",
        "Proposition → Recruté·e",
    ] {
        assert!(page.body.contains(change), "{change}");
    }
    assert!(
        page.body.contains("Dominique Martin"),
        "the recruiter is named in the history"
    );
    assert!(page.body.contains("Cette candidature est close"));
    assert!(!page.body.contains("name=\"etape\""));
    let again = post_move(
        &mut browser,
        sent.id,
        "recrutee",
        &[("etape", "refusee"), ("raisons", "pourvu")],
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(new_mails(app.store.as_ref()).await.is_empty());
    assert_eq!(audited(&app, "candidature.etape").await.len(), 4);
}

#[tokio::test]
async fn a_refusal_needs_a_reason_and_tells_the_candidate_why() {
    let app = TestApp::new().await;
    let (_, sent) = camille_applies(&app).await;
    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.service.id).await;
    let path = format!("/recruteur/candidatures/{}", sent.id);
    browser.get(&path).await;

    let bare = post_move(
        &mut browser,
        sent.id,
        "nouvelle",
        &[("etape", "refusee"), ("commentaire", "")],
    )
    .await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    assert!(bare.body.contains("Cochez au moins une raison du refus."));
    assert!(
        bare.body
            .contains("aria-labelledby=\"raisons-legende raisons-erreur\"")
    );
    assert!(
        bare.body
            .contains("id=\"etape-refusee\" name=\"etape\" value=\"refusee\" checked")
    );
    let vague = post_move(
        &mut browser,
        sent.id,
        "nouvelle",
        &[
            ("etape", "refusee"),
            ("raisons", "autre"),
            ("commentaire", " "),
        ],
    )
    .await;
    assert_eq!(vague.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(vague.body.contains("Précisez l’autre raison du refus."));
    assert!(
        vague
            .body
            .contains("aria-describedby=\"commentaire-erreur\"")
    );
    let unknown = post_move(
        &mut browser,
        sent.id,
        "nouvelle",
        &[("etape", "refusee"), ("raisons", "humeur")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let nowhere = post_move(&mut browser, sent.id, "nouvelle", &[]).await;
    assert_eq!(nowhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        nowhere
            .body
            .contains("Choisissez la nouvelle étape de la candidature.")
    );
    assert_eq!(status_of(&app, sent.id).await, ApplicationStatus::New);
    assert!(new_mails(app.store.as_ref()).await.is_empty());

    let refused = post_move(
        &mut browser,
        sent.id,
        "nouvelle",
        &[
            ("etape", "refusee"),
            ("raisons", "pourvu"),
            ("raisons", "autre"),
            ("commentaire", "Poste réservé à un titulaire."),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Réponse à votre candidature");
    for text in [
        "Le poste a été pourvu",
        "Autre raison (précisée ci-dessous)",
        "Poste réservé à un titulaire.",
    ] {
        assert!(mails[0].text.contains(text), "{text}: {}", mails[0].text);
        assert!(mails[0].html.contains(text), "{text} in HTML");
    }
    let stored = app.store.application(sent.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ApplicationStatus::Refused);
    assert_eq!(stored.comment, "Poste réservé à un titulaire.");
    let page = browser.get(&path).await;
    assert!(page.body.contains("Nouvelle → Refusée"));
    assert!(page.body.contains("<li>Le poste a été pourvu</li>"));
}

#[tokio::test]
async fn a_stale_form_changes_nothing_and_says_so() {
    let app = TestApp::new().await;
    let (_, sent) = camille_applies(&app).await;
    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    browser
        .get(&format!("/recruteur/candidatures/{}", sent.id))
        .await;
    // A colleague moved it meanwhile.
    move_to(&app, sent.id, ApplicationStatus::Interview, None, 5_000).await;
    let stale = post_move(&mut browser, sent.id, "nouvelle", &[("etape", "examen")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(
        stale
            .body
            .contains("a changé depuis l’affichage de la page")
    );
    assert!(stale.body.contains("« Entretien »"));
    assert_eq!(status_of(&app, sent.id).await, ApplicationStatus::Interview);
    assert_eq!(
        app.store.application_events(sent.id).await.unwrap().len(),
        2
    );
    assert!(new_mails(app.store.as_ref()).await.is_empty());
    // A step the pipeline does not allow from here is refused too.
    let back = post_move(&mut browser, sent.id, "entretien", &[("etape", "nouvelle")]).await;
    assert_eq!(back.status, StatusCode::BAD_REQUEST);
    let forged = browser
        .post(
            &format!("/recruteur/candidatures/{}/etape", sent.id),
            &[
                ("depuis", "entretien"),
                ("etape", "examen"),
                ("pirate", "1"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(status_of(&app, sent.id).await, ApplicationStatus::Interview);
}

#[tokio::test]
async fn notes_are_shared_within_an_organisation_and_nowhere_else() {
    let app = TestApp::new().await;
    let (_, sent) = camille_applies(&app).await;
    let chloe = candidate(&app, "chloe@exemple.fr", "Chloé Roux").await;
    let to_state = apply(&app, &chloe, Target::State, MOTIVATION, None, 2_000).await;
    let mut author = recruiter(&app, "a@numerique.gouv.fr", app.ministry.id).await;
    let mut colleague = recruiter(&app, "b@numerique.gouv.fr", app.ministry.id).await;
    let mut of_service = recruiter(&app, "c@numerique.gouv.fr", app.service.id).await;
    let mut other = recruiter(&app, "d@armees.gouv.fr", app.armees.id).await;

    let state_path = format!("/recruteur/candidatures/{}", to_state.id);
    let offer_path = format!("/recruteur/candidatures/{}", sent.id);
    author.get(&state_path).await;
    let empty = author
        .post(&format!("{state_path}/notes"), &[("note", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Écrivez la note avant de l’ajouter."));
    assert!(empty.body.contains("aria-describedby=\"note-erreur\""));
    let long = "x".repeat(NOTE_MAX + 1);
    let too_long = author
        .post(&format!("{state_path}/notes"), &[("note", &long)])
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_long
            .body
            .contains("La note ne doit pas dépasser 4\u{202f}000 caractères.")
    );
    let added = author
        .post(
            &format!("{state_path}/notes"),
            &[("note", "Profil rare, à rappeler.")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(location(&added), format!("{state_path}?fait=note#notes"));
    let added = author
        .post(
            &format!("{offer_path}/notes"),
            &[("note", "Entretien à prévoir.")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);

    // A colleague of the ministry reads both notes.
    assert!(
        colleague
            .get(&state_path)
            .await
            .body
            .contains("Profil rare, à rappeler.")
    );
    assert!(
        colleague
            .get(&offer_path)
            .await
            .body
            .contains("Entretien à prévoir.")
    );
    // The service's recruiter reads the note on its offer's application, not the ministry's
    // note on an application to the State.
    assert!(
        of_service
            .get(&offer_path)
            .await
            .body
            .contains("Entretien à prévoir.")
    );
    let state_page = of_service.get(&state_path).await;
    assert_eq!(state_page.status, StatusCode::OK);
    assert!(!state_page.body.contains("Profil rare"));
    // Another organisation reads the application to the State without the note, and its own
    // note stays its own.
    let foreign = other.get(&state_path).await;
    assert_eq!(foreign.status, StatusCode::OK);
    assert!(!foreign.body.contains("Profil rare"));
    assert!(foreign.body.contains("Aucune note."));
    other
        .post(
            &format!("{state_path}/notes"),
            &[("note", "Vu aux Armées.")],
        )
        .await;
    assert!(
        !author
            .get(&state_path)
            .await
            .body
            .contains("Vu aux Armées.")
    );
    assert!(other.get(&state_path).await.body.contains("Vu aux Armées."));
    // The offer's application is not theirs at all.
    assert_eq!(other.get(&offer_path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.store.notes(sent.id).await.unwrap().len(), 1);
    assert_eq!(audited(&app, "candidature.note").await.len(), 3);
}

#[tokio::test]
async fn an_anonymised_application_shows_no_personal_data_and_does_not_move() {
    let app = TestApp::new().await;
    let (offer, sent) = camille_applies(&app).await;
    let user = sent.candidate.as_ref().unwrap().user;
    app.store.erase_candidate(user).await.unwrap().unwrap();
    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    let path = format!("/recruteur/candidatures/{}", sent.id);
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Données personnelles supprimées"));
    assert!(!page.body.contains("Camille") && !page.body.contains("camille@exemple.fr"));
    assert!(!page.body.contains("name=\"etape\"") && !page.body.contains("name=\"note\""));
    let list = browser
        .get(&format!("/recruteur/offres/{}/candidatures", offer.id.0))
        .await;
    assert!(list.body.contains("Données personnelles supprimées"));
    browser.get("/recruteur/offres/nouvelle").await;
    let moved = post_move(&mut browser, sent.id, "nouvelle", &[("etape", "examen")]).await;
    assert_eq!(moved.status, StatusCode::BAD_REQUEST);
    let noted = browser
        .post(&format!("{path}/notes"), &[("note", "x")])
        .await;
    assert_eq!(noted.status, StatusCode::BAD_REQUEST);
    assert_eq!(status_of(&app, sent.id).await, ApplicationStatus::New);
}

#[tokio::test]
async fn the_csv_export_neutralises_formulas_and_is_audited() {
    let app = TestApp::new().await;
    let offer = app.offer("developpeuse-rust").await;
    let hostile = candidate(
        &app,
        "formule@exemple.fr",
        "=HYPERLINK(\"https://pirate.example\")",
    )
    .await;
    let mut with_phone = profile(Vec::new(), Vec::new());
    with_phone.phone = Some("+33 6 12 34 56 78".into());
    save_profile(&app, &hostile, &with_phone).await;
    let cv = cv(&app, &hostile).await;
    apply(
        &app,
        &hostile,
        Target::Offer(offer.id),
        "@SUM(A1) et le reste de ma motivation.",
        Some(cv),
        1_000,
    )
    .await;
    let plain = candidate(&app, "simple@exemple.fr", "Bruno Petit").await;
    apply(
        &app,
        &plain,
        Target::Offer(offer.id),
        MOTIVATION,
        None,
        2_000,
    )
    .await;

    let mut browser = recruiter(&app, "rh@numerique.gouv.fr", app.ministry.id).await;
    let csv = browser
        .get(&format!(
            "/recruteur/offres/{}/candidatures.csv",
            offer.id.0
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header[..4],
        ["nom", "adresse électronique", "téléphone", "étape"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"https://pirate.example\")");
    assert_eq!(&rows[0][1], "formule@exemple.fr");
    assert_eq!(&rows[0][2], "'+33 6 12 34 56 78");
    assert_eq!(&rows[0][3], "Nouvelle");
    assert_eq!(&rows[0][7], "'@SUM(A1) et le reste de ma motivation.");
    assert_eq!(&rows[0][8], "cv-camille.pdf");
    assert_eq!(&rows[1][0], "Bruno Petit");
    assert_eq!(&rows[1][2], "", "no phone given");
    let journal = audited(&app, "candidatures.export").await;
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].entry.object, format!("offre {}", offer.id.0));
}
