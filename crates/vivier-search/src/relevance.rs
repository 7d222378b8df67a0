//! The team's relevance test set (`tests/relevance/`, described in its `README.md`): 98 test
//! offers, French queries with graded judgements, and nDCG@10.
//!
//! It is embedded in the library so that one implementation serves the gate on Vivier's own
//! index (`tests/relevance.rs`) and `vivier bench search`, which scores the baselines (SQLite
//! FTS5, PostgreSQL) on the same offers and queries: an engine is a ranking function, given the
//! query and its [`Mode`], returning offer numbers (indexes into [`RelevanceSet::offers`]),
//! best first.

use std::collections::HashMap;

use serde::Deserialize;

use crate::index::OfferDocument;
use crate::query::Mode;

/// How many results nDCG looks at.
pub const K: usize = 10;

/// One test offer, as written in `offers.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct RelevanceOffer {
    /// Unique, stable key, used by the judgements.
    pub key: String,
    pub title: String,
    pub organisation: String,
    pub organisation_acronym: Option<String>,
    pub ministry: String,
    pub job_family: String,
    #[serde(default)]
    pub domains: Vec<String>,
    pub commune: String,
    pub department: String,
    pub region: String,
    /// `mission`, `profile`, and optionally `context`, `activities`, `benefits`.
    pub sections: HashMap<String, String>,
    #[serde(default)]
    pub skills: Vec<String>,
}

impl RelevanceOffer {
    /// The offer flattened into the fields the engines index, with `id` as its id.
    pub fn document(&self, id: u64) -> OfferDocument {
        let mut body: Vec<&str> = self.sections.values().map(String::as_str).collect();
        // Map order is random: sort, so that every run indexes the same text.
        body.sort_unstable();
        let skills = self.skills.join(", ");
        OfferDocument {
            id,
            title: self.title.clone(),
            body: format!("{}\n{skills}", body.join("\n")),
            organisation: format!(
                "{} {} {}",
                self.organisation,
                self.organisation_acronym.as_deref().unwrap_or_default(),
                self.ministry
            ),
            family: format!("{} {}", self.job_family, self.domains.join(" ")),
            places: format!("{} {} {}", self.commune, self.department, self.region),
        }
    }
}

/// One query and what a recruiter judged relevant, as written in `queries.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Judgement {
    /// The text exactly as typed.
    pub query: String,
    /// What the query tests, in words.
    pub intent: String,
    /// Tags of the phenomena it covers (`prefix`, `typo`, `acronym-synonym`…).
    #[serde(default)]
    pub phenomena: Vec<String>,
    /// Offer key → grade (1 to 3); absent offers are not relevant.
    pub relevant: HashMap<String, u8>,
}

impl Judgement {
    /// How the query is run: prefix queries are typed in the search box, not submitted.
    pub fn mode(&self) -> Mode {
        if self.phenomena.iter().any(|p| p == "prefix") {
            Mode::AsYouType
        } else {
            Mode::Words
        }
    }

    /// Whether the query has judgements (those without only check that nothing fails and are
    /// left out of the mean).
    pub fn is_judged(&self) -> bool {
        !self.relevant.is_empty()
    }
}

/// The offers and the queries of the set.
#[derive(Debug, Clone)]
pub struct RelevanceSet {
    pub offers: Vec<RelevanceOffer>,
    pub queries: Vec<Judgement>,
}

/// An engine's score on the set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Mean nDCG@10 over the judged queries.
    pub ndcg: f64,
    /// How many queries were judged.
    pub judged: usize,
    /// Each judged query with its nDCG@10, in the set's order.
    pub per_query: Vec<(String, f64)>,
}

impl RelevanceSet {
    /// The set as compiled into the library.
    pub fn builtin() -> Self {
        // The files are part of the source; `tests/relevance.rs` checks they parse and agree.
        Self {
            offers: serde_json::from_str(include_str!("../tests/relevance/offers.json"))
                .expect("tests/relevance/offers.json is valid"),
            queries: serde_json::from_str(include_str!("../tests/relevance/queries.json"))
                .expect("tests/relevance/queries.json is valid"),
        }
    }

