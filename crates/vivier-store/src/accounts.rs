//! Accounts and what keeps them safe: users and their memberships, server-side sessions,
//! single-use tokens, the mail outbox, the audit log, rate-limit counters and shared secrets.
//!
//! Times that SQL compares are Unix seconds ([`UnixTime`]), identical on both backends; times
//! people read are timestamps.

use async_trait::async_trait;
use time::OffsetDateTime;
use vivier_domain::account::{AccountKind, Membership, OrgRole, Principal};
use vivier_domain::{Email, OrganisationId, UserId};

use crate::{StoreError, StoreResult};

mod identities;
mod sql;

#[doc(hidden)]
pub use identities::PendingLoginRow;
pub use identities::{Identity, PendingLogin};

/// Seconds since the Unix epoch.
pub type UnixTime = i64;

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: String,
    pub kind: AccountKind,
    /// Argon2id PHC string; `None` for an account that signs in only through OpenID Connect.
    pub password_hash: Option<String>,
    pub email_verified: bool,
    pub disabled: bool,
    pub is_admin: bool,
    pub created_at: OffsetDateTime,
    /// Sorted.
    pub memberships: Vec<Membership>,
}

impl User {
    /// What the authorization policy reads of this account.
    pub fn principal(&self) -> Principal {
        Principal {
            user: self.id,
            kind: self.kind,
            is_admin: self.is_admin,
            memberships: self.memberships.clone(),
        }
    }
}

/// An account as it is created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub kind: AccountKind,
    pub password_hash: Option<String>,
    pub email_verified: bool,
}

/// One change to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    PasswordHash(String),
    DisplayName(String),
    /// Disabling an account also ends its sessions.
    Disabled(bool),
    Admin(bool),
    /// Grants (`true`) or withdraws a role in an organisation.
    Membership(Membership, bool),
}

/// Why a single-use token was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Proves the account's e-mail address.
    VerifyEmail,
    /// Lets the owner choose a new password.
    ResetPassword,
    /// Proves a new e-mail address before it replaces the old one.
    ChangeEmail,
}

impl TokenPurpose {
    /// Stable code (storage).
    pub fn code(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
        }
    }
}

/// A token as it is issued. Only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub hash: String,
    pub user: UserId,
    pub purpose: TokenPurpose,
    /// For [`TokenPurpose::ChangeEmail`]: the address to switch to.
    pub new_email: Option<Email>,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

/// Redeeming a single-use token: it is deleted whatever happens next, and its effect is applied
/// in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redemption<'a> {
    pub hash: &'a str,
    pub purpose: TokenPurpose,
    pub now: UnixTime,
    /// For [`TokenPurpose::ResetPassword`]: the new password's hash.
    pub password_hash: Option<&'a str>,
}

/// Why a token could not be redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemRefusal {
    /// Never issued, already used, or issued for something else.
    Unknown,
    /// Issued, but too old.
    Expired,
    /// The new e-mail address was taken in the meantime.
    EmailTaken,
}

/// A session as it starts. Only the hash of the cookie's token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user: UserId,
    pub now: UnixTime,
    /// The absolute end of the session, whatever its activity.
    pub expires_at: UnixTime,
    pub ip: String,
    pub user_agent: String,
}

/// A live session with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    pub expires_at: UnixTime,
    pub user: User,
}

/// An e-mail to send, HTML and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// For a mail the recipient may stop (an alert): the HTTPS address that unsubscribes in one
    /// click, sent as the `List-Unsubscribe` header with `List-Unsubscribe-Post` (RFC 8058).
    pub list_unsubscribe: Option<String>,
}

/// An e-mail of the outbox, claimed by a sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    /// Attempts so far, this one included.
    pub attempts: u32,
    pub mail: OutgoingMail,
}

/// What became of an attempt to send a [`QueuedMail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// A transient failure: try again at `retry_at`.
    Retry {
        error: String,
        retry_at: UnixTime,
    },
    /// The server refused the message for good (kept, with the reason, for an administrator).
    Abandoned {
        error: String,
    },
}

/// The outbox's state, for administrators and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub waiting: u64,
    pub sent: u64,
    pub abandoned: u64,
}

/// Whether an audited action was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditOutcome {
    Allowed,
    Denied,
}

impl AuditOutcome {
    /// Stable code (storage).
    pub fn code(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Denied => "denied",
        }
    }
}

