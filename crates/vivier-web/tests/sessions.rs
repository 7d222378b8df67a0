//! Sessions and forms under attack: forged and cross-site forms, stolen, tampered and idle
//! session cookies, disabled accounts, signing out everywhere, password guessing.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::accounts::{PASSWORD, confirmed_account, sign_in};
use common::browser::Browser;
use vivier_domain::Email;
use vivier_store::accounts::UserChange;

#[tokio::test]
async fn forged_forms_are_refused_and_logged() {
    let app = TestApp::new().await;
    confirmed_account(&app, "cible@exemple.fr", "candidat").await;
    let fields = [
        ("email", "cible@exemple.fr"),
        ("mot_de_passe", PASSWORD),
        ("suite", ""),
    ];

    // No cookie at all (another site's form, or cookies off).
    let mut attacker = Browser::new(&app.router);
    let no_cookie = attacker.post_raw("/connexion", &fields).await;
    assert_eq!(no_cookie.status, StatusCode::FORBIDDEN);
    assert!(no_cookie.body.contains("cookie de sécurité"));

    // A cookie, but a token made for another browser.
    let mut victim = Browser::new(&app.router);
    victim.get("/connexion").await;
    let mut other = Browser::new(&app.router);
    other.get("/connexion").await;
    other.csrf = victim.csrf.clone();
    let foreign = other.post("/connexion", &fields).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(foreign.body.contains("Rechargez la page"));
    let missing = other.post_raw("/connexion", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(other.session().is_none());

    // The right token, sent cross-site (a browser says so).
    victim.get("/connexion").await;
    let body = serde_urlencoded::to_string([
        ("csrf", victim.csrf.clone().unwrap().as_str()),
        ("email", "cible@exemple.fr"),
        ("mot_de_passe", PASSWORD),
        ("suite", ""),
    ])
    .unwrap();
    let cookies = victim
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let cross_site = victim
        .send(
            axum::http::Request::post("/connexion")
                .header("cookie", cookies)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "cross-site")
                .body(axum::body::Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert!(victim.session().is_none());

    // The same form from Vivier's page signs in; a token only works with its session.
    let ok = victim.post("/connexion", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let stale = victim.post_raw("/deconnexion", &[("csrf", "")]).await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);

    let journal = app.store.audit_log(None, 50).await.unwrap();
    let csrf_denials = journal.iter().filter(|r| r.entry.action == "csrf").count();
    assert_eq!(csrf_denials, 5, "{journal:#?}");
}

#[tokio::test]
async fn sessions_end_when_idle_disabled_or_tampered_and_start_anew_at_each_sign_in() {
    let app = TestApp::new().await;
    let mut agent = confirmed_account(&app, "agent@exemple.fr", "agent").await;
    sign_in(&mut agent, "agent@exemple.fr", PASSWORD).await;
    let first = agent.session().cloned().expect("a session");
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::OK);

    // A new session at each sign-in: the old token no longer works.
    agent.fill("/deconnexion", "/deconnexion", &[]).await;
    sign_in(&mut agent, "agent@exemple.fr", PASSWORD).await;
    let second = agent.session().cloned().expect("a session");
    assert_ne!(first, second);
    let mut thief = Browser::new(&app.router);
    thief
        .cookies
        .insert("__Host-vivier-session".into(), first.clone());
    assert_eq!(thief.get("/recruteur").await.status, StatusCode::SEE_OTHER);
    assert!(thief.session().is_none(), "the dead cookie is removed");

    // A tampered cookie is a visitor.
    let mut tampered = Browser::new(&app.router);
    let mut forged = second.clone();
    forged.replace_range(0..1, if forged.starts_with('A') { "B" } else { "A" });
    tampered
        .cookies
        .insert("__Host-vivier-session".into(), forged);
    assert_eq!(
        tampered.get("/recruteur").await.status,
        StatusCode::SEE_OTHER
    );
    tampered.cookies.insert(
        "__Host-vivier-session".into(),
        "'; DROP TABLE sessions; --".into(),
    );
    assert_eq!(
        tampered.get("/recruteur").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::OK);

    // 31 minutes without activity end an agent's session.
    let hash = vivier_web::auth::tokens::hash(&second);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    app.store.touch_session(&hash, now - 31 * 60).await.unwrap();
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::SEE_OTHER);
    assert!(app.store.session(&hash).await.unwrap().is_none(), "deleted");

    // Disabling the account ends its sessions.
    sign_in(&mut agent, "agent@exemple.fr", PASSWORD).await;
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::OK);
    let user = app
        .store
        .user_by_email(&Email::parse("agent@exemple.fr").unwrap())
        .await
        .unwrap()
        .unwrap();
    app.store
        .update_user(user.id, &UserChange::Disabled(true))
        .await
        .unwrap();
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::SEE_OTHER);
    let refused = sign_in(&mut agent, "agent@exemple.fr", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn signing_out_everywhere_and_changing_password_end_other_sessions() {
    let app = TestApp::new().await;
    let mut laptop = confirmed_account(&app, "camille@exemple.fr", "candidat").await;
    sign_in(&mut laptop, "camille@exemple.fr", PASSWORD).await;
    let mut phone = Browser::new(&app.router);
    sign_in(&mut phone, "camille@exemple.fr", PASSWORD).await;
    assert_eq!(phone.get("/compte").await.status, StatusCode::OK);

    let wrong = laptop
        .fill(
            "/compte",
            "/compte/mot-de-passe",
            &[
                ("actuel", "pas le bon"),
                ("nouveau", "une nouvelle phrase solide"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Le mot de passe actuel est incorrect."));
    let before = laptop.session().cloned();
    let changed = laptop
        .fill(
            "/compte",
            "/compte/mot-de-passe",
            &[
                ("actuel", PASSWORD),
                ("nouveau", "une nouvelle phrase solide"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert_ne!(laptop.session().cloned(), before, "a new session id");
    assert_eq!(laptop.get("/compte").await.status, StatusCode::OK);
    assert_eq!(phone.get("/compte").await.status, StatusCode::SEE_OTHER);

    sign_in(
        &mut phone,
        "camille@exemple.fr",
        "une nouvelle phrase solide",
    )
    .await;
    let everywhere = laptop
        .fill("/compte", "/compte/deconnexion-partout", &[])
        .await;
    assert_eq!(everywhere.status, StatusCode::OK);
    assert!(everywhere.body.contains("2 sessions fermées"));
    assert_eq!(laptop.get("/compte").await.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/compte").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn guessing_a_password_is_slowed_down_with_429_and_retry_after() {
    let app = TestApp::new().await;
    confirmed_account(&app, "cible@exemple.fr", "candidat").await;
    let mut attacker = Browser::new(&app.router);
    let mut statuses = Vec::new();
    for attempt in 0..12 {
        let answer = sign_in(
            &mut attacker,
            "cible@exemple.fr",
            &format!("essai numéro {attempt}"),
        )
        .await;
        statuses.push(answer.status);
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            let retry: u64 = answer.headers["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=900).contains(&retry), "{retry}");
            assert!(answer.body.contains("Trop de tentatives"));
        }
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count(),
        10
    );
    assert_eq!(statuses[10..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    // Even the right password waits: the account's window is full.
    let right = sign_in(&mut attacker, "cible@exemple.fr", PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // Another account is not blocked.
    confirmed_account(&app, "autre@exemple.fr", "candidat").await;
    let other = sign_in(&mut attacker, "autre@exemple.fr", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
}
