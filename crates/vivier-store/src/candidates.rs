//! Candidates' side of storage: profiles, CVs (their rows; the files live in an object store),
//! applications with their history and the recruiters' notes, proposals, saved searches and
//! alerts, and what personal-data rights need: an export, an erasure and retention purges.
//!
//! Times are Unix seconds ([`UnixTime`]) everywhere here: SQL compares them on both backends.

use async_trait::async_trait;
use vivier_domain::candidate::{
    AlertFrequency, ApplicationStatus, Profile, RefusalReason, Target, Transition,
};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;
use vivier_domain::{Email, JobFamilyId, OfferId, OrganisationId, UserId};

use crate::StoreResult;
use crate::accounts::{OutgoingMail, UnixTime, User};

mod privacy;
mod queries;
mod rows;
mod search;
mod sql;

#[doc(hidden)]
pub use rows::*;

/// A stored CV. Its bytes are in the object store under `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cv {
    pub id: i64,
    pub user: UserId,
    pub key: String,
    /// The name the candidate's file had, for the download.
    pub filename: String,
    pub bytes: i64,
    pub pages: i64,
    pub uploaded_at: UnixTime,
}

/// A CV as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCv {
    pub user: UserId,
    pub key: String,
    pub filename: String,
    pub bytes: i64,
    pub pages: i64,
    pub now: UnixTime,
}

/// A candidate as they see themselves and recruiters see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub user: User,
    pub profile: Profile,
    /// The CV the profile offers, if any.
    pub cv: Option<Cv>,
    /// Since when the candidate is in the talent pool; `None` when they are not.
    pub pool_since: Option<UnixTime>,
    /// When the candidate last did something (signed in, changed their profile, applied).
    pub last_active_at: UnixTime,
    /// When the candidate was warned that their pool entry ends soon.
    pub pool_warned_at: Option<UnixTime>,
}

/// An application as a candidate sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub candidate: UserId,
    pub target: Target,
    pub motivation: String,
    pub cv: Option<i64>,
    pub now: UnixTime,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    /// `None` once personal data is removed (retention or erasure).
    pub candidate: Option<ApplicationCandidate>,
    pub target: Target,
    /// The organisation it goes to: the offer's, the spontaneous target, or none for the State.
    pub organisation: Option<OrganisationId>,
    /// The offer's title, for an application to an offer that still exists.
    pub offer_title: Option<String>,
    /// The offer's slug, for an application to an offer that still exists.
    pub offer_slug: Option<String>,
    pub motivation: String,
    pub cv: Option<Cv>,
    pub status: ApplicationStatus,
    pub reasons: Vec<RefusalReason>,
    pub comment: String,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
    /// When a recruiter first moved it out of [`ApplicationStatus::New`].
    pub first_answer_at: Option<UnixTime>,
}

/// Who sent an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationCandidate {
    pub user: UserId,
    pub name: String,
    pub email: Email,
}

/// One change of an application's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub at: UnixTime,
    /// `None` for the candidate's own actions and for removed accounts.
    pub actor: Option<UserId>,
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub reasons: Vec<RefusalReason>,
    pub comment: String,
}

/// A recruiter's note on an application; the candidate never sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub author: Option<UserId>,
    pub author_name: String,
    /// The organisation it was written for: its recruiters and those above it read it. `None`
    /// for notes written before notes had one.
    pub organisation: Option<OrganisationId>,
    pub body: String,
    pub at: UnixTime,
}

/// Which applications of an offer a recruiter lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    /// Any of these (all when empty).
    pub statuses: Vec<ApplicationStatus>,
    /// Received at or after.
    pub since: Option<UnixTime>,
    /// Received before.
    pub until: Option<UnixTime>,
    /// Candidates who named this job family in their profile.
    pub family: Option<JobFamilyId>,
    /// 0-based.
    pub page: u32,
    pub per_page: u32,
}

/// A page of an offer's applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationPage {
    pub applications: Vec<Application>,
    /// How many match the filter, all pages together.
    pub total: u64,
    /// How many of the offer's applications are in each status, whatever the filter.
    pub by_status: Vec<(ApplicationStatus, u64)>,
}

/// Which candidates a recruiter looks for, among spontaneous applications or in the pool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateSearch {
    pub family: Option<JobFamilyId>,
    pub region: Option<RegionCode>,
    pub min_experience: Option<u8>,
    pub contract: Option<ContractType>,
    /// The organisation the recruiter acts for and every one above it: candidates who hid
    /// their profile from any of them are left out.
    pub hidden_from_any: Vec<OrganisationId>,
    /// 0-based.
    pub page: u32,
    pub per_page: u32,
}

