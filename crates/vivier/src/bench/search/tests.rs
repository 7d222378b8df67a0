//! Unit tests of the search benchmark: percentiles, SQL of the baselines, targets, report.

#![allow(clippy::unwrap_used)]

use super::timing::percentile;
use super::*;

#[test]
fn queries_split_into_words_and_phrases() {
    let parts = query_parts(r#"  "product owner" Lille !!! "chef de"#);
    let texts: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.phrase)).collect();
    assert_eq!(
        texts,
        [("product owner", true), ("Lille", false), ("chef de", true)]
    );
    assert!(query_parts("!!! ?").is_empty());
}

#[test]
fn percentiles_by_nearest_rank() {
    let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
    assert_eq!(percentile(&samples, 0.5), Duration::from_millis(50));
    assert_eq!(percentile(&samples, 0.99), Duration::from_millis(99));
    assert_eq!(percentile(&[], 0.99), Duration::ZERO);
}

#[test]
fn rows_make_a_ranked_page() {
    let outcome = outcome([
        ("page".to_owned(), Some("7".to_owned()), 1.0),
        ("page".to_owned(), Some("3".to_owned()), 2.0),
        ("page".to_owned(), Some("5".to_owned()), 1.0),
        ("total".to_owned(), None, 3.0),
        ("region".to_owned(), Some("11".to_owned()), 3.0),
    ]);
    assert_eq!(outcome.page, [3, 5, 7]);
    assert_eq!(outcome.total, 3);
    assert_eq!(outcome.facet_values, 1);
}

#[test]
fn targets_compare_vivier_with_every_baseline() {
    let engine = |name: &str, p99: f64, ndcg: f64| {
        EngineReport {
            engine: name.to_owned(),
            name: name.to_owned(),
            build_secs: 10.0,
            p99_ms: p99,
            ndcg_at_10: ndcg,
            ..EngineReport::measured(
                Timings::default(),
                0.0,
                Evaluation {
                    ndcg: 0.0,
                    judged: 0,
                    per_query: Vec::new(),
                },
            )
        }
        .with_memory(Some(10), Some(200_000_010))
    };
    let report = report(
        &SearchBenchArgs::default(),
        100,
        90,
        vec![
            engine("vivier", 6.0, 0.9),
            engine("fts5", 1.0, 0.5),
            engine("postgres", 1.0, 0.95),
        ],
        Vec::new(),
    );
    let failed = TargetCheck::missed(&report.targets);
    assert_eq!(
        failed,
        [
            "Vivier : p99 de la requête et des facettes ≤ 5 ms sur un fil",
            "Vivier : nDCG@10 supérieur à celui de postgres",
        ]
    );
    let table = report.to_string();
    assert!(table.contains("2 objectif(s) non atteint(s)."), "{table}");
    assert!(table.contains("200,0 Mo"), "{table}");
}
