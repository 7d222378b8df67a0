//! The authorization policy, checked cell by cell against the real router: every route the
//! router serves is in the policy (and nothing else is), every method a route does not take
//! answers 405, and each (route, method) × role answers as the table says — allowed, sent to
//! sign in, or refused with 403 — with every refusal in the audit log.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::TestApp;
use vivier_domain::Email;
use vivier_domain::account::{AccountKind, Membership, OrgRole, Role};
use vivier_store::accounts::{NewSession, NewUser, UserChange};
use vivier_web::auth::tokens;
use vivier_web::policy::{POLICY, Verb};

/// Every role the policy distinguishes, as a column.
const ROLES: [Role; 7] = [
    Role::Visitor,
    Role::Candidate,
    Role::Agent,
    Role::Recruiter,
    Role::Organiser,
    Role::OrgAdmin,
    Role::Admin,
];

/// A browser signed in with exactly `role` (no cookie for the visitor).
struct Caller {
    role: Role,
    /// Every role the account holds (an organisation's administrator also recruits for it).
    roles: Vec<Role>,
    user: Option<vivier_domain::UserId>,
    csrf_cookie: String,
}

async fn caller(app: &TestApp, role: Role) -> Caller {
    let csrf_cookie = tokens::random();
    if role == Role::Visitor {
        return Caller {
            role,
            roles: vec![role],
            user: None,
            csrf_cookie,
        };
    }
    let kind = if role == Role::Candidate {
        AccountKind::Candidate
    } else {
        AccountKind::Agent
    };
    let user = app
        .store
        .create_user(&NewUser {
            email: Email::parse(&format!("{}@exemple.fr", role.code())).unwrap(),
            display_name: role.label().into(),
            kind,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap();
    let membership = match role {
        Role::Recruiter => Some(OrgRole::Recruiter),
        Role::Organiser => Some(OrgRole::Organiser),
        Role::OrgAdmin => Some(OrgRole::OrgAdmin),
        _ => None,
    };
    if let Some(role) = membership {
        app.store
            .update_user(
                user.id,
                &UserChange::Membership(
                    Membership {
                        organisation: app.ministry.id,
                        role,
                    },
                    true,
                ),
            )
            .await
            .unwrap();
    }
    if role == Role::Admin {
        app.store
            .update_user(user.id, &UserChange::Admin(true))
            .await
            .unwrap();
    }
    let user = app.store.user(user.id).await.unwrap().unwrap();
    let roles = user.principal().roles();
    assert!(roles.contains(&role), "{roles:?}");
    Caller {
        role,
        roles,
        user: Some(user.id),
        csrf_cookie,
    }
}

/// A new session of `caller`'s account (some routes end the session they are called with).
async fn session_of(app: &TestApp, caller: &Caller) -> Option<(String, String)> {
    let user = caller.user?;
    let token = tokens::random();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    app.store
        .create_session(&NewSession {
            token_hash: tokens::hash(&token),
            user,
            now,
            expires_at: now + 3_600,
            ip: "127.0.0.1".into(),
            user_agent: "test".into(),
        })
        .await
        .unwrap();
    let hash = tokens::hash(&token);
    Some((token, hash))
}

/// A concrete address for a path pattern.
fn sample(path: &str) -> String {
    path.replace("{slug}", "exemple")
        .replace("{version}", "0")
        .replace("{*path}", "dsfr.min.css")
        .replace("{kind}", "metiers")
        .replace("{id}", "1")
        .replace("{user}", "1")
        .replace("{code}", "developpement")
        .replace("{fournisseur}", "candidats")
}

async fn call(app: &TestApp, caller: &Caller, method: &str, uri: &str) -> (StatusCode, String) {
    let mut cookies = format!("__Host-vivier-csrf={}", caller.csrf_cookie);
    let session = session_of(app, caller).await;
    let session_hash = match &session {
        Some((token, hash)) => {
            cookies.push_str(&format!("; __Host-vivier-session={token}"));
            hash.as_str()
        }
        None => "",
    };
    let token = app.state.csrf.token(&caller.csrf_cookie, session_hash);
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, cookies)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={token}")))
        .unwrap();
    let answer = common::send(&app.router, request).await;
    let location = answer
        .headers
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (answer.status, location)
}

#[test]
fn every_route_of_the_router_is_in_the_policy_and_nothing_else() {
    let routed: BTreeSet<&str> = vivier_web::route_paths().into_iter().collect();
    let in_policy: BTreeSet<&str> = POLICY.iter().map(|rule| rule.path).collect();
    let missing: Vec<_> = routed.difference(&in_policy).collect();
    let stale: Vec<_> = in_policy.difference(&routed).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the policy: {missing:?}"
    );
    assert!(stale.is_empty(), "policy lines for no route: {stale:?}");
    let mut seen = BTreeSet::new();
    for rule in POLICY {
        assert!(
            seen.insert((rule.path, rule.verb == Verb::Get)),
            "{} {:?} appears twice",
            rule.path,
            rule.verb
        );
    }
}

