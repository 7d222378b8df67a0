//! The read model behind every public page and API route.
//!
//! A [`Board`] is an immutable snapshot of everything public: offers (all but drafts),
//! organisations with their testimonies, referentials and geography. [`Catalog`] holds the
//! current board and replaces it when the store's change feed moves: offer changes are applied
//! one by one, anything else reloads the board. Readers never wait for a refresh.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use time::Date;
use vivier_domain::filter::{OfferFacts, OfferQuery, ResolvedFilter, Sort};
use vivier_domain::geo::Geography;
use vivier_domain::offer::{Location, Offer};
use vivier_domain::organisation::{Organisation, Testimony};
use vivier_domain::referential::{Domain, JobFamily};
use vivier_domain::{OfferId, OrganisationId, Slug, text};
use vivier_store::{ChangedEntity, Store, StoreResult};

use crate::page::PageCache;

/// An offer as served, with its folded search text computed once.
#[derive(Debug)]
pub struct PublicOffer {
    pub offer: Offer,
    /// Folded title, sections, organisation names, place names and job family.
    pub searchable: String,
}

/// One page of results.
#[derive(Debug)]
pub struct ResultPage {
    /// How many offers match in all.
    pub total: usize,
    /// The offers of the requested page.
    pub items: Vec<Arc<PublicOffer>>,
}

/// A filter naming something that does not exist (an unknown job family, organisation…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReference {
    pub param: &'static str,
    pub message: String,
}

/// An immutable snapshot of everything public.
#[derive(Debug)]
pub struct Board {
    /// Every public offer, most recently published first.
    offers: Vec<Arc<PublicOffer>>,
    /// The filter facts of `offers`, same order, packed for fast scans.
    facts: Vec<OfferFacts>,
    offer_by_slug: HashMap<Slug, usize>,
    /// Every organisation, by name.
    organisations: Vec<Arc<Organisation>>,
    organisation_by_id: HashMap<OrganisationId, usize>,
    organisation_by_slug: HashMap<Slug, usize>,
    children: HashMap<OrganisationId, Vec<OrganisationId>>,
    testimonies: HashMap<OrganisationId, Vec<Testimony>>,
    job_families: Vec<JobFamily>,
    domains: Vec<Domain>,
    geography: Arc<Geography>,
    /// Pages rendered from this snapshot.
    pages: PageCache,
    page_cache_bytes: u64,
}

/// What a board is built from, apart from offers.
#[derive(Debug, Default, Clone)]
struct Context {
    organisations: Vec<Arc<Organisation>>,
    testimonies: HashMap<OrganisationId, Vec<Testimony>>,
    job_families: Vec<JobFamily>,
    domains: Vec<Domain>,
    geography: Arc<Geography>,
    /// Byte budget of the board's page cache.
    page_cache_bytes: u64,
}

