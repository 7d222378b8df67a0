//! Acronyms and synonyms of the digital trades (`RSSI` ↔ `responsable de la sécurité des
//! systèmes d'information`, `data` ↔ `données`…), expanded in both directions at query time.
//!
//! Why at query time rather than index time: the list can change (an administrator's file
//! extends it) without reindexing every offer, the index stays a faithful image of the texts,
//! and multi-word alternatives become phrase queries instead of polluting term positions.
//!
//! # File format
//!
//! Plain UTF-8 text, one group of equivalent expressions per line, separated by `,` or `|`;
//! `#` at the start of a line or after a space starts a comment (so `C#` stays usable):
//!
//! ```text
//! # Sécurité
//! rssi, responsable de la sécurité des systèmes d'information
//! soc | centre opérationnel de sécurité   # both separators are accepted
//! ```
//!
//! Every expression is analysed with [`crate::analysis::analyze`], so accents, case, plural,
//! gender and stop words do not matter. Groups are not merged transitively: an expression found
//! in several groups is expanded with the alternatives of all of them, not of their neighbours.

use std::collections::HashMap;

use crate::analysis::analyze_with_positions;

/// The built-in groups, in the administrator's file format.
const BUILTIN: &str = include_str!("synonyms.txt");

/// An error in a synonyms file, naming the line (messages are shown to administrators).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynonymError {
    /// The line holds a single expression.
    #[error(
        "ligne {line} : un groupe de synonymes doit contenir au moins deux expressions séparées par « , » ou « | »"
    )]
    SingleExpression {
        /// Line number, from 1.
        line: usize,
    },
    /// Two separators with nothing between them, or a separator at an end of the line.
    #[error("ligne {line} : expression vide entre deux séparateurs")]
    EmptyExpression {
        /// Line number, from 1.
        line: usize,
    },
    /// The expression only holds stop words or punctuation (`le la`, `???`).
    #[error("ligne {line} : « {expression} » ne contient aucun mot recherchable")]
    NoSearchableWord {
        /// Line number, from 1.
        line: usize,
        /// The expression as written.
        expression: String,
    },
}

/// One way of saying something: analysed terms with their offsets from the first term (the
/// gaps are removed stop words), ready for tantivy's `PhraseQuery::new_with_offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    terms: Vec<(usize, String)>,
}

impl Phrase {
    fn new(mut terms: Vec<(usize, String)>) -> Self {
        let first = terms.first().map_or(0, |(position, _)| *position);
        for (position, _) in &mut terms {
            *position -= first;
        }
        Self { terms }
    }

    /// The terms, in order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|(_, term)| term.as_str())
    }

    /// The terms with their offset from the first term.
    pub fn terms_with_offsets(&self) -> &[(usize, String)] {
        &self.terms
    }

    /// Whether this is a single term (a term query is enough).
    pub fn is_single_term(&self) -> bool {
        self.terms.len() == 1
    }

    fn same_terms(&self, terms: &[String]) -> bool {
        self.terms.len() == terms.len() && self.terms().zip(terms).all(|(a, b)| a == b)
    }
}

/// A stretch of the query and the ways of saying it: the query builder ORs the alternatives
/// (as phrase queries) and ANDs the clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// How many query terms this clause covers.
    pub span: usize,
    /// The alternatives, the query's own words first, without duplicates.
    pub alternatives: Vec<Phrase>,
}

/// A set of synonym groups; see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Phrase>>,
    /// Groups containing an expression, by the expression's first term.
    by_first_term: HashMap<String, Vec<usize>>,
}

impl Synonyms {
    /// The built-in groups (acronyms of the State's digital trades).
    pub fn builtin() -> Self {
        // The built-in list is a constant checked by a test; should it ever be broken, search
        // still works without synonyms rather than the service refusing to start.
        Self::parse(BUILTIN).unwrap_or_default()
    }

