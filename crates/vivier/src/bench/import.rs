//! `vivier bench import`: the import of a Choisir le service public file, measured.
//!
//! A synthetic file in the real column schema ([`synthetic`]) is generated once; then each
//! step runs in a child process of its own, so that its peak resident memory is its own:
//! reading, mapping and filtering every row without a store (`parse`), then, into a fresh
//! SQLite database and into a throwaway PostgreSQL database, a first full import and a
//! second run of the same file, which must change nothing.

pub mod synthetic;

use std::fmt;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use serde::{Deserialize, Serialize};
use vivier_domain::offer::Source;
use vivier_import::digital::DigitalRule;
use vivier_import::sync::{self, Format, ImportOptions, ScanCounts, Summary};
use vivier_store::Store;
use vivier_store::import::{ImportCounts, NewImportRun};
use vivier_store_postgres::PostgresStore;
use vivier_store_sqlite::SqliteStore;
use vivier_web::format::{decimal, thousands};

use crate::Error;
use crate::bench::http::TargetCheck;
use crate::bench::search::postgres;
use crate::bench::server::peak_rss_bytes;
use crate::bench::{BenchError, child_report, megabytes};
use crate::config::DEFAULT_BENCH_POSTGRES_URL;
use crate::seed;

/// The targets (issue 4): rows read, mapped and filtered per second without a store.
pub const MIN_PARSE_ROWS_PER_SEC: f64 = 20_000.0;
/// A full import of the digital subset.
pub const MAX_FIRST_RUN: Duration = Duration::from_secs(30);
/// A second run of the same file.
pub const MAX_SECOND_RUN: Duration = Duration::from_secs(10);
/// Peak resident memory of an import process.
pub const MAX_PEAK_RSS: u64 = 200_000_000;

/// The rows of a real weekly file.
pub const DEFAULT_ROWS: u64 = 183_000;

/// Options of `bench import`.
#[derive(Debug, Clone, Args)]
pub struct ImportBenchArgs {
    /// Rows of the generated file.
    #[arg(long, default_value_t = DEFAULT_ROWS, value_name = "N", help = "Nombre de lignes du fichier généré")]
    pub rows: u64,

    /// Seed of the generator.
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        help = "Graine du générateur (même graine, même fichier)"
    )]
    pub seed: u64,

    /// A real file to measure instead of a generated one.
    #[arg(
        long,
        value_name = "FICHIER",
        help = "Mesurer ce fichier CSP plutôt qu'un fichier généré"
    )]
    pub file: Option<PathBuf>,

    /// The PostgreSQL server; a throwaway database is created on it, and dropped at the end.
    #[arg(
        long,
        default_value = DEFAULT_BENCH_POSTGRES_URL,
        value_name = "URL",
        help = "Serveur PostgreSQL (une base jetable y est créée puis supprimée)"
    )]
    pub postgres_url: String,

    /// Leaves PostgreSQL out.
    #[arg(long, help = "Ne pas mesurer PostgreSQL")]
    pub no_postgres: bool,

    /// Prints the figures as JSON instead of a table.
    #[arg(long, help = "Afficher les résultats en JSON plutôt qu'en tableau")]
    pub json: bool,

    /// Internal: run this step only, on `--file`, and print its figures as one JSON line.
    #[arg(long, value_enum, hide = true)]
    pub step: Option<Step>,
}

/// The measured steps, each in a child process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// Read, map and filter, no store.
    Parse,
    /// Import twice into a fresh SQLite database.
    Sqlite,
    /// Import twice into a throwaway PostgreSQL database.
    Postgres,
}

impl Step {
    fn code(self) -> &'static str {
        match self {
            Self::Parse => "parse",
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// A run of `import` in a step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RunFigures {
    pub secs: f64,
    pub read: u64,
    pub kept: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub closed: u64,
    pub rejected: u64,
}

impl RunFigures {
    fn new(elapsed: Duration, counts: ImportCounts) -> Self {
        Self {
            secs: elapsed.as_secs_f64(),
            read: counts.read,
            kept: counts.kept,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
            closed: counts.closed,
            rejected: counts.rejected,
        }
    }
}

/// What a step measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub step: Step,
    /// `parse`: the time to read, map and filter the file.
    pub parse_secs: Option<f64>,
    pub scan: Option<ScanFigures>,
    /// Stores: migrations and referentials, before the first run.
    pub setup_secs: Option<f64>,
    pub first: Option<RunFigures>,
    pub second: Option<RunFigures>,
    /// Peak resident memory of the step's process (`VmHWM`).
    pub peak_rss_bytes: Option<u64>,
}

