//! Signing in through OpenID Connect, against a real provider (`oidc-provider`, started on
//! loopback by `tests/oidc/provider.mjs`) and a rogue one whose ID tokens are wrong on purpose.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "oidc/support.rs"]
mod support;

use axum::http::StatusCode;
use vivier_domain::Email;
use vivier_domain::account::AccountKind;
use vivier_store::accounts::{AuditOutcome, PendingLogin, UserChange};
use vivier_web::auth::tokens;
use vivier_web::{OidcConfig, OidcSide};

use common::TestApp;
use common::accounts::{PASSWORD, confirmed_account, sign_in as password_sign_in};
use common::browser::Browser;
use support::{TestProvider, app, app_with, click, location, sign_in, through_provider};

const CAMILLE: &str = "camille.martin@exemple.fr";
const DOMINIQUE: &str = "dominique.agent@exemple.gouv.fr";

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

/// The audit log's details of refused OpenID Connect returns.
async fn refusals(app: &TestApp) -> Vec<String> {
    app.store
        .audit_log(None, 1_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.entry.outcome == AuditOutcome::Denied && r.entry.object.starts_with("oidc:"))
        .map(|r| r.entry.detail)
        .collect()
}

#[tokio::test]
async fn a_candidate_signs_up_through_the_provider_and_signs_in_again_as_the_same_account() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;

    let mut browser = Browser::new(&app.router);
    let page = browser.get("/inscription").await;
    assert!(
        page.body.contains("S’identifier avec"),
        "the buttons on the sign-up page"
    );
    let (back, answer) = sign_in(&mut browser, "candidats", "").await;
    assert!(
        back.starts_with("/connexion/oidc/candidats/retour?"),
        "{back}"
    );
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(location(&answer), "/espace-candidat");
    assert!(browser.session().is_some(), "signed in");
    assert_eq!(browser.get("/espace-candidat").await.status, StatusCode::OK);

    let user = app
        .store
        .user_by_email(&email(CAMILLE))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.kind, AccountKind::Candidate);
    assert!(user.email_verified, "the provider vouches for the address");
    assert!(user.password_hash.is_none());
    assert_eq!(user.display_name, "Camille Martin");
    let identities = app.store.identities_of(user.id).await.unwrap();
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].subject, "fc-sub-camille");
    assert_eq!(
        identities[0].issuer,
        provider.issuer.as_str().trim_end_matches('/')
    );

    // Her account page works without a password, and says how to get one.
    let account = browser.get("/compte").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account
            .body
            .contains("Votre compte n’a pas de mot de passe")
    );
    let refused = browser
        .post(
            "/compte/mot-de-passe",
            &[("actuel", ""), ("nouveau", "une phrase assez longue")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("pas encore de mot de passe"));

    // Another browser, another day: the same account, no duplicate; and the page asked first.
    let mut other = Browser::new(&app.router);
    let (_, again) = sign_in(&mut other, "candidats", "/compte").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(location(&again), "/compte");
    let same = app
        .store
        .identity_user(&identities[0].issuer, "fc-sub-camille")
        .await
        .unwrap();
    assert_eq!(same.map(|u| u.id), Some(user.id));
    assert_eq!(app.store.identities_of(user.id).await.unwrap().len(), 1);

    // A disabled account is refused like a wrong password.
    app.store
        .update_user(user.id, &UserChange::Disabled(true))
        .await
        .unwrap();
    let mut third = Browser::new(&app.router);
    let (_, disabled) = sign_in(&mut third, "candidats", "").await;
    assert_eq!(disabled.status, StatusCode::FORBIDDEN, "{}", disabled.body);
    assert!(
        disabled
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );
    assert!(third.session().is_none());

    let journal = app.store.audit_log(None, 100).await.unwrap();
    assert!(
        journal
            .iter()
            .any(|r| r.entry.action == "compte.creation-oidc")
    );
    assert!(
        journal
            .iter()
            .filter(|r| r.entry.action == "connexion" && r.entry.outcome == AuditOutcome::Allowed)
            .count()
            == 2
    );
}

