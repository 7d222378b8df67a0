//! The queries the candidates' store methods share, expanded inside [`__candidates_sql!`].

/// Free functions of the candidates' module: reading a candidate, an application, its
/// history; the conditions of a candidate search; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __candidates_queries_sql {
    (conn: $conn:ty, dialect: $dialect:ident) => {
        pub(super) async fn fetch_cv(conn: &mut $conn, id: i64) -> StoreResult<Option<Cv>> {
            let sql = format!("{CV_SELECT} WHERE id = $1");
            Ok(sqlx::query_as::<_, CvRow>(&sql)
                .bind(id)
                .fetch_optional(conn)
                .await?
                .map(Cv::from))
        }

        /// The candidate account `user` with its profile; `None` for an agent.
        pub(super) async fn fetch_candidate(
            conn: &mut $conn,
            user: UserId,
        ) -> StoreResult<Option<Candidate>> {
            let Some(account) = super::accounts::user_by_id(conn, user).await? else {
                return Ok(None);
            };
            if account.kind != AccountKind::Candidate {
                return Ok(None);
            }
            let sql = format!("{PROFILE_SELECT} WHERE p.user_id = $1");
            let row = sqlx::query_as::<_, ProfileRow>(&sql)
                .bind(user.0)
                .fetch_optional(&mut *conn)
                .await?;
            let Some(row) = row else {
                return Ok(Some(Candidate {
                    last_active_at: account.created_at.unix_timestamp(),
                    user: account,
                    profile: Profile::default(),
                    cv: None,
                    pool_since: None,
                    pool_warned_at: None,
                }));
            };
            let lists: Vec<(String, String)> = sqlx::query_as(
                "SELECT kind, value FROM profile_choices WHERE user_id = $1",
            )
            .bind(user.0)
            .fetch_all(&mut *conn)
            .await?;
            let cv = match row.cv_id {
                Some(id) => fetch_cv(conn, id).await?,
                None => None,
            };
            let (pool_since, pool_warned_at, last_active_at) =
                (row.pool_since, row.pool_warned_at, row.last_active_at);
            Ok(Some(Candidate {
                user: account,
                profile: row.into_profile(lists)?,
                cv,
                pool_since,
                last_active_at,
                pool_warned_at,
            }))
        }

        /// Creates the profile row if needed and records activity.
        async fn touch(conn: &mut $conn, user: UserId, now: UnixTime) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO candidate_profiles (user_id, last_active_at, updated_at) \
                 VALUES ($1, $2, $2) ON CONFLICT (user_id) DO UPDATE \
                 SET last_active_at = $2, pool_warned_at = NULL",
            )
            .bind(user.0)
            .bind(now)
            .execute(conn)
            .await
            .map_err(|e| StoreError::from_write(e, "profil"))?;
            Ok(())
        }

        pub(super) async fn fetch_application(
            conn: &mut $conn,
            id: i64,
        ) -> StoreResult<Option<Application>> {
            let sql = format!("{APPLICATION_SELECT} WHERE a.id = $1");
            sqlx::query_as::<_, ApplicationRow>(&sql)
                .bind(id)
                .fetch_optional(conn)
                .await?
                .map(Application::try_from)
                .transpose()
        }

        pub(super) async fn fetch_events(
            conn: &mut $conn,
            id: i64,
        ) -> StoreResult<Vec<ApplicationEvent>> {
            sqlx::query_as::<_, EventRow>(
                "SELECT at, actor_id, from_status, to_status, reasons, comment \
                 FROM application_events WHERE application_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(conn)
            .await?
            .into_iter()
            .map(ApplicationEvent::try_from)
            .collect()
        }

        async fn insert_event(
            conn: &mut $conn,
            id: i64,
            actor: Option<UserId>,
            from: Option<ApplicationStatus>,
            transition: &Transition,
            now: UnixTime,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO application_events (application_id, at, actor_id, from_status, \
                 to_status, reasons, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(now)
            .bind(actor.map(|a| a.0))
            .bind(from.map(|s| s.code()))
            .bind(transition.to.code())
            .bind(reason_codes(&transition.reasons))
            .bind(&transition.comment)
            .execute(conn)
            .await?;
            Ok(())
        }

        /// The applications `sql` selects with its one bind `$1`.
        pub(super) async fn fetch_applications(
            conn: &mut $conn,
            sql: &str,
            bind: i64,
        ) -> StoreResult<Vec<Application>> {
            sqlx::query_as::<_, ApplicationRow>(sql)
                .bind(bind)
                .fetch_all(conn)
                .await?
                .into_iter()
                .map(Application::try_from)
                .collect()
        }

        /// The SQL conditions of a candidate search on `p` (a profile), binding from `$first`.
        fn search_conditions(first: usize) -> String {
            let [family, region, experience, contract, hidden] =
                [0, 1, 2, 3, 4].map(|i| format!("${}", first + i));
            format!(
                "($f IS NULL OR EXISTS (SELECT 1 FROM profile_choices f WHERE f.user_id = p.user_id \
                 AND f.kind = 'family' AND f.value = $f)) \
                 AND ($r IS NULL OR p.region = $r) \
                 AND ($e IS NULL OR p.experience_years >= $e) \
                 AND ($c IS NULL OR EXISTS (SELECT 1 FROM profile_choices k WHERE k.user_id = p.user_id \
                 AND k.kind = 'contract' AND k.value = $c)) \
                 AND NOT EXISTS (SELECT 1 FROM profile_choices h WHERE h.user_id = p.user_id \
                 AND h.kind = 'hidden' AND {hidden_in})",
                hidden_in = $dialect::in_list("CAST(h.value AS BIGINT)", &hidden),
            )
            .replace("$f", &family)
            .replace("$r", &region)
            .replace("$e", &experience)
            .replace("$c", &contract)
        }

        fn id_list<T: std::fmt::Display>(ids: &[T]) -> String {
            ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
        }

        macro_rules! bind_search {
            ($query:expr, $search:expr) => {
                $query
                    .bind($search.family.map(|f| f.0.to_string()))
                    .bind($search.region.as_ref().map(|r| r.as_str().to_owned()))
                    .bind($search.min_experience.map(i64::from))
                    .bind($search.contract.map(|c| c.code()))
                    .bind(id_list(&$search.hidden_from_any))
            };
        }

        /// How many applications each offer has, for the offers that have any.
        async fn application_counts(
            conn: &mut $conn,
            offers: &[OfferId],
        ) -> StoreResult<Vec<(OfferId, u64)>> {
            if offers.is_empty() {
                return Ok(Vec::new());
            }
            let ids = offers.iter().map(|o| o.0).collect::<Vec<_>>();
            let counts: Vec<(i64, i64)> = sqlx::query_as(&format!(
                "SELECT offer_id, COUNT(*) FROM applications WHERE {} \
                 GROUP BY offer_id ORDER BY offer_id",
                $dialect::in_list("offer_id", "$1")
            ))
            .bind(id_list(&ids))
            .fetch_all(conn)
            .await?;
            Ok(counts
                .into_iter()
                .map(|(offer, n)| (OfferId(offer), u64::try_from(n).unwrap_or(0)))
                .collect())
        }

        /// The phone numbers of these candidates, for those who gave one.
        async fn candidate_phones(
            conn: &mut $conn,
            users: &[UserId],
        ) -> StoreResult<Vec<(UserId, String)>> {
            if users.is_empty() {
                return Ok(Vec::new());
            }
            let ids = users.iter().map(|u| u.0).collect::<Vec<_>>();
            let phones: Vec<(i64, String)> = sqlx::query_as(&format!(
                "SELECT user_id, phone FROM candidate_profiles \
                 WHERE phone IS NOT NULL AND {} ORDER BY user_id",
                $dialect::in_list("user_id", "$1")
            ))
            .bind(id_list(&ids))
            .fetch_all(conn)
            .await?;
            Ok(phones
                .into_iter()
                .map(|(user, phone)| (UserId(user), phone))
                .collect())
        }

        fn page_bounds(page: u32, per_page: u32) -> (i64, i64) {
            let per_page = i64::from(per_page.clamp(1, 500));
            (per_page, i64::from(page) * per_page)
        }
    };
}