/// One line of the audit log: who did what to which object, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: Option<UserId>,
    /// The actor as a reader knows them (their e-mail), or "visiteur".
    pub actor_label: String,
    /// What was done or attempted (`login`, `access`, `role.grant`…).
    pub action: String,
    /// What it was done to (a path, `user:12`…).
    pub object: String,
    pub outcome: AuditOutcome,
    pub ip: String,
    pub detail: String,
}

/// A line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: OffsetDateTime,
    pub entry: AuditEntry,
}

/// The account side of Vivier's storage; every method is one transaction.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an account. [`StoreError::Conflict`] if the e-mail address (without case) is taken.
    async fn create_user(&self, user: &NewUser) -> StoreResult<User>;

    /// The account with this id.
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;

    /// The account with this e-mail address, compared without case.
    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>>;

    /// Changes an account. [`StoreError::NotFound`] if there is none.
    async fn update_user(&self, id: UserId, change: &UserChange) -> StoreResult<User>;

    /// Deletes an account with its sessions, tokens and memberships; `false` if there was none.
    async fn delete_user(&self, id: UserId) -> StoreResult<bool>;

    /// Stores a single-use token, replacing the user's earlier ones for the same purpose, and
    /// queues the mail that carries it, in one transaction.
    async fn issue_token(&self, token: &NewToken, mail: &OutgoingMail) -> StoreResult<()>;

    /// Deletes the token and applies its effect: the e-mail marked verified, the new password
    /// set (and every session ended), or the new e-mail set and verified. Gives the account as it
    /// is afterwards.
    async fn redeem_token(
        &self,
        redemption: &Redemption<'_>,
    ) -> StoreResult<Result<User, RedeemRefusal>>;

    /// Starts a session.
    async fn create_session(&self, session: &NewSession) -> StoreResult<()>;

    /// The session with this token hash and its account, whatever its age (the caller decides).
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;

    /// Records activity on a session.
    async fn touch_session(&self, token_hash: &str, now: UnixTime) -> StoreResult<()>;

    /// Ends one session.
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;

    /// Ends every session of a user; gives how many ended.
    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64>;

    /// Queues an e-mail on its own.
    async fn enqueue_mail(&self, mail: &OutgoingMail) -> StoreResult<()>;

    /// Claims up to `limit` e-mails due at `now` for `lease` seconds: another sender will not
    /// take them until then, nor ever once they are sent.
    async fn claim_mail(
        &self,
        now: UnixTime,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<QueuedMail>>;

    /// Records what became of an attempt.
    async fn record_delivery(&self, id: i64, delivery: &Delivery) -> StoreResult<()>;

    /// How many e-mails wait, were sent, were abandoned.
    async fn outbox_counts(&self) -> StoreResult<OutboxCounts>;

    /// Deletes the e-mails sent or abandoned before `before` (they hold addresses and names):
    /// the outbox keeps what still waits and a recent history only. Gives how many went.
    async fn purge_sent_mail(&self, before: OffsetDateTime) -> StoreResult<u64>;

    /// Appends to the audit log.
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;

    /// The audit log, most recent first: at most `limit` lines with an id below `before`.
    async fn audit_log(&self, before: Option<i64>, limit: u32) -> StoreResult<Vec<AuditRecord>>;

    /// Counts one more hit in `bucket`'s window starting at `window_start`; gives the window's
    /// count, this hit included.
    async fn hit_rate_limit(&self, bucket: &str, window_start: UnixTime) -> StoreResult<u32>;

    /// Deletes what has expired by `now`: sessions, tokens, and rate-limit windows that started
    /// before `windows_before`.
    async fn purge_expired(&self, now: UnixTime, windows_before: UnixTime) -> StoreResult<()>;

    /// The shared secret named `name`, set to `candidate` if it has none yet: every node reads
    /// the value the first one wrote.
    async fn shared_secret(&self, name: &str, candidate: &str) -> StoreResult<String>;

    /// Records a sign-in sent to an OpenID Connect provider. [`StoreError::Conflict`] if its
    /// state is already waiting.
    async fn save_pending_login(&self, login: &PendingLogin) -> StoreResult<()>;

    /// Takes (deletes and gives) the sign-in waiting with this state hash, if the same browser
    /// started it; a second call finds nothing. Expired ones are given too: the caller decides.
    async fn take_pending_login(
        &self,
        state_hash: &str,
        browser_hash: &str,
    ) -> StoreResult<Option<PendingLogin>>;

    /// The account an identity (issuer, subject) signs in, if it is linked to one.
    async fn identity_user(&self, issuer: &str, subject: &str) -> StoreResult<Option<User>>;

    /// The identities linked to an account.
    async fn identities_of(&self, user: UserId) -> StoreResult<Vec<Identity>>;

    /// Links an identity to an existing account. [`StoreError::Conflict`] if the identity is
    /// linked already or the account has one at this issuer; [`StoreError::NotFound`] if there
    /// is no such account.
    async fn link_identity(
        &self,
        user: UserId,
        identity: &Identity,
        now: UnixTime,
    ) -> StoreResult<()>;

    /// Creates an account and links an identity to it, in one transaction.
    /// [`StoreError::Conflict`] if the address is taken or the identity linked already.
    async fn create_user_with_identity(
        &self,
        user: &NewUser,
        identity: &Identity,
        now: UnixTime,
    ) -> StoreResult<User>;
}

