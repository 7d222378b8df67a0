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
use vivier_domain::{OrganisationId, SalaryRange, Slug};

use crate::{Store, StoreError};

mod accounts;
mod admin;
mod candidates;
mod identities;
mod imports;
mod offers;
mod privacy;
mod recruiting;

pub use accounts::*;
pub use admin::*;
pub use candidates::*;
pub use identities::*;
pub use imports::*;
pub use offers::*;
pub use privacy::*;
pub use recruiting::*;

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
            offers_of_organisations_are_theirs_only,
            change_feed_records_every_write_in_order,
            hostile_text_is_stored_verbatim,
            import_writes_are_tracked_and_hand_edits_detected,
            offers_with_a_reference_but_never_imported_count_as_edited,
            an_import_batch_is_all_or_nothing,
            import_runs_are_recorded,
            accounts_are_unique_by_address_and_carry_their_roles,
            tokens_are_single_use_expire_and_apply_their_effect,
            sessions_follow_their_account,
            outbox_hands_each_mail_to_one_sender_until_sent,
            sent_mail_is_purged_after_its_retention,
            audit_log_rate_limits_and_secrets,
            access_requests_are_decided_once,
            users_are_searched_by_name_or_address,
            organisations_merge_with_everything_they_hold,
            identities_link_one_account_each,
            pending_logins_are_taken_once_by_their_browser,
            candidate_profiles_round_trip,
            applications_follow_their_pipeline,
            offer_applications_are_filtered_and_paged,
            candidates_are_searched_and_hidden_where_they_asked,
            notes_proposals_and_dashboard,
            application_counts_phones_and_note_organisations,
            saved_searches_and_their_alerts,
            erasing_a_candidate_leaves_nothing_personal,
            retention_purges_closed_applications,
            inactive_pool_members_are_warned_then_expired,
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

pub(crate) fn slug(s: &str) -> Slug {
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

pub(crate) async fn organisation(
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
