//! Rows of the candidates' tables and their conversion; shared by both backends.

use time::Date;
use url::Url;
use vivier_domain::candidate::{AlertFrequency, ApplicationStatus, Profile, RefusalReason, Target};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;
use vivier_domain::{DomainId, Email, JobFamilyId, OfferId, OrganisationId, UserId};

use super::{Application, ApplicationCandidate, ApplicationEvent, Cv, Note, SavedSearch};
use crate::{StoreError, StoreResult};

/// `kind` of an application to an offer.
pub const KIND_OFFER: &str = "offre";
/// `kind` of a spontaneous application to an organisation.
pub const KIND_ORGANISATION: &str = "organisation";
/// `kind` of a spontaneous application to the State.
pub const KIND_STATE: &str = "etat";

/// The statuses in which an application is still open, as SQL.
pub const OPEN_STATUSES: &str = "('nouvelle', 'examen', 'entretien', 'proposition')";

/// Selects an application with its candidate, offer and CV; callers add `WHERE …`.
pub const APPLICATION_SELECT: &str = "SELECT a.id, a.candidate_id, u.display_name AS candidate_name, \
    u.email AS candidate_email, a.kind, a.offer_id, a.organisation_id AS spontaneous_org, \
    o.organisation_id AS offer_org, o.title AS offer_title, o.slug AS offer_slug, a.motivation, a.status, a.reasons, \
    a.comment, a.created_at, a.updated_at, a.first_answer_at, c.id AS cv_id, \
    c.user_id AS cv_user, c.storage_key AS cv_key, c.filename AS cv_filename, \
    c.bytes AS cv_bytes, c.pages AS cv_pages, c.uploaded_at AS cv_uploaded_at \
    FROM applications a LEFT JOIN users u ON u.id = a.candidate_id \
    LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN cvs c ON c.id = a.cv_id";

/// The organisation an application goes to, as a SQL expression on [`APPLICATION_SELECT`].
pub const APPLICATION_ORG: &str = "COALESCE(o.organisation_id, a.organisation_id)";

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub candidate_id: Option<i64>,
    pub candidate_name: Option<String>,
    pub candidate_email: Option<String>,
    pub kind: String,
    pub offer_id: Option<i64>,
    pub spontaneous_org: Option<i64>,
    pub offer_org: Option<i64>,
    pub offer_title: Option<String>,
    pub offer_slug: Option<String>,
    pub motivation: String,
    pub status: String,
    pub reasons: String,
    pub comment: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub first_answer_at: Option<i64>,
    pub cv_id: Option<i64>,
    pub cv_user: Option<i64>,
    pub cv_key: Option<String>,
    pub cv_filename: Option<String>,
    pub cv_bytes: Option<i64>,
    pub cv_pages: Option<i64>,
    pub cv_uploaded_at: Option<i64>,
}

/// Parses a stored status.
pub fn status(code: &str) -> StoreResult<ApplicationStatus> {
    ApplicationStatus::from_code(code)
        .ok_or_else(|| StoreError::corrupt("applications", format!("status {code:?}")))
}

/// Parses stored refusal reasons.
pub fn reasons(codes: &str) -> StoreResult<Vec<RefusalReason>> {
    codes
        .split(',')
        .filter(|code| !code.is_empty())
        .map(|code| {
            RefusalReason::from_code(code)
                .ok_or_else(|| StoreError::corrupt("applications", format!("reason {code:?}")))
        })
        .collect()
}

