//! `vivier seed-demo`: writes the demo content into a store, idempotently.
//!
//! Natural keys (slugs) decide what already exists: referentials are upserted, organisations
//! and offers whose slug is taken are left as they are, so running it twice creates nothing
//! the second time, and it never overwrites what someone edited.

use std::collections::HashMap;
use std::fmt;

use time::Date;
use vivier_demo::DemoContext;
use vivier_domain::geo::Geography;
use vivier_domain::offer::OfferData;
use vivier_domain::{DomainId, JobFamilyId, OrganisationId, Slug};
use vivier_store::Store;

use crate::Error;

/// Offers written per transaction: big enough to be fast, small enough to keep the write lock
/// short for a server reading the same SQLite file.
const OFFER_CHUNK: usize = 1_000;

/// What [`seed_demo`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SeedReport {
    /// Communes in the geography written (replacing what differed).
    pub communes: usize,
    /// Job families upserted.
    pub job_families: usize,
    /// Domains upserted.
    pub domains: usize,
    /// Demo organisations created by this run.
    pub organisations_created: usize,
    /// Demo organisations whose slug was already taken.
    pub organisations_existing: usize,
    /// Demo offers created by this run.
    pub offers_created: usize,
    /// Demo offers whose slug was already taken.
    pub offers_existing: usize,
}

impl SeedReport {
    /// Whether this run wrote no organisation nor offer.
    pub fn created_nothing(&self) -> bool {
        self.organisations_created == 0 && self.offers_created == 0
    }
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Référentiels à jour : {} communes, {} familles de métiers, {} domaines.",
            self.communes, self.job_families, self.domains
        )?;
        writeln!(
            f,
            "Organisations : {} créée(s), {} déjà présente(s).",
            self.organisations_created, self.organisations_existing
        )?;
        write!(
            f,
            "Offres : {} créée(s), {} déjà présente(s).",
            self.offers_created, self.offers_existing
        )
    }
}

/// Writes the demo content into `store` (already migrated): the geography, the job families
/// and domains, the demo organisations with their testimonies, then `offers` generated offers
/// dated relative to `today`. What exists already (same slug) is kept as it is.
pub async fn seed_demo(store: &dyn Store, offers: usize, today: Date) -> Result<SeedReport, Error> {
    let mut report = SeedReport::default();
    let Referentials {
        geography,
        job_families,
        domains,
    } = referentials(store).await?;
    report.communes = geography.communes().len();
    report.job_families = job_families.len();
    report.domains = domains.len();

    // Parents come before their children, so each parent's id is known when needed.
    let mut organisations: Vec<(Slug, OrganisationId)> = Vec::new();
    let mut ids: HashMap<Slug, OrganisationId> = HashMap::new();
    for demo in vivier_demo::organisations() {
        let id = match store.organisation_by_slug(&demo.slug).await? {
            Some(existing) => {
                report.organisations_existing += 1;
                existing.id
            }
            None => {
                let parent = match &demo.parent {
                    Some(slug) => Some(ids.get(slug).copied().ok_or_else(|| {
                        Error::Demo(format!(
                            "l'organisation « {} » a pour parent « {slug} », qui ne la précède pas",
                            demo.slug
                        ))
                    })?),
                    None => None,
                };
                let created = store.create_organisation(&demo.to_data(parent)).await?;
                if !demo.testimonies.is_empty() {
                    store.set_testimonies(created.id, &demo.testimonies).await?;
                }
                report.organisations_created += 1;
                created.id
            }
        };
        ids.insert(demo.slug.clone(), id);
        organisations.push((demo.slug, id));
    }

    let context = DemoContext {
        organisations: &organisations,
        job_families: &job_families,
        domains: &domains,
        geography: &geography,
    };
    let generated = vivier_demo::offers(offers, &context, today);
    let fresh = new_offers(store, generated, &mut report).await?;
    for chunk in fresh.chunks(OFFER_CHUNK) {
        store.create_offers(chunk).await?;
        report.offers_created += chunk.len();
    }
    Ok(report)
}

/// The referentials written by [`referentials`], with the stored ids.
#[derive(Debug)]
pub struct Referentials {
    pub geography: Geography,
    pub job_families: Vec<(Slug, JobFamilyId)>,
    pub domains: Vec<(Slug, DomainId)>,
}

/// Writes the referentials every other content refers to, idempotently: the INSEE geography,
/// the digital job families and the domains (`seed-demo` and `import` start with them).
pub async fn referentials(store: &dyn Store) -> Result<Referentials, Error> {
    let geography = vivier_assets::geography();
    store.save_geography(&geography).await?;
    let mut job_families = Vec::new();
    for family in vivier_demo::job_families() {
        let stored = store.upsert_job_family(&family).await?;
        job_families.push((stored.slug, stored.id));
    }
    let mut domains = Vec::new();
    for domain in vivier_demo::domains() {
        let stored = store.upsert_domain(&domain).await?;
        domains.push((stored.slug, stored.id));
    }
    Ok(Referentials {
        geography,
        job_families,
        domains,
    })
}

/// The offers whose slug is not taken yet; counts the others in `report`.
async fn new_offers(
    store: &dyn Store,
    generated: Vec<OfferData>,
    report: &mut SeedReport,
) -> Result<Vec<OfferData>, Error> {
    // An empty database (the usual first start) needs no lookup at all.
    if store.count_offers().await? == 0 {
        return Ok(generated);
    }
    let mut fresh = Vec::with_capacity(generated.len());
    for offer in generated {
        if store.offer_by_slug(&offer.slug).await?.is_some() {
            report.offers_existing += 1;
        } else {
            fresh.push(offer);
        }
    }
    Ok(fresh)
}

/// Today's date as the site sees it (the Paris calendar): what the demo's dates are relative
/// to, so that a demo offer closing "today" is still open on the site.
pub fn today() -> Date {
    vivier_web::Clock::Paris.today()
}