/// A page of candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidatePage {
    pub candidates: Vec<Candidate>,
    pub total: u64,
}

/// A recruiter's suggestion to a pool candidate to apply to an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub offer: OfferId,
    pub candidate: UserId,
    pub by: UserId,
    pub now: UnixTime,
}

/// What a recruiter's dashboard counts for a set of organisations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dashboard {
    pub live_offers: u64,
    pub received_since: u64,
    /// Open applications (and final ones) in each status.
    pub by_status: Vec<(ApplicationStatus, u64)>,
    /// Seconds between receipt and the first answer, one per answered application.
    pub first_answer_delays: Vec<i64>,
}

/// A saved search of `/offres-emploi` and its alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    pub id: i64,
    pub user: UserId,
    pub label: String,
    /// The query string of `/offres-emploi`, without `?`.
    pub query: String,
    pub frequency: AlertFrequency,
    pub created_at: UnixTime,
    /// The alert's last mail, or its creation: offers published after it are new.
    pub last_sent_at: UnixTime,
    pub next_due_at: UnixTime,
}

/// A saved search as it is created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSavedSearch {
    pub user: UserId,
    pub label: String,
    pub query: String,
    pub frequency: AlertFrequency,
    pub now: UnixTime,
}

/// Everything Vivier holds about a candidate, for their export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateData {
    pub candidate: Candidate,
    pub cvs: Vec<Cv>,
    pub applications: Vec<(Application, Vec<ApplicationEvent>)>,
    pub saved_searches: Vec<SavedSearch>,
}

/// What removing personal data left to do outside the database: the CV files to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub cv_keys: Vec<String>,
    /// Applications whose personal data went.
    pub applications: u64,
}

/// The candidates' side of storage; every method is one transaction.
#[async_trait]
pub trait CandidateStore: Send + Sync {
    /// The candidate account with its profile (blank if never filled) and pool state; `None`
    /// for an unknown id or an agent account.
    async fn candidate(&self, user: UserId) -> StoreResult<Option<Candidate>>;

    /// Replaces a candidate's profile and records activity.
    async fn save_profile(&self, user: UserId, profile: &Profile, now: UnixTime)
    -> StoreResult<()>;

    /// Records activity (a sign-in): the pool entry's retention starts again.
    async fn touch_candidate(&self, user: UserId, now: UnixTime) -> StoreResult<()>;

    /// Enters (`true`) or leaves the talent pool.
    async fn set_pool(&self, user: UserId, member: bool, now: UnixTime) -> StoreResult<()>;

    /// Stores a CV's row and makes it the profile's CV.
    async fn add_cv(&self, cv: &NewCv) -> StoreResult<Cv>;

    /// The CV with this id.
    async fn cv(&self, id: i64) -> StoreResult<Option<Cv>>;

    /// Records an application, its first event and the acknowledgement mail.
    /// [`StoreError::Conflict`](crate::StoreError::Conflict) if the candidate has one already
    /// for this offer (withdrawn ones aside) or an open one to this organisation.
    async fn apply(
        &self,
        application: &NewApplication,
        mail: &OutgoingMail,
    ) -> StoreResult<Application>;

    /// The application with this id.
    async fn application(&self, id: i64) -> StoreResult<Option<Application>>;

    /// Its history, oldest first.
    async fn application_events(&self, id: i64) -> StoreResult<Vec<ApplicationEvent>>;

    /// A candidate's applications, newest first.
    async fn applications_of_candidate(&self, user: UserId) -> StoreResult<Vec<Application>>;

    /// A page of an offer's applications, newest first.
    async fn applications_of_offer(
        &self,
        offer: OfferId,
        filter: &ApplicationFilter,
    ) -> StoreResult<ApplicationPage>;

    /// How many applications each of these offers received (offers without any are left out).
    async fn application_counts(&self, offers: &[OfferId]) -> StoreResult<Vec<(OfferId, u64)>>;

    /// The phone numbers these candidates gave (those without one are left out): the export of
    /// an offer's applications reads them in one query.
    async fn candidate_phones(&self, users: &[UserId]) -> StoreResult<Vec<(UserId, String)>>;

    /// Every application of an offer, oldest first (the export).
    async fn all_applications_of_offer(&self, offer: OfferId) -> StoreResult<Vec<Application>>;

