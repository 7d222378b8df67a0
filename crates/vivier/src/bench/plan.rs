//! `vivier bench plan`: the planning engine on the instances, beside its baselines and
//! its upper bounds.
//!
//! Each case runs in a child process of its own (the same executable with the hidden `--case`
//! option, see [`cases`]), so that its peak resident memory is its own; the child prints its
//! figures as one JSON line. Instances come from the seeded generators of `vivier-plan`: the
//! same seed always measures the same instances. Every output, the baselines' included, goes
//! through the independent validators.

pub mod cases;

use std::fmt;
use std::path::Path;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde::{Deserialize, Serialize};
use vivier_plan::dating::Method;
use vivier_web::format::{decimal, thousands};

use crate::Error;
use crate::bench::http::TargetCheck;
use crate::bench::{child_report, megabytes};
use cases::{CaseReport, DatingCase, DatingFigures, Outcome, PairsCase, PairsFigures};

/// The targets (issue 7): pairing 10,000 students.
pub const MAX_PAIRS_LARGE: Duration = Duration::from_secs(1);
/// The same with the fairness objective.
pub const MAX_PAIRS_LARGE_FAIR: Duration = Duration::from_secs(3);
/// Scheduling the medium job dating, either availability.
pub const MAX_DATING_MEDIUM: Duration = Duration::from_millis(50);
/// Scheduling the large job dating.
pub const MAX_DATING_LARGE: Duration = Duration::from_millis(500);
/// Share of each upper bound a restricted schedule reaches, in percent.
pub const MIN_BOUND_PERCENT: f64 = 99.0;

/// Options of `bench plan`.
#[derive(Debug, Clone, Args)]
pub struct PlanBenchArgs {
    /// Seed of the generated instances.
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        help = "Graine des instances générées (même graine, mêmes instances)"
    )]
    pub seed: u64,

    /// Instances at the scale of the 2020 edition.
    #[arg(
        long,
        default_value_t = 20,
        value_name = "N",
        help = "Nombre d'instances à l'échelle de l'édition 2020 (graines successives)"
    )]
    pub editions: u64,

    /// Runs of the engine per instance; the best time counts.
    #[arg(
        long,
        default_value_t = 5,
        value_name = "N",
        help = "Exécutions du moteur par instance (la meilleure durée compte)"
    )]
    pub runs: u64,

    /// Measures only these cases (all by default).
    #[arg(
        long = "only",
        value_enum,
        value_name = "CAS",
        help = "Ne mesurer que ce cas (option répétable ; tous par défaut)"
    )]
    pub only: Vec<Case>,

    /// Prints the figures as JSON instead of a table.
    #[arg(long, help = "Afficher les résultats en JSON plutôt qu'en tableau")]
    pub json: bool,

    /// Internal: measure this case in this process and print its figures as one JSON line.
    #[arg(long, value_enum, hide = true)]
    pub case: Option<Case>,
}

/// The measured instances, each in a child process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// Vis mon job at the 2020 edition's scale: 60 students × 80 agents, `--editions` seeds.
    #[value(name = "pairs-2020")]
    #[serde(rename = "pairs-2020")]
    Pairs2020,
    /// Vis mon job nationwide: 10,000 students × 2,000 agents, capacity 1–3.
    PairsLarge,
    /// The same, with the fairness objective.
    PairsLargeFair,
    /// Job dating, 5,000 candidates × 100 recruiters × 16 slots, everyone always available.
    DatingMediumFull,
    /// The same with restricted availability.
    DatingMediumRestricted,
    /// Job dating, 20,000 × 400 × 16, cap 4, restricted availability.
    DatingLarge,
    /// Not in the issue: 1,000 × 200, as many recruiter slots as requests, where the bounds are
    /// not all reached.
    DatingBalanced,
    /// Not in the issue: 8,000 × 1,500, cap 4, restricted, balanced likewise.
    DatingBalancedLarge,
}

