//! The in-memory full-text index of the offers, and its search.
//!
//! The index holds no text to give back, only what search needs: the analysed fields of each
//! offer (with positions, for phrases) and its id (indexed, to replace or remove it, and a fast
//! field, to map hits back to offers). It lives in RAM: it is rebuilt from the store at start-up
//! and kept up to date with [`SearchIndex::upsert`] and [`SearchIndex::remove`].

mod phrases;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::indexer::{IndexWriterOptions, NoMergePolicy};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::analysis;
use crate::lexicon::Lexicon;
use crate::query::{Alternative, Mode, QueryClause, Word, parse};
use crate::synonyms::Synonyms;
use phrases::{CachedPhraseQuery, PhraseCache};

/// What the index knows of an offer: the caller flattens the offer into these texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferDocument {
    /// The offer's id, returned in [`Hit`]s.
    pub id: u64,
    /// The job title.
    pub title: String,
    /// Every section of the offer, and its skills.
    pub body: String,
    /// The organisation's name, acronym and the names of its parents.
    pub organisation: String,
    /// The job family and domain names.
    pub family: String,
    /// Commune, department and region names.
    pub places: String,
}

/// A matching offer and its relevance (higher is better; only comparable within one search).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The offer's id.
    pub id: u64,
    /// The relevance score.
    pub score: f32,
}

/// An internal failure of the index (never caused by what a user types).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed (out of memory, a bug…).
    #[error("search index failure: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A previous update panicked while holding the index writer.
    #[error("search index writer poisoned by an earlier panic")]
    Poisoned,
}

/// Writer memory for the initial build, shared by its threads: segments are flushed when a
/// thread's share is full, so more memory means fewer, larger segments, not faster indexing
/// (they are merged into one at the end anyway).
const BUILD_MEMORY: usize = 32_000_000;
/// Indexing threads for the initial build, at most (analysis is the costly part).
const BUILD_MAX_THREADS: usize = 4;
/// Each indexing thread needs this much at least (tantivy's minimum is 15 MB).
const THREAD_MIN_MEMORY: usize = 16_000_000;
/// Writer memory per offer for the initial build (the arena holds the postings of ~2 KB of
/// analysed text before flushing a segment).
const BUILD_MEMORY_PER_OFFER: usize = 1_500;
/// Offers per commit when one thread builds the index (see [`SearchIndex::build`]).
const SMALL_BUILD_BATCH: usize = 1_000;
/// Below this many offers, one indexing thread builds the index.
const PARALLEL_BUILD_FROM: usize = 40_000;
/// Background merge threads (each merge briefly holds both the old and the new segments).
const MERGE_THREADS: usize = 1;

/// Field boosts: a word in the title says more about the job than one in the body.
const TITLE_BOOST: Score = 3.0;
/// Organisation, job family and places share one field: each text field multiplies the work
/// of every query term, and these short texts weigh about the same.
const CONTEXT_BOOST: Score = 1.4;
const BODY_BOOST: Score = 1.0;
/// Weight of a typo-tolerant match relative to the field's boost. Fuzzy and prefix matches
/// score a constant (no BM25), so this keeps them below exact matches.
const FUZZY_WEIGHT: Score = 0.3;
/// A word that this many offers hold as typed is taken as meant: looking for its neighbours
/// one typo away would only add noise, and costs the most on the commonest words.
const FUZZY_UNLESS_FOUND_IN: u64 = 3;
/// Weight of a synonym's match relative to the words typed.
const SYNONYM_WEIGHT: Score = 0.4;
/// Weight of a prefix match (the word being typed) relative to the field's boost.
const PREFIX_WEIGHT: Score = 0.5;

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    /// The text fields with their boosts.
    texts: [(Field, Score); 3],
}

impl Fields {
    fn schema() -> (Schema, Self) {
        let mut builder = Schema::builder();
        let id = builder.add_u64_field("id", INDEXED | FAST);
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::FRENCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let title = builder.add_text_field("title", text.clone());
        let body = builder.add_text_field("body", text.clone());
        let context = builder.add_text_field("context", text);
        let fields = Self {
            id,
            texts: [
                (title, TITLE_BOOST),
                (body, BODY_BOOST),
                (context, CONTEXT_BOOST),
            ],
        };
        (builder.build(), fields)
    }

