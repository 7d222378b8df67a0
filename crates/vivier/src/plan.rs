//! `vivier plan …`: the planning engine ([`vivier_plan`]) on JSON documents, for organisers and
//! their scripts. The input comes from a file or the standard input; the result goes to the
//! standard output as JSON (the stable contract of `docs/planification.md`) or as a readable
//! table; the quality figures follow the table, or go to the standard error beside JSON so that
//! a script piping the JSON is not disturbed. An input the engine refuses exits with code 2 and
//! a message naming the field.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use vivier_plan::InputError;
use vivier_plan::dating::{self, DatingOutput, Method};
use vivier_plan::pairs::{self, Objective, PairsOutput};
use vivier_plan::programme::{self, ProgrammeReport, Severity};

/// `vivier plan` and its tasks.
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// What to plan or check.
    #[command(subcommand)]
    pub task: PlanTask,
}

/// The tasks of `vivier plan`.
#[derive(Debug, Clone, Subcommand)]
pub enum PlanTask {
    /// Vis mon job: pairs students with the agents they shadow.
    #[command(
        about = "Vis mon job : forme les binômes étudiant·e – agent (le plus d'étudiant·es placé·es, puis les meilleurs vœux)",
        long_about = "Lit {\"students\": [{\"id\", \"wishes\": [agents, du préféré au moins \
                      souhaité], \"dates\"?, \"registered_at\"?}], \"agents\": [{\"id\", \
                      \"capacity\", \"dates\"?}]} et écrit {\"pairs\", \"unplaced\", \"stats\"}. \
                      Place le plus d'étudiant·es possible, puis minimise la somme des rangs des \
                      vœux (avec --fair : le pire rang d'abord, puis le nombre d'étudiant·es à ce \
                      rang). Avec --previous, reprend un appariement précédent (le JSON écrit par \
                      une exécution antérieure) en changeant le moins de binômes possible, par \
                      exemple après le retrait d'un agent."
    )]
    Pairs(PairsArgs),

    /// Job dating: schedules the meetings of candidates and recruiters.
    #[command(
        name = "job-dating",
        about = "Job dating : planifie les rendez-vous candidats – recruteurs par créneau, avec les bornes supérieures",
        long_about = "Lit {\"slots\": N, \"recruiters\": [{\"id\", \"cap\"?, \"available\"?}], \
                      \"candidates\": [{\"id\", \"cap\"?, \"available\"?, \"requests\"}], \
                      \"previous\"?} et écrit {\"meetings\", \"stats\"}. Sert le plus de candidats \
                      distincts, puis le plus de rendez-vous, puis les meilleurs rangs ; chaque \
                      exécution donne les bornes supérieures (relaxations de flot) pour juger de \
                      la qualité. Avec \"previous\", garde en place chaque rendez-vous encore \
                      possible."
    )]
    JobDating(DocumentArgs),

    /// Conference programmes: the conflicts of a schedule of talks.
    #[command(
        name = "check-programme",
        about = "Programme de conférences : liste les conflits (salle, intervenant·e, capacité, thème)"
    )]
    CheckProgramme(DocumentArgs),

    /// The JSON Schema of an input or output.
    #[command(about = "Affiche le schéma JSON d'une entrée ou d'une sortie")]
    Schema(SchemaArgs),
}

/// Where the document is and how to write the result.
#[derive(Debug, Clone, Args)]
pub struct DocumentArgs {
    /// The JSON input; `-` or nothing for the standard input.
    #[arg(
        value_name = "FICHIER",
        help = "Le document JSON ; « - » ou rien : l'entrée standard"
    )]
    pub file: Option<PathBuf>,

    /// How the result is written.
    #[arg(long, value_enum, default_value_t = Format::Json, help = "json (par défaut) ou table, lisible")]
    pub format: Format,
}

/// Options of `vivier plan pairs`.
#[derive(Debug, Clone, Args)]
pub struct PairsArgs {
    /// The document and the output format.
    #[command(flatten)]
    pub document: DocumentArgs,

    /// Minimise the worst rank first.
    #[arg(
        long,
        help = "Équité : minimiser d'abord le pire rang, puis le nombre d'étudiant·es à ce rang"
    )]
    pub fair: bool,

    /// A previous output to change as little as possible.
    #[arg(
        long,
        value_name = "FICHIER",
        help = "Appariement précédent (sortie JSON d'une exécution antérieure) à modifier le moins possible"
    )]
    pub previous: Option<PathBuf>,
}

/// Options of `vivier plan schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// Which document.
    #[arg(value_enum)]
    pub document: SchemaDocument,
}

