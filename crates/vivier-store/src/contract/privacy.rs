//! The contract of personal-data rights: export, erasure, retention.

use vivier_domain::account::AccountKind;
use vivier_domain::candidate::{
    AlertFrequency, ApplicationStatus, RefusalReason, Target, Transition,
};
use vivier_domain::{Email, JobFamilyId};

use super::candidates::{account, application, cv, full_profile, mail, published_offer};
use super::organisation;
use crate::Store;
use crate::accounts::{AuditEntry, AuditOutcome, NewUser, OutgoingMail};
use crate::candidates::{NewApplication, NewSavedSearch, Proposal};

const MARKER: &str = "ZQXMARQUEURJ";

fn refusal() -> Transition {
    Transition {
        to: ApplicationStatus::Refused,
        reasons: vec![RefusalReason::Other],
        comment: format!("Refus pour {MARKER}"),
    }
}

/// Erasing a candidate leaves the marker seeded in every personal field nowhere in the
/// database, keeps their applications as anonymous rows, and gives the CV files to delete.
pub async fn erasing_a_candidate_leaves_nothing_personal(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let offer = published_offer(store, ministry.id, "offre").await;
    let other_offer = published_offer(store, ministry.id, "autre").await;
    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    let witness = account(store, "temoin@example.org", AccountKind::Candidate).await;
    let address = format!("{}@example.org", MARKER.to_lowercase());
    let marked = store
        .create_user(&NewUser {
            email: Email::parse(&address).expect("e-mail"),
            display_name: format!("Camille {MARKER}"),
            kind: AccountKind::Candidate,
            password_hash: Some(format!("$argon2id${MARKER}")),
            email_verified: true,
        })
        .await
        .expect("user");
    let mut profile = full_profile(vec![JobFamilyId(999)], vec![ministry.id]);
    profile.families.clear();
    profile.phone = Some(format!("+33 {MARKER}"));
    profile.current_job = format!("Poste {MARKER}");
    profile.linkedin = Some(
        format!("https://www.linkedin.com/in/{MARKER}")
            .parse()
            .expect("url"),
    );
    profile.github = Some(format!("https://github.com/{MARKER}").parse().expect("url"));
    profile.portfolio = Some(
        format!("https://{MARKER}.example.org/")
            .to_lowercase()
            .parse()
            .expect("url"),
    );
    store
        .save_profile(marked.id, &profile, 100)
        .await
        .expect("profile");
    store.set_pool(marked.id, true, 100).await.expect("pool");
    let cv_key = format!("cv/{}", MARKER.to_lowercase());
    let cv_id = cv(store, &marked, &cv_key, 100).await;
    let sent = store
        .apply(
            &NewApplication {
                motivation: format!("Motivation {MARKER}"),
                ..application(&marked, Target::Offer(offer), Some(cv_id), 200)
            },
            &mail(&marked, &format!("Accusé {MARKER}")),
        )
        .await
        .expect("apply");
    store
        .add_note(
            sent.id,
            &recruiter,
            ministry.id,
            &format!("Note sur {MARKER}"),
            210,
        )
        .await
        .expect("note");
    store
        .move_application(sent.id, &refusal(), Some(recruiter.id), 220, None)
        .await
        .expect("refuse");
    store
        .apply(
            &application(&marked, Target::State, None, 230),
            &mail(&marked, "s"),
        )
        .await
        .expect("spontaneous");
    store
        .propose(
            &Proposal {
                offer: other_offer,
                candidate: marked.id,
                by: recruiter.id,
                now: 240,
            },
            &mail(&marked, "proposition"),
        )
        .await
        .expect("propose");
    store
        .save_search(&NewSavedSearch {
            user: marked.id,
            label: format!("Recherche {MARKER}"),
            query: format!("q={MARKER}"),
            frequency: AlertFrequency::Daily,
            now: 250,
        })
        .await
        .expect("search");
    store
        .record_audit(&AuditEntry {
            actor: Some(marked.id),
            actor_label: address.clone(),
            action: "candidature.envoi".into(),
            object: format!("candidature:{}", sent.id),
            outcome: AuditOutcome::Allowed,
            ip: "127.0.0.1".into(),
            detail: format!("par {address}"),
        })
        .await
        .expect("audit");
    let witness_mail = OutgoingMail {
        list_unsubscribe: None,
        to: witness.email.clone(),
        ..mail(&witness, "gardé")
    };
    store.enqueue_mail(&witness_mail).await.expect("mail");

    let mut before = store.places_holding(MARKER).await.expect("scan");
    before.extend(
        store
            .places_holding(&MARKER.to_lowercase())
            .await
            .expect("scan"),
    );
    for table in [
        "users",
        "candidate_profiles",
        "applications",
        "application_events",
        "application_notes",
        "audit_log",
        "cvs",
        "saved_searches",
        "outbox",
    ] {
        assert!(
            before.iter().any(|p| p.starts_with(&format!("{table}."))),
            "{table} not seeded: {before:?}"
        );
    }
    assert!(
        !store
            .places_holding(&address)
            .await
            .expect("scan")
            .is_empty()
    );

    let data = store
        .candidate_data(marked.id)
        .await
        .expect("export")
        .expect("data");
    assert_eq!(data.applications.len(), 2);
    assert_eq!(data.cvs.len(), 1);
    assert_eq!(data.saved_searches.len(), 1);

    let erased = store
        .erase_candidate(marked.id)
        .await
        .expect("erase")
        .expect("erased");
    assert_eq!(erased.cv_keys, [cv_key]);
    assert_eq!(erased.applications, 2);
    let after = store.places_holding(MARKER).await.expect("scan");
    assert!(after.is_empty(), "personal data survived in {after:?}");
    let lower = store
        .places_holding(&MARKER.to_lowercase())
        .await
        .expect("scan");
    assert!(lower.is_empty(), "personal data survived in {lower:?}");
    assert!(store.user(marked.id).await.expect("user").is_none());
    assert!(
        store
            .candidate_data(marked.id)
            .await
            .expect("export")
            .is_none()
    );
    // Statistics keep anonymous rows.
    let rows = store.all_applications_of_offer(offer).await.expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].candidate.as_ref(), rows[0].status),
        (None, ApplicationStatus::Refused)
    );
    assert!(rows[0].motivation.is_empty() && rows[0].comment.is_empty() && rows[0].cv.is_none());
    assert!(store.notes(sent.id).await.expect("notes").is_empty());
    // Others' data stays.
    assert!(store.user(witness.id).await.expect("user").is_some());
    assert_eq!(store.outbox_counts().await.expect("outbox").waiting, 1);
    assert!(
        store
            .erase_candidate(marked.id)
            .await
            .expect("again")
            .is_none()
    );
    assert!(
        store
            .erase_candidate(recruiter.id)
            .await
            .expect("agent")
            .is_none()
    );
}

