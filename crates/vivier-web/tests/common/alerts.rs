//! Saved searches and alerts in tests: a signed-in candidate, a search saved in the store, the
//! times of the alert job and the unsubscribe link of its mails.

use time::OffsetDateTime;
use vivier_domain::Email;
use vivier_domain::account::AccountKind;
use vivier_domain::candidate::AlertFrequency;
use vivier_store::accounts::{NewSession, NewUser, OutgoingMail, User};
use vivier_store::candidates::NewSavedSearch;

use super::TestApp;
use super::browser::Browser;

/// A candidate account made in the store, and a browser signed in as them.
pub async fn candidate(app: &TestApp, email: &str) -> (Browser, User) {
    let user = app
        .store
        .create_user(&NewUser {
            email: Email::parse(email).unwrap(),
            display_name: "Camille Durand".into(),
            kind: AccountKind::Candidate,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap();
    let token = vivier_web::auth::tokens::random();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    app.store
        .create_session(&NewSession {
            token_hash: vivier_web::auth::tokens::hash(&token),
            user: user.id,
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
    (browser, user)
}

/// Saves a search straight in the store.
pub async fn saved(
    app: &TestApp,
    user: &User,
    label: &str,
    query: &str,
    frequency: AlertFrequency,
    now: i64,
) -> i64 {
    app.store
        .save_search(&NewSavedSearch {
            user: user.id,
            label: label.into(),
            query: query.into(),
            frequency,
            now,
        })
        .await
        .unwrap()
        .id
}

/// Unix seconds of a Paris wall-clock time in November (UTC+1).
pub fn paris(at: time::PrimitiveDateTime) -> i64 {
    at.assume_offset(time::macros::offset!(+1)).unix_timestamp()
}

/// The path and query of the unsubscribe link of a mail.
pub fn unsubscribe_link(mail: &OutgoingMail) -> String {
    let line = mail
        .text
        .lines()
        .find_map(|l| l.strip_prefix("Se désabonner de cette alerte : "))
        .unwrap();
    line.trim_start_matches("https://vivier.example.gouv.fr")
        .to_owned()
}
