//! `vivier import`, as an operator runs it: a file or an address, a summary, a report, exit
//! codes, and the imported offers served with their origin.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::{Server, run_in, sqlite_url, vivier};
use vivier::probe;

const HEADER: &str = "Référence;Intitulé du poste;Organisme de rattachement;Employeur;\
Nature de l'emploi;Télétravail;Compétences attendues;Localisation du poste;\
Date de première publication;Date de fin de publication par défaut";

fn csp_file(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

fn row(reference: &str, title: &str) -> String {
    format!(
        "{reference};{title};Ministère de l'Intérieur;Direction du numérique;\
         Emploi ouvert aux contractuels;Oui;\"Rust\nPostgreSQL\";Lyon (69);05/11/2026;31/12/2099"
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// The count on the summary line labelled `label`.
fn count(stdout: &str, label: &str) -> u64 {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no « {label} » line in:\n{stdout}"));
    line[line.find(label).unwrap() + label.len()..]
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

fn write(directory: &Path, name: &str, content: &str) -> String {
    let path = directory.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Serves `body` at `/offres.csv` on a free loopback port, for the test's duration.
async fn serve_file(body: String) -> std::net::SocketAddr {
    let app = axum::Router::new().route(
        "/offres.csv",
        axum::routing::get(move || async move { body }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csp_file_is_imported_reported_and_served_with_its_origin() {
    let directory = tempfile::tempdir().unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let rows = [
        row("2026-101", "Développeur ou développeuse Rust"),
        row("2026-102", "Jardinier"),
        // No title: rejected, with its line (the rows above span two lines each); the rows
        // after it still import.
        "2026-103;;Ministère de l'Intérieur;Direction;;;;Lyon (69);05/11/2026;".to_owned(),
        row(
            "2026-104",
            "Administrateur ou administratrice de bases de données",
        ),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let file = write(directory.path(), "offres.csv", &csp_file(&rows));
    let report = directory.path().join("rejets.csv");

    let output = run_in(
        directory.path(),
        &database,
        &["import", "csp", &file, "--report", report.to_str().unwrap()],
    );
    assert_success(&output);
    let stdout = text(&output.stdout);
    assert!(stdout.contains("Import terminé"), "{stdout}");
    assert_eq!(count(&stdout, "lignes lues"), 4, "{stdout}");
    // The row without a title is rejected before the digital rule can read it.
    assert_eq!(
        count(&stdout, "offres retenues (numériques)"),
        2,
        "{stdout}"
    );
    assert_eq!(count(&stdout, "créées"), 2, "{stdout}");
    assert_eq!(count(&stdout, "lignes rejetées"), 1, "{stdout}");
    let report = std::fs::read_to_string(&report).unwrap();
    assert_eq!(
        report,
        "ligne;référence;motif\n6;2026-103;l'intitulé du poste est vide\n"
    );
    // Not a terminal: progress goes to the log, never to stdout.
    assert!(!stdout.contains('%'), "{stdout}");

    // The same file again changes nothing.
    let again = run_in(directory.path(), &database, &["import", "csp", &file]);
    assert_success(&again);
    let stdout = text(&again.stdout);
    assert_eq!(count(&stdout, "créées"), 0, "{stdout}");
    assert_eq!(count(&stdout, "inchangées"), 2, "{stdout}");
    assert!(
        stdout.contains("6;2026-103;l'intitulé du poste est vide"),
        "without --report, the first rejections show: {stdout}"
    );

    // The imported offers are served, with their origin.
    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", &database)
        .env("VIVIER_SEED_DEMO", "false")
        .env("VIVIER_LOG", "warn");
    let server = Server::start(command);
    let list = probe::get(&server.at("/api/v1/offres?q=rust"))
        .await
        .unwrap();
    assert_eq!(list.status, 200, "{}", list.body);
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let offer = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["source_reference"] == "2026-101")
        .unwrap_or_else(|| panic!("the imported offer is listed: {}", list.body));
    assert_eq!(offer["source"], "csp");
    let slug = offer["slug"].as_str().unwrap();
    let detail = probe::get(&server.at(&format!("/api/v1/offres/{slug}")))
        .await
        .unwrap();
    assert_eq!(detail.status, 200, "{}", detail.body);
    let detail: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
    assert_eq!(detail["source"], "csp");
    assert_eq!(detail["source_reference"], "2026-101");
    server.terminate();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csp_file_is_downloaded_from_an_address() {
    let directory = tempfile::tempdir().unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let body = csp_file(&[&row("2026-201", "Cheffe de projet data")]);
    let address = serve_file(body).await;

    let url = format!("http://{address}/offres.csv");
    let directory_path = directory.path().to_owned();
    let database_url = database.clone();
    let output = tokio::task::spawn_blocking(move || {
        run_in(&directory_path, &database_url, &["import", "csp", &url])
    })
    .await
    .unwrap();
    assert_success(&output);
    assert_eq!(count(&text(&output.stdout), "créées"), 1);

    let missing = format!("http://{address}/absent.csv");
    let directory_path = directory.path().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        run_in(&directory_path, &database, &["import", "csp", &missing])
    })
    .await
    .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("refusé par le serveur : statut HTTP 404"),
        "{stderr}"
    );
}

#[test]
fn unreadable_or_unexpected_files_are_refused_with_a_clear_message() {
    let directory = tempfile::tempdir().unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let refused = |args: &[&str], expected: &str| {
        let output = run_in(directory.path(), &database, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    };
    refused(
        &["import", "csp", "absent.csv"],
        "impossible de lire « absent.csv » :",
    );
    let csp = write(directory.path(), "offres.csv", &csp_file(&[]));
    refused(
        &["import", "pep", &csp],
        "est un fichier de Choisir le service public : importez-le avec `vivier import csp`",
    );
    let other = write(directory.path(), "autre.csv", "nom;prénom\nDupont;Jean\n");
    refused(&["import", "csp", &other], "format de « ");
    // A given format whose columns are missing: the header is named.
    refused(
        &["import", "csp", &other, "--format", "csp"],
        "en-tête du fichier",
    );
    let rule = write(
        directory.path(),
        "regle.txt",
        "métier = Data\nsalaire = 3\n",
    );
    refused(
        &["import", "csp", &csp, "--digital-rule", &rule],
        "ligne 2 : type de ligne inconnu",
    );
    // The same header in Latin-1: « é » is one byte, not UTF-8.
    let latin1: Vec<u8> = HEADER.chars().map(|c| c as u8).collect();
    let latin1_path = directory.path().join("latin1.csv");
    std::fs::write(&latin1_path, latin1).unwrap();
    let latin1_path = latin1_path.to_str().unwrap();
    refused(&["import", "csp", latin1_path], "n'est pas encodé en UTF-8");
    refused(
        &["import", "csp", latin1_path, "--format", "csp"],
        "la ligne d'en-tête n'est pas en UTF-8 (le fichier est-il en Latin-1 ?",
    );
    let empty = write(directory.path(), "vide.csv", "");
    refused(
        &["import", "csp", &empty, "--format", "csp"],
        "fichier vide",
    );
}

#[test]
fn every_offer_is_kept_with_all() {
    let directory = tempfile::tempdir().unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let file = write(
        directory.path(),
        "offres.csv",
        &csp_file(&[
            &row("2026-301", "Jardinier"),
            &row("2026-302", "Développeur"),
        ]),
    );
    let output = run_in(
        directory.path(),
        &database,
        &["import", "csp", &file, "--all"],
    );
    assert_success(&output);
    let stdout = text(&output.stdout);
    assert_eq!(count(&stdout, "offres retenues (toutes)"), 2, "{stdout}");
    assert_eq!(count(&stdout, "créées"), 2, "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_imports_the_configured_file_on_schedule() {
    let directory = tempfile::tempdir().unwrap();
    let database = sqlite_url(directory.path(), "vivier.db");
    let body = csp_file(&[&row("2026-401", "Architecte cloud")]);
    let address = serve_file(body).await;

    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", &database)
        .env("VIVIER_SEED_DEMO", "false")
        .env(
            "VIVIER_CSP_IMPORT_URL",
            format!("http://{address}/offres.csv"),
        )
        .env("VIVIER_REFRESH_INTERVAL_MS", "100")
        .env("VIVIER_LOG", "warn");
    let server = Server::start(command);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let list = probe::get(&server.at("/api/v1/offres?q=architecte"))
            .await
            .unwrap();
        assert_eq!(list.status, 200, "{}", list.body);
        if list.body.contains("\"source_reference\":\"2026-401\"") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the scheduled import did not show within 30 s: {}",
            list.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    server.terminate();
}

#[test]
fn the_pep_exports_are_recognised_and_imported() {
    let exports = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/place-emploi-public-exports");
    if !exports.is_dir() {
        println!("shared data absent: test skipped");
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    // One database each: both are complete exports of the same source, so the second would
    // close the offers of the first.
    for (file, rows) in [
        ("talentsoft-raw-export-sample.csv", 50),
        ("pep2pe-export-2021-04-16.psv", 606),
    ] {
        let database = sqlite_url(directory.path(), &format!("{file}.db"));
        let path = exports.join(file);
        let output = run_in(
            directory.path(),
            &database,
            &["import", "pep", path.to_str().unwrap(), "--all"],
        );
        assert_success(&output);
        let stdout = text(&output.stdout);
        assert_eq!(count(&stdout, "lignes lues"), rows, "{file}: {stdout}");
        assert!(count(&stdout, "créées") > rows / 2, "{file}: {stdout}");
    }
    // A PEP export is not a CSP file.
    let talentsoft = exports.join("talentsoft-raw-export-sample.csv");
    let output = run_in(
        directory.path(),
        &sqlite_url(directory.path(), "vivier.db"),
        &["import", "csp", talentsoft.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("est un export TalentSoft de Place de l'emploi public"),
        "{}",
        text(&output.stderr)
    );
}