/// The documents whose schema `vivier plan schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaDocument {
    /// Input of `plan pairs`.
    PairsInput,
    /// Output of `plan pairs`.
    PairsOutput,
    /// Input of `plan job-dating`.
    JobDatingInput,
    /// Output of `plan job-dating`.
    JobDatingOutput,
    /// Input of `plan check-programme`.
    ProgrammeInput,
    /// Output of `plan check-programme`.
    ProgrammeOutput,
}

/// How a result is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The JSON contract (figures on the standard error).
    Json,
    /// A readable table followed by the figures.
    Table,
}

/// Why `vivier plan` could not answer. Every case is the caller's input: exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The input could not be read.
    #[error("lecture de {what} impossible : {source}")]
    Read {
        what: String,
        source: std::io::Error,
    },
    /// The engine refused the document.
    #[error("{what} : {source}")]
    Input { what: String, source: InputError },
}

/// What `vivier plan` writes: the result on the standard output, figures on the standard error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanOutput {
    /// For the standard output.
    pub stdout: String,
    /// For the standard error (the figures, beside JSON).
    pub stderr: String,
}

/// Runs a `vivier plan` task.
pub fn run(args: &PlanArgs) -> Result<PlanOutput, PlanError> {
    match &args.task {
        PlanTask::Pairs(pairs_args) => plan_pairs(pairs_args),
        PlanTask::JobDating(document) => {
            let (what, text) = read(document.file.as_deref())?;
            let input = dating::parse_input(&text).map_err(refused(&what))?;
            let output = dating::schedule(&input).map_err(refused(&what))?;
            Ok(write(
                document.format,
                &output,
                dating_table(&output),
                dating_figures(&output),
                &output.ignored_fields,
            ))
        }
        PlanTask::CheckProgramme(document) => {
            let (what, text) = read(document.file.as_deref())?;
            let input = programme::parse_programme(&text).map_err(refused(&what))?;
            let report = programme::check_programme(&input).map_err(refused(&what))?;
            Ok(write(
                document.format,
                &report,
                programme_table(&report),
                programme_figures(&report),
                &report.ignored_fields,
            ))
        }
        PlanTask::Schema(schema) => {
            let value = match schema.document {
                SchemaDocument::PairsInput => schemars::schema_for!(pairs::PairsInput),
                SchemaDocument::PairsOutput => schemars::schema_for!(PairsOutput),
                SchemaDocument::JobDatingInput => dating::input_schema(),
                SchemaDocument::JobDatingOutput => dating::output_schema(),
                SchemaDocument::ProgrammeInput => schemars::schema_for!(programme::ProgrammeInput),
                SchemaDocument::ProgrammeOutput => schemars::schema_for!(ProgrammeReport),
            };
            Ok(PlanOutput {
                stdout: json(&value),
                stderr: String::new(),
            })
        }
    }
}

fn plan_pairs(args: &PairsArgs) -> Result<PlanOutput, PlanError> {
    let (what, text) = read(args.document.file.as_deref())?;
    let input = pairs::parse_input(&text).map_err(refused(&what))?;
    let objective = if args.fair {
        Objective::Fair
    } else {
        Objective::TotalRank
    };
    let output = match &args.previous {
        None => pairs::pair(&input, objective).map_err(refused(&what))?,
        Some(path) => {
            let (previous_what, previous_text) = read(Some(path))?;
            let previous: PairsOutput =
                vivier_plan::json::from_str(&previous_text).map_err(refused(&previous_what))?;
            pairs::check_previous(&previous.pairs).map_err(refused(&previous_what))?;
            pairs::repair(&input, &previous.pairs, objective).map_err(refused(&what))?
        }
    };
    Ok(write(
        args.document.format,
        &output,
        pairs_table(&output),
        pairs_figures(&output),
        &output.ignored_fields,
    ))
}

/// How a refusal of the document named `what` is reported.
fn refused(what: &str) -> impl Fn(InputError) -> PlanError + '_ {
    move |source| PlanError::Input {
        what: what.to_owned(),
        source,
    }
}

/// How to name the document in a message, and its text: the file, or the standard input for
/// none or `-`.
fn read(file: Option<&Path>) -> Result<(String, String), PlanError> {
    let (what, text) = match file.filter(|path| *path != Path::new("-")) {
        Some(path) => (path.display().to_string(), std::fs::read_to_string(path)),
        None => {
            let mut text = String::new();
            let read = std::io::stdin().read_to_string(&mut text).map(|_| text);
            ("l'entrée standard".to_owned(), read)
        }
    };
    let text = text.map_err(|source| PlanError::Read {
        what: what.clone(),
        source,
    })?;
    Ok((what, text))
}

