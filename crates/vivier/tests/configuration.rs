//! What operators configure, and what Vivier refuses rather than guess.

#![allow(clippy::unwrap_used)]

mod common;

use common::{files_in, run_in, vivier};
use vivier::config::usage_error_in_french;
use vivier::database::open_store;
use vivier::{Cli, Error};
use vivier_store::DatabaseUrl;

#[test]
fn malformed_database_url_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    // Common slips: one slash too few, a MySQL habit, a bare file name.
    for url in [
        "sqlite:vivier.db",
        "mysql://root@localhost/vivier",
        "vivier.db",
    ] {
        let output = run_in(directory.path(), url, &["migrate"]);
        assert_eq!(output.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("DATABASE_URL invalide"), "{url}: {stderr}");
        assert!(
            files_in(directory.path()).is_empty(),
            "{url}: no file is created"
        );
    }

    let error =
        Cli::try_parse_args(["vivier", "--database-url", "sqlite:vivier.db", "serve"]).unwrap_err();
    assert!(usage_error_in_french(&error).contains("DATABASE_URL invalide"));
}

#[tokio::test]
async fn missing_directory_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let missing = directory.path().join("absent");
    let url = format!("sqlite://{}/vivier.db", missing.display());

    let error = open_store(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::MissingDirectory(d) if d == &missing),
        "{error}"
    );
    assert!(error.to_string().contains(&missing.display().to_string()));

    let output = run_in(directory.path(), &url, &["migrate"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("le dossier « {} »", missing.display())),
        "{stderr}"
    );
    assert!(stderr.contains("n'existe pas"), "{stderr}");
    assert!(!missing.exists());
    assert!(files_in(directory.path()).is_empty(), "no file is created");
}

#[test]
fn first_start_creates_the_default_database() {
    let directory = tempfile::tempdir().unwrap();
    let output = vivier()
        .current_dir(directory.path())
        .arg("migrate")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(directory.path().join("data/vivier.db").is_file());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("SQLite (data/vivier.db)"), "{stdout}");
}

#[test]
fn a_host_name_is_not_a_listen_address() {
    let directory = tempfile::tempdir().unwrap();
    let output = vivier()
        .current_dir(directory.path())
        .env("VIVIER_LISTEN", "localhost:8080")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("adresse d'écoute invalide « localhost:8080 »"),
        "{stderr}"
    );
    assert!(files_in(directory.path()).is_empty());
}
