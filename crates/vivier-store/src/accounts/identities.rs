//! What OpenID Connect sign-in stores: the identities accounts sign in with, and the sign-ins
//! waiting for their provider's answer.

use super::UnixTime;

/// An identity at an OpenID Connect provider: the subject the issuer names the person with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The provider's issuer URL, as its ID tokens name it.
    pub issuer: String,
    /// The provider's stable identifier of the person (`sub`).
    pub subject: String,
    /// Which configured provider it came through (`candidats`, `agents`).
    pub provider: String,
}

/// A sign-in sent to a provider, waiting for the browser to come back with a code.
///
/// Only the hashes of the `state` and of the browser's binding cookie are kept; the nonce and
/// the PKCE verifier must be kept as they are, and live minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingLogin {
    /// SHA-256 of the `state` sent to the provider.
    pub state_hash: String,
    /// SHA-256 of the cookie that binds the sign-in to the browser that started it.
    pub browser_hash: String,
    /// Which configured provider (`candidats`, `agents`).
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go once signed in (a local path).
    pub next: Option<String>,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

#[doc(hidden)]
#[derive(Debug, sqlx::FromRow)]
pub struct PendingLoginRow {
    pub state_hash: String,
    pub browser_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
}

impl From<PendingLoginRow> for PendingLogin {
    fn from(row: PendingLoginRow) -> Self {
        Self {
            state_hash: row.state_hash,
            browser_hash: row.browser_hash,
            provider: row.provider,
            nonce: row.nonce,
            pkce_verifier: row.pkce_verifier,
            next: row.next_path,
            created_at: row.created_at,
            expires_at: row.expires_at,
        }
    }
}

/// The SQL of the identity methods of [`AccountStore`](super::AccountStore), as inherent methods
/// of the backend's store that its trait implementation calls; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __identities_sql {
    (store: $store:ty, conn: $conn:ty) => {
        mod identities {
            use super::*;
            use $crate::__private::vivier_domain::UserId;
            use $crate::accounts::{
                Identity, NewUser, PendingLogin, PendingLoginRow, USER_SELECT, UnixTime, User,
                UserRow, email_key,
            };

            async fn insert_identity(
                conn: &mut $conn,
                user: UserId,
                identity: &Identity,
                now: UnixTime,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO user_identities (issuer, subject, user_id, provider, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&identity.issuer)
                .bind(&identity.subject)
                .bind(user.0)
                .bind(&identity.provider)
                .bind(now)
                .execute(conn)
                .await
                .map_err(|e| StoreError::from_write(e, "identité"))?;
                Ok(())
            }

            impl $store {
                pub(crate) async fn sql_save_pending_login(&self, login: &PendingLogin) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO oidc_logins (state_hash, browser_hash, provider, nonce, \
                         pkce_verifier, next_path, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&login.state_hash)
                    .bind(&login.browser_hash)
                    .bind(&login.provider)
                    .bind(&login.nonce)
                    .bind(&login.pkce_verifier)
                    .bind(&login.next)
                    .bind(login.created_at)
                    .bind(login.expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(|e| StoreError::from_write(e, "connexion en attente"))?;
                    Ok(())
                }

                pub(crate) async fn sql_take_pending_login(
                    &self,
                    state_hash: &str,
                    browser_hash: &str,
                ) -> StoreResult<Option<PendingLogin>> {
                    let row = sqlx::query_as::<_, PendingLoginRow>(
                        "DELETE FROM oidc_logins WHERE state_hash = $1 AND browser_hash = $2 \
                         RETURNING state_hash, browser_hash, provider, nonce, pkce_verifier, \
                         next_path, created_at, expires_at",
                    )
                    .bind(state_hash)
                    .bind(browser_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(row.map(PendingLogin::from))
                }

                pub(crate) async fn sql_identity_user(
                    &self,
                    issuer: &str,
                    subject: &str,
                ) -> StoreResult<Option<User>> {
                    let id: Option<i64> = sqlx::query_scalar(
                        "SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2",
                    )
                    .bind(issuer)
                    .bind(subject)
                    .fetch_optional(&self.pool)
                    .await?;
                    match id {
                        Some(id) => $crate::accounts::AccountStore::user(self, UserId(id)).await,
                        None => Ok(None),
                    }
                }

                pub(crate) async fn sql_identities_of(&self, user: UserId) -> StoreResult<Vec<Identity>> {
                    let rows: Vec<(String, String, String)> = sqlx::query_as(
                        "SELECT issuer, subject, provider FROM user_identities WHERE user_id = $1 \
                         ORDER BY provider, issuer",
                    )
                    .bind(user.0)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(issuer, subject, provider)| Identity { issuer, subject, provider })
                        .collect())
                }

                pub(crate) async fn sql_link_identity(
                    &self,
                    user: UserId,
                    identity: &Identity,
                    now: UnixTime,
                ) -> StoreResult<()> {
                    self.write(async |conn| {
                        let exists = sqlx::query("SELECT 1 FROM users WHERE id = $1")
                            .bind(user.0)
                            .fetch_optional(&mut *conn)
                            .await?;
                        if exists.is_none() {
                            return Err(StoreError::NotFound(format!("compte {user}")));
                        }
                        insert_identity(conn, user, identity, now).await
                    })
                    .await
                }

                pub(crate) async fn sql_create_user_with_identity(
                    &self,
                    user: &NewUser,
                    identity: &Identity,
                    now: UnixTime,
                ) -> StoreResult<User> {
                    self.write(async |conn| {
                        let id = super::accounts::insert_user(conn, user).await?;
                        insert_identity(conn, id, identity, now).await?;
                        super::accounts::user_by_id(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("compte {}", id.0)))
                    })
                    .await
                }
            }
        }
    };
}
