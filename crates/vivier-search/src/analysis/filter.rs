//! A tantivy token filter built from a plain function on the term, so that each French rule
//! (elision, gender, stop words, stemming) is an ordinary function, testable on its own.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// What a term rule decided about a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Keep the token (possibly rewritten in place).
    Keep,
    /// Remove the token from the stream (its position stays counted, as for tantivy's stop words).
    Drop,
}

/// A rule applied to each term in place.
pub type Rule = fn(&mut String) -> Verdict;

/// [`TokenFilter`] applying a [`Rule`] to every token.
#[derive(Clone, Copy, Debug)]
pub struct RuleFilter(pub Rule);

impl TokenFilter for RuleFilter {
    type Tokenizer<T: Tokenizer> = RuleTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RuleTokenizer<T> {
        RuleTokenizer {
            rule: self.0,
            inner,
        }
    }
}

/// Tokenizer produced by [`RuleFilter`].
#[derive(Clone, Debug)]
pub struct RuleTokenizer<T> {
    rule: Rule,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RuleTokenizer<T> {
    type TokenStream<'a> = RuleTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RuleTokenStream {
            rule: self.rule,
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream produced by [`RuleFilter`].
#[derive(Debug)]
pub struct RuleTokenStream<S> {
    rule: Rule,
    tail: S,
}

impl<S: TokenStream> TokenStream for RuleTokenStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if (self.rule)(&mut self.tail.token_mut().text) == Verdict::Keep {
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
