//! `vivier bench search`, shortened: every engine measured in its own child process against
//! the real binary, figures and targets reported; and Vivier ranks better than both baselines
//! on the relevance set. PostgreSQL takes part when `VIVIER_TEST_POSTGRES` names a server.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use vivier::bench::search::{bench_search, fts5_relevance, postgres_relevance, vivier_relevance};
use vivier::config::SearchBenchArgs;
use vivier_store_postgres::testing::TEST_SERVER_VARIABLE;

fn test_postgres() -> Option<String> {
    let url = std::env::var(TEST_SERVER_VARIABLE).ok();
    if url.is_none() {
        eprintln!("{TEST_SERVER_VARIABLE} is not set: PostgreSQL left out of bench search tests");
    }
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_search_measures_every_engine() {
    let postgres = test_postgres();
    let args = SearchBenchArgs {
        offers: 2_000,
        rounds: 1,
        threads: 2,
        duration_secs: 1,
        no_postgres: postgres.is_none(),
        postgres_url: postgres.clone().unwrap_or_default(),
        ..SearchBenchArgs::default()
    };
    let report = bench_search(&args, "warn", Path::new(env!("CARGO_BIN_EXE_vivier")))
        .await
        .unwrap();

    let engines: Vec<&str> = report.engines.iter().map(|e| e.engine.as_str()).collect();
    if postgres.is_some() {
        assert_eq!(engines, ["vivier", "fts5", "postgres"]);
    } else {
        assert_eq!(engines, ["vivier", "fts5"]);
        assert_eq!(report.skipped[0].engine, "postgres");
    }
    // Drafts are not public: a few of the generated offers are left out.
    assert!(report.offers > 1_900, "{}", report.offers);
    assert!(report.active_offers > 0 && report.active_offers <= report.offers);
    assert!(report.queries >= 40);
    for engine in &report.engines {
        assert_eq!(engine.offers, report.offers, "{engine:?}");
        assert!(engine.build_secs > 0.0, "{engine:?}");
        assert!(engine.index_bytes > 10_000, "{engine:?}");
        assert_eq!(engine.samples, report.queries, "{engine:?}");
        assert!(
            engine.p50_ms > 0.0 && engine.p99_ms >= engine.p50_ms,
            "{engine:?}"
        );
        assert!(engine.queries_per_sec > 0.0, "{engine:?}");
        assert!(engine.mean_matches > 1.0, "{engine:?}");
        assert!(engine.rss_growth_bytes.is_some(), "{engine:?}");
        assert!(
            engine.ndcg_at_10 > 0.3 && engine.ndcg_at_10 <= 1.0,
            "{engine:?}"
        );
        assert!(engine.judged_queries >= 40, "{engine:?}");
    }
    if let Some(postgres) = report.engines.get(2) {
        assert!(
            postgres
                .server_peak_rss_bytes
                .is_some_and(|b| b > 1_000_000)
        );
    }

    let table = report.to_string();
    for expected in [
        "Vivier (tantivy)",
        "FTS5",
        "construction",
        "p99",
        "nDCG@10",
        "Objectifs",
    ] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["targets"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn vivier_ranks_better_than_both_baselines() {
    let vivier = vivier_relevance().unwrap();
    let fts5 = fts5_relevance().await.unwrap();
    assert_eq!(fts5.judged, vivier.judged);
    assert!(
        vivier.ndcg > fts5.ndcg,
        "Vivier {:.4}, SQLite FTS5 {:.4}",
        vivier.ndcg,
        fts5.ndcg
    );
    if let Some(url) = test_postgres() {
        let postgres = postgres_relevance(&url).await.unwrap();
        assert_eq!(postgres.judged, vivier.judged);
        assert!(
            vivier.ndcg > postgres.ndcg,
            "Vivier {:.4}, PostgreSQL {:.4}",
            vivier.ndcg,
            postgres.ndcg
        );
    }
}
