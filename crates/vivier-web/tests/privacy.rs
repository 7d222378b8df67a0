//! Personal-data rights: a candidate downloads everything Vivier holds about them, deletes
//! their account (after which a marker seeded in every personal field is nowhere in the
//! database, nor their CV in the file store), and the retention job removes what is kept too
//! long — refused applications after three months, pool members warned then taken out.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;

use axum::http::{StatusCode, header};
use common::accounts::{PASSWORD, audited, candidate, location, signed_in};
use common::{TestApp, new_mails, pdf};
use vivier_domain::Email;
use vivier_domain::account::{AccountKind, OrgRole};
use vivier_domain::candidate::{ApplicationStatus, RefusalReason, Target, Transition};
use vivier_store::accounts::{Delivery, NewUser, User};
use vivier_store::candidates::{NewApplication, NewCv};
use vivier_web::jobs::{RetentionRun, run_retention};

/// The object key of a stored CV row.
fn object(key: &str) -> vivier_files::objects::ObjectKey {
    vivier_files::objects::ObjectKey::parse(key).unwrap()
}

/// In upper case in some fields, lower case in others (addresses, URLs).
const MARKER: &str = "ZQXMARQUEURJ";
const OFFER: &str = "offre-numero-3";
const DAY: i64 = 86_400;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn motivation() -> String {
    format!("Je construis des services publics numériques depuis six ans : {MARKER}.")
}

fn refusal(comment: &str) -> Transition {
    Transition {
        to: ApplicationStatus::Refused,
        reasons: vec![RefusalReason::Other],
        comment: comment.to_owned(),
    }
}

/// Every place in the database holding the marker, in either case.
async fn places(app: &TestApp) -> Vec<String> {
    let mut found = app.store.places_holding(MARKER).await.unwrap();
    found.extend(
        app.store
            .places_holding(&MARKER.to_lowercase())
            .await
            .unwrap(),
    );
    found
}

