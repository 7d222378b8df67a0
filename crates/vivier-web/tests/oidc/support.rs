//! Support of the OpenID Connect tests: the providers of `provider.mjs` (installed once with
//! `npm ci`, started on loopback), Vivier configured to use them, and a sign-in driven by hand
//! from Vivier's button to the provider and back.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use url::Url;
use vivier_web::{OidcConfig, OidcSide, ProviderConfig, WebConfig};

use crate::common::browser::Browser;
use crate::common::{self, Answer, TestApp};

/// The secret of both clients of the real provider.
pub const SECRET: &str = "secret-de-test-oidc-0123456789";
/// Vivier's public address in the tests, where providers send the browser back.
pub const VIVIER: &str = "https://vivier.example.gouv.fr";

/// The directory holding the provider script and its `node_modules`, installed once per build.
fn installed() -> PathBuf {
    common::npm::installed(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc"),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("oidc-provider"),
    )
}

/// A provider process on loopback, stopped when dropped.
pub struct TestProvider {
    _child: tokio::process::Child,
    /// Kept open: the provider writes notices to its standard output.
    _stdout: tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
    pub issuer: Url,
}

impl TestProvider {
    /// Starts `provider.mjs` in `mode` (`real` or `rogue`).
    pub async fn start(mode: &str) -> Self {
        let dir = installed();
        let mut child = tokio::process::Command::new("node")
            .arg("provider.mjs")
            .arg(mode)
            .env("VIVIER_REDIRECT_BASE", VIVIER)
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("the OpenID Connect tests need Node.js (node): {e}"));
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
            .await
            .expect("the provider starts within 30 s")
            .unwrap()
            .expect("the provider prints its address");
        let issuer = line.strip_prefix("listening ").expect("listening line");
        Self {
            _child: child,
            _stdout: lines,
            issuer: Url::parse(issuer).unwrap(),
        }
    }

    /// Vivier's settings for this provider on `side`, as client `client_id`.
    pub fn config(&self, side: OidcSide, client_id: &str) -> ProviderConfig {
        provider_config(self.issuer.clone(), side, client_id)
    }
}

/// Vivier's settings for a provider at `issuer` on `side`.
pub fn provider_config(issuer: Url, side: OidcSide, client_id: &str) -> ProviderConfig {
    ProviderConfig {
        issuer,
        client_id: client_id.into(),
        client_secret: SECRET.into(),
        scopes: side
            .default_scopes()
            .split(' ')
            .map(str::to_owned)
            .collect(),
        label: side.default_label().into(),
    }
}

/// A test node using these providers.
pub async fn app(oidc: OidcConfig) -> TestApp {
    TestApp::configured(WebConfig {
        oidc,
        ..common::config()
    })
    .await
}

/// A test node signing candidates and agents in with the real provider.
pub async fn app_with(provider: &TestProvider) -> TestApp {
    app(OidcConfig {
        candidats: Some(provider.config(OidcSide::Candidats, "vivier-candidats")),
        agents: Some(provider.config(OidcSide::Agents, "vivier-agents")),
    })
    .await
}

/// Where an answer sends the browser.
pub fn location(answer: &Answer) -> String {
    answer
        .headers
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Clicks the provider's button on `/connexion`: gives the provider's authorization URL.
pub async fn click(browser: &mut Browser, side: &str, next: &str) -> Url {
    let page = browser.get("/connexion").await;
    assert!(
        page.body
            .contains(&format!("action=\"/connexion/oidc/{side}\"")),
        "the button of {side}"
    );
    let started = browser
        .post(&format!("/connexion/oidc/{side}"), &[("suite", next)])
        .await;
    assert_eq!(started.status, 303, "{}", started.body);
    Url::parse(&location(&started)).unwrap()
}

/// The provider's side of the browser: real HTTP, its cookies kept by hand, every redirect
/// followed until one leads back to Vivier; gives that path with its query.
pub async fn through_provider(authorize: Url) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut cookies: BTreeMap<String, String> = BTreeMap::new();
    let mut url = authorize;
    for _ in 0..10 {
        if url.as_str().starts_with(VIVIER) {
            let mut back = url.path().to_owned();
            if let Some(query) = url.query() {
                back.push('?');
                back.push_str(query);
            }
            return back;
        }
        let header = cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let response = client
            .get(url.clone())
            .header("cookie", header)
            .send()
            .await
            .unwrap();
        for value in response.headers().get_all("set-cookie") {
            let cookie = cookie::Cookie::parse(value.to_str().unwrap().to_owned()).unwrap();
            cookies.insert(cookie.name().to_owned(), cookie.value().to_owned());
        }
        let status = response.status();
        let next = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        let Some(next) = next else {
            let body = response.text().await.unwrap_or_default();
            panic!("the provider answered {status} without a redirect: {body}");
        };
        url = url.join(&next).unwrap();
    }
    panic!("too many redirects at the provider");
}

/// Signs in through the provider of `side`, from the button to Vivier's answer to the return.
pub async fn sign_in(browser: &mut Browser, side: &str, next: &str) -> (String, Answer) {
    let authorize = click(browser, side, next).await;
    let back = through_provider(authorize).await;
    let answer = browser.get(&back).await;
    (back, answer)
}