fn json(value: &impl serde::Serialize) -> String {
    // Plain data with string keys: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The result in `format`, the figures beside it, and the fields of the document that were read
/// past (so that a misspelt optional field does not go unnoticed).
fn write(
    format: Format,
    value: &impl serde::Serialize,
    table: String,
    mut figures: String,
    ignored_fields: &[String],
) -> PlanOutput {
    if !ignored_fields.is_empty() {
        figures.push_str(&format!(
            "champs ignorés, inconnus du contrat (faute de frappe ?) : {}\n",
            ignored_fields.join(", ")
        ));
    }
    match format {
        Format::Json => PlanOutput {
            stdout: json(value),
            stderr: figures,
        },
        Format::Table => PlanOutput {
            stdout: format!("{table}\n{figures}"),
            stderr: String::new(),
        },
    }
}

/// `part / whole` as a French percentage (`99,8 %`); 100 % of nothing.
fn share(part: u64, whole: u64) -> String {
    let ratio = if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    };
    format!("{:.1} %", ratio * 100.0).replace('.', ",")
}

fn decimal(value: f64) -> String {
    format!("{value:.2}").replace('.', ",")
}

/// Left-aligned columns, two spaces apart.
fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (cell, width) in cells.iter().zip(&widths) {
            let _ = write!(text, "{cell:<width$}  ");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

fn pairs_table(output: &PairsOutput) -> String {
    let rows: Vec<Vec<String>> = output
        .pairs
        .iter()
        .map(|p| {
            vec![
                p.student.clone(),
                p.agent.clone(),
                p.rank.to_string(),
                p.date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut text = table(&["étudiant·e", "agent", "vœu", "date"], &rows);
    if !output.unplaced.is_empty() {
        let rows: Vec<Vec<String>> = output
            .unplaced
            .iter()
            .map(|u| vec![u.student.clone(), u.message.clone()])
            .collect();
        text.push('\n');
        text.push_str(&table(&["non placé·e", "raison"], &rows));
    }
    text
}

fn pairs_figures(output: &PairsOutput) -> String {
    let stats = &output.stats;
    let mut text = format!(
        "Placé·es : {} sur {} étudiant·es ; maximum possible : {} ({} du maximum atteint)",
        stats.placed,
        stats.students,
        stats.max_placeable,
        share(stats.placed as u64, stats.max_placeable as u64)
    );
    if let (Some(mean), Some(worst)) = (stats.mean_rank, stats.worst_rank) {
        let _ = write!(text, " ; rang moyen {} ; pire rang {worst}", decimal(mean));
    }
    if let Some(changed) = stats.changed_pairs {
        let _ = write!(text, " ; binômes changés : {changed}");
    }
    text.push('\n');
    text
}

fn dating_table(output: &DatingOutput) -> String {
    let mut meetings: Vec<_> = output.meetings.iter().collect();
    meetings.sort_by(|a, b| (a.slot, &a.recruiter).cmp(&(b.slot, &b.recruiter)));
    let rows: Vec<Vec<String>> = meetings
        .iter()
        .map(|m| {
            vec![
                m.slot.to_string(),
                m.recruiter.clone(),
                m.candidate.clone(),
                m.rank.to_string(),
            ]
        })
        .collect();
    table(&["créneau", "recruteur", "candidat·e", "rang"], &rows)
}

fn dating_figures(output: &DatingOutput) -> String {
    let stats = &output.stats;
    let method = match stats.method {
        Method::Exact => "optimum exact",
        Method::Heuristic => "heuristique",
        Method::SelfBooking => "réservation libre",
    };
    format!(
        "Rendez-vous : {} ; borne supérieure {} ({}) ; candidat·es servi·es : {} ; borne {} ({}) ; \
         demandes : {} ; rang moyen {} ; méthode : {method}\n",
        stats.meetings,
        stats.meetings_upper_bound,
        share(stats.meetings, stats.meetings_upper_bound),
        stats.candidates_served,
        stats.candidates_upper_bound,
        share(stats.candidates_served, stats.candidates_upper_bound),
        stats.requests,
        decimal(stats.mean_rank),
    )
}

fn programme_table(report: &ProgrammeReport) -> String {
    let rows: Vec<Vec<String>> = report
        .conflicts
        .iter()
        .map(|c| {
            vec![
                match c.severity {
                    Severity::Hard => "bloquant".to_owned(),
                    Severity::Soft => "à surveiller".to_owned(),
                },
                c.talks.join(", "),
                c.slots.join(", "),
                c.message.clone(),
            ]
        })
        .collect();
    table(&["gravité", "exposés", "créneaux", "conflit"], &rows)
}

fn programme_figures(report: &ProgrammeReport) -> String {
    let stats = &report.stats;
    format!(
        "Exposés placés : {} sur {} ; conflits bloquants : {} ; à surveiller : {}\n",
        stats.scheduled, stats.talks, stats.hard, stats.soft
    )
}
