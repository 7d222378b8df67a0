//! End-to-end journeys in real Chromium: each test starts the real binary on loopback (a fresh
//! SQLite file, the demo, mails written as `.eml` files) and runs one journey of
//! `tests/browser/journeys.mjs` with `node run.mjs`, which drives headless Chromium through
//! `playwright-core` and checks every page it loads with `axe-core` (WCAG 2.1 A/AA: no serious
//! or critical violation). The npm packages are pinned in `tests/browser/package-lock.json` and
//! installed once per build under Cargo's target directory.
//!
//! They need Node.js, npm and Chromium (`apt-get install nodejs npm chromium`; `.ci/run`
//! installs Chromium); `VIVIER_CHROMIUM` may name the browser's binary. Without them the tests
//! fail and say what to install.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "../../vivier-web/tests/common/npm.rs"]
mod npm;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{Server, sqlite_url, vivier};

/// The longest a journey may take, browser start included; past it, the browser and the
/// script are killed and the test fails with what they printed.
const JOURNEY_LIMIT: Duration = Duration::from_secs(120);

/// One browser at a time: on a small machine, journeys side by side would slow each other down
/// toward their time limits.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// Names tried on `PATH` when `VIVIER_CHROMIUM` is not set.
const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
];

/// `name` as found on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The Chromium binary: `VIVIER_CHROMIUM`, else the first of [`CHROMIUM_NAMES`] on `PATH`.
fn chromium() -> PathBuf {
    if let Some(named) = std::env::var_os("VIVIER_CHROMIUM").filter(|v| !v.is_empty()) {
        let named = PathBuf::from(named);
        let found = if named.components().count() > 1 {
            named.is_file().then_some(named.clone())
        } else {
            on_path(&named.to_string_lossy())
        };
        return found.unwrap_or_else(|| {
            panic!(
                "VIVIER_CHROMIUM nomme « {0} », introuvable / VIVIER_CHROMIUM names {0}, which \
                 cannot be found",
                named.display()
            )
        });
    }
    CHROMIUM_NAMES
        .iter()
        .find_map(|name| on_path(name))
        .unwrap_or_else(|| {
            panic!(
                "les tests de navigateur ont besoin de Chromium : installez-le (apt-get install \
                 chromium) ou indiquez son exécutable dans VIVIER_CHROMIUM / the browser tests \
                 need Chromium: install it (apt-get install chromium) or name its binary in \
                 VIVIER_CHROMIUM"
            )
        })
}

/// The folder of the journeys' scripts with their npm packages installed.
fn scripts() -> PathBuf {
    for tool in ["node", "npm"] {
        assert!(
            on_path(tool).is_some(),
            "les tests de navigateur ont besoin de Node.js et npm : apt-get install nodejs npm / \
             the browser tests need Node.js and npm: apt-get install nodejs npm ({tool} is not on \
             PATH)"
        );
    }
    npm::installed(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser"),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-tests"),
    )
}

/// The script's process group, killed whole when dropped before the script ended. Chromium,
/// which Playwright starts in a group of its own, exits when the script's end closes the pipe
/// it is driven through.
struct Group {
    child: Child,
    ended: bool,
}

impl Group {
    /// Waits for the script until `deadline`; `None` if it is still running then.
    fn wait_until(&mut self, deadline: Instant) -> Option<ExitStatus> {
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.ended = true;
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if self.ended {
            // Reaped: its id may already belong to another process.
            return;
        }
        // The group's id is the script's pid (`process_group(0)`).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

/// Reads a child's output on a thread of its own, so that a full pipe never blocks it.
fn collect(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = from.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// What a script printed, and how it ended (`None`: killed at the time limit).
struct Finished {
    status: Option<ExitStatus>,
    output: String,
}

/// Runs `node ARGS` in the scripts' folder with `env` and Chromium's path, for
/// [`JOURNEY_LIMIT`] at most; the browser it starts goes with it.
fn node(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Finished {
    let chromium = chromium();
    let scripts = scripts();
    let started = Instant::now();
    let mut command = Command::new("node");
    command
        .args(args)
        .current_dir(&scripts)
        .env("VIVIER_CHROMIUM", &chromium)
        .env(
            "VIVIER_JOURNEY_TIMEOUT_MS",
            (JOURNEY_LIMIT - Duration::from_secs(10))
                .as_millis()
                .to_string(),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("node ne démarre pas / node does not start: {e}"));
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let mut group = Group {
        child,
        ended: false,
    };
    let status = group.wait_until(started + JOURNEY_LIMIT);
    drop(group);
    Finished {
        status,
        output: format!(
            "{}{}",
            stdout.join().unwrap_or_default(),
            stderr.join().unwrap_or_default()
        ),
    }
}

/// Runs journey `name` against a fresh server; panics with the script's output and the end of
/// the server's log when it fails.
fn run_journey(name: &str) {
    let _turn = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let directory = tempfile::tempdir().unwrap();
    let mails = directory.path().join("mails");
    let server_log = directory.path().join("server.log");
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser-artifacts")
        .join(name);
    let _ = std::fs::remove_dir_all(&artifacts);

    let mut command = vivier();
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", sqlite_url(directory.path(), "vivier.db"))
        .env("VIVIER_SEED_DEMO", "true")
        .env("VIVIER_MAIL_DIR", &mails)
        // CVs go with the rest of the run, not into the working directory.
        .env(
            "VIVIER_FILES",
            format!("file://{}", directory.path().join("files").display()),
        )
        .env("VIVIER_LOG", "warn")
        .stderr(std::fs::File::create(&server_log).unwrap());
    let server = Server::start(command);
    let database = sqlite_url(directory.path(), "vivier.db");
    let Finished { status, output } = node(
        &["run.mjs", name],
        &[
            ("VIVIER_BASE_URL", server.url.as_str().as_ref()),
            ("VIVIER_BIN", env!("CARGO_BIN_EXE_vivier").as_ref()),
            ("DATABASE_URL", database.as_ref()),
            ("VIVIER_MAIL_DIR", mails.as_os_str()),
            ("VIVIER_ARTIFACTS", artifacts.as_os_str()),
        ],
    );
    drop(server);
    let log = std::fs::read_to_string(&server_log).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    let log_tail = lines[lines.len().saturating_sub(40)..].join("\n");
    match status {
        Some(status) if status.success() => println!("{output}"),
        Some(status) => panic!(
            "le parcours « {name} » a échoué ({status}) :\n{output}\n--- fin du journal du \
             serveur ---\n{log_tail}"
        ),
        None => panic!(
            "le parcours « {name} » n'a pas fini en {} s, arrêté :\n{output}\n--- fin du journal \
             du serveur ---\n{log_tail}",
            JOURNEY_LIMIT.as_secs()
        ),
    }
}

#[test]
fn the_checks_of_the_journeys_fail_on_what_they_look_for() {
    let _turn = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let Finished { status, output } = node(&["--test", "lib.test.mjs"], &[]);
    assert!(
        status.is_some_and(|s| s.success()),
        "node --test lib.test.mjs ({status:?}) :\n{output}"
    );
    assert!(output.contains("# fail 0"), "{output}");
    println!("{output}");
}

#[test]
fn a_candidate_finds_an_offer_signs_up_with_the_keyboard_and_every_page_passes_axe() {
    run_journey("candidate");
}

#[test]
fn an_agent_becomes_a_recruiter_through_an_administrator_and_every_page_passes_axe() {
    run_journey("agent");
}

#[test]
fn a_candidate_applies_with_a_pdf_a_recruiter_invites_them_and_they_export_and_erase_their_data() {
    run_journey("application");
}
