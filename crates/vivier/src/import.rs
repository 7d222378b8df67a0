//! `vivier import csp|pep FILE_OR_URL`: imports an export of the State's offers.
//!
//! The file (downloaded first when it is an address) is checked before anything is written:
//! readable, of a known format that matches the source asked for. Then the store gets its
//! referentials if it has none, and [`vivier_import::sync::import`] reads the file as a
//! stream, showing its progress; the run is recorded in the store with its report of rejected
//! rows, which `--report` also writes to a file. Rejected rows do not fail the command: only a
//! file that cannot be read at all, or a database that fails, does.

pub mod fetch;
pub mod progress;
pub mod schedule;

use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};
use url::Url;
use vivier_domain::offer::Source;
use vivier_import::digital::{DigitalRule, RuleError};
use vivier_import::sync::{self, Format, ImportError, ImportOptions};
use vivier_store::Store;
use vivier_store::import::{ImportCounts, NewImportRun};
use vivier_web::format::{count, decimal, thousands};

use crate::Error;
use crate::import::fetch::FetchError;
use crate::import::progress::{Counting, Display};

/// `import` and its sources.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

/// The sources `import` reads.
#[derive(Debug, Clone, Subcommand)]
pub enum ImportSource {
    /// The weekly Choisir le service public open-data file.
    #[command(
        about = "Importe le fichier hebdomadaire des offres de Choisir le service public",
        long_about = "Importe le fichier « Les offres diffusées sur Choisir le service public » \
                      (data.gouv.fr), depuis un fichier local ou une adresse http(s). Seules les \
                      offres numériques sont retenues (--all : toutes). Les offres nouvelles sont \
                      créées, celles qui ont changé mises à jour, celles absentes du fichier \
                      fermées ; une offre modifiée à la main dans Vivier n'est jamais écrasée \
                      (conflit signalé). Réimporter le même fichier ne change rien."
    )]
    Csp(ImportFileArgs),

    /// A Place de l'emploi public export.
    #[command(
        about = "Importe un export de Place de l'emploi public (TalentSoft ou partenaire)",
        long_about = "Importe un export de Place de l'emploi public : l'export TalentSoft (56 \
                      colonnes séparées par « ; ») ou un export partenaire (colonnes séparées par \
                      « | »), reconnu d'après son en-tête ou donné par --format. Mêmes règles que \
                      `import csp`."
    )]
    Pep(ImportFileArgs),
}

/// The format of an export, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Choisir le service public's open-data file.
    Csp,
    /// Place de l'emploi public's TalentSoft export.
    Talentsoft,
    /// Place de l'emploi public's `|`-separated partner export.
    Partenaire,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Csp => Self::Csp,
            FormatArg::Talentsoft => Self::PepTalentSoft,
            FormatArg::Partenaire => Self::PepPartner,
        }
    }
}

/// What `import csp` and `import pep` take.
#[derive(Debug, Clone, Args)]
pub struct ImportFileArgs {
    /// A file, or an `http(s)://` address to download it from.
    #[arg(
        value_name = "FICHIER_OU_URL",
        help = "Fichier à importer, ou adresse http(s) où le télécharger"
    )]
    pub input: String,

    /// The format, when the header does not say it.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        help = "Format du fichier (reconnu d'après l'en-tête sinon)"
    )]
    pub format: Option<FormatArg>,

    /// Every offer, not only the digital ones.
    #[arg(
        long,
        help = "Importer toutes les offres, pas seulement celles du numérique"
    )]
    pub all: bool,

    /// Rule lines added to the built-in digital rule.
    #[arg(
        long,
        value_name = "FICHIER",
        help = "Règle des offres numériques à ajouter à celle intégrée (lignes « métier = … », « ogr = … », « mot = … »)"
    )]
    pub digital_rule: Option<PathBuf>,

    /// Where to write the report of rejected rows and conflicts.
    #[arg(
        long,
        value_name = "FICHIER",
        help = "Écrire le rapport des lignes rejetées et des conflits dans ce fichier CSV"
    )]
    pub report: Option<PathBuf>,
}

