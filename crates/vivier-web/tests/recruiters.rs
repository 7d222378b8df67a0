//! Recruiters manage their organisations' offers and employer pages: write with errors shown
//! next to the field, preview, publish, fill, close, duplicate, export; imported offers stay
//! read-only; another organisation's offers answer 404 and are left as they were.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::accounts::{agent, location};
use common::browser::Browser;
use vivier_domain::OfferId;
use vivier_domain::account::OrgRole;
use vivier_domain::offer::{OfferState, Source};

/// A complete offer form, as a recruiter fills it.
fn filled<'a>(organisation: &'a str, title: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("action", action),
        ("organisation", organisation),
        ("intitule", title),
        ("reference", "DN-2026-042"),
        ("metier", ""),
        ("contrats", "contractuel"),
        ("contrats", "titulaire_ou_contractuel"),
        ("categorie", "a"),
        ("teletravail", "partiel"),
        ("experience", ""),
        ("debutants", "oui"),
        ("salaire_min", "42 000"),
        ("salaire_max", "55000"),
        ("departement", "75"),
        ("commune", "Paris"),
        ("pays", ""),
        ("ville", ""),
        ("date_limite", "2027-01-31"),
        ("candidature", "email"),
        ("candidature_url", ""),
        ("candidature_email", "recrutement@numerique.gouv.fr"),
        (
            "mission",
            "Construire l’API des offres.\n\n- écrire du Rust\n- relire",
        ),
        ("contexte", ""),
        ("activites", ""),
        ("equipe", "Six personnes."),
        ("profil", ""),
        ("avantages", ""),
        ("processus", ""),
        ("conditions", ""),
    ]
}

/// The id in a `/recruteur/offres/{id}?…` redirect.
fn offer_id(answer: &common::Answer) -> OfferId {
    let target = location(answer);
    let id = target
        .trim_start_matches("/recruteur/offres/")
        .split('?')
        .next()
        .unwrap();
    OfferId(
        id.parse()
            .unwrap_or_else(|_| panic!("not an offer: {target}")),
    )
}

async fn recruiter_of_ministry(app: &TestApp) -> Browser {
    agent(
        app,
        "recruteuse@numerique.gouv.fr",
        &[(app.ministry.id, OrgRole::Recruiter)],
    )
    .await
}

