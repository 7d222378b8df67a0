//! `vivier bench applications`, shortened: the recruiter's list and "Mon espace" measured
//! against the real binary, signed in, with figures and targets reported.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use vivier::bench::applications::{ApplicationsBenchArgs, bench_applications};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_applications_measures_the_signed_in_pages() {
    if vivier::bench::wrk::locate().is_err() {
        eprintln!(
            "wrk is not installed: bench_applications_measures_the_signed_in_pages NOT RUN \
             (apt-get install wrk)"
        );
        return;
    }
    let args = ApplicationsBenchArgs {
        offers: 200,
        applications: 30,
        mine: 5,
        duration_secs: 1,
        connections: 2,
        rounds: 1,
        json: false,
    };
    let report = bench_applications(&args, Path::new(env!("CARGO_BIN_EXE_vivier")))
        .await
        .unwrap();

    let paths: Vec<&str> = report.pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths[0].ends_with("/candidatures"), "{paths:?}");
    assert!(
        paths[1].contains("?statut=nouvelle&statut=examen&page=10"),
        "{paths:?}"
    );
    assert_eq!(paths[2], "/espace-candidat");
    for page in &report.pages {
        // Each page answered 200 with its session before wrk ran (or the run failed), and
        // every request wrk sent succeeded.
        assert!(page.requests > 0, "{} was measured", page.path);
        assert_eq!(page.errors, 0, "{page:?}");
        assert!(page.p99_ms >= page.p50_ms, "{page:?}");
    }
    assert!(report.peak_rss_bytes.is_some_and(|b| b > 1_000_000));

    let table = report.to_string();
    for expected in ["Mon espace", "p99", "Objectifs", "50 ms", "30 ms"] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["targets"].as_array().unwrap().len(), 6);
}