#[tokio::test]
async fn an_agent_signs_in_through_the_agents_provider() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "agents", "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(location(&answer), "/recruteur");
    let user = app
        .store
        .user_by_email(&email(DOMINIQUE))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.kind, AccountKind::Agent);
    assert_eq!(
        user.display_name, "Dominique Agent",
        "given name and usual name"
    );
    assert_eq!(browser.get("/recruteur").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_provider_signs_in_the_password_account_of_its_address_and_not_another_profile() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut existing = confirmed_account(&app, CAMILLE, "candidat").await;
    let before = app
        .store
        .user_by_email(&email(CAMILLE))
        .await
        .unwrap()
        .unwrap();

    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "candidats", "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let after = app
        .store
        .user_by_email(&email(CAMILLE))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.id, before.id, "linked, not created");
    assert!(after.password_hash.is_some(), "the password still works");
    assert_eq!(app.store.identities_of(after.id).await.unwrap().len(), 1);
    let signed_in = password_sign_in(&mut existing, CAMILLE, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let journal = app.store.audit_log(None, 100).await.unwrap();
    assert!(
        journal
            .iter()
            .any(|r| r.entry.action == "compte.liaison-oidc")
    );

    // The agents' provider vouches for Dominique, whose password account is an agent's: linked.
    confirmed_account(&app, DOMINIQUE, "agent").await;
    let agent = app
        .store
        .user_by_email(&email(DOMINIQUE))
        .await
        .unwrap()
        .unwrap();
    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "agents", "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(app.store.identities_of(agent.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_address_of_the_other_profile_is_refused_with_the_other_sign_in_named() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    // Camille's address is an agent's account here.
    confirmed_account(&app, CAMILLE, "agent").await;
    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "candidats", "").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(
        answer.body.contains("compte d’agent·e de l’État"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("ProConnect"));
    assert!(browser.session().is_none());
}

#[tokio::test]
async fn a_wrong_state_another_browser_a_replay_and_an_expired_sign_in_are_refused() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut browser = Browser::new(&app.router);
    let authorize = click(&mut browser, "candidats", "").await;
    let back = through_provider(authorize).await;

    // A state Vivier never sent.
    let forged = {
        let mut url = url::Url::parse(&format!("https://x{back}")).unwrap();
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "state" {
                    tokens::random()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        format!("{}?{}", url.path(), url.query().unwrap())
    };
    let answer = browser.get(&forged).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("Recommencez depuis la page de connexion")
    );
    assert!(browser.session().is_none());

    // The right return, in a browser that did not start the sign-in.
    let mut thief = Browser::new(&app.router);
    let stolen = thief.get(&back).await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST, "{}", stolen.body);
    assert!(thief.session().is_none());

    // Neither consumed it: the browser that started it signs in.
    let answer = browser.get(&back).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(browser.session().is_some());

    // The same return again (the same code and state): refused.
    let replayed = browser.get(&back).await;
    assert_eq!(
        replayed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        replayed.body
    );

    // A sign-in left waiting too long.
    let mut late = Browser::new(&app.router);
    let authorize = click(&mut late, "candidats", "").await;
    let state = authorize
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let binding = late.cookies.get("__Host-vivier-oidc").unwrap().clone();
    let (state_hash, browser_hash) = (tokens::hash(&state), tokens::hash(&binding));
    let pending = app
        .store
        .take_pending_login(&state_hash, &browser_hash)
        .await
        .unwrap()
        .unwrap();
    app.store
        .save_pending_login(&PendingLogin {
            expires_at: pending.created_at - 1,
            ..pending
        })
        .await
        .unwrap();
    let back = through_provider(authorize).await;
    let expired = late.get(&back).await;
    assert_eq!(expired.status, StatusCode::BAD_REQUEST, "{}", expired.body);
    assert!(late.session().is_none());

    let reasons = refusals(&app).await;
    for expected in [
        "state inconnu, déjà utilisé ou d’un autre navigateur",
        "cookie de liaison absent",
        "connexion en attente expirée",
    ] {
        assert!(
            reasons.iter().any(|r| r == expected),
            "{expected} in {reasons:?}"
        );
    }
}

#[tokio::test]
async fn id_tokens_with_a_bad_signature_audience_or_nonce_are_refused() {
    let rogue = TestProvider::start("rogue").await;
    for (client_id, reason) in [
        ("signature", "signature invalide"),
        ("audience", "audience invalide"),
        ("nonce", "nonce invalide"),
    ] {
        let app = app(OidcConfig {
            candidats: Some(rogue.config(OidcSide::Candidats, client_id)),
            agents: None,
        })
        .await;
        let mut browser = Browser::new(&app.router);
        let (_, answer) = sign_in(&mut browser, "candidats", "").await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{client_id}: {}",
            answer.body
        );
        assert!(
            answer.body.contains("n’a pas pu être vérifiée"),
            "{client_id}"
        );
        assert!(browser.session().is_none(), "{client_id}");
        assert_eq!(refusals(&app).await, vec![reason.to_owned()], "{client_id}");
        assert!(
            app.store
                .user_by_email(&email("rogue@exemple.fr"))
                .await
                .unwrap()
                .is_none(),
            "{client_id}: no account"
        );
    }
}

#[tokio::test]
async fn an_id_token_signed_with_es256_by_a_published_key_is_accepted() {
    let rogue = TestProvider::start("rogue").await;
    let app = app(OidcConfig {
        candidats: Some(rogue.config(OidcSide::Candidats, "es256")),
        agents: None,
    })
    .await;
    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "candidats", "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(location(&answer), "/espace-candidat");
    let user = app
        .store
        .user_by_email(&email("rogue@exemple.fr"))
        .await
        .unwrap();
    assert_eq!(user.map(|u| u.display_name), Some("Rogue Test".to_owned()));
}

