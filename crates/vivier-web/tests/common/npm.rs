//! The tests' npm projects (a real OpenID Connect provider here, the browser tests of the
//! `vivier` crate, which include this file by path): a folder of the repository holding a
//! `package.json`, an exact `package-lock.json` and its scripts, copied under Cargo's target
//! directory, where `npm ci` installs its `node_modules` once per lock file.
//!
//! Test processes may run side by side: files are copied through a temporary name and renamed,
//! and `node_modules` is installed in a staging directory renamed into place, stamped with the
//! lock file it was installed from (a changed lock installs again).

// Test support: a failed set-up should stop the test loudly.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// The install directories this process has already prepared.
static PREPARED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Where the lock file a `node_modules` was installed from is kept, inside it.
const STAMP: &str = ".vivier-package-lock.json";

/// Copies `from` to `to` through a temporary file and a rename, so that another test process
/// never reads a half-written file.
fn copy_atomically(from: &Path, to: &Path) -> std::io::Result<()> {
    let staging = to.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::copy(from, &staging)?;
    std::fs::rename(&staging, to)
}

/// Whether `node_modules` under `dir` was installed from `lock`.
fn up_to_date(dir: &Path, lock: &[u8]) -> bool {
    std::fs::read(dir.join("node_modules").join(STAMP)).is_ok_and(|stamp| stamp == lock)
}

/// Copies the files of `source` (not its folders) into `dir` and installs their locked
/// packages there, once per process; gives `dir`, where `node SCRIPT` finds its packages.
///
/// Panics with what to install when `npm` cannot be run, and with npm's output when it fails.
pub fn installed(source: &Path, dir: &Path) -> PathBuf {
    let mut prepared = PREPARED.lock().unwrap_or_else(|e| e.into_inner());
    if prepared.iter().any(|done| done == dir) {
        return dir.to_owned();
    }
    let read = |what: &Path| {
        std::fs::read(what).unwrap_or_else(|e| panic!("reading {}: {e}", what.display()))
    };
    let lock = read(&source.join("package-lock.json"));
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    let entries = std::fs::read_dir(source)
        .unwrap_or_else(|e| panic!("listing {}: {e}", source.display()))
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("listing {}: {e}", source.display()));
    for file in entries.iter().filter(|path| path.is_file()) {
        let name = file.file_name().unwrap_or_default();
        copy_atomically(file, &dir.join(name))
            .unwrap_or_else(|e| panic!("copying {} into {}: {e}", file.display(), dir.display()));
    }
    if !up_to_date(dir, &lock) {
        let staging = dir.with_extension(format!("npm-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).unwrap();
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(source.join(file), staging.join(file)).unwrap();
        }
        let output = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .env("npm_config_update_notifier", "false")
            .current_dir(&staging)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "ces tests ont besoin de Node.js et npm (apt-get install nodejs npm) / these \
                     tests need Node.js and npm to install {}: {e}",
                    source.join("package-lock.json").display()
                )
            });
        assert!(
            output.status.success(),
            "npm ci in {} failed ({}):\n{}\n{}",
            staging.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::write(staging.join("node_modules").join(STAMP), &lock).unwrap();
        let target = dir.join("node_modules");
        if target.exists() && !up_to_date(dir, &lock) {
            // Installed from another lock file: replaced (a process racing us may do the same).
            let _ = std::fs::remove_dir_all(&target);
        }
        // Another process may have been first: its copy, from the same lock, is as good.
        if std::fs::rename(staging.join("node_modules"), &target).is_err() {
            assert!(
                up_to_date(dir, &lock),
                "installing node_modules into {}",
                dir.display()
            );
        }
        let _ = std::fs::remove_dir_all(&staging);
    }
    prepared.push(dir.to_owned());
    dir.to_owned()
}