impl Case {
    /// Every case, in the report's order.
    pub const ALL: [Self; 8] = [
        Self::Pairs2020,
        Self::PairsLarge,
        Self::PairsLargeFair,
        Self::DatingMediumFull,
        Self::DatingMediumRestricted,
        Self::DatingLarge,
        Self::DatingBalanced,
        Self::DatingBalancedLarge,
    ];

    /// The option value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pairs2020 => "pairs-2020",
            Self::PairsLarge => "pairs-large",
            Self::PairsLargeFair => "pairs-large-fair",
            Self::DatingMediumFull => "dating-medium-full",
            Self::DatingMediumRestricted => "dating-medium-restricted",
            Self::DatingLarge => "dating-large",
            Self::DatingBalanced => "dating-balanced",
            Self::DatingBalancedLarge => "dating-balanced-large",
        }
    }

    /// The case's name in the report.
    fn name(self) -> &'static str {
        match self {
            Self::Pairs2020 => "binômes, échelle 2020",
            Self::PairsLarge => "binômes, national",
            Self::PairsLargeFair => "binômes, national, équité",
            Self::DatingMediumFull => "job dating moyen, complet",
            Self::DatingMediumRestricted => "job dating moyen, restreint",
            Self::DatingLarge => "job dating grand, restreint",
            Self::DatingBalanced => "job dating équilibré",
            Self::DatingBalancedLarge => "job dating équilibré, grand",
        }
    }
}

/// What `vivier bench plan` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanBenchReport {
    pub seed: u64,
    pub runs: u64,
    pub cases: Vec<CaseReport>,
    pub targets: Vec<TargetCheck>,
    pub all_targets_met: bool,
}

/// Runs the benchmark (the parent side): each case in a child `exe bench plan --case …`.
pub async fn bench_plan(
    args: &PlanBenchArgs,
    log: &str,
    exe: &Path,
) -> Result<PlanBenchReport, Error> {
    let mut cases = Vec::new();
    for case in Case::ALL {
        if args.only.is_empty() || args.only.contains(&case) {
            cases.push(child(exe, log, args, case).await?);
        }
    }
    let targets = targets(&cases);
    Ok(PlanBenchReport {
        seed: args.seed,
        runs: args.runs,
        cases,
        all_targets_met: targets.iter().all(|t| t.ok),
        targets,
    })
}

/// Runs `exe bench plan --case <case>` and reads the JSON line it prints last.
async fn child(
    exe: &Path,
    log: &str,
    args: &PlanBenchArgs,
    case: Case,
) -> Result<CaseReport, Error> {
    tracing::info!(case = case.code(), "mesure…");
    let mut command = tokio::process::Command::new(exe);
    command
        .args(["--log", log])
        .args(["bench", "plan", "--case", case.code()])
        .args(["--seed", &args.seed.to_string()])
        .args(["--editions", &args.editions.to_string()])
        .args(["--runs", &args.runs.to_string()]);
    Ok(child_report(command, case.code()).await?)
}

/// Measures one case in this process (the child side of [`bench_plan`]).
pub fn run_case(args: &PlanBenchArgs, case: Case) -> Result<CaseReport, Error> {
    Ok(cases::measure(case, args)?)
}

fn percent(value: f64) -> String {
    format!("{} %", decimal(value, 2))
}

fn milliseconds(ms: f64) -> String {
    format!("{} ms", decimal(ms, if ms < 10.0 { 2 } else { 1 }))
}

/// The targets, for the cases measured.
fn targets(cases: &[CaseReport]) -> Vec<TargetCheck> {
    let mut checks = Vec::new();
    for report in cases {
        let name = report.case.name();
        let (engine, baseline) = match &report.outcome {
            Outcome::Pairs(pairs) => {
                pairs_targets(&mut checks, report, pairs);
                (pairs.engine.violations, pairs.baseline.violations)
            }
            Outcome::Dating(dating) => {
                dating_targets(&mut checks, report, dating);
                (dating.engine.violations, dating.baseline.violations)
            }
        };
        checks.push(TargetCheck {
            target: format!("{name} : le validateur ne trouve aucune violation"),
            measured: format!("moteur {engine}, référence {baseline}"),
            ok: engine == 0 && baseline == 0,
        });
    }
    checks
}