#[tokio::test]
async fn every_cell_of_the_policy_answers_as_written() {
    let app = TestApp::new().await;
    let mut callers = Vec::new();
    for role in ROLES {
        callers.push(caller(&app, role).await);
    }
    let mut cells = 0;
    let mut denied = 0;
    for rule in POLICY {
        let uri = sample(rule.path);
        let method = match rule.verb {
            Verb::Get => "GET",
            Verb::Post => "POST",
        };
        for caller in &callers {
            let (status, location) = call(&app, caller, method, &uri).await;
            let cell = format!("{method} {uri} as {}", caller.role.code());
            let sent_to_sign_in =
                status == StatusCode::SEE_OTHER && location.starts_with("/connexion?suite=");
            if caller.roles.iter().any(|&role| rule.access.allows(role)) {
                assert!(
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                        && !sent_to_sign_in,
                    "{cell}: allowed by the policy, answered {status} {location}"
                );
                assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{cell}");
                assert!(!status.is_server_error(), "{cell}: {status}");
            } else {
                denied += 1;
                match (caller.role, rule.path.starts_with("/api/")) {
                    (Role::Visitor, false) => assert!(sent_to_sign_in, "{cell}: {status}"),
                    (Role::Visitor, true) => assert_eq!(status, StatusCode::UNAUTHORIZED, "{cell}"),
                    _ => assert_eq!(status, StatusCode::FORBIDDEN, "{cell}"),
                }
            }
            cells += 1;
        }
    }
    assert_eq!(cells, POLICY.len() * ROLES.len());
    let journal = app.store.audit_log(None, 10_000).await.unwrap();
    let refusals = journal.iter().filter(|r| r.entry.action == "acces").count();
    assert_eq!(refusals, denied, "every refusal is in the audit log");
    println!(
        "policy: {} routes, {} lines, {cells} cells checked ({denied} refusals)",
        vivier_web::route_paths().len(),
        POLICY.len()
    );
}

#[tokio::test]
async fn methods_a_route_does_not_take_answer_405_for_everyone() {
    let app = TestApp::new().await;
    let admin = caller(&app, Role::Admin).await;
    let visitor = caller(&app, Role::Visitor).await;
    let mut checked = 0;
    for path in vivier_web::route_paths() {
        let uri = sample(path);
        let verbs: Vec<Verb> = POLICY
            .iter()
            .filter(|rule| rule.path == path)
            .map(|rule| rule.verb)
            .collect();
        let mut methods = vec!["PUT", "PATCH", "DELETE"];
        if !verbs.contains(&Verb::Post) {
            methods.push("POST");
        }
        for method in methods {
            for caller in [&admin, &visitor] {
                let (status, _) = call(&app, caller, method, &uri).await;
                assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100);
}