    /// The built-in groups extended with an administrator's file.
    pub fn with_extra(text: &str) -> Result<Self, SynonymError> {
        let mut synonyms = Self::builtin();
        for group in parse_groups(text)? {
            synonyms.push(group);
        }
        Ok(synonyms)
    }

    /// Parses a synonyms file (only its groups, without the built-in ones).
    pub fn parse(text: &str) -> Result<Self, SynonymError> {
        let mut synonyms = Self::default();
        for group in parse_groups(text)? {
            synonyms.push(group);
        }
        Ok(synonyms)
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there is no group.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    fn push(&mut self, group: Vec<Phrase>) {
        let index = self.groups.len();
        for phrase in &group {
            if let Some(first) = phrase.terms().next() {
                let groups = self.by_first_term.entry(first.to_owned()).or_default();
                if !groups.contains(&index) {
                    groups.push(index);
                }
            }
        }
        self.groups.push(group);
    }

    /// Expands analysed query terms (from [`crate::analyze`]) into clauses, left to right,
    /// matching the longest known expression at each point: `["rssi", "paris"]` gives a clause
    /// spanning `rssi` with the alternatives `rssi` and `respons securit system inform`, then a
    /// clause `paris` alone. The spans of the clauses add up to the number of query terms.
    ///
    /// ```
    /// use vivier_search::{Synonyms, analyze};
    ///
    /// let clauses = Synonyms::builtin().expand(&analyze("RSSI Paris"));
    /// assert_eq!(clauses.len(), 2);
    /// let rssi: Vec<Vec<&str>> = clauses[0].alternatives.iter().map(|p| p.terms().collect()).collect();
    /// assert_eq!(rssi, [vec!["rssi"], vec!["respons", "securit", "system", "inform"]]);
    /// assert_eq!(clauses[1].alternatives.len(), 1);
    /// ```
    pub fn expand(&self, query_terms: &[String]) -> Vec<Clause> {
        let mut clauses = Vec::new();
        let mut start = 0;
        while start < query_terms.len() {
            let rest = &query_terms[start..];
            let (span, groups) = self.longest_match(rest);
            let own = Phrase::new(
                rest[..span]
                    .iter()
                    .enumerate()
                    .map(|(offset, term)| (offset, term.clone()))
                    .collect(),
            );
            let mut alternatives = vec![own];
            for phrase in groups.iter().flat_map(|&g| &self.groups[g]) {
                if !alternatives
                    .iter()
                    .any(|known| known.terms_with_offsets() == phrase.terms_with_offsets())
                {
                    alternatives.push(phrase.clone());
                }
            }
            clauses.push(Clause { span, alternatives });
            start += span;
        }
        clauses
    }

    /// The length of the longest expression starting `terms` (1 when none) and the groups
    /// holding an expression of that length there.
    fn longest_match(&self, terms: &[String]) -> (usize, Vec<usize>) {
        let mut best = (1, Vec::new());
        let Some(candidates) = terms.first().and_then(|t| self.by_first_term.get(t)) else {
            return best;
        };
        for &group in candidates {
            for phrase in &self.groups[group] {
                let len = phrase.terms.len();
                if len > terms.len() || !phrase.same_terms(&terms[..len]) {
                    continue;
                }
                if len > best.0 || best.1.is_empty() {
                    best = (len, vec![group]);
                } else if len == best.0 && !best.1.contains(&group) {
                    best.1.push(group);
                }
            }
        }
        best
    }
}

/// Parses the groups of a file, each as its analysed, de-duplicated expressions.
fn parse_groups(text: &str) -> Result<Vec<Vec<Phrase>>, SynonymError> {
    let mut groups = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        let mut group: Vec<Phrase> = Vec::new();
        let mut expressions = 0;
        for expression in content.split([',', '|']) {
            let expression = expression.trim();
            if expression.is_empty() {
                return Err(SynonymError::EmptyExpression { line });
            }
            expressions += 1;
            let terms = analyze_with_positions(expression);
            if terms.is_empty() {
                return Err(SynonymError::NoSearchableWord {
                    line,
                    expression: expression.to_owned(),
                });
            }
            let phrase = Phrase::new(terms);
            if !group.contains(&phrase) {
                group.push(phrase);
            }
        }
        if expressions < 2 {
            return Err(SynonymError::SingleExpression { line });
        }
        // Expressions that analyse alike ("cybersécurité, cyber-sécurité") leave one: harmless.
        groups.push(group);
    }
    Ok(groups)
}

