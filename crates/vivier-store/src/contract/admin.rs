//! The contract of [`AdminStore`](crate::admin::AdminStore).

use vivier_domain::account::{AccountKind, Membership, OrgRole};
use vivier_domain::organisation::Testimony;
use vivier_domain::{Email, OrganisationId};

use super::{full_offer, organisation};
use crate::accounts::{NewSession, NewUser, OutgoingMail, User, UserChange};
use crate::admin::{Decision, NewAccessRequest, RequestFilter, RequestStatus, UserSearch};
use crate::{ChangedEntity, Store, StoreError};

async fn user(store: &dyn Store, address: &str, name: &str, kind: AccountKind) -> User {
    store
        .create_user(&NewUser {
            email: Email::parse(address).expect("e-mail"),
            display_name: name.into(),
            kind,
            password_hash: None,
            email_verified: true,
        })
        .await
        .expect("create user")
}

fn mail(to: &User, subject: &str) -> OutgoingMail {
    OutgoingMail {
        list_unsubscribe: None,
        to: to.email.clone(),
        subject: subject.into(),
        text: subject.into(),
        html: format!("<p>{subject}</p>"),
    }
}

async fn open_session(store: &dyn Store, user: &User, hash: &str) {
    store
        .create_session(&NewSession {
            token_hash: hash.into(),
            user: user.id,
            now: 1_000,
            expires_at: 99_999_999_999,
            ip: "127.0.0.1".into(),
            user_agent: "test".into(),
        })
        .await
        .expect("session");
}

fn request(user: &User, organisation: OrganisationId, role: OrgRole) -> NewAccessRequest {
    NewAccessRequest {
        user: user.id,
        organisation,
        role,
        message: "Je rejoins l’équipe ' OR 1=1 -- <script>".into(),
    }
}

