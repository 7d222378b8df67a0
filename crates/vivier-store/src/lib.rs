//! Vivier's storage interface.
//!
//! [`Store`] is the one interface the application talks to; `vivier-store-sqlite` and
//! `vivier-store-postgres` implement it, and [`contract`] (feature `testing`) is the suite both
//! must pass. [`DatabaseUrl`] picks the backend from `DATABASE_URL`'s scheme.
//!
//! Every write appends to a change feed in the same transaction ([`Change`]), which application
//! nodes poll to keep their in-memory read models fresh: several nodes can share one database.

pub mod accounts;
pub mod admin;
pub mod candidates;
#[cfg(feature = "testing")]
pub mod contract;
mod error;
pub mod import;
pub mod rows;
mod sql;
mod url;

use async_trait::async_trait;
use vivier_domain::geo::Geography;
use vivier_domain::offer::{Offer, OfferData, Source};
use vivier_domain::organisation::{Organisation, OrganisationData, Testimony};
use vivier_domain::referential::{Domain, JobFamily, NewDomain, NewJobFamily};
use vivier_domain::{OfferId, OrganisationId, Slug};

use crate::import::{ImportRun, ImportRunId, ImportWrite, ImportedOffer, NewImportRun, RunOutcome};

pub use error::{StoreError, StoreResult};
pub use url::{DatabaseUrl, InvalidDatabaseUrl};

/// What [`impl_sql_store!`] needs from the backends' point of view; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use async_trait::async_trait;
    pub use futures_util::TryStreamExt;
    pub use sqlx;
    pub use time;
    pub use vivier_domain;
}

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What changed, as recorded in the change feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangedEntity {
    Offer(OfferId),
    Organisation(OrganisationId),
    /// Job families, domains or geography: small, reloaded whole.
    Referentials,
    /// An operator asked every node to rebuild its read model and search index from the
    /// database (`vivier reindex`).
    Reindex,
}

/// One entry of the change feed; `seq` grows strictly with each committed write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub entity: ChangedEntity,
}