/// [`ScanCounts`], serialisable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanFigures {
    pub read: u64,
    pub kept: u64,
    pub rejected: u64,
}

impl From<ScanCounts> for ScanFigures {
    fn from(c: ScanCounts) -> Self {
        Self {
            read: c.read,
            kept: c.kept,
            rejected: c.rejected,
        }
    }
}

/// A step that was not measured, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedStep {
    pub step: Step,
    pub reason: String,
}

/// What `vivier bench import` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportBenchReport {
    /// The file measured, when given; `None` for a generated one.
    pub file: Option<PathBuf>,
    pub bytes: u64,
    /// What the generator wrote, for a generated file.
    pub synthetic: Option<synthetic::Synthetic>,
    pub generate_secs: Option<f64>,
    pub steps: Vec<StepReport>,
    pub skipped: Vec<SkippedStep>,
    pub targets: Vec<TargetCheck>,
    pub all_targets_met: bool,
}

/// Runs the benchmark (the parent side): generates the file, runs each step in a child.
pub async fn bench_import(
    args: &ImportBenchArgs,
    log: &str,
    exe: &Path,
) -> Result<ImportBenchReport, Error> {
    let io = |what: &str| {
        let what = what.to_owned();
        move |e| BenchError::Io(what, e)
    };
    let directory = tempfile::tempdir().map_err(io("création du dossier temporaire"))?;
    let (file, synthetic, generate_secs) = match &args.file {
        Some(file) => (file.clone(), None, None),
        None => {
            let path = directory.path().join("offres-csp.csv");
            tracing::info!(rows = args.rows, "génération du fichier…");
            let started = Instant::now();
            let out = BufWriter::new(File::create(&path).map_err(io("création du fichier"))?);
            let written = synthetic::write_csp(out, args.rows, args.seed)
                .map_err(io("écriture du fichier"))?;
            (path, Some(written), Some(started.elapsed().as_secs_f64()))
        }
    };
    let bytes = std::fs::metadata(&file)
        .map_err(io("lecture du fichier"))?
        .len();

    let mut steps = Vec::new();
    let mut skipped = Vec::new();
    steps.push(child(exe, log, args, Step::Parse, &file, directory.path()).await?);
    steps.push(child(exe, log, args, Step::Sqlite, &file, directory.path()).await?);
    if args.no_postgres {
        skipped.push(SkippedStep {
            step: Step::Postgres,
            reason: "--no-postgres".to_owned(),
        });
    } else {
        match postgres::reachable(&args.postgres_url).await {
            Ok(()) => {
                steps.push(child(exe, log, args, Step::Postgres, &file, directory.path()).await?)
            }
            Err(reason) => {
                tracing::warn!(%reason, "PostgreSQL injoignable : non mesuré");
                skipped.push(SkippedStep {
                    step: Step::Postgres,
                    reason,
                });
            }
        }
    }
    let targets = targets(&steps);
    Ok(ImportBenchReport {
        file: args.file.clone(),
        bytes,
        synthetic,
        generate_secs,
        steps,
        skipped,
        all_targets_met: targets.iter().all(|t| t.ok),
        targets,
    })
}

/// Runs `exe bench import --step <step>` and reads the JSON line it prints last.
async fn child(
    exe: &Path,
    log: &str,
    args: &ImportBenchArgs,
    step: Step,
    file: &Path,
    directory: &Path,
) -> Result<StepReport, Error> {
    tracing::info!(step = step.code(), "mesure…");
    let database = directory.join(format!("vivier-{}.db", step.code()));
    let mut command = tokio::process::Command::new(exe);
    command
        .args(["--log", log])
        .arg("--database-url")
        .arg(format!("sqlite://{}", database.display()))
        .args(["bench", "import", "--step", step.code()])
        .arg("--file")
        .arg(file)
        .args(["--postgres-url", &args.postgres_url]);
    Ok(child_report(command, step.code()).await?)
}

