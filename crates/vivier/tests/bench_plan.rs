//! `vivier bench plan`, shortened: a few cases measured in children of the real binary, their
//! outputs validated, their figures and targets reported.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use vivier::bench::plan::cases::Outcome;
use vivier::bench::plan::{Case, PlanBenchArgs, bench_plan};
use vivier_plan::dating::Method;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_plan_measures_each_case_in_a_child_beside_its_baseline_and_bounds() {
    let args = PlanBenchArgs {
        seed: 3,
        editions: 3,
        runs: 1,
        only: vec![
            Case::Pairs2020,
            Case::DatingMediumFull,
            Case::DatingBalanced,
        ],
        json: false,
        case: None,
    };
    let report = bench_plan(&args, "warn", Path::new(env!("CARGO_BIN_EXE_vivier")))
        .await
        .unwrap();

    let cases: Vec<Case> = report.cases.iter().map(|c| c.case).collect();
    assert_eq!(
        cases,
        [
            Case::Pairs2020,
            Case::DatingMediumFull,
            Case::DatingBalanced
        ]
    );
    for case in &report.cases {
        assert!(case.engine_ms > 0.0, "{case:?}");
        // Each child reports its own peak, which holds at least its instance.
        let peak = case.peak_rss_bytes.unwrap();
        assert!(peak >= case.instance_rss_bytes.unwrap() && peak > 1_000_000);
    }

    let Outcome::Pairs(pairs) = &report.cases[0].outcome else {
        panic!("{:?}", report.cases[0]);
    };
    assert_eq!(pairs.editions, 3);
    assert_eq!(pairs.editions_at_max, 3);
    assert_eq!(pairs.engine.students, 180);
    assert_eq!(pairs.engine.placed, pairs.engine.max_placeable);
    assert!(pairs.baseline.placed <= pairs.engine.placed);
    assert_eq!(
        pairs.engine.by_rank.iter().sum::<u64>(),
        pairs.engine.placed
    );
    assert_eq!((pairs.engine.violations, pairs.baseline.violations), (0, 0));
    // Every student placed by the baseline and not by the engine, or placed worse, is counted.
    assert!(pairs.better_off + pairs.worse_off > 0);

    let Outcome::Dating(full) = &report.cases[1].outcome else {
        panic!("{:?}", report.cases[1]);
    };
    assert_eq!(full.engine.method, Method::Exact);
    assert_eq!(full.engine.meetings, full.engine.meetings_upper_bound);
    assert_eq!(full.engine.candidates, 5_000);
    assert_eq!(full.baseline.method, Method::SelfBooking);
    assert!(full.baseline.candidates_served <= full.engine.candidates_served);
    let Outcome::Dating(balanced) = &report.cases[2].outcome else {
        panic!("{:?}", report.cases[2]);
    };
    for d in [full, balanced] {
        assert_eq!((d.engine.violations, d.baseline.violations), (0, 0));
        assert!(d.engine.meetings_percent() >= 99.0, "{d:?}");
        assert!(d.engine.candidates_percent() >= 99.0, "{d:?}");
    }

    let table = report.to_string();
    for expected in [
        "binômes, échelle 2020",
        "premier arrivé, premier servi",
        "auto-réservation",
        "rencontres / borne",
        "mémoire max",
        "Objectifs",
    ] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
    // Quality targets hold whatever the machine; only the time targets may not in a debug build.
    for target in &report.targets {
        if !target.target.contains(" < ") {
            assert!(target.ok, "{target:?}");
        }
    }
}
