//! The contract of [`CandidateStore`](crate::candidates::CandidateStore).

use time::macros::date;
use url::Url;
use vivier_domain::account::AccountKind;
use vivier_domain::candidate::{ApplicationStatus, Profile, RefusalReason, Target, Transition};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::{ContractType, OfferState};
use vivier_domain::{Email, JobFamilyId, OfferId, OrganisationId};

use super::{full_offer, organisation};
use crate::accounts::{NewUser, OutgoingMail, User};
use crate::candidates::{ApplicationFilter, NewApplication, NewCv};
use crate::{Store, StoreError};

pub(super) async fn account(store: &dyn Store, address: &str, kind: AccountKind) -> User {
    store
        .create_user(&NewUser {
            email: Email::parse(address).expect("e-mail"),
            display_name: format!("Nom {address}"),
            kind,
            password_hash: None,
            email_verified: true,
        })
        .await
        .expect("create user")
}

pub(super) fn mail(to: &User, subject: &str) -> OutgoingMail {
    OutgoingMail {
        list_unsubscribe: None,
        to: to.email.clone(),
        subject: subject.into(),
        text: subject.into(),
        html: format!("<p>{subject}</p>"),
    }
}

pub(super) async fn published_offer(
    store: &dyn Store,
    organisation: OrganisationId,
    slug: &str,
) -> OfferId {
    store
        .create_offer(&full_offer(store, organisation, slug).await)
        .await
        .expect("offer")
        .id
}

pub(super) async fn cv(store: &dyn Store, user: &User, key: &str, now: i64) -> i64 {
    store
        .add_cv(&NewCv {
            user: user.id,
            key: key.into(),
            filename: "cv.pdf".into(),
            bytes: 1234,
            pages: 2,
            now,
        })
        .await
        .expect("cv")
        .id
}

pub(super) fn application(
    user: &User,
    target: Target,
    cv: Option<i64>,
    now: i64,
) -> NewApplication {
    NewApplication {
        candidate: user.id,
        target,
        motivation: "Je souhaite rejoindre l’équipe ' OR 1=1 -- <b>".into(),
        cv,
        now,
    }
}

fn to(status: ApplicationStatus) -> Transition {
    Transition {
        to: status,
        reasons: Vec::new(),
        comment: String::new(),
    }
}

pub(super) fn full_profile(families: Vec<JobFamilyId>, hidden: Vec<OrganisationId>) -> Profile {
    Profile {
        phone: Some("+33 6 12 34 56 78".into()),
        region: Some(RegionCode::parse("11").expect("region")),
        current_job: "Développeuse".into(),
        experience_years: Some(6),
        contracts: vec![
            ContractType::TitulaireOuContractuel,
            ContractType::Freelance,
        ],
        families,
        domains: Vec::new(),
        linkedin: Some(Url::parse("https://www.linkedin.com/in/exemple").expect("url")),
        github: Some(Url::parse("https://github.com/exemple").expect("url")),
        portfolio: None,
        available_from: Some(date!(2027 - 01 - 04)),
        hidden_from: hidden,
    }
}

