//! `vivier bench …`: performance measurements against the real binary.
//!
//! Each target is a submodule with its own report; [`run`] dispatches and prints them. Shared:
//! [`BenchError`], the measuring children's runner (`child_report`: the benchmarks that
//! compare engines or steps run each in a process of its own, for its own peak memory) and the
//! reports' memory figures.

pub mod applications;
pub mod http;
pub mod import;
pub mod plan;
pub mod search;
pub mod server;
pub mod wrk;

use std::process::Stdio;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use vivier_web::format::decimal;

use crate::Error;
use crate::config::{BenchArgs, BenchTarget, Config};

/// Runs `vivier bench TARGET` and prints its report (a table, or JSON with `--json`); as a
/// measuring child (hidden `--step`, `--engine`, `--case`), measures that part only and prints
/// its figures as one JSON line for the parent.
pub async fn run(args: BenchArgs, config: &Config) -> Result<(), Error> {
    match args.target {
        BenchTarget::Http(args) => {
            let report = http::bench_http(&args, config.page_cache_mb, &exe()?).await?;
            print(&report, args.json)
        }
        BenchTarget::Applications(args) => {
            let report = applications::bench_applications(&args, &exe()?).await?;
            print(&report, args.json)
        }
        BenchTarget::Import(args) => match args.step {
            Some(step) => print_line(&import::run_step(&args, step, &config.database_url).await?),
            None => {
                let report = import::bench_import(&args, &config.log, &exe()?).await?;
                print(&report, args.json)
            }
        },
        BenchTarget::Plan(args) => match args.case {
            Some(case) => print_line(&plan::run_case(&args, case)?),
            None => {
                let report = plan::bench_plan(&args, &config.log, &exe()?).await?;
                print(&report, args.json)
            }
        },
        BenchTarget::Search(args) => match args.engine {
            Some(engine) => print_line(&search::run_engine(&args, engine).await?),
            None => {
                let report = search::bench_search(&args, &config.log, &exe()?).await?;
                print(&report, args.json)
            }
        },
    }
}

/// This executable, which the benchmarks run again as a server or as measuring children.
fn exe() -> Result<std::path::PathBuf, BenchError> {
    std::env::current_exe()
        .map_err(|e| BenchError::Io("chemin de l'exécutable vivier".to_owned(), e))
}

/// A report, as a table or as pretty JSON.
fn print(report: &(impl Serialize + std::fmt::Display), json: bool) -> Result<(), Error> {
    if json {
        let text = serde_json::to_string_pretty(report)
            .map_err(|e| BenchError::Io("écriture du JSON".to_owned(), e.into()))?;
        println!("{text}");
    } else {
        println!("{report}");
    }
    Ok(())
}

/// A child's figures, as the one JSON line its parent reads.
fn print_line(figures: &impl Serialize) -> Result<(), Error> {
    let line = serde_json::to_string(figures)
        .map_err(|e| BenchError::Io("écriture du JSON".to_owned(), e.into()))?;
    println!("{line}");
    Ok(())
}

/// Why a benchmark could not be run to the end.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// wrk is not on the `PATH`.
    #[error("wrk est introuvable : installez wrk : apt-get install wrk")]
    WrkMissing,

    /// Options that cannot work together.
    #[error("options du banc d'essai invalides : {0}")]
    InvalidOptions(String),

    /// A file or process operation failed.
    #[error("banc d'essai : {0} : {1}")]
    Io(String, std::io::Error),

    /// The server child exited before being ready.
    #[error("le serveur lancé pour le banc d'essai s'est arrêté avant d'être prêt ({0})")]
    ServerExited(String),

    /// The server child did not become ready in time.
    #[error(
        "le serveur lancé pour le banc d'essai n'est pas prêt après {} s : {last}",
        waited.as_secs()
    )]
    ServerNotReady { waited: Duration, last: String },

    /// The seeded data has no open offer to measure the offer page with.
    #[error("aucune offre ouverte dans les données du banc d'essai : augmentez --offers")]
    NoActiveOffer,

    /// wrk failed.
    #[error("wrk a échoué sur {url} :\n{output}")]
    WrkFailed { url: String, output: String },

    /// A search engine under measurement failed.
    #[error("banc d'essai de la recherche, {engine} : {message}")]
    Engine {
        engine: &'static str,
        message: String,
    },

    /// A child process measuring one engine failed or printed no figures.
    #[error("la mesure du moteur {engine} a échoué ({status})")]
    Child {
        engine: &'static str,
        status: String,
    },

    /// wrk's report could not be read.
    #[error("rapport de wrk illisible pour {url} :\n{output}")]
    WrkOutput { url: String, output: String },
}

/// A peak memory figure for the reports: "93,1 Mo", or "—" when the system did not tell.
pub(crate) fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or_else(
        || "—".to_owned(),
        |b| format!("{} Mo", decimal(b as f64 / 1e6, 1)),
    )
}

/// Runs a measuring child (this executable again, with a hidden option naming what it measures:
/// `what`), its progress going to our stderr, and reads the figures it prints as its last JSON
/// line. Each measure in a process of its own has its own peak memory.
pub(crate) async fn child_report<T: DeserializeOwned>(
    mut command: tokio::process::Command,
    what: &'static str,
) -> Result<T, BenchError> {
    let program = command
        .as_std()
        .get_program()
        .to_string_lossy()
        .into_owned();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| BenchError::Io(format!("lancement de {program}"), e))?;
    let output = child
        .wait_with_output()
        .await
        .map_err(|e| BenchError::Io(format!("attente de {program}"), e))?;
    let failed = |status: String| BenchError::Child {
        engine: what,
        status,
    };
    if !output.status.success() {
        return Err(failed(output.status.to_string()));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or_else(|| failed(format!("aucun résultat lisible : {stdout}")))
}
