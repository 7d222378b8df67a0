//! The immutable snapshot of everything public, and searching it.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use time::Date;
use vivier_domain::filter::{FacetSet, Liveness, OfferFacts, OfferQuery, ResolvedFilter, Sort};
use vivier_domain::geo::Geography;
use vivier_domain::offer::{Location, Offer, OfferSections};
use vivier_domain::organisation::{OrgTree, Organisation, Testimony};
use vivier_domain::referential::{Domain, JobFamily};
use vivier_domain::{OrganisationId, Slug, text};
use vivier_search::{Hit, OfferDocument};

use crate::facets::{FacetCounts, FacetKeys, KeyTables};
use crate::page::PageCache;
use crate::suggest::{SharedPlaces, Suggester};

use super::sections::{PackedSections, SectionCodec};

/// An offer as served.
#[derive(Debug)]
pub struct PublicOffer {
    /// The offer, but its sections are empty: they are kept packed (see [`Self::sections`]).
    pub offer: Offer,
    sections: PackedSections,
}

impl PublicOffer {
    /// Keeps `offer` with its sections packed by `codec`.
    pub(super) fn new(mut offer: Offer, codec: &Arc<SectionCodec>) -> Self {
        let sections = codec.pack(&std::mem::take(&mut offer.data.sections));
        Self { offer, sections }
    }

    /// The offer's texts, unpacked on each call (a few microseconds).
    pub fn sections(&self) -> OfferSections {
        self.sections.unpack()
    }
}

/// What to search for, and which page of the results to give.
#[derive(Debug, Clone, Copy)]
pub struct SearchRequest<'a> {
    /// The structured filters.
    pub filter: &'a ResolvedFilter,
    /// The text query's hits, in any order; `None` without a text criterion.
    pub hits: Option<&'a [Hit]>,
    /// Without hits, relevance means date.
    pub sort: Sort,
    /// Offers are active on this day.
    pub today: Date,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// Whether to count the facets too.
    pub facets: bool,
}

impl<'a> SearchRequest<'a> {
    /// The first page of `per_page` active offers matching `filter`, most recent first.
    pub fn new(filter: &'a ResolvedFilter, today: Date, per_page: u32) -> Self {
        Self {
            filter,
            hits: None,
            sort: Sort::Date,
            today,
            page: 1,
            per_page,
            facets: false,
        }
    }
}

/// One page of results.
#[derive(Debug)]
pub struct ResultPage {
    /// How many offers match in all.
    pub total: usize,
    /// The offers of the requested page.
    pub items: Vec<Arc<PublicOffer>>,
    /// The facet counts, when asked.
    pub facets: Option<FacetCounts>,
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
    pub(super) offers: Vec<Arc<PublicOffer>>,
    /// The filter facts of `offers`, same order, packed for fast scans.
    facts: Vec<OfferFacts>,
    /// Whether each of `offers` is open (from `facts`): the only fact a search without
    /// filters reads for each hit.
    liveness: Vec<Liveness>,
    /// The facet values of `offers`, same order.
    facet_keys: Vec<FacetKeys>,
    /// Position in `offers` of each offer id (to map search hits: a fast hash, as a broad
    /// query maps tens of thousands).
    offer_position: Positions,
    offer_by_slug: HashMap<Slug, usize>,
    /// Every organisation, by name.
    organisations: Vec<Arc<Organisation>>,
    organisation_by_id: HashMap<OrganisationId, usize>,
    organisation_by_slug: HashMap<Slug, usize>,
    tree: OrgTree,
    testimonies: HashMap<OrganisationId, Vec<Testimony>>,
    job_families: Vec<JobFamily>,
    domains: Vec<Domain>,
    geography: Arc<Geography>,
    /// Pages rendered from this snapshot.
    pages: PageCache,
    /// Search suggestions, built on first use.
    suggester: OnceLock<Suggester>,
    /// The commune suggestions of `geography`, shared with the boards that follow this one.
    places: SharedPlaces,
    codec: Arc<SectionCodec>,
    page_cache_bytes: u64,
}

