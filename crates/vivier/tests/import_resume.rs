//! A run killed midway leaves whole batches behind, and running it again completes it: no
//! offer lost, none twice.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs::File;
use std::io::BufWriter;
use std::time::{Duration, Instant};

use common::{run_in, sqlite_url, vivier};
use vivier::bench::import::synthetic;
use vivier_store::Store;
use vivier_store::import::RunStatus;
use vivier_store_sqlite::SqliteStore;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_import_is_completed_by_the_next_run() {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("offres.csv");
    let written =
        synthetic::write_csp(BufWriter::new(File::create(&file).unwrap()), 20_000, 3).unwrap();
    let expected = written.rows - written.bad - written.duplicates;
    let database = directory.path().join("vivier.db");
    let url = sqlite_url(directory.path(), "vivier.db");
    let file = file.to_str().unwrap();

    let mut child = vivier()
        .current_dir(directory.path())
        .env("DATABASE_URL", &url)
        .env("VIVIER_LOG", "warn")
        .args(["import", "csp", file, "--all"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once its first batch is written.
    let deadline = Instant::now() + Duration::from_secs(60);
    let written_before_kill = loop {
        assert!(Instant::now() < deadline, "no batch written within 60 s");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        if database.exists()
            && let Ok(store) = SqliteStore::open(&database).await
            && let Ok(count) = store.count_offers().await
            && count > 0
        {
            child.kill().unwrap();
            child.wait().unwrap();
            break SqliteStore::open(&database)
                .await
                .unwrap()
                .count_offers()
                .await
                .unwrap() as u64;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(written_before_kill < expected, "{written_before_kill}");
    assert_eq!(
        written_before_kill % 500,
        0,
        "only whole batches are written: {written_before_kill}"
    );

    let output = run_in(directory.path(), &url, &["import", "csp", file, "--all"]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let store = SqliteStore::open(&database).await.unwrap();
    assert_eq!(
        store.count_offers().await.unwrap() as u64,
        expected,
        "{stdout}"
    );
    let created = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("créées"))
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    assert_eq!(
        created.parse::<u64>().unwrap(),
        expected - written_before_kill,
        "{stdout}"
    );
    let runs = store.import_runs(10).await.unwrap();
    let statuses: Vec<RunStatus> = runs.iter().map(|r| r.outcome.status).collect();
    assert_eq!(statuses, [RunStatus::Completed, RunStatus::Running]);
}
