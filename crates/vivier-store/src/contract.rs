//! The contract every [`Store`] backend must honour, one function per behaviour.
//!
//! A backend's test file calls [`store_contract_tests!`](crate::store_contract_tests) with an
//! expression that builds a fresh, empty store; each function below becomes one test.

use time::macros::date;
use url::Url;
use vivier_domain::geo::{
    Commune, CommuneCode, Department, DepartmentCode, Geography, Region, RegionCode,
};
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, OfferData, OfferSections, OfferState, Remote,
    Seniority, Source,
};
use vivier_domain::organisation::{
    EmployerPage, Organisation, OrganisationData, OrganisationKind, Testimony,
};
use vivier_domain::referential::{NewDomain, NewJobFamily};
use vivier_domain::{Email, OfferId, OrganisationId, SalaryRange, Slug};

use crate::{ChangedEntity, Store, StoreError};

/// Generates one `#[tokio::test]` per contract function, each on a fresh store built by `$make`
/// (an expression evaluating to a future of `Option<Arc<dyn Store>>`; `None` means the backend's
/// server is not configured, and the test says so and stops).
#[macro_export]
macro_rules! store_contract_tests {
    ($make:expr) => {
        $crate::store_contract_tests!(@each $make;
            migrations_are_idempotent_and_ping_answers,
            geography_round_trips_and_updates,
            referentials_upsert_by_slug,
            organisation_tree_is_kept_consistent,
            organisation_slug_is_unique,
            testimonies_are_replaced_in_order,
            offer_round_trips_every_field,
            offer_abroad_with_email_round_trips,
            offer_unique_keys_and_references_are_enforced,
            offer_batch_is_all_or_nothing,
            offer_update_delete_and_lookups,
            public_offers_exclude_drafts,
            change_feed_records_every_write_in_order,
            hostile_text_is_stored_verbatim,
        );
    };
    (@each $make:expr; $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                let Some(store) = $make.await else { return };
                store.migrate().await.expect("migrations");
                $crate::contract::$name(&*store).await;
            }
        )+
    };
}

fn slug(s: &str) -> Slug {
    Slug::parse(s).expect("test slug")
}

/// A small geography: two regions, three departments, four communes.
pub fn small_geography() -> Geography {
    let region = |code: &str, name: &str| Region {
        code: RegionCode::parse(code).expect("region"),
        name: name.into(),
    };
    let department = |code: &str, name: &str, region: &str| Department {
        code: DepartmentCode::parse(code).expect("department"),
        name: name.into(),
        region: RegionCode::parse(region).expect("region"),
    };
    let commune = |code: &str, name: &str, postal: &[&str], population: u32| {
        let code = CommuneCode::parse(code).expect("commune");
        Commune {
            department: code.department(),
            code,
            name: name.into(),
            postal_codes: postal.iter().map(|p| (*p).to_owned()).collect(),
            population,
        }
    };
    Geography::new(
        vec![region("11", "Île-de-France"), region("94", "Corse")],
        vec![
            department("75", "Paris", "11"),
            department("92", "Hauts-de-Seine", "11"),
            department("2A", "Corse-du-Sud", "94"),
        ],
        vec![
            commune("75056", "Paris", &["75001", "75002"], 2_100_000),
            commune("92050", "Nanterre", &["92000"], 96_000),
            commune("92012", "Boulogne-Billancourt", &["92100"], 121_000),
            commune("2A004", "Ajaccio", &["20000", "20090"], 73_000),
        ],
    )
}

async fn organisation(
    store: &dyn Store,
    slug_text: &str,
    parent: Option<OrganisationId>,
) -> Organisation {
    store
        .create_organisation(&OrganisationData {
            slug: slug(slug_text),
            name: format!("Organisation {slug_text}"),
            acronym: None,
            kind: if parent.is_some() {
                OrganisationKind::Direction
            } else {
                OrganisationKind::Ministere
            },
            parent_id: parent,
            website: None,
            logo_url: None,
            page: EmployerPage::default(),
        })
        .await
        .expect("create organisation")
}