/// Where each offer id sits in [`Board::offers`], to map search hits: a table indexed by id
/// when ids are dense (database sequences: the usual case), a hash map otherwise.
#[derive(Debug)]
enum Positions {
    Dense(Vec<u32>),
    Sparse(FxHashMap<u64, u32>),
}

/// No offer with this id.
const ABSENT: u32 = u32::MAX;

/// Search hits whose positions are looked up together (see [`Board::search`]).
const LOOKUP_BATCH: usize = 256;

impl Positions {
    fn new(ids: impl ExactSizeIterator<Item = (u64, usize)> + Clone) -> Self {
        let len = ids.len();
        let max = ids.clone().map(|(id, _)| id).max().unwrap_or(0);
        let position = |i: usize| u32::try_from(i).unwrap_or(ABSENT);
        // Dense while the table is at most four times the number of offers (plus a little).
        match usize::try_from(max) {
            Ok(max) if max <= len.saturating_mul(4).saturating_add(1_024) => {
                let mut table = vec![ABSENT; max + 1];
                for (id, i) in ids {
                    table[id as usize] = position(i);
                }
                Self::Dense(table)
            }
            _ => Self::Sparse(ids.map(|(id, i)| (id, position(i))).collect()),
        }
    }

    fn get(&self, id: u64) -> Option<usize> {
        let found = match self {
            Self::Dense(table) => usize::try_from(id)
                .ok()
                .and_then(|id| table.get(id).copied()),
            Self::Sparse(map) => map.get(&id).copied(),
        };
        found.filter(|&i| i != ABSENT).map(|i| i as usize)
    }
}

/// What a board is built from, apart from offers.
#[derive(Debug, Default, Clone)]
pub(super) struct Context {
    pub(super) organisations: Vec<Arc<Organisation>>,
    pub(super) testimonies: HashMap<OrganisationId, Vec<Testimony>>,
    pub(super) job_families: Vec<JobFamily>,
    pub(super) domains: Vec<Domain>,
    pub(super) geography: Arc<Geography>,
    pub(super) places: SharedPlaces,
    /// How offer texts are packed, kept from board to board (trained at each full load).
    pub(super) codec: Arc<SectionCodec>,
    /// Byte budget of the board's page cache.
    pub(super) page_cache_bytes: u64,
}