/// Why `import` could not run; every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("impossible de lire « {input} » : {source}")]
    Input {
        input: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(
        "format de « {input} » non reconnu : son en-tête n'est ni celui du fichier de Choisir le \
         service public, ni celui d'un export de Place de l'emploi public (TalentSoft ou \
         partenaire) ; vérifiez le fichier, ou donnez son format avec --format"
    )]
    UnknownFormat { input: String },
    #[error(
        "« {input} » n'est pas encodé en UTF-8 (dès sa ligne d'en-tête ; est-il en Latin-1 ?) : \
         enregistrez-le en UTF-8, puis relancez l'import"
    )]
    Encoding { input: String },
    #[error(
        "« {input} » est un {found} : importez-le avec `vivier import {command}`",
        found = describe_format(*found),
        command = found.source().code()
    )]
    WrongSource { input: String, found: Format },
    #[error("impossible de lire la règle des offres numériques « {} » : {source}", path.display())]
    RuleFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("règle des offres numériques « {} », {source}", path.display())]
    Rule { path: PathBuf, source: RuleError },
    #[error("import de « {input} » interrompu : {source}")]
    Run { input: String, source: ImportError },
    #[error("impossible d'écrire le rapport « {} » : {source}", path.display())]
    ReportFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn describe_format(format: Format) -> &'static str {
    match format {
        Format::Csp => "fichier de Choisir le service public",
        Format::PepTalentSoft => "export TalentSoft de Place de l'emploi public",
        Format::PepPartner => "export partenaire de Place de l'emploi public",
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub format: Format,
    /// The file or address, as given.
    pub input: String,
    pub bytes: u64,
    /// SHA-256 of the file, hexadecimal.
    pub checksum: String,
    pub all: bool,
    pub elapsed: Duration,
    pub counts: ImportCounts,
    /// Rejected rows and conflicts: `ligne;référence;motif` lines under a header.
    pub report: String,
    /// Where `--report` wrote it.
    pub report_path: Option<PathBuf>,
}

/// How many report lines the summary shows when no report file is asked for.
const SHOWN_REPORT_LINES: usize = 5;

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        let rate = c.read as f64 / self.elapsed.as_secs_f64().max(1e-3);
        writeln!(
            f,
            "Import terminé : {} « {} » ({} Mo, SHA-256 {}…), en {} s ({} lignes/s).",
            describe_format(self.format),
            self.input,
            decimal(self.bytes as f64 / 1e6, 1),
            &self.checksum[..self.checksum.len().min(12)],
            decimal(self.elapsed.as_secs_f64(), 1),
            thousands(rate as u64),
        )?;
        writeln!(f)?;
        let kept = if self.all {
            "offres retenues (toutes)"
        } else {
            "offres retenues (numériques)"
        };
        for (label, value) in [
            ("lignes lues", c.read),
            (kept, c.kept),
            ("créées", c.created),
            ("mises à jour", c.updated),
            ("inchangées", c.unchanged),
            ("fermées (absentes du fichier)", c.closed),
            ("rouvertes", c.reopened),
            ("conflits (modifiées dans Vivier)", c.conflicts),
            ("lignes rejetées", c.rejected),
        ] {
            writeln!(f, "  {label:<34}{:>10}", thousands(value))?;
        }
        let lines: Vec<&str> = self.report.lines().skip(1).collect();
        if lines.is_empty() {
            return write!(f, "\nAucune ligne rejetée, aucun conflit.");
        }
        writeln!(f)?;
        match &self.report_path {
            Some(path) => write!(
                f,
                "Rapport des rejets et conflits ({}) : {}",
                count(lines.len(), "ligne", "lignes"),
                path.display()
            ),
            None => {
                writeln!(f, "Rejets et conflits (ligne;référence;motif) :")?;
                for line in lines.iter().take(SHOWN_REPORT_LINES) {
                    writeln!(f, "  {line}")?;
                }
                if lines.len() > SHOWN_REPORT_LINES {
                    writeln!(
                        f,
                        "  … et {} autres.",
                        thousands((lines.len() - SHOWN_REPORT_LINES) as u64)
                    )?;
                }
                write!(
                    f,
                    "Le rapport complet est enregistré avec l'import ; --report FICHIER l'écrit \
                     dans un fichier."
                )
            }
        }
    }
}

/// The file to import, on disk.
struct Input {
    file: File,
    path: PathBuf,
    bytes: u64,
    checksum: String,
    /// Keeps a downloaded file until the end of the run.
    _download: Option<tempfile::NamedTempFile>,
}

/// A file checked and ready to import.
struct Prepared {
    source: Source,
    input: Input,
    format: Format,
    rule: DigitalRule,
}

/// Runs `vivier import` into `store`; `terminal` shows a progress bar rather than log lines.
pub async fn import(
    store: &dyn Store,
    args: &ImportArgs,
    today: time::Date,
    terminal: bool,
) -> Result<ImportReport, Error> {
    let (source, args) = match &args.source {
        ImportSource::Csp(a) => (Source::Csp, a),
        ImportSource::Pep(a) => (Source::Pep, a),
    };
    let prepared = prepare(source, args).await?;
    crate::seed::referentials(store).await?;
    Ok(run(store, prepared, args, today, terminal).await?)
}

