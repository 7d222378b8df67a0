//! Accounts through the real binary: a candidate signs up over HTTP, the confirmation mail
//! arrives as a file (the development transport), its link activates the account, the
//! candidate signs in — and the server's logs, at debug level, hold neither the password nor
//! any token.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Server, sqlite_url, vivier};

const PASSWORD: &str = "phrase témoin jamais journalisée 7Xq";

/// Reads the value of a hidden field.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap() + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The `name=value` of each `Set-Cookie` of a response.
fn cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect()
}

fn form(fields: &[(&str, &str)]) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

/// Waits for the first `.eml` file in `directory`, and gives its text with quoted-printable
/// soft line breaks and `=3D` undone.
fn first_mail(directory: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = std::fs::read_dir(directory).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        });
        if let Some(entry) = found {
            let raw = std::fs::read_to_string(entry.path()).unwrap();
            return raw
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
        }
        assert!(Instant::now() < deadline, "no mail written in 30 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_signs_up_by_mail_and_no_secret_reaches_the_logs() {
    let directory = tempfile::tempdir().unwrap();
    let mails = directory.path().join("mails");
    let log_path = directory.path().join("server.log");
    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", sqlite_url(directory.path(), "vivier.db"))
        .env("VIVIER_SEED_DEMO", "false")
        .env("VIVIER_MAIL_DIR", &mails)
        .env("VIVIER_LOG", "debug")
        .stderr(std::fs::File::create(&log_path).unwrap());
    let mut server = Server::start(command);
    // Plain HTTP, but reqwest is built without a default TLS provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut jar: Vec<String> = Vec::new();
    let remember = |response: &reqwest::Response, jar: &mut Vec<String>| {
        for cookie in cookies(response) {
            let name = cookie.split('=').next().unwrap().to_owned();
            jar.retain(|c| !c.starts_with(&format!("{name}=")));
            if !cookie.ends_with('=') {
                jar.push(cookie);
            }
        }
    };
    let get = async |url: reqwest::Url, jar: &Vec<String>| {
        client
            .get(url)
            .header("cookie", jar.join("; "))
            .send()
            .await
            .unwrap()
    };
    let post = async |url: reqwest::Url, body: String, jar: &Vec<String>| {
        client
            .post(url)
            .header("cookie", jar.join("; "))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
    };

    let page = get(server.at("/inscription"), &jar).await;
    remember(&page, &mut jar);
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let sent = post(
        server.at("/inscription"),
        form(&[
            ("csrf", &csrf),
            ("profil", "candidat"),
            ("nom", "Dominique Témoin"),
            ("email", "dominique@exemple.fr"),
            ("mot_de_passe", PASSWORD),
        ]),
        &jar,
    )
    .await;
    assert_eq!(sent.status(), 200);

    let mail = first_mail(&mails);
    assert!(mail.contains("To: dominique@exemple.fr"), "{mail}");
    assert!(mail.contains("multipart/alternative"), "{mail}");
    let start = mail.find("jeton=").unwrap() + "jeton=".len();
    let token: String = mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(token.len(), 43, "{mail}");

    let mut link = server.at("/inscription/confirmation");
    link.query_pairs_mut().append_pair("jeton", &token);
    let page = get(link, &jar).await;
    assert_eq!(page.status(), 200);
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let confirmed = post(
        server.at("/inscription/confirmation"),
        form(&[("csrf", &csrf), ("jeton", &token)]),
        &jar,
    )
    .await;
    assert_eq!(confirmed.status(), 200);

    let page = get(server.at("/connexion"), &jar).await;
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let signed_in = post(
        server.at("/connexion"),
        form(&[
            ("csrf", &csrf),
            ("email", "dominique@exemple.fr"),
            ("mot_de_passe", PASSWORD),
            ("suite", ""),
        ]),
        &jar,
    )
    .await;
    assert_eq!(signed_in.status(), 303);
    remember(&signed_in, &mut jar);
    let session = jar
        .iter()
        .find_map(|c| c.strip_prefix("__Host-vivier-session="))
        .unwrap()
        .to_owned();
    let home = get(server.at("/espace-candidat"), &jar).await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Dominique Témoin"));

    server.terminate();
    server.wait_exit(Duration::from_secs(10)).unwrap();
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains("/inscription/confirmation"),
        "debug logs were written: {log}"
    );
    for (what, secret) in [
        ("password", PASSWORD),
        ("link token", token.as_str()),
        ("session token", session.as_str()),
        ("CSRF token", csrf.as_str()),
    ] {
        assert!(!log.contains(secret), "the {what} is in the logs");
    }
}

#[test]
fn vivier_admin_names_an_agent_administrator_and_refuses_anything_else() {
    let directory = tempfile::tempdir().unwrap();
    let url = sqlite_url(directory.path(), "vivier.db");
    let unknown = common::run_in(directory.path(), &url, &["admin", "personne@exemple.fr"]);
    assert!(!unknown.status.success());
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("aucun compte n'utilise l'adresse personne@exemple.fr"),
        "{stderr}"
    );
    let malformed = common::run_in(directory.path(), &url, &["admin", "pas-une-adresse"]);
    assert!(!malformed.status.success());
    assert!(String::from_utf8_lossy(&malformed.stderr).contains("adresse électronique valide"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = vivier_store_sqlite::SqliteStore::open(&directory.path().join("vivier.db"))
            .await
            .unwrap();
        for (address, kind) in [
            (
                "agente@exemple.fr",
                vivier_domain::account::AccountKind::Agent,
            ),
            (
                "candidate@exemple.fr",
                vivier_domain::account::AccountKind::Candidate,
            ),
        ] {
            vivier_store::accounts::AccountStore::create_user(
                &store,
                &vivier_store::accounts::NewUser {
                    email: vivier_domain::Email::parse(address).unwrap(),
                    display_name: address.into(),
                    kind,
                    password_hash: None,
                    email_verified: true,
                },
            )
            .await
            .unwrap();
        }
    });
    let candidate = common::run_in(directory.path(), &url, &["admin", "candidate@exemple.fr"]);
    assert!(!candidate.status.success());
    assert!(String::from_utf8_lossy(&candidate.stderr).contains("est un compte candidat"));
    let granted = common::run_in(directory.path(), &url, &["admin", "Agente@Exemple.fr"]);
    assert!(
        granted.status.success(),
        "{}",
        String::from_utf8_lossy(&granted.stderr)
    );
    assert!(
        String::from_utf8_lossy(&granted.stdout)
            .contains("agente@exemple.fr est désormais administrateur·rice de Vivier")
    );
    let again = common::run_in(directory.path(), &url, &["admin", "agente@exemple.fr"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("est déjà administrateur·rice"));
}
