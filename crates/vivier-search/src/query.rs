//! The query language of the search box, and its analysis into clauses.
//!
//! What a candidate types is never a syntax error: [`parse`] accepts any string. It knows two
//! things only:
//!
//! - `"quoted phrases"` (also `«…»` and `“…”`), whose words must follow each other;
//! - free words, everything else. Punctuation and the characters `+ - : ( ) ^ ~ * \` are mere
//!   separators (the analyzer drops them), never operators: `-java` looks for Java.
//!
//! A lone quote is ignored (`"chef de projet` is three free words). The query is capped at
//! [`MAX_QUERY_CHARS`] characters and [`MAX_CLAUSES`] clauses, so a pasted page costs no more
//! than a long query.
//!
//! [`ParsedQuery::analyse`] then turns the text into [`QueryClause`]s, which the index ANDs:
//! each free word becomes a clause whose alternatives are the word itself and its synonyms
//! ([`Synonyms::expand`]); each quoted phrase becomes a clause of its own, without synonyms nor
//! typo tolerance (quoting asks for these very words).

use crate::analysis::analyze_with_positions;
use crate::synonyms::Synonyms;

/// Longest query considered, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 2_000;

/// Most clauses (free words or quoted phrases) a query keeps; the following ones are ignored.
pub const MAX_CLAUSES: usize = 32;

/// Shortest analysed term, in characters, given typo tolerance: shorter ones are acronyms
/// (`rssi`, `dsi`, `php`) where one letter changes the meaning.
pub const MIN_FUZZY_CHARS: usize = 5;

/// Shortest analysed term, in characters, matched as a prefix when typing: one or two letters
/// would match most of the dictionary and tell nothing.
pub const MIN_PREFIX_CHARS: usize = 3;

/// One part of a query, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Free text between quoted phrases (possibly several words).
    Words(String),
    /// The text inside a pair of quotes.
    Phrase(String),
}

/// A query split into free text and quoted phrases; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The parts, in order; empty parts are left out.
    pub parts: Vec<Part>,
}

/// Splits a query into free text and quoted phrases. Never fails; see the
/// [module documentation](self).
///
/// ```
/// use vivier_search::query::{Part, parse};
///
/// let parsed = parse(r#"python "chef de projet" lyon"#);
/// assert_eq!(
///     parsed.parts,
///     [
///         Part::Words("python ".into()),
///         Part::Phrase("chef de projet".into()),
///         Part::Words(" lyon".into()),
///     ]
/// );
/// // A lone quote is ignored.
/// assert_eq!(parse(r#"chef "projet"#).parts, [Part::Words("chef  projet".into())]);
/// ```
pub fn parse(query: &str) -> ParsedQuery {
    let text: String = query
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| match c {
            '«' | '»' | '“' | '”' | '„' => '"',
            _ => c,
        })
        .collect();
    let pieces: Vec<&str> = text.split('"').collect();
    // `n` quotes give `n + 1` pieces; odd pieces are quoted. With an odd number of quotes the
    // last one has no partner: the text after it is free text, and the quote is dropped.
    let paired_quotes = (pieces.len() - 1) / 2 * 2;
    let mut parts = Vec::new();
    let mut free = String::new();
    for (index, piece) in pieces.iter().enumerate() {
        if index % 2 == 1 && index <= paired_quotes {
            push_words(&mut parts, &mut free);
            if !piece.trim().is_empty() {
                parts.push(Part::Phrase((*piece).to_owned()));
            }
        } else {
            if index > paired_quotes && index > 0 {
                // Where the lone quote was, keep a word boundary.
                free.push(' ');
            }
            free.push_str(piece);
        }
    }
    push_words(&mut parts, &mut free);
    ParsedQuery { parts }
}

fn push_words(parts: &mut Vec<Part>, free: &mut String) {
    if !free.trim().is_empty() {
        parts.push(Part::Words(std::mem::take(free)));
    }
    free.clear();
}

/// An analysed term of the query's own words, with how loosely it may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The term, as [`crate::analyze`] gives it.
    pub term: String,
    /// Also match terms one edit away (typo tolerance).
    pub fuzzy: bool,
    /// Also match terms starting with it (the word being typed).
    pub prefix: bool,
}

/// One way of satisfying a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// The query's own free words: each must appear, anywhere.
    Words(Vec<Word>),
    /// Terms that must appear in this order, at these offsets from the first (gaps are removed
    /// stop words): a quoted phrase or a synonym (a single term is a phrase of one).
    Phrase(Vec<(usize, String)>),
}

/// A clause: the index ORs its alternatives, and ANDs the clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryClause {
    /// The alternatives, the query's own words first.
    pub alternatives: Vec<Alternative>,
    /// A free word in another script than Latin (`разработчик`, `数据`): when the index has
    /// not a single occurrence of it, the clause is left out rather than blocking the others.
    pub foreign: bool,
}

/// How the last free word of a query is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Whole words only (a submitted search).
    #[default]
    Words,
    /// The last free word may be unfinished: it also matches as a prefix (`dévelop` finds
    /// `développeur`), for suggestions while typing.
    AsYouType,
}