/// The line without its comment: `#` at the start or after whitespace.
fn strip_comment(line: &str) -> &str {
    let mut previous_is_space = true;
    for (offset, c) in line.char_indices() {
        if c == '#' && previous_is_space {
            return &line[..offset];
        }
        previous_is_space = c.is_whitespace();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn alternatives(synonyms: &Synonyms, query: &str) -> Vec<Vec<String>> {
        synonyms
            .expand(&analyze(query))
            .into_iter()
            .flat_map(|clause| clause.alternatives)
            .map(|phrase| phrase.terms().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn builtin_list_parses() {
        assert!(Synonyms::parse(BUILTIN).is_ok());
        assert!(Synonyms::builtin().len() > 20);
    }

    #[test]
    fn acronym_expands_to_long_form_and_back() {
        let synonyms = Synonyms::builtin();
        let long = analyze("responsable de la sécurité des systèmes d'information");
        assert!(alternatives(&synonyms, "RSSI").contains(&long));
        let clauses = synonyms.expand(&long);
        assert_eq!(clauses.len(), 1);
        assert_eq!(clauses[0].span, long.len());
        assert!(
            alternatives(
                &synonyms,
                "responsable de la sécurité des systèmes d’information"
            )
            .contains(&vec!["rssi".to_owned()])
        );
    }

    #[test]
    fn phrases_keep_the_gaps_of_stop_words() {
        let synonyms = Synonyms::builtin();
        let clauses = synonyms.expand(&analyze("MOA"));
        let long = clauses[0]
            .alternatives
            .iter()
            .find(|p| !p.is_single_term())
            .map(|p| p.terms_with_offsets().to_vec());
        assert_eq!(
            long,
            Some(vec![(0, "maitris".to_owned()), (1, "ouvrag".to_owned())])
        );
    }

    #[test]
    fn plain_words_stay_alone_and_spans_add_up() {
        let synonyms = Synonyms::builtin();
        let terms = analyze("développeuse data à Lyon");
        let clauses = synonyms.expand(&terms);
        assert_eq!(clauses.iter().map(|c| c.span).sum::<usize>(), terms.len());
        let lyon = clauses.last().map(|c| c.alternatives.len());
        assert_eq!(lyon, Some(1));
        assert!(alternatives(&synonyms, "data").contains(&analyze("données")));
        assert!(alternatives(&synonyms, "données").contains(&vec!["data".to_owned()]));
    }

    #[test]
    fn administrator_file_extends_the_builtin_list() {
        let extra = "# Nos sigles\nDINUM | direction interministérielle du numérique # commentaire\nC#, csharp\n";
        let synonyms = Synonyms::with_extra(extra).expect("valid file");
        assert_eq!(synonyms.len(), Synonyms::builtin().len() + 2);
        assert!(
            alternatives(&synonyms, "dinum")
                .contains(&analyze("direction interministérielle du numérique"))
        );
    }

    #[test]
    fn errors_name_the_line_in_french() {
        let error = Synonyms::parse("rssi, sécurité\n\nseul\n").map(|s| s.len());
        assert_eq!(error, Err(SynonymError::SingleExpression { line: 3 }));
        let message = Synonyms::parse("rh, ressources humaines\nx,,y")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("ligne 2 : expression vide entre deux séparateurs")
        );
        let message = Synonyms::parse("le la, article")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("ligne 1 : « le la » ne contient aucun mot recherchable")
        );
    }
}
