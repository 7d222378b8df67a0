//! Synonym phrases matched from a cache of their postings.
//!
//! A synonym phrase (`systèmes d'information` for `SI`, `directeur des systèmes d'information`
//! for `DSI`) is made of common words: matching it reads the positions of tens of thousands of
//! offers on every query, which made these queries the slowest by far. The phrases come from
//! the synonym list, a small fixed set, so [`CachedPhraseQuery`] finds the offers holding a
//! phrase once per index segment, keeps them with how many times each holds it, and scores them
//! from there exactly as tantivy's `PhraseQuery` does (BM25 of the phrase count, the field's
//! length norms, the sum of the words' IDF).
//!
//! Segments never change once written (a deleted document is only marked, and collectors skip
//! it), so an entry stays true for the life of its segment; [`PhraseCache::retain`] drops the
//! entries of segments that a merge or a removal made obsolete.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The offers of one segment holding a phrase, in increasing order, with the phrase's count.
type Matches = Arc<[(DocId, u32)]>;

/// Terms of a phrase with their offsets from the first (gaps are removed stop words), all in
/// one field.
type PhraseTerms = Vec<(usize, Term)>;

/// The phrases' matches per segment; shared by the queries of one index.
#[derive(Default)]
pub(super) struct PhraseCache {
    entries: Mutex<HashMap<(SegmentId, PhraseTerms), Matches>>,
}

impl std::fmt::Debug for PhraseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let entries = self.entries.lock().map_or(0, |entries| entries.len());
        f.debug_struct("PhraseCache")
            .field("entries", &entries)
            .finish()
    }
}

impl PhraseCache {
    /// Keeps only the entries of these segments (the index's live ones).
    pub(super) fn retain(&self, live: &HashSet<SegmentId>) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(segment, _), _| live.contains(segment));
        }
    }

    fn matches(&self, reader: &SegmentReader, terms: &PhraseTerms) -> tantivy::Result<Matches> {
        let key = (reader.segment_id(), terms.clone());
        if let Some(found) = self.lookup(&key) {
            return Ok(found);
        }
        // Found outside the lock: two searches may both compute a new entry, never wait on one.
        let found: Matches = find_phrase(reader, terms)?.into();
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, Arc::clone(&found));
        }
        Ok(found)
    }

    fn lookup(&self, key: &(SegmentId, PhraseTerms)) -> Option<Matches> {
        // A poisoned lock only means that a search panicked while inserting: compute anew.
        self.entries.lock().ok()?.get(key).cloned()
    }
}

/// The offers of the segment where the terms follow each other at their offsets, with how many
/// times: what tantivy's `PhraseQuery` (no slop) matches, and its phrase count.
fn find_phrase(
    reader: &SegmentReader,
    terms: &[(usize, Term)],
) -> tantivy::Result<Vec<(DocId, u32)>> {
    let Some((_, first)) = terms.first() else {
        return Ok(Vec::new());
    };
    let inverted = reader.inverted_index(first.field())?;
    let last_offset = terms.iter().map(|(offset, _)| *offset).max().unwrap_or(0);
    let mut postings: Vec<(u32, SegmentPostings)> = Vec::with_capacity(terms.len());
    for (offset, term) in terms {
        let Some(list) = inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
        else {
            return Ok(Vec::new());
        };
        // Positions shifted so that the words of one occurrence all land on the same value.
        let shift = u32::try_from(last_offset - offset).unwrap_or(u32::MAX);
        postings.push((shift, list));
    }
    // The rarest word leads the intersection.
    postings.sort_by_key(|(_, list)| list.doc_freq());

    let mut found = Vec::new();
    let (mut common, mut other) = (Vec::new(), Vec::new());
    let mut candidate = postings[0].1.doc();
    'docs: while candidate != TERMINATED {
        for (_, list) in &mut postings {
            // A list may already stand past the candidate (tantivy's `seek` never goes back).
            let doc = if list.doc() < candidate {
                list.seek(candidate)
            } else {
                list.doc()
            };
            if doc != candidate {
                candidate = doc;
                continue 'docs;
            }
        }
        let ((shift, list), rest) = postings.split_first_mut().expect("a phrase has terms");
        list.positions_with_offset(*shift, &mut common);
        for (shift, list) in rest {
            list.positions_with_offset(*shift, &mut other);
            common.retain(|position| other.binary_search(position).is_ok());
        }
        if let Ok(count @ 1..) = u32::try_from(common.len()) {
            found.push((candidate, count));
        }
        candidate = postings[0].1.advance();
    }
    Ok(found)
}

/// A phrase of several terms of one field, matched from the [`PhraseCache`]; scores as
/// tantivy's `PhraseQuery::new_with_offset` with the same terms.
#[derive(Debug, Clone)]
pub(super) struct CachedPhraseQuery {
    terms: PhraseTerms,
    cache: Arc<PhraseCache>,
}

impl CachedPhraseQuery {
    /// `terms` must be at least one, all of the same field, which has positions.
    pub(super) fn new(terms: PhraseTerms, cache: Arc<PhraseCache>) -> Self {
        Self { terms, cache }
    }
}

