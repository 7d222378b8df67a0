//! Access requests: an agent asks for a role, an administrator of Vivier or of the
//! organisation (or of one above it) approves or refuses, with a mail either way.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::accounts::{audited, grant, location, signed_in, signed_in_admin};
use common::browser::Browser;
use common::{TestApp, new_mails};
use vivier_domain::OrganisationId;
use vivier_domain::account::{Membership, OrgRole};
use vivier_store::accounts::AuditOutcome;
use vivier_store::admin::{RequestFilter, RequestStatus};

/// `browser` asks for `role` in `organisation` from its home.
async fn ask(
    browser: &mut Browser,
    organisation: OrganisationId,
    role: &str,
    message: &str,
) -> common::Answer {
    browser
        .fill(
            "/recruteur",
            "/recruteur/acces",
            &[
                ("organisation", &organisation.0.to_string()),
                ("role", role),
                ("message", message),
            ],
        )
        .await
}

async fn pending_id(app: &TestApp) -> i64 {
    let pending = app
        .store
        .access_requests(
            &RequestFilter {
                status: Some(RequestStatus::Pending),
                user: None,
            },
            10,
        )
        .await
        .unwrap();
    pending.first().expect("a pending request").id
}

#[tokio::test]
async fn an_agent_asks_and_an_administrator_approves_with_mails_and_a_new_session() {
    let app = TestApp::new().await;
    let (mut admin, _) = signed_in_admin(&app, "admin@exemple.fr").await;
    let (mut boss, boss_user) = signed_in(&app, "chef@exemple.fr", "agent").await;
    grant(&app, boss_user.id, app.ministry.id, OrgRole::OrgAdmin).await;
    let (mut agent, agent_user) = signed_in(&app, "agent@exemple.fr", "agent").await;
    new_mails(app.store.as_ref()).await;

    // An agent without a role sees the form first, grouped by ministry.
    let home = agent.get("/recruteur").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains("<optgroup label=\"Ministère du Numérique\">"),
        "{}",
        home.body
    );
    assert!(home.body.contains("— — Service des données"));
    let form_at = home.body.find("action=\"/recruteur/acces\"").unwrap();
    assert!(
        form_at < home.body.find("Mon compte").unwrap(),
        "the form comes first"
    );

    let sent = ask(
        &mut agent,
        app.service.id,
        "recruteur",
        "Je rejoins <script>l’équipe</script>",
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(location(&sent), "/recruteur?demande=envoyee");
    let home = agent.get("/recruteur?demande=envoyee").await;
    assert!(home.body.contains("Votre demande a été envoyée"));
    assert!(home.body.contains("Service des données"));
    assert!(home.body.contains("en attente"));

    // The ministry's administrator (an ancestor) and Vivier's administrator are told.
    let mut notified: Vec<String> = new_mails(app.store.as_ref())
        .await
        .into_iter()
        .map(|m| {
            assert_eq!(m.subject, "Nouvelle demande d’accès sur Vivier");
            assert!(m.html.contains("&#60;script&#62;"), "escaped in HTML");
            m.to.as_str().to_owned()
        })
        .collect();
    notified.sort();
    assert_eq!(notified, ["admin@exemple.fr", "chef@exemple.fr"]);

    // The queue shows it, escaped; the administrator approves.
    let queue = admin.get("/admin/demandes").await;
    assert!(queue.body.contains("agent@exemple.fr"));
    assert!(
        queue.body.contains("&#60;script&#62;l’équipe"),
        "{}",
        queue.body
    );
    assert!(!queue.body.contains("<script>l’équipe"));
    let id = pending_id(&app).await;
    let old_session = agent.session().cloned().unwrap();
    let approved = admin
        .post(
            &format!("/admin/demandes/{id}"),
            &[("decision", "approuver"), ("motif", "")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert_eq!(location(&approved), "/admin/demandes?fait=acceptee");

    let agent_now = app.store.user(agent_user.id).await.unwrap().unwrap();
    assert_eq!(
        agent_now.memberships,
        [Membership {
            organisation: app.service.id,
            role: OrgRole::Recruiter
        }]
    );
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to.as_str(), "agent@exemple.fr");
    assert_eq!(mails[0].subject, "Votre demande d’accès est acceptée");
    assert!(mails[0].text.contains("reconnectez-vous"));
    assert!(mails[0].html.contains("Service des données"));
    // The old session is dead: the agent signs in again, under a new id.
    let after = agent.get("/recruteur").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    common::accounts::sign_in(&mut agent, "agent@exemple.fr", common::accounts::PASSWORD).await;
    assert_ne!(agent.session().unwrap(), &old_session);
    assert!(agent.get("/recruteur").await.body.contains("Recruteur·se"));

    // Decided once: a second decision is refused with a clear message, nothing sent.
    // (The decision form was loaded while the request was pending.)
    let again = boss
        .fill(
            "/recruteur",
            &format!("/recruteur/demandes/{id}"),
            &[("decision", "refuser")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("déjà été traitée"));
    assert!(new_mails(app.store.as_ref()).await.is_empty());
    let approvals = audited(&app, "acces.approbation").await;
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0].entry.actor_label, "admin@exemple.fr");
    assert_eq!(approvals[0].entry.object, format!("demande:{id}"));
}