/// Applications refused or withdrawn before the limit lose their personal data; open ones
/// and recent ones keep it; CVs nobody uses any more go.
pub async fn retention_purges_closed_applications(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    let old = account(store, "ancienne@example.org", AccountKind::Candidate).await;
    let recent = account(store, "recente@example.org", AccountKind::Candidate).await;
    let mut ids = Vec::new();
    for (i, user) in [&old, &recent].into_iter().enumerate() {
        let offer = published_offer(store, ministry.id, &format!("offre-{i}")).await;
        let first_cv = cv(store, user, &format!("cv/{i}-premier"), 10).await;
        let sent = store
            .apply(
                &application(user, Target::Offer(offer), Some(first_cv), 100),
                &mail(user, "a"),
            )
            .await
            .expect("apply");
        // A second CV replaces the first in the profile: the application keeps the first.
        cv(store, user, &format!("cv/{i}-second"), 20).await;
        let refused_at = if i == 0 { 1_000 } else { 9_000 };
        store
            .add_note(sent.id, &recruiter, ministry.id, "note", 150)
            .await
            .expect("note");
        store
            .move_application(sent.id, &refusal(), Some(recruiter.id), refused_at, None)
            .await
            .expect("refuse");
        let open_offer = published_offer(store, ministry.id, &format!("ouverte-{i}")).await;
        store
            .apply(
                &application(user, Target::Offer(open_offer), None, 100),
                &mail(user, "a"),
            )
            .await
            .expect("apply");
        ids.push(sent.id);
    }
    let purged = store.purge_closed_applications(5_000).await.expect("purge");
    assert_eq!(purged.applications, 1);
    assert_eq!(purged.cv_keys, ["cv/0-premier"]);
    let gone = store.application(ids[0]).await.expect("read").expect("row");
    assert_eq!(
        (gone.candidate, gone.motivation.as_str(), gone.cv),
        (None, "", None)
    );
    assert!(store.notes(ids[0]).await.expect("notes").is_empty());
    let kept = store.application(ids[1]).await.expect("read").expect("row");
    assert!(kept.candidate.is_some() && kept.cv.is_some());
    assert_eq!(
        store
            .applications_of_candidate(old.id)
            .await
            .expect("mine")
            .len(),
        1
    );
    let keys = store.cv_keys().await.expect("keys");
    assert_eq!(keys, ["cv/0-second", "cv/1-premier", "cv/1-second"]);
    let again = store.purge_closed_applications(5_000).await.expect("purge");
    assert_eq!((again.applications, again.cv_keys.len()), (0, 0));
}

