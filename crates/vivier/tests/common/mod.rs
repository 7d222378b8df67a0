//! What the integration tests share: running the real `vivier` binary.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use url::Url;

/// The `vivier` binary cargo built for these tests, with no Vivier variable inherited from the
/// environment (so the tests say everything they rely on).
pub fn vivier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vivier"));
    for name in [
        "DATABASE_URL",
        "VIVIER_LISTEN",
        "VIVIER_PUBLIC_URL",
        "VIVIER_SEED_DEMO",
        "VIVIER_REFRESH_INTERVAL_MS",
        "VIVIER_LOG",
        "VIVIER_SYNONYMS",
        "VIVIER_PAGE_CACHE_MB",
        "VIVIER_CSP_IMPORT_URL",
        "VIVIER_CSP_IMPORT_EVERY_HOURS",
        "VIVIER_SMTP_URL",
        "VIVIER_MAIL_DIR",
        "VIVIER_MAIL_FROM",
        "VIVIER_FILES",
        "VIVIER_S3_ACCESS_KEY_ID",
        "VIVIER_S3_SECRET_ACCESS_KEY",
    ] {
        command.env_remove(name);
    }
    command.stdin(Stdio::null());
    command
}

/// Runs `vivier ARGS` in `directory` with `DATABASE_URL=database_url`, to completion.
pub fn run_in(directory: &Path, database_url: &str, args: &[&str]) -> Output {
    vivier()
        .current_dir(directory)
        .env("DATABASE_URL", database_url)
        .args(args)
        .output()
        .unwrap()
}

/// Every file under `directory`, recursively.
pub fn files_in(directory: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_in(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// A running `vivier serve`, killed if the test ends before stopping it.
pub struct Server {
    pub child: Child,
    /// The URL it printed: `http://127.0.0.1:PORT/`.
    pub url: Url,
}

impl Server {
    /// Starts `command` (a `vivier serve …`) and waits for its `Vivier écoute sur …` line.
    pub fn start(mut command: Command) -> Self {
        let mut child = command.stdout(Stdio::piped()).spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("Vivier écoute sur ") {
                    let _ = sender.send(url.to_owned());
                }
            }
        });
        let url = match receiver.recv_timeout(Duration::from_secs(120)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("vivier serve never printed its address");
            }
        };
        Self {
            child,
            url: Url::parse(&url).unwrap(),
        }
    }

    /// The URL of `path` on this server.
    pub fn at(&self, path: &str) -> Url {
        self.url.join(path).unwrap()
    }

    /// Sends SIGTERM, as an orchestrator stopping the service would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits up to `limit` for the process to exit; `None` if it is still running.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A `sqlite://` URL for a file in `directory`.
pub fn sqlite_url(directory: &Path, file: &str) -> String {
    format!("sqlite://{}", directory.join(file).display())
}