/// A profile starts blank, round-trips every field and list, and agents have none.
pub async fn candidate_profiles_round_trip(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let candidate = account(store, "camille@example.org", AccountKind::Candidate).await;
    let agent = account(store, "agent@numerique.gouv.fr", AccountKind::Agent).await;
    let blank = store
        .candidate(candidate.id)
        .await
        .expect("read")
        .expect("candidate");
    assert!(blank.profile.is_blank());
    assert_eq!((blank.cv, blank.pool_since), (None, None));
    assert!(store.candidate(agent.id).await.expect("read").is_none());

    let offer = full_offer(store, ministry.id, "x").await;
    let family = offer.job_family_id.expect("family");
    let profile = full_profile(vec![family], vec![ministry.id]);
    store
        .save_profile(candidate.id, &profile, 5_000)
        .await
        .expect("save");
    let read = store
        .candidate(candidate.id)
        .await
        .expect("read")
        .expect("candidate");
    assert_eq!(read.profile, profile);
    assert_eq!(read.last_active_at, 5_000);

    let fewer = Profile {
        contracts: vec![ContractType::Stage],
        hidden_from: Vec::new(),
        ..profile.clone()
    };
    store
        .save_profile(candidate.id, &fewer, 6_000)
        .await
        .expect("save");
    assert_eq!(
        store
            .candidate(candidate.id)
            .await
            .expect("read")
            .expect("c")
            .profile,
        fewer
    );

    let id = cv(store, &candidate, "cv/premier", 6_500).await;
    let read = store
        .candidate(candidate.id)
        .await
        .expect("read")
        .expect("c");
    assert_eq!(read.cv.as_ref().map(|cv| cv.id), Some(id));
    assert_eq!(read.cv.expect("cv").key, "cv/premier");
    store
        .set_pool(candidate.id, true, 7_000)
        .await
        .expect("pool");
    assert_eq!(
        store
            .candidate(candidate.id)
            .await
            .expect("r")
            .expect("c")
            .pool_since,
        Some(7_000)
    );
    store
        .set_pool(candidate.id, false, 7_100)
        .await
        .expect("pool");
    assert_eq!(
        store
            .candidate(candidate.id)
            .await
            .expect("r")
            .expect("c")
            .pool_since,
        None
    );
}

