//! Accounts, as a person uses them: signing up with a confirmed address, signing in and out,
//! a forgotten password, a new address; and what attackers try first: guessing which
//! addresses have accounts, replaying links, hostile input.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::accounts::{PASSWORD, confirmed_account, location, sign_in};
use common::browser::{Browser, link_token};
use common::{TestApp, new_mails};
use vivier_domain::Email;
use vivier_store::accounts::UserChange;

#[tokio::test]
async fn candidate_signs_up_confirms_signs_in_and_out() {
    let app = TestApp::new().await;
    let mut browser = Browser::new(&app.router);
    let form = browser.get("/inscription").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Créer un compte"));
    assert_eq!(form.headers["cache-control"], "no-store");
    let csrf_cookie = form.headers["set-cookie"].to_str().unwrap();
    assert!(
        csrf_cookie.starts_with("__Host-vivier-csrf="),
        "{csrf_cookie}"
    );
    for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(csrf_cookie.contains(attribute), "{csrf_cookie}");
    }

    let sent = browser
        .post(
            "/inscription",
            &[
                ("profil", "candidat"),
                ("nom", "Camille Durand"),
                ("email", "Camille.Durand@Exemple.fr"),
                ("mot_de_passe", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.body.contains("Vérifiez votre messagerie"));
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to.as_str(), "Camille.Durand@exemple.fr");
    assert_eq!(mails[0].subject, "Confirmez votre adresse électronique");
    assert!(mails[0].html.contains("Confirmer mon adresse"));
    let stored = app
        .store
        .user_by_email(&Email::parse("camille.durand@exemple.fr").unwrap())
        .await
        .unwrap()
        .expect("created");
    assert!(!stored.email_verified);
    assert!(
        stored
            .password_hash
            .as_deref()
            .unwrap()
            .starts_with("$argon2id$"),
        "never the password itself"
    );

    // Not confirmed yet: the right password gets a new link, not a session.
    let early = sign_in(&mut browser, "camille.durand@exemple.fr", PASSWORD).await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert!(early.body.contains("pas encore confirmée"));
    assert!(browser.session().is_none());
    let again = new_mails(app.store.as_ref()).await;
    assert_eq!(again.len(), 1, "a new link");
    let token = link_token(&again[0].text);
    assert_ne!(token, link_token(&mails[0].text));

    // Following the link shows a button; nothing changes until it is pressed.
    let page = browser
        .get(&format!("/inscription/confirmation?jeton={token}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Confirmer mon adresse"));
    let old = browser
        .post(
            "/inscription/confirmation",
            &[("jeton", &link_token(&mails[0].text))],
        )
        .await;
    assert_eq!(
        old.status,
        StatusCode::BAD_REQUEST,
        "the first link was replaced"
    );
    let confirmed = browser
        .post("/inscription/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert!(confirmed.body.contains("Adresse confirmée"));
    let replayed = browser
        .post("/inscription/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(replayed.status, StatusCode::BAD_REQUEST);
    assert!(replayed.body.contains("n’est pas valable"));

    let signed_in = sign_in(&mut browser, "camille.durand@exemple.fr", PASSWORD).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    assert_eq!(location(&signed_in), "/espace-candidat");
    let cookie = signed_in.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-vivier-session="), "{cookie}");
    for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    let home = browser.get("/espace-candidat").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Bonjour Camille Durand"));
    assert_eq!(home.headers["cache-control"], "no-store");
    assert_eq!(
        location(&browser.get("/connexion").await),
        "/espace-candidat"
    );

    let bye = browser.fill("/deconnexion", "/deconnexion", &[]).await;
    assert_eq!(bye.status, StatusCode::OK);
    assert!(bye.body.contains("Vous êtes déconnecté·e"));
    assert!(browser.session().is_none(), "the cookie is removed");
    let after = browser.get("/espace-candidat").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&after), "/connexion?suite=%2Fespace-candidat");
}