impl ParsedQuery {
    /// Analyses the parts into clauses (at most [`MAX_CLAUSES`]), expanding the free words with
    /// `synonyms`. Empty when nothing searchable remains (only stop words or punctuation): the
    /// query then sets no text criterion.
    ///
    /// ```
    /// use vivier_search::Synonyms;
    /// use vivier_search::query::{Mode, parse};
    ///
    /// let synonyms = Synonyms::builtin();
    /// assert_eq!(parse("RSSI à Lyon").analyse(&synonyms, Mode::Words).len(), 2);
    /// assert!(parse("le la \"de\" ???").analyse(&synonyms, Mode::Words).is_empty());
    /// ```
    pub fn analyse(&self, synonyms: &Synonyms, mode: Mode) -> Vec<QueryClause> {
        let mut clauses = Vec::new();
        let last = self.parts.len().saturating_sub(1);
        for (index, part) in self.parts.iter().enumerate() {
            match part {
                Part::Phrase(text) => {
                    let terms = analyze_with_positions(text);
                    let Some(&(first, _)) = terms.first() else {
                        continue;
                    };
                    let terms = terms
                        .into_iter()
                        .map(|(position, term)| (position - first, term))
                        .collect();
                    clauses.push(QueryClause {
                        alternatives: vec![Alternative::Phrase(terms)],
                        foreign: false,
                    });
                }
                Part::Words(text) => {
                    let terms: Vec<String> = analyze(text);
                    let prefix_last = mode == Mode::AsYouType && index == last;
                    let expanded = synonyms.expand(&terms);
                    let count = expanded.len();
                    let mut start = 0;
                    for (number, clause) in expanded.into_iter().enumerate() {
                        let own = &terms[start..start + clause.span];
                        start += clause.span;
                        let own_len = own.len();
                        let foreign = own.iter().any(|term| is_foreign(term));
                        let words = own
                            .iter()
                            .enumerate()
                            .map(|(position, term)| {
                                let is_last =
                                    prefix_last && number + 1 == count && position + 1 == own_len;
                                word(term, is_last)
                            })
                            .collect();
                        let mut alternatives = vec![Alternative::Words(words)];
                        // The first alternative is the query's own words, handled above.
                        alternatives.extend(clause.alternatives.iter().skip(1).map(|phrase| {
                            Alternative::Phrase(phrase.terms_with_offsets().to_vec())
                        }));
                        clauses.push(QueryClause {
                            alternatives,
                            foreign,
                        });
                    }
                }
            }
            if clauses.len() >= MAX_CLAUSES {
                break;
            }
        }
        clauses.truncate(MAX_CLAUSES);
        clauses
    }
}

fn analyze(text: &str) -> Vec<String> {
    // Cap before synonym expansion, which is linear in the terms but pointless past the cap.
    analyze_with_positions(text)
        .into_iter()
        .take(MAX_CLAUSES)
        .map(|(_, term)| term)
        .collect()
}

/// Whether an analysed term holds letters of another script: analysis folds Latin letters to
/// ASCII, so any other letter is Cyrillic, Greek, CJK…
fn is_foreign(term: &str) -> bool {
    term.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

fn word(term: &str, prefix: bool) -> Word {
    let chars = term.chars().count();
    Word {
        term: term.to_owned(),
        fuzzy: chars >= MIN_FUZZY_CHARS,
        prefix: prefix && chars >= MIN_PREFIX_CHARS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(parts: &[Part]) -> Vec<&str> {
        parts
            .iter()
            .map(|part| match part {
                Part::Words(text) | Part::Phrase(text) => text.trim(),
            })
            .collect()
    }

    #[test]
    fn quotes_pair_up_and_a_lone_one_is_ignored() {
        let parsed = parse(r#""a b" c "d"#);
        assert_eq!(parsed.parts[0], Part::Phrase("a b".into()));
        assert!(matches!(&parsed.parts[1], Part::Words(t) if t.contains('c') && t.contains('d')));
        assert_eq!(parsed.parts.len(), 2);
        assert_eq!(words(&parse(r#"""""#).parts), Vec::<&str>::new());
        assert_eq!(words(&parse("«chef de projet»").parts), ["chef de projet"]);
    }

    #[test]
    fn operators_are_plain_separators() {
        let clauses =
            parse("+python -java (lyon) ^ ~ * : \\").analyse(&Synonyms::default(), Mode::Words);
        assert_eq!(clauses.len(), 3);
    }

    #[test]
    fn only_the_last_free_word_is_a_prefix_when_typing() {
        let clauses = parse("python dévelop").analyse(&Synonyms::default(), Mode::AsYouType);
        let prefixes: Vec<bool> = clauses
            .iter()
            .map(|clause| match &clause.alternatives[0] {
                Alternative::Words(words) => words.iter().any(|w| w.prefix),
                Alternative::Phrase(_) => false,
            })
            .collect();
        assert_eq!(prefixes, [false, true]);
        let clauses = parse(r#"dévelop "chef""#).analyse(&Synonyms::default(), Mode::AsYouType);
        assert!(clauses.iter().all(|clause| match &clause.alternatives[0] {
            Alternative::Words(words) => words.iter().all(|w| !w.prefix),
            Alternative::Phrase(_) => true,
        }));
    }

    #[test]
    fn clauses_are_capped() {
        let long = "python ".repeat(5_000);
        assert_eq!(
            parse(&long)
                .analyse(&Synonyms::builtin(), Mode::Words)
                .len(),
            MAX_CLAUSES
        );
        let quoted = "\"java\" ".repeat(5_000);
        assert_eq!(
            parse(&quoted)
                .analyse(&Synonyms::builtin(), Mode::Words)
                .len(),
            MAX_CLAUSES
        );
    }
}
