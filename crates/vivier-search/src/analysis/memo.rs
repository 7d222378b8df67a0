//! Remembering what the word rules made of each word.
//!
//! Every step after the tokenizer (elision, case and accent folding, gender, stop words,
//! stemming) maps one word to at most one term, whatever surrounds it. Offers use a few
//! thousand distinct words, each thousands of times, and Snowball stemming is the costliest
//! step of indexing: [`Memoized`] runs the word rules once per distinct word and then reuses
//! their answer.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words remembered by one analyzer, at most: past it, new words are analysed each
/// time (a catalogue's common words come early, and the memory stays bounded, about 100 bytes
/// a word).
const CAPACITY: usize = 50_000;

/// [`TokenFilter`] that gives each token to `words`, an analyzer of single words (a
/// `RawTokenizer` followed by the word rules), and remembers its answer for the word.
#[derive(Clone)]
pub struct Memoized {
    pub words: TextAnalyzer,
}

impl TokenFilter for Memoized {
    type Tokenizer<T: Tokenizer> = MemoizedTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoizedTokenizer<T> {
        MemoizedTokenizer {
            inner,
            words: self.words,
            memo: FxHashMap::default(),
        }
    }
}

/// Tokenizer produced by [`Memoized`]. Each copy has its own memory, empty at first: tantivy
/// copies an analyzer for every segment it writes and every query, and copying the memory would
/// cost more than refilling it.
pub struct MemoizedTokenizer<T> {
    inner: T,
    words: TextAnalyzer,
    /// Word as tokenized → its term, or `None` when the rules drop it.
    memo: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl<T: Clone> Clone for MemoizedTokenizer<T> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            words: self.words.clone(),
            memo: FxHashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoizedTokenizer<T> {
    type TokenStream<'a> = MemoizedTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoizedTokenStream {
            tail: self.inner.token_stream(text),
            words: &mut self.words,
            memo: &mut self.memo,
        }
    }
}

/// Token stream produced by [`Memoized`].
pub struct MemoizedTokenStream<'a, S> {
    tail: S,
    words: &'a mut TextAnalyzer,
    memo: &'a mut FxHashMap<Box<str>, Option<Box<str>>>,
}

impl<S: TokenStream> TokenStream for MemoizedTokenStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let term = match self.memo.get(token.text.as_str()) {
                Some(known) => known.as_deref().map(|term| {
                    token.text.clear();
                    token.text.push_str(term);
                }),
                None => {
                    let term = analyse_word(self.words, &token.text);
                    if self.memo.len() < CAPACITY {
                        self.memo
                            .insert(token.text.as_str().into(), term.as_deref().map(Box::from));
                    }
                    term.map(|term| token.text = term)
                }
            };
            if term.is_some() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// What the word rules make of one word: its term, or `None` when they drop it.
fn analyse_word(words: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = words.token_stream(word);
    stream.advance().then(|| stream.token().text.clone())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::Tokenizer;

    use super::super::{FrenchTokenizer, french_analyzer, word_rules};
    use super::*;

    /// The terms and positions of `text` through `analyzer`.
    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push((token.position, token.text.clone()));
        }
        terms
    }

    /// What the pipeline gives without memory: every token through the word rules.
    fn unmemoized(text: &str) -> Vec<(usize, String)> {
        let mut words = word_rules();
        let mut tokenizer = FrenchTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            if let Some(term) = analyse_word(&mut words, &token.text) {
                terms.push((token.position, term));
            }
        }
        terms
    }

    const SAMPLE: &str = "Les développeuses et développeur·se·s de l'équipe DATA : données, \
                          Données, DONNÉES ; le chef de projet SI, la cheffe de projet SI.";

    #[test]
    fn remembered_words_give_what_the_rules_give() {
        let mut analyzer = french_analyzer();
        let expected = unmemoized(SAMPLE);
        assert!(!expected.is_empty());
        // Cold, then every word remembered.
        assert_eq!(terms(&mut analyzer, SAMPLE), expected);
        assert_eq!(terms(&mut analyzer, SAMPLE), expected);
    }

    #[test]
    fn a_copy_starts_empty_and_agrees() {
        let mut analyzer = french_analyzer();
        terms(&mut analyzer, SAMPLE);
        let mut copy = analyzer.clone();
        assert_eq!(terms(&mut copy, SAMPLE), unmemoized(SAMPLE));
    }

    proptest! {
        #[test]
        fn memory_never_changes_the_terms(
            first in "[a-zA-Zéèêàçœ·'’() .-]{0,60}",
            second in "[a-zA-Zéèêàçœ·'’() .-]{0,60}",
        ) {
            let mut analyzer = french_analyzer();
            // The second text reuses what the first taught, and itself.
            prop_assert_eq!(terms(&mut analyzer, &first), unmemoized(&first));
            prop_assert_eq!(terms(&mut analyzer, &second), unmemoized(&second));
            prop_assert_eq!(terms(&mut analyzer, &first), unmemoized(&first));
        }
    }
}
