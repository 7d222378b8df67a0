//! French text analysis, shared by indexing and querying so that both sides produce the same
//! terms.
//!
//! The pipeline, in this order (each step relies on the previous one):
//!
//! 1. [`FrenchTokenizer`]: words of letters and digits; apostrophes inside words kept for step 2;
//!    inclusive suffixes removed (`développeur·se` → `développeur`); `c++`/`c#`/`.net` named.
//! 2. drop tokens longer than [`MAX_TOKEN_LEN`] bytes (garbage, URLs glued together).
//! 3. elision: `l'équipe`, `L’Équipe`, `jusqu'à` lose their elided article.
//! 4. lower-casing, then 5. accent and ligature folding (`données` → `donnees`, `œuvre` → `oeuvre`),
//!    then lower-casing again: tantivy's folding table turns some lower-case letters into capitals
//!    (small capitals `ᴅᴇᴠ` → `DEV`, `ǧ` → `G`), which would never meet the typed word.
//! 6. gender: feminine job titles to the masculine (`développeuse` → `developpeur`); after
//!    folding so that typed-without-accents queries get the same treatment.
//! 7. a short list of stop words (`le`, `de`, `et`…, but not `si`, `data`, `web`).
//! 8. French Snowball stemming, sparing acronyms and tech words (`data`, `kubernetes`, `rssi`);
//!    stemmed words lose doubled letters, so the typo `developeur` meets `développeur`.
//!
//! Steps 2 to 8 map each word on its own, so the analyzer remembers what they made of each
//! distinct word ([`memo`]): indexing 100,000 offers then stems a few thousand words, not
//! millions.

mod filter;
mod gender;
mod memo;
mod rules;
mod tokenizer;

use std::cell::RefCell;
use std::ops::Range;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, TextAnalyzer, TokenizerManager,
};

pub use tokenizer::FrenchTokenizer;

use filter::RuleFilter;
use memo::Memoized;

/// Name under which [`register`] makes [`french_analyzer`] available to tantivy fields.
pub const FRENCH: &str = "vivier_fr";

/// Longest token kept, in bytes (the longest French words are about 25 letters).
pub const MAX_TOKEN_LEN: usize = 64;

/// Builds the French analyzer described in the [module documentation](self).
pub fn french_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(FrenchTokenizer)
        .filter(Memoized {
            words: word_rules(),
        })
        .build()
}

/// Steps 2 to 8, which map each word on its own: an analyzer of one word at a time, whose
/// answers [`Memoized`] remembers.
fn word_rules() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(RuleFilter(rules::elide))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(LowerCaser)
        .filter(RuleFilter(gender::normalise_gender))
        .filter(RuleFilter(rules::drop_stop_word))
        .filter(RuleFilter(rules::stem))
        .build()
}

/// Registers [`french_analyzer`] under the name [`FRENCH`], for fields indexed with
/// `TextFieldIndexing::default().set_tokenizer(FRENCH)`.
pub fn register(manager: &TokenizerManager) {
    manager.register(FRENCH, french_analyzer());
}

/// Runs `analyse` with this thread's analyzer, whose memory of words (see [`Memoized`]) lasts
/// from call to call: highlighting analyses the texts of every result shown.
fn with_analyzer<R>(analyse: impl FnOnce(&mut TextAnalyzer) -> R) -> R {
    thread_local! {
        static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(french_analyzer());
    }
    ANALYZER.with(|analyzer| match analyzer.try_borrow_mut() {
        Ok(mut analyzer) => analyse(&mut analyzer),
        // Only if `analyse` itself analysed a text: a fresh analyzer does as well.
        Err(_) => analyse(&mut french_analyzer()),
    })
}

/// The terms of `text`, in order, as the index stores them; empty when the text only holds
/// stop words or punctuation (the query side then has no text criterion).
///
/// ```
/// use vivier_search::analyze;
///
/// assert_eq!(analyze("Développeur·se Rust"), analyze("developpeuse rust"));
/// assert_eq!(analyze("l’équipe des données"), ["equip", "don"]);
/// assert!(analyze("le la de").is_empty());
/// ```
pub fn analyze(text: &str) -> Vec<String> {
    analyze_with_positions(text)
        .into_iter()
        .map(|(_, term)| term)
        .collect()
}

/// The terms of `text` with their positions, as the index stores them: removed stop words
/// leave gaps (`chef de projet` → `(0, chef)`, `(2, projet)`), which phrase queries must honour.
pub fn analyze_with_positions(text: &str) -> Vec<(usize, String)> {
    with_analyzer(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push((token.position, token.text.clone()));
        }
        terms
    })
}

/// The terms of `text` with the byte range of the word each comes from, for highlighting.
///
/// ```
/// use vivier_search::analysis::analyze_with_offsets;
///
/// let text = "Des données sécurisées";
/// let terms = analyze_with_offsets(text);
/// assert_eq!(&text[terms[0].0.clone()], "données");
/// assert_eq!(terms[0].1, "don");
/// ```
pub fn analyze_with_offsets(text: &str) -> Vec<(Range<usize>, String)> {
    with_analyzer(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push((token.offset_from..token.offset_to, token.text.clone()));
        }
        terms
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_analyzer_is_the_french_one() {
        let manager = TokenizerManager::default();
        register(&manager);
        let Some(mut analyzer) = manager.get(FRENCH) else {
            panic!("analyzer not registered");
        };
        let mut stream = analyzer.token_stream("Les développeuses");
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        assert_eq!(terms, analyze("développeur"));
    }

    #[test]
    fn letters_folded_to_capitals_are_lower_cased() {
        // Small capitals, as pasted from "fancy text" generators, and `ǧ`, which tantivy's
        // folding table maps to capital letters.
        assert_eq!(analyze("ᴅéᴠᴇʟᴏᴘᴘᴇᴜʀ"), analyze("développeur"));
        assert_eq!(analyze("ǧ Ǧ"), ["g", "g"]);
    }

    #[test]
    fn positions_count_removed_stop_words() {
        let mut analyzer = french_analyzer();
        let mut stream = analyzer.token_stream("chef de projet");
        let mut positions = Vec::new();
        while let Some(token) = stream.next() {
            positions.push(token.position);
        }
        assert_eq!(positions, [0, 2]);
    }
}
