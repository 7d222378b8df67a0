//! The real binary, as an operator runs it: start, serve pages, stop on SIGTERM.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Server, sqlite_url, vivier};
use vivier::probe;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_binary_serves_a_page() {
    let directory = tempfile::tempdir().unwrap();
    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", sqlite_url(directory.path(), "vivier.db"))
        .env("VIVIER_SEED_DEMO", "true")
        .env("VIVIER_LOG", "warn");
    let mut server = Server::start(command);
    assert_eq!(server.url.host_str(), Some("127.0.0.1"));
    assert_ne!(server.url.port(), Some(0), "the real port is printed");

    let health = probe::get(&server.at("/healthz")).await.unwrap();
    assert_eq!(health.status, 200, "GET /healthz: {}", health.body);

    let listing = probe::get(&server.at("/offres-emploi")).await.unwrap();
    assert_eq!(listing.status, 200, "GET /offres-emploi");
    assert!(
        listing.body.contains("<html lang=\"fr\""),
        "the listing is a French page: {}",
        &listing.body[..listing.body.len().min(500)]
    );

    server.terminate();
    let status = server
        .wait_exit(Duration::from_secs(10))
        .expect("vivier stops within 10 s of SIGTERM");
    assert!(status.success(), "exit status after SIGTERM: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taken_port_is_reported_in_french() {
    let directory = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = vivier()
        .args([
            "serve",
            "--listen",
            &address,
            "--seed-demo-if-empty",
            "false",
        ])
        .env("DATABASE_URL", sqlite_url(directory.path(), "vivier.db"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("l'adresse {address} est déjà utilisée")),
        "{stderr}"
    );
}
