//! The candidates' side: the profile, applying with a PDF CV (or the stored one), bad uploads,
//! withdrawing, spontaneous applications and the talent pool.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::accounts::{audited, location, signed_in};
use common::pdf;
use common::{TestApp, new_mails};
use vivier_domain::candidate::{ApplicationStatus, Target};

const MOTIVATION: &str = "Je construis des services publics numériques depuis six ans et je veux rejoindre votre équipe.";
/// An offer of the test catalogue candidates apply to on Vivier.
const OFFER: &str = "offre-numero-3";

async fn candidate(
    app: &TestApp,
    email: &str,
) -> (common::browser::Browser, vivier_store::accounts::User) {
    signed_in(app, email, "candidat").await
}

async fn form(browser: &mut common::browser::Browser) {
    let page = browser.get(&format!("/emploi/{OFFER}/postuler")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
}

#[tokio::test]
async fn candidate_completes_profile_and_reads_it_back() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "camille@example.org").await;
    let page = browser.get("/espace-candidat/profil").await;
    assert_eq!(page.status, StatusCode::OK);
    let ministry = app
        .state
        .catalog
        .board()
        .roots()
        .next()
        .unwrap()
        .id
        .0
        .to_string();
    let family = app.state.catalog.board().job_families()[0].id.0.to_string();
    let saved = browser
        .post(
            "/espace-candidat/profil",
            &[
                ("nom", "Camille Durand"),
                ("telephone", "06 12 34 56 78"),
                ("region", "11"),
                ("poste", "Développeuse"),
                ("experience", "6"),
                ("disponible", "2027-01-04"),
                ("linkedin", "https://www.linkedin.com/in/camille"),
                ("github", ""),
                ("portfolio", "https://camille.example.org/"),
                ("contrats", "freelance"),
                ("contrats", "titulaire_ou_contractuel"),
                ("familles", &family),
                ("masquer", &ministry),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.store.candidate(user.id).await.unwrap().unwrap();
    assert_eq!(stored.profile.experience_years, Some(6));
    assert_eq!(stored.profile.contracts.len(), 2);
    assert_eq!(stored.profile.hidden_from.len(), 1);
    let page = browser.get("/espace-candidat/profil?fait=enregistre").await;
    assert!(page.body.contains("Votre profil est enregistré"));
    assert!(page.body.contains("value=\"06 12 34 56 78\""));

    let wrong = browser
        .post(
            "/espace-candidat/profil",
            &[
                ("nom", ""),
                ("experience", "cent"),
                ("linkedin", "https://evil.example.org/in/x"),
                ("telephone", "abc"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Saisissez votre prénom et votre nom.",
        "Saisissez un nombre d’années entre 0 et 60.",
        "sur linkedin.com",
        "Saisissez un numéro de téléphone",
    ] {
        assert!(wrong.body.contains(message), "{message}");
    }
    let unchanged = app.store.candidate(user.id).await.unwrap().unwrap();
    assert_eq!(unchanged.profile, stored.profile, "nothing saved");
    let forged = browser
        .post(
            "/espace-candidat/profil",
            &[("nom", "X"), ("role", "admin")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    let forged = browser
        .post(
            "/espace-candidat/profil",
            &[("nom", "X"), ("familles", "999999")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(forged.body.contains("n’existe pas"));
}

#[tokio::test]
async fn candidate_applies_with_a_pdf_and_follows_it() {
    let app = TestApp::new().await;
    let offer_page = app.get(&format!("/emploi/{OFFER}")).await;
    assert!(
        offer_page
            .body
            .contains(&format!("/emploi/{OFFER}/postuler")),
        "{} {}",
        offer_page.status,
        offer_page.body.get(..300).unwrap_or_default()
    );
    let visitor = app.get(&format!("/emploi/{OFFER}/postuler")).await;
    assert_eq!(
        visitor.status,
        StatusCode::SEE_OTHER,
        "visitors sign in first"
    );

    let (mut browser, user) = candidate(&app, "camille@example.org").await;
    new_mails(app.store.as_ref()).await;
    form(&mut browser).await;
    let cv = pdf::cv("Camille Durand, développeuse");
    let sent = browser
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", MOTIVATION), ("cv", "nouveau")],
            Some(("fichier", "CV Camille.pdf", &cv)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let mine = app.store.applications_of_candidate(user.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    let application = &mine[0];
    assert_eq!(application.status, ApplicationStatus::New);
    assert_eq!(application.motivation, MOTIVATION);
    let stored = application.cv.as_ref().unwrap();
    assert_eq!(stored.filename, "CV Camille.pdf");
    let bytes = app
        .state
        .config
        .files
        .get(&vivier_files::objects::ObjectKey::parse(&stored.key).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bytes.as_ref(), cv.as_slice());
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Votre candidature est bien reçue");
    assert!(!audited(&app, "candidature.envoi").await.is_empty());

    let home = browser.get("/espace-candidat").await;
    assert!(home.body.contains("Nouvelle"), "{}", home.body);
    assert!(home.body.contains("CV Camille.pdf"));

    // A second application to the same offer is refused, and nothing is added.
    form(&mut browser).await;
    let again = browser
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", MOTIVATION), ("cv", "actuel")],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("déjà postulé"));
    assert_eq!(
        app.store
            .applications_of_candidate(user.id)
            .await
            .unwrap()
            .len(),
        1
    );

    // Withdrawn, it can be sent again with the stored CV.
    browser.get("/espace-candidat").await;
    let out = browser
        .post(
            &format!("/espace-candidat/candidatures/{}/retirer", application.id),
            &[],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    form(&mut browser).await;
    let resent = browser
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", MOTIVATION), ("cv", "actuel")],
            None,
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    let mine = app.store.applications_of_candidate(user.id).await.unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].cv.as_ref().unwrap().id, stored.id);
}

#[tokio::test]
async fn bad_uploads_get_a_clear_answer_and_store_nothing() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "camille@example.org").await;
    let url = format!("/emploi/{OFFER}/postuler");
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.resize(4_096, 0);
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.resize(2_048, 0);
    for (file, expected) in [
        (elf.as_slice(), "n’en est pas un"),
        (zip.as_slice(), "n’en est pas un"),
        (b"".as_slice(), "Le fichier est vide."),
        (b"%PDF-1.7\n%broken".as_slice(), "PDF"),
    ] {
        form(&mut browser).await;
        let answer = browser
            .post_multipart(
                &url,
                &[("motivation", MOTIVATION), ("cv", "nouveau")],
                Some(("fichier", "cv.pdf", file)),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            answer.body
        );
        assert!(
            answer.body.contains(expected),
            "{expected}: {}",
            answer.body
        );
    }
    form(&mut browser).await;
    let empty = browser.post_multipart(&url, &[], None).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Présentez votre motivation"));

    // 50 MB announced: refused before reading.
    let huge = Request::post(&url)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .header(header::CONTENT_LENGTH, (50 * 1024 * 1024).to_string())
        .header(
            header::COOKIE,
            browser
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .body(Body::from(vec![b'a'; 1024]))
        .unwrap();
    assert_eq!(
        browser.send(huge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // 6 MB actually sent: cut at the limit.
    form(&mut browser).await;
    let big = vec![b'%'; 6 * 1024 * 1024];
    let answer = browser
        .post_multipart(
            &url,
            &[("motivation", MOTIVATION), ("cv", "nouveau")],
            Some(("fichier", "cv.pdf", &big)),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Closed offer.
    let closed = browser.get("/emploi/architecte-cloture/postuler").await;
    assert!(
        closed.body.contains("n’accepte plus de candidatures"),
        "{}",
        closed.body
    );

    assert!(
        app.store
            .applications_of_candidate(user.id)
            .await
            .unwrap()
            .is_empty()
    );
    let candidate = app.store.candidate(user.id).await.unwrap().unwrap();
    assert!(candidate.cv.is_none(), "no CV kept");
    assert!(app.store.cv_keys().await.unwrap().is_empty());
}

#[tokio::test]
async fn only_the_candidate_withdraws_their_application() {
    let app = TestApp::new().await;
    let (mut owner, user) = candidate(&app, "camille@example.org").await;
    form(&mut owner).await;
    let cv = pdf::cv("CV");
    owner
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", MOTIVATION), ("cv", "nouveau")],
            Some(("fichier", "cv.pdf", &cv)),
        )
        .await;
    let id = app.store.applications_of_candidate(user.id).await.unwrap()[0].id;
    let (mut other, _) = candidate(&app, "dominique@example.org").await;
    other.get("/espace-candidat").await;
    let answer = other
        .post(&format!("/espace-candidat/candidatures/{id}/retirer"), &[])
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(!audited(&app, "candidature.retrait").await.is_empty());
    let still = app.store.application(id).await.unwrap().unwrap();
    assert_eq!(still.status, ApplicationStatus::New);
}

#[tokio::test]
async fn spontaneous_application_and_the_pool() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "camille@example.org").await;
    let page = browser.get("/espace-candidat/candidature-spontanee").await;
    assert_eq!(page.status, StatusCode::OK);
    let cv = pdf::cv("CV");
    let sent = browser
        .post_multipart(
            "/espace-candidat/candidature-spontanee",
            &[
                ("destinataire", "etat"),
                ("motivation", MOTIVATION),
                ("cv", "nouveau"),
            ],
            Some(("fichier", "cv.pdf", &cv)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    browser.get("/espace-candidat/candidature-spontanee").await;
    let twice = browser
        .post_multipart(
            "/espace-candidat/candidature-spontanee",
            &[
                ("destinataire", "etat"),
                ("motivation", MOTIVATION),
                ("cv", "actuel"),
            ],
            None,
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("déjà une candidature spontanée"));
    let mine = app.store.applications_of_candidate(user.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].target, Target::State);

    let home = browser.get("/espace-candidat").await;
    assert!(home.body.contains("Rejoindre le vivier"));
    let joined = browser
        .post("/espace-candidat/vivier", &[("action", "rejoindre")])
        .await;
    assert_eq!(location(&joined), "/espace-candidat#vivier");
    assert!(
        app.store
            .candidate(user.id)
            .await
            .unwrap()
            .unwrap()
            .pool_since
            .is_some()
    );
    let home = browser.get("/espace-candidat").await;
    assert!(home.body.contains("Vous êtes dans le vivier"));
    assert!(
        home.body.contains("2 ans après votre dernière activité"),
        "the configured duration"
    );
    browser
        .post("/espace-candidat/vivier", &[("action", "quitter")])
        .await;
    assert!(
        app.store
            .candidate(user.id)
            .await
            .unwrap()
            .unwrap()
            .pool_since
            .is_none()
    );
    let bad = browser
        .post("/espace-candidat/vivier", &[("action", "pirater")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_cv_is_served_to_its_owner_and_the_offers_recruiters_only_each_download_audited() {
    use common::accounts::agent;
    use vivier_domain::account::OrgRole;
    use vivier_store::accounts::AuditOutcome;

    let app = TestApp::new().await;
    let (mut camille, user) = candidate(&app, "camille@example.org").await;
    form(&mut camille).await;
    let file = pdf::cv("Camille Durand, développeuse");
    let sent = camille
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", MOTIVATION), ("cv", "nouveau")],
            Some(("fichier", "CV Léa été.pdf", &file)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let application = app.store.applications_of_candidate(user.id).await.unwrap()[0].clone();
    let stored = application.cv.clone().unwrap();

    // The owner finds the link in Mon espace and gets the very bytes, never cached.
    let home = camille.get("/espace-candidat").await;
    let own = format!("/espace-candidat/cv/{}", stored.id);
    assert!(home.body.contains(&own), "{}", home.body);
    let download = camille.get(&own).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, file);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(download.headers[header::CACHE_CONTROL], "no-store");
    let disposition = download.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("UTF-8''CV%20L%C3%A9a%20%C3%A9t%C3%A9.pdf"),
        "{disposition}"
    );
    let by_owner = audited(&app, "cv.telechargement").await;
    assert_eq!(by_owner.len(), 1);
    assert_eq!(by_owner[0].entry.outcome, AuditOutcome::Allowed);

    // Another candidate: as if it did not exist, and the attempt is on record.
    let (mut other, _) = candidate(&app, "dominique@example.org").await;
    let stolen = other.get(&own).await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    assert!(!stolen.bytes.starts_with(b"%PDF"));
    let attempts = audited(&app, "cv.telechargement").await;
    assert_eq!(attempts.len(), 2);
    assert!(
        attempts
            .iter()
            .any(|r| r.entry.outcome == AuditOutcome::Denied)
    );
    // Not a candidate's route: recruiters go through the application.
    assert_eq!(
        other.get("/espace-candidat/cv/abc").await.status,
        StatusCode::NOT_FOUND
    );

    // The offer's recruiter downloads it from the application's page.
    let offer = app.offer(OFFER).await;
    let owner = offer.data.organisation_id;
    let mut recruiter = agent(&app, "rh@exemple.gouv.fr", &[(owner, OrgRole::Recruiter)]).await;
    let page = recruiter
        .get(&format!("/recruteur/candidatures/{}", application.id))
        .await;
    let route = format!("/recruteur/candidatures/{}/cv", application.id);
    assert!(page.body.contains(&route), "{}", page.body);
    let read = recruiter.get(&route).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.bytes, file);
    assert_eq!(audited(&app, "candidature.cv").await.len(), 1);

    // A recruiter of another organisation: 404, audited, no byte of the file.
    let elsewhere = if owner == app.armees.id {
        app.ministry.id
    } else {
        app.armees.id
    };
    let mut outsider = agent(&app, "rh@autre.gouv.fr", &[(elsewhere, OrgRole::Recruiter)]).await;
    let denied = outsider.get(&route).await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
    assert!(!denied.bytes.starts_with(b"%PDF"));
    assert_eq!(audited(&app, "candidature.cv").await.len(), 1);
    assert!(
        audited(&app, "recruteur.hors-perimetre")
            .await
            .iter()
            .any(|r| r.entry.object == format!("candidature {}", application.id))
    );
}