/// One pending request per user × organisation × role; deciding grants the role, ends the
/// requester's sessions, queues the answer, and happens once.
pub async fn access_requests_are_decided_once(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let direction = organisation(store, "direction", Some(ministry.id)).await;
    let agent = user(store, "agent@exemple.fr", "Agent", AccountKind::Agent).await;
    let boss = user(store, "chef@exemple.fr", "Chef", AccountKind::Agent).await;
    let admin = user(store, "admin@exemple.fr", "Admin", AccountKind::Agent).await;
    store
        .update_user(admin.id, &UserChange::Admin(true))
        .await
        .expect("admin");
    store
        .update_user(
            boss.id,
            &UserChange::Membership(
                Membership {
                    organisation: ministry.id,
                    role: OrgRole::OrgAdmin,
                },
                true,
            ),
        )
        .await
        .expect("boss");
    let reviewers = store
        .reviewers_of(&[ministry.id, direction.id])
        .await
        .expect("reviewers");
    let ids: Vec<_> = reviewers.iter().map(|u| u.id).collect();
    assert_eq!(ids, [boss.id, admin.id]);
    let only_admins = store
        .reviewers_of(&[direction.id])
        .await
        .expect("reviewers");
    assert_eq!(only_admins.len(), 1);

    let before = store.outbox_counts().await.expect("outbox").waiting;
    let created = store
        .create_access_request(
            &request(&agent, direction.id, OrgRole::Recruiter),
            &[mail(&boss, "demande"), mail(&admin, "demande")],
        )
        .await
        .expect("request");
    assert_eq!(created.status, RequestStatus::Pending);
    assert_eq!(created.user_email, agent.email);
    assert_eq!(created.message, "Je rejoins l’équipe ' OR 1=1 -- <script>");
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        before + 2
    );

    let twice = store
        .create_access_request(
            &request(&agent, direction.id, OrgRole::Recruiter),
            &[mail(&boss, "demande")],
        )
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        before + 2,
        "nothing written with a refused request"
    );
    // Another role is another request.
    let organiser = store
        .create_access_request(&request(&agent, direction.id, OrgRole::Organiser), &[])
        .await
        .expect("another role");

    open_session(store, &agent, "session-agent").await;
    let approved = store
        .decide_access_request(
            created.id,
            &Decision {
                by: boss.id,
                approve: true,
                reason: Some("ignoré".into()),
            },
            &mail(&agent, "acceptée"),
        )
        .await
        .expect("decide")
        .expect("pending");
    assert_eq!(approved.status, RequestStatus::Approved);
    assert_eq!(approved.decided_by, Some(boss.id));
    assert!(approved.decided_at.is_some());
    assert_eq!(approved.refusal_reason, None);
    let agent_now = store.user(agent.id).await.expect("user").expect("agent");
    assert_eq!(
        agent_now.memberships,
        [Membership {
            organisation: direction.id,
            role: OrgRole::Recruiter
        }]
    );
    assert!(
        store
            .session("session-agent")
            .await
            .expect("session")
            .is_none()
    );
    assert_eq!(store.session_count(agent.id).await.expect("count"), 0);

    let again = store
        .decide_access_request(
            created.id,
            &Decision {
                by: admin.id,
                approve: false,
                reason: None,
            },
            &mail(&agent, "refusée"),
        )
        .await
        .expect("decide");
    assert_eq!(again, Err(RequestStatus::Approved));
    let missing = store
        .decide_access_request(
            9_999,
            &Decision {
                by: admin.id,
                approve: false,
                reason: None,
            },
            &mail(&agent, "x"),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    open_session(store, &agent, "session-2").await;
    let refused = store
        .decide_access_request(
            organiser.id,
            &Decision {
                by: admin.id,
                approve: false,
                reason: Some("Pas dans ce service".into()),
            },
            &mail(&agent, "refusée"),
        )
        .await
        .expect("decide")
        .expect("pending");
    assert_eq!(refused.status, RequestStatus::Refused);
    assert_eq!(
        refused.refusal_reason.as_deref(),
        Some("Pas dans ce service")
    );
    assert_eq!(
        store.session_count(agent.id).await.expect("count"),
        1,
        "a refusal changes no right"
    );

    // A decided request may be asked again.
    store
        .create_access_request(&request(&agent, direction.id, OrgRole::Organiser), &[])
        .await
        .expect("asked again");
    let pending = store
        .access_requests(
            &RequestFilter {
                status: Some(RequestStatus::Pending),
                user: None,
            },
            10,
        )
        .await
        .expect("list");
    assert_eq!(pending.len(), 1);
    let mine = store
        .access_requests(
            &RequestFilter {
                status: None,
                user: Some(agent.id),
            },
            10,
        )
        .await
        .expect("list");
    assert_eq!(mine.len(), 3);
    assert!(mine[0].id > mine[1].id, "most recent first");
    assert_eq!(
        store.access_request(created.id).await.expect("read"),
        Some(approved)
    );
}

/// Accounts are found by part of their name or address, without case, a page at a time.
pub async fn users_are_searched_by_name_or_address(store: &dyn Store) {
    user(
        store,
        "camille.durand@exemple.fr",
        "Camille Durand",
        AccountKind::Agent,
    )
    .await;
    user(
        store,
        "dominique@exemple.fr",
        "Dominique Martin",
        AccountKind::Candidate,
    )
    .await;
    user(store, "x_y@exemple.fr", "Xavier 100%", AccountKind::Agent).await;
    for i in 0..5 {
        user(
            store,
            &format!("agent{i}@ministere.fr"),
            &format!("Agent {i}"),
            AccountKind::Agent,
        )
        .await;
    }
    let search =
        |text: Option<&str>, kind: Option<AccountKind>, offset: u64, limit: u32| UserSearch {
            text: text.map(str::to_owned),
            kind,
            offset,
            limit,
        };
    let found = store
        .search_users(&search(Some("DURAND"), None, 0, 50))
        .await
        .expect("search");
    assert_eq!(found.total, 1);
    assert_eq!(found.users[0].display_name, "Camille Durand");
    let by_address = store
        .search_users(&search(Some("Dominique@"), None, 0, 50))
        .await
        .expect("search");
    assert_eq!(by_address.total, 1);
    // LIKE's wildcards are plain characters.
    let percent = store
        .search_users(&search(Some("100%"), None, 0, 50))
        .await
        .expect("search");
    assert_eq!(percent.total, 1);
    let underscore = store
        .search_users(&search(Some("x_y"), None, 0, 50))
        .await
        .expect("search");
    assert_eq!(underscore.total, 1);
    let none = store
        .search_users(&search(Some("' OR 1=1 --"), None, 0, 50))
        .await
        .expect("search");
    assert_eq!(none.total, 0);
    let agents = store
        .search_users(&search(None, Some(AccountKind::Agent), 0, 50))
        .await
        .expect("search");
    assert_eq!(agents.total, 7);
    let page = store
        .search_users(&search(Some("ministere"), None, 2, 2))
        .await
        .expect("search");
    assert_eq!(page.total, 5);
    let names: Vec<_> = page.users.iter().map(|u| u.display_name.as_str()).collect();
    assert_eq!(names, ["Agent 2", "Agent 3"]);
}

