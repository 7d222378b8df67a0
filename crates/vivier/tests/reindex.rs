//! `vivier reindex` and the administrator's synonyms file (`VIVIER_SYNONYMS`), as an operator
//! uses them with the real binary.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Server, run_in, sqlite_url, vivier};
use vivier::probe;

fn total(body: &str) -> u64 {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    json["total"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_synonyms_apply_to_searches_and_reindex_reports() {
    let directory = tempfile::tempdir().unwrap();
    let synonyms = directory.path().join("synonymes.txt");
    std::fs::write(
        &synonyms,
        "# Ajouts du ministère\nmaréchaussée, gendarmerie\n",
    )
    .unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", &database)
        .env("VIVIER_SEED_DEMO", "true")
        .env("VIVIER_SYNONYMS", &synonyms)
        .env("VIVIER_LOG", "warn");
    let mut server = Server::start(command);
    let search = |q: &str| server.at(&format!("/api/v1/offres?q={q}"));
    let gendarmerie = probe::get(&search("gendarmerie")).await.unwrap();
    let marechaussee = probe::get(&search("mar%C3%A9chauss%C3%A9e")).await.unwrap();
    assert_eq!(marechaussee.status, 200, "{}", marechaussee.body);
    assert!(
        total(&gendarmerie.body) > 0,
        "the demo has Gendarmerie offers"
    );
    assert_eq!(total(&marechaussee.body), total(&gendarmerie.body));

    let output = vivier()
        .current_dir(directory.path())
        .env("DATABASE_URL", &database)
        .env("VIVIER_SYNONYMS", &synonyms)
        .arg("reindex")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Index de recherche reconstruit depuis"),
        "{stdout}"
    );
    assert!(stdout.contains("offres publiques"), "{stdout}");
    assert!(stdout.contains("Demande de réindexation n°"), "{stdout}");
    // The running node applies the request and keeps answering the same.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let again = probe::get(&search("mar%C3%A9chauss%C3%A9e")).await.unwrap();
    assert_eq!(total(&again.body), total(&marechaussee.body));

    server.terminate();
    assert!(server.wait_exit(Duration::from_secs(10)).is_some());
}

#[test]
fn a_mistake_in_the_synonyms_file_is_reported_with_its_line() {
    let directory = tempfile::tempdir().unwrap();
    let synonyms = directory.path().join("synonymes.txt");
    std::fs::write(&synonyms, "rssi, chef de la sécurité\ndata, , données\n").unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    for args in [&["reindex"][..], &["serve", "--listen", "127.0.0.1:0"]] {
        let output = vivier()
            .current_dir(directory.path())
            .env("DATABASE_URL", &database)
            .env("VIVIER_SYNONYMS", &synonyms)
            .env("VIVIER_SEED_DEMO", "false")
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("synonymes.txt"), "{stderr}");
        assert!(stderr.contains("ligne 2"), "{stderr}");
    }
    let missing = run_in(
        directory.path(),
        &database,
        &["reindex", "--synonyms", "absent.txt"],
    );
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("impossible de lire le fichier de synonymes « absent.txt »"),
        "{stderr}"
    );
}