/// Measures one step in this process (the child side of [`bench_import`]); `database` is the
/// SQLite file of the `sqlite` step.
pub async fn run_step(
    args: &ImportBenchArgs,
    step: Step,
    database: &vivier_store::DatabaseUrl,
) -> Result<StepReport, Error> {
    let file = args
        .file
        .as_deref()
        .ok_or_else(|| BenchError::InvalidOptions("--file manquant".to_owned()))?;
    let mut report = StepReport {
        step,
        parse_secs: None,
        scan: None,
        setup_secs: None,
        first: None,
        second: None,
        peak_rss_bytes: None,
    };
    match step {
        Step::Parse => {
            let started = Instant::now();
            let counts = sync::scan(open(file)?, &options()).map_err(|e| engine_error(step, e))?;
            report.parse_secs = Some(started.elapsed().as_secs_f64());
            report.scan = Some(counts.into());
        }
        Step::Sqlite => {
            let vivier_store::DatabaseUrl::Sqlite { path: Some(path) } = database else {
                return Err(
                    BenchError::InvalidOptions("une base SQLite est attendue".into()).into(),
                );
            };
            let store = SqliteStore::open(path)
                .await
                .map_err(|source| Error::Open {
                    target: format!("SQLite ({})", path.display()),
                    source,
                })?;
            twice(&store, file, &mut report).await?;
        }
        Step::Postgres => {
            postgres::in_throwaway(&args.postgres_url, "import", async |options| {
                let store = PostgresStore::connect_with(options)
                    .await
                    .map_err(|source| Error::Open {
                        target: "PostgreSQL (base jetable)".to_owned(),
                        source,
                    })?;
                twice(&store, file, &mut report).await?;
                drop(store);
                Ok(())
            })
            .await?;
        }
    }
    report.peak_rss_bytes = peak_rss_bytes(std::process::id());
    Ok(report)
}

fn options() -> ImportOptions {
    ImportOptions {
        format: Format::Csp,
        all: false,
        rule: DigitalRule::builtin(),
        today: seed::today(),
    }
}

fn open(file: &Path) -> Result<BufReader<File>, Error> {
    let file = File::open(file)
        .map_err(|e| BenchError::Io(format!("lecture de {}", file.display()), e))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

fn engine_error(step: Step, error: impl fmt::Display) -> Error {
    BenchError::Engine {
        engine: step.code(),
        message: error.to_string(),
    }
    .into()
}

/// Sets `store` up, then imports `file` into it twice, timing each run.
async fn twice(store: &dyn Store, file: &Path, report: &mut StepReport) -> Result<(), Error> {
    let started = Instant::now();
    store.migrate().await.map_err(Error::Migrate)?;
    seed::referentials(store).await?;
    report.setup_secs = Some(started.elapsed().as_secs_f64());
    let step = report.step;
    let run = async || -> Result<RunFigures, Error> {
        let started = Instant::now();
        let new_run = NewImportRun {
            source: Source::Csp,
            file_name: file.display().to_string(),
            checksum: String::new(),
            all_offers: false,
        };
        let Summary { counts, .. } =
            sync::import(store, open(file)?, new_run, &options(), &mut |_| {})
                .await
                .map_err(|e| engine_error(step, e))?;
        Ok(RunFigures::new(started.elapsed(), counts))
    };
    let first = run().await?;
    let second = run().await?;
    report.first = Some(first);
    report.second = Some(second);
    Ok(())
}

/// The targets, for every step measured.
fn targets(steps: &[StepReport]) -> Vec<TargetCheck> {
    let mut checks = Vec::new();
    for step in steps {
        let name = step_name(step.step);
        if let (Some(secs), Some(scan)) = (step.parse_secs, step.scan) {
            let rate = scan.read as f64 / secs.max(1e-9);
            checks.push(TargetCheck {
                target: format!(
                    "lecture, correspondance et filtre ≥ {} lignes/s",
                    thousands(MIN_PARSE_ROWS_PER_SEC as u64)
                ),
                measured: format!("{} lignes/s", thousands(rate as u64)),
                ok: rate >= MIN_PARSE_ROWS_PER_SEC,
            });
        }
        if let Some(first) = step.first {
            checks.push(TargetCheck {
                target: format!("{name} : premier import ≤ {} s", MAX_FIRST_RUN.as_secs()),
                measured: format!("{} s", decimal(first.secs, 1)),
                ok: first.secs <= MAX_FIRST_RUN.as_secs_f64(),
            });
        }
        if let Some(second) = step.second {
            let untouched = second.created == 0 && second.updated == 0 && second.closed == 0;
            checks.push(TargetCheck {
                target: format!(
                    "{name} : second import du même fichier ≤ {} s, sans rien changer",
                    MAX_SECOND_RUN.as_secs()
                ),
                measured: format!(
                    "{} s, {} inchangées, {} créées, {} mises à jour, {} fermées",
                    decimal(second.secs, 1),
                    thousands(second.unchanged),
                    second.created,
                    second.updated,
                    second.closed
                ),
                ok: second.secs <= MAX_SECOND_RUN.as_secs_f64() && untouched,
            });
        }
        checks.push(TargetCheck {
            target: format!(
                "{name} : mémoire résidente maximale ≤ {} Mo",
                MAX_PEAK_RSS / 1_000_000
            ),
            measured: megabytes(step.peak_rss_bytes),
            ok: step.peak_rss_bytes.is_some_and(|b| b <= MAX_PEAK_RSS),
        });
    }
    checks
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::Parse => "lecture seule",
        Step::Sqlite => "SQLite",
        Step::Postgres => "PostgreSQL",
    }
}