impl Board {
    fn build(mut context: Context, offers: Vec<Arc<PublicOffer>>) -> Self {
        // French order whatever the database's collation: "Développement" before "Données".
        context
            .organisations
            .sort_by_cached_key(|o| text::fold(&o.data.name));
        context
            .job_families
            .sort_by_cached_key(|f| text::fold(&f.name));
        context.domains.sort_by_cached_key(|d| text::fold(&d.name));
        let mut offers = offers;
        offers.sort_by(|a, b| {
            (b.offer.data.published_on, b.offer.id).cmp(&(a.offer.data.published_on, a.offer.id))
        });
        let facts = offers
            .iter()
            .map(|o| OfferFacts::of(&o.offer.data))
            .collect();
        let offer_by_slug = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.offer.data.slug.clone(), i))
            .collect();
        let organisation_by_id = context
            .organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let organisation_by_slug = context
            .organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.data.slug.clone(), i))
            .collect();
        let mut children: HashMap<OrganisationId, Vec<OrganisationId>> = HashMap::new();
        for organisation in &context.organisations {
            if let Some(parent) = organisation.data.parent_id {
                children.entry(parent).or_default().push(organisation.id);
            }
        }
        Self {
            offers,
            facts,
            offer_by_slug,
            organisations: context.organisations,
            organisation_by_id,
            organisation_by_slug,
            children,
            page_cache_bytes: context.page_cache_bytes,
            testimonies: context.testimonies,
            job_families: context.job_families,
            domains: context.domains,
            geography: context.geography,
            pages: PageCache::new(context.page_cache_bytes),
        }
    }

    fn context(&self) -> Context {
        Context {
            organisations: self.organisations.clone(),
            testimonies: self.testimonies.clone(),
            job_families: self.job_families.clone(),
            domains: self.domains.clone(),
            geography: self.geography.clone(),
            page_cache_bytes: self.page_cache_bytes,
        }
    }

    /// Folds what a keyword may match in an offer.
    fn searchable(
        context: &Context,
        by_id: &HashMap<OrganisationId, &Arc<Organisation>>,
        offer: &Offer,
    ) -> String {
        let data = &offer.data;
        let mut text = String::with_capacity(4096);
        let mut push = |part: &str| {
            text.push_str(part);
            text.push('\n');
        };
        push(&data.title);
        push(&data.reference);
        for (_, _, section) in data.sections.filled() {
            push(section);
        }
        let mut current = data.organisation_id;
        // Bounded: the store refuses cycles, but a read model must never loop.
        for _ in 0..16 {
            let Some(organisation) = by_id.get(&current) else {
                break;
            };
            push(&organisation.data.name);
            if let Some(acronym) = &organisation.data.acronym {
                push(acronym);
            }
            match organisation.data.parent_id {
                Some(parent) => current = parent,
                None => break,
            }
        }
        if let Some(family) = data
            .job_family_id
            .and_then(|id| context.job_families.iter().find(|f| f.id == id))
        {
            push(&family.name);
        }
        for domain in context
            .domains
            .iter()
            .filter(|d| data.domain_ids.contains(&d.id))
        {
            push(&domain.name);
        }
        match &data.location {
            Location::France {
                region,
                department,
                commune,
            } => {
                if let Some(commune) = commune.as_ref().and_then(|c| context.geography.commune(c)) {
                    push(&commune.name);
                }
                if let Some(department) = department
                    .as_ref()
                    .and_then(|d| context.geography.department(d))
                {
                    push(&department.name);
                }
                if let Some(region) = context.geography.region(region) {
                    push(&region.name);
                }
            }
            Location::Abroad { country, city } => {
                push(country);
                if let Some(city) = city {
                    push(city);
                }
            }
        }
        // Each word once: matching looks for word starts, not for repetitions.
        let folded = text::fold(&text);
        let mut seen = HashSet::new();
        let mut searchable = String::with_capacity(folded.len() / 2);
        for word in text::words(&folded) {
            if seen.insert(word) {
                if !searchable.is_empty() {
                    searchable.push(' ');
                }
                searchable.push_str(word);
            }
        }
        searchable
    }

    /// Prepares offers for serving: their search text is computed once, here.
    fn public_offers(context: &Context, offers: Vec<Offer>) -> Vec<Arc<PublicOffer>> {
        let by_id: HashMap<_, _> = context.organisations.iter().map(|o| (o.id, o)).collect();
        offers
            .into_iter()
            .filter(|o| o.data.is_public())
            .map(|offer| {
                let searchable = Self::searchable(context, &by_id, &offer);
                Arc::new(PublicOffer { offer, searchable })
            })
            .collect()
    }

    /// Pages rendered from this snapshot.
    pub fn pages(&self) -> &PageCache {
        &self.pages
    }

    /// Every public offer (all but drafts), most recent first.
    pub fn offers(&self) -> &[Arc<PublicOffer>] {
        &self.offers
    }

    /// The public offer with this slug.
    pub fn offer(&self, slug: &Slug) -> Option<&Arc<PublicOffer>> {
        self.offer_by_slug.get(slug).map(|&i| &self.offers[i])
    }

    /// Offers open to applications on `today`, most recent first.
    pub fn active_offers(&self, today: Date) -> impl Iterator<Item = &Arc<PublicOffer>> {
        self.offers
            .iter()
            .filter(move |o| o.offer.data.is_active(today))
    }

    /// Every organisation, by name.
    pub fn organisations(&self) -> &[Arc<Organisation>] {
        &self.organisations
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: OrganisationId) -> Option<&Arc<Organisation>> {
        self.organisation_by_id
            .get(&id)
            .map(|&i| &self.organisations[i])
    }

    /// The organisation with this slug.
    pub fn organisation_by_slug(&self, slug: &Slug) -> Option<&Arc<Organisation>> {
        self.organisation_by_slug
            .get(slug)
            .map(|&i| &self.organisations[i])
    }

    /// Top-level organisations (ministries and the like), by name.
    pub fn roots(&self) -> impl Iterator<Item = &Arc<Organisation>> {
        self.organisations
            .iter()
            .filter(|o| o.data.parent_id.is_none())
    }

    /// Direct sub-organisations, by name (the children lists are built in name order).
    pub fn children(&self, id: OrganisationId) -> Vec<&Arc<Organisation>> {
        self.children
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|c| self.organisation(*c))
            .collect()
    }

    /// The organisation and everything under it.
    pub fn subtree(&self, id: OrganisationId) -> HashSet<OrganisationId> {
        let mut seen = HashSet::from([id]);
        let mut stack = vec![id];
        while let Some(current) = stack.pop() {
            for &child in self.children.get(&current).into_iter().flatten() {
                if seen.insert(child) {
                    stack.push(child);
                }
            }
        }
        seen
    }

    /// Ancestors from the top of the tree down to the direct parent.
    pub fn ancestors(&self, id: OrganisationId) -> Vec<&Arc<Organisation>> {
        let mut chain = Vec::new();
        let mut current = self.organisation(id).and_then(|o| o.data.parent_id);
        while let Some(parent) = current.and_then(|p| self.organisation(p)) {
            if chain.iter().any(|o: &&Arc<Organisation>| o.id == parent.id) || chain.len() > 16 {
                break;
            }
            chain.push(parent);
            current = parent.data.parent_id;
        }
        chain.reverse();
        chain
    }

    /// The top of the organisation's tree (its ministry), or itself.
    pub fn root(&self, id: OrganisationId) -> Option<&Arc<Organisation>> {
        self.ancestors(id)
            .first()
            .copied()
            .or_else(|| self.organisation(id))
    }

    /// Testimonies of an organisation, in order.
    pub fn testimonies(&self, id: OrganisationId) -> &[Testimony] {
        self.testimonies.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Job families, by name.
    pub fn job_families(&self) -> &[JobFamily] {
        &self.job_families
    }

    /// Domains, by name.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// The geography.
    pub fn geography(&self) -> &Geography {
        &self.geography
    }

    /// Checks that every reference of the query exists and resolves it to ids.
    pub fn resolve(&self, query: &OfferQuery) -> Result<ResolvedFilter, UnknownReference> {
        let unknown = |param: &'static str, what: &str, value: &str| UnknownReference {
            param,
            message: format!("{what} « {value} » n'existe pas."),
        };
        let job_family = query
            .job_family
            .as_ref()
            .map(|slug| {
                self.job_families
                    .iter()
                    .find(|f| &f.slug == slug)
                    .map(|f| f.id)
                    .ok_or_else(|| unknown("metier", "Le métier", slug.as_str()))
            })
            .transpose()?;
        let domain = query
            .domain
            .as_ref()
            .map(|slug| {
                self.domains
                    .iter()
                    .find(|d| &d.slug == slug)
                    .map(|d| d.id)
                    .ok_or_else(|| unknown("domaine", "Le domaine", slug.as_str()))
            })
            .transpose()?;
        if let Some(region) = &query.region
            && self.geography.region(region).is_none()
        {
            return Err(unknown("region", "La région", region.as_str()));
        }
        if let Some(department) = &query.department
            && self.geography.department(department).is_none()
        {
            return Err(unknown(
                "departement",
                "Le département",
                department.as_str(),
            ));
        }
        let organisations = query
            .organisation
            .as_ref()
            .map(|slug| {
                self.organisation_by_slug(slug)
                    .map(|o| self.subtree(o.id))
                    .ok_or_else(|| unknown("organisation", "L'organisation", slug.as_str()))
            })
            .transpose()?;
        Ok(ResolvedFilter {
            keywords: query
                .q
                .as_deref()
                .map(ResolvedFilter::keywords_of)
                .unwrap_or_default(),
            job_family,
            domain,
            region: query.region.clone(),
            department: query.department.clone(),
            contract: query.contract,
            remote: query.remote,
            juniors: query.juniors,
            organisations,
        })
    }

    /// Active offers matching `filter`, sorted, one page of them (`page` is 1-based).
    pub fn search(
        &self,
        filter: &ResolvedFilter,
        sort: Sort,
        today: Date,
        page: u32,
        per_page: u32,
    ) -> ResultPage {
        let full_check = filter.needs_full_check();
        let matching = self
            .offers
            .iter()
            .zip(&self.facts)
            .filter(|(_, facts)| facts.is_active(today) && filter.may_match(facts))
            .map(|(offer, _)| offer)
            .filter(|o| !full_check || filter.matches(&o.offer.data, &o.searchable));
        let per_page = per_page.max(1) as usize;
        let skip = (page.max(1) as usize - 1).saturating_mul(per_page);
        match sort {
            Sort::Date => {
                let mut total = 0;
                let mut items = Vec::with_capacity(per_page);
                for offer in matching {
                    if total >= skip && items.len() < per_page {
                        items.push(offer.clone());
                    }
                    total += 1;
                }
                ResultPage { total, items }
            }
            Sort::Deadline => {
                let mut all: Vec<_> = matching.collect();
                // Open-ended offers last; equal deadlines keep the most recent first.
                all.sort_by_key(|o| (o.offer.data.deadline.is_none(), o.offer.data.deadline));
                ResultPage {
                    total: all.len(),
                    items: all.into_iter().skip(skip).take(per_page).cloned().collect(),
                }
            }
        }
    }

    /// How many active offers an organisation and its sub-organisations have.
    pub fn live_offer_count(&self, id: OrganisationId, today: Date) -> usize {
        let filter = ResolvedFilter {
            organisations: Some(self.subtree(id)),
            ..ResolvedFilter::default()
        };
        self.search(&filter, Sort::Date, today, 1, 1).total
    }

    /// Active offers per organisation (not counting sub-organisations).
    pub fn live_offers_by_organisation(&self, today: Date) -> HashMap<OrganisationId, usize> {
        let mut counts = HashMap::new();
        for facts in self.facts.iter().filter(|f| f.is_active(today)) {
            *counts.entry(facts.organisation()).or_default() += 1;
        }
        counts
    }
}

