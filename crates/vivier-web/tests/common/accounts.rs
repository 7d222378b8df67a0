//! Accounts for the tests: a confirmed account, signing in, where an answer redirects.

#![allow(dead_code, clippy::unwrap_used)]

use axum::http::StatusCode;

use super::browser::{Browser, link_token};
use super::{TestApp, new_mails};

pub const PASSWORD: &str = "girafe violette sous la pluie";

/// Signs up and confirms the address; gives the browser (signed out).
pub async fn confirmed_account(app: &TestApp, email: &str, profile: &str) -> Browser {
    let mut browser = Browser::new(&app.router);
    let sent = browser
        .fill(
            "/inscription",
            "/inscription",
            &[
                ("profil", profile),
                ("nom", "Camille Durand"),
                ("email", email),
                ("mot_de_passe", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let mail = new_mails(app.store.as_ref()).await.pop().expect("a mail");
    let token = link_token(&mail.text);
    browser
        .get(&format!("/inscription/confirmation?jeton={token}"))
        .await;
    let confirmed = browser
        .post("/inscription/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    browser
}

pub async fn sign_in(browser: &mut Browser, email: &str, password: &str) -> super::Answer {
    browser
        .fill(
            "/connexion",
            "/connexion",
            &[("email", email), ("mot_de_passe", password), ("suite", "")],
        )
        .await
}

pub fn location(answer: &super::Answer) -> &str {
    answer
        .headers
        .get("location")
        .map_or("", |v| v.to_str().unwrap())
}

/// A browser signed in as a new agent with these memberships, made in the store (no mail, no
/// password: quick enough for tests that need many accounts).
pub async fn agent(
    app: &TestApp,
    email: &str,
    memberships: &[(
        vivier_domain::OrganisationId,
        vivier_domain::account::OrgRole,
    )],
) -> Browser {
    use vivier_store::accounts::{NewUser, UserChange};
    let user = app
        .store
        .create_user(&NewUser {
            email: vivier_domain::Email::parse(email).unwrap(),
            display_name: "Dominique Martin".into(),
            kind: vivier_domain::account::AccountKind::Agent,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap();
    for &(organisation, role) in memberships {
        let membership = vivier_domain::account::Membership { organisation, role };
        app.store
            .update_user(user.id, &UserChange::Membership(membership, true))
            .await
            .unwrap();
    }
    session_for(app, user.id).await
}

/// A browser holding a new session of `user`, opened in the store.
pub async fn session_for(app: &TestApp, user: vivier_domain::UserId) -> Browser {
    let token = vivier_web::auth::tokens::random();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    app.store
        .create_session(&vivier_store::accounts::NewSession {
            token_hash: vivier_web::auth::tokens::hash(&token),
            user,
            now,
            expires_at: now + 3_600,
            ip: "127.0.0.1".into(),
            user_agent: "test".into(),
        })
        .await
        .unwrap();
    let mut browser = Browser::new(&app.router);
    browser
        .cookies
        .insert("__Host-vivier-session".into(), token);
    browser
}

/// A candidate without a password (as one who signs in through an identity provider), made in
/// the store, and a browser signed in as them.
pub async fn candidate(app: &TestApp, email: &str) -> (Browser, vivier_store::accounts::User) {
    let user = app
        .store
        .create_user(&vivier_store::accounts::NewUser {
            email: vivier_domain::Email::parse(email).unwrap(),
            display_name: "Camille Durand".into(),
            kind: vivier_domain::account::AccountKind::Candidate,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap();
    (session_for(app, user.id).await, user)
}

/// Signs up, confirms and signs in an account of `profile`; gives its browser and account.
pub async fn signed_in(
    app: &TestApp,
    email: &str,
    profile: &str,
) -> (Browser, vivier_store::accounts::User) {
    let mut browser = confirmed_account(app, email, profile).await;
    let answer = sign_in(&mut browser, email, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let user = app
        .store
        .user_by_email(&vivier_domain::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    (browser, user)
}

/// Gives `user` a role in `organisation` (straight in the store).
pub async fn grant(
    app: &TestApp,
    user: vivier_domain::UserId,
    organisation: vivier_domain::OrganisationId,
    role: vivier_domain::account::OrgRole,
) {
    use vivier_store::accounts::UserChange;
    app.store
        .update_user(
            user,
            &UserChange::Membership(
                vivier_domain::account::Membership { organisation, role },
                true,
            ),
        )
        .await
        .unwrap();
}

/// A signed-in administrator of Vivier (made one in the store: sessions read the account at
/// each request).
pub async fn signed_in_admin(
    app: &TestApp,
    email: &str,
) -> (Browser, vivier_store::accounts::User) {
    let (browser, user) = signed_in(app, email, "agent").await;
    app.store
        .update_user(user.id, &vivier_store::accounts::UserChange::Admin(true))
        .await
        .unwrap();
    let user = app.store.user(user.id).await.unwrap().unwrap();
    (browser, user)
}

/// The audit lines of `action`, most recent first.
pub async fn audited(app: &TestApp, action: &str) -> Vec<vivier_store::accounts::AuditRecord> {
    app.store
        .audit_log(None, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.entry.action == action)
        .collect()
}