#[tokio::test]
async fn answers_do_not_tell_which_addresses_have_an_account() {
    let app = TestApp::new().await;
    confirmed_account(&app, "inscrite@exemple.fr", "candidat").await;

    // Signing up again with a taken address answers like a new one; the owner is told by mail.
    let mut stranger = Browser::new(&app.router);
    let fields = |email| {
        [
            ("profil", "candidat"),
            ("nom", "Quelqu’un"),
            ("email", email),
            ("mot_de_passe", "autre phrase de passe assez longue"),
        ]
    };
    let taken = stranger
        .fill(
            "/inscription",
            "/inscription",
            &fields("inscrite@exemple.fr"),
        )
        .await;
    let fresh = stranger
        .fill(
            "/inscription",
            "/inscription",
            &fields("nouvelle@exemple.fr"),
        )
        .await;
    assert_eq!(taken.status, fresh.status);
    assert_eq!(
        taken.body.replace("inscrite@exemple.fr", "X"),
        fresh.body.replace("nouvelle@exemple.fr", "X")
    );
    let mails = new_mails(app.store.as_ref()).await;
    let subjects: Vec<_> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Vous avez déjà un compte sur Vivier",
            "Confirmez votre adresse électronique"
        ]
    );

    // Wrong password and unknown account: the same answer.
    let wrong = sign_in(
        &mut stranger,
        "inscrite@exemple.fr",
        "pas le bon mot de passe",
    )
    .await;
    let unknown = sign_in(
        &mut stranger,
        "personne@exemple.fr",
        "pas le bon mot de passe",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status, unknown.status);
    assert!(
        wrong
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );
    assert_eq!(
        wrong.body.replace("inscrite@exemple.fr", "X"),
        unknown.body.replace("personne@exemple.fr", "X")
    );

    // A reset link is "sent if the account exists".
    let known = stranger
        .fill(
            "/mot-de-passe-oublie",
            "/mot-de-passe-oublie",
            &[("email", "inscrite@exemple.fr")],
        )
        .await;
    let nobody = stranger
        .fill(
            "/mot-de-passe-oublie",
            "/mot-de-passe-oublie",
            &[("email", "personne@exemple.fr")],
        )
        .await;
    assert_eq!(known.status, nobody.status);
    assert_eq!(
        known.body.replace("inscrite@exemple.fr", "X"),
        nobody.body.replace("personne@exemple.fr", "X")
    );
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to.as_str(), "inscrite@exemple.fr");
}