/// The current board, and how to keep it fresh.
#[derive(Debug)]
pub struct Catalog {
    store: Arc<dyn Store>,
    page_cache_bytes: u64,
    board: ArcSwap<Board>,
    /// Last change applied; the lock also keeps two refreshes from racing.
    applied: tokio::sync::Mutex<i64>,
}

/// How many feed entries one refresh reads at most before reloading everything instead.
const INCREMENTAL_LIMIT: u32 = 5_000;

impl Catalog {
    /// Loads everything public from the store; each snapshot may keep up to `page_cache_bytes`
    /// of rendered pages.
    pub async fn load(store: Arc<dyn Store>, page_cache_bytes: u64) -> StoreResult<Self> {
        // Read the feed position first: a change committed while loading is applied again by
        // the next refresh, which is harmless, rather than missed.
        let seq = store.last_change().await?;
        let board = load_board(&*store, page_cache_bytes).await?;
        tracing::info!(
            offers = board.offers.len(),
            organisations = board.organisations.len(),
            search_text_bytes = board
                .offers
                .iter()
                .map(|o| o.searchable.len())
                .sum::<usize>(),
            "catalog loaded"
        );
        Ok(Self {
            store,
            page_cache_bytes,
            board: ArcSwap::from_pointee(board),
            applied: tokio::sync::Mutex::new(seq),
        })
    }

