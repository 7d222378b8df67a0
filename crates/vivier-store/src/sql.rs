//! The one SQL implementation of [`Store`](crate::Store), shared by the backends.
//!
//! SQLite and PostgreSQL accept the same SQL for everything Vivier does, except a few
//! statements named in each backend's `dialect` module. sqlx's query types differ per driver,
//! so the implementation is a macro each backend instantiates with its connection type, rather
//! than two copies that would drift apart.

/// Implements [`Store`](crate::Store) for `$store`, which must have a `pool` field and a
/// `write` method running a closure in a write transaction on a `$conn`. `$dialect` is a module
/// with `ID_EQ` and `ID_IN_LIST` (SQL conditions on `offers` whose `$1` is an id, or a
/// comma-separated list of ids) and `BEFORE_CHANGE` (a statement run before appending to the
/// change feed, if any).
#[macro_export]
macro_rules! impl_sql_store {
    (store: $store:ty, conn: $conn:ty, backend: $backend:expr, migrator: $migrator:expr, dialect: $dialect:ident $(,)?) => {
        mod __sql_store {
        use super::*;
        use std::collections::HashMap as __HashMap;
        use $crate::__private::sqlx;
        use $crate::__private::time::OffsetDateTime;
        use $crate::__private::vivier_domain::geo::Geography;
        use $crate::__private::vivier_domain::offer::{Offer, OfferData, OfferState};
        use $crate::__private::vivier_domain::organisation::{Organisation, OrganisationData, Testimony};
        use $crate::__private::vivier_domain::referential::{Domain, JobFamily, NewDomain, NewJobFamily};
        use $crate::__private::vivier_domain::{DomainId, OfferId, OrganisationId, Slug};
        use $crate::rows::{
            ChangeRow, CommuneRow, DepartmentRow, DomainRow, JobFamilyRow, OFFER_COLUMNS,
            OFFER_PLACEHOLDERS, OFFER_SELECT, ORGANISATION_COLUMNS, ORGANISATION_PLACEHOLDERS,
            ORGANISATION_SELECT, OfferColumns, OfferRow, OrganisationRow, RegionRow, TestimonyRow,
            assignments, geography_from_rows,
        };
        use $crate::{Change, ChangedEntity, StoreError, StoreResult, bind_offer, bind_organisation};

        async fn record(conn: &mut $conn, entity: ChangedEntity) -> StoreResult<()> {
            let (kind, id) = entity.columns();
            if let Some(lock) = $dialect::BEFORE_CHANGE {
                sqlx::query(lock).execute(&mut *conn).await?;
            }
            sqlx::query("INSERT INTO changes (entity, entity_id, changed_at) VALUES ($1, $2, $3)")
                .bind(kind)
                .bind(id)
                .bind(OffsetDateTime::now_utc())
                .execute(conn)
                .await?;
            Ok(())
        }

        async fn fetch_organisation(
            conn: &mut $conn,
            id: OrganisationId,
        ) -> StoreResult<Option<Organisation>> {
            let sql = format!("SELECT {ORGANISATION_SELECT} FROM organisations WHERE id = $1");
            sqlx::query_as::<_, OrganisationRow>(&sql)
                .bind(id.0)
                .fetch_optional(conn)
                .await?
                .map(Organisation::try_from)
                .transpose()
        }

        /// Refuses a parent that is missing, or that is the organisation itself or one of its descendants.
        async fn check_parent(
            conn: &mut $conn,
            id: Option<OrganisationId>,
            parent: Option<OrganisationId>,
        ) -> StoreResult<()> {
            let mut current = parent;
            while let Some(ancestor) = current {
                if Some(ancestor) == id {
                    return Err(StoreError::Invalid(
                        "une organisation ne peut pas être rattachée à elle-même ni à l'une de ses \
                         sous-organisations"
                            .into(),
                    ));
                }
                let row: Option<(Option<i64>,)> =
                    sqlx::query_as("SELECT parent_id FROM organisations WHERE id = $1")
                        .bind(ancestor.0)
                        .fetch_optional(&mut *conn)
                        .await?;
                match row {
                    Some((next,)) => current = next.map(OrganisationId),
                    None => return Err(StoreError::NotFound(format!("organisation {ancestor}"))),
                }
            }
            Ok(())
        }

        /// Loads the offers selected by `filter` (a SQL condition on `offers` whose `$1` is `arg`), with
        /// their domains.
        async fn fetch_offers(
            conn: &mut $conn,
            filter: &str,
            arg: String,
        ) -> StoreResult<Vec<Offer>> {
            let mut offers = Vec::new();
            visit_offers(conn, filter, arg, &mut |offer| offers.push(offer)).await?;
            Ok(offers)
        }

        async fn visit_offers(
            conn: &mut $conn,
            filter: &str,
            arg: String,
            visit: &mut (dyn FnMut(Offer) + Send),
        ) -> StoreResult<()> {
            // Domains first (small), then the offers streamed and converted one by one: a
            // whole catalogue of rows never sits in memory beside the offers built from it.
            let sql = format!(
                "SELECT offer_id, domain_id FROM offer_domains WHERE offer_id IN \
                 (SELECT id FROM offers WHERE {filter}) ORDER BY offer_id, domain_id"
            );
            let mut domains: __HashMap<i64, Vec<DomainId>> = __HashMap::new();
            for (offer, domain) in sqlx::query_as::<_, (i64, i64)>(&sql)
                .bind(arg.clone())
                .fetch_all(&mut *conn)
                .await?
            {
                domains.entry(offer).or_default().push(DomainId(domain));
            }
            let sql = format!("SELECT {OFFER_SELECT} FROM offers WHERE {filter} ORDER BY id");
            let mut rows = sqlx::query_as::<_, OfferRow>(&sql).bind(arg).fetch(&mut *conn);
            while let Some(row) = $crate::__private::TryStreamExt::try_next(&mut rows).await? {
                let ids = domains.remove(&row.id).unwrap_or_default();
                visit(row.into_offer(ids)?);
            }
            Ok(())
        }

        async fn fetch_offer(conn: &mut $conn, id: OfferId) -> StoreResult<Option<Offer>> {
            Ok(fetch_offers(conn, $dialect::ID_EQ, id.0.to_string())
                .await?
                .pop())
        }

        async fn insert_offer(conn: &mut $conn, data: &OfferData) -> StoreResult<OfferId> {
            let now = OffsetDateTime::now_utc();
            let sql = format!(
                "INSERT INTO offers ({OFFER_COLUMNS}, created_at, updated_at) \
                 VALUES ({OFFER_PLACEHOLDERS}, $35, $36) RETURNING id"
            );
            let query = bind_offer!(sqlx::query_scalar::<_, i64>(&sql), OfferColumns::from(data));
            let id = query
                .bind(now)
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(|e| StoreError::from_write(e, &format!("offre {}", data.slug)))?;
            let id = OfferId(id);
            write_offer_domains(conn, id, data).await?;
            record(conn, ChangedEntity::Offer(id)).await?;
            Ok(id)
        }

        /// Replaces an offer's data, its domains, and records the change.
        async fn update_offer_row(conn: &mut $conn, id: OfferId, data: &OfferData) -> StoreResult<()> {
            let sql = format!(
                "UPDATE offers SET {}, updated_at = $35 WHERE id = $36",
                assignments(OFFER_COLUMNS)
            );
            let done = bind_offer!(sqlx::query(&sql), OfferColumns::from(data))
                .bind(OffsetDateTime::now_utc())
                .bind(id.0)
                .execute(&mut *conn)
                .await
                .map_err(|e| StoreError::from_write(e, &format!("offre {}", data.slug)))?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound(format!("offre {id}")));
            }
            write_offer_domains(conn, id, data).await?;
            record(conn, ChangedEntity::Offer(id)).await
        }

        $crate::__import_sql!(conn: $conn);
        $crate::__accounts_sql!(store: $store, conn: $conn);
        $crate::__admin_sql!(store: $store, conn: $conn);
        $crate::__candidates_sql!(store: $store, conn: $conn, dialect: $dialect);

        async fn write_offer_domains(
            conn: &mut $conn,
            id: OfferId,
            data: &OfferData,
        ) -> StoreResult<()> {
            sqlx::query("DELETE FROM offer_domains WHERE offer_id = $1")
                .bind(id.0)
                .execute(&mut *conn)
                .await?;
            for domain in &data.domain_ids {
                sqlx::query("INSERT INTO offer_domains (offer_id, domain_id) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING")
                    .bind(id.0)
                    .bind(domain.0)
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| StoreError::from_write(e, &format!("domaine {domain}")))?;
            }
            Ok(())
        }

        #[$crate::__private::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                $backend
            }

            async fn migrate(&self) -> StoreResult<()> {
                $migrator.run(&self.pool).await?;
                Ok(())
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn save_geography(&self, geography: &Geography) -> StoreResult<()> {
                self.write(async |conn| {
                    for r in geography.regions() {
                        sqlx::query(
                            "INSERT INTO regions (code, name) VALUES ($1, $2) \
                             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                        )
                        .bind(r.code.as_str())
                        .bind(&r.name)
                        .execute(&mut *conn)
                        .await?;
                    }
                    for d in geography.departments() {
                        sqlx::query(
                            "INSERT INTO departments (code, name, region_code) VALUES ($1, $2, $3) \
                             ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                             region_code = excluded.region_code",
                        )
                        .bind(d.code.as_str())
                        .bind(&d.name)
                        .bind(d.region.as_str())
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, &format!("département {}", d.code)))?;
                    }
                    for c in geography.communes() {
                        sqlx::query(
                            "INSERT INTO communes (code, name, department_code, postal_codes, population) \
                             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET \
                             name = excluded.name, department_code = excluded.department_code, \
                             postal_codes = excluded.postal_codes, population = excluded.population",
                        )
                        .bind(c.code.as_str())
                        .bind(&c.name)
                        .bind(c.department.as_str())
                        .bind(c.postal_codes.join(" "))
                        .bind(i64::from(c.population))
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, &format!("commune {}", c.code)))?;
                    }
                    record(conn, ChangedEntity::Referentials).await
                })
                .await
            }

            async fn geography(&self) -> StoreResult<Geography> {
                let mut conn = self.pool.acquire().await?;
                let regions = sqlx::query_as::<_, RegionRow>("SELECT code, name FROM regions")
                    .fetch_all(&mut *conn)
                    .await?;
                let departments = sqlx::query_as::<_, DepartmentRow>(
                    "SELECT code, name, region_code FROM departments",
                )
                .fetch_all(&mut *conn)
                .await?;
                let communes = sqlx::query_as::<_, CommuneRow>(
                    "SELECT code, name, department_code, postal_codes, population FROM communes",
                )
                .fetch_all(&mut *conn)
                .await?;
                geography_from_rows(regions, departments, communes)
            }

            async fn upsert_job_family(&self, family: &NewJobFamily) -> StoreResult<JobFamily> {
                self.write(async |conn| {
                    let row = sqlx::query_as::<_, JobFamilyRow>(
                        "INSERT INTO job_families (slug, name, description) VALUES ($1, $2, $3) \
                         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, \
                         description = excluded.description RETURNING id, slug, name, description",
                    )
                    .bind(family.slug.as_str())
                    .bind(&family.name)
                    .bind(&family.description)
                    .fetch_one(&mut *conn)
                    .await?;
                    record(conn, ChangedEntity::Referentials).await?;
                    row.try_into()
                })
                .await
            }

            async fn job_families(&self) -> StoreResult<Vec<JobFamily>> {
                sqlx::query_as::<_, JobFamilyRow>(
                    "SELECT id, slug, name, description FROM job_families ORDER BY name",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(TryInto::try_into)
                .collect()
            }

            async fn upsert_domain(&self, domain: &NewDomain) -> StoreResult<Domain> {
                self.write(async |conn| {
                    let row = sqlx::query_as::<_, DomainRow>(
                        "INSERT INTO domains (slug, name) VALUES ($1, $2) \
                         ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id, slug, name",
                    )
                    .bind(domain.slug.as_str())
                    .bind(&domain.name)
                    .fetch_one(&mut *conn)
                    .await?;
                    record(conn, ChangedEntity::Referentials).await?;
                    row.try_into()
                })
                .await
            }

            async fn domains(&self) -> StoreResult<Vec<Domain>> {
                sqlx::query_as::<_, DomainRow>("SELECT id, slug, name FROM domains ORDER BY name")
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect()
            }

            async fn create_organisation(&self, data: &OrganisationData) -> StoreResult<Organisation> {
                self.write(async |conn| {
                    check_parent(conn, None, data.parent_id).await?;
                    let now = OffsetDateTime::now_utc();
                    let sql = format!(
                        "INSERT INTO organisations ({ORGANISATION_COLUMNS}, created_at, updated_at) \
                         VALUES ({ORGANISATION_PLACEHOLDERS}, $18, $19) RETURNING id"
                    );
                    let id = bind_organisation!(sqlx::query_scalar::<_, i64>(&sql), data)
                        .bind(now)
                        .bind(now)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, &format!("organisation {}", data.slug)))?;
                    let id = OrganisationId(id);
                    record(conn, ChangedEntity::Organisation(id)).await?;
                    fetch_organisation(conn, id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("organisation {id}")))
                })
                .await
            }

            async fn update_organisation(
                &self,
                id: OrganisationId,
                data: &OrganisationData,
            ) -> StoreResult<Organisation> {
                self.write(async |conn| {
                    check_parent(conn, Some(id), data.parent_id).await?;
                    let set = assignments(ORGANISATION_COLUMNS);
                    let sql = format!("UPDATE organisations SET {set}, updated_at = $18 WHERE id = $19");
                    let done = bind_organisation!(sqlx::query(&sql), data)
                        .bind(OffsetDateTime::now_utc())
                        .bind(id.0)
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, &format!("organisation {}", data.slug)))?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound(format!("organisation {id}")));
                    }
                    record(conn, ChangedEntity::Organisation(id)).await?;
                    fetch_organisation(conn, id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("organisation {id}")))
                })
                .await
            }

            async fn organisation(&self, id: OrganisationId) -> StoreResult<Option<Organisation>> {
                fetch_organisation(&mut *self.pool.acquire().await?, id).await
            }

            async fn organisation_by_slug(&self, slug: &Slug) -> StoreResult<Option<Organisation>> {
                let sql = format!("SELECT {ORGANISATION_SELECT} FROM organisations WHERE slug = $1");
                sqlx::query_as::<_, OrganisationRow>(&sql)
                    .bind(slug.as_str())
                    .fetch_optional(&self.pool)
                    .await?
                    .map(Organisation::try_from)
                    .transpose()
            }

            async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
                let sql = format!("SELECT {ORGANISATION_SELECT} FROM organisations ORDER BY name, id");
                sqlx::query_as::<_, OrganisationRow>(&sql)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .map(Organisation::try_from)
                    .collect()
            }

            async fn set_testimonies(
                &self,
                organisation: OrganisationId,
                testimonies: &[Testimony],
            ) -> StoreResult<()> {
                self.write(async |conn| {
                    sqlx::query("DELETE FROM testimonies WHERE organisation_id = $1")
                        .bind(organisation.0)
                        .execute(&mut *conn)
                        .await?;
                    for (position, t) in testimonies.iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO testimonies (organisation_id, position, name, role, text, \
                             photo_url) VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(organisation.0)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .bind(&t.name)
                        .bind(&t.role)
                        .bind(&t.text)
                        .bind(t.photo_url.as_ref().map(ToString::to_string))
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| StoreError::from_write(e, &format!("organisation {organisation}")))?;
                    }
                    record(conn, ChangedEntity::Organisation(organisation)).await
                })
                .await
            }

            async fn testimonies(&self, organisation: OrganisationId) -> StoreResult<Vec<Testimony>> {
                sqlx::query_as::<_, TestimonyRow>(
                    "SELECT name, role, text, photo_url FROM testimonies WHERE organisation_id = $1 \
                     ORDER BY position",
                )
                .bind(organisation.0)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(Testimony::try_from)
                .collect()
            }

            async fn create_offer(&self, data: &OfferData) -> StoreResult<Offer> {
                self.write(async |conn| {
                    let id = insert_offer(conn, data).await?;
                    fetch_offer(conn, id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("offre {id}")))
                })
                .await
            }

            async fn create_offers(&self, offers: &[OfferData]) -> StoreResult<Vec<OfferId>> {
                self.write(async |conn| {
                    let mut ids = Vec::with_capacity(offers.len());
                    for data in offers {
                        ids.push(insert_offer(conn, data).await?);
                    }
                    Ok(ids)
                })
                .await
            }

            async fn update_offer(&self, id: OfferId, data: &OfferData) -> StoreResult<Offer> {
                self.write(async |conn| {
                    update_offer_row(conn, id, data).await?;
                    fetch_offer(conn, id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("offre {id}")))
                })
                .await
            }

            async fn delete_offer(&self, id: OfferId) -> StoreResult<bool> {
                self.write(async |conn| {
                    let done = sqlx::query("DELETE FROM offers WHERE id = $1")
                        .bind(id.0)
                        .execute(&mut *conn)
                        .await?;
                    if done.rows_affected() > 0 {
                        record(conn, ChangedEntity::Offer(id)).await?;
                    }
                    Ok(done.rows_affected() > 0)
                })
                .await
            }

            async fn offer(&self, id: OfferId) -> StoreResult<Option<Offer>> {
                fetch_offer(&mut *self.pool.acquire().await?, id).await
            }

            async fn offer_by_slug(&self, slug: &Slug) -> StoreResult<Option<Offer>> {
                Ok(fetch_offers(
                    &mut *self.pool.acquire().await?,
                    "slug = $1",
                    slug.to_string(),
                )
                .await?
                .pop())
            }

            async fn offers_by_ids(&self, ids: &[OfferId]) -> StoreResult<Vec<Offer>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let list = ids.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",");
                fetch_offers(
                    &mut *self.pool.acquire().await?,
                    $dialect::ID_IN_LIST,
                    list,
                )
                .await
            }

            async fn offers_of_organisations(
                &self,
                organisations: &[OrganisationId],
            ) -> StoreResult<Vec<Offer>> {
                if organisations.is_empty() {
                    return Ok(Vec::new());
                }
                let list = organisations
                    .iter()
                    .map(|id| id.0.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                // The dialect's list condition is on `id`: here, the organisations' ids.
                let filter = format!(
                    "organisation_id IN (SELECT id FROM organisations WHERE {})",
                    $dialect::ID_IN_LIST
                );
                fetch_offers(&mut *self.pool.acquire().await?, &filter, list).await
            }

            async fn visit_public_offers(
                &self,
                visit: &mut (dyn FnMut(Offer) + Send),
            ) -> StoreResult<()> {
                visit_offers(
                    &mut *self.pool.acquire().await?,
                    "state <> $1",
                    OfferState::Brouillon.code().to_owned(),
                    visit,
                )
                .await
            }

            async fn count_offers(&self) -> StoreResult<u64> {
                let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offers")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(u64::try_from(count).unwrap_or(0))
            }

            async fn last_change(&self) -> StoreResult<i64> {
                Ok(
                    sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM changes")
                        .fetch_one(&self.pool)
                        .await?
                        .unwrap_or(0),
                )
            }

            async fn request_reindex(&self) -> StoreResult<i64> {
                self.write(async |conn| {
                    record(conn, ChangedEntity::Reindex).await?;
                    Ok(sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM changes")
                        .fetch_one(conn)
                        .await?
                        .unwrap_or(0))
                })
                .await
            }

            async fn imported_offers(
                &self,
                source: $crate::__private::vivier_domain::offer::Source,
            ) -> StoreResult<Vec<$crate::import::ImportedOffer>> {
                let mut conn = self.pool.acquire().await?;
                imports::imported_offers(&mut conn, source).await
            }

            async fn apply_import(
                &self,
                batch: &[$crate::import::ImportWrite],
            ) -> StoreResult<Vec<OfferId>> {
                self.write(async |conn| imports::apply(conn, batch).await).await
            }

            async fn start_import_run(
                &self,
                run: &$crate::import::NewImportRun,
            ) -> StoreResult<$crate::import::ImportRunId> {
                self.write(async |conn| imports::start_run(conn, run).await).await
            }

            async fn finish_import_run(
                &self,
                id: $crate::import::ImportRunId,
                outcome: &$crate::import::RunOutcome,
            ) -> StoreResult<()> {
                self.write(async |conn| imports::finish_run(conn, id, outcome).await).await
            }

            async fn import_runs(&self, limit: u32) -> StoreResult<Vec<$crate::import::ImportRun>> {
                let mut conn = self.pool.acquire().await?;
                imports::runs(&mut conn, limit).await
            }

            async fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<Change>> {
                sqlx::query_as::<_, ChangeRow>(
                    "SELECT seq, entity, entity_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(seq)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(Change::try_from)
                .collect()
            }

            async fn places_holding(&self, text: &str) -> StoreResult<Vec<String>> {
                let mut conn = self.pool.acquire().await?;
                let columns: Vec<(String, String)> = sqlx::query_as($dialect::TEXT_COLUMNS)
                    .fetch_all(&mut *conn)
                    .await?;
                let mut places = Vec::new();
                for (table, column) in columns {
                    // Names come from the catalog, quoted all the same.
                    let quoted = format!("\"{}\"", column.replace('"', "\"\""));
                    let sql = format!(
                        "SELECT COUNT(*) FROM \"{}\" WHERE {}",
                        table.replace('"', "\"\""),
                        $dialect::contains(&quoted, "$1")
                    );
                    let count: i64 = sqlx::query_scalar(&sql)
                        .bind(text)
                        .fetch_one(&mut *conn)
                        .await?;
                    if count > 0 {
                        places.push(format!("{table}.{column} ({count})"));
                    }
                }
                Ok(places)
            }
        }
        }
    };
}
