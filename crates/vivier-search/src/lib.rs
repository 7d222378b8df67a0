//! Full-text search for Vivier: French text analysis for the tantivy index and query-time
//! synonyms of the trade.
//!
//! - [`analysis`]: the French analyzer ([`analysis::french_analyzer`], registered under
//!   [`analysis::FRENCH`]) and [`analysis::analyze`], used at index and query time alike.
//! - [`synonyms`]: acronyms and synonyms ([`synonyms::Synonyms`]) expanded in queries.
//! - [`query`]: the query language of the search box ([`query::parse`]), which never fails.
//! - [`highlight`]: which words of a text a query matched ([`highlight::Highlighter`]).
//! - [`index`]: the in-memory index of the offers ([`index::SearchIndex`]) and its search.
//! - [`relevance`]: the team's relevance test set and nDCG@10, for Vivier and the baselines.

pub mod analysis;
#[doc(hidden)]
pub mod fuzzing;
pub mod highlight;
pub mod index;
mod lexicon;
pub mod query;
pub mod relevance;
pub mod synonyms;

pub use analysis::{FRENCH, analyze, analyze_with_positions, french_analyzer, register};

pub use synonyms::{Clause, Phrase, SynonymError, Synonyms};

pub use highlight::Highlighter;

pub use index::{Hit, OfferDocument, SearchError, SearchIndex};

pub use query::{Mode, ParsedQuery, parse};