    /// The current snapshot; cheap, never blocks.
    pub fn board(&self) -> arc_swap::Guard<Arc<Board>> {
        self.board.load()
    }

    /// Applies the changes committed since the last refresh. Returns whether anything changed.
    pub async fn refresh(&self) -> StoreResult<bool> {
        let mut applied = self.applied.lock().await;
        let changes = self
            .store
            .changes_since(*applied, INCREMENTAL_LIMIT)
            .await?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(false);
        };
        let full_reload = changes.len() as u32 >= INCREMENTAL_LIMIT
            || changes
                .iter()
                .any(|c| !matches!(c.entity, ChangedEntity::Offer(_)));
        let board = if full_reload {
            // Catch up to the latest change: everything before it is in what we load.
            let latest = self.store.last_change().await?;
            let board = load_board(&*self.store, self.page_cache_bytes).await?;
            *applied = latest.max(last);
            board
        } else {
            let ids: Vec<OfferId> = changes
                .iter()
                .filter_map(|c| match c.entity {
                    ChangedEntity::Offer(id) => Some(id),
                    _ => None,
                })
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let fresh = self.store.offers_by_ids(&ids).await?;
            let current = self.board.load();
            let context = current.context();
            let changed: HashSet<OfferId> = ids.into_iter().collect();
            let mut offers: Vec<Arc<PublicOffer>> = current
                .offers
                .iter()
                .filter(|o| !changed.contains(&o.offer.id))
                .cloned()
                .collect();
            offers.extend(Board::public_offers(&context, fresh));
            *applied = last;
            Board::build(context, offers)
        };
        self.board.store(Arc::new(board));
        Ok(true)
    }

    /// Refreshes every `every` until the task is dropped; errors are logged and retried.
    pub fn follow(self: Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(every);
            ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticker.tick().await;
                if let Err(error) = self.refresh().await {
                    tracing::warn!(%error, "could not follow the change feed; will retry");
                }
            }
        })
    }
}

async fn load_board(store: &dyn Store, page_cache_bytes: u64) -> StoreResult<Board> {
    let organisations: Vec<Arc<Organisation>> = store
        .organisations()
        .await?
        .into_iter()
        .map(Arc::new)
        .collect();
    let mut testimonies = HashMap::new();
    for organisation in &organisations {
        let list = store.testimonies(organisation.id).await?;
        if !list.is_empty() {
            testimonies.insert(organisation.id, list);
        }
    }
    let context = Context {
        organisations,
        testimonies,
        job_families: store.job_families().await?,
        domains: store.domains().await?,
        geography: Arc::new(store.geography().await?),
        page_cache_bytes,
    };
    let offers = Board::public_offers(&context, store.public_offers().await?);
    Ok(Board::build(context, offers))
}