    fn document(&self, offer: OfferDocument, lexicon: &Lexicon) -> TantivyDocument {
        for text in [
            &offer.title,
            &offer.organisation,
            &offer.family,
            &offer.places,
        ] {
            lexicon.learn(text);
        }
        let [title, body, context] = self.texts.map(|(field, _)| field);
        let mut document = TantivyDocument::default();
        document.add_u64(self.id, offer.id);
        for (field, text) in [
            (title, offer.title),
            (body, offer.body),
            (context, offer.organisation),
            (context, offer.family),
            (context, offer.places),
        ] {
            if !text.is_empty() {
                document.add_text(field, text);
            }
        }
        document
    }

    fn id_term(&self, id: u64) -> Term {
        Term::from_field_u64(self.id, id)
    }
}

/// The full-text index of the offers; see the [module documentation](self).
///
/// `Send + Sync`: searches run concurrently; updates are serialised, and a search sees either
/// the whole of an update or none of it.
pub struct SearchIndex {
    fields: Fields,
    index: Index,
    /// Serialises updates (tantivy allows one writer at a time).
    updating: Mutex<()>,
    reader: IndexReader,
    synonyms: Synonyms,
    /// Words of the short fields, for spelling suggestions.
    lexicon: Lexicon,
    /// Where the synonyms' phrases match, per segment.
    phrases: Arc<PhraseCache>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("len", &self.len())
            .field("synonym_groups", &self.synonyms.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Builds the index of `documents` (when an id comes twice, the last document wins), with
    /// the `synonyms` that queries will be expanded with.
    pub fn build(
        documents: impl IntoIterator<Item = OfferDocument>,
        synonyms: Synonyms,
    ) -> Result<Self, SearchError> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers());