async fn recruiter(app: &TestApp) -> User {
    app.store
        .create_user(&NewUser {
            email: Email::parse("rh@numerique.gouv.fr").unwrap(),
            display_name: "Dominique Martin".into(),
            kind: AccountKind::Agent,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_deleted_account_leaves_no_personal_data_and_its_export_had_it_all() {
    let app = TestApp::new().await;
    let address = format!("{}@example.org", MARKER.to_lowercase());
    let (mut browser, user) = signed_in(&app, &address, "candidat").await;
    let witness = signed_in(&app, "temoin@example.org", "candidat").await.1;

    // The profile, with the marker in every field that takes text.
    browser.get("/espace-candidat/profil").await;
    let family = app.state.catalog.board().job_families()[0].id.0.to_string();
    let saved = browser
        .post(
            "/espace-candidat/profil",
            &[
                ("nom", &format!("Camille {MARKER}")),
                ("telephone", "06 12 34 56 78"),
                ("region", "11"),
                ("poste", &format!("Développeuse {MARKER}")),
                ("experience", "6"),
                ("disponible", "2027-01-04"),
                (
                    "linkedin",
                    &format!("https://www.linkedin.com/in/{}", MARKER.to_lowercase()),
                ),
                ("github", &format!("https://github.com/{MARKER}")),
                (
                    "portfolio",
                    &format!("https://{}.example.org/", MARKER.to_lowercase()),
                ),
                ("contrats", "freelance"),
                ("familles", &family),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The form checks the phone's digits: the marker goes in through the store.
    let mut profile = app.store.candidate(user.id).await.unwrap().unwrap().profile;
    profile.phone = Some(format!("+33 6 {MARKER}"));
    app.store
        .save_profile(user.id, &profile, now())
        .await
        .unwrap();

    // An application with a CV, the talent pool, a saved search and its alert.
    browser.get(&format!("/emploi/{OFFER}/postuler")).await;
    let cv = pdf::cv(&format!("CV de Camille {MARKER}"));
    let sent = browser
        .post_multipart(
            &format!("/emploi/{OFFER}/postuler"),
            &[("motivation", &motivation()), ("cv", "nouveau")],
            Some(("fichier", &format!("CV {MARKER}.pdf"), &cv)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    browser.get("/espace-candidat").await;
    let joined = browser
        .post("/espace-candidat/vivier", &[("action", "rejoindre")])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    browser.get("/offres-emploi").await;
    let search = browser
        .post(
            "/espace-candidat/recherches",
            &[
                ("libelle", &format!("Recherche {MARKER}")),
                ("requete", "q=rust"),
                ("frequence", "quotidienne"),
            ],
        )
        .await;
    assert_eq!(search.status, StatusCode::SEE_OTHER, "{}", search.body);
    // A recruiter of the offer's organisation notes, refuses and proposes another offer,
    // through their own pages.
    let mut recruiter = common::accounts::agent(
        &app,
        "rh@armees.gouv.fr",
        &[(app.armees.id, OrgRole::Recruiter)],
    )
    .await;
    let application = app.store.applications_of_candidate(user.id).await.unwrap()[0].clone();
    let path = format!("/recruteur/candidatures/{}", application.id);
    assert_eq!(recruiter.get(&path).await.status, StatusCode::OK);
    let noted = recruiter
        .post(
            &format!("{path}/notes"),
            &[("note", &format!("Note sur {MARKER}"))],
        )
        .await;
    assert_eq!(noted.status, StatusCode::SEE_OTHER, "{}", noted.body);
    let moved = recruiter
        .post(
            &format!("{path}/etape"),
            &[
                ("depuis", "nouvelle"),
                ("etape", "refusee"),
                ("raisons", "autre"),
                ("commentaire", &format!("Refus pour {MARKER}")),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    recruiter.get("/recruteur/candidats").await;
    let other_offer = app.offer("offre-numero-4").await;
    let proposed = recruiter
        .post(
            &format!("/recruteur/candidats/{}/proposer", user.id.0),
            &[
                ("offre", &other_offer.id.0.to_string()),
                ("retour", "/recruteur/candidats?vue=vivier"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    assert_eq!(app.store.notes(application.id).await.unwrap().len(), 1);
    let before = places(&app).await;
    for table in [
        "users",
        "candidate_profiles",
        "applications",
        "application_events",
        "application_notes",
        "audit_log",
        "cvs",
        "saved_searches",
        "outbox",
    ] {
        assert!(
            before.iter().any(|p| p.starts_with(&format!("{table}."))),
            "{table} not seeded: {before:?}"
        );
    }

    // The export: one archive with the JSON and the CV's bytes.
    let download = browser.get("/espace-candidat/donnees/export.zip").await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(
        download.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/zip"
    );
    assert_eq!(
        download.headers.get(header::CACHE_CONTROL).unwrap(),
        "no-store"
    );
    assert!(
        download
            .headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"vivier-mes-donnees-")
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(download.bytes.clone())).unwrap();
    let mut json = String::new();
    archive
        .by_name("donnees.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["format"], "vivier-donnees-candidat/1");
    assert_eq!(data["account"]["email"], address.as_str());
    assert_eq!(data["account"]["name"], format!("Camille {MARKER}"));
    assert_eq!(data["account"]["has_password"], true);
    assert!(data["account"].get("password_hash").is_none());
    assert_eq!(data["profile"]["phone"], format!("+33 6 {MARKER}"));
    assert_eq!(data["profile"]["region"]["label"], "Île-de-France");
    assert_eq!(data["profile"]["contracts"][0]["code"], "freelance");
    assert_eq!(data["talent_pool"]["member"], true);
    let applications = data["applications"].as_array().unwrap();
    assert_eq!(applications.len(), 1);
    let exported = &applications[0];
    assert_eq!(exported["motivation"], motivation());
    assert_eq!(exported["status"]["code"], "refusee");
    assert_eq!(exported["refusal_reasons"][0]["code"], "autre");
    assert_eq!(exported["refusal_comment"], format!("Refus pour {MARKER}"));
    let history = exported["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0]["by"].as_str(), history[1]["by"].as_str()),
        (Some("candidat"), Some("recruteur"))
    );
    assert!(!json.contains("Note sur"), "recruiters' notes never go out");
    assert_eq!(
        data["saved_searches"][0]["label"],
        format!("Recherche {MARKER}")
    );
    let cvs = data["cvs"].as_array().unwrap();
    assert_eq!(cvs.len(), 1);
    assert_eq!(cvs[0]["filename"], format!("CV {MARKER}.pdf"));
    let path = cvs[0]["file"].as_str().unwrap().to_owned();
    assert!(path.starts_with("cv/"), "{path}");
    let mut bytes = Vec::new();
    archive
        .by_name(&path)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    assert_eq!(bytes, cv);
    assert_eq!(archive.len(), 2);
    assert_eq!(audited(&app, "donnees.export").await.len(), 1);
    let key = app.store.cv_keys().await.unwrap();
    assert_eq!(key.len(), 1);
    let key = key[0].clone();

    // A wrong password deletes nothing.
    let page = browser.get("/espace-candidat/suppression").await;
    assert!(page.body.contains("Votre mot de passe"));
    let wrong = browser
        .post(
            "/espace-candidat/suppression",
            &[("mot_de_passe", "pas le bon mot de passe")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("Le mot de passe est incorrect"));
    assert!(app.store.user(user.id).await.unwrap().is_some());

    let deleted = browser
        .post(
            "/espace-candidat/suppression",
            &[("mot_de_passe", PASSWORD)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert!(deleted.body.contains("Votre compte est supprimé"));
    assert!(browser.session().is_none(), "the session cookie is removed");
    let after = places(&app).await;
    assert!(after.is_empty(), "personal data survived in {after:?}");
    assert!(
        app.store
            .places_holding(address.as_str())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(app.store.user(user.id).await.unwrap().is_none());
    assert!(
        app.state
            .config
            .files
            .get(&object(&key))
            .await
            .unwrap()
            .is_none(),
        "the CV file is deleted"
    );
    assert!(app.store.cv_keys().await.unwrap().is_empty());
    // Statistics keep an anonymous row.
    let offer = app.offer(OFFER).await;
    let rows = app.store.all_applications_of_offer(offer.id).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].candidate.is_none() && rows[0].motivation.is_empty());
    assert_eq!(rows[0].status, ApplicationStatus::Refused);
    // The audit log says an account went, not whose.
    let journal = audited(&app, "compte.suppression").await;
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].entry.actor, None);
    assert!(!journal[0].entry.detail.contains('@'));
    // Signed out; the witness is untouched.
    let home = browser.get("/espace-candidat").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert!(location(&home).starts_with("/connexion"));
    assert!(app.store.user(witness.id).await.unwrap().is_some());
}

#[tokio::test]
async fn an_account_without_password_is_deleted_by_typing_the_word() {
    let app = TestApp::new().await;
    let (mut browser, user) = candidate(&app, "alex@example.org").await;
    let explained = browser.get("/espace-candidat/donnees").await;
    assert_eq!(explained.status, StatusCode::OK);
    for text in ["90 jours", "2 ans", "30 jours", "Télécharger mes données"] {
        assert!(explained.body.contains(text), "{text}");
    }
    let page = browser.get("/espace-candidat/suppression").await;
    assert!(page.body.contains("Tapez SUPPRIMER"));
    for typed in ["", "supprimer", "OUI"] {
        let refused = browser
            .post("/espace-candidat/suppression", &[("confirmation", typed)])
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{typed}");
    }
    assert!(app.store.user(user.id).await.unwrap().is_some());
    // An empty archive is still a whole one.
    let download = browser.get("/espace-candidat/donnees/export.zip").await;
    let archive = zip::ZipArchive::new(std::io::Cursor::new(download.bytes.clone())).unwrap();
    assert_eq!(archive.len(), 1);
    let done = browser
        .post(
            "/espace-candidat/suppression",
            &[("confirmation", "SUPPRIMER")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(app.store.user(user.id).await.unwrap().is_none());
}

/// A CV in the file store and its row, uploaded at `now`.
async fn stored_cv(app: &TestApp, user: &User, key: &str, now: i64) -> i64 {
    app.state
        .config
        .files
        .put(&object(key), pdf::cv(key).into())
        .await
        .unwrap();
    app.store
        .add_cv(&NewCv {
            user: user.id,
            key: key.into(),
            filename: "cv.pdf".into(),
            bytes: 100,
            pages: 1,
            now,
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn retention_removes_refused_applications_after_three_months_and_expires_the_pool() {
    let app = TestApp::new().await;
    let start = now();
    let recruiter = recruiter(&app).await;
    let offer = app.offer(OFFER).await;
    let refused = candidate(&app, "refusee@example.org").await.1;
    let recent = candidate(&app, "recente@example.org").await.1;
    let mut applications = Vec::new();
    let mut first_cvs = Vec::new();
    for (user, refused_at) in [(&refused, start), (&recent, start + 60 * DAY)] {
        let key = format!("cv/premier-{}", user.id.0);
        let cv = stored_cv(&app, user, &key, start).await;
        let sent = app
            .store
            .apply(
                &NewApplication {
                    candidate: user.id,
                    target: Target::Offer(offer.id),
                    motivation: motivation(),
                    cv: Some(cv),
                    now: start,
                },
                &vivier_store::accounts::OutgoingMail {
                    list_unsubscribe: None,
                    to: user.email.clone(),
                    subject: "Reçue".into(),
                    text: "t".into(),
                    html: "h".into(),
                },
            )
            .await
            .unwrap();
        // A newer CV replaces the first in the profile: only the application keeps it.
        stored_cv(&app, user, &format!("cv/second-{}", user.id.0), start + DAY).await;
        app.store
            .move_application(
                sent.id,
                &refusal("Le poste est pourvu."),
                Some(recruiter.id),
                refused_at,
                None,
            )
            .await
            .unwrap();
        applications.push(sent.id);
        first_cvs.push(key);
    }

    // Pool members: one asleep, one who comes back after the warning, one found late.
    let asleep = candidate(&app, "endormie@example.org").await.1;
    let back = candidate(&app, "revenue@example.org").await.1;
    let late = candidate(&app, "tardive@example.org").await.1;
    for user in [&asleep, &back] {
        app.store.set_pool(user.id, true, start).await.unwrap();
    }
    app.store
        .set_pool(late.id, true, start - 800 * DAY)
        .await
        .unwrap();
    new_mails(app.store.as_ref()).await;

    // Two months on: nothing is old enough yet (the late member is warned).
    let run = run_retention(&app.state, start + 60 * DAY).await.unwrap();
    assert_eq!(
        run,
        RetentionRun {
            warned: 1,
            mails: 0,
            ..RetentionRun::default()
        }
    );
    // Three months after the first refusal: its personal data and unused CV go.
    let run = run_retention(&app.state, start + 91 * DAY).await.unwrap();
    assert_eq!((run.applications, run.cv_files), (1, 1));
    let gone = app
        .store
        .application(applications[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (gone.candidate, gone.motivation.as_str(), gone.cv),
        (None, "", None)
    );
    assert_eq!(gone.status, ApplicationStatus::Refused);
    let kept = app
        .store
        .application(applications[1])
        .await
        .unwrap()
        .unwrap();
    assert!(kept.candidate.is_some() && kept.cv.is_some());
    let files = &app.state.config.files;
    assert!(files.get(&object(&first_cvs[0])).await.unwrap().is_none());
    assert!(files.get(&object(&first_cvs[1])).await.unwrap().is_some());
    assert!(
        files
            .get(&object(&format!("cv/second-{}", refused.id.0)))
            .await
            .unwrap()
            .is_some(),
        "the profile's CV stays"
    );
    // The late member was warned 31 days ago: out now, with a mail.
    assert_eq!(run.expired, 1);
    let late_now = app.store.candidate(late.id).await.unwrap().unwrap();
    assert_eq!(late_now.pool_since, None);
    let mails = new_mails(app.store.as_ref()).await;
    let subjects: Vec<_> = mails
        .iter()
        .map(|m| (m.to.as_str().to_owned(), m.subject.clone()))
        .collect();
    assert!(
        subjects
            .iter()
            .any(|(to, subject)| to == "tardive@example.org"
                && subject.starts_with("Votre profil quittera le vivier des talents le"))
    );
    assert!(subjects.contains(&(
        "tardive@example.org".to_owned(),
        "Votre profil a quitté le vivier des talents".to_owned()
    )));

    // 700 days: the others are 30 days from the end but not yet past it.
    let run = run_retention(&app.state, start + 700 * DAY).await.unwrap();
    assert_eq!((run.warned, run.expired), (0, 0));
    let run = run_retention(&app.state, start + 701 * DAY).await.unwrap();
    assert_eq!((run.warned, run.expired), (2, 0));
    let warnings = new_mails(app.store.as_ref()).await;
    assert_eq!(warnings.len(), 2);
    // Warned on day 701, they get the full 30 days' notice: out from day 731.
    let expected_end = vivier_web::format::date_long(paris_date(start + 731 * DAY));
    assert!(
        warnings.iter().all(|m| m.subject
            == format!("Votre profil quittera le vivier des talents le {expected_end}")),
        "{:?}",
        warnings.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(warnings[0].text.contains("Rester dans le vivier"));
    assert!(
        warnings[0]
            .text
            .contains("https://vivier.example.gouv.fr/espace-candidat#vivier")
    );
    // Warned once only.
    let run = run_retention(&app.state, start + 702 * DAY).await.unwrap();
    assert_eq!(run.warned, 0);
    // One comes back (any activity counts: here the pool's "stay" button's effect).
    app.store
        .touch_candidate(back.id, start + 710 * DAY)
        .await
        .unwrap();
    let run = run_retention(&app.state, start + 731 * DAY).await.unwrap();
    assert_eq!(run.expired, 1);
    let asleep_now = app.store.candidate(asleep.id).await.unwrap().unwrap();
    assert_eq!(asleep_now.pool_since, None);
    let back_now = app.store.candidate(back.id).await.unwrap().unwrap();
    assert!(back_now.pool_since.is_some());
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to.as_str(), "endormie@example.org");
    assert!(mails[0].text.contains("depuis 2 ans"));
}

#[tokio::test]
async fn retention_empties_the_outbox_of_mails_sent_a_month_ago() {
    let app = TestApp::new().await;
    let user = candidate(&app, "alex@example.org").await.1;
    for subject in ["envoyé", "en attente"] {
        app.store
            .enqueue_mail(&vivier_store::accounts::OutgoingMail {
                list_unsubscribe: None,
                to: user.email.clone(),
                subject: subject.into(),
                text: "t".into(),
                html: "h".into(),
            })
            .await
            .unwrap();
    }
    let now = now();
    let claimed = app.store.claim_mail(now, 60, 1).await.unwrap();
    app.store
        .record_delivery(claimed[0].id, &Delivery::Sent)
        .await
        .unwrap();
    let run = run_retention(&app.state, now + 29 * DAY).await.unwrap();
    assert_eq!(run.mails, 0);
    let run = run_retention(&app.state, now + 31 * DAY).await.unwrap();
    assert_eq!(run.mails, 1);
    let counts = app.store.outbox_counts().await.unwrap();
    assert_eq!((counts.waiting, counts.sent), (1, 0));
}

/// The date in Paris of a Unix time.
fn paris_date(unix: i64) -> time::Date {
    let at = jiff::Timestamp::from_second(unix).unwrap();
    let date = at
        .to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap())
        .date();
    time::Date::from_calendar_date(
        date.year().into(),
        time::Month::try_from(date.month() as u8).unwrap(),
        date.day() as u8,
    )
    .unwrap()
}

#[tokio::test]
async fn signing_in_keeps_a_warned_member_in_the_pool() {
    let app = TestApp::new().await;
    let email = "camille@example.org";
    let (mut browser, user) = signed_in(&app, email, "candidat").await;
    let start = now();
    app.store
        .set_pool(user.id, true, start - 710 * DAY)
        .await
        .unwrap();
    let run = run_retention(&app.state, start).await.unwrap();
    assert_eq!(run.warned, 1);
    let home = browser.get("/espace-candidat").await;
    assert!(home.body.contains("prend bientôt fin"), "{}", home.body);
    // Signing in again (a new session) is activity.
    browser.get("/deconnexion").await;
    browser.post("/deconnexion", &[]).await;
    let answer = common::accounts::sign_in(&mut browser, email, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let back = app.store.candidate(user.id).await.unwrap().unwrap();
    assert_eq!(back.pool_warned_at, None);
    assert!(back.last_active_at >= start);
    let run = run_retention(&app.state, start + 31 * DAY).await.unwrap();
    assert_eq!((run.warned, run.expired), (0, 0));
    let still = app.store.candidate(user.id).await.unwrap().unwrap();
    assert!(still.pool_since.is_some());
}

#[tokio::test]
async fn orphan_cv_files_are_deleted_after_two_sweeps_and_named_ones_never() {
    use vivier_files::objects::{FileStore, KeyPrefix, LocalStore, ObjectKey};
    let app = TestApp::new().await;
    let user = candidate(&app, "alex@example.org").await.1;
    let dir = tempfile::tempdir().unwrap();
    let files = LocalStore::new(dir.path().to_owned());
    let put = async |key: &ObjectKey| {
        files.put(key, pdf::cv(key.as_str()).into()).await.unwrap();
    };
    let named = ObjectKey::random("cv").unwrap();
    put(&named).await;
    app.store
        .add_cv(&NewCv {
            user: user.id,
            key: named.as_str().to_owned(),
            filename: "cv.pdf".into(),
            bytes: 100,
            pages: 1,
            now: now(),
        })
        .await
        .unwrap();
    let orphan = ObjectKey::random("cv").unwrap();
    put(&orphan).await;
    let elsewhere = ObjectKey::parse("autre/fichier").unwrap();
    put(&elsewhere).await;

    let sweep = vivier_web::jobs::OrphanSweep::new();
    // The first sweep only notes the orphan: it may be an upload whose row is on its way.
    assert_eq!(sweep.run(app.store.as_ref(), &files).await.unwrap(), 0);
    let late = ObjectKey::random("cv").unwrap();
    put(&late).await;
    assert_eq!(sweep.run(app.store.as_ref(), &files).await.unwrap(), 1);
    let left = files.keys(&KeyPrefix::all()).await.unwrap();
    let mut expected = vec![elsewhere.clone(), late.clone(), named.clone()];
    expected.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    assert_eq!(left, expected);
    assert_eq!(sweep.run(app.store.as_ref(), &files).await.unwrap(), 1);
    assert!(files.get(&late).await.unwrap().is_none());
    assert!(files.get(&named).await.unwrap().is_some());
    assert!(
        files.get(&elsewhere).await.unwrap().is_some(),
        "only under cv/"
    );
}