impl Board {
    pub(super) fn build(mut context: Context, offers: Vec<Arc<PublicOffer>>) -> Self {
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
        let facts: Vec<_> = offers
            .iter()
            .map(|o| OfferFacts::of(&o.offer.data))
            .collect();
        let liveness = facts.iter().map(OfferFacts::liveness).collect();
        let key_tables = KeyTables::new(
            &context.job_families,
            &context.geography,
            context.organisations.iter().map(|o| o.id),
        );
        let facet_keys = offers
            .iter()
            .map(|o| key_tables.keys(&o.offer.data))
            .collect();
        let offer_by_slug = offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.offer.data.slug.clone(), i))
            .collect();
        let offer_position = Positions::new(
            offers
                .iter()
                .enumerate()
                .map(|(i, o)| (o.offer.id.0.unsigned_abs(), i)),
        );
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
        let tree = OrgTree::new(
            context
                .organisations
                .iter()
                .map(|o| (o.id, o.data.parent_id)),
        );
        Self {
            offers,
            facts,
            liveness,
            facet_keys,
            offer_position,
            offer_by_slug,
            organisations: context.organisations,
            organisation_by_id,
            organisation_by_slug,
            tree,
            page_cache_bytes: context.page_cache_bytes,
            codec: context.codec,
            testimonies: context.testimonies,
            job_families: context.job_families,
            domains: context.domains,
            geography: context.geography,
            pages: PageCache::new(context.page_cache_bytes),
            suggester: OnceLock::new(),
            places: context.places,
        }
    }

    pub(super) fn context(&self) -> Context {
        Context {
            organisations: self.organisations.clone(),
            testimonies: self.testimonies.clone(),
            job_families: self.job_families.clone(),
            domains: self.domains.clone(),
            geography: self.geography.clone(),
            places: self.places.clone(),
            codec: self.codec.clone(),
            page_cache_bytes: self.page_cache_bytes,
        }
    }

    /// What the search index knows of an offer: its texts, grouped by field.
    pub(super) fn document(
        context: &Context,
        by_id: &HashMap<OrganisationId, &Arc<Organisation>>,
        public: &PublicOffer,
    ) -> OfferDocument {
        let offer = &public.offer;
        let data = &offer.data;
        let mut document = OfferDocument {
            id: offer.id.0.unsigned_abs(),
            title: data.title.clone(),
            ..OfferDocument::default()
        };
        let sections = public.sections();
        let mut body: Vec<&str> = vec![&data.reference];
        body.extend(sections.filled().into_iter().map(|(_, _, text)| text));
        document.body = body.join("\n");
        let mut organisation = Vec::new();
        let mut current = data.organisation_id;
        // Bounded: the store refuses cycles, but a read model must never loop.
        for _ in 0..16 {
            let Some(found) = by_id.get(&current) else {
                break;
            };
            organisation.push(found.data.name.as_str());
            organisation.extend(found.data.acronym.as_deref());
            match found.data.parent_id {
                Some(parent) => current = parent,
                None => break,
            }
        }
        document.organisation = organisation.join("\n");
        let mut family: Vec<&str> = context
            .job_families
            .iter()
            .filter(|f| Some(f.id) == data.job_family_id)
            .map(|f| f.name.as_str())
            .collect();
        family.extend(
            context
                .domains
                .iter()
                .filter(|d| data.domain_ids.contains(&d.id))
                .map(|d| d.name.as_str()),
        );
        document.family = family.join("\n");
        let places: Vec<&str> = match (&data.location, data.location.places(&context.geography)) {
            (Location::Abroad { country, city }, _) => [Some(country.as_str()), city.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            (_, places) => {
                let places = places.unwrap_or_default();
                [
                    places.commune.map(|c| c.name.as_str()),
                    places.department.map(|d| d.name.as_str()),
                    places.region.map(|r| r.name.as_str()),
                ]
                .into_iter()
                .flatten()
                .collect()
            }
        };
        document.places = places.join("\n");
        document
    }

    /// The search documents of every offer of this board, made one at a time, in the order of
    /// [`Board::offers`]. Public for `vivier bench search`, which indexes the very same text in
    /// the engines it compares Vivier with.
    pub fn documents(&self) -> impl ExactSizeIterator<Item = OfferDocument> + '_ {
        let by_id: HashMap<_, _> = self.organisations.iter().map(|o| (o.id, o)).collect();
        let context = self.context();
        self.offers
            .iter()
            .map(move |o| Self::document(&context, &by_id, o))
    }

    /// Keeps the public offers (every state but drafts), ready to serve, their texts packed by
    /// `codec`.
    pub(super) fn public_offers(
        offers: Vec<Offer>,
        codec: &Arc<SectionCodec>,
    ) -> Vec<Arc<PublicOffer>> {
        offers
            .into_iter()
            .filter(|o| o.data.is_public())
            .map(|offer| Arc::new(PublicOffer::new(offer, codec)))
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
        self.tree
            .children(id)
            .iter()
            .filter_map(|c| self.organisation(*c))
            .collect()
    }

    /// The organisation and everything under it.
    pub fn subtree(&self, id: OrganisationId) -> HashSet<OrganisationId> {
        self.tree.subtree([id])
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

    /// Search suggestions of this snapshot, built on first use.
    pub fn suggester(&self) -> &Suggester {
        self.suggester
            .get_or_init(|| Suggester::build(self, &self.places))
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

    /// Active offers matching the request's filter and, when given, its text `hits`; sorted,
    /// one page of them, and the facet counts when asked (in the same pass).
    pub fn search(&self, request: &SearchRequest<'_>) -> ResultPage {
        let SearchRequest {
            filter,
            hits,
            sort,
            today,
            page,
            per_page,
            facets,
        } = *request;
        let full_check = filter.needs_full_check();
        let unfiltered = filter.is_empty();
        let mut counts = facets.then(|| FacetCounts::new(self));
        // Positions in `offers` (which is in date order: sorting positions sorts by date), with
        // the text score when there is one.
        let mut matching: Vec<(usize, f32)> = Vec::new();
        let mut consider = |i: usize, score: f32| {
            if !self.liveness[i].is_active(today) {
                return;
            }
            // Without filters, the facts are not read: a broad query has tens of thousands of
            // hits, and fetching each one's facts from memory cost more than the rest.
            let misses = if unfiltered {
                FacetSet::EMPTY
            } else {
                match filter.facet_misses(&self.facts[i]) {
                    Some(misses) => misses,
                    None => return,
                }
            };
            if full_check && !filter.matches_domain(&self.offers[i].offer.data) {
                return;
            }
            if misses == FacetSet::EMPTY {
                matching.push((i, score));
                if let Some(counts) = &mut counts {
                    counts.add(&self.facet_keys[i], None);
                }
            } else if let (Some(counts), Some(only)) = (&mut counts, misses.single()) {
                counts.add(&self.facet_keys[i], Some(only));
            }
        };
        match hits {
            Some(hits) => {
                // Positions are looked up a batch at a time, apart from the checks: the table
                // is indexed by id, in no order related to the hits', and independent lookups
                // let the processor wait for many at once.
                let mut positions = [None; LOOKUP_BATCH];
                for batch in hits.chunks(LOOKUP_BATCH) {
                    for (position, hit) in positions.iter_mut().zip(batch) {
                        *position = self.offer_position.get(hit.id);
                    }
                    for (position, hit) in positions.iter().zip(batch) {
                        if let Some(i) = *position {
                            consider(i, hit.score);
                        }
                    }
                }
            }
            None => (0..self.offers.len()).for_each(|i| consider(i, 0.0)),
        }
        let per_page = per_page.max(1) as usize;
        let skip = (page.max(1) as usize - 1).saturating_mul(per_page);
        let total = matching.len();
        // Only the requested page needs ordering: select the first `skip + per_page`, then sort
        // them (a broad query matches tens of thousands of offers).
        let shown = skip.saturating_add(per_page).min(total);
        let order = |a: &(usize, f32), b: &(usize, f32)| match sort {
            // Equally relevant offers: the most recent first (positions are in date order, and
            // comparing them reads no offer: a broad query compares tens of thousands).
            Sort::Relevance if hits.is_some() => b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)),
            Sort::Relevance | Sort::Date => a.0.cmp(&b.0),
            // Open-ended offers last; equal deadlines keep the most recent first.
            Sort::Deadline => {
                let key = |i: usize| {
                    let deadline = self.facts[i].deadline();
                    (deadline.is_none(), deadline, i)
                };
                key(a.0).cmp(&key(b.0))
            }
        };
        if shown > 0 && shown < total {
            matching.select_nth_unstable_by(shown - 1, order);
            matching.truncate(shown);
        }
        matching.sort_unstable_by(order);
        ResultPage {
            total,
            items: matching
                .into_iter()
                .skip(skip)
                .map(|(i, _)| self.offers[i].clone())
                .collect(),
            facets: counts,
        }
    }

    /// How many active offers an organisation and its sub-organisations have.
    pub fn live_offer_count(&self, id: OrganisationId, today: Date) -> usize {
        let filter = ResolvedFilter {
            organisations: Some(self.subtree(id)),
            ..ResolvedFilter::default()
        };
        self.search(&SearchRequest::new(&filter, today, 1)).total
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