    /// Moves an application, records the event and queues the mail, if any. The rule of
    /// [`ApplicationStatus::recruiter_may_move_to`] (or [`ApplicationStatus::may_withdraw`] for a
    /// withdrawal) is checked against the stored status: [`StoreError::Invalid`](crate::StoreError::Invalid)
    /// otherwise.
    async fn move_application(
        &self,
        id: i64,
        transition: &Transition,
        actor: Option<UserId>,
        now: UnixTime,
        mail: Option<&OutgoingMail>,
    ) -> StoreResult<Application>;

    /// Adds a note, written for `organisation`.
    async fn add_note(
        &self,
        application: i64,
        author: &User,
        organisation: OrganisationId,
        body: &str,
        now: UnixTime,
    ) -> StoreResult<Note>;

    /// The notes of an application, oldest first.
    async fn notes(&self, application: i64) -> StoreResult<Vec<Note>>;

    /// Open spontaneous applications to these organisations or to the State, newest first,
    /// with their candidates matching `search`.
    async fn spontaneous_applications(
        &self,
        organisations: &[OrganisationId],
        search: &CandidateSearch,
    ) -> StoreResult<(Vec<(Application, Candidate)>, u64)>;

    /// Candidates in the talent pool matching `search`, most recently active first.
    async fn pool(&self, search: &CandidateSearch) -> StoreResult<CandidatePage>;

    /// Records a proposal and queues its mail. [`StoreError::Conflict`](crate::StoreError::Conflict)
    /// if this candidate was already proposed this offer.
    async fn propose(&self, proposal: &Proposal, mail: &OutgoingMail) -> StoreResult<()>;

    /// The dashboard of a set of organisations.
    async fn dashboard(
        &self,
        organisations: &[OrganisationId],
        received_since: UnixTime,
    ) -> StoreResult<Dashboard>;

    /// Saves a search.
    async fn save_search(&self, search: &NewSavedSearch) -> StoreResult<SavedSearch>;

    /// A candidate's saved searches, newest first.
    async fn saved_searches(&self, user: UserId) -> StoreResult<Vec<SavedSearch>>;

    /// The saved search with this id.
    async fn saved_search(&self, id: i64) -> StoreResult<Option<SavedSearch>>;

    /// Changes how often its alert is sent ([`AlertFrequency::Never`] stops it).
    async fn set_alert_frequency(
        &self,
        id: i64,
        frequency: AlertFrequency,
        now: UnixTime,
    ) -> StoreResult<bool>;

    /// Deletes a saved search.
    async fn delete_saved_search(&self, id: i64) -> StoreResult<bool>;

    /// Alerts due at `now`, with their candidates, at most `limit`.
    async fn due_alerts(&self, now: UnixTime, limit: u32) -> StoreResult<Vec<(SavedSearch, User)>>;

    /// Records that an alert was handled at `now`, queues its mail if any new offer was found,
    /// and sets its next run. Does nothing and answers `false` when the alert is not (or no
    /// longer) due at `now`: another node handled it first, or it was deleted.
    async fn record_alert(
        &self,
        id: i64,
        now: UnixTime,
        mail: Option<&OutgoingMail>,
    ) -> StoreResult<bool>;

    /// Everything about a candidate, for their export.
    async fn candidate_data(&self, user: UserId) -> StoreResult<Option<CandidateData>>;

    /// Erases a candidate: the account and everything personal about it. Applications stay as
    /// anonymous rows (status and dates) for statistics; notes on them go; mails waiting or
    /// sent to the address go; the audit log keeps the events with the actor renamed.
    async fn erase_candidate(&self, user: UserId) -> StoreResult<Option<Erased>>;

    /// Removes the personal data of applications refused (or withdrawn) before `before`.
    async fn purge_closed_applications(&self, before: UnixTime) -> StoreResult<Erased>;

    /// Pool members last active before `active_before` (only those not yet warned if
    /// `unwarned_only`), at most `limit`.
    async fn inactive_pool_members(
        &self,
        active_before: UnixTime,
        unwarned_only: bool,
        limit: u32,
    ) -> StoreResult<Vec<User>>;

    /// Marks a pool member warned and queues the warning; `false` (and nothing done) if they
    /// were warned already or left the pool.
    async fn warn_pool_member(
        &self,
        user: UserId,
        now: UnixTime,
        mail: &OutgoingMail,
    ) -> StoreResult<bool>;

    /// Takes a member out of the pool if they are still inactive since `active_before`, and
    /// queues the mail that tells them; `false` if they came back in the meantime.
    async fn expire_pool_member(
        &self,
        user: UserId,
        active_before: UnixTime,
        mail: &OutgoingMail,
    ) -> StoreResult<bool>;

    /// Every CV key the database knows (the files' orphan sweep).
    async fn cv_keys(&self) -> StoreResult<Vec<String>>;
}