/// Refusal reasons as stored.
pub fn reason_codes(reasons: &[RefusalReason]) -> String {
    reasons
        .iter()
        .map(|reason| reason.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The `kind`, `offer_id` and `organisation_id` columns of a target.
pub fn target_columns(target: Target) -> (&'static str, Option<i64>, Option<i64>) {
    match target {
        Target::Offer(offer) => (KIND_OFFER, Some(offer.0), None),
        Target::Organisation(org) => (KIND_ORGANISATION, None, Some(org.0)),
        Target::State => (KIND_STATE, None, None),
    }
}

impl TryFrom<ApplicationRow> for Application {
    type Error = StoreError;

    fn try_from(row: ApplicationRow) -> StoreResult<Self> {
        let target = match (row.kind.as_str(), row.offer_id, row.spontaneous_org) {
            // A deleted offer leaves its applications pointing nowhere: id 0 is never used.
            (KIND_OFFER, offer, _) => Target::Offer(OfferId(offer.unwrap_or(0))),
            (KIND_ORGANISATION, _, Some(org)) => Target::Organisation(OrganisationId(org)),
            (KIND_STATE, _, _) => Target::State,
            (kind, _, _) => {
                return Err(StoreError::corrupt(
                    "applications",
                    format!("kind {kind:?} of {}", row.id),
                ));
            }
        };
        let candidate = match (row.candidate_id, row.candidate_name, row.candidate_email) {
            (Some(id), Some(name), Some(email)) => Some(ApplicationCandidate {
                user: UserId(id),
                name,
                email: Email::parse(&email)
                    .map_err(|_| StoreError::corrupt("users", format!("e-mail of {id}")))?,
            }),
            _ => None,
        };
        let cv = match (
            row.cv_id,
            row.cv_user,
            row.cv_key,
            row.cv_filename,
            row.cv_bytes,
            row.cv_pages,
            row.cv_uploaded_at,
        ) {
            (
                Some(id),
                Some(user),
                Some(key),
                Some(filename),
                Some(bytes),
                Some(pages),
                Some(at),
            ) => Some(Cv {
                id,
                user: UserId(user),
                key,
                filename,
                bytes,
                pages,
                uploaded_at: at,
            }),
            _ => None,
        };
        Ok(Self {
            id: row.id,
            candidate,
            target,
            organisation: row.offer_org.or(row.spontaneous_org).map(OrganisationId),
            offer_title: row.offer_title,
            offer_slug: row.offer_slug,
            motivation: row.motivation,
            cv,
            status: status(&row.status)?,
            reasons: reasons(&row.reasons)?,
            comment: row.comment,
            created_at: row.created_at,
            updated_at: row.updated_at,
            first_answer_at: row.first_answer_at,
        })
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct CvRow {
    pub id: i64,
    pub user_id: i64,
    pub storage_key: String,
    pub filename: String,
    pub bytes: i64,
    pub pages: i64,
    pub uploaded_at: i64,
}

/// Selects a CV row; callers add `WHERE …`.
pub const CV_SELECT: &str =
    "SELECT id, user_id, storage_key, filename, bytes, pages, uploaded_at FROM cvs";

impl From<CvRow> for Cv {
    fn from(row: CvRow) -> Self {
        Self {
            id: row.id,
            user: UserId(row.user_id),
            key: row.storage_key,
            filename: row.filename,
            bytes: row.bytes,
            pages: row.pages,
            uploaded_at: row.uploaded_at,
        }
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub user_id: i64,
    pub phone: Option<String>,
    pub region: Option<String>,
    pub current_job: String,
    pub experience_years: Option<i64>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
    pub portfolio: Option<String>,
    pub available_from: Option<String>,
    pub cv_id: Option<i64>,
    pub pool_since: Option<i64>,
    pub pool_warned_at: Option<i64>,
    pub last_active_at: i64,
}

/// Selects a profile row; callers add `WHERE …` on `p`.
pub const PROFILE_SELECT: &str = "SELECT p.user_id, p.phone, p.region, p.current_job, \
    p.experience_years, p.linkedin, p.github, p.portfolio, p.available_from, p.cv_id, \
    p.pool_since, p.pool_warned_at, p.last_active_at FROM candidate_profiles p";

/// The profile list kinds of `profile_choices`.
pub const CHOICE_CONTRACT: &str = "contract";
pub const CHOICE_FAMILY: &str = "family";
pub const CHOICE_DOMAIN: &str = "domain";
pub const CHOICE_HIDDEN: &str = "hidden";

fn url(value: Option<String>) -> StoreResult<Option<Url>> {
    value
        .map(|v| Url::parse(&v).map_err(|_| StoreError::corrupt("candidate_profiles", "url")))
        .transpose()
}

fn number<T: std::str::FromStr>(value: &str) -> StoreResult<T> {
    value
        .parse()
        .map_err(|_| StoreError::corrupt("profile_choices", format!("value {value:?}")))
}

impl ProfileRow {
    /// The profile of this row and its lists (`(kind, value)` pairs of `profile_choices`).
    pub fn into_profile(self, choices: Vec<(String, String)>) -> StoreResult<Profile> {
        let mut profile = Profile {
            phone: self.phone,
            region: self.region.map(|r| RegionCode::parse(&r)).transpose()?,
            current_job: self.current_job,
            experience_years: self
                .experience_years
                .map(|y| u8::try_from(y).unwrap_or(u8::MAX)),
            linkedin: url(self.linkedin)?,
            github: url(self.github)?,
            portfolio: url(self.portfolio)?,
            available_from: self
                .available_from
                .map(|d| {
                    Date::parse(&d, &time::format_description::well_known::Iso8601::DATE)
                        .map_err(|_| StoreError::corrupt("candidate_profiles", "available_from"))
                })
                .transpose()?,
            ..Profile::default()
        };
        for (kind, value) in choices {
            match kind.as_str() {
                CHOICE_CONTRACT => profile.contracts.push(
                    ContractType::from_code(&value)
                        .ok_or_else(|| StoreError::corrupt("profile_choices", "contract"))?,
                ),
                CHOICE_FAMILY => profile.families.push(JobFamilyId(number(&value)?)),
                CHOICE_DOMAIN => profile.domains.push(DomainId(number(&value)?)),
                CHOICE_HIDDEN => profile.hidden_from.push(OrganisationId(number(&value)?)),
                other => {
                    return Err(StoreError::corrupt(
                        "profile_choices",
                        format!("kind {other:?}"),
                    ));
                }
            }
        }
        profile.contracts.sort();
        profile.families.sort();
        profile.domains.sort();
        profile.hidden_from.sort();
        Ok(profile)
    }
}

/// The `profile_choices` rows of a profile.
pub fn choices(profile: &Profile) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    rows.extend(
        profile
            .contracts
            .iter()
            .map(|c| (CHOICE_CONTRACT, c.code().to_owned())),
    );
    rows.extend(
        profile
            .families
            .iter()
            .map(|f| (CHOICE_FAMILY, f.0.to_string())),
    );
    rows.extend(
        profile
            .domains
            .iter()
            .map(|d| (CHOICE_DOMAIN, d.0.to_string())),
    );
    rows.extend(
        profile
            .hidden_from
            .iter()
            .map(|o| (CHOICE_HIDDEN, o.0.to_string())),
    );
    rows.sort();
    rows.dedup();
    rows
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reasons: String,
    pub comment: String,
}

impl TryFrom<EventRow> for ApplicationEvent {
    type Error = StoreError;

    fn try_from(row: EventRow) -> StoreResult<Self> {
        Ok(Self {
            at: row.at,
            actor: row.actor_id.map(UserId),
            from: row.from_status.as_deref().map(status).transpose()?,
            to: status(&row.to_status)?,
            reasons: reasons(&row.reasons)?,
            comment: row.comment,
        })
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub organisation_id: Option<i64>,
    pub body: String,
    pub created_at: i64,
}

impl From<NoteRow> for Note {
    fn from(row: NoteRow) -> Self {
        Self {
            id: row.id,
            author: row.author_id.map(UserId),
            author_name: row.author_name,
            organisation: row.organisation_id.map(OrganisationId),
            body: row.body,
            at: row.created_at,
        }
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct SavedSearchRow {
    pub id: i64,
    pub user_id: i64,
    pub label: String,
    pub query: String,
    pub frequency: String,
    pub created_at: i64,
    pub last_sent_at: i64,
    pub next_due_at: i64,
}

/// Selects a saved search; callers add `WHERE …`.
pub const SAVED_SEARCH_SELECT: &str = "SELECT id, user_id, label, query, frequency, created_at, \
    last_sent_at, next_due_at FROM saved_searches";

impl TryFrom<SavedSearchRow> for SavedSearch {
    type Error = StoreError;

    fn try_from(row: SavedSearchRow) -> StoreResult<Self> {
        Ok(Self {
            id: row.id,
            user: UserId(row.user_id),
            label: row.label,
            query: row.query,
            frequency: AlertFrequency::from_code(&row.frequency).ok_or_else(|| {
                StoreError::corrupt("saved_searches", format!("frequency {:?}", row.frequency))
            })?,
            created_at: row.created_at,
            last_sent_at: row.last_sent_at,
            next_due_at: row.next_due_at,
        })
    }
}

/// When an alert of this frequency is next due after `now` (far away when it is never sent).
pub fn next_due(frequency: AlertFrequency, now: i64) -> i64 {
    frequency
        .period_seconds()
        .map_or(i64::MAX / 2, |period| now.saturating_add(period))
}
