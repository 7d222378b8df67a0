//! The SQL of [`AdminStore`](crate::admin::AdminStore), expanded by each backend.

/// Implements [`AdminStore`](crate::admin::AdminStore) for `$store` inside
/// [`impl_sql_store!`](crate::impl_sql_store)'s module; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __admin_sql {
    (store: $store:ty, conn: $conn:ty) => {
        mod admin {
            use super::*;
            use $crate::__private::vivier_domain::UserId;
            use $crate::accounts::{OutgoingMail, USER_SELECT, User, UserRow};
            use $crate::admin::{
                AccessRequest, Decision, NewAccessRequest, REQUEST_SELECT, RequestFilter,
                RequestRow, RequestStatus, UserPage, UserSearch, contains_pattern,
            };

            async fn fetch_request(conn: &mut $conn, id: i64) -> StoreResult<Option<AccessRequest>> {
                let sql = format!("SELECT {REQUEST_SELECT} WHERE r.id = $1");
                sqlx::query_as::<_, RequestRow>(&sql)
                    .bind(id)
                    .fetch_optional(conn)
                    .await?
                    .map(AccessRequest::try_from)
                    .transpose()
            }

            async fn users_by_ids(conn: &mut $conn, ids: Vec<i64>) -> StoreResult<Vec<User>> {
                let mut users = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(user) = super::accounts::user_by_id(conn, UserId(id)).await? {
                        users.push(user);
                    }
                }
                Ok(users)
            }

            #[$crate::__private::async_trait]
            impl $crate::admin::AdminStore for $store {
                async fn create_access_request(
                    &self,
                    request: &NewAccessRequest,
                    mails: &[OutgoingMail],
                ) -> StoreResult<AccessRequest> {
                    self.write(async |conn| {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO access_requests (user_id, organisation_id, role, message, \
                             status, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        )
                        .bind(request.user.0)
                        .bind(request.organisation.0)
                        .bind(request.role.code())
                        .bind(&request.message)
                        .bind(RequestStatus::Pending.code())
                        .bind(OffsetDateTime::now_utc())
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "demande d’accès"))?;
                        let now = OffsetDateTime::now_utc().unix_timestamp();
                        for mail in mails {
                            super::accounts::queue(conn, mail, now).await?;
                        }
                        fetch_request(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("demande {id}")))
                    })
                    .await
                }

                async fn access_request(&self, id: i64) -> StoreResult<Option<AccessRequest>> {
                    fetch_request(&mut *self.pool.acquire().await?, id).await
                }

                async fn access_requests(
                    &self,
                    filter: &RequestFilter,
                    limit: u32,
                ) -> StoreResult<Vec<AccessRequest>> {
                    let sql = format!(
                        "SELECT {REQUEST_SELECT} WHERE ($1 IS NULL OR r.status = $1) \
                         AND ($2 IS NULL OR r.user_id = $2) ORDER BY r.id DESC LIMIT $3"
                    );
                    sqlx::query_as::<_, RequestRow>(&sql)
                        .bind(filter.status.map(RequestStatus::code))
                        .bind(filter.user.map(|u| u.0))
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?
                        .into_iter()
                        .map(AccessRequest::try_from)
                        .collect()
                }

                async fn decide_access_request(
                    &self,
                    id: i64,
                    decision: &Decision,
                    mail: &OutgoingMail,
                ) -> StoreResult<Result<AccessRequest, RequestStatus>> {
                    self.write(async |conn| {
                        let status = if decision.approve {
                            RequestStatus::Approved
                        } else {
                            RequestStatus::Refused
                        };
                        let now = OffsetDateTime::now_utc();
                        let decided: Option<(i64, i64, String)> = sqlx::query_as(
                            "UPDATE access_requests SET status = $1, decided_by = $2, \
                             decided_at = $3, refusal_reason = $4 WHERE id = $5 AND status = $6 \
                             RETURNING user_id, organisation_id, role",
                        )
                        .bind(status.code())
                        .bind(decision.by.0)
                        .bind(now)
                        .bind(decision.reason.as_deref().filter(|_| !decision.approve))
                        .bind(id)
                        .bind(RequestStatus::Pending.code())
                        .fetch_optional(&mut *conn)
                        .await?;
                        let Some((user, organisation, role)) = decided else {
                            let current: Option<String> =
                                sqlx::query_scalar("SELECT status FROM access_requests WHERE id = $1")
                                    .bind(id)
                                    .fetch_optional(&mut *conn)
                                    .await?;
                            return match current.as_deref().map(RequestStatus::from_code) {
                                None => Err(StoreError::NotFound(format!("demande {id}"))),
                                Some(Some(status)) => Ok(Err(status)),
                                Some(None) => Err(StoreError::corrupt("access_requests", "status")),
                            };
                        };
                        if decision.approve {
                            sqlx::query(
                                "INSERT INTO memberships (user_id, organisation_id, role, granted_at) \
                                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                            )
                            .bind(user)
                            .bind(organisation)
                            .bind(&role)
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                            // A privilege change: the requester signs in again.
                            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                                .bind(user)
                                .execute(&mut *conn)
                                .await?;
                        }
                        super::accounts::queue(conn, mail, now.unix_timestamp()).await?;
                        fetch_request(conn, id)
                            .await?
                            .map(Ok)
                            .ok_or_else(|| StoreError::NotFound(format!("demande {id}")))
                    })
                    .await
                }

                async fn reviewers_of(
                    &self,
                    organisations: &[OrganisationId],
                ) -> StoreResult<Vec<User>> {
                    let mut conn = self.pool.acquire().await?;
                    let mut ids: Vec<i64> =
                        sqlx::query_scalar("SELECT id FROM users WHERE is_admin = $1 AND disabled_at IS NULL")
                            .bind(true)
                            .fetch_all(&mut *conn)
                            .await?;
                    for organisation in organisations {
                        let admins: Vec<i64> = sqlx::query_scalar(
                            "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id \
                             WHERE m.organisation_id = $1 AND m.role = $2 AND u.disabled_at IS NULL",
                        )
                        .bind(organisation.0)
                        .bind($crate::__private::vivier_domain::account::OrgRole::OrgAdmin.code())
                        .fetch_all(&mut *conn)
                        .await?;
                        ids.extend(admins);
                    }
                    ids.sort_unstable();
                    ids.dedup();
                    users_by_ids(&mut conn, ids).await
                }

                async fn search_users(&self, search: &UserSearch) -> StoreResult<UserPage> {
                    let mut conn = self.pool.acquire().await?;
                    let pattern = search
                        .text
                        .as_deref()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(contains_pattern);
                    let kind = search.kind.map(|k| k.code());
                    let condition = "($1 IS NULL OR LOWER(users.display_name) LIKE $1 ESCAPE '\\' \
                         OR users.email_key LIKE $1 ESCAPE '\\') AND ($2 IS NULL OR users.kind = $2)";
                    let total: i64 =
                        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {condition}"))
                            .bind(pattern.clone())
                            .bind(kind)
                            .fetch_one(&mut *conn)
                            .await?;
                    let sql = format!(
                        "SELECT {USER_SELECT} FROM users WHERE {condition} \
                         ORDER BY users.display_name, users.id LIMIT $3 OFFSET $4"
                    );
                    let rows = sqlx::query_as::<_, UserRow>(&sql)
                        .bind(pattern)
                        .bind(kind)
                        .bind(i64::from(search.limit))
                        .bind(i64::try_from(search.offset).unwrap_or(i64::MAX))
                        .fetch_all(&mut *conn)
                        .await?;
                    let ids = rows.into_iter().map(|row| row.id).collect();
                    Ok(UserPage {
                        users: users_by_ids(&mut conn, ids).await?,
                        total: u64::try_from(total).unwrap_or(0),
                    })
                }

                async fn session_count(&self, user: UserId) -> StoreResult<u64> {
                    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
                        .bind(user.0)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(u64::try_from(count).unwrap_or(0))
                }

                async fn offer_counts(&self) -> StoreResult<Vec<(OrganisationId, u64)>> {
                    let rows: Vec<(i64, i64)> = sqlx::query_as(
                        "SELECT organisation_id, COUNT(*) FROM offers GROUP BY organisation_id",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(id, n)| (OrganisationId(id), u64::try_from(n).unwrap_or(0)))
                        .collect())
                }

                async fn merge_organisations(
                    &self,
                    from: OrganisationId,
                    into: OrganisationId,
                ) -> StoreResult<()> {
                    self.write(async |conn| {
                        if from == into {
                            return Err(StoreError::Invalid(
                                "une organisation ne peut pas être fusionnée avec elle-même".into(),
                            ));
                        }
                        if fetch_organisation(conn, from).await?.is_none() {
                            return Err(StoreError::NotFound(format!("organisation {from}")));
                        }
                        // `into` must exist and not lie under `from`.
                        let mut current = Some(into);
                        while let Some(at) = current {
                            if at == from {
                                return Err(StoreError::Invalid(
                                    "une organisation ne peut pas être fusionnée dans l’une de ses \
                                     sous-organisations"
                                        .into(),
                                ));
                            }
                            let row: Option<(Option<i64>,)> =
                                sqlx::query_as("SELECT parent_id FROM organisations WHERE id = $1")
                                    .bind(at.0)
                                    .fetch_optional(&mut *conn)
                                    .await?;
                            match row {
                                Some((parent,)) => current = parent.map(OrganisationId),
                                None => return Err(StoreError::NotFound(format!("organisation {at}"))),
                            }
                        }
                        let now = OffsetDateTime::now_utc();
                        sqlx::query("UPDATE offers SET organisation_id = $1, updated_at = $2 WHERE organisation_id = $3")
                            .bind(into.0)
                            .bind(now)
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        // Spontaneous applications follow; an open one that duplicates the
                        // candidate's open one to `into` goes (the same wish, now to one place).
                        sqlx::query(&format!(
                            "DELETE FROM applications WHERE organisation_id = $1 AND kind = 'organisation' \
                             AND status IN {open} AND EXISTS (SELECT 1 FROM applications o \
                             WHERE o.organisation_id = $2 AND o.kind = 'organisation' \
                             AND o.candidate_id = applications.candidate_id AND o.status IN {open})",
                            open = $crate::candidates::OPEN_STATUSES
                        ))
                        .bind(from.0)
                        .bind(into.0)
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("UPDATE applications SET organisation_id = $1 WHERE organisation_id = $2")
                            .bind(into.0)
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        // Candidates who hid their profile from `from` stay hidden from what it became.
                        sqlx::query(
                            "INSERT INTO profile_choices (user_id, kind, value) SELECT user_id, kind, $1 \
                             FROM profile_choices WHERE kind = 'hidden' AND value = $2 ON CONFLICT DO NOTHING",
                        )
                        .bind(into.0.to_string())
                        .bind(from.0.to_string())
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("DELETE FROM profile_choices WHERE kind = 'hidden' AND value = $1")
                            .bind(from.0.to_string())
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query(
                            "INSERT INTO memberships (user_id, organisation_id, role, granted_at) \
                             SELECT user_id, $1, role, granted_at FROM memberships WHERE organisation_id = $2 \
                             ON CONFLICT DO NOTHING",
                        )
                        .bind(into.0)
                        .bind(from.0)
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("DELETE FROM memberships WHERE organisation_id = $1")
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        // A pending request that `into` already has in the same terms goes.
                        sqlx::query(
                            "DELETE FROM access_requests WHERE organisation_id = $1 AND status = $2 \
                             AND EXISTS (SELECT 1 FROM access_requests o WHERE o.organisation_id = $3 \
                             AND o.status = $2 AND o.user_id = access_requests.user_id \
                             AND o.role = access_requests.role)",
                        )
                        .bind(from.0)
                        .bind(RequestStatus::Pending.code())
                        .bind(into.0)
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("UPDATE application_notes SET organisation_id = $1 WHERE organisation_id = $2")
                            .bind(into.0)
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("UPDATE access_requests SET organisation_id = $1 WHERE organisation_id = $2")
                            .bind(into.0)
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("UPDATE organisations SET parent_id = $1, updated_at = $2 WHERE parent_id = $3")
                            .bind(into.0)
                            .bind(now)
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await?;
                        // Testimonies go after the target's own.
                        let next: i64 = sqlx::query_scalar(
                            "SELECT COALESCE(MAX(position) + 1, 0) FROM testimonies WHERE organisation_id = $1",
                        )
                        .bind(into.0)
                        .fetch_one(&mut *conn)
                        .await?;
                        sqlx::query(
                            "UPDATE testimonies SET organisation_id = $1, position = position + $2 \
                             WHERE organisation_id = $3",
                        )
                        .bind(into.0)
                        .bind(next)
                        .bind(from.0)
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("DELETE FROM organisations WHERE id = $1")
                            .bind(from.0)
                            .execute(&mut *conn)
                            .await
                            .map_err(|e| StoreError::from_write(e, &format!("organisation {from}")))?;
                        record(conn, ChangedEntity::Organisation(from)).await?;
                        record(conn, ChangedEntity::Organisation(into)).await
                    })
                    .await
                }
            }
        }
    };
}