/// Pool members inactive too long are warned once, then taken out unless they came back.
pub async fn inactive_pool_members_are_warned_then_expired(store: &dyn Store) {
    let sleeping = account(store, "dort@example.org", AccountKind::Candidate).await;
    let back = account(store, "revient@example.org", AccountKind::Candidate).await;
    let active = account(store, "active@example.org", AccountKind::Candidate).await;
    let outside = account(store, "dehors@example.org", AccountKind::Candidate).await;
    for user in [&sleeping, &back] {
        store.set_pool(user.id, true, 1_000).await.expect("pool");
    }
    store.set_pool(active.id, true, 8_000).await.expect("pool");
    store
        .touch_candidate(outside.id, 1_000)
        .await
        .expect("touch");

    let to_warn = store
        .inactive_pool_members(5_000, true, 10)
        .await
        .expect("warn");
    let mut ids: Vec<_> = to_warn.iter().map(|u| u.id).collect();
    ids.sort();
    assert_eq!(ids, [sleeping.id, back.id]);
    let waiting = store.outbox_counts().await.expect("outbox").waiting;
    for user in &to_warn {
        assert!(
            store
                .warn_pool_member(user.id, 5_000, &mail(user, "bientôt"))
                .await
                .expect("warn")
        );
        // Once: another node warning them too writes nothing.
        assert!(
            !store
                .warn_pool_member(user.id, 5_000, &mail(user, "bientôt"))
                .await
                .expect("warn")
        );
    }
    assert!(
        !store
            .warn_pool_member(outside.id, 5_000, &mail(&outside, "bientôt"))
            .await
            .expect("not in the pool")
    );
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        waiting + 2
    );
    assert!(
        store
            .inactive_pool_members(5_000, true, 10)
            .await
            .expect("warn")
            .is_empty()
    );
    assert_eq!(
        store
            .inactive_pool_members(5_000, false, 10)
            .await
            .expect("all")
            .len(),
        2
    );
    store
        .touch_candidate(back.id, 6_000)
        .await
        .expect("came back");
    let stale = store
        .inactive_pool_members(5_500, false, 10)
        .await
        .expect("expire");
    assert_eq!(
        stale.iter().map(|u| u.id).collect::<Vec<_>>(),
        [sleeping.id]
    );
    let waiting = store.outbox_counts().await.expect("outbox").waiting;
    assert!(
        store
            .expire_pool_member(sleeping.id, 5_500, &mail(&sleeping, "fin"))
            .await
            .expect("expire")
    );
    assert!(
        !store
            .expire_pool_member(back.id, 5_500, &mail(&back, "fin"))
            .await
            .expect("expire")
    );
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        waiting + 1
    );
    let read = store
        .candidate(sleeping.id)
        .await
        .expect("read")
        .expect("candidate");
    assert_eq!((read.pool_since, read.pool_warned_at), (None, None));
    let read = store
        .candidate(back.id)
        .await
        .expect("read")
        .expect("candidate");
    assert_eq!((read.pool_since, read.pool_warned_at), (Some(1_000), None));
}