#[tokio::test]
async fn a_reset_link_works_once_sets_the_password_and_ends_every_session() {
    let app = TestApp::new().await;
    let mut laptop = confirmed_account(&app, "agent@exemple.fr", "agent").await;
    assert_eq!(
        sign_in(&mut laptop, "agent@exemple.fr", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(laptop.get("/compte").await.status, StatusCode::OK);

    let mut phone = Browser::new(&app.router);
    phone
        .fill(
            "/mot-de-passe-oublie",
            "/mot-de-passe-oublie",
            &[("email", "AGENT@exemple.fr")],
        )
        .await;
    let mail = new_mails(app.store.as_ref())
        .await
        .pop()
        .expect("a reset mail");
    assert_eq!(mail.subject, "Choisissez un nouveau mot de passe");
    let token = link_token(&mail.text);
    let form = phone
        .get(&format!("/mot-de-passe-oublie/nouveau?jeton={token}"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let weak = phone
        .post(
            "/mot-de-passe-oublie/nouveau",
            &[("jeton", &token), ("mot_de_passe", "azertyuiop123")],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("trop courant"));
    let done = phone
        .post(
            "/mot-de-passe-oublie/nouveau",
            &[
                ("jeton", &token),
                ("mot_de_passe", "nouvelle phrase bien plus longue"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Mot de passe changé"));
    let again = phone
        .post(
            "/mot-de-passe-oublie/nouveau",
            &[
                ("jeton", &token),
                ("mot_de_passe", "encore une autre phrase longue"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "single use");

    let laptop_after = laptop.get("/compte").await;
    assert_eq!(
        laptop_after.status,
        StatusCode::SEE_OTHER,
        "the session ended"
    );
    assert!(laptop.session().is_none(), "the stale cookie is removed");
    assert_eq!(
        sign_in(&mut phone, "agent@exemple.fr", PASSWORD)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let signed_in = sign_in(
        &mut phone,
        "agent@exemple.fr",
        "nouvelle phrase bien plus longue",
    )
    .await;
    assert_eq!(location(&signed_in), "/recruteur");
    let journal = app.store.audit_log(None, 50).await.unwrap();
    assert!(
        journal
            .iter()
            .any(|r| r.entry.action == "mot-de-passe.reinitialisation")
    );
}

#[tokio::test]
async fn bad_sign_up_input_is_refused_next_to_the_field_and_nothing_is_created() {
    let app = TestApp::new().await;
    let mut browser = Browser::new(&app.router);
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[
                ("profil", "candidat"),
                ("nom", "Camille"),
                ("email", "camille@exemple.fr"),
                ("mot_de_passe", "court"),
            ],
            "au moins 12 caractères",
        ),
        (
            &[
                ("profil", "candidat"),
                ("nom", "Camille"),
                ("email", "camille@exemple.fr"),
                ("mot_de_passe", "password1234"),
            ],
            "trop courant",
        ),
        (
            &[
                ("profil", "candidat"),
                ("nom", "Camille Durand"),
                ("email", "camille.durand@exemple.fr"),
                ("mot_de_passe", "camille.durand2026"),
            ],
            "trop courant",
        ),
        (
            &[
                ("profil", "candidat"),
                ("nom", "Camille"),
                ("email", "pas-une-adresse"),
                ("mot_de_passe", PASSWORD),
            ],
            "adresse électronique valide",
        ),
        (
            &[
                ("profil", "administrateur"),
                ("nom", "Camille"),
                ("email", "camille@exemple.fr"),
                ("mot_de_passe", PASSWORD),
            ],
            "candidat·e ou agent·e",
        ),
        (
            &[
                ("profil", "candidat"),
                ("nom", ""),
                ("email", "camille@exemple.fr"),
                ("mot_de_passe", PASSWORD),
            ],
            "prénom et votre nom",
        ),
    ];
    for (fields, message) in cases {
        let answer = browser.fill("/inscription", "/inscription", fields).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(answer.body.contains(message), "{message}: {}", answer.body);
        assert!(
            answer.body.contains("fr-input-group--error")
                || answer.body.contains("fr-fieldset--error")
        );
        assert!(answer.body.contains("Le formulaire contient des erreurs"));
    }
    let unknown_field = browser
        .fill(
            "/inscription",
            "/inscription",
            &[
                ("profil", "candidat"),
                ("nom", "C"),
                ("email", "c@exemple.fr"),
                ("mot_de_passe", PASSWORD),
                ("is_admin", "1"),
            ],
        )
        .await;
    assert_eq!(unknown_field.status, StatusCode::BAD_REQUEST);
    let empty = browser.fill("/inscription", "/inscription", &[]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.body.contains("incomplet"));
    let long_password = "x".repeat(129);
    let too_long = browser
        .fill(
            "/inscription",
            "/inscription",
            &[
                ("profil", "candidat"),
                ("nom", "C"),
                ("email", "c@exemple.fr"),
                ("mot_de_passe", &long_password),
            ],
        )
        .await;
    assert!(too_long.body.contains("128 caractères"));
    assert!(new_mails(app.store.as_ref()).await.is_empty());
    assert!(
        app.store
            .user_by_email(&Email::parse("camille@exemple.fr").unwrap())
            .await
            .unwrap()
            .is_none()
    );

    // Hostile text is stored as typed and shown escaped.
    let hostile = "<script>alert(1)</script>'; DROP TABLE users; --";
    let mut other = confirmed_account(&app, "hostile@exemple.fr", "candidat").await;
    app.store
        .update_user(
            app.store
                .user_by_email(&Email::parse("hostile@exemple.fr").unwrap())
                .await
                .unwrap()
                .unwrap()
                .id,
            &UserChange::DisplayName(hostile.into()),
        )
        .await
        .unwrap();
    sign_in(&mut other, "hostile@exemple.fr", PASSWORD).await;
    let page = other.get("/compte").await;
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(page.body.contains("&#60;script&#62;alert(1)"));
}

#[tokio::test]
async fn a_new_address_is_confirmed_before_it_replaces_the_old_one() {
    let app = TestApp::new().await;
    let mut browser = confirmed_account(&app, "ancienne@exemple.fr", "candidat").await;
    confirmed_account(&app, "prise@exemple.fr", "candidat").await;
    sign_in(&mut browser, "ancienne@exemple.fr", PASSWORD).await;
    // The current password is asked again: a wrong one changes nothing and sends nothing.
    let refused = browser
        .fill(
            "/compte",
            "/compte/adresse",
            &[
                ("email", "nouvelle@exemple.fr"),
                ("mot_de_passe", "pas le bon mot de passe"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(new_mails(app.store.as_ref()).await.is_empty());
    let asked = browser
        .fill(
            "/compte",
            "/compte/adresse",
            &[("email", "nouvelle@exemple.fr"), ("mot_de_passe", PASSWORD)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 2);
    let confirm = mails
        .iter()
        .find(|m| m.to.as_str() == "nouvelle@exemple.fr")
        .unwrap();
    let notice = mails
        .iter()
        .find(|m| m.to.as_str() == "ancienne@exemple.fr")
        .unwrap();
    assert!(notice.text.contains("Un changement de l’adresse"));
    assert!(
        !notice.text.contains("jeton="),
        "the old address gets no link"
    );
    let page = browser.get("/compte").await;
    assert!(page.body.contains("ancienne@exemple.fr"), "not changed yet");

    let token = link_token(&confirm.text);
    browser
        .get(&format!("/compte/adresse/confirmation?jeton={token}"))
        .await;
    let done = browser
        .post("/compte/adresse/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("nouvelle@exemple.fr"));
    assert!(
        browser
            .get("/compte")
            .await
            .body
            .contains("nouvelle@exemple.fr")
    );

    // A taken address is refused when its link is followed, not before.
    browser
        .fill(
            "/compte",
            "/compte/adresse",
            &[("email", "prise@exemple.fr"), ("mot_de_passe", PASSWORD)],
        )
        .await;
    let mails = new_mails(app.store.as_ref()).await;
    let token = link_token(
        &mails
            .iter()
            .find(|m| m.to.as_str() == "prise@exemple.fr")
            .unwrap()
            .text,
    );
    browser
        .get(&format!("/compte/adresse/confirmation?jeton={token}"))
        .await;
    let taken = browser
        .post("/compte/adresse/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(taken.status, StatusCode::BAD_REQUEST);
    assert!(taken.body.contains("déjà celle d’un autre compte"));
}