/// A complete offer of `organisation`: every optional field filled.
pub async fn full_offer(
    store: &dyn Store,
    organisation: OrganisationId,
    slug_text: &str,
) -> OfferData {
    let family = store
        .upsert_job_family(&NewJobFamily {
            slug: slug("developpement"),
            name: "Développement".into(),
            description: "Concevoir et construire des services.".into(),
        })
        .await
        .expect("family");
    let ia = store
        .upsert_domain(&NewDomain {
            slug: slug("ia"),
            name: "Intelligence artificielle".into(),
        })
        .await
        .expect("domain");
    let cloud = store
        .upsert_domain(&NewDomain {
            slug: slug("cloud"),
            name: "Cloud".into(),
        })
        .await
        .expect("domain");
    OfferData {
        slug: slug(slug_text),
        reference: format!("REF-{slug_text}"),
        title: "Développeur·se Rust — « données » & IA".into(),
        organisation_id: organisation,
        job_family_id: Some(family.id),
        domain_ids: vec![ia.id, cloud.id],
        contract_types: vec![
            ContractType::TitulaireOuContractuel,
            ContractType::Freelance,
        ],
        category: Some(Category::A),
        remote: Remote::Partiel,
        open_to_juniors: true,
        seniority: Some(Seniority::Confirme),
        salary: Some(SalaryRange::new(45_000, 62_000).expect("salary")),
        location: Location::France {
            region: RegionCode::parse("11").expect("region"),
            department: Some(DepartmentCode::parse("75").expect("department")),
            commune: Some(CommuneCode::parse("75056").expect("commune")),
        },
        state: OfferState::Publiee,
        published_on: Some(date!(2026 - 11 - 02)),
        deadline: Some(date!(2027 - 01 - 15)),
        source: Source::Csp,
        source_reference: Some(format!("2026-{slug_text}")),
        source_url: Some(
            Url::parse("https://choisirleservicepublic.gouv.fr/offre-emploi/x/").expect("url"),
        ),
        apply: ApplyMethod::ExternalUrl(
            Url::parse("https://example.gouv.fr/postuler?id=1").expect("url"),
        ),
        sections: OfferSections {
            mission: Some("Construire.\n\n- un point\n- un autre".into()),
            context: Some("Contexte".into()),
            activities: Some("Activités".into()),
            team: Some("Équipe".into()),
            profile: Some("Profil".into()),
            benefits: Some("Avantages".into()),
            recruitment_process: Some("Processus".into()),
            special_conditions: Some("Conditions".into()),
        },
    }
}

/// Migrating twice is harmless, and the database answers.
pub async fn migrations_are_idempotent_and_ping_answers(store: &dyn Store) {
    store.migrate().await.expect("second migration run");
    store.ping().await.expect("ping");
    assert_eq!(store.count_offers().await.expect("count"), 0);
    assert_eq!(store.last_change().await.expect("last change"), 0);
}

/// The geography reads back as written; saving again updates names without duplicating.
pub async fn geography_round_trips_and_updates(store: &dyn Store) {
    let geography = small_geography();
    store.save_geography(&geography).await.expect("save");
    store.save_geography(&geography).await.expect("save twice");
    let read = store.geography().await.expect("read");
    assert_eq!(read.regions(), geography.regions());
    assert_eq!(read.departments(), geography.departments());
    assert_eq!(read.communes(), geography.communes());

    let mut communes = geography.communes().to_vec();
    let paris = communes
        .iter_mut()
        .find(|c| c.code.as_str() == "75056")
        .expect("Paris");
    paris.name = "Paris (nouveau nom)".into();
    let renamed = Geography::new(
        geography.regions().to_vec(),
        geography.departments().to_vec(),
        communes,
    );
    store.save_geography(&renamed).await.expect("save renamed");
    let read = store.geography().await.expect("read");
    assert_eq!(read.communes().len(), 4);
    let paris = read
        .commune(&CommuneCode::parse("75056").expect("code"))
        .expect("Paris");
    assert_eq!(paris.name, "Paris (nouveau nom)");
    assert_eq!(paris.postal_codes, vec!["75001", "75002"]);
}

/// Job families and domains are keyed by slug: upserting again updates, never duplicates.
pub async fn referentials_upsert_by_slug(store: &dyn Store) {
    let first = store
        .upsert_job_family(&NewJobFamily {
            slug: slug("donnees"),
            name: "Données".into(),
            description: "A".into(),
        })
        .await
        .expect("family");
    let again = store
        .upsert_job_family(&NewJobFamily {
            slug: slug("donnees"),
            name: "Données et IA".into(),
            description: "B".into(),
        })
        .await
        .expect("family again");
    assert_eq!(first.id, again.id);
    assert_eq!(again.name, "Données et IA");
    store
        .upsert_job_family(&NewJobFamily {
            slug: slug("design"),
            name: "Design".into(),
            description: "C".into(),
        })
        .await
        .expect("family");
    let families = store.job_families().await.expect("families");
    assert_eq!(
        families.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["Design", "Données et IA"]
    );

    let d1 = store
        .upsert_domain(&NewDomain {
            slug: slug("cloud"),
            name: "Cloud".into(),
        })
        .await
        .expect("domain");
    let d2 = store
        .upsert_domain(&NewDomain {
            slug: slug("cloud"),
            name: "Cloud souverain".into(),
        })
        .await
        .expect("domain");
    assert_eq!(d1.id, d2.id);
    assert_eq!(store.domains().await.expect("domains"), vec![d2]);
}