/// Vivier's storage. Every method is one transaction: it either fully happens or not at all.
#[async_trait]
pub trait Store:
    accounts::AccountStore
    + admin::AdminStore
    + candidates::CandidateStore
    + Send
    + Sync
    + std::fmt::Debug
{
    /// The engine behind this store.
    fn backend(&self) -> Backend;

    /// Applies the migrations embedded in the binary that are not applied yet.
    async fn migrate(&self) -> StoreResult<()>;

    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Writes the whole geography (regions, departments, communes), replacing what differs.
    async fn save_geography(&self, geography: &Geography) -> StoreResult<()>;

    /// Reads the whole geography.
    async fn geography(&self) -> StoreResult<Geography>;

    /// Creates the job family, or updates the one with the same slug.
    async fn upsert_job_family(&self, family: &NewJobFamily) -> StoreResult<JobFamily>;

    /// Every job family, by name.
    async fn job_families(&self) -> StoreResult<Vec<JobFamily>>;

    /// Creates the domain, or updates the one with the same slug.
    async fn upsert_domain(&self, domain: &NewDomain) -> StoreResult<Domain>;

    /// Every domain, by name.
    async fn domains(&self) -> StoreResult<Vec<Domain>>;

    /// Creates an organisation. [`StoreError::Conflict`] if the slug is taken,
    /// [`StoreError::NotFound`] if the parent does not exist.
    async fn create_organisation(&self, data: &OrganisationData) -> StoreResult<Organisation>;

    /// Replaces an organisation's data. Refuses a parent that would make a cycle.
    async fn update_organisation(
        &self,
        id: OrganisationId,
        data: &OrganisationData,
    ) -> StoreResult<Organisation>;

    /// The organisation with this id.
    async fn organisation(&self, id: OrganisationId) -> StoreResult<Option<Organisation>>;

    /// The organisation with this slug.
    async fn organisation_by_slug(&self, slug: &Slug) -> StoreResult<Option<Organisation>>;

    /// Every organisation, by name.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;

    /// Replaces the testimonies of an organisation (kept in the given order).
    async fn set_testimonies(
        &self,
        organisation: OrganisationId,
        testimonies: &[Testimony],
    ) -> StoreResult<()>;

    /// The testimonies of an organisation, in order.
    async fn testimonies(&self, organisation: OrganisationId) -> StoreResult<Vec<Testimony>>;

    /// Creates one offer. [`StoreError::Conflict`] if the slug or (source, source reference) is
    /// taken; [`StoreError::NotFound`] if a referenced organisation, family or domain is missing.
    async fn create_offer(&self, data: &OfferData) -> StoreResult<Offer>;

    /// Creates many offers in one transaction: all of them or none.
    async fn create_offers(&self, offers: &[OfferData]) -> StoreResult<Vec<OfferId>>;

    /// Replaces an offer's data.
    async fn update_offer(&self, id: OfferId, data: &OfferData) -> StoreResult<Offer>;

    /// Deletes an offer; `false` if there was none.
    async fn delete_offer(&self, id: OfferId) -> StoreResult<bool>;

    /// The offer with this id.
    async fn offer(&self, id: OfferId) -> StoreResult<Option<Offer>>;

    /// The offer with this slug.
    async fn offer_by_slug(&self, slug: &Slug) -> StoreResult<Option<Offer>>;

    /// The offers with these ids (missing ones are skipped), in no particular order.
    async fn offers_by_ids(&self, ids: &[OfferId]) -> StoreResult<Vec<Offer>>;

    /// Every offer of these organisations, drafts included, by id (what their recruiters
    /// manage; the caller decides which organisations a user may see).
    async fn offers_of_organisations(
        &self,
        organisations: &[OrganisationId],
    ) -> StoreResult<Vec<Offer>>;

    /// Every offer the public may see (every state but draft), by id.
    async fn public_offers(&self) -> StoreResult<Vec<Offer>> {
        let mut offers = Vec::new();
        self.visit_public_offers(&mut |offer| offers.push(offer))
            .await?;
        Ok(offers)
    }

    /// Gives `visit` every offer the public may see, by id, one at a time as they are read:
    /// the caller can keep what it needs of each without a whole catalogue of offers in memory.
    async fn visit_public_offers(&self, visit: &mut (dyn FnMut(Offer) + Send)) -> StoreResult<()>;

    /// How many offers exist, in every state.
    async fn count_offers(&self) -> StoreResult<u64>;

    /// The sequence number of the latest change (0 when nothing was ever written).
    async fn last_change(&self) -> StoreResult<i64>;

    /// Changes after `seq`, oldest first, at most `limit`.
    async fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<Change>>;

    /// Appends a [`ChangedEntity::Reindex`] to the change feed; returns its sequence number.
    async fn request_reindex(&self) -> StoreResult<i64>;

    /// The offers of `source` that carry a reference there, with what the last import wrote.
    async fn imported_offers(&self, source: Source) -> StoreResult<Vec<ImportedOffer>>;

    /// Applies one batch of an import in one transaction (all of it or nothing); gives the ids
    /// of the offers it created, in order.
    async fn apply_import(&self, batch: &[ImportWrite]) -> StoreResult<Vec<OfferId>>;

    /// Records the start of an import run.
    async fn start_import_run(&self, run: &NewImportRun) -> StoreResult<ImportRunId>;

    /// Records how an import run ended.
    async fn finish_import_run(&self, id: ImportRunId, outcome: &RunOutcome) -> StoreResult<()>;

    /// The last `limit` import runs, most recent first.
    async fn import_runs(&self, limit: u32) -> StoreResult<Vec<ImportRun>>;

    /// Every text column of every table that holds `text` somewhere, as `table.column (n)`:
    /// the check a data-protection officer runs after an erasure.
    async fn places_holding(&self, text: &str) -> StoreResult<Vec<String>>;
}
