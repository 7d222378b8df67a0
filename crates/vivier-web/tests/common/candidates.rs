//! Candidates and their applications, seeded straight in the store (the candidates' own pages
//! are tested elsewhere): accounts, profiles, CVs, applications at a chosen time.

#![allow(dead_code, clippy::unwrap_used)]

use time::Date;
use url::Url;
use vivier_domain::account::AccountKind;
use vivier_domain::candidate::{ApplicationStatus, Profile, Target, Transition};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;
use vivier_domain::{Email, JobFamilyId, OrganisationId, UserId};
use vivier_store::accounts::{NewUser, OutgoingMail, User};
use vivier_store::candidates::{Application, NewApplication, NewCv};

use super::{TestApp, new_mails};

/// A candidate account named `name`.
pub async fn candidate(app: &TestApp, email: &str, name: &str) -> User {
    app.store
        .create_user(&NewUser {
            email: Email::parse(email).unwrap(),
            display_name: name.into(),
            kind: AccountKind::Candidate,
            password_hash: None,
            email_verified: true,
        })
        .await
        .unwrap()
}

/// A filled profile: Île-de-France, 6 years, these job families, hidden from `hidden`.
pub fn profile(families: Vec<JobFamilyId>, hidden: Vec<OrganisationId>) -> Profile {
    Profile {
        phone: Some("01 23 45 67 89".into()),
        region: Some(RegionCode::parse("11").unwrap()),
        current_job: "Développeuse back-end".into(),
        experience_years: Some(6),
        contracts: vec![ContractType::ContractuelUniquement],
        families,
        domains: Vec::new(),
        linkedin: Some(Url::parse("https://www.linkedin.com/in/camille").unwrap()),
        github: Some(Url::parse("https://github.com/camille").unwrap()),
        portfolio: None,
        available_from: Some(time::macros::date!(2027 - 01 - 04)),
        hidden_from: hidden,
    }
}

/// Saves `profile` for `user`.
pub async fn save_profile(app: &TestApp, user: &User, profile: &Profile) {
    app.store.save_profile(user.id, profile, 10).await.unwrap();
}

/// A CV row for `user` (the bytes are not needed).
pub async fn cv(app: &TestApp, user: &User) -> i64 {
    app.store
        .add_cv(&NewCv {
            user: user.id,
            key: format!("cv/{}", user.id.0),
            filename: "cv-camille.pdf".into(),
            bytes: 1_450_000,
            pages: 2,
            now: 10,
        })
        .await
        .unwrap()
        .id
}

/// `user` applies to `target` at `now` (the acknowledgement mail is drained from the outbox).
pub async fn apply(
    app: &TestApp,
    user: &User,
    target: Target,
    motivation: &str,
    cv: Option<i64>,
    now: i64,
) -> Application {
    let mail = OutgoingMail {
        list_unsubscribe: None,
        to: user.email.clone(),
        subject: "Accusé de réception".into(),
        text: "Reçu.".into(),
        html: "<p>Reçu.</p>".into(),
    };
    let sent = app
        .store
        .apply(
            &NewApplication {
                candidate: user.id,
                target,
                motivation: motivation.into(),
                cv,
                now,
            },
            &mail,
        )
        .await
        .unwrap();
    new_mails(app.store.as_ref()).await;
    sent
}

/// Moves an application in the store, as `actor` at `now`, without a mail.
pub async fn move_to(
    app: &TestApp,
    id: i64,
    to: ApplicationStatus,
    actor: Option<UserId>,
    now: i64,
) -> Application {
    app.store
        .move_application(
            id,
            &Transition {
                to,
                reasons: Vec::new(),
                comment: String::new(),
            },
            actor,
            now,
            None,
        )
        .await
        .unwrap()
}

/// Unix time of `hour`:00 in Paris (winter time, UTC+1) on `date`.
pub fn paris(date: Date, hour: u8) -> i64 {
    date.with_hms(hour, 0, 0)
        .unwrap()
        .assume_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap())
        .unix_timestamp()
}

/// The job family with this slug, from the test board.
pub async fn family(app: &TestApp, slug: &str) -> JobFamilyId {
    app.store
        .job_families()
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.slug.as_str() == slug)
        .unwrap()
        .id
}