/// Parents must exist, and no organisation may become its own ancestor.
pub async fn organisation_tree_is_kept_consistent(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let direction = organisation(store, "direction", Some(ministry.id)).await;
    let service = organisation(store, "service", Some(direction.id)).await;
    assert_eq!(service.data.parent_id, Some(direction.id));

    let orphan = store
        .create_organisation(&OrganisationData {
            parent_id: Some(OrganisationId(999_999)),
            ..service.data.clone()
        })
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound(_))), "{orphan:?}");

    let cycle = store
        .update_organisation(
            ministry.id,
            &OrganisationData {
                parent_id: Some(service.id),
                ..ministry.data.clone()
            },
        )
        .await;
    assert!(matches!(cycle, Err(StoreError::Invalid(_))), "{cycle:?}");
    let self_parent = store
        .update_organisation(
            ministry.id,
            &OrganisationData {
                parent_id: Some(ministry.id),
                ..ministry.data.clone()
            },
        )
        .await;
    assert!(
        matches!(self_parent, Err(StoreError::Invalid(_))),
        "{self_parent:?}"
    );

    let page = EmployerPage {
        raison_d_etre: Some("Servir.".into()),
        chiffres_cles: Some("- 12 équipes".into()),
        ..EmployerPage::default()
    };
    let moved = store
        .update_organisation(
            service.id,
            &OrganisationData {
                parent_id: Some(ministry.id),
                name: "Service renommé".into(),
                acronym: Some("SR".into()),
                website: Some(Url::parse("https://www.numerique.gouv.fr/").expect("url")),
                logo_url: Some(Url::parse("https://www.numerique.gouv.fr/logo.svg").expect("url")),
                page: page.clone(),
                ..service.data.clone()
            },
        )
        .await
        .expect("move");
    assert_eq!(moved.data.parent_id, Some(ministry.id));
    assert_eq!(moved.data.page, page);
    assert_eq!(
        store.organisation(service.id).await.expect("read"),
        Some(moved.clone())
    );
    assert_eq!(
        store
            .organisation_by_slug(&slug("service"))
            .await
            .expect("read"),
        Some(moved)
    );
    assert_eq!(
        store
            .organisation_by_slug(&slug("inconnue"))
            .await
            .expect("read"),
        None
    );
    assert_eq!(store.organisations().await.expect("all").len(), 3);

    let missing = store
        .update_organisation(OrganisationId(424_242), &ministry.data)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// Two organisations cannot share a slug.
pub async fn organisation_slug_is_unique(store: &dyn Store) {
    let first = organisation(store, "dinum", None).await;
    let duplicate = store.create_organisation(&first.data).await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict(_))),
        "{duplicate:?}"
    );
    let other = organisation(store, "anssi", None).await;
    let renamed = store
        .update_organisation(
            other.id,
            &OrganisationData {
                slug: slug("dinum"),
                ..other.data.clone()
            },
        )
        .await;
    assert!(
        matches!(renamed, Err(StoreError::Conflict(_))),
        "{renamed:?}"
    );
}

