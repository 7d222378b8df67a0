//! The contract of what recruiters read beyond one offer's applications — spontaneous
//! applications, the pool, notes, proposals, the dashboard — and of saved searches.

use vivier_domain::UserId;
use vivier_domain::account::AccountKind;
use vivier_domain::candidate::{AlertFrequency, ApplicationStatus, Target, Transition};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;

use super::candidates::{account, application, full_profile, mail, published_offer};
use super::{full_offer, organisation};
use crate::candidates::{CandidateSearch, NewSavedSearch, Proposal};
use crate::{Store, StoreError};

fn to(status: ApplicationStatus) -> Transition {
    Transition {
        to: status,
        reasons: Vec::new(),
        comment: String::new(),
    }
}

/// Spontaneous applications and the pool are searched by the profile's fields, and never show
/// a candidate to an organisation they hid from.
pub async fn candidates_are_searched_and_hidden_where_they_asked(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let direction = organisation(store, "direction", Some(ministry.id)).await;
    let armees = organisation(store, "armees", None).await;
    let family = full_offer(store, ministry.id, "x")
        .await
        .job_family_id
        .expect("family");
    let open = account(store, "ouverte@example.org", AccountKind::Candidate).await;
    let hiding = account(store, "discrete@example.org", AccountKind::Candidate).await;
    let junior = account(store, "junior@example.org", AccountKind::Candidate).await;
    store
        .save_profile(open.id, &full_profile(vec![family], Vec::new()), 100)
        .await
        .expect("p");
    store
        .save_profile(
            hiding.id,
            &full_profile(vec![family], vec![ministry.id]),
            200,
        )
        .await
        .expect("p");
    let mut young = full_profile(Vec::new(), Vec::new());
    young.experience_years = Some(1);
    young.contracts = vec![ContractType::Apprentissage];
    young.region = Some(RegionCode::parse("94").expect("region"));
    store.save_profile(junior.id, &young, 300).await.expect("p");
    for user in [&open, &hiding, &junior] {
        store.set_pool(user.id, true, 400).await.expect("pool");
        store
            .apply(
                &application(user, Target::State, None, 500),
                &mail(user, "s"),
            )
            .await
            .expect("apply");
    }
    store
        .apply(
            &application(&open, Target::Organisation(armees.id), None, 600),
            &mail(&open, "s"),
        )
        .await
        .expect("apply");

    let everyone = CandidateSearch {
        per_page: 50,
        ..CandidateSearch::default()
    };
    assert_eq!(store.pool(&everyone).await.expect("pool").total, 3);
    // The direction is under the ministry: the hiding candidate is out.
    let from_direction = CandidateSearch {
        hidden_from_any: vec![direction.id, ministry.id],
        ..everyone.clone()
    };
    let seen = store.pool(&from_direction).await.expect("pool");
    let ids: Vec<UserId> = seen.candidates.iter().map(|c| c.user.id).collect();
    assert_eq!(seen.total, 2);
    assert!(!ids.contains(&hiding.id));
    let from_armees = CandidateSearch {
        hidden_from_any: vec![armees.id],
        ..everyone.clone()
    };
    assert_eq!(store.pool(&from_armees).await.expect("pool").total, 3);
    let experienced = CandidateSearch {
        min_experience: Some(5),
        ..everyone.clone()
    };
    assert_eq!(store.pool(&experienced).await.expect("pool").total, 2);
    let apprentice = CandidateSearch {
        contract: Some(ContractType::Apprentissage),
        ..everyone.clone()
    };
    assert_eq!(
        store.pool(&apprentice).await.expect("pool").candidates[0]
            .user
            .id,
        junior.id
    );
    let corsica = CandidateSearch {
        region: RegionCode::parse("94").ok(),
        ..everyone.clone()
    };
    assert_eq!(store.pool(&corsica).await.expect("pool").total, 1);
    let by_family = CandidateSearch {
        family: Some(family),
        ..everyone.clone()
    };
    assert_eq!(store.pool(&by_family).await.expect("pool").total, 2);

    let (found, total) = store
        .spontaneous_applications(&[direction.id, ministry.id], &from_direction)
        .await
        .expect("spontaneous");
    assert_eq!(
        (total, found.len()),
        (2, 2),
        "the State's, minus the hiding one"
    );
    let (found, total) = store
        .spontaneous_applications(&[armees.id], &from_armees)
        .await
        .expect("spontaneous");
    assert_eq!(total, 4, "three to the State and one to the armées");
    assert!(
        found
            .iter()
            .any(|(a, _)| a.target == Target::Organisation(armees.id))
    );
    store.set_pool(junior.id, false, 700).await.expect("out");
    assert_eq!(store.pool(&everyone).await.expect("pool").total, 2);
}