#[tokio::test]
async fn a_provider_that_cannot_be_reached_gets_a_french_page_and_an_error_is_explained() {
    // Nothing listens on the discard port of loopback.
    let down = support::provider_config(
        url::Url::parse("http://127.0.0.1:9").unwrap(),
        OidcSide::Agents,
        "vivier-agents",
    );
    let app = app(OidcConfig {
        candidats: None,
        agents: Some(down),
    })
    .await;
    let mut browser = Browser::new(&app.router);
    let page = browser.get("/connexion").await;
    assert!(page.body.contains("ProConnect") && !page.body.contains("FranceConnect"));
    // Starting a sign-in is a form like any other: without its token, refused.
    let forged = browser
        .post_raw("/connexion/oidc/agents", &[("suite", "")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let answer = browser
        .post("/connexion/oidc/agents", &[("suite", "")])
        .await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY, "{}", answer.body);
    assert!(answer.body.contains("ProConnect ne répond pas"));
    // A provider that is not configured does not exist.
    let absent = browser
        .post("/connexion/oidc/candidats", &[("suite", "")])
        .await;
    assert_eq!(absent.status, StatusCode::NOT_FOUND);

    // The provider says the person cancelled: a French page.
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut browser = Browser::new(&app.router);
    let authorize = click(&mut browser, "agents", "").await;
    let state = authorize
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let cancelled = browser
        .get(&format!(
            "/connexion/oidc/agents/retour?error=access_denied&state={state}"
        ))
        .await;
    assert_eq!(cancelled.status, StatusCode::BAD_REQUEST);
    assert!(
        cancelled
            .body
            .contains("Vous avez annulé la connexion avec ProConnect.")
    );
}

#[tokio::test]
async fn returns_from_the_provider_are_rate_limited() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut browser = Browser::new(&app.router);
    let state = tokens::random();
    let uri = format!("/connexion/oidc/candidats/retour?code=x&state={state}");
    for _ in 0..30 {
        assert_eq!(browser.get(&uri).await.status, StatusCode::BAD_REQUEST);
    }
    let limited = browser.get(&uri).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry), "{retry}");
}

/// Everything logged on this thread, as text.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

/// The debug logs of this test binary from now on (a per-thread subscriber misses events whose
/// callsites other tests' threads reached first).
fn capture() -> &'static Captured {
    static LOGS: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(logs.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        logs
    })
}

#[tokio::test]
async fn the_debug_logs_of_a_sign_in_hold_no_secret_code_nor_token() {
    let logs = capture();
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    let mut browser = Browser::new(&app.router);
    let authorize = click(&mut browser, "candidats", "").await;
    let back = through_provider(authorize).await;
    let answer = browser.get(&back).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // A replay logs its refusal too.
    assert_eq!(browser.get(&back).await.status, StatusCode::BAD_REQUEST);

    let query: std::collections::BTreeMap<String, String> =
        url::Url::parse(&format!("{}{back}", support::VIVIER))
            .unwrap()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let log = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("/connexion/oidc/candidats/retour"),
        "debug logs were written: {log}"
    );
    let session = browser.session().unwrap().clone();
    for (what, secret) in [
        ("client secret", support::SECRET),
        ("authorization code", query["code"].as_str()),
        ("state", query["state"].as_str()),
        ("session token", session.as_str()),
        // Every JWT (ID token, signed user info) starts with a base64url `{"`.
        ("JWT", "eyJ"),
    ] {
        assert!(!log.contains(secret), "the {what} is in the logs");
    }
}

#[tokio::test]
async fn an_unconfirmed_account_of_the_same_address_is_not_linked() {
    let provider = TestProvider::start("real").await;
    let app = app_with(&provider).await;
    // Someone signed up with Camille's address and never confirmed it.
    let mut squatter = Browser::new(&app.router);
    let sent = squatter
        .fill(
            "/inscription",
            "/inscription",
            &[
                ("profil", "candidat"),
                ("nom", "Quelqu’un d’autre"),
                ("email", CAMILLE),
                ("mot_de_passe", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    let squatted = app
        .store
        .user_by_email(&email(CAMILLE))
        .await
        .unwrap()
        .unwrap();

    let mut browser = Browser::new(&app.router);
    let (_, answer) = sign_in(&mut browser, "candidats", "").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(answer.body.contains("elle n’est pas confirmée"));
    assert!(browser.session().is_none());
    assert!(
        app.store
            .identities_of(squatted.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        refusals(&app).await,
        vec!["compte existant non confirmé".to_owned()]
    );
}