#[tokio::test]
async fn an_organisation_administrator_of_a_parent_refuses_with_a_reason() {
    let app = TestApp::new().await;
    let (mut boss, boss_user) = signed_in(&app, "chef@exemple.fr", "agent").await;
    grant(&app, boss_user.id, app.ministry.id, OrgRole::OrgAdmin).await;
    let (mut agent, _) = signed_in(&app, "agent@exemple.fr", "agent").await;
    ask(&mut agent, app.direction.id, "organisateur", "").await;
    new_mails(app.store.as_ref()).await;
    let session = agent.session().cloned().unwrap();

    let queue = boss.get("/recruteur/demandes").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("agent@exemple.fr"));
    let id = pending_id(&app).await;
    let refused = boss
        .post(
            &format!("/recruteur/demandes/{id}"),
            &[
                ("decision", "refuser"),
                ("motif", "Adressez-vous à votre direction ' OR 1=1 --"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    let request = app.store.access_request(id).await.unwrap().unwrap();
    assert_eq!(request.status, RequestStatus::Refused);
    assert_eq!(
        request.refusal_reason.as_deref(),
        Some("Adressez-vous à votre direction ' OR 1=1 --")
    );
    let mails = new_mails(app.store.as_ref()).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Votre demande d’accès est refusée");
    assert!(
        mails[0]
            .text
            .contains("Adressez-vous à votre direction ' OR 1=1 --")
    );
    // A refusal changes no right: the session lives on.
    assert_eq!(agent.session(), Some(&session));
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::OK);
    assert_eq!(audited(&app, "acces.refus").await.len(), 1);
}

#[tokio::test]
async fn an_administrator_of_another_organisation_cannot_decide_and_is_audited() {
    let app = TestApp::new().await;
    let (mut other, other_user) = signed_in(&app, "armees@exemple.fr", "agent").await;
    grant(&app, other_user.id, app.armees.id, OrgRole::OrgAdmin).await;
    let (mut agent, agent_user) = signed_in(&app, "agent@exemple.fr", "agent").await;
    ask(&mut agent, app.service.id, "recruteur", "").await;
    let id = pending_id(&app).await;

    let queue = other.get("/recruteur/demandes").await;
    assert!(
        !queue.body.contains("agent@exemple.fr"),
        "not in their queue"
    );
    other.get("/recruteur").await; // a page with a form, for its token
    let forged = other
        .post(
            &format!("/recruteur/demandes/{id}"),
            &[("decision", "approuver")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let denied = audited(&app, "acces.decision").await;
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].entry.outcome, AuditOutcome::Denied);
    assert_eq!(denied[0].entry.actor_label, "armees@exemple.fr");
    assert!(
        app.store
            .user(agent_user.id)
            .await
            .unwrap()
            .unwrap()
            .memberships
            .is_empty()
    );
    assert_eq!(
        app.store.access_request(id).await.unwrap().unwrap().status,
        RequestStatus::Pending
    );
    // Unknown or non-numeric ids name nothing; an agent without the role is refused by policy.
    assert_eq!(
        other
            .post("/recruteur/demandes/99999", &[("decision", "approuver")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .post("/recruteur/demandes/abc", &[("decision", "approuver")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        agent
            .post(
                &format!("/recruteur/demandes/{id}"),
                &[("decision", "approuver")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_organisation_administrator_cannot_approve_their_own_request() {
    let app = TestApp::new().await;
    let (mut boss, boss_user) = signed_in(&app, "chef@exemple.fr", "agent").await;
    grant(&app, boss_user.id, app.ministry.id, OrgRole::OrgAdmin).await;
    let asked = ask(&mut boss, app.service.id, "organisateur", "").await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let id = pending_id(&app).await;
    let own = boss
        .fill(
            "/recruteur/demandes",
            &format!("/recruteur/demandes/{id}"),
            &[("decision", "approuver")],
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    assert!(own.body.contains("propre demande"));
    assert_eq!(
        app.store.access_request(id).await.unwrap().unwrap().status,
        RequestStatus::Pending
    );
}

#[tokio::test]
async fn a_duplicate_or_malformed_request_is_refused_next_to_its_field() {
    let app = TestApp::new().await;
    let (mut agent, _) = signed_in(&app, "agent@exemple.fr", "agent").await;
    assert_eq!(
        ask(&mut agent, app.service.id, "recruteur", "")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    new_mails(app.store.as_ref()).await;
    let twice = ask(&mut agent, app.service.id, "recruteur", "encore").await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("organisation-erreur"));
    assert!(twice.body.contains("déjà une demande en attente"));
    assert!(twice.body.contains("fr-select-group--error"));
    let all = app
        .store
        .access_requests(&RequestFilter::default(), 10)
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "nothing written");
    assert!(new_mails(app.store.as_ref()).await.is_empty());

    let long = "é".repeat(1_001);
    for (organisation, role, message, field) in [
        ("99999", "recruteur", "", "organisation-erreur"),
        ("abc", "recruteur", "", "organisation-erreur"),
        ("' OR 1=1 --", "recruteur", "", "organisation-erreur"),
        ("", "recruteur", "", "organisation-erreur"),
        (&app.service.id.0.to_string(), "roi", "", "role-erreur"),
        (
            &app.service.id.0.to_string(),
            "organisateur",
            long.as_str(),
            "message-erreur",
        ),
    ] {
        let answer = agent
            .post(
                "/recruteur/acces",
                &[
                    ("organisation", organisation),
                    ("role", role),
                    ("message", message),
                ],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{organisation} {role}"
        );
        assert!(
            answer.body.contains(field),
            "{organisation} {role}: {field}"
        );
    }
    let all = app
        .store
        .access_requests(&RequestFilter::default(), 10)
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "nothing written");
    // A candidate cannot ask.
    let (mut candidate, _) = signed_in(&app, "candidate@exemple.fr", "candidat").await;
    candidate.get("/compte").await;
    let refused = candidate
        .post(
            "/recruteur/acces",
            &[
                ("organisation", "1"),
                ("role", "recruteur"),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