/// Testimonies are replaced as a whole and read back in order.
pub async fn testimonies_are_replaced_in_order(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let testimony = |name: &str| Testimony {
        name: name.into(),
        role: "Développeuse".into(),
        text: format!("Le mot de {name}."),
        photo_url: Some(Url::parse("https://example.org/photo.jpg").expect("url")),
    };
    store
        .set_testimonies(org.id, &[testimony("Awa"), testimony("Louis")])
        .await
        .expect("set");
    store
        .set_testimonies(org.id, &[testimony("Inès"), testimony("Awa")])
        .await
        .expect("replace");
    let read = store.testimonies(org.id).await.expect("read");
    assert_eq!(read, vec![testimony("Inès"), testimony("Awa")]);
    assert!(
        store
            .testimonies(OrganisationId(777))
            .await
            .expect("read")
            .is_empty()
    );
    let missing = store
        .set_testimonies(OrganisationId(777), &[testimony("X")])
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// Every field of an offer reads back as written.
pub async fn offer_round_trips_every_field(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "developpeur-rust").await;
    let created = store.create_offer(&data).await.expect("create");
    let mut expected = data.clone();
    expected.domain_ids.sort();
    let mut got = created.data.clone();
    got.domain_ids.sort();
    assert_eq!(got, expected);
    assert!(created.updated_at >= created.created_at);
    let read = store
        .offer(created.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(read, created);
    assert_eq!(
        store.offer_by_slug(&data.slug).await.expect("read"),
        Some(created)
    );
}

/// An offer abroad, applied to by e-mail, with no optional field, reads back as written.
pub async fn offer_abroad_with_email_round_trips(store: &dyn Store) {
    let org = organisation(store, "mae", None).await;
    let data = OfferData {
        slug: slug("via-bruxelles"),
        reference: String::new(),
        title: "VIA — Chargé·e de mission numérique".into(),
        organisation_id: org.id,
        job_family_id: None,
        domain_ids: vec![],
        contract_types: vec![ContractType::ViaVie],
        category: None,
        remote: Remote::Aucun,
        open_to_juniors: false,
        seniority: None,
        salary: None,
        location: Location::Abroad {
            country: "Belgique".into(),
            city: Some("Bruxelles".into()),
        },
        state: OfferState::Brouillon,
        published_on: None,
        deadline: None,
        source: Source::Vivier,
        source_reference: None,
        source_url: None,
        apply: ApplyMethod::Email(Email::parse("recrutement@diplomatie.gouv.fr").expect("email")),
        sections: OfferSections::default(),
    };
    let created = store.create_offer(&data).await.expect("create");
    assert_eq!(created.data, data);
}

/// Slugs and (source, source reference) are unique; references to missing rows are refused.
pub async fn offer_unique_keys_and_references_are_enforced(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "offre-a").await;
    store.create_offer(&data).await.expect("create");

    let same_slug = store
        .create_offer(&OfferData {
            source_reference: Some("autre".into()),
            ..data.clone()
        })
        .await;
    assert!(
        matches!(same_slug, Err(StoreError::Conflict(_))),
        "{same_slug:?}"
    );
    let same_source_ref = store
        .create_offer(&OfferData {
            slug: slug("offre-b"),
            ..data.clone()
        })
        .await;
    assert!(
        matches!(same_source_ref, Err(StoreError::Conflict(_))),
        "{same_source_ref:?}"
    );
    let other_source = store
        .create_offer(&OfferData {
            slug: slug("offre-c"),
            source: Source::Pep,
            ..data.clone()
        })
        .await;
    assert!(
        other_source.is_ok(),
        "same reference in another source is allowed: {other_source:?}"
    );

    let no_org = store
        .create_offer(&OfferData {
            slug: slug("offre-d"),
            source_reference: None,
            organisation_id: OrganisationId(999),
            ..data.clone()
        })
        .await;
    assert!(matches!(no_org, Err(StoreError::NotFound(_))), "{no_org:?}");
    let no_domain = store
        .create_offer(&OfferData {
            slug: slug("offre-e"),
            source_reference: None,
            domain_ids: vec![vivier_domain::DomainId(999)],
            ..data.clone()
        })
        .await;
    assert!(
        matches!(no_domain, Err(StoreError::NotFound(_))),
        "{no_domain:?}"
    );
    assert_eq!(
        store.count_offers().await.expect("count"),
        2,
        "refused offers left nothing behind"
    );
}

/// A batch with one bad offer stores none of them.
pub async fn offer_batch_is_all_or_nothing(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let base = full_offer(store, org.id, "lot-1").await;
    let batch: Vec<OfferData> = (1..=50)
        .map(|i| OfferData {
            slug: slug(&format!("lot-{i}")),
            source_reference: Some(format!("L{i}")),
            ..base.clone()
        })
        .collect();
    let mut bad = batch.clone();
    bad.push(OfferData {
        slug: slug("lot-3"),
        source_reference: Some("L-dup".into()),
        ..base.clone()
    });
    assert!(store.create_offers(&bad).await.is_err());
    assert_eq!(store.count_offers().await.expect("count"), 0);

    let ids = store.create_offers(&batch).await.expect("batch");
    assert_eq!(ids.len(), 50);
    assert_eq!(store.count_offers().await.expect("count"), 50);
    let read = store.offers_by_ids(&ids[10..13]).await.expect("by ids");
    let mut slugs: Vec<_> = read.iter().map(|o| o.data.slug.to_string()).collect();
    slugs.sort();
    assert_eq!(slugs, ["lot-11", "lot-12", "lot-13"]);
    assert!(read.iter().all(|o| o.data.domain_ids.len() == 2));
}

