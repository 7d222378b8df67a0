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