#[tokio::test]
async fn a_recruiter_writes_previews_publishes_fills_and_duplicates_an_offer() {
    let app = TestApp::new().await;
    let mut browser = recruiter_of_ministry(&app).await;
    let service = app.service.id.0.to_string();
    let before = app.store.count_offers().await.unwrap();

    // Nothing typed: every missing field is named next to it, nothing is written.
    let empty = browser
        .fill(
            "/recruteur/offres/nouvelle",
            "/recruteur/offres/nouvelle",
            &filled(&service, "", "enregistrer")
                .into_iter()
                .filter(|(name, _)| !matches!(*name, "contrats" | "candidature"))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    for message in [
        "Saisissez l’intitulé du poste.",
        "Cochez au moins un type de contrat.",
        "Choisissez comment les candidats postulent.",
    ] {
        assert!(empty.body.contains(message), "{message}");
    }
    assert!(empty.body.contains("id=\"intitule-erreur\""));
    assert!(
        empty.body.contains("value=\"Six personnes.\"")
            || empty.body.contains(">Six personnes.</textarea>")
    );
    assert_eq!(app.store.count_offers().await.unwrap(), before);

    // Preview: the public look, nothing written, the form carried along.
    let title = "Développeuse ou développeur API";
    let preview = browser
        .post(
            "/recruteur/offres/nouvelle",
            &filled(&service, title, "apercu"),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview
            .body
            .contains("<h1>Développeuse ou développeur API</h1>")
    );
    assert!(preview.body.contains("Rien n’est encore enregistré"));
    assert!(
        preview
            .body
            .contains("name=\"intitule\" value=\"Développeuse ou développeur API\"")
    );
    assert_eq!(app.store.count_offers().await.unwrap(), before);
    let back = browser
        .post(
            "/recruteur/offres/nouvelle",
            &filled(&service, title, "modifier"),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    assert!(
        back.body
            .contains("value=\"Développeuse ou développeur API\"")
    );

    // Saved as a draft: not public.
    let saved = browser
        .post(
            "/recruteur/offres/nouvelle",
            &filled(&service, title, "enregistrer"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let id = offer_id(&saved);
    let offer = app.store.offer(id).await.unwrap().unwrap();
    assert_eq!(offer.data.state, OfferState::Brouillon);
    assert_eq!(offer.data.organisation_id, app.service.id);
    assert_eq!(offer.data.salary.unwrap().min(), 42_000);
    assert_eq!(offer.data.contract_types.len(), 2);
    app.state.catalog.refresh().await.unwrap();
    assert_eq!(
        app.get(&format!("/emploi/{}", offer.data.slug))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Edit, then publish: public.
    let page = browser.get(location(&saved)).await;
    assert!(page.body.contains("L’offre est enregistrée."));
    let edited = browser
        .post(
            &format!("/recruteur/offres/{}", id.0),
            &filled(&service, "Développeur·se API", "enregistrer"),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let published = browser
        .post(&format!("/recruteur/offres/{}/publier", id.0), &[])
        .await;
    assert_eq!(
        location(&published),
        format!("/recruteur/offres/{}?fait=publiee", id.0)
    );
    let offer = app.store.offer(id).await.unwrap().unwrap();
    assert_eq!(
        (offer.data.state, offer.data.title.as_str()),
        (OfferState::Publiee, "Développeur·se API")
    );
    assert_eq!(offer.data.published_on, Some(common::TODAY));
    app.state.catalog.refresh().await.unwrap();
    let public = app.get(&format!("/emploi/{}", offer.data.slug)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Développeur·se API"));

    // Fill; a filled offer cannot be closed.
    browser.get(&format!("/recruteur/offres/{}", id.0)).await;
    browser
        .post(&format!("/recruteur/offres/{}/pourvoir", id.0), &[])
        .await;
    assert_eq!(
        app.store.offer(id).await.unwrap().unwrap().data.state,
        OfferState::Pourvue
    );
    let refused = browser
        .post(&format!("/recruteur/offres/{}/cloturer", id.0), &[])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("ne peut pas passer"));

    // Duplicate: a new draft with the same texts and a new address.
    let copied = browser
        .post(&format!("/recruteur/offres/{}/dupliquer", id.0), &[])
        .await;
    let copy = app.store.offer(offer_id(&copied)).await.unwrap().unwrap();
    assert_eq!(copy.data.state, OfferState::Brouillon);
    assert_eq!(copy.data.sections, offer.data.sections);
    assert_ne!(copy.data.slug, offer.data.slug);

    // The list and the export hold both; every change is in the audit log.
    let list = browser.get("/recruteur/offres?q=api").await;
    assert!(list.body.contains("2 offres"), "{}", list.body);
    let journal = app.store.audit_log(None, 100).await.unwrap();
    let actions: Vec<_> = journal.iter().map(|r| r.entry.action.as_str()).collect();
    for action in [
        "offre.creation",
        "offre.modification",
        "offre.etat",
        "offre.duplication",
    ] {
        assert!(actions.contains(&action), "{action}: {actions:?}");
    }
}

#[tokio::test]
async fn bad_input_is_named_next_to_its_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let mut browser = recruiter_of_ministry(&app).await;
    let service = app.service.id.0.to_string();
    let armees = app.armees.id.0.to_string();
    let long = "x".repeat(4_001);
    let cases: Vec<(&str, &str, &str)> = vec![
        (
            "salaire_min",
            "beaucoup",
            "Saisissez un montant annuel brut",
        ),
        ("date_limite", "2020-01-01", "déjà passée"),
        ("date_limite", "31/01/2027", "format jj/mm/aaaa"),
        ("commune", "Atlantis", "Aucune commune de ce nom"),
        ("candidature_email", "pas une adresse", "adresse"),
        ("mission", &long, "ne doit pas dépasser 4000 caractères"),
        (
            "organisation",
            &armees,
            "Choisissez une organisation dont vous gérez les offres.",
        ),
        ("contrats", "cdi-a-vie", "types de contrat dans la liste"),
        ("metier", "999999", "Choisissez un métier de la liste."),
    ];
    browser.get("/recruteur/offres/nouvelle").await;
    let before = app.store.count_offers().await.unwrap();
    for (field, value, message) in cases {
        let mut fields = filled(&service, "Administratrice systèmes", "enregistrer");
        for pair in fields.iter_mut().filter(|(name, _)| *name == field) {
            pair.1 = value;
        }
        let answer = browser.post("/recruteur/offres/nouvelle", &fields).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(
            answer.body.contains(message),
            "{field}={value}: no « {message} »"
        );
        assert!(
            answer.body.contains("fr-input-group--error")
                || answer.body.contains("fr-fieldset--error"),
            "{field}"
        );
    }
    // Hostile text is kept verbatim and shown escaped.
    let hostile = "<script>alert(1)</script>' OR 1=1 --";
    let saved = browser
        .post(
            "/recruteur/offres/nouvelle",
            &filled(&service, hostile, "enregistrer"),
        )
        .await;
    let id = offer_id(&saved);
    assert_eq!(
        app.store.offer(id).await.unwrap().unwrap().data.title,
        hostile
    );
    let page = browser.get(&format!("/recruteur/offres/{}", id.0)).await;
    assert!(!page.body.contains("<script>alert(1)"));
    // A field the form does not have, or no form at all: 400/415, nothing written.
    let mut forged = filled(&service, "Forgée", "enregistrer");
    forged.push(("etat", "publiee"));
    assert_eq!(
        browser
            .post("/recruteur/offres/nouvelle", &forged)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let unknown_action = filled(&service, "Forgée", "supprimer");
    assert_eq!(
        browser
            .post("/recruteur/offres/nouvelle", &unknown_action)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(app.store.count_offers().await.unwrap(), before + 1);
}

#[tokio::test]
async fn imported_offers_are_read_only_but_can_be_duplicated() {
    let app = TestApp::new().await;
    let mut browser = agent(
        &app,
        "rh@defense.gouv.fr",
        &[(app.armees.id, OrgRole::Recruiter)],
    )
    .await;
    let mut imported = app.offer("architecte-cloture").await;
    imported.data.source = Source::Csp;
    imported.data.source_reference = Some("CSP-1".into());
    app.store
        .update_offer(imported.id, &imported.data)
        .await
        .unwrap();
    let page = browser
        .get(&format!("/recruteur/offres/{}", imported.id.0))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("importée de Choisir le service public"));
    assert!(page.body.contains("<fieldset disabled"));
    assert!(!page.body.contains("value=\"enregistrer\""));
    let armees = app.armees.id.0.to_string();
    let edit = browser
        .post(
            &format!("/recruteur/offres/{}", imported.id.0),
            &filled(&armees, "Changée", "enregistrer"),
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    let publish = browser
        .post(&format!("/recruteur/offres/{}/publier", imported.id.0), &[])
        .await;
    assert_eq!(publish.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store.offer(imported.id).await.unwrap().unwrap().data,
        imported.data
    );
    let copied = browser
        .post(
            &format!("/recruteur/offres/{}/dupliquer", imported.id.0),
            &[],
        )
        .await;
    let copy = app.store.offer(offer_id(&copied)).await.unwrap().unwrap();
    assert_eq!(
        (copy.data.source, copy.data.source_reference),
        (Source::Vivier, None)
    );
}

#[tokio::test]
async fn another_organisations_offers_and_page_answer_404_and_stay_unchanged() {
    let app = TestApp::new().await;
    let mut outsider = agent(
        &app,
        "rh@defense.gouv.fr",
        &[(app.armees.id, OrgRole::OrgAdmin)],
    )
    .await;
    let theirs = app.offer("developpeuse-rust").await;
    outsider.get("/recruteur/offres/nouvelle").await;
    let armees = app.armees.id.0.to_string();
    let attempts = [
        outsider
            .get(&format!("/recruteur/offres/{}", theirs.id.0))
            .await,
        outsider
            .post(
                &format!("/recruteur/offres/{}", theirs.id.0),
                &filled(&armees, "Volée", "enregistrer"),
            )
            .await,
        outsider
            .post(&format!("/recruteur/offres/{}/cloturer", theirs.id.0), &[])
            .await,
        outsider
            .post(&format!("/recruteur/offres/{}/dupliquer", theirs.id.0), &[])
            .await,
        outsider
            .get("/recruteur/employeurs/ministere-du-numerique")
            .await,
    ];
    for answer in &attempts {
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
    }
    assert_eq!(
        app.store.offer(theirs.id).await.unwrap().unwrap().data,
        theirs.data
    );
    let list = outsider
        .get("/recruteur/offres?organisation=ministere-du-numerique")
        .await;
    assert!(list.body.contains("aucune offre"), "{}", list.body);
    let export = outsider.get("/recruteur/offres/export.csv").await;
    assert!(!export.body.contains("Rust") && export.body.contains("Brouillon secret"));
    let journal = app.store.audit_log(None, 100).await.unwrap();
    let denied = journal
        .iter()
        .filter(|r| r.entry.action == "recruteur.hors-perimetre")
        .count();
    assert_eq!(denied, 5, "each attempt is audited");
    assert!(journal.iter().any(|r| r.entry.action == "offres.export"));
}

#[tokio::test]
async fn a_recruiter_writes_the_employer_page() {
    let app = TestApp::new().await;
    let mut browser = recruiter_of_ministry(&app).await;
    let path = "/recruteur/employeurs/direction-du-numerique";
    let mut fields = vec![
        ("site", "javascript:alert(1)"),
        ("raison_d_etre", "Servir le public."),
        ("valeurs", ""),
        ("enjeux", ""),
        ("missions", ""),
        ("projets", ""),
        ("organisation", ""),
        ("chiffres_cles", "- 300 agents"),
        ("profils_recherches", ""),
        ("processus_recrutement", ""),
        ("nous_rejoindre", ""),
    ];
    let refused = browser.fill(path, path, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"site-erreur\""));
    let unchanged = app
        .store
        .organisation(app.direction.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged.data, app.direction.data);
    fields[0].1 = "https://www.numerique.gouv.fr/dinum/";
    let saved = browser.post(path, &fields).await;
    assert_eq!(location(&saved), format!("{path}?fait=enregistree"));
    let changed = app
        .store
        .organisation(app.direction.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        changed.data.page.raison_d_etre.as_deref(),
        Some("Servir le public.")
    );
    assert_eq!(
        changed.data.page.chiffres_cles.as_deref(),
        Some("- 300 agents")
    );
    app.state.catalog.refresh().await.unwrap();
    let public = app.get("/employeurs/direction-du-numerique").await;
    assert!(public.body.contains("Servir le public."));
}

#[tokio::test]
async fn a_recruiter_writes_the_testimonies_of_an_employer_page() {
    let app = TestApp::new().await;
    let mut browser = recruiter_of_ministry(&app).await;
    let page = "/recruteur/employeurs/ministere-du-numerique";
    let action = "/recruteur/employeurs/ministere-du-numerique/temoignages";
    // The stored testimony fills the first slot.
    let opened = browser.get(page).await;
    assert!(opened.body.contains("value=\"Awa Diallo\""));
    // A half-filled slot is named, nothing changes.
    let refused = browser
        .post(
            action,
            &[
                ("temoin1_nom", "Awa Diallo"),
                ("temoin1_fonction", "Développeuse"),
                ("temoin1_texte", "On construit pour tout le monde."),
                ("temoin2_nom", "Karim"),
                ("temoin2_fonction", ""),
                ("temoin2_texte", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"temoin2-erreur\""));
    assert_eq!(
        app.store.testimonies(app.ministry.id).await.unwrap().len(),
        1
    );
    // The first emptied, the second filled: one testimony, the new one.
    let saved = browser
        .post(
            action,
            &[
                ("temoin1_nom", ""),
                ("temoin1_fonction", ""),
                ("temoin1_texte", ""),
                ("temoin2_nom", "Karim Benali"),
                ("temoin2_fonction", "Architecte"),
                ("temoin2_texte", "<b>Des projets</b> qui servent."),
            ],
        )
        .await;
    assert_eq!(
        location(&saved),
        format!("{page}?fait=enregistree#temoignages")
    );
    let stored = app.store.testimonies(app.ministry.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].name.as_str(), stored[0].text.as_str()),
        ("Karim Benali", "<b>Des projets</b> qui servent.")
    );
    app.state.catalog.refresh().await.unwrap();
    let public = app.get("/employeurs/ministere-du-numerique").await;
    assert!(public.body.contains("Karim Benali") && !public.body.contains("Awa Diallo"));
    assert!(!public.body.contains("<b>Des projets</b>"));
    // A field the form does not have: 400. Another organisation's page: 404.
    let forged = browser.post(action, &[("temoin9_nom", "x")]).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    let other = browser
        .post(
            "/recruteur/employeurs/ministere-des-armees/temoignages",
            &[("temoin1_nom", "x")],
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let journal = app.store.audit_log(None, 50).await.unwrap();
    assert!(
        journal
            .iter()
            .any(|r| r.entry.action == "employeur.temoignages")
    );
}
