//! Saved searches and alerts in tests: a search saved in the store, the times of the alert job
//! and the unsubscribe link of its mails.

use vivier_domain::candidate::AlertFrequency;
use vivier_store::accounts::{OutgoingMail, User};
use vivier_store::candidates::NewSavedSearch;

use super::TestApp;

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
