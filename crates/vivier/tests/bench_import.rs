//! `vivier bench import`, shortened: a generated file, each step in its own child process of
//! the real binary, the figures consistent with what the generator wrote. PostgreSQL takes
//! part when `VIVIER_TEST_POSTGRES` names a server.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use vivier::bench::import::{ImportBenchArgs, Step, bench_import};
use vivier_store_postgres::testing::TEST_SERVER_VARIABLE;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_import_measures_every_step() {
    let postgres = std::env::var(TEST_SERVER_VARIABLE).ok();
    let args = ImportBenchArgs {
        rows: 3_000,
        seed: 7,
        file: None,
        postgres_url: postgres.clone().unwrap_or_default(),
        no_postgres: postgres.is_none(),
        json: false,
        step: None,
    };
    let report = bench_import(&args, "warn", Path::new(env!("CARGO_BIN_EXE_vivier")))
        .await
        .unwrap();

    let synthetic = report.synthetic.unwrap();
    assert_eq!(synthetic.rows, 3_000);
    assert_eq!(synthetic.bytes, report.bytes);
    let steps: Vec<Step> = report.steps.iter().map(|s| s.step).collect();
    if postgres.is_some() {
        assert_eq!(steps, [Step::Parse, Step::Sqlite, Step::Postgres]);
    } else {
        assert_eq!(steps, [Step::Parse, Step::Sqlite]);
        assert_eq!(report.skipped[0].step, Step::Postgres);
    }

    let parse = &report.steps[0];
    let scan = parse.scan.unwrap();
    assert_eq!(scan.read, synthetic.rows);
    assert_eq!(scan.rejected, synthetic.bad);
    assert!(parse.parse_secs.unwrap() > 0.0);
    assert!(parse.peak_rss_bytes.unwrap() > 1_000_000);

    for store in &report.steps[1..] {
        let (first, second) = (store.first.unwrap(), store.second.unwrap());
        assert_eq!(first.read, synthetic.rows, "{store:?}");
        assert_eq!(first.kept, scan.kept, "{store:?}");
        assert!(first.created > 0, "{store:?}");
        // The same file again: every offer is unchanged, nothing written.
        assert_eq!(second.unchanged, first.created, "{store:?}");
        assert_eq!(
            (second.created, second.updated, second.closed),
            (0, 0, 0),
            "{store:?}"
        );
        assert_eq!(second.rejected, first.rejected, "{store:?}");
        assert!(store.setup_secs.unwrap() > 0.0, "{store:?}");
        assert!(store.peak_rss_bytes.is_some(), "{store:?}");
    }

    // One throughput target, then three per store.
    assert_eq!(report.targets.len(), 2 + 3 * (report.steps.len() - 1));
    let text = report.to_string();
    assert!(text.contains("Objectifs"), "{text}");
    assert!(text.contains("SQLite, 2e import"), "{text}");
}
