//! The SQL of personal-data rights: a candidate's export and erasure, the retention purges; and
//! the saved searches' reads shared with them. Expanded inside [`__candidates_sql!`].

/// Free functions of the candidates' module about personal data; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __candidates_privacy_sql {
    (conn: $conn:ty) => {
        /// What replaces an erased account's address in the audit log.
        const ERASED_LABEL: &str = "compte supprimé";

        pub(super) async fn fetch_saved_search(
            conn: &mut $conn,
            id: i64,
        ) -> StoreResult<Option<SavedSearch>> {
            let sql = format!("{SAVED_SEARCH_SELECT} WHERE id = $1");
            sqlx::query_as::<_, SavedSearchRow>(&sql)
                .bind(id)
                .fetch_optional(conn)
                .await?
                .map(SavedSearch::try_from)
                .transpose()
        }

        pub(super) async fn saved_searches_of(
            conn: &mut $conn,
            user: UserId,
        ) -> StoreResult<Vec<SavedSearch>> {
            let sql = format!("{SAVED_SEARCH_SELECT} WHERE user_id = $1 ORDER BY id DESC");
            sqlx::query_as::<_, SavedSearchRow>(&sql)
                .bind(user.0)
                .fetch_all(conn)
                .await?
                .into_iter()
                .map(SavedSearch::try_from)
                .collect()
        }

        async fn candidate_data(
            conn: &mut $conn,
            user: UserId,
        ) -> StoreResult<Option<CandidateData>> {
            let Some(candidate) = fetch_candidate(conn, user).await? else {
                return Ok(None);
            };
            let sql = format!("{CV_SELECT} WHERE user_id = $1 ORDER BY id");
            let cvs = sqlx::query_as::<_, CvRow>(&sql)
                .bind(user.0)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(Cv::from)
                .collect();
            let sql = format!("{APPLICATION_SELECT} WHERE a.candidate_id = $1 ORDER BY a.id");
            let mut applications = Vec::new();
            for application in fetch_applications(conn, &sql, user.0).await? {
                let events = fetch_events(conn, application.id).await?;
                applications.push((application, events));
            }
            let saved_searches = saved_searches_of(conn, user).await?;
            Ok(Some(CandidateData {
                candidate,
                cvs,
                applications,
                saved_searches,
            }))
        }

        /// Removes the personal data of the applications `condition` selects (a SQL condition
        /// on `applications` whose `$1` is `arg`): their notes, the free text of their history,
        /// the motivation, the CV link and the candidate. The rows stay, for statistics.
        async fn anonymise_applications(
            conn: &mut $conn,
            condition: &str,
            arg: i64,
        ) -> StoreResult<u64> {
            let selected = format!("SELECT id FROM applications WHERE {condition}");
            sqlx::query(&format!(
                "DELETE FROM application_notes WHERE application_id IN ({selected})"
            ))
            .bind(arg)
            .execute(&mut *conn)
            .await?;
            sqlx::query(&format!(
                "UPDATE application_events SET comment = '', actor_id = NULL \
                 WHERE application_id IN ({selected})"
            ))
            .bind(arg)
            .execute(&mut *conn)
            .await?;
            let done = sqlx::query(&format!(
                "UPDATE applications SET candidate_id = NULL, motivation = '', cv_id = NULL, \
                 comment = '' WHERE {condition}"
            ))
            .bind(arg)
            .execute(&mut *conn)
            .await?;
            Ok(done.rows_affected())
        }

        /// Deletes the CV rows that neither a profile nor an application uses any more; gives
        /// their keys, for the files.
        async fn delete_unused_cvs(conn: &mut $conn) -> StoreResult<Vec<String>> {
            let unused = "id NOT IN (SELECT cv_id FROM candidate_profiles WHERE cv_id IS NOT NULL) \
                AND id NOT IN (SELECT cv_id FROM applications WHERE cv_id IS NOT NULL)";
            let keys: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT storage_key FROM cvs WHERE {unused} ORDER BY id"
            ))
            .fetch_all(&mut *conn)
            .await?;
            sqlx::query(&format!("DELETE FROM cvs WHERE {unused}"))
                .execute(&mut *conn)
                .await?;
            Ok(keys)
        }

        async fn erase_candidate(conn: &mut $conn, user: UserId) -> StoreResult<Option<Erased>> {
            let Some(candidate) = fetch_candidate(conn, user).await? else {
                return Ok(None);
            };
            let applications = anonymise_applications(conn, "candidate_id = $1", user.0).await?;
            let cv_keys: Vec<String> =
                sqlx::query_scalar("SELECT storage_key FROM cvs WHERE user_id = $1 ORDER BY id")
                    .bind(user.0)
                    .fetch_all(&mut *conn)
                    .await?;
            // Mails to the address, waiting or kept after sending, hold the name and address.
            let email = candidate.user.email.as_str();
            sqlx::query("DELETE FROM outbox WHERE LOWER(recipient) = LOWER($1)")
                .bind(email)
                .execute(&mut *conn)
                .await?;
            // The audit log keeps what happened, not who it was.
            let pattern = format!("%{email}%");
            sqlx::query(
                "UPDATE audit_log SET actor = CASE WHEN actor_id = $1 OR actor = $2 THEN $3 \
                 ELSE actor END, object = REPLACE(object, $2, $3), detail = REPLACE(detail, $2, $3) \
                 WHERE actor_id = $1 OR actor = $2 OR object LIKE $4 OR detail LIKE $4",
            )
            .bind(user.0)
            .bind(email)
            .bind(ERASED_LABEL)
            .bind(&pattern)
            .execute(&mut *conn)
            .await?;
            sqlx::query("UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1")
                .bind(user.0)
                .execute(&mut *conn)
                .await?;
            // Profile, its lists, CVs, saved searches, proposals, sessions, tokens and
            // identities go with the account.
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user.0)
                .execute(&mut *conn)
                .await?;
            Ok(Some(Erased {
                cv_keys,
                applications,
            }))
        }

        async fn purge_closed_applications(
            conn: &mut $conn,
            before: UnixTime,
        ) -> StoreResult<Erased> {
            let applications = anonymise_applications(
                conn,
                "candidate_id IS NOT NULL AND status IN ('refusee', 'retiree') AND updated_at < $1",
                before,
            )
            .await?;
            let cv_keys = delete_unused_cvs(conn).await?;
            Ok(Erased {
                cv_keys,
                applications,
            })
        }

        async fn inactive_pool_members(
            conn: &mut $conn,
            active_before: UnixTime,
            unwarned_only: bool,
            limit: u32,
        ) -> StoreResult<Vec<User>> {
            let warned = if unwarned_only {
                "AND pool_warned_at IS NULL"
            } else {
                ""
            };
            let ids: Vec<i64> = sqlx::query_scalar(&format!(
                "SELECT user_id FROM candidate_profiles WHERE pool_since IS NOT NULL \
                 AND last_active_at < $1 {warned} ORDER BY last_active_at, user_id LIMIT $2"
            ))
            .bind(active_before)
            .bind(i64::from(limit))
            .fetch_all(&mut *conn)
            .await?;
            let mut users = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(user) = super::accounts::user_by_id(conn, UserId(id)).await? {
                    users.push(user);
                }
            }
            Ok(users)
        }
    };
}