fn pairs_targets(checks: &mut Vec<TargetCheck>, report: &CaseReport, pairs: &PairsCase) {
    let name = report.case.name();
    let (engine, baseline) = (&pairs.engine, &pairs.baseline);
    checks.push(TargetCheck {
        target: format!("{name} : 100 % du maximum de placés, sur chaque instance"),
        measured: format!(
            "{} / {} ({}), {} instance(s) sur {}",
            thousands(engine.placed),
            thousands(engine.max_placeable),
            percent(engine.placed_percent()),
            pairs.editions_at_max,
            pairs.editions
        ),
        ok: pairs.editions_at_max == pairs.editions,
    });
    let time_limit = match report.case {
        Case::PairsLarge => Some(MAX_PAIRS_LARGE),
        Case::PairsLargeFair => Some(MAX_PAIRS_LARGE_FAIR),
        _ => None,
    };
    if let Some(limit) = time_limit {
        checks.push(TargetCheck {
            target: format!("{name} : < {} s", limit.as_secs()),
            measured: milliseconds(report.engine_ms),
            ok: report.engine_ms < limit.as_secs_f64() * 1e3,
        });
    }
    if report.case == Case::Pairs2020 {
        checks.push(TargetCheck {
            target: format!("{name} : plus de placés que « premier arrivé, premier servi »"),
            measured: format!("{} contre {}", engine.placed, baseline.placed),
            ok: engine.placed > baseline.placed,
        });
        // Placing the maximum first moves some students to later wishes, so the mean over the
        // placed alone can rise: the comparison counts every student (see the report's note).
        checks.push(TargetCheck {
            target: format!(
                "{name} : meilleur rang moyen que « premier arrivé, premier servi », chaque non \
                 placé comptant au rang suivant son dernier vœu"
            ),
            measured: format!(
                "{} contre {}",
                decimal(engine.mean_rank_with_unplaced(), 3),
                decimal(baseline.mean_rank_with_unplaced(), 3)
            ),
            ok: engine.mean_rank_with_unplaced() < baseline.mean_rank_with_unplaced(),
        });
    }
}

fn dating_targets(checks: &mut Vec<TargetCheck>, report: &CaseReport, dating: &DatingCase) {
    let name = report.case.name();
    let engine = &dating.engine;
    let figures = format!(
        "rencontres {} / {}, candidats {} / {}",
        thousands(engine.meetings),
        thousands(engine.meetings_upper_bound),
        thousands(engine.candidates_served),
        thousands(engine.candidates_upper_bound)
    );
    if report.case == Case::DatingMediumFull {
        checks.push(TargetCheck {
            target: format!("{name} : exactement l'optimum (méthode exacte, bornes atteintes)"),
            measured: format!("{figures}, méthode {}", method_name(engine.method)),
            ok: engine.method == Method::Exact
                && engine.meetings == engine.meetings_upper_bound
                && engine.candidates_served == engine.candidates_upper_bound,
        });
    } else {
        checks.push(TargetCheck {
            target: format!("{name} : ≥ {MIN_BOUND_PERCENT} % de chacune des deux bornes"),
            measured: format!(
                "{figures} ({} et {})",
                percent(engine.meetings_percent()),
                percent(engine.candidates_percent())
            ),
            ok: engine.meetings_percent() >= MIN_BOUND_PERCENT
                && engine.candidates_percent() >= MIN_BOUND_PERCENT,
        });
    }
    let limit = match report.case {
        Case::DatingMediumFull | Case::DatingMediumRestricted => Some(MAX_DATING_MEDIUM),
        Case::DatingLarge => Some(MAX_DATING_LARGE),
        _ => None,
    };
    if let Some(limit) = limit {
        checks.push(TargetCheck {
            target: format!("{name} : < {} ms", limit.as_millis()),
            measured: milliseconds(report.engine_ms),
            ok: report.engine_ms < limit.as_secs_f64() * 1e3,
        });
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Exact => "exacte",
        Method::Heuristic => "heuristique",
        Method::SelfBooking => "auto-réservation",
    }
}

