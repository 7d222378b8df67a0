//! The read model behind every public page and API route.
//!
//! A [`Board`] is an immutable snapshot of everything public: offers (all but drafts),
//! organisations with their testimonies, referentials and geography. [`Catalog`] holds the
//! current board and replaces it when the store's change feed moves: offer changes are applied
//! one by one, anything else reloads the board. Readers never wait for a refresh.

mod board;
mod sections;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use vivier_domain::OfferId;
use vivier_domain::organisation::Organisation;
use vivier_search::{Highlighter, Hit, Mode, SearchError, SearchIndex, Synonyms};
use vivier_store::{ChangedEntity, Store, StoreResult};

use crate::suggest::SharedPlaces;

use board::Context;
pub use board::{Board, PublicOffer, ResultPage, SearchRequest};
use sections::{SectionCodec, TRAINING_OFFERS};

/// What can go wrong while loading or refreshing the catalog.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error(transparent)]
    Store(#[from] vivier_store::StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("search index task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The current board and search index, and how to keep them fresh.
#[derive(Debug)]
pub struct Catalog {
    store: Arc<dyn Store>,
    page_cache_bytes: u64,
    synonyms: Synonyms,
    board: ArcSwap<Board>,
    index: ArcSwap<SearchIndex>,
    /// Last change applied; the lock also keeps two refreshes from racing.
    applied: tokio::sync::Mutex<i64>,
}

/// How many feed entries one refresh reads at most before reloading everything instead.
const INCREMENTAL_LIMIT: u32 = 5_000;

/// Builds the search index of a board, off the async workers (it takes about a second per
/// 10,000 offers).
async fn build_index(board: Arc<Board>, synonyms: Synonyms) -> Result<SearchIndex, CatalogError> {
    Ok(
        tokio::task::spawn_blocking(move || SearchIndex::build(board.documents(), synonyms))
            .await??,
    )
}

impl Catalog {
    /// Loads everything public from the store and indexes it; each snapshot may keep up to
    /// `page_cache_bytes` of rendered pages.
    pub async fn load(
        store: Arc<dyn Store>,
        page_cache_bytes: u64,
        synonyms: Synonyms,
    ) -> Result<Self, CatalogError> {
        // Read the feed position first: a change committed while loading is applied again by
        // the next refresh, which is harmless, rather than missed.
        let seq = store.last_change().await?;
        let board = Arc::new(load_board(&*store, page_cache_bytes).await?);
        let index = build_index(board.clone(), synonyms.clone()).await?;
        tracing::info!(
            offers = board.offers.len(),
            organisations = board.organisations().len(),
            "catalog loaded and indexed"
        );
        Ok(Self {
            store,
            page_cache_bytes,
            synonyms,
            board: ArcSwap::new(board),
            index: ArcSwap::from_pointee(index),
            applied: tokio::sync::Mutex::new(seq),
        })
    }

    /// The current snapshot; cheap, never blocks.
    pub fn board(&self) -> arc_swap::Guard<Arc<Board>> {
        self.board.load()
    }

    /// The offers matching a text query with their scores, in no particular order
    /// ([`Board::search`] orders what it shows); `None` when there is no text criterion (no
    /// query, or only stop words and punctuation).
    pub fn text_hits(
        &self,
        query: Option<&str>,
        mode: Mode,
    ) -> Result<Option<Vec<Hit>>, SearchError> {
        match query {
            None => Ok(None),
            Some(query) => self.index.load().search_unordered(query, mode),
        }
    }

    /// The query with the words that no offer holds replaced by the closest known ones, for
    /// "did you mean…"; `None` when there is nothing to correct.
    pub fn correct(&self, query: &str) -> Option<String> {
        self.index.load().correct(query)
    }

    /// What marks the words a text query matched in results.
    pub fn highlighter(&self, query: &str) -> Highlighter {
        Highlighter::new(query, &self.synonyms, Mode::Words)
    }

    /// Bytes the current search index takes (see [`SearchIndex::space_usage`]).
    pub fn index_space_usage(&self) -> Result<u64, SearchError> {
        self.index.load().space_usage()
    }

    /// Applies the changes committed since the last refresh. Returns whether anything changed.
    pub async fn refresh(&self) -> Result<bool, CatalogError> {
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
        if full_reload {
            // Catch up to the latest change: everything before it is in what we load.
            let latest = self.store.last_change().await?;
            let board = Arc::new(load_board(&*self.store, self.page_cache_bytes).await?);
            let index = build_index(board.clone(), self.synonyms.clone()).await?;
            self.index.store(Arc::new(index));
            self.board.store(board);
            *applied = latest.max(last);
            return Ok(true);
        }
        let ids: Vec<OfferId> = changes
            .iter()
            .filter_map(|c| match c.entity {
                ChangedEntity::Offer(id) => Some(id),
                _ => None,
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let current = self.board.load();
        let context = current.context();
        let fresh = Board::public_offers(self.store.offers_by_ids(&ids).await?, &context.codec);
        let changed: HashSet<OfferId> = ids.iter().copied().collect();
        let by_id: HashMap<_, _> = context.organisations.iter().map(|o| (o.id, o)).collect();
        let documents: Vec<_> = fresh
            .iter()
            .map(|o| Board::document(&context, &by_id, o))
            .collect();
        let kept: HashSet<OfferId> = fresh.iter().map(|o| o.offer.id).collect();
        let gone: Vec<u64> = ids
            .iter()
            .filter(|id| !kept.contains(id))
            .map(|id| id.0.unsigned_abs())
            .collect();
        let index = self.index.load_full();
        tokio::task::spawn_blocking(move || {
            index.remove(&gone)?;
            index.upsert(documents)
        })
        .await??;
        let mut offers: Vec<Arc<PublicOffer>> = current
            .offers
            .iter()
            .filter(|o| !changed.contains(&o.offer.id))
            .cloned()
            .collect();
        offers.extend(fresh);
        self.board.store(Arc::new(Board::build(context, offers)));
        *applied = last;
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
    let job_families = store.job_families().await?;
    let domains = store.domains().await?;
    let geography = Arc::new(store.geography().await?);
    let mut intake = Intake::default();
    store
        .visit_public_offers(&mut |offer| intake.push(offer))
        .await?;
    let (codec, offers) = intake.finish();
    let context = Context {
        organisations,
        testimonies,
        job_families,
        domains,
        geography,
        places: SharedPlaces::default(),
        codec,
        page_cache_bytes,
    };
    Ok(Board::build(context, offers))
}

/// The public offers of a full load as the store gives them, one by one: the first ones train
/// the dictionary that packs the texts of all (see [`sections`]), so that only those few are
/// ever held unpacked.
#[derive(Default)]
struct Intake {
    training: Vec<vivier_domain::offer::Offer>,
    codec: Option<Arc<SectionCodec>>,
    offers: Vec<Arc<PublicOffer>>,
}

impl Intake {
    fn push(&mut self, offer: vivier_domain::offer::Offer) {
        match &self.codec {
            Some(codec) => {
                if offer.data.is_public() {
                    self.offers.push(Arc::new(PublicOffer::new(offer, codec)));
                }
            }
            None => {
                self.training.push(offer);
                if self.training.len() == TRAINING_OFFERS {
                    self.train();
                }
            }
        }
    }

    fn train(&mut self) -> Arc<SectionCodec> {
        let codec = SectionCodec::train(self.training.iter().map(|o| &o.data.sections));
        self.codec = Some(codec.clone());
        for offer in std::mem::take(&mut self.training) {
            self.push(offer);
        }
        codec
    }

    fn finish(mut self) -> (Arc<SectionCodec>, Vec<Arc<PublicOffer>>) {
        let codec = match self.codec.clone() {
            Some(codec) => codec,
            None => self.train(),
        };
        (codec, self.offers)
    }
}
