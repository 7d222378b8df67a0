//! The SQL of [`CandidateStore`](crate::candidates::CandidateStore), expanded by each backend.

/// Implements [`CandidateStore`](crate::candidates::CandidateStore) for `$store` inside
/// [`impl_sql_store!`](crate::impl_sql_store)'s module; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __candidates_sql {
    (store: $store:ty, conn: $conn:ty, dialect: $dialect:ident) => {
        mod candidates {
            use super::*;
            use $crate::__private::vivier_domain::account::AccountKind;
            use $crate::__private::vivier_domain::candidate::{
                AlertFrequency, ApplicationStatus, Profile, Transition,
            };
            use $crate::__private::vivier_domain::{JobFamilyId, UserId};
            use $crate::accounts::{OutgoingMail, UnixTime, User};
            use $crate::candidates::{
                APPLICATION_ORG, APPLICATION_SELECT, Application, ApplicationEvent,
                ApplicationFilter, ApplicationPage, ApplicationRow, CV_SELECT, Candidate,
                CandidateData, CandidatePage, CandidateSearch, Cv, CvRow, Dashboard, Erased,
                EventRow, NewApplication, NewCv, NewSavedSearch, Note, NoteRow, OPEN_STATUSES,
                PROFILE_SELECT, ProfileRow, Proposal, SAVED_SEARCH_SELECT, SavedSearch,
                SavedSearchRow, choices, next_due, reason_codes, status, target_columns,
            };

            $crate::__candidates_privacy_sql!(conn: $conn);

            $crate::__candidates_queries_sql!(conn: $conn, dialect: $dialect);

            $crate::__candidates_search_sql!(conn: $conn, dialect: $dialect);

            #[$crate::__private::async_trait]
            impl $crate::candidates::CandidateStore for $store {
                async fn candidate(&self, user: UserId) -> StoreResult<Option<Candidate>> {
                    fetch_candidate(&mut *self.pool.acquire().await?, user).await
                }

                async fn save_profile(
                    &self,
                    user: UserId,
                    profile: &Profile,
                    now: UnixTime,
                ) -> StoreResult<()> {
                    self.write(async |conn| {
                        touch(conn, user, now).await?;
                        sqlx::query(
                            "UPDATE candidate_profiles SET phone = $1, region = $2, current_job = $3, \
                             experience_years = $4, linkedin = $5, github = $6, portfolio = $7, \
                             available_from = $8, updated_at = $9 WHERE user_id = $10",
                        )
                        .bind(&profile.phone)
                        .bind(profile.region.as_ref().map(|r| r.as_str().to_owned()))
                        .bind(&profile.current_job)
                        .bind(profile.experience_years.map(i64::from))
                        .bind(profile.linkedin.as_ref().map(|u| u.as_str().to_owned()))
                        .bind(profile.github.as_ref().map(|u| u.as_str().to_owned()))
                        .bind(profile.portfolio.as_ref().map(|u| u.as_str().to_owned()))
                        .bind(profile.available_from.map(|d| d.to_string()))
                        .bind(now)
                        .bind(user.0)
                        .execute(&mut *conn)
                        .await?;
                        sqlx::query("DELETE FROM profile_choices WHERE user_id = $1")
                            .bind(user.0)
                            .execute(&mut *conn)
                            .await?;
                        for (kind, value) in choices(profile) {
                            sqlx::query(
                                "INSERT INTO profile_choices (user_id, kind, value) VALUES ($1, $2, $3)",
                            )
                            .bind(user.0)
                            .bind(kind)
                            .bind(value)
                            .execute(&mut *conn)
                            .await?;
                        }
                        Ok(())
                    })
                    .await
                }

                async fn touch_candidate(&self, user: UserId, now: UnixTime) -> StoreResult<()> {
                    self.write(async |conn| touch(conn, user, now).await).await
                }

                async fn set_pool(&self, user: UserId, member: bool, now: UnixTime) -> StoreResult<()> {
                    self.write(async |conn| {
                        touch(conn, user, now).await?;
                        sqlx::query(
                            "UPDATE candidate_profiles SET pool_since = $1, pool_warned_at = NULL \
                             WHERE user_id = $2",
                        )
                        .bind(member.then_some(now))
                        .bind(user.0)
                        .execute(&mut *conn)
                        .await?;
                        Ok(())
                    })
                    .await
                }

                async fn add_cv(&self, cv: &NewCv) -> StoreResult<Cv> {
                    self.write(async |conn| {
                        touch(conn, cv.user, cv.now).await?;
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO cvs (user_id, storage_key, filename, bytes, pages, uploaded_at) \
                             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        )
                        .bind(cv.user.0)
                        .bind(&cv.key)
                        .bind(&cv.filename)
                        .bind(cv.bytes)
                        .bind(cv.pages)
                        .bind(cv.now)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "CV"))?;
                        sqlx::query("UPDATE candidate_profiles SET cv_id = $1 WHERE user_id = $2")
                            .bind(id)
                            .bind(cv.user.0)
                            .execute(&mut *conn)
                            .await?;
                        fetch_cv(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("CV {id}")))
                    })
                    .await
                }

                async fn cv(&self, id: i64) -> StoreResult<Option<Cv>> {
                    fetch_cv(&mut *self.pool.acquire().await?, id).await
                }

                async fn apply(
                    &self,
                    application: &NewApplication,
                    mail: &OutgoingMail,
                ) -> StoreResult<Application> {
                    self.write(async |conn| {
                        let (kind, offer, organisation) = target_columns(application.target);
                        if let Some(offer) = offer {
                            let state: Option<String> =
                                sqlx::query_scalar("SELECT state FROM offers WHERE id = $1")
                                    .bind(offer)
                                    .fetch_optional(&mut *conn)
                                    .await?;
                            match state.as_deref() {
                                None => return Err(StoreError::NotFound(format!("offre {offer}"))),
                                Some("publiee") => {}
                                Some(_) => {
                                    return Err(StoreError::Invalid(
                                        "cette offre n’accepte plus de candidatures".into(),
                                    ));
                                }
                            }
                        }
                        if let Some(cv) = application.cv {
                            let owner = fetch_cv(conn, cv).await?.map(|cv| cv.user);
                            if owner != Some(application.candidate) {
                                return Err(StoreError::NotFound(format!("CV {cv}")));
                            }
                        }
                        touch(conn, application.candidate, application.now).await?;
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO applications (candidate_id, kind, offer_id, organisation_id, \
                             motivation, cv_id, status, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                        )
                        .bind(application.candidate.0)
                        .bind(kind)
                        .bind(offer)
                        .bind(organisation)
                        .bind(&application.motivation)
                        .bind(application.cv)
                        .bind(ApplicationStatus::New.code())
                        .bind(application.now)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "candidature"))?;
                        let first = Transition {
                            to: ApplicationStatus::New,
                            reasons: Vec::new(),
                            comment: String::new(),
                        };
                        insert_event(conn, id, Some(application.candidate), None, &first, application.now)
                            .await?;
                        super::accounts::queue(conn, mail, application.now).await?;
                        fetch_application(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("candidature {id}")))
                    })
                    .await
                }

                async fn application(&self, id: i64) -> StoreResult<Option<Application>> {
                    fetch_application(&mut *self.pool.acquire().await?, id).await
                }

                async fn application_events(&self, id: i64) -> StoreResult<Vec<ApplicationEvent>> {
                    fetch_events(&mut *self.pool.acquire().await?, id).await
                }

                async fn applications_of_candidate(
                    &self,
                    user: UserId,
                ) -> StoreResult<Vec<Application>> {
                    let sql = format!(
                        "{APPLICATION_SELECT} WHERE a.candidate_id = $1 ORDER BY a.created_at DESC, a.id DESC"
                    );
                    fetch_applications(&mut *self.pool.acquire().await?, &sql, user.0).await
                }

                async fn applications_of_offer(
                    &self,
                    offer: OfferId,
                    filter: &ApplicationFilter,
                ) -> StoreResult<ApplicationPage> {
                    let mut conn = self.pool.acquire().await?;
                    let statuses = filter.statuses.iter().map(|s| s.code()).collect::<Vec<_>>().join(",");
                    let condition = "a.offer_id = $1 \
                        AND ($2 = '' OR ',' || $2 || ',' LIKE '%,' || a.status || ',%') \
                        AND ($3 IS NULL OR a.created_at >= $3) AND ($4 IS NULL OR a.created_at < $4) \
                        AND ($5 IS NULL OR EXISTS (SELECT 1 FROM profile_choices f \
                        WHERE f.user_id = a.candidate_id AND f.kind = 'family' AND f.value = $5))";
                    let family = filter.family.map(|f: JobFamilyId| f.0.to_string());
                    let total: i64 = sqlx::query_scalar(&format!(
                        "SELECT COUNT(*) FROM applications a WHERE {condition}"
                    ))
                    .bind(offer.0)
                    .bind(&statuses)
                    .bind(filter.since)
                    .bind(filter.until)
                    .bind(&family)
                    .fetch_one(&mut *conn)
                    .await?;
                    let (limit, offset) = page_bounds(filter.page, filter.per_page);
                    let sql = format!(
                        "{APPLICATION_SELECT} WHERE {condition} \
                         ORDER BY a.created_at DESC, a.id DESC LIMIT $6 OFFSET $7"
                    );
                    let applications = sqlx::query_as::<_, ApplicationRow>(&sql)
                        .bind(offer.0)
                        .bind(&statuses)
                        .bind(filter.since)
                        .bind(filter.until)
                        .bind(&family)
                        .bind(limit)
                        .bind(offset)
                        .fetch_all(&mut *conn)
                        .await?
                        .into_iter()
                        .map(Application::try_from)
                        .collect::<StoreResult<Vec<_>>>()?;
                    let counts: Vec<(String, i64)> = sqlx::query_as(
                        "SELECT status, COUNT(*) FROM applications WHERE offer_id = $1 GROUP BY status",
                    )
                    .bind(offer.0)
                    .fetch_all(&mut *conn)
                    .await?;
                    let by_status = counts
                        .into_iter()
                        .map(|(code, count)| Ok((status(&code)?, u64::try_from(count).unwrap_or(0))))
                        .collect::<StoreResult<Vec<_>>>()?;
                    Ok(ApplicationPage {
                        applications,
                        total: u64::try_from(total).unwrap_or(0),
                        by_status,
                    })
                }

                async fn application_counts(
                    &self,
                    offers: &[OfferId],
                ) -> StoreResult<Vec<(OfferId, u64)>> {
                    application_counts(&mut *self.pool.acquire().await?, offers).await
                }

                async fn candidate_phones(
                    &self,
                    users: &[UserId],
                ) -> StoreResult<Vec<(UserId, String)>> {
                    candidate_phones(&mut *self.pool.acquire().await?, users).await
                }

                async fn all_applications_of_offer(
                    &self,
                    offer: OfferId,
                ) -> StoreResult<Vec<Application>> {
                    let sql = format!(
                        "{APPLICATION_SELECT} WHERE a.offer_id = $1 ORDER BY a.created_at, a.id"
                    );
                    fetch_applications(&mut *self.pool.acquire().await?, &sql, offer.0).await
                }

                async fn move_application(
                    &self,
                    id: i64,
                    transition: &Transition,
                    actor: Option<UserId>,
                    now: UnixTime,
                    mail: Option<&OutgoingMail>,
                ) -> StoreResult<Application> {
                    self.write(async |conn| {
                        let current = fetch_application(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("candidature {id}")))?;
                        let from = current.status;
                        let withdrawal = transition.to == ApplicationStatus::Withdrawn;
                        let allowed = if withdrawal {
                            from.may_withdraw()
                        } else {
                            from.recruiter_may_move_to(transition.to)
                        };
                        if !allowed {
                            return Err(StoreError::Invalid(format!(
                                "une candidature « {} » ne peut pas passer à « {} »",
                                from.label(),
                                transition.to.label()
                            )));
                        }
                        let refused = transition.to == ApplicationStatus::Refused;
                        if refused && transition.reasons.is_empty() {
                            return Err(StoreError::Invalid("un refus a au moins une raison".into()));
                        }
                        let done = sqlx::query(
                            "UPDATE applications SET status = $1, reasons = $2, comment = $3, \
                             updated_at = $4, first_answer_at = CASE WHEN $5 THEN first_answer_at \
                             ELSE COALESCE(first_answer_at, $4) END WHERE id = $6 AND status = $7",
                        )
                        .bind(transition.to.code())
                        .bind(if refused { reason_codes(&transition.reasons) } else { String::new() })
                        .bind(if refused { transition.comment.as_str() } else { "" })
                        .bind(now)
                        .bind(withdrawal)
                        .bind(id)
                        .bind(from.code())
                        .execute(&mut *conn)
                        .await?;
                        if done.rows_affected() == 0 {
                            return Err(StoreError::Conflict(format!("candidature {id}")));
                        }
                        insert_event(conn, id, actor, Some(from), transition, now).await?;
                        if let Some(mail) = mail {
                            super::accounts::queue(conn, mail, now).await?;
                        }
                        fetch_application(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("candidature {id}")))
                    })
                    .await
                }

                async fn add_note(
                    &self,
                    application: i64,
                    author: &User,
                    organisation: OrganisationId,
                    body: &str,
                    now: UnixTime,
                ) -> StoreResult<Note> {
                    self.write(async |conn| {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO application_notes (application_id, author_id, author_name, \
                             organisation_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        )
                        .bind(application)
                        .bind(author.id.0)
                        .bind(&author.display_name)
                        .bind(organisation.0)
                        .bind(body)
                        .bind(now)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "note"))?;
                        Ok(Note {
                            id,
                            author: Some(author.id),
                            author_name: author.display_name.clone(),
                            organisation: Some(organisation),
                            body: body.to_owned(),
                            at: now,
                        })
                    })
                    .await
                }

                async fn notes(&self, application: i64) -> StoreResult<Vec<Note>> {
                    Ok(sqlx::query_as::<_, NoteRow>(
                        "SELECT id, author_id, author_name, organisation_id, body, created_at FROM application_notes \
                         WHERE application_id = $1 ORDER BY id",
                    )
                    .bind(application)
                    .fetch_all(&mut *self.pool.acquire().await?)
                    .await?
                    .into_iter()
                    .map(Note::from)
                    .collect())
                }

                async fn spontaneous_applications(
                    &self,
                    organisations: &[OrganisationId],
                    search: &CandidateSearch,
                ) -> StoreResult<(Vec<(Application, Candidate)>, u64)> {
                    spontaneous_applications(&mut *self.pool.acquire().await?, organisations, search).await
                }

                async fn pool(&self, search: &CandidateSearch) -> StoreResult<CandidatePage> {
                    pool(&mut *self.pool.acquire().await?, search).await
                }

                async fn propose(&self, proposal: &Proposal, mail: &OutgoingMail) -> StoreResult<()> {
                    self.write(async |conn| {
                        sqlx::query(
                            "INSERT INTO proposals (offer_id, candidate_id, proposed_by, created_at) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(proposal.offer.0)
                        .bind(proposal.candidate.0)
                        .bind(proposal.by.0)
                        .bind(proposal.now)
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "proposition"))?;
                        super::accounts::queue(conn, mail, proposal.now).await
                    })
                    .await
                }

                async fn dashboard(
                    &self,
                    organisations: &[OrganisationId],
                    received_since: UnixTime,
                ) -> StoreResult<Dashboard> {
                    dashboard(&mut *self.pool.acquire().await?, organisations, received_since).await
                }

                async fn save_search(&self, search: &NewSavedSearch) -> StoreResult<SavedSearch> {
                    self.write(async |conn| {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO saved_searches (user_id, label, query, frequency, created_at, \
                             last_sent_at, next_due_at) VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING id",
                        )
                        .bind(search.user.0)
                        .bind(&search.label)
                        .bind(&search.query)
                        .bind(search.frequency.code())
                        .bind(search.now)
                        .bind(next_due(search.frequency, search.now))
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, "recherche"))?;
                        fetch_saved_search(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("recherche {id}")))
                    })
                    .await
                }

                async fn saved_searches(&self, user: UserId) -> StoreResult<Vec<SavedSearch>> {
                    saved_searches_of(&mut *self.pool.acquire().await?, user).await
                }

                async fn saved_search(&self, id: i64) -> StoreResult<Option<SavedSearch>> {
                    fetch_saved_search(&mut *self.pool.acquire().await?, id).await
                }

                async fn set_alert_frequency(
                    &self,
                    id: i64,
                    frequency: AlertFrequency,
                    now: UnixTime,
                ) -> StoreResult<bool> {
                    self.write(async |conn| {
                        let done = sqlx::query(
                            "UPDATE saved_searches SET frequency = $1, next_due_at = $2 WHERE id = $3",
                        )
                        .bind(frequency.code())
                        .bind(next_due(frequency, now))
                        .bind(id)
                        .execute(conn)
                        .await?;
                        Ok(done.rows_affected() > 0)
                    })
                    .await
                }

                async fn delete_saved_search(&self, id: i64) -> StoreResult<bool> {
                    self.write(async |conn| {
                        let done = sqlx::query("DELETE FROM saved_searches WHERE id = $1")
                            .bind(id)
                            .execute(conn)
                            .await?;
                        Ok(done.rows_affected() > 0)
                    })
                    .await
                }

                async fn due_alerts(
                    &self,
                    now: UnixTime,
                    limit: u32,
                ) -> StoreResult<Vec<(SavedSearch, User)>> {
                    let mut conn = self.pool.acquire().await?;
                    let sql = format!(
                        "{SAVED_SEARCH_SELECT} WHERE frequency <> 'aucune' AND next_due_at <= $1 \
                         ORDER BY next_due_at, id LIMIT $2"
                    );
                    let rows = sqlx::query_as::<_, SavedSearchRow>(&sql)
                        .bind(now)
                        .bind(i64::from(limit))
                        .fetch_all(&mut *conn)
                        .await?;
                    let mut due = Vec::with_capacity(rows.len());
                    for row in rows {
                        let search = SavedSearch::try_from(row)?;
                        if let Some(user) = super::accounts::user_by_id(&mut conn, search.user).await? {
                            due.push((search, user));
                        }
                    }
                    Ok(due)
                }

                async fn record_alert(
                    &self,
                    id: i64,
                    now: UnixTime,
                    mail: Option<&OutgoingMail>,
                ) -> StoreResult<bool> {
                    self.write(async |conn| {
                        let Some(search) = fetch_saved_search(conn, id).await? else {
                            return Ok(false);
                        };
                        // Only while due: of several nodes handling the same alert, the first
                        // to commit sends it, the others change nothing.
                        let done = sqlx::query(
                            "UPDATE saved_searches SET last_sent_at = $1, next_due_at = $2 \
                             WHERE id = $3 AND next_due_at <= $1",
                        )
                        .bind(now)
                        .bind(next_due(search.frequency, now))
                        .bind(id)
                        .execute(&mut *conn)
                        .await?;
                        if done.rows_affected() == 0 {
                            return Ok(false);
                        }
                        if let Some(mail) = mail {
                            super::accounts::queue(conn, mail, now).await?;
                        }
                        Ok(true)
                    })
                    .await
                }

                async fn candidate_data(&self, user: UserId) -> StoreResult<Option<CandidateData>> {
                    let mut conn = self.pool.acquire().await?;
                    candidate_data(&mut conn, user).await
                }

                async fn erase_candidate(&self, user: UserId) -> StoreResult<Option<Erased>> {
                    self.write(async |conn| erase_candidate(conn, user).await).await
                }

                async fn purge_closed_applications(&self, before: UnixTime) -> StoreResult<Erased> {
                    self.write(async |conn| purge_closed_applications(conn, before).await)
                        .await
                }

                async fn inactive_pool_members(
                    &self,
                    active_before: UnixTime,
                    unwarned_only: bool,
                    limit: u32,
                ) -> StoreResult<Vec<User>> {
                    inactive_pool_members(
                        &mut *self.pool.acquire().await?,
                        active_before,
                        unwarned_only,
                        limit,
                    )
                    .await
                }

                async fn warn_pool_member(
                    &self,
                    user: UserId,
                    now: UnixTime,
                    mail: &OutgoingMail,
                ) -> StoreResult<bool> {
                    self.write(async |conn| {
                        // Once: of several nodes warning the same member, one writes the mail.
                        let done = sqlx::query(
                            "UPDATE candidate_profiles SET pool_warned_at = $1 \
                             WHERE user_id = $2 AND pool_since IS NOT NULL AND pool_warned_at IS NULL",
                        )
                        .bind(now)
                        .bind(user.0)
                        .execute(&mut *conn)
                        .await?;
                        if done.rows_affected() == 0 {
                            return Ok(false);
                        }
                        super::accounts::queue(conn, mail, now).await?;
                        Ok(true)
                    })
                    .await
                }

                async fn expire_pool_member(
                    &self,
                    user: UserId,
                    active_before: UnixTime,
                    mail: &OutgoingMail,
                ) -> StoreResult<bool> {
                    self.write(async |conn| {
                        let done = sqlx::query(
                            "UPDATE candidate_profiles SET pool_since = NULL, pool_warned_at = NULL \
                             WHERE user_id = $1 AND pool_since IS NOT NULL AND last_active_at < $2",
                        )
                        .bind(user.0)
                        .bind(active_before)
                        .execute(&mut *conn)
                        .await?;
                        if done.rows_affected() == 0 {
                            return Ok(false);
                        }
                        let now = OffsetDateTime::now_utc().unix_timestamp();
                        super::accounts::queue(conn, mail, now).await?;
                        Ok(true)
                    })
                    .await
                }

                async fn cv_keys(&self) -> StoreResult<Vec<String>> {
                    Ok(sqlx::query_scalar("SELECT storage_key FROM cvs ORDER BY storage_key")
                        .fetch_all(&mut *self.pool.acquire().await?)
                        .await?)
                }
            }
        }
    };
}
