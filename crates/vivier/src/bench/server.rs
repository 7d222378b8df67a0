//! The `vivier serve` child process that the HTTP benchmarks measure: started on a free port of
//! loopback over a prepared SQLite database, awaited until ready.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdout};
use url::Url;

use super::BenchError;
use crate::serve::LISTENING_PREFIX;
use crate::{Error, probe};

/// How long the child may take to print its address (seeding is done before it starts).
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// How long `/readyz` may take to answer 200 once the address is printed.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// Starts `server_exe serve` on the SQLite `database`, on a free port, quiet, with a page
/// cache of `page_cache_mb`; it is killed when dropped.
pub fn spawn(server_exe: &Path, database: &Path, page_cache_mb: u64) -> Result<Child, Error> {
    tokio::process::Command::new(server_exe)
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("VIVIER_LISTEN", "127.0.0.1:0")
        .env("VIVIER_SEED_DEMO", "false")
        // Beside the database, gone with it.
        .env(
            "VIVIER_FILES",
            format!("file://{}", database.with_file_name("files").display()),
        )
        .env("VIVIER_PAGE_CACHE_MB", page_cache_mb.to_string())
        // Logging every request would measure the logger.
        .env("VIVIER_LOG", "warn")
        .env_remove("VIVIER_PUBLIC_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| BenchError::Io(format!("lancement de {}", server_exe.display()), e).into())
}

/// The child's base URL, once it answers `/readyz` with 200.
pub async fn start(child: &mut Child) -> Result<Url, Error> {
    let base = wait_for_address(child).await?;
    wait_until_ready(child, &base).await?;
    Ok(base)
}

/// Reads the child's stdout up to the `Vivier écoute sur http://…/` line; the rest of its
/// output is drained in the background so the child never blocks on a full pipe.
async fn wait_for_address(child: &mut Child) -> Result<Url, Error> {
    let stdout: ChildStdout = child
        .stdout
        .take()
        .ok_or_else(|| BenchError::ServerExited("sortie standard indisponible".to_owned()))?;
    let mut lines = BufReader::new(stdout).lines();
    let found = tokio::time::timeout(START_TIMEOUT, async {
        while let Some(line) = lines.next_line().await? {
            if let Some(url) = line.trim().strip_prefix(LISTENING_PREFIX) {
                return Ok(Some(url.to_owned()));
            }
        }
        Ok::<_, std::io::Error>(None)
    })
    .await
    .map_err(|_| BenchError::ServerNotReady {
        waited: START_TIMEOUT,
        last: "adresse jamais affichée".to_owned(),
    })?
    .map_err(|e| BenchError::Io("lecture de la sortie du serveur".to_owned(), e))?;
    let Some(url) = found else {
        let status = child
            .wait()
            .await
            .map(|s| s.to_string())
            .unwrap_or_default();
        return Err(BenchError::ServerExited(status).into());
    };
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Url::parse(&url).map_err(|e| {
        BenchError::ServerExited(format!("adresse affichée illisible « {url} » : {e}"))
    })?)
}

async fn wait_until_ready(child: &mut Child, base: &Url) -> Result<(), Error> {
    let readyz = base.join("/readyz").unwrap_or_else(|_| base.clone());
    let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(BenchError::ServerExited(status.to_string()).into());
        }
        let last = match probe::get(&readyz).await {
            Ok(response) if response.status == 200 => return Ok(()),
            Ok(response) => format!("/readyz répond {}", response.status),
            Err(error) => format!("/readyz : {error}"),
        };
        if tokio::time::Instant::now() >= deadline {
            return Err(BenchError::ServerNotReady {
                waited: READY_TIMEOUT,
                last,
            }
            .into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The peak resident memory of a process (`VmHWM` in `/proc/<pid>/status`), in bytes.
pub fn peak_rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
