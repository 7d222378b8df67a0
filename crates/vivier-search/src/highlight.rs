//! Which words of a text a query matched, so that results can show them.
//!
//! A [`Highlighter`] knows the terms a query searches for: its own words, their synonyms, its
//! phrases, and for the words allowed a typo or typed as a prefix, how loosely they match.
//! It analyses a text the way the index does and marks the words whose term the query would
//! have found.

use std::collections::HashSet;
use std::ops::Range;

use crate::analysis::analyze_with_offsets;
use crate::query::{Alternative, Mode, parse};
use crate::synonyms::Synonyms;

/// The terms of a query, ready to mark texts; see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    exact: HashSet<String>,
    /// Terms also matched one edit away.
    fuzzy: Vec<String>,
    /// Terms also matched as prefixes.
    prefixes: Vec<String>,
}

impl Highlighter {
    /// The highlighter of `query`, analysed as [`crate::SearchIndex::search`] does.
    pub fn new(query: &str, synonyms: &Synonyms, mode: Mode) -> Self {
        let mut highlighter = Self::default();
        for clause in parse(query).analyse(synonyms, mode) {
            for alternative in clause.alternatives {
                match alternative {
                    Alternative::Words(words) => {
                        for word in words {
                            if word.fuzzy {
                                highlighter.fuzzy.push(word.term.clone());
                            }
                            if word.prefix {
                                highlighter.prefixes.push(word.term.clone());
                            }
                            highlighter.exact.insert(word.term);
                        }
                    }
                    Alternative::Phrase(terms) => {
                        highlighter
                            .exact
                            .extend(terms.into_iter().map(|(_, term)| term));
                    }
                }
            }
        }
        highlighter
    }

    /// Whether the query has no term (nothing will ever be marked).
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// Whether an analysed term is one the query looks for.
    pub fn matches(&self, term: &str) -> bool {
        self.exact.contains(term)
            || self.prefixes.iter().any(|p| term.starts_with(p.as_str()))
            || self.fuzzy.iter().any(|f| within_one_edit(f, term))
    }

    /// The byte ranges of the words of `text` that the query matched, in order.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        analyze_with_offsets(text)
            .into_iter()
            .filter(|(_, term)| self.matches(term))
            .map(|(range, _)| range)
            .collect()
    }

    /// `text` cut into pieces, each with whether it is a matched word; the pieces put back
    /// together give `text`.
    ///
    /// ```
    /// use vivier_search::{Highlighter, Mode, Synonyms};
    ///
    /// let highlighter = Highlighter::new("developpeuse", &Synonyms::builtin(), Mode::Words);
    /// assert_eq!(
    ///     highlighter.pieces("Un développeur Rust"),
    ///     [("Un ", false), ("développeur", true), (" Rust", false)]
    /// );
    /// ```
    pub fn pieces<'t>(&self, text: &'t str) -> Vec<(&'t str, bool)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for range in self.ranges(text) {
            // Offsets come from the tokenizer, in order; anything else is skipped, not trusted.
            if range.start < at || text.get(range.clone()).is_none() {
                continue;
            }
            if range.start > at {
                pieces.push((&text[at..range.start], false));
            }
            pieces.push((&text[range.clone()], true));
            at = range.end;
        }
        if at < text.len() {
            pieces.push((&text[at..], false));
        }
        pieces
    }
}

/// Whether `a` and `b` are at most one edit apart (insertion, deletion, substitution or
/// transposition of two neighbours), as the index's typo tolerance counts.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == short.len() {
        // Equal, or the longer one has one more character at the end.
        return true;
    }
    if short.len() == long.len() {
        let transposed = prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..];
        transposed || short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(query: &str, text: &str) -> Vec<String> {
        Highlighter::new(query, &Synonyms::builtin(), Mode::Words)
            .pieces(text)
            .into_iter()
            .filter(|(_, marked)| *marked)
            .map(|(piece, _)| piece.to_owned())
            .collect()
    }

    #[test]
    fn marks_words_as_the_index_matches_them() {
        assert_eq!(
            marked("donnees securite", "Sécurité des données, et de la donnée."),
            ["Sécurité", "données", "donnée"]
        );
        assert_eq!(
            marked("développeuse", "Développeur·se ou développeurs"),
            ["Développeur·se", "développeurs"]
        );
        // Stop words of the query mark nothing.
        assert_eq!(
            marked("chef de projet", "Chef de projet"),
            ["Chef", "projet"]
        );
        // Synonyms: an acronym marks the words it stands for, and the other way round.
        assert!(marked("RSSI", "Le RSSI du ministère").contains(&"RSSI".to_owned()));
        assert!(
            marked(
                "rssi",
                "responsable de la sécurité des systèmes d'information"
            )
            .contains(&"sécurité".to_owned())
        );
    }

    #[test]
    fn typos_and_prefixes_mark_what_they_found() {
        assert_eq!(marked("developeur", "Un développeur"), ["développeur"]);
        // Short words get no typo tolerance, as in the index.
        assert!(marked("rust", "Un test").is_empty());
        let typing = Highlighter::new("kubern", &Synonyms::builtin(), Mode::AsYouType);
        assert_eq!(
            typing.pieces("Kubernetes et Terraform"),
            [("Kubernetes", true), (" et Terraform", false)]
        );
    }

    #[test]
    fn pieces_rebuild_the_text() {
        let highlighter = Highlighter::new(
            "données «chef de projet»",
            &Synonyms::builtin(),
            Mode::Words,
        );
        for text in [
            "",
            "données",
            "  données  ",
            "l’équipe, chef·fe de projet ; 数据 données",
        ] {
            let pieces = highlighter.pieces(text);
            assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), text);
        }
        assert!(Highlighter::new("le la ???", &Synonyms::builtin(), Mode::Words).is_empty());
    }

    #[test]
    fn one_edit() {
        for (a, b) in [
            ("abc", "abc"),
            ("abc", "abd"),
            ("abc", "ab"),
            ("abc", "acb"),
            ("abc", "xabc"),
            ("", "a"),
        ] {
            assert!(within_one_edit(a, b), "{a} {b}");
            assert!(within_one_edit(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("abc", "cab"),
            ("abc", "a"),
            ("abcd", "abdc_"),
            ("abc", "xyz"),
            ("abcd", "badc"),
        ] {
            assert!(!within_one_edit(a, b), "{a} {b}");
            assert!(!within_one_edit(b, a), "{b} {a}");
        }
    }
}