/// Notes stay on their application, a proposal is made once, and the dashboard counts.
pub async fn notes_proposals_and_dashboard(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let elsewhere = organisation(store, "ailleurs", None).await;
    let offer = published_offer(store, ministry.id, "offre").await;
    let foreign = published_offer(store, elsewhere.id, "etrangere").await;
    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    let camille = account(store, "camille@example.org", AccountKind::Candidate).await;
    let sent = store
        .apply(
            &application(&camille, Target::Offer(offer), None, 1_000),
            &mail(&camille, "a"),
        )
        .await
        .expect("apply");
    store
        .apply(
            &application(&camille, Target::Offer(foreign), None, 1_000),
            &mail(&camille, "a"),
        )
        .await
        .expect("apply");
    store
        .apply(
            &application(&camille, Target::Organisation(ministry.id), None, 50),
            &mail(&camille, "a"),
        )
        .await
        .expect("apply");
    let note = store
        .add_note(sent.id, &recruiter, ministry.id, "Très bon profil.", 1_100)
        .await
        .expect("note");
    assert_eq!(note.author_name, recruiter.display_name);
    assert_eq!(note.organisation, Some(ministry.id));
    assert_eq!(store.notes(sent.id).await.expect("notes"), [note]);
    let orphan = store
        .add_note(999_999, &recruiter, ministry.id, "x", 1_100)
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound(_))), "{orphan:?}");

    let proposal = Proposal {
        offer,
        candidate: camille.id,
        by: recruiter.id,
        now: 1_200,
    };
    store
        .propose(&proposal, &mail(&camille, "p"))
        .await
        .expect("propose");
    let again = store.propose(&proposal, &mail(&camille, "p")).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

    store
        .move_application(
            sent.id,
            &to(ApplicationStatus::Reviewing),
            Some(recruiter.id),
            1_600,
            None,
        )
        .await
        .expect("move");
    let board = store
        .dashboard(&[ministry.id], 500)
        .await
        .expect("dashboard");
    assert_eq!((board.live_offers, board.received_since), (1, 1));
    let mut counts = board.by_status.clone();
    counts.sort();
    assert_eq!(
        counts,
        [
            (ApplicationStatus::New, 1),
            (ApplicationStatus::Reviewing, 1)
        ]
    );
    assert_eq!(board.first_answer_delays, [600]);
}