        let documents = documents.into_iter();
        // Small catalogues (the usual case) get one thread and a budget sized to them: an
        // indexing thread's arena is part of the server's peak memory.
        let (expected, _) = documents.size_hint();
        let threads = if expected < PARALLEL_BUILD_FROM {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .clamp(1, BUILD_MAX_THREADS)
                .min(BUILD_MEMORY / THREAD_MIN_MEMORY)
        };
        let budget = expected
            .saturating_mul(BUILD_MEMORY_PER_OFFER)
            .clamp(THREAD_MIN_MEMORY * threads, BUILD_MEMORY);
        let mut writer = writer(&index, threads, budget / threads)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let lexicon = Lexicon::default();
        let mut seen = HashSet::new();
        for (count, offer) in documents.enumerate() {
            if !seen.insert(offer.id) {
                writer.delete_term(fields.id_term(offer.id));
            }
            writer.add_document(fields.document(offer, &lexicon))?;
            // A small catalogue is committed in batches: each commit turns the batch into a
            // segment and frees the indexing arena, which would otherwise grow to the budget.
            if threads == 1 && (count + 1) % SMALL_BUILD_BATCH == 0 {
                writer.commit()?;
            }
        }
        writer.commit()?;
        // One merge at the end rather than merges while indexing: a merge holds its segments
        // twice, which added to the indexing arenas and the queue of documents.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;

        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            fields,
            index,
            updating: Mutex::new(()),
            reader,
            synonyms,
            lexicon,
            phrases: Arc::default(),
        })
    }

    /// Adds the documents, replacing those with the same ids; the next search sees them.
    pub fn upsert(&self, documents: Vec<OfferDocument>) -> Result<(), SearchError> {
        if documents.is_empty() {
            return Ok(());
        }
        self.update(|writer, fields| {
            for offer in documents {
                // Deletes only apply to documents added before them: a repeated id in the
                // batch leaves its last version.
                writer.delete_term(fields.id_term(offer.id));
                writer.add_document(fields.document(offer, &self.lexicon))?;
            }
            Ok(())
        })
    }

    /// Removes the documents with these ids (unknown ids are ignored); the next search no
    /// longer finds them.
    pub fn remove(&self, ids: &[u64]) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.update(|writer, fields| {
            for &id in ids {
                writer.delete_term(fields.id_term(id));
            }
            Ok(())
        })
    }

    fn update(
        &self,
        change: impl FnOnce(&mut IndexWriter, &Fields) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let _updating = self.updating.lock().map_err(|_| SearchError::Poisoned)?;
        // A writer only for the time of the update: an idle one would keep its memory arena.
        let mut writer = writer(&self.index, 1, THREAD_MIN_MEMORY)?;
        if let Err(error) = change(&mut writer, &self.fields) {
            // Drop the half-done change so that nothing publishes it.
            writer.rollback()?;
            return Err(error);
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        // Reloaded under the lock, so that readers never go back in time.
        self.reader.reload()?;
        let live = self
            .reader
            .searcher()
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.phrases.retain(&live);
        Ok(())
    }

    /// Number of offers in the index.
    pub fn len(&self) -> usize {
        usize::try_from(self.reader.searcher().num_docs()).unwrap_or(usize::MAX)
    }

    /// Whether the index holds no offer.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the index takes (postings, positions, term dictionaries, the id column…), as
    /// tantivy accounts them; reported by `vivier bench search`.
    pub fn space_usage(&self) -> Result<u64, SearchError> {
        let usage = self
            .reader
            .searcher()
            .space_usage()
            .map_err(|e| SearchError::Index(e.into()))?;
        Ok(usage.total().get_bytes())
    }

    /// Every offer matching `query` (see [`crate::query`] for its language) with its score,
    /// best first, ties by increasing id. `Ok(None)` when the query holds no searchable word
    /// (empty, only stop words or punctuation): it sets no text criterion.
    pub fn search(&self, query: &str, mode: Mode) -> Result<Option<Vec<Hit>>, SearchError> {
        let mut hits = self.search_unordered(query, mode)?;
        if let Some(hits) = &mut hits {
            hits.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        }
        Ok(hits)
    }

    /// Like [`search`](Self::search), the hits in no particular order: for callers that filter
    /// them and order only what they show.
    pub fn search_unordered(
        &self,
        query: &str,
        mode: Mode,
    ) -> Result<Option<Vec<Hit>>, SearchError> {
        let clauses = parse(query).analyse(&self.synonyms, mode);
        if clauses.is_empty() {
            return Ok(None);
        }
        let searcher = self.reader.searcher();
        let mut kept = Vec::with_capacity(clauses.len());
        for clause in clauses {
            if !clause.foreign || self.occurs(&searcher, &clause)? {
                kept.push(clause);
            }
        }
        if kept.is_empty() {
            // The query had words, none known: nothing matches (not "no criterion").
            return Ok(Some(Vec::new()));
        }
        let query = self.query(&searcher, &kept);
        Ok(Some(
            searcher.search(&query, &AllHits { id: self.fields.id })?,
        ))
    }

    /// The query with its words that no offer holds replaced by the closest known words (from
    /// titles, organisations, job families and places), for "did you mean…"; `None` when every
    /// word is known or nothing close is.
    pub fn correct(&self, query: &str) -> Option<String> {
        // A pasted page gets no suggestion (and cutting it would leave a broken last word).
        if query.chars().nth(crate::query::MAX_QUERY_CHARS).is_some() {
            return None;
        }
        let searcher = self.reader.searcher();
        self.lexicon.correct(query, &self.synonyms, |term| {
            self.frequency(&searcher, term)
        })
    }

    /// Whether any term of the clause occurs in any field (deleted documents included: this is
    /// a cheap dictionary check, not a search).
    fn occurs(&self, searcher: &Searcher, clause: &QueryClause) -> Result<bool, SearchError> {
        for alternative in &clause.alternatives {
            let terms: Vec<&str> = match alternative {
                Alternative::Words(words) => words.iter().map(|w| w.term.as_str()).collect(),
                Alternative::Phrase(terms) => terms.iter().map(|(_, t)| t.as_str()).collect(),
            };
            for term in terms {
                for &(field, _) in &self.fields.texts {
                    if searcher.doc_freq(&Term::from_field_text(field, term))? > 0 {
                        return Ok(true);
                    }
                }
            }
        }
        Ok(false)
    }

    /// Every clause must match; within one, any alternative, in any field.
    fn query(&self, searcher: &Searcher, clauses: &[QueryClause]) -> BooleanQuery {
        BooleanQuery::new(
            clauses
                .iter()
                .map(|clause| {
                    // The words typed come first; their synonyms match as well but weigh less,
                    // so that "développeuse" ranks a "Développeuse" before a "Lead dev".
                    let alternatives = clause
                        .alternatives
                        .iter()
                        .enumerate()
                        .map(|(i, alternative)| {
                            let query = self.alternative(searcher, alternative, i > 0);
                            let query: Box<dyn Query> = if i == 0 {
                                query
                            } else {
                                Box::new(BoostQuery::new(query, SYNONYM_WEIGHT))
                            };
                            (Occur::Should, query)
                        })
                        .collect();
                    let clause: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
                    (Occur::Must, clause)
                })
                .collect(),
        )
    }

    /// The query of one alternative; a `synonym`'s phrases (a small fixed set, unlike quoted
    /// phrases) are matched from the phrase cache.
    fn alternative(
        &self,
        searcher: &Searcher,
        alternative: &Alternative,
        synonym: bool,
    ) -> Box<dyn Query> {
        match alternative {
            Alternative::Words(words) => {
                let mut musts: Vec<(Occur, Box<dyn Query>)> = words
                    .iter()
                    .map(|word| (Occur::Must, self.word(searcher, word)))
                    .collect();
                match musts.pop() {
                    Some((_, only)) if musts.is_empty() => only,
                    Some(last) => {
                        musts.push(last);
                        Box::new(BooleanQuery::new(musts))
                    }
                    // Never built (a clause has at least one term); matches nothing if it were.
                    None => Box::new(BooleanQuery::new(Vec::new())),
                }
            }
            Alternative::Phrase(terms) => self.any_field(|field| match terms.as_slice() {
                [(_, term)] => vec![(
                    1.0,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    )),
                )],
                _ => {
                    let terms: Vec<(usize, Term)> = terms
                        .iter()
                        .map(|(offset, term)| (*offset, Term::from_field_text(field, term)))
                        .collect();
                    let query: Box<dyn Query> = if synonym {
                        Box::new(CachedPhraseQuery::new(terms, Arc::clone(&self.phrases)))
                    } else {
                        Box::new(PhraseQuery::new_with_offset(terms))
                    };
                    vec![(1.0, query)]
                }
            }),
        }
    }

    /// How many documents hold `term` in some field (a sum over fields, deleted documents
    /// included: an estimate, enough to tell rare from common).
    fn frequency(&self, searcher: &Searcher, term: &str) -> u64 {
        self.fields
            .texts
            .iter()
            .map(|&(field, _)| {
                searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0)
            })
            .sum()
    }

    /// One of the query's own words: exact, and also within one typo (unless the word is
    /// common as typed) or as a prefix when allowed, these looser matches weighing less.
    fn word(&self, searcher: &Searcher, word: &Word) -> Box<dyn Query> {
        let fuzzy = word.fuzzy && self.frequency(searcher, &word.term) < FUZZY_UNLESS_FOUND_IN;
        self.any_field(|field| {
            let term = Term::from_field_text(field, &word.term);
            let mut queries: Vec<(Score, Box<dyn Query>)> = vec![(
                1.0,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            )];
            if fuzzy {
                queries.push((
                    FUZZY_WEIGHT,
                    Box::new(FuzzyTermQuery::new(term.clone(), 1, true)),
                ));
            }
            if word.prefix {
                queries.push((
                    PREFIX_WEIGHT,
                    Box::new(FuzzyTermQuery::new_prefix(term, 0, true)),
                ));
            }
            queries
        })
    }

    /// ORs the queries `per_field` builds for each text field, weighted by the field's boost.
    fn any_field(
        &self,
        per_field: impl Fn(Field) -> Vec<(Score, Box<dyn Query>)>,
    ) -> Box<dyn Query> {
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in &self.fields.texts {
            for (weight, query) in per_field(field) {
                shoulds.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(query, boost * weight)),
                ));
            }
        }
        Box::new(BooleanQuery::new(shoulds))
    }
}

fn writer(index: &Index, threads: usize, memory_per_thread: usize) -> tantivy::Result<IndexWriter> {
    index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(memory_per_thread.max(THREAD_MIN_MEMORY))
            .num_merge_threads(MERGE_THREADS)
            .build(),
    )
}

/// Collects every matching document with its score, mapped to its offer id.
struct AllHits {
    id: Field,
}

impl Collector for AllHits {
    type Fruit = Vec<Hit>;
    type Child = SegmentHits;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHits> {
        let name = reader.schema().get_field_name(self.id).to_owned();
        Ok(SegmentHits {
            ids: reader.fast_fields().u64(&name)?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<Hit>>) -> tantivy::Result<Vec<Hit>> {
        Ok(segments.concat())
    }
}

struct SegmentHits {
    ids: Column<u64>,
    hits: Vec<Hit>,
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<Hit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Every document has an id; one without would be unreachable anyway.
        if let Some(id) = self.ids.first(doc) {
            self.hits.push(Hit { id, score });
        }
    }

    fn harvest(self) -> Vec<Hit> {
        self.hits
    }
}
