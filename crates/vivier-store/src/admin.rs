//! What the back office reads and writes beyond single accounts: access requests (an agent
//! asks for a role in an organisation, an administrator decides), the search of accounts, and
//! the merge of two organisations.

use async_trait::async_trait;
use time::OffsetDateTime;
use vivier_domain::account::{AccountKind, OrgRole};
use vivier_domain::{Email, OrganisationId, UserId};

use crate::StoreResult;
use crate::accounts::{OutgoingMail, User};

mod sql;

/// Where an access request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Pending,
    Approved,
    Refused,
}

impl RequestStatus {
    /// Stable code (storage).
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Refused => "refused",
        }
    }

    /// The status of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Refused]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "en attente",
            Self::Approved => "acceptée",
            Self::Refused => "refusée",
        }
    }
}

/// An access request as an agent sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccessRequest {
    pub user: UserId,
    pub organisation: OrganisationId,
    pub role: OrgRole,
    /// At most 1,000 characters.
    pub message: String,
}

/// A stored access request, with its requester as people know them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequest {
    pub id: i64,
    pub user: UserId,
    pub user_email: Email,
    pub user_name: String,
    pub organisation: OrganisationId,
    pub role: OrgRole,
    pub message: String,
    pub status: RequestStatus,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<OffsetDateTime>,
    pub refusal_reason: Option<String>,
    pub created_at: OffsetDateTime,
}

/// An administrator's answer to an access request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub by: UserId,
    /// Approve (grants the role) or refuse.
    pub approve: bool,
    /// Why it was refused, if said.
    pub reason: Option<String>,
}

/// Which access requests to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub user: Option<UserId>,
}

/// A search of accounts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserSearch {
    /// Part of the name or of the e-mail address, without case.
    pub text: Option<String>,
    pub kind: Option<AccountKind>,
    pub offset: u64,
    pub limit: u32,
}

/// One page of a search of accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPage {
    /// By name, then id.
    pub users: Vec<User>,
    /// How many accounts match, on every page.
    pub total: u64,
}

/// The back office's side of Vivier's storage; every method is one transaction.
#[async_trait]
pub trait AdminStore: Send + Sync {
    /// Records an access request and queues `mails` (the reviewers' notices) with it.
    /// [`StoreError::Conflict`](crate::StoreError::Conflict) if the same user already has a
    /// pending request for the same organisation and role; nothing is written then.
    async fn create_access_request(
        &self,
        request: &NewAccessRequest,
        mails: &[OutgoingMail],
    ) -> StoreResult<AccessRequest>;

    /// The access request with this id.
    async fn access_request(&self, id: i64) -> StoreResult<Option<AccessRequest>>;

    /// Access requests matching `filter`, most recent first, at most `limit`.
    async fn access_requests(
        &self,
        filter: &RequestFilter,
        limit: u32,
    ) -> StoreResult<Vec<AccessRequest>>;

    /// Decides a pending request and queues `mail` (the requester's answer), in one
    /// transaction: on approval the role is granted and every session of the requester ends.
    /// `Ok(Err(status))` when it was already decided (nothing written);
    /// [`StoreError::NotFound`](crate::StoreError::NotFound) when there is no such request.
    async fn decide_access_request(
        &self,
        id: i64,
        decision: &Decision,
        mail: &OutgoingMail,
    ) -> StoreResult<Result<AccessRequest, RequestStatus>>;

    /// Who reviews requests for these organisations: Vivier's administrators and the
    /// administrators of any of them, enabled accounts only, by id.
    async fn reviewers_of(&self, organisations: &[OrganisationId]) -> StoreResult<Vec<User>>;

    /// Accounts matching a search, one page of them.
    async fn search_users(&self, search: &UserSearch) -> StoreResult<UserPage>;

    /// How many sessions a user has open (expired ones not yet purged included).
    async fn session_count(&self, user: UserId) -> StoreResult<u64>;

    /// How many offers (every state) each organisation publishes; organisations without any
    /// are left out.
    async fn offer_counts(&self) -> StoreResult<Vec<(OrganisationId, u64)>>;

    /// Merges `from` into `into`: its offers, memberships, access requests, sub-organisations
    /// and testimonies move to `into`, then `from` is deleted. Refuses
    /// ([`StoreError::Invalid`](crate::StoreError::Invalid)) to merge an organisation into
    /// itself or into one under it; [`StoreError::NotFound`](crate::StoreError::NotFound) if
    /// either is missing.
    async fn merge_organisations(
        &self,
        from: OrganisationId,
        into: OrganisationId,
    ) -> StoreResult<()>;
}

#[doc(hidden)]
pub const REQUEST_SELECT: &str = "r.id, r.user_id, u.email, u.display_name, r.organisation_id, \
    r.role, r.message, r.status, r.decided_by, r.decided_at, r.refusal_reason, r.created_at \
    FROM access_requests r JOIN users u ON u.id = r.user_id";

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub organisation_id: i64,
    pub role: String,
    pub message: String,
    pub status: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<OffsetDateTime>,
    pub refusal_reason: Option<String>,
    pub created_at: OffsetDateTime,
}

impl TryFrom<RequestRow> for AccessRequest {
    type Error = crate::StoreError;

    fn try_from(row: RequestRow) -> StoreResult<Self> {
        let corrupt = |what: String| crate::StoreError::corrupt("access_requests", what);
        Ok(Self {
            id: row.id,
            user: UserId(row.user_id),
            user_email: Email::parse(&row.email)
                .map_err(|_| corrupt(format!("e-mail of request {}", row.id)))?,
            user_name: row.display_name,
            organisation: OrganisationId(row.organisation_id),
            role: OrgRole::from_code(&row.role)
                .ok_or_else(|| corrupt(format!("role {:?}", row.role)))?,
            message: row.message,
            status: RequestStatus::from_code(&row.status)
                .ok_or_else(|| corrupt(format!("status {:?}", row.status)))?,
            decided_by: row.decided_by.map(UserId),
            decided_at: row.decided_at,
            refusal_reason: row.refusal_reason,
            created_at: row.created_at,
        })
    }
}

/// The LIKE pattern that finds `text` anywhere, lower-cased, with `\` escaping.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