/// Checks everything that can be checked before writing: the rule, the file, its format.
async fn prepare(source: Source, args: &ImportFileArgs) -> Result<Prepared, ImportFailure> {
    let rule = digital_rule(args.digital_rule.as_deref())?;
    let input = open(&args.input).await?;
    let format = match args.format {
        Some(format) => format.into(),
        None => {
            let first = first_line(&input.path).map_err(|source| ImportFailure::Input {
                input: args.input.clone(),
                source,
            })?;
            Format::detect(&first).ok_or_else(|| {
                if std::str::from_utf8(&first).is_err() {
                    ImportFailure::Encoding {
                        input: args.input.clone(),
                    }
                } else {
                    ImportFailure::UnknownFormat {
                        input: args.input.clone(),
                    }
                }
            })?
        }
    };
    if format.source() != source {
        return Err(ImportFailure::WrongSource {
            input: args.input.clone(),
            found: format,
        });
    }
    Ok(Prepared {
        source,
        input,
        format,
        rule,
    })
}

async fn run(
    store: &dyn Store,
    prepared: Prepared,
    args: &ImportFileArgs,
    today: time::Date,
    terminal: bool,
) -> Result<ImportReport, ImportFailure> {
    let Prepared {
        source,
        input,
        format,
        rule,
    } = prepared;
    let run = NewImportRun {
        source,
        file_name: args.input.clone(),
        checksum: input.checksum.clone(),
        all_offers: args.all,
    };
    let options = ImportOptions {
        format,
        all: args.all,
        rule,
        today,
    };
    let (reader, counter) = Counting::new(&input.file);
    let mut display = Display::new(input.bytes, counter, terminal);
    let started = Instant::now();
    let result = sync::import(
        store,
        BufReader::with_capacity(1 << 16, reader),
        run,
        &options,
        &mut |progress| display.update(progress),
    )
    .await;
    display.finish();
    let summary = result.map_err(|source| ImportFailure::Run {
        input: args.input.clone(),
        source,
    })?;
    if let Some(path) = &args.report {
        std::fs::write(path, &summary.report).map_err(|source| ImportFailure::ReportFile {
            path: path.clone(),
            source,
        })?;
    }
    Ok(ImportReport {
        format,
        input: args.input.clone(),
        bytes: input.bytes,
        checksum: input.checksum,
        all: args.all,
        elapsed: started.elapsed(),
        counts: summary.counts,
        report: summary.report,
        report_path: args.report.clone(),
    })
}

/// The built-in digital rule, with the lines of `path` added.
fn digital_rule(path: Option<&Path>) -> Result<DigitalRule, ImportFailure> {
    let mut rule = DigitalRule::builtin();
    if let Some(path) = path {
        let text = std::fs::read_to_string(path).map_err(|source| ImportFailure::RuleFile {
            path: path.to_owned(),
            source,
        })?;
        let extra = DigitalRule::parse(&text).map_err(|source| ImportFailure::Rule {
            path: path.to_owned(),
            source,
        })?;
        rule.extend(extra);
    }
    Ok(rule)
}

/// Opens a local file, or downloads an `http(s)://` address, and checksums it.
async fn open(input: &str) -> Result<Input, ImportFailure> {
    if let Some(url) = Url::parse(input)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
    {
        tracing::info!("téléchargement de {url}…");
        let started = Instant::now();
        let downloaded = fetch::download(&url).await?;
        tracing::info!(
            "{} Mo téléchargés en {} s",
            decimal(downloaded.bytes as f64 / 1e6, 1),
            decimal(started.elapsed().as_secs_f64(), 1)
        );
        let file = downloaded
            .file
            .reopen()
            .map_err(|source| ImportFailure::Input {
                input: input.to_owned(),
                source,
            })?;
        return Ok(Input {
            file,
            path: downloaded.file.path().to_owned(),
            bytes: downloaded.bytes,
            checksum: downloaded.checksum,
            _download: Some(downloaded.file),
        });
    }
    let path = input.to_owned();
    let checksummed = tokio::task::spawn_blocking(move || checksum(Path::new(&path)))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|r| r);
    let (bytes, checksum) = checksummed.map_err(|source| ImportFailure::Input {
        input: input.to_owned(),
        source,
    })?;
    let file = File::open(input).map_err(|source| ImportFailure::Input {
        input: input.to_owned(),
        source,
    })?;
    Ok(Input {
        file,
        path: PathBuf::from(input),
        bytes,
        checksum,
        _download: None,
    })
}

/// The size and SHA-256 of a file.
fn checksum(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(std::io::Error::other("c'est un dossier, pas un fichier"));
    }
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher)?;
    Ok((bytes, hex::encode(hasher.finalize())))
}

/// The file's first line (at most 64 KiB of it).
fn first_line(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(1 << 16);
    File::open(path)?.take(1 << 16).read_to_end(&mut head)?;
    if let Some(end) = head.iter().position(|&b| b == b'\n') {
        head.truncate(end);
    }
    Ok(head)
}