/// One application per offer (a withdrawn one aside), to published offers only, with the
/// candidate's own CV; the pipeline's rules hold in storage, every change leaves an event.
pub async fn applications_follow_their_pipeline(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let offer = published_offer(store, ministry.id, "offre").await;
    let camille = account(store, "camille@example.org", AccountKind::Candidate).await;
    let dominique = account(store, "dominique@example.org", AccountKind::Candidate).await;
    let own = cv(store, &camille, "cv/camille", 100).await;
    let other = cv(store, &dominique, "cv/dominique", 100).await;
    let sent_before = store.outbox_counts().await.expect("outbox").waiting;

    let theft = store
        .apply(
            &application(&camille, Target::Offer(offer), Some(other), 200),
            &mail(&camille, "a"),
        )
        .await;
    assert!(matches!(theft, Err(StoreError::NotFound(_))), "{theft:?}");
    let first = store
        .apply(
            &application(&camille, Target::Offer(offer), Some(own), 200),
            &mail(&camille, "a"),
        )
        .await
        .expect("apply");
    assert_eq!(first.status, ApplicationStatus::New);
    assert_eq!(first.organisation, Some(ministry.id));
    assert_eq!(first.cv.as_ref().map(|cv| cv.id), Some(own));
    assert_eq!(first.candidate.as_ref().map(|c| c.user), Some(camille.id));
    assert_eq!(
        first.motivation,
        "Je souhaite rejoindre l’équipe ' OR 1=1 -- <b>"
    );
    let twice = store
        .apply(
            &application(&camille, Target::Offer(offer), None, 201),
            &mail(&camille, "a"),
        )
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    assert_eq!(
        store.outbox_counts().await.expect("outbox").waiting,
        sent_before + 1
    );

    let mut data = full_offer(store, ministry.id, "fermee").await;
    data.state = OfferState::Cloturee;
    let closed = store.create_offer(&data).await.expect("offer").id;
    let late = store
        .apply(
            &application(&camille, Target::Offer(closed), None, 202),
            &mail(&camille, "a"),
        )
        .await;
    assert!(matches!(late, Err(StoreError::Invalid(_))), "{late:?}");
    let missing = store
        .apply(
            &application(&camille, Target::Offer(OfferId(999_999)), None, 202),
            &mail(&camille, "a"),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    let moved = store
        .move_application(
            first.id,
            &to(ApplicationStatus::Interview),
            Some(recruiter.id),
            300,
            Some(&mail(&camille, "entretien")),
        )
        .await
        .expect("move");
    assert_eq!(
        (moved.status, moved.first_answer_at),
        (ApplicationStatus::Interview, Some(300))
    );
    let refusal_without_reason = store
        .move_application(
            first.id,
            &to(ApplicationStatus::Refused),
            Some(recruiter.id),
            301,
            None,
        )
        .await;
    assert!(matches!(
        refusal_without_reason,
        Err(StoreError::Invalid(_))
    ));
    let refusal = Transition {
        to: ApplicationStatus::Refused,
        reasons: vec![RefusalReason::Filled, RefusalReason::Other],
        comment: "Un autre profil a été retenu.".into(),
    };
    let refused = store
        .move_application(first.id, &refusal, Some(recruiter.id), 400, None)
        .await
        .expect("refuse");
    assert_eq!(refused.reasons, refusal.reasons);
    assert_eq!(
        (refused.comment.as_str(), refused.first_answer_at),
        ("Un autre profil a été retenu.", Some(300))
    );
    let after_final = store
        .move_application(
            first.id,
            &to(ApplicationStatus::Reviewing),
            Some(recruiter.id),
            401,
            None,
        )
        .await;
    assert!(
        matches!(after_final, Err(StoreError::Invalid(_))),
        "{after_final:?}"
    );
    let withdraw_final = store
        .move_application(
            first.id,
            &to(ApplicationStatus::Withdrawn),
            Some(camille.id),
            401,
            None,
        )
        .await;
    assert!(matches!(withdraw_final, Err(StoreError::Invalid(_))));
    let events = store.application_events(first.id).await.expect("events");
    let path: Vec<_> = events.iter().map(|e| (e.from, e.to, e.at)).collect();
    assert_eq!(
        path,
        [
            (None, ApplicationStatus::New, 200),
            (
                Some(ApplicationStatus::New),
                ApplicationStatus::Interview,
                300
            ),
            (
                Some(ApplicationStatus::Interview),
                ApplicationStatus::Refused,
                400
            ),
        ]
    );
    assert_eq!(events[2].reasons, refusal.reasons);

    // Withdrawn, the candidate may apply again; refused, not.
    let second = store
        .apply(
            &application(&dominique, Target::Offer(offer), Some(other), 500),
            &mail(&dominique, "a"),
        )
        .await
        .expect("apply");
    let withdrawn = store
        .move_application(
            second.id,
            &to(ApplicationStatus::Withdrawn),
            Some(dominique.id),
            510,
            None,
        )
        .await
        .expect("withdraw");
    assert_eq!(
        (withdrawn.status, withdrawn.first_answer_at),
        (ApplicationStatus::Withdrawn, None)
    );
    store
        .apply(
            &application(&dominique, Target::Offer(offer), None, 520),
            &mail(&dominique, "a"),
        )
        .await
        .expect("apply again");
    let again = store
        .apply(
            &application(&camille, Target::Offer(offer), None, 520),
            &mail(&camille, "a"),
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

    // One open spontaneous application per target; a new one once it is closed.
    let spontaneous = store
        .apply(
            &application(&camille, Target::Organisation(ministry.id), None, 600),
            &mail(&camille, "s"),
        )
        .await
        .expect("spontaneous");
    assert_eq!(spontaneous.organisation, Some(ministry.id));
    let duplicate = store
        .apply(
            &application(&camille, Target::Organisation(ministry.id), None, 601),
            &mail(&camille, "s"),
        )
        .await;
    assert!(matches!(duplicate, Err(StoreError::Conflict(_))));
    store
        .apply(
            &application(&camille, Target::State, None, 602),
            &mail(&camille, "s"),
        )
        .await
        .expect("to the State");
    store
        .move_application(
            spontaneous.id,
            &to(ApplicationStatus::Withdrawn),
            Some(camille.id),
            603,
            None,
        )
        .await
        .expect("withdraw");
    store
        .apply(
            &application(&camille, Target::Organisation(ministry.id), None, 604),
            &mail(&camille, "s"),
        )
        .await
        .expect("again");

    let mine = store
        .applications_of_candidate(camille.id)
        .await
        .expect("mine");
    assert_eq!(mine.len(), 4);
    assert!(mine.windows(2).all(|w| w[0].created_at >= w[1].created_at));
}

/// An offer's applications are filtered by status, date and job family, paged, and counted.
pub async fn offer_applications_are_filtered_and_paged(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let offer = published_offer(store, ministry.id, "offre").await;
    let other = published_offer(store, ministry.id, "autre").await;
    let family = full_offer(store, ministry.id, "x")
        .await
        .job_family_id
        .expect("family");
    let recruiter = account(store, "rh@numerique.gouv.fr", AccountKind::Agent).await;
    for i in 0..12_i64 {
        let candidate = account(store, &format!("c{i}@example.org"), AccountKind::Candidate).await;
        if i % 3 == 0 {
            store
                .save_profile(candidate.id, &full_profile(vec![family], Vec::new()), 10)
                .await
                .expect("profile");
        }
        let sent = store
            .apply(
                &application(&candidate, Target::Offer(offer), None, 1_000 + i * 100),
                &mail(&candidate, "a"),
            )
            .await
            .expect("apply");
        if i % 2 == 0 {
            store
                .move_application(
                    sent.id,
                    &to(ApplicationStatus::Reviewing),
                    Some(recruiter.id),
                    5_000,
                    None,
                )
                .await
                .expect("move");
        }
    }
    let lone = account(store, "seul@example.org", AccountKind::Candidate).await;
    store
        .apply(
            &application(&lone, Target::Offer(other), None, 1_000),
            &mail(&lone, "a"),
        )
        .await
        .expect("apply");

    let all = ApplicationFilter {
        per_page: 5,
        ..ApplicationFilter::default()
    };
    let first = store
        .applications_of_offer(offer, &all)
        .await
        .expect("list");
    assert_eq!((first.total, first.applications.len()), (12, 5));
    assert_eq!(first.applications[0].created_at, 2_100, "newest first");
    let third = store
        .applications_of_offer(
            offer,
            &ApplicationFilter {
                page: 2,
                ..all.clone()
            },
        )
        .await
        .expect("list");
    assert_eq!(third.applications.len(), 2);
    let mut counts = first.by_status.clone();
    counts.sort();
    assert_eq!(
        counts,
        [
            (ApplicationStatus::New, 6),
            (ApplicationStatus::Reviewing, 6)
        ]
    );

    let reviewing = ApplicationFilter {
        statuses: vec![ApplicationStatus::Reviewing],
        per_page: 50,
        ..ApplicationFilter::default()
    };
    let page = store
        .applications_of_offer(offer, &reviewing)
        .await
        .expect("list");
    assert_eq!(page.total, 6);
    assert!(
        page.applications
            .iter()
            .all(|a| a.status == ApplicationStatus::Reviewing)
    );
    let dated = ApplicationFilter {
        since: Some(1_500),
        until: Some(1_900),
        per_page: 50,
        ..ApplicationFilter::default()
    };
    assert_eq!(
        store
            .applications_of_offer(offer, &dated)
            .await
            .expect("list")
            .total,
        4
    );
    let by_family = ApplicationFilter {
        family: Some(family),
        per_page: 50,
        ..ApplicationFilter::default()
    };
    assert_eq!(
        store
            .applications_of_offer(offer, &by_family)
            .await
            .expect("list")
            .total,
        4
    );
    assert_eq!(
        store
            .all_applications_of_offer(offer)
            .await
            .expect("all")
            .len(),
        12
    );
    assert_eq!(
        store
            .all_applications_of_offer(other)
            .await
            .expect("all")
            .len(),
        1
    );
}