impl fmt::Display for ImportBenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, &self.synthetic) {
            (Some(file), _) => writeln!(
                f,
                "Banc d'essai de l'import : « {} », {} Mo",
                file.display(),
                decimal(self.bytes as f64 / 1e6, 1)
            )?,
            (None, Some(s)) => writeln!(
                f,
                "Banc d'essai de l'import : fichier CSP généré de {} lignes, {} Mo ({} numériques, \
                 {} références en double, {} lignes invalides), généré en {} s",
                thousands(s.rows),
                decimal(self.bytes as f64 / 1e6, 1),
                thousands(s.digital),
                thousands(s.duplicates),
                thousands(s.bad),
                decimal(self.generate_secs.unwrap_or_default(), 1)
            )?,
            (None, None) => {}
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<22}{:>10}{:>12}{:>11}{:>11}{:>11}{:>11}{:>11}{:>12}",
            "étape",
            "durée",
            "lignes/s",
            "lues",
            "retenues",
            "créées",
            "inchangées",
            "rejetées",
            "mém. max"
        )?;
        for step in &self.steps {
            let name = step_name(step.step);
            let rss = megabytes(step.peak_rss_bytes);
            if let (Some(secs), Some(scan)) = (step.parse_secs, step.scan) {
                writeln!(
                    f,
                    "{name:<22}{:>10}{:>12}{:>11}{:>11}{:>11}{:>11}{:>11}{rss:>12}",
                    format!("{} s", decimal(secs, 2)),
                    thousands((scan.read as f64 / secs.max(1e-9)) as u64),
                    thousands(scan.read),
                    thousands(scan.kept),
                    "—",
                    "—",
                    thousands(scan.rejected),
                )?;
            }
            for (label, run) in [("1er import", step.first), ("2e import", step.second)] {
                let Some(run) = run else { continue };
                writeln!(
                    f,
                    "{:<22}{:>10}{:>12}{:>11}{:>11}{:>11}{:>11}{:>11}{rss:>12}",
                    format!("{name}, {label}"),
                    format!("{} s", decimal(run.secs, 2)),
                    thousands((run.read as f64 / run.secs.max(1e-9)) as u64),
                    thousands(run.read),
                    thousands(run.kept),
                    thousands(run.created),
                    thousands(run.unchanged),
                    thousands(run.rejected),
                )?;
            }
            if let Some(setup) = step.setup_secs {
                writeln!(
                    f,
                    "  ({name} : migrations et référentiels en {} s, hors mesure)",
                    decimal(setup, 1)
                )?;
            }
        }
        for skipped in &self.skipped {
            writeln!(
                f,
                "{} non mesuré : {}",
                step_name(skipped.step),
                skipped.reason
            )?;
        }
        TargetCheck::write_all(f, &self.targets)
    }
}
