//! Unit tests of the HTTP benchmark: parsing wrk, targets, report.

#![allow(clippy::unwrap_used)]

use super::*;

fn run(rps: f64, p50_us: u64, p99_us: u64) -> WrkRun {
    WrkRun {
        requests: (rps * 5.0) as u64,
        requests_per_sec: rps,
        p50: Duration::from_micros(p50_us),
        p99: Duration::from_micros(p99_us),
        non_2xx: 0,
        socket_errors: 0,
    }
}

fn routes() -> Vec<Route> {
    vec![
        Route {
            name: "route statique",
            path: "/healthz".into(),
            min_ratio: None,
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "liste des offres",
            path: "/offres-emploi".into(),
            min_ratio: Some(LISTING_MIN_RATIO),
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "page d'offre",
            path: "/emploi/x".into(),
            min_ratio: Some(OFFER_PAGE_MIN_RATIO),
            min_rps: None,
            rotate: Vec::new(),
        },
    ]
}

#[test]
fn ratios_and_targets_follow_the_static_route() {
    let args = HttpBenchArgs::default();
    let report = report(
        &args,
        4,
        &routes(),
        vec![
            (
                200,
                vec![run(100_000.0, 200, 900), run(80_000.0, 300, 1_100)],
            ),
            (
                200,
                vec![run(60_000.0, 400, 2_000), run(40_000.0, 500, 3_000)],
            ),
            (
                404,
                vec![run(50_000.0, 400, 25_000), run(50_000.0, 400, 2_000)],
            ),
        ],
        Some(40_000_000),
    );
    assert_eq!(report.routes[0].requests_per_sec, 90_000.0);
    assert_eq!(report.routes[1].ratio_to_static, 0.5556);
    assert_eq!(report.routes[0].p50_ms, 0.25);
    assert_eq!(report.routes[2].p99_ms, 25.0);
    let failed = TargetCheck::missed(&report.targets);
    assert_eq!(
        failed,
        [
            "page d'offre : réponses 200, sans erreur",
            "page d'offre : débit ≥ 70 % de la route statique",
            "page d'offre : p99 ≤ 20 ms à 32 connexions",
        ]
    );
    assert!(!report.all_targets_met);
    let table = report.to_string();
    assert!(table.contains("/offres-emploi"), "{table}");
    assert!(table.contains("90 000"), "{table}");
    assert!(table.contains("3 objectif(s) non atteint(s)."), "{table}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["routes"][1]["path"], "/offres-emploi");
    assert_eq!(json["peak_rss_bytes"], 40_000_000);
}

#[test]
fn thousands_are_spaced() {
    assert_eq!(thousands(97_654.3), "97 654");
    assert_eq!(thousands(999.0), "999");
    assert_eq!(thousands(1_000_000.0), "1 000 000");
}

#[test]
fn reads_our_own_peak_memory() {
    let rss = server::peak_rss_bytes(std::process::id());
    if cfg!(target_os = "linux") {
        assert!(rss.unwrap() > 0);
    }
}
