//! Spelling suggestions: "did you mean…" for the words of a query the index does not know.
//!
//! The index stores analysed terms (`administr`, `developpeur`), not words one could show, and
//! a typo can change a word's stem entirely. The [`Lexicon`] remembers the words of the short
//! fields (titles, organisations, job families, places: the words candidates search for, a
//! few thousand), folded (lower case, no accents), with their term and how they were written.
//! A query word whose term is in no offer is replaced by the closest known word (compared
//! folded, the most frequent term on ties), within one or two edits.

use std::collections::HashMap;
use std::sync::RwLock;

use vivier_domain::text::fold;

use crate::analysis::analyze_with_offsets;
use crate::synonyms::Synonyms;

/// Shortest term corrected: shorter ones are acronyms, where any letter may be meant.
const MIN_CORRECTED_CHARS: usize = 4;
/// From this length on, a correction may be two edits away (one below).
const TWO_EDITS_FROM_CHARS: usize = 7;

/// A known word: its term in the index, and how it was first written (lower-cased).
#[derive(Debug)]
struct Known {
    term: String,
    written: String,
}

/// Words of the indexed short fields, by their folded form.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    words: RwLock<HashMap<String, Known>>,
}

impl Lexicon {
    /// Learns the words of `text` (the first way a word was written wins).
    pub(crate) fn learn(&self, text: &str) {
        let terms = analyze_with_offsets(text);
        // A poisoned lock only means an earlier learner panicked: the map is still usable.
        let mut words = self.words.write().unwrap_or_else(|e| e.into_inner());
        for (range, term) in terms {
            if let Some(word) = text.get(range) {
                words.entry(fold(word)).or_insert_with(|| Known {
                    term,
                    written: word.to_lowercase(),
                });
            }
        }
    }

    /// `query` with each word whose term `frequency` says no offer has replaced by the closest
    /// known word; `None` when no word needs or finds a correction. Words that `synonyms`
    /// expand are left alone (they match through their synonyms).
    pub(crate) fn correct(
        &self,
        query: &str,
        synonyms: &Synonyms,
        frequency: impl Fn(&str) -> u64,
    ) -> Option<String> {
        let words = self.words.read().unwrap_or_else(|e| e.into_inner());
        let mut corrected = String::with_capacity(query.len());
        let mut at = 0;
        let mut changed = false;
        for (range, term) in analyze_with_offsets(query) {
            let Some(typed) = query.get(range.clone()).map(fold) else {
                continue;
            };
            let chars = typed.chars().count();
            if chars < MIN_CORRECTED_CHARS
                || range.start < at
                || frequency(&term) > 0
                || synonyms
                    .expand(std::slice::from_ref(&term))
                    .iter()
                    .any(|clause| clause.alternatives.len() > 1)
            {
                continue;
            }
            let limit = if chars >= TWO_EDITS_FROM_CHARS { 2 } else { 1 };
            let best = words
                .iter()
                .filter_map(|(folded, known)| {
                    let distance = edit_distance(&typed, folded, limit)?;
                    let frequency = frequency(&known.term);
                    (frequency > 0).then_some((distance, std::cmp::Reverse(frequency), known))
                })
                .min_by(|a, b| {
                    (a.0, a.1)
                        .cmp(&(b.0, b.1))
                        .then_with(|| a.2.written.cmp(&b.2.written))
                });
            if let (Some((_, _, known)), Some(before)) = (best, query.get(at..range.start)) {
                corrected.push_str(before);
                corrected.push_str(&known.written);
                at = range.end;
                changed = true;
            }
        }
        changed.then(|| {
            corrected.push_str(query.get(at..).unwrap_or_default());
            corrected
        })
    }
}

/// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
/// substitutions, transpositions of neighbours) when at most `limit`, else `None`.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows of the classic table: two back for transpositions.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        if current.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous.last().copied().filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let lexicon = Lexicon::default();
        for text in [
            "Administrateur systèmes et réseaux",
            "Développeur Kubernetes",
            "Cheffe de projet",
            "Direction interministérielle du numérique",
            "Lyon",
            "Ajaccio\nCorse-du-Sud\nCorse",
        ] {
            lexicon.learn(text);
        }
        lexicon
    }

    fn correct(query: &str) -> Option<String> {
        let lexicon = lexicon();
        let known: Vec<String> = lexicon
            .words
            .read()
            .unwrap()
            .values()
            .map(|k| k.term.clone())
            .collect();
        lexicon.correct(query, &Synonyms::builtin(), |term| {
            u64::from(known.iter().any(|k| k == term))
        })
    }

    #[test]
    fn unknown_words_get_the_closest_known_one() {
        assert_eq!(correct("administrateru").as_deref(), Some("administrateur"));
        assert_eq!(
            correct("kubernets à lion").as_deref(),
            Some("kubernetes à lyon")
        );
        assert_eq!(
            correct("devloppeur kubernetes").as_deref(),
            Some("développeur kubernetes")
        );
        // Two edits on a long word.
        assert_eq!(correct("adminsitratuer").as_deref(), Some("administrateur"));
        // A word whose term is known is left as typed, even if spelt unlike the offers.
        assert_eq!(correct("developeuse"), None);
        // Known words, short words and synonyms are left alone.
        assert_eq!(correct("cheffe de projet"), None);
        assert_eq!(correct("sre"), None);
        assert_eq!(correct("rssi"), None);
        // Nothing close enough.
        assert_eq!(correct("boulangerie"), None);
        assert_eq!(correct(""), None);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("abc", "abc", 2), Some(0));
        assert_eq!(edit_distance("abc", "acb", 2), Some(1));
        assert_eq!(edit_distance("abc", "xbcd", 2), Some(2));
        assert_eq!(edit_distance("abc", "xbcd", 1), None);
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("", "ab", 2), Some(2));
    }
}
