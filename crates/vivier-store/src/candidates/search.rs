//! What recruiters search beyond one offer — spontaneous applications, the talent pool — and
//! their dashboard's figures; expanded inside [`__candidates_sql!`].

/// Free functions of the candidates' module for recruiters' searches; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __candidates_search_sql {
    (conn: $conn:ty, dialect: $dialect:ident) => {
        pub(super) async fn spontaneous_applications(
            conn: &mut $conn,
            organisations: &[OrganisationId],
            search: &CandidateSearch,
        ) -> StoreResult<(Vec<(Application, Candidate)>, u64)> {
            let condition = format!(
                "a.kind <> 'offre' AND a.candidate_id IS NOT NULL AND a.status IN {OPEN_STATUSES} \
                 AND (a.kind = 'etat' OR {orgs}) AND {search}",
                orgs = $dialect::in_list("a.organisation_id", "$1"),
                search = search_conditions(2),
            );
            let from = "FROM applications a \
                LEFT JOIN candidate_profiles p ON p.user_id = a.candidate_id";
            let total: i64 = bind_search!(
                sqlx::query_scalar(&format!("SELECT COUNT(*) {from} WHERE {condition}"))
                    .bind(id_list(organisations)),
                search
            )
            .fetch_one(&mut *conn)
            .await?;
            let (limit, offset) = page_bounds(search.page, search.per_page);
            let ids: Vec<i64> = bind_search!(
                sqlx::query_scalar(&format!(
                    "SELECT a.id {from} WHERE {condition} \
                     ORDER BY a.created_at DESC, a.id DESC LIMIT $7 OFFSET $8"
                ))
                .bind(id_list(organisations)),
                search
            )
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?;
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                let Some(application) = fetch_application(conn, id).await? else {
                    continue;
                };
                let Some(user) = application.candidate.as_ref().map(|c| c.user) else {
                    continue;
                };
                if let Some(candidate) = fetch_candidate(conn, user).await? {
                    found.push((application, candidate));
                }
            }
            Ok((found, u64::try_from(total).unwrap_or(0)))
        }

        pub(super) async fn pool(
            conn: &mut $conn,
            search: &CandidateSearch,
        ) -> StoreResult<CandidatePage> {
            let condition = format!("p.pool_since IS NOT NULL AND {}", search_conditions(1));
            let total: i64 = bind_search!(
                sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM candidate_profiles p WHERE {condition}"
                )),
                search
            )
            .fetch_one(&mut *conn)
            .await?;
            let (limit, offset) = page_bounds(search.page, search.per_page);
            let ids: Vec<i64> = bind_search!(
                sqlx::query_scalar(&format!(
                    "SELECT p.user_id FROM candidate_profiles p WHERE {condition} \
                     ORDER BY p.last_active_at DESC, p.user_id LIMIT $6 OFFSET $7"
                )),
                search
            )
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?;
            let mut candidates = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(candidate) = fetch_candidate(conn, UserId(id)).await? {
                    candidates.push(candidate);
                }
            }
            Ok(CandidatePage {
                candidates,
                total: u64::try_from(total).unwrap_or(0),
            })
        }

        pub(super) async fn dashboard(
            conn: &mut $conn,
            organisations: &[OrganisationId],
            received_since: UnixTime,
        ) -> StoreResult<Dashboard> {
            let orgs = id_list(organisations);
            let live: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM offers WHERE state = 'publiee' AND {}",
                $dialect::in_list("organisation_id", "$1")
            ))
            .bind(&orgs)
            .fetch_one(&mut *conn)
            .await?;
            let scope = format!(
                "FROM applications a LEFT JOIN offers o ON o.id = a.offer_id WHERE {}",
                $dialect::in_list(APPLICATION_ORG, "$1")
            );
            let received: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) {scope} AND a.created_at >= $2"))
                    .bind(&orgs)
                    .bind(received_since)
                    .fetch_one(&mut *conn)
                    .await?;
            let counts: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT a.status, COUNT(*) {scope} GROUP BY a.status"
            ))
            .bind(&orgs)
            .fetch_all(&mut *conn)
            .await?;
            let delays: Vec<i64> = sqlx::query_scalar(&format!(
                "SELECT a.first_answer_at - a.created_at {scope} \
                 AND a.first_answer_at IS NOT NULL ORDER BY 1"
            ))
            .bind(&orgs)
            .fetch_all(&mut *conn)
            .await?;
            Ok(Dashboard {
                live_offers: u64::try_from(live).unwrap_or(0),
                received_since: u64::try_from(received).unwrap_or(0),
                by_status: counts
                    .into_iter()
                    .map(|(code, n)| Ok((status(&code)?, u64::try_from(n).unwrap_or(0))))
                    .collect::<StoreResult<Vec<_>>>()?,
                first_answer_delays: delays,
            })
        }
    };
}
