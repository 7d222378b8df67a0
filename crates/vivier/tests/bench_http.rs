//! `vivier bench http`, shortened: every route measured against the real binary, figures and
//! targets reported.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use vivier::bench::http::bench_http;
use vivier::config::HttpBenchArgs;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_http_measures_every_route() {
    if vivier::bench::wrk::locate().is_err() {
        eprintln!(
            "wrk is not installed: bench_http_measures_every_route NOT RUN (apt-get install wrk)"
        );
        return;
    }
    let args = HttpBenchArgs {
        offers: 60,
        duration_secs: 1,
        connections: 4,
        threads: 1,
        rounds: 1,
        json: false,
    };
    let report = bench_http(&args, 0, Path::new(env!("CARGO_BIN_EXE_vivier")))
        .await
        .unwrap();

    let paths: Vec<&str> = report.routes.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths[0], "/healthz");
    assert_eq!(paths[1], "/offres-emploi");
    assert!(
        paths[2].starts_with("/offres-emploi?region=11&"),
        "{paths:?}"
    );
    assert!(paths[3].starts_with("/emploi/"), "{paths:?}");
    assert_eq!(paths[4], "/offres-emploi?q=…");
    for route in &report.routes {
        assert_eq!(route.status, 200, "{} answers 200", route.path);
        assert!(route.requests > 0, "{} was measured", route.path);
        assert!(route.p99_ms >= route.p50_ms, "{route:?}");
    }
    assert_eq!(report.routes[0].ratio_to_static, 1.0);
    assert!(report.peak_rss_bytes.is_some_and(|b| b > 1_000_000));

    let table = report.to_string();
    for expected in [
        "req/s",
        "ratio",
        "p50",
        "p99",
        "Objectifs",
        "mémoire résidente",
    ] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["routes"].as_array().unwrap().len(), 5);
    assert!(json["targets"].as_array().unwrap().len() >= 9);
}