impl Query for CachedPhraseQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let terms: Vec<Term> = self.terms.iter().map(|(_, term)| term.clone()).collect();
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(CachedPhraseWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.terms {
            visitor(term, true);
        }
    }
}

struct CachedPhraseWeight {
    query: CachedPhraseQuery,
    /// `None` when scores are not needed.
    bm25: Option<Bm25Weight>,
}

impl CachedPhraseWeight {
    fn phrase_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<PhraseScorer> {
        let matches = self.query.cache.matches(reader, &self.query.terms)?;
        let field = self.query.terms[0].1.field();
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) => fieldnorms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(PhraseScorer {
            matches,
            at: 0,
            fieldnorms,
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
        })
    }
}

impl Weight for CachedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.phrase_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.phrase_scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match the phrase"
            )));
        }
        Ok(Explanation::new("cached phrase", scorer.score()))
    }
}

/// Walks the cached matches of one segment.
struct PhraseScorer {
    matches: Matches,
    at: usize,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.matches.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() < target {
            let rest = &self.matches[self.at..];
            self.at += rest.partition_point(|&(doc, _)| doc < target);
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches
            .get(self.at)
            .map_or(TERMINATED, |&(doc, _)| doc)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.matches.len() - self.at).unwrap_or(u32::MAX)
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        match (&self.bm25, self.matches.get(self.at)) {
            (Some(bm25), Some(&(doc, count))) => {
                bm25.score(self.fieldnorms.fieldnorm_id(doc), count)
            }
            _ => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::collector::{DocSetCollector, TopDocs};
    use tantivy::query::PhraseQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    use super::*;

    const WORDS: [&str; 4] = ["systeme", "information", "securite", "donnees"];

    /// An index of `documents` (word indexes into [`WORDS`]), committed in several segments,
    /// with every fifth document deleted.
    fn index(documents: &[Vec<usize>]) -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let id = schema.add_u64_field("id", tantivy::schema::INDEXED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (number, words) in documents.iter().enumerate() {
            let mut document = TantivyDocument::default();
            let words: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            document.add_text(text, words.join(" "));
            document.add_u64(id, number as u64);
            writer.add_document(document).unwrap();
            if number % 7 == 6 {
                writer.commit().unwrap();
            }
        }
        for number in (0..documents.len()).step_by(5) {
            writer.delete_term(Term::from_field_u64(id, number as u64));
        }
        writer.commit().unwrap();
        (index, text)
    }

    fn results(index: &Index, query: &dyn Query) -> Vec<(DocAddress, Score)> {
        let searcher = index.reader().unwrap().searcher();
        let mut hits = searcher
            .search(query, &TopDocs::with_limit(1_000).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address, score))
            .collect::<Vec<_>>();
        hits.sort_by_key(|(address, _)| *address);
        let unscored = searcher.search(query, &DocSetCollector).unwrap();
        assert_eq!(unscored.len(), hits.len());
        hits
    }

    proptest! {
        // Each case builds an index: fewer cases than the default keep the test short.
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_cache_matches_and_scores_as_a_phrase_query(
            documents in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 0..12), 1..40),
            words in prop::collection::vec(0..WORDS.len(), 2..4),
            gaps in prop::collection::vec(1..3usize, 3),
        ) {
            let (index, field) = index(&documents);
            let mut offset = 0;
            let terms: Vec<(usize, Term)> = words
                .iter()
                .zip(&gaps)
                .map(|(&word, gap)| {
                    let term = (offset, Term::from_field_text(field, WORDS[word]));
                    offset += gap;
                    term
                })
                .collect();
            let cache = Arc::new(PhraseCache::default());
            let cached = CachedPhraseQuery::new(terms.clone(), Arc::clone(&cache));
            let expected = results(&index, &PhraseQuery::new_with_offset(terms));
            // Cold, then from the cache.
            for _ in 0..2 {
                let found = results(&index, &cached);
                prop_assert_eq!(found.len(), expected.len());
                for ((address, score), (expected_address, expected_score)) in found.iter().zip(&expected) {
                    prop_assert_eq!(address, expected_address);
                    prop_assert!((score - expected_score).abs() < 1e-5, "{} != {}", score, expected_score);
                }
            }
        }
    }

    #[test]
    fn entries_of_dead_segments_are_dropped() {
        let (index, field) = index(&[vec![0, 1], vec![0, 1, 0, 1]]);
        let cache = Arc::new(PhraseCache::default());
        let terms = vec![
            (0, Term::from_field_text(field, WORDS[0])),
            (1, Term::from_field_text(field, WORDS[1])),
        ];
        let query = CachedPhraseQuery::new(terms, Arc::clone(&cache));
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.search(&query, &DocSetCollector).unwrap().len(), 1);
        assert_eq!(cache.entries.lock().unwrap().len(), 1);
        cache.retain(&HashSet::new());
        assert!(cache.entries.lock().unwrap().is_empty());
    }
}