impl fmt::Display for PlanBenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Banc d'essai de la planification : graine {}, meilleure de {} exécution(s), un fil",
            self.seed, self.runs
        )?;
        for report in &self.cases {
            writeln!(f)?;
            writeln!(f, "{} : {}", report.case.name(), report.instance)?;
            writeln!(
                f,
                "  durée du moteur {} (génération {}), mémoire max {} (instance seule {})",
                milliseconds(report.engine_ms),
                milliseconds(report.generate_ms),
                megabytes(report.peak_rss_bytes),
                megabytes(report.instance_rss_bytes)
            )?;
            match &report.outcome {
                Outcome::Pairs(pairs) => write_pairs(f, pairs)?,
                Outcome::Dating(dating) => write_dating(f, dating)?,
            }
        }
        TargetCheck::write_all(f, &self.targets)
    }
}

fn write_pairs(f: &mut fmt::Formatter<'_>, pairs: &PairsCase) -> fmt::Result {
    writeln!(
        f,
        "  {:<32}{:>18}{:>12}{:>6}{:>17}   placés aux rangs 1, 2, 3…",
        "", "placés / max", "rang moyen", "pire", "avec non placés"
    )?;
    let line = |f: &mut fmt::Formatter<'_>, label: &str, p: &PairsFigures| {
        let ranks: Vec<String> = p.by_rank.iter().map(|&n| thousands(n)).collect();
        writeln!(
            f,
            "  {label:<32}{:>18}{:>12}{:>6}{:>17}   {}",
            format!("{} / {}", thousands(p.placed), thousands(p.max_placeable)),
            decimal(p.mean_rank(), 3),
            p.worst_rank,
            decimal(p.mean_rank_with_unplaced(), 3),
            ranks.join(", ")
        )
    };
    line(f, "moteur", &pairs.engine)?;
    line(f, "premier arrivé, premier servi", &pairs.baseline)?;
    if pairs.engine.mean_rank() > pairs.baseline.mean_rank() {
        writeln!(
            f,
            "  le rang moyen des seuls placés est plus élevé pour le moteur : placer le maximum \
             d'étudiants fait passer certains à des vœux plus lointains pour libérer des places"
        )?;
    }
    writeln!(
        f,
        "  par rapport à la référence : {} étudiant(s) mieux lotis (placés ou mieux classés), {} \
         moins bien",
        thousands(pairs.better_off),
        thousands(pairs.worse_off)
    )
}

fn write_dating(f: &mut fmt::Formatter<'_>, dating: &DatingCase) -> fmt::Result {
    writeln!(
        f,
        "  {:<24}{:>26}{:>26}{:>12}",
        "", "rencontres / borne", "candidats / borne", "rang moyen"
    )?;
    let line = |f: &mut fmt::Formatter<'_>, label: &str, d: &DatingFigures| {
        writeln!(
            f,
            "  {label:<24}{:>26}{:>26}{:>12}",
            format!(
                "{} / {} ({})",
                thousands(d.meetings),
                thousands(d.meetings_upper_bound),
                percent(d.meetings_percent())
            ),
            format!(
                "{} / {} ({})",
                thousands(d.candidates_served),
                thousands(d.candidates_upper_bound),
                percent(d.candidates_percent())
            ),
            decimal(d.mean_rank, 3)
        )
    };
    line(
        f,
        &format!("moteur ({})", method_name(dating.engine.method)),
        &dating.engine,
    )?;
    line(f, "auto-réservation", &dating.baseline)?;
    writeln!(
        f,
        "  {} candidats, {} demandes",
        thousands(dating.engine.candidates),
        thousands(dating.engine.requests)
    )
}
