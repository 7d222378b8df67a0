//! Full-text search for Vivier: French text analysis for the tantivy index and query-time
//! synonyms of the trade.
//!
//! - [`analysis`]: the French analyzer ([`analysis::french_analyzer`], registered under
//!   [`analysis::FRENCH`]) and [`analysis::analyze`], used at index and query time alike.
//! - [`synonyms`]: acronyms and synonyms ([`synonyms::Synonyms`]) expanded in queries.

pub mod analysis;
pub mod synonyms;

pub use analysis::{FRENCH, analyze, analyze_with_positions, french_analyzer, register};

pub use synonyms::{Clause, Phrase, SynonymError, Synonyms};