/// The key accounts are unique on: the address without case.
pub fn email_key(email: &Email) -> String {
    email.as_str().to_lowercase()
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub kind: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<OffsetDateTime>,
    pub disabled_at: Option<OffsetDateTime>,
    pub is_admin: bool,
    pub created_at: OffsetDateTime,
}

#[doc(hidden)]
pub const USER_SELECT: &str = "users.id, users.email, users.display_name, users.kind, \
    users.password_hash, users.email_verified_at, users.disabled_at, users.is_admin, \
    users.created_at";

impl UserRow {
    #[doc(hidden)]
    pub fn into_user(self, memberships: Vec<(i64, String)>) -> StoreResult<User> {
        let mut memberships = memberships
            .into_iter()
            .map(|(organisation, role)| {
                Ok(Membership {
                    organisation: OrganisationId(organisation),
                    role: OrgRole::from_code(&role).ok_or_else(|| {
                        StoreError::corrupt("memberships", format!("unknown role {role:?}"))
                    })?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        memberships.sort();
        Ok(User {
            id: UserId(self.id),
            email: Email::parse(&self.email)
                .map_err(|_| StoreError::corrupt("users", format!("bad e-mail of {}", self.id)))?,
            display_name: self.display_name,
            kind: AccountKind::from_code(&self.kind).ok_or_else(|| {
                StoreError::corrupt("users", format!("unknown kind {:?}", self.kind))
            })?,
            password_hash: self.password_hash,
            email_verified: self.email_verified_at.is_some(),
            disabled: self.disabled_at.is_some(),
            is_admin: self.is_admin,
            created_at: self.created_at,
            memberships,
        })
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub outcome: String,
    pub ip: String,
    pub detail: String,
}

#[doc(hidden)]
pub const AUDIT_SELECT: &str = "id, at, actor_id, actor, action, object, outcome, ip, detail";

impl TryFrom<AuditRow> for AuditRecord {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> StoreResult<Self> {
        let outcome = match row.outcome.as_str() {
            "allowed" => AuditOutcome::Allowed,
            "denied" => AuditOutcome::Denied,
            other => {
                return Err(StoreError::corrupt(
                    "audit_log",
                    format!("outcome {other:?}"),
                ));
            }
        };
        Ok(Self {
            id: row.id,
            at: row.at,
            entry: AuditEntry {
                actor: row.actor_id.map(UserId),
                actor_label: row.actor,
                action: row.action,
                object: row.object,
                outcome,
                ip: row.ip,
                detail: row.detail,
            },
        })
    }
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct MailRow {
    pub id: i64,
    pub attempts: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub list_unsubscribe: Option<String>,
}

impl TryFrom<MailRow> for QueuedMail {
    type Error = StoreError;

    fn try_from(row: MailRow) -> StoreResult<Self> {
        Ok(Self {
            id: row.id,
            attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
            mail: OutgoingMail {
                to: Email::parse(&row.recipient).map_err(|_| {
                    StoreError::corrupt("outbox", format!("recipient of {}", row.id))
                })?,
                subject: row.subject,
                text: row.text_body,
                html: row.html_body,
                list_unsubscribe: row.list_unsubscribe,
            },
        })
    }
}