/// Updates replace every field (domains included); deletes remove; look-ups miss cleanly.
pub async fn offer_update_delete_and_lookups(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let other_org = organisation(store, "anssi", None).await;
    let data = full_offer(store, org.id, "a-modifier").await;
    let created = store.create_offer(&data).await.expect("create");
    let changed = OfferData {
        title: "Cheffe de projet".into(),
        organisation_id: other_org.id,
        domain_ids: vec![data.domain_ids[0]],
        state: OfferState::Pourvue,
        salary: None,
        sections: OfferSections {
            mission: Some("Nouvelle mission".into()),
            ..OfferSections::default()
        },
        ..data.clone()
    };
    let updated = store
        .update_offer(created.id, &changed)
        .await
        .expect("update");
    assert_eq!(updated.data, changed);
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at >= created.updated_at);

    let missing = store.update_offer(OfferId(987_654), &changed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert_eq!(store.offer(OfferId(987_654)).await.expect("read"), None);
    assert_eq!(
        store.offer_by_slug(&slug("inconnue")).await.expect("read"),
        None
    );
    assert!(store.offers_by_ids(&[]).await.expect("empty").is_empty());

    assert!(store.delete_offer(created.id).await.expect("delete"));
    assert!(!store.delete_offer(created.id).await.expect("delete again"));
    assert_eq!(store.offer(created.id).await.expect("read"), None);
    assert_eq!(store.count_offers().await.expect("count"), 0);
}

/// The public list holds every state but drafts.
pub async fn public_offers_exclude_drafts(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let base = full_offer(store, org.id, "base").await;
    for (i, state) in OfferState::ALL.iter().enumerate() {
        store
            .create_offer(&OfferData {
                slug: slug(&format!("offre-{}", state.code())),
                source_reference: Some(format!("S{i}")),
                state: *state,
                ..base.clone()
            })
            .await
            .expect("create");
    }
    let public = store.public_offers().await.expect("public");
    let mut states: Vec<_> = public.iter().map(|o| o.data.state).collect();
    states.sort();
    assert_eq!(
        states,
        [
            OfferState::Publiee,
            OfferState::Pourvue,
            OfferState::Cloturee
        ]
    );
    assert_eq!(store.count_offers().await.expect("count"), 4);
}

/// Each committed write appends one change, in order; failed writes append nothing.
pub async fn change_feed_records_every_write_in_order(store: &dyn Store) {
    let start = store.last_change().await.expect("last");
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "suivie").await;
    let offer = store.create_offer(&data).await.expect("create");
    store.update_offer(offer.id, &data).await.expect("update");
    let _ = store
        .create_offer(&data)
        .await
        .expect_err("duplicate refused");
    store.delete_offer(offer.id).await.expect("delete");

    let changes = store.changes_since(start, 100).await.expect("changes");
    let entities: Vec<_> = changes.iter().map(|c| c.entity).collect();
    assert_eq!(
        entities,
        [
            ChangedEntity::Organisation(org.id),
            ChangedEntity::Referentials,
            ChangedEntity::Referentials,
            ChangedEntity::Referentials,
            ChangedEntity::Offer(offer.id),
            ChangedEntity::Offer(offer.id),
            ChangedEntity::Offer(offer.id),
        ]
    );
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(
        store.last_change().await.expect("last"),
        changes.last().expect("some").seq
    );
    let tail = store.changes_since(changes[4].seq, 2).await.expect("tail");
    assert_eq!(tail.len(), 2);
    assert_eq!(tail[0].seq, changes[5].seq);
}

/// Text that looks like SQL or HTML is data like any other.
pub async fn hostile_text_is_stored_verbatim(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let hostile = "'); DROP TABLE offers; -- <script>alert(1)</script> \u{0} é 🎉 \\ \" $1 ?";
    let data = OfferData {
        title: hostile.into(),
        reference: hostile.into(),
        sections: OfferSections {
            mission: Some(hostile.repeat(1_000)),
            ..OfferSections::default()
        },
        ..full_offer(store, org.id, "hostile").await
    };
    let created = store.create_offer(&data).await;
    // PostgreSQL refuses NUL in text; SQLite accepts it. Either way nothing breaks.
    match created {
        Ok(created) => assert_eq!(created.data.title, hostile),
        Err(error) => {
            assert!(!matches!(error, StoreError::Conflict(_)), "{error:?}");
            let clean = OfferData {
                title: hostile.replace('\u{0}', ""),
                reference: String::new(),
                sections: OfferSections {
                    mission: Some(hostile.replace('\u{0}', "").repeat(1_000)),
                    ..OfferSections::default()
                },
                ..data
            };
            let created = store
                .create_offer(&clean)
                .await
                .expect("create without NUL");
            assert_eq!(created.data, clean);
        }
    }
    assert_eq!(store.count_offers().await.expect("count"), 1);
    store.ping().await.expect("database still fine");
}
