//! The SQL of [`AccountStore`](crate::accounts::AccountStore), expanded by each backend.

/// Implements [`AccountStore`](crate::accounts::AccountStore) for `$store` inside
/// [`impl_sql_store!`](crate::impl_sql_store)'s module; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __accounts_sql {
    (store: $store:ty, conn: $conn:ty) => {
        mod accounts {
            use super::*;
            use $crate::__private::vivier_domain::account::Membership;
            use $crate::__private::vivier_domain::{Email, UserId};
            use $crate::accounts::{
                AUDIT_SELECT, AuditEntry, AuditRecord, AuditRow, Delivery, MailRow, NewSession,
                Identity, NewToken, NewUser, OutboxCounts, PendingLogin, OutgoingMail, QueuedMail, RedeemRefusal,
                Redemption, Session, TokenPurpose, USER_SELECT, UnixTime, User, UserChange,
                UserRow, email_key,
            };

            /// Completes a user row with its memberships.
            async fn with_memberships(conn: &mut $conn, row: Option<UserRow>) -> StoreResult<Option<User>> {
                let Some(row) = row else { return Ok(None) };
                let memberships: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT organisation_id, role FROM memberships WHERE user_id = $1",
                )
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await?;
                row.into_user(memberships).map(Some)
            }

            pub(super) async fn user_by_id(conn: &mut $conn, id: UserId) -> StoreResult<Option<User>> {
                let sql = format!("SELECT {USER_SELECT} FROM users WHERE id = $1");
                let row = sqlx::query_as::<_, UserRow>(&sql)
                    .bind(id.0)
                    .fetch_optional(&mut *conn)
                    .await?;
                with_memberships(conn, row).await
            }

            async fn user_by_key(conn: &mut $conn, key: String) -> StoreResult<Option<User>> {
                let sql = format!("SELECT {USER_SELECT} FROM users WHERE email_key = $1");
                let row = sqlx::query_as::<_, UserRow>(&sql)
                    .bind(key)
                    .fetch_optional(&mut *conn)
                    .await?;
                with_memberships(conn, row).await
            }

            /// Inserts an account (a taken address is a conflict); gives its id.
            pub(super) async fn insert_user(conn: &mut $conn, user: &NewUser) -> StoreResult<UserId> {
                let now = OffsetDateTime::now_utc();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (email, email_key, display_name, kind, password_hash, \
                     email_verified_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(user.email.as_str())
                .bind(email_key(&user.email))
                .bind(&user.display_name)
                .bind(user.kind.code())
                .bind(&user.password_hash)
                .bind(user.email_verified.then_some(now))
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(|e| StoreError::from_write(e, "compte"))?;
                Ok(UserId(id))
            }

            pub(super) async fn queue(conn: &mut $conn, mail: &OutgoingMail, now: UnixTime) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO outbox \
                     (recipient, subject, text_body, html_body, list_unsubscribe, created_at, due_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(mail.to.as_str())
                .bind(&mail.subject)
                .bind(&mail.text)
                .bind(&mail.html)
                .bind(mail.list_unsubscribe.as_deref())
                .bind(OffsetDateTime::now_utc())
                .bind(now)
                .execute(conn)
                .await?;
                Ok(())
            }

            fn unix_now() -> UnixTime {
                OffsetDateTime::now_utc().unix_timestamp()
            }

            async fn set_email(conn: &mut $conn, user: UserId, email: &Email) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE users SET email = $1, email_key = $2, email_verified_at = $3, \
                     updated_at = $3 WHERE id = $4",
                )
                .bind(email.as_str())
                .bind(email_key(email))
                .bind(OffsetDateTime::now_utc())
                .bind(user.0)
                .execute(conn)
                .await
                .map_err(|e| StoreError::from_write(e, "adresse électronique"))?;
                Ok(())
            }

            #[$crate::__private::async_trait]
            impl $crate::accounts::AccountStore for $store {
                async fn create_user(&self, user: &NewUser) -> StoreResult<User> {
                    self.write(async |conn| {
                        let id = insert_user(conn, user).await?;
                        user_by_id(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("compte {id}")))
                    })
                    .await
                }

                async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
                    let mut conn = self.pool.acquire().await?;
                    user_by_id(&mut conn, id).await
                }

                async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
                    let mut conn = self.pool.acquire().await?;
                    user_by_key(&mut conn, email_key(email)).await
                }

                async fn update_user(&self, id: UserId, change: &UserChange) -> StoreResult<User> {
                    self.write(async |conn| {
                        let now = OffsetDateTime::now_utc();
                        let exists = sqlx::query("UPDATE users SET updated_at = $1 WHERE id = $2")
                            .bind(now)
                            .bind(id.0)
                            .execute(&mut *conn)
                            .await?
                            .rows_affected();
                        if exists == 0 {
                            return Err(StoreError::NotFound(format!("compte {id}")));
                        }
                        match change {
                            UserChange::PasswordHash(hash) => {
                                sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                                    .bind(hash)
                                    .bind(id.0)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                            UserChange::DisplayName(name) => {
                                sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
                                    .bind(name)
                                    .bind(id.0)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                            UserChange::Disabled(disabled) => {
                                sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
                                    .bind(disabled.then_some(now))
                                    .bind(id.0)
                                    .execute(&mut *conn)
                                    .await?;
                                if *disabled {
                                    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                                        .bind(id.0)
                                        .execute(&mut *conn)
                                        .await?;
                                }
                            }
                            UserChange::Admin(admin) => {
                                sqlx::query("UPDATE users SET is_admin = $1 WHERE id = $2")
                                    .bind(*admin)
                                    .bind(id.0)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                            UserChange::Membership(Membership { organisation, role }, true) => {
                                sqlx::query(
                                    "INSERT INTO memberships (user_id, organisation_id, role, granted_at) \
                                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                                )
                                .bind(id.0)
                                .bind(organisation.0)
                                .bind(role.code())
                                .bind(now)
                                .execute(&mut *conn)
                                .await
                                .map_err(|e| StoreError::from_write(e, &format!("organisation {organisation}")))?;
                            }
                            UserChange::Membership(Membership { organisation, role }, false) => {
                                sqlx::query(
                                    "DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2 \
                                     AND role = $3",
                                )
                                .bind(id.0)
                                .bind(organisation.0)
                                .bind(role.code())
                                .execute(&mut *conn)
                                .await?;
                            }
                        }
                        user_by_id(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("compte {id}")))
                    })
                    .await
                }

                async fn delete_user(&self, id: UserId) -> StoreResult<bool> {
                    self.write(async |conn| {
                        let done = sqlx::query("DELETE FROM users WHERE id = $1")
                            .bind(id.0)
                            .execute(&mut *conn)
                            .await?;
                        Ok(done.rows_affected() > 0)
                    })
                    .await
                }

                async fn issue_token(&self, token: &NewToken, mail: &OutgoingMail) -> StoreResult<()> {
                    self.write(async |conn| {
                        sqlx::query("DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2")
                            .bind(token.user.0)
                            .bind(token.purpose.code())
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query(
                            "INSERT INTO user_tokens (token_hash, user_id, purpose, new_email, \
                             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(&token.hash)
                        .bind(token.user.0)
                        .bind(token.purpose.code())
                        .bind(token.new_email.as_ref().map(Email::as_str))
                        .bind(token.created_at)
                        .bind(token.expires_at)
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "jeton"))?;
                        queue(conn, mail, token.created_at).await
                    })
                    .await
                }

                async fn redeem_token(
                    &self,
                    redemption: &Redemption<'_>,
                ) -> StoreResult<Result<User, RedeemRefusal>> {
                    self.write(async |conn| {
                        let row: Option<(i64, Option<String>, i64)> = sqlx::query_as(
                            "DELETE FROM user_tokens WHERE token_hash = $1 AND purpose = $2 \
                             RETURNING user_id, new_email, expires_at",
                        )
                        .bind(redemption.hash)
                        .bind(redemption.purpose.code())
                        .fetch_optional(&mut *conn)
                        .await?;
                        let Some((user, new_email, expires_at)) = row else {
                            return Ok(Err(RedeemRefusal::Unknown));
                        };
                        let user = UserId(user);
                        if expires_at <= redemption.now {
                            // Deleting the expired token is the one write kept.
                            return Ok(Err(RedeemRefusal::Expired));
                        }
                        let now = OffsetDateTime::now_utc();
                        match redemption.purpose {
                            TokenPurpose::VerifyEmail => {
                                sqlx::query(
                                    "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), \
                                     updated_at = $1 WHERE id = $2",
                                )
                                .bind(now)
                                .bind(user.0)
                                .execute(&mut *conn)
                                .await?;
                            }
                            TokenPurpose::ResetPassword => {
                                let hash = redemption.password_hash.ok_or_else(|| {
                                    StoreError::Invalid("nouveau mot de passe manquant".into())
                                })?;
                                // The link proves the address as well.
                                sqlx::query(
                                    "UPDATE users SET password_hash = $1, \
                                     email_verified_at = COALESCE(email_verified_at, $2), \
                                     updated_at = $2 WHERE id = $3",
                                )
                                .bind(hash)
                                .bind(now)
                                .bind(user.0)
                                .execute(&mut *conn)
                                .await?;
                                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                                    .bind(user.0)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                            TokenPurpose::ChangeEmail => {
                                let email = new_email
                                    .as_deref()
                                    .map(Email::parse)
                                    .transpose()?
                                    .ok_or_else(|| StoreError::corrupt("user_tokens", "no new e-mail"))?;
                                match set_email(conn, user, &email).await {
                                    Err(StoreError::Conflict(_)) => {
                                        return Ok(Err(RedeemRefusal::EmailTaken));
                                    }
                                    other => other?,
                                }
                            }
                        }
                        user_by_id(conn, user)
                            .await?
                            .map(Ok)
                            .ok_or_else(|| StoreError::NotFound(format!("compte {user}")))
                    })
                    .await
                }

                async fn create_session(&self, session: &NewSession) -> StoreResult<()> {
                    self.write(async |conn| {
                        sqlx::query(
                            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
                             expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)",
                        )
                        .bind(&session.token_hash)
                        .bind(session.user.0)
                        .bind(session.now)
                        .bind(session.expires_at)
                        .bind(&session.ip)
                        .bind(&session.user_agent)
                        .execute(conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "session"))?;
                        Ok(())
                    })
                    .await
                }

                async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
                    let mut conn = self.pool.acquire().await?;
                    let row: Option<(i64, i64, i64, i64)> = sqlx::query_as(
                        "SELECT user_id, created_at, last_seen_at, expires_at FROM sessions \
                         WHERE token_hash = $1",
                    )
                    .bind(token_hash)
                    .fetch_optional(&mut *conn)
                    .await?;
                    let Some((user, created_at, last_seen_at, expires_at)) = row else {
                        return Ok(None);
                    };
                    Ok(user_by_id(&mut conn, UserId(user)).await?.map(|user| Session {
                        token_hash: token_hash.to_owned(),
                        created_at,
                        last_seen_at,
                        expires_at,
                        user,
                    }))
                }

                async fn touch_session(&self, token_hash: &str, now: UnixTime) -> StoreResult<()> {
                    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn delete_sessions_of(&self, user: UserId) -> StoreResult<u64> {
                    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                        .bind(user.0)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected())
                }

                async fn enqueue_mail(&self, mail: &OutgoingMail) -> StoreResult<()> {
                    self.write(async |conn| queue(conn, mail, unix_now()).await).await
                }

                async fn claim_mail(
                    &self,
                    now: UnixTime,
                    lease: i64,
                    limit: u32,
                ) -> StoreResult<Vec<QueuedMail>> {
                    self.write(async |conn| {
                        let due: Vec<i64> = sqlx::query_scalar(
                            "SELECT id FROM outbox WHERE sent_at IS NULL AND abandoned_at IS NULL \
                             AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
                        )
                        .bind(now)
                        .bind(i64::from(limit))
                        .fetch_all(&mut *conn)
                        .await?;
                        let mut claimed = Vec::with_capacity(due.len());
                        for id in due {
                            // The condition is checked again under the row's lock: of two
                            // senders, one claims it.
                            let row = sqlx::query_as::<_, MailRow>(
                                "UPDATE outbox SET due_at = $1, attempts = attempts + 1 \
                                 WHERE id = $2 AND sent_at IS NULL AND abandoned_at IS NULL \
                                 AND due_at <= $3 \
                                 RETURNING id, attempts, recipient, subject, text_body, html_body, \
                                 list_unsubscribe",
                            )
                            .bind(now + lease)
                            .bind(id)
                            .bind(now)
                            .fetch_optional(&mut *conn)
                            .await?;
                            if let Some(row) = row {
                                claimed.push(QueuedMail::try_from(row)?);
                            }
                        }
                        Ok(claimed)
                    })
                    .await
                }

                async fn record_delivery(&self, id: i64, delivery: &Delivery) -> StoreResult<()> {
                    let now = OffsetDateTime::now_utc();
                    let query = match delivery {
                        Delivery::Sent => {
                            sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
                                .bind(now)
                                .bind(id)
                        }
                        Delivery::Retry { error, retry_at } => {
                            sqlx::query("UPDATE outbox SET due_at = $1, last_error = $2 WHERE id = $3")
                                .bind(*retry_at)
                                .bind(error)
                                .bind(id)
                        }
                        Delivery::Abandoned { error } => sqlx::query(
                            "UPDATE outbox SET abandoned_at = $1, last_error = $2 WHERE id = $3",
                        )
                        .bind(now)
                        .bind(error)
                        .bind(id),
                    };
                    query.execute(&self.pool).await?;
                    Ok(())
                }

                async fn outbox_counts(&self) -> StoreResult<OutboxCounts> {
                    let (waiting, sent, abandoned): (i64, i64, i64) = sqlx::query_as(
                        "SELECT \
                         COUNT(CASE WHEN sent_at IS NULL AND abandoned_at IS NULL THEN 1 END), \
                         COUNT(sent_at), COUNT(abandoned_at) FROM outbox",
                    )
                    .fetch_one(&self.pool)
                    .await?;
                    let n = |v: i64| u64::try_from(v).unwrap_or(0);
                    Ok(OutboxCounts {
                        waiting: n(waiting),
                        sent: n(sent),
                        abandoned: n(abandoned),
                    })
                }

                async fn purge_sent_mail(&self, before: OffsetDateTime) -> StoreResult<u64> {
                    let done = sqlx::query(
                        "DELETE FROM outbox WHERE sent_at < $1 OR abandoned_at < $1",
                    )
                    .bind(before)
                    .execute(&self.pool)
                    .await?;
                    Ok(done.rows_affected())
                }

                async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO audit_log (at, actor_id, actor, action, object, outcome, ip, detail) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(OffsetDateTime::now_utc())
                    .bind(entry.actor.map(|id| id.0))
                    .bind(&entry.actor_label)
                    .bind(&entry.action)
                    .bind(&entry.object)
                    .bind(entry.outcome.code())
                    .bind(&entry.ip)
                    .bind(&entry.detail)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn audit_log(&self, before: Option<i64>, limit: u32) -> StoreResult<Vec<AuditRecord>> {
                    let sql = format!(
                        "SELECT {AUDIT_SELECT} FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2"
                    );
                    sqlx::query_as::<_, AuditRow>(&sql)
                        .bind(before.unwrap_or(i64::MAX))
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?
                        .into_iter()
                        .map(AuditRecord::try_from)
                        .collect()
                }

                async fn hit_rate_limit(&self, bucket: &str, window_start: UnixTime) -> StoreResult<u32> {
                    let hits: i64 = sqlx::query_scalar(
                        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
                         RETURNING hits",
                    )
                    .bind(bucket)
                    .bind(window_start)
                    .fetch_one(&self.pool)
                    .await?;
                    Ok(u32::try_from(hits).unwrap_or(u32::MAX))
                }

                async fn purge_expired(&self, now: UnixTime, windows_before: UnixTime) -> StoreResult<()> {
                    self.write(async |conn| {
                        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("DELETE FROM user_tokens WHERE expires_at <= $1")
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                            .bind(windows_before)
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("DELETE FROM oidc_logins WHERE expires_at <= $1")
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                        Ok(())
                    })
                    .await
                }

                async fn shared_secret(&self, name: &str, candidate: &str) -> StoreResult<String> {
                    sqlx::query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                        .bind(name)
                        .bind(candidate)
                        .execute(&self.pool)
                        .await?;
                    Ok(sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
                        .bind(name)
                        .fetch_one(&self.pool)
                        .await?)
                }

                async fn save_pending_login(&self, login: &PendingLogin) -> StoreResult<()> {
                    self.sql_save_pending_login(login).await
                }

                async fn take_pending_login(
                    &self,
                    state_hash: &str,
                    browser_hash: &str,
                ) -> StoreResult<Option<PendingLogin>> {
                    self.sql_take_pending_login(state_hash, browser_hash).await
                }

                async fn identity_user(&self, issuer: &str, subject: &str) -> StoreResult<Option<User>> {
                    self.sql_identity_user(issuer, subject).await
                }

                async fn identities_of(&self, user: UserId) -> StoreResult<Vec<Identity>> {
                    self.sql_identities_of(user).await
                }

                async fn link_identity(
                    &self,
                    user: UserId,
                    identity: &Identity,
                    now: UnixTime,
                ) -> StoreResult<()> {
                    self.sql_link_identity(user, identity, now).await
                }

                async fn create_user_with_identity(
                    &self,
                    user: &NewUser,
                    identity: &Identity,
                    now: UnixTime,
                ) -> StoreResult<User> {
                    self.sql_create_user_with_identity(user, identity, now).await
                }
            }
        }
        $crate::__identities_sql!(store: $store, conn: $conn);
    };
}