/// Merging moves everything of one organisation to another, then deletes it, in one go;
/// merging into itself or under itself is refused.
pub async fn organisations_merge_with_everything_they_hold(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let old = organisation(store, "ancienne", Some(ministry.id)).await;
    let child = organisation(store, "enfant", Some(old.id)).await;
    let target = organisation(store, "cible", Some(ministry.id)).await;
    let offer = store
        .create_offer(&full_offer(store, old.id, "offre-ancienne").await)
        .await
        .expect("offer");
    let testimony = |name: &str| Testimony {
        name: name.into(),
        role: "Agent".into(),
        text: "Bien.".into(),
        photo_url: None,
    };
    store
        .set_testimonies(target.id, &[testimony("Cible")])
        .await
        .expect("t");
    store
        .set_testimonies(old.id, &[testimony("Ancienne")])
        .await
        .expect("t");
    let agent = user(store, "agent@exemple.fr", "Agent", AccountKind::Agent).await;
    for organisation in [old.id, target.id] {
        store
            .update_user(
                agent.id,
                &UserChange::Membership(
                    Membership {
                        organisation,
                        role: OrgRole::Recruiter,
                    },
                    true,
                ),
            )
            .await
            .expect("membership");
    }
    store
        .create_access_request(&request(&agent, old.id, OrgRole::Organiser), &[])
        .await
        .expect("request");
    store
        .create_access_request(&request(&agent, target.id, OrgRole::Organiser), &[])
        .await
        .expect("request");

    for (from, into) in [
        (old.id, old.id),
        (old.id, child.id),
        (ministry.id, target.id),
    ] {
        let refused = store.merge_organisations(from, into).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{refused:?}"
        );
    }
    let missing = store
        .merge_organisations(old.id, OrganisationId(9_999))
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert!(
        store.organisation(old.id).await.expect("read").is_some(),
        "nothing changed"
    );

    let seq = store.last_change().await.expect("seq");
    store
        .merge_organisations(old.id, target.id)
        .await
        .expect("merge");
    assert!(store.organisation(old.id).await.expect("read").is_none());
    let moved = store.offer(offer.id).await.expect("offer").expect("kept");
    assert_eq!(moved.data.organisation_id, target.id);
    let child = store
        .organisation(child.id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(child.data.parent_id, Some(target.id));
    let names: Vec<_> = store
        .testimonies(target.id)
        .await
        .expect("t")
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Cible", "Ancienne"]);
    let agent = store.user(agent.id).await.expect("user").expect("agent");
    assert_eq!(
        agent.memberships,
        [Membership {
            organisation: target.id,
            role: OrgRole::Recruiter
        }]
    );
    let requests = store
        .access_requests(&RequestFilter::default(), 10)
        .await
        .expect("requests");
    assert_eq!(requests.len(), 1, "the duplicate pending request went");
    assert_eq!(requests[0].organisation, target.id);
    let counts = store.offer_counts().await.expect("counts");
    assert_eq!(counts, [(target.id, 1)]);
    let changes = store.changes_since(seq, 10).await.expect("changes");
    assert!(
        changes
            .iter()
            .any(|c| c.entity == ChangedEntity::Organisation(target.id)),
        "{changes:?}"
    );
}
