//! The unsubscribe link of alert mails: the page and its button work without signing in, and
//! only untampered; mail clients' one-click POST (RFC 8058) works without any cookie, and only
//! with a valid signature.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::accounts::{audited, candidate};
use common::alerts::{paris, saved, unsubscribe_link};
use common::browser::{Browser, hidden};
use common::{TestApp, new_mails};
use time::macros::datetime;
use vivier_domain::candidate::AlertFrequency;
use vivier_store::accounts::OutgoingMail;
use vivier_web::jobs::send_due_alerts;

/// A candidate's two daily alerts, « Tout » and « Autre », and the mail the alert job sent for
/// the first: the ids of both searches and that mail.
async fn alert_mail(app: &TestApp) -> (i64, i64, OutgoingMail) {
    let (_, camille) = candidate(app, "camille@exemple.fr").await;
    let created = paris(datetime!(2026-11-18 09:00));
    let id = saved(app, &camille, "Tout", "", AlertFrequency::Daily, created).await;
    let other = saved(
        app,
        &camille,
        "Autre",
        "q=rust",
        AlertFrequency::Daily,
        created,
    )
    .await;
    new_mails(app.store.as_ref()).await;
    send_due_alerts(&app.state, paris(datetime!(2026-11-20 09:00)))
        .await
        .unwrap();
    let mail = new_mails(app.store.as_ref())
        .await
        .into_iter()
        .find(|m| m.subject.contains("« Tout »"))
        .unwrap();
    (id, other, mail)
}

/// `id`'s alert is stopped, `other`'s still daily, and the journal holds `entries` unsubscribe
/// entries, the last one allowed on `id`.
async fn assert_stopped(app: &TestApp, id: i64, other: i64, entries: usize) {
    let frequency = async |search| {
        let read = app.store.saved_search(search).await.unwrap().unwrap();
        read.frequency
    };
    assert_eq!(frequency(id).await, AlertFrequency::Never);
    assert_eq!(frequency(other).await, AlertFrequency::Daily);
    let journal = audited(app, "alerte.desabonnement").await;
    assert_eq!(journal.len(), entries);
    assert_eq!(journal[0].entry.object, format!("recherche:{id}"));
    assert_eq!(
        journal[0].entry.outcome,
        vivier_store::accounts::AuditOutcome::Allowed
    );
}

#[tokio::test]
async fn the_unsubscribe_link_works_without_signing_in_and_only_untampered() {
    let app = TestApp::new().await;
    let (id, other, mail) = alert_mail(&app).await;
    let link = unsubscribe_link(&mail);
    let signature = link.split("signature=").nth(1).unwrap().to_owned();

    // A tampered link: another search with this signature, a changed signature, none.
    let mut stranger = Browser::new(&app.router);
    for bad in [
        format!("/alertes/desabonnement?recherche={other}&signature={signature}"),
        format!("/alertes/desabonnement?recherche={id}&signature=A{signature}"),
        format!("/alertes/desabonnement?recherche={id}"),
        "/alertes/desabonnement".to_owned(),
    ] {
        let page = stranger.get(&bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(page.body.contains("Lien de désabonnement non valable"));
    }
    // The stranger opens a real page with a form (for a CSRF token), then forges the button.
    assert_eq!(stranger.get(&link).await.status, StatusCode::OK);
    let forged = stranger
        .post(
            "/alertes/desabonnement",
            &[("recherche", &other.to_string()), ("signature", &signature)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(audited(&app, "alerte.desabonnement").await.len(), 5);
    for search in [id, other] {
        let read = app.store.saved_search(search).await.unwrap().unwrap();
        assert_eq!(read.frequency, AlertFrequency::Daily);
    }

    // The real link, in a browser that never signed in: following it changes nothing.
    let mut visitor = Browser::new(&app.router);
    let page = visitor.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("« Tout »"));
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_eq!(
        app.store.saved_search(id).await.unwrap().unwrap().frequency,
        AlertFrequency::Daily
    );
    let done = visitor
        .post(
            "/alertes/desabonnement",
            &[
                ("recherche", &hidden(&page.body, "recherche").unwrap()),
                ("signature", &hidden(&page.body, "signature").unwrap()),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(
        done.body
            .contains("Vous ne recevrez plus de courriel pour la recherche « Tout »")
    );
    assert_stopped(&app, id, other, 6).await;
    // Following it again says so.
    let again = visitor.get(&link).await;
    assert!(again.body.contains("Alerte déjà désactivée"));
    // No more mail for it.
    send_due_alerts(&app.state, paris(datetime!(2026-11-22 09:00)))
        .await
        .unwrap();
    assert!(
        new_mails(app.store.as_ref())
            .await
            .iter()
            .all(|m| !m.subject.contains("« Tout »"))
    );
    // A deleted search's link no longer works.
    app.store.delete_saved_search(id).await.unwrap();
    assert_eq!(visitor.get(&link).await.status, StatusCode::BAD_REQUEST);
}

/// A mail client's one-click POST (RFC 8058): no cookie, no CSRF token, the signed address and
/// the body the RFC prescribes.
async fn one_click(app: &TestApp, path_and_query: &str) -> common::Answer {
    let request = axum::http::Request::builder()
        .method("POST")
        .uri(path_and_query)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    common::send(&app.router, request).await
}

#[tokio::test]
async fn mail_clients_unsubscribe_in_one_click_with_the_signed_address_only() {
    let app = TestApp::new().await;
    let (id, other, mail) = alert_mail(&app).await;
    // The alert carries its one-click address, for the List-Unsubscribe header.
    let address = mail.list_unsubscribe.clone().unwrap();
    let prefix = format!(
        "https://vivier.example.gouv.fr/alertes/desabonnement/un-clic?recherche={id}&signature="
    );
    assert!(address.starts_with(&prefix), "{address}");
    let path = address.trim_start_matches("https://vivier.example.gouv.fr");
    let signature = address.split("signature=").nth(1).unwrap();

    // Another search with this signature, a changed signature, none: refused, audited.
    for bad in [
        format!("/alertes/desabonnement/un-clic?recherche={other}&signature={signature}"),
        format!("/alertes/desabonnement/un-clic?recherche={id}&signature=A{signature}"),
        "/alertes/desabonnement/un-clic".to_owned(),
    ] {
        let answer = one_click(&app, &bad).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(answer.body.contains("rien n’a changé"), "{}", answer.body);
    }
    // The CSRF exemption is this path's only: the page's button still needs its token.
    let forged = one_click(
        &app,
        &format!("/alertes/desabonnement?recherche={id}&signature={signature}"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.body);
    // Following the address (GET) does nothing: only the POST unsubscribes.
    let followed = common::get(&app.router, path).await;
    assert_eq!(followed.status, StatusCode::METHOD_NOT_ALLOWED);
    for search in [id, other] {
        let read = app.store.saved_search(search).await.unwrap().unwrap();
        assert_eq!(read.frequency, AlertFrequency::Daily);
    }
    assert_eq!(audited(&app, "alerte.desabonnement").await.len(), 3);

    let done = one_click(&app, path).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_stopped(&app, id, other, 4).await;
    // A provider that posts twice gets the same answer; a deleted search's address is refused.
    assert_eq!(one_click(&app, path).await.status, StatusCode::OK);
    app.store.delete_saved_search(id).await.unwrap();
    assert_eq!(one_click(&app, path).await.status, StatusCode::BAD_REQUEST);
}