    /// The offers as documents, their ids being their positions in [`Self::offers`].
    pub fn documents(&self) -> impl ExactSizeIterator<Item = OfferDocument> + '_ {
        self.offers
            .iter()
            .enumerate()
            .map(|(i, offer)| offer.document(i as u64))
    }

    /// Runs every query through `rank` (query text and mode → offer ids, best first) and
    /// scores the rankings. Unjudged queries run too (they must not fail) but are not scored.
    pub fn evaluate<E>(
        &self,
        mut rank: impl FnMut(&str, Mode) -> Result<Vec<u64>, E>,
    ) -> Result<Evaluation, E> {
        let mut per_query = Vec::new();
        for judgement in &self.queries {
            let ranking = rank(&judgement.query, judgement.mode())?;
            if !judgement.is_judged() {
                continue;
            }
            let keys: Vec<&str> = ranking
                .iter()
                .filter_map(|&id| usize::try_from(id).ok())
                .filter_map(|i| self.offers.get(i))
                .map(|offer| offer.key.as_str())
                .collect();
            per_query.push((judgement.query.clone(), ndcg(&keys, &judgement.relevant, K)));
        }
        let judged = per_query.len();
        let total: f64 = per_query.iter().map(|(_, score)| score).sum();
        Ok(Evaluation {
            ndcg: if judged == 0 {
                0.0
            } else {
                total / judged as f64
            },
            judged,
            per_query,
        })
    }
}

/// Discounted cumulative gain of the first `k` grades (gain `2^grade − 1`).
fn dcg(grades: impl Iterator<Item = u8>, k: usize) -> f64 {
    grades
        .take(k)
        .enumerate()
        .map(|(i, g)| (2f64.powi(i32::from(g)) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

/// nDCG@k of a ranking (offer keys, best first) against graded judgements; 1 when nothing is
/// relevant.
pub fn ndcg(ranking: &[&str], relevant: &HashMap<String, u8>, k: usize) -> f64 {
    let mut ideal: Vec<u8> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(ideal.into_iter(), k);
    if best == 0.0 {
        return 1.0;
    }
    dcg(
        ranking
            .iter()
            .map(|key| relevant.get(*key).copied().unwrap_or(0)),
        k,
    ) / best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideal_ranking_scores_one_and_misses_score_zero() {
        let relevant: HashMap<String, u8> = [("a".to_owned(), 3), ("b".to_owned(), 1)].into();
        assert!((ndcg(&["a", "b"], &relevant, K) - 1.0).abs() < 1e-12);
        assert_eq!(ndcg(&["x", "y"], &relevant, K), 0.0);
        let swapped = ndcg(&["b", "a"], &relevant, K);
        assert!(swapped > 0.0 && swapped < 1.0, "{swapped}");
    }

    #[test]
    fn a_perfect_engine_scores_one() {
        let set = RelevanceSet::builtin();
        let evaluation = set
            .evaluate(|query, _| {
                let judgement = set.queries.iter().find(|j| j.query == query);
                let mut graded: Vec<(u8, u64)> = set
                    .offers
                    .iter()
                    .enumerate()
                    .filter_map(|(i, o)| {
                        let grade = judgement?.relevant.get(&o.key)?;
                        Some((*grade, i as u64))
                    })
                    .collect();
                graded.sort_by(|a, b| b.cmp(a));
                Ok::<_, ()>(graded.into_iter().map(|(_, i)| i).collect())
            })
            .unwrap_or_else(|()| unreachable!());
        assert!((evaluation.ndcg - 1.0).abs() < 1e-9, "{}", evaluation.ndcg);
        assert!(evaluation.judged >= 40);
    }
}