/// Saved searches fall due by their frequency, and an alert sets its next run.
pub async fn saved_searches_and_their_alerts(store: &dyn Store) {
    let camille = account(store, "camille@example.org", AccountKind::Candidate).await;
    let daily = store
        .save_search(&NewSavedSearch {
            user: camille.id,
            label: "Rust à Paris".into(),
            query: "q=rust&region=11".into(),
            frequency: AlertFrequency::Daily,
            now: 1_000,
        })
        .await
        .expect("save");
    let weekly = store
        .save_search(&NewSavedSearch {
            user: camille.id,
            label: "Données".into(),
            query: "q=donnees".into(),
            frequency: AlertFrequency::Weekly,
            now: 1_000,
        })
        .await
        .expect("save");
    assert_eq!(
        store.saved_searches(camille.id).await.expect("list").len(),
        2
    );
    assert!(
        store
            .due_alerts(1_000 + 86_399, 10)
            .await
            .expect("due")
            .is_empty()
    );
    let due = store.due_alerts(1_000 + 86_400, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].0.id, due[0].1.id), (daily.id, camille.id));
    let waiting = store.outbox_counts().await.expect("outbox").waiting;
    assert!(
        store
            .record_alert(daily.id, 90_000, Some(&mail(&camille, "alerte")))
            .await
            .expect("record")
    );
    // Another node handling the same alert at the same time sends nothing.
    assert!(
        !store
            .record_alert(daily.id, 90_000, Some(&mail(&camille, "alerte")))
            .await
            .expect("record")
    );
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        waiting + 1
    );
    let read = store
        .saved_search(daily.id)
        .await
        .expect("read")
        .expect("search");
    assert_eq!(
        (read.last_sent_at, read.next_due_at),
        (90_000, 90_000 + 86_400)
    );
    assert_eq!(
        store
            .due_alerts(1_000 + 7 * 86_400, 10)
            .await
            .expect("due")
            .len(),
        2
    );
    assert!(
        store
            .set_alert_frequency(weekly.id, AlertFrequency::Never, 2_000)
            .await
            .expect("set")
    );
    assert!(
        store
            .due_alerts(i64::MAX / 4, 10)
            .await
            .expect("due")
            .iter()
            .all(|(s, _)| s.id != weekly.id)
    );
    assert!(store.delete_saved_search(weekly.id).await.expect("delete"));
    assert!(!store.delete_saved_search(weekly.id).await.expect("delete"));
    assert!(
        !store
            .set_alert_frequency(weekly.id, AlertFrequency::Daily, 1)
            .await
            .expect("set")
    );
}

/// What the recruiters' pages read in one query: how many applications each offer has, the
/// candidates' phone numbers for an export; and a note keeps its organisation, which follows a
/// merge.
pub async fn application_counts_phones_and_note_organisations(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let old = organisation(store, "ancienne", Some(ministry.id)).await;
    let busy = published_offer(store, ministry.id, "demandee").await;
    let quiet = published_offer(store, ministry.id, "calme").await;
    let other = published_offer(store, old.id, "autre").await;
    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    let mut candidates = Vec::new();
    for i in 0..3 {
        let user = account(store, &format!("c{i}@example.org"), AccountKind::Candidate).await;
        store
            .apply(
                &application(&user, Target::Offer(busy), None, 100 + i),
                &mail(&user, "a"),
            )
            .await
            .expect("apply");
        candidates.push(user);
    }
    let sent = store
        .apply(
            &application(&candidates[0], Target::Offer(other), None, 200),
            &mail(&candidates[0], "a"),
        )
        .await
        .expect("apply");
    assert_eq!(
        store
            .application_counts(&[quiet, other, busy])
            .await
            .expect("counts"),
        [(busy, 3), (other, 1)]
    );
    assert!(
        store
            .application_counts(&[])
            .await
            .expect("counts")
            .is_empty()
    );

    let mut with_phone = full_profile(Vec::new(), Vec::new());
    with_phone.phone = Some("+33 6 12 34 56 78".into());
    store
        .save_profile(candidates[1].id, &with_phone, 300)
        .await
        .expect("profile");
    let mut without = with_phone.clone();
    without.phone = None;
    store
        .save_profile(candidates[2].id, &without, 300)
        .await
        .expect("profile");
    let ids: Vec<UserId> = candidates.iter().map(|c| c.id).collect();
    assert_eq!(
        store.candidate_phones(&ids).await.expect("phones"),
        [(candidates[1].id, "+33 6 12 34 56 78".to_owned())]
    );
    assert!(
        store
            .candidate_phones(&[])
            .await
            .expect("phones")
            .is_empty()
    );

    store
        .add_note(sent.id, &recruiter, old.id, "Profil solide.", 400)
        .await
        .expect("note");
    store
        .merge_organisations(old.id, ministry.id)
        .await
        .expect("merge");
    let notes = store.notes(sent.id).await.expect("notes");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].organisation, Some(ministry.id));
}
