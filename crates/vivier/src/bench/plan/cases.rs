//! The child side of `vivier bench plan`: one case generated, solved and checked in this
//! process, whose peak resident memory is then the engine's.
//!
//! The order inside a case matters for the memory figure: the instance is generated, the
//! engine runs (best of `runs`), `VmHWM` is read, and only then do the validator and the
//! baseline run, so that neither counts in the engine's peak.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use vivier_plan::dating::{self, Availability, DatingInput, DatingOutput, GeneratorConfig, Method};
use vivier_plan::pairs::{self, Objective, PairsInput, PairsOutput, PairsScenario};
use vivier_web::format::thousands;

use super::{Case, PlanBenchArgs};
use crate::bench::BenchError;
use crate::bench::server::peak_rss_bytes;

/// The seed of the self-booking baseline's arrival order, the same in every run.
const ARRIVAL_SEED: u64 = 7;

/// What one case measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseReport {
    pub case: Case,
    /// The instance, in French ("10 000 étudiants × 2 000 agents…").
    pub instance: String,
    /// Generating the instance (all of them for the 2020 scale), in milliseconds.
    pub generate_ms: f64,
    /// The engine's runtime on one instance, best of `runs` (the mean over the editions at the
    /// 2020 scale), in milliseconds.
    pub engine_ms: f64,
    /// Peak resident memory once the instance is generated, before the engine runs.
    pub instance_rss_bytes: Option<u64>,
    /// Peak resident memory once the engine has run: the process's, instance included.
    pub peak_rss_bytes: Option<u64>,
    pub outcome: Outcome,
}

/// The engine's and the baseline's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Pairs(PairsCase),
    Dating(DatingCase),
}

/// A pairing case: the engine against first come, first served, on the same instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairsCase {
    pub editions: u64,
    /// Editions where the engine placed the maximum.
    pub editions_at_max: u64,
    pub engine: PairsFigures,
    pub baseline: PairsFigures,
    /// Students the engine treats better than the baseline (placed where the baseline left
    /// them out, or at a better rank), and worse.
    pub better_off: u64,
    pub worse_off: u64,
}

/// Quality of pairings, summed over the case's instances.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PairsFigures {
    pub students: u64,
    pub placed: u64,
    pub max_placeable: u64,
    pub total_rank: u64,
    pub worst_rank: u32,
    /// Students placed at rank 1, 2, … (index 0 is rank 1).
    pub by_rank: Vec<u64>,
    /// The rank summed over every student, an unplaced one counting one past their last
    /// wish: placing one more student always lowers it.
    pub total_rank_with_unplaced: u64,
    /// What the independent validator found wrong.
    pub violations: u64,
}

impl PairsFigures {
    /// Adds an output, given each student's outcome ([`outcomes`]).
    fn add(&mut self, output: &PairsOutput, outcomes: &[u64], violations: usize) {
        let stats = &output.stats;
        self.students += stats.students as u64;
        self.placed += stats.placed as u64;
        self.max_placeable += stats.max_placeable as u64;
        self.total_rank += stats.total_rank;
        self.worst_rank = self.worst_rank.max(stats.worst_rank.unwrap_or(0));
        for pair in &output.pairs {
            let index = pair.rank.saturating_sub(1) as usize;
            if self.by_rank.len() <= index {
                self.by_rank.resize(index + 1, 0);
            }
            self.by_rank[index] += 1;
        }
        self.total_rank_with_unplaced += outcomes.iter().sum::<u64>();
        self.violations += violations as u64;
    }

    /// Mean rank of the placed students.
    pub fn mean_rank(&self) -> f64 {
        self.total_rank as f64 / self.placed.max(1) as f64
    }

    /// Mean rank of every student, an unplaced one counting one past their last wish.
    pub fn mean_rank_with_unplaced(&self) -> f64 {
        self.total_rank_with_unplaced as f64 / self.students.max(1) as f64
    }

    /// Placed students as a share of the maximum, in percent.
    pub fn placed_percent(&self) -> f64 {
        100.0 * self.placed as f64 / self.max_placeable.max(1) as f64
    }
}

/// Each student's outcome, in input order: their rank, or one past their last wish.
fn outcomes(input: &PairsInput, output: &PairsOutput) -> Vec<u64> {
    let mut ranks: Vec<u64> = input
        .students
        .iter()
        .map(|s| s.wishes.len() as u64 + 1)
        .collect();
    let index: std::collections::HashMap<&str, usize> = input
        .students
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for pair in &output.pairs {
        if let Some(&i) = index.get(pair.student.as_str()) {
            ranks[i] = u64::from(pair.rank);
        }
    }
    ranks
}

/// A job-dating case: the engine and the self-booking baseline against the same bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatingCase {
    pub engine: DatingFigures,
    pub baseline: DatingFigures,
}

/// Quality of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatingFigures {
    pub meetings: u64,
    pub meetings_upper_bound: u64,
    pub candidates_served: u64,
    pub candidates_upper_bound: u64,
    pub candidates: u64,
    pub requests: u64,
    pub mean_rank: f64,
    pub method: Method,
    pub violations: u64,
}

impl DatingFigures {
    /// The figures of `output`, checked by the validator; what it finds is logged.
    fn new(case: Case, input: &DatingInput, output: &DatingOutput) -> Self {
        let problems = dating::violations(input, output);
        for problem in &problems {
            tracing::error!(case = case.code(), %problem, "planning invalide");
        }
        let stats = &output.stats;
        Self {
            meetings: stats.meetings,
            meetings_upper_bound: stats.meetings_upper_bound,
            candidates_served: stats.candidates_served,
            candidates_upper_bound: stats.candidates_upper_bound,
            candidates: input.candidates.len() as u64,
            requests: stats.requests,
            mean_rank: stats.mean_rank,
            method: stats.method,
            violations: problems.len() as u64,
        }
    }

    /// Meetings as a share of their upper bound, in percent.
    pub fn meetings_percent(&self) -> f64 {
        100.0 * self.meetings as f64 / self.meetings_upper_bound.max(1) as f64
    }

    /// Candidates served as a share of their upper bound, in percent.
    pub fn candidates_percent(&self) -> f64 {
        100.0 * self.candidates_served as f64 / self.candidates_upper_bound.max(1) as f64
    }
}

/// Measures `case` in this process.
pub fn measure(case: Case, args: &PlanBenchArgs) -> Result<CaseReport, BenchError> {
    let runs = args.runs;
    match case {
        Case::Pairs2020 => {
            let scenario = PairsScenario::edition_2020();
            let seeds = args.seed..args.seed + args.editions.max(1);
            measure_pairs(case, &scenario, seeds, Objective::TotalRank, runs)
        }
        Case::PairsLarge | Case::PairsLargeFair => {
            let objective = if case == Case::PairsLargeFair {
                Objective::Fair
            } else {
                Objective::TotalRank
            };
            let scenario = PairsScenario::large();
            measure_pairs(case, &scenario, args.seed..args.seed + 1, objective, runs)
        }
        Case::DatingMediumFull => measure_dating(
            case,
            &GeneratorConfig::medium(Availability::Full, args.seed),
            runs,
        ),
        Case::DatingMediumRestricted => measure_dating(
            case,
            &GeneratorConfig::medium(Availability::Restricted, args.seed),
            runs,
        ),
        Case::DatingLarge => measure_dating(case, &GeneratorConfig::large(args.seed), runs),
        Case::DatingBalanced => measure_dating(
            case,
            &GeneratorConfig {
                candidates: 1_000,
                recruiters: 200,
                ..GeneratorConfig::medium(Availability::Restricted, args.seed)
            },
            runs,
        ),
        Case::DatingBalancedLarge => measure_dating(
            case,
            &GeneratorConfig {
                candidates: 8_000,
                recruiters: 1_500,
                ..GeneratorConfig::large(args.seed)
            },
            runs,
        ),
    }
}

/// Runs `f` `runs` times (once at least); its last result and its best time.
fn best_of<T>(runs: u64, mut f: impl FnMut() -> T) -> (T, Duration) {
    let started = Instant::now();
    let mut value = f();
    let mut best = started.elapsed();
    for _ in 1..runs {
        let started = Instant::now();
        value = f();
        best = best.min(started.elapsed());
    }
    (value, best)
}

fn refused(case: Case, error: impl std::fmt::Display) -> BenchError {
    BenchError::Engine {
        engine: case.code(),
        message: format!("l'instance générée est refusée : {error}"),
    }
}

fn measure_pairs(
    case: Case,
    scenario: &PairsScenario,
    seeds: std::ops::Range<u64>,
    objective: Objective,
    runs: u64,
) -> Result<CaseReport, BenchError> {
    let started = Instant::now();
    let inputs: Vec<PairsInput> = seeds
        .map(|seed| pairs::pairs_instance(scenario, seed))
        .collect();
    let generate_ms = started.elapsed().as_secs_f64() * 1e3;
    let instance_rss_bytes = peak_rss_bytes(std::process::id());

    let mut outputs = Vec::with_capacity(inputs.len());
    let mut engine_time = Duration::ZERO;
    for input in &inputs {
        let (output, time) = best_of(runs, || pairs::pair(input, objective));
        outputs.push(output.map_err(|e| refused(case, e))?);
        engine_time += time;
    }
    let peak_rss_bytes = peak_rss_bytes(std::process::id());

    let mut figures = PairsCase {
        editions: inputs.len() as u64,
        editions_at_max: 0,
        engine: PairsFigures::default(),
        baseline: PairsFigures::default(),
        better_off: 0,
        worse_off: 0,
    };
    for (input, engine) in inputs.iter().zip(&outputs) {
        let baseline = pairs::first_come_first_served(input).map_err(|e| refused(case, e))?;
        let engine_violations = pairs::check_pairs(input, engine, Some(objective), None);
        let baseline_violations = pairs::check_pairs(input, &baseline, None, None);
        for problem in engine_violations.iter().chain(&baseline_violations) {
            tracing::error!(case = case.code(), %problem, "appariement invalide");
        }
        let (engine_outcomes, baseline_outcomes) =
            (outcomes(input, engine), outcomes(input, &baseline));
        let engine_count = engine_violations.len();
        figures.engine.add(engine, &engine_outcomes, engine_count);
        let baseline_count = baseline_violations.len();
        figures
            .baseline
            .add(&baseline, &baseline_outcomes, baseline_count);
        figures.editions_at_max += u64::from(engine.stats.placed == engine.stats.max_placeable);
        for (e, b) in engine_outcomes.iter().zip(&baseline_outcomes) {
            figures.better_off += u64::from(e < b);
            figures.worse_off += u64::from(e > b);
        }
    }
    let wishes: usize = inputs
        .iter()
        .flat_map(|i| &i.students)
        .map(|s| s.wishes.len())
        .sum();
    let seats: u64 = inputs
        .iter()
        .flat_map(|i| &i.agents)
        .map(|a| u64::from(a.capacity))
        .sum();
    let editions = inputs.len();
    let capacity = if scenario.min_capacity == scenario.max_capacity {
        scenario.min_capacity.to_string()
    } else {
        format!("{}–{}", scenario.min_capacity, scenario.max_capacity)
    };
    let mut instance = format!(
        "{} étudiants × {} agents, capacité {capacity}, jusqu'à {} vœux",
        thousands(scenario.students as u64),
        thousands(scenario.agents as u64),
        scenario.max_wishes
    );
    instance.push_str(&if editions > 1 {
        format!(
            ", {editions} éditions ({} vœux, {} places en tout)",
            thousands(wishes as u64),
            thousands(seats)
        )
    } else {
        format!(
            " ({} vœux, {} places)",
            thousands(wishes as u64),
            thousands(seats)
        )
    });
    Ok(CaseReport {
        case,
        instance,
        generate_ms,
        engine_ms: engine_time.as_secs_f64() * 1e3 / editions.max(1) as f64,
        instance_rss_bytes,
        peak_rss_bytes,
        outcome: Outcome::Pairs(figures),
    })
}

fn measure_dating(
    case: Case,
    config: &GeneratorConfig,
    runs: u64,
) -> Result<CaseReport, BenchError> {
    let started = Instant::now();
    let input = dating::generate(config);
    let generate_ms = started.elapsed().as_secs_f64() * 1e3;
    let instance_rss_bytes = peak_rss_bytes(std::process::id());

    let (output, time) = best_of(runs, || dating::schedule(&input));
    let output = output.map_err(|e| refused(case, e))?;
    let peak_rss_bytes = peak_rss_bytes(std::process::id());

    let baseline = dating::self_booking(&input, ARRIVAL_SEED).map_err(|e| refused(case, e))?;
    let engine = DatingFigures::new(case, &input, &output);
    let baseline = DatingFigures::new(case, &input, &baseline);
    let availability = match config.availability {
        Availability::Full => "disponibilité complète",
        Availability::Restricted => "disponibilité restreinte",
    };
    let cap = config
        .candidate_cap
        .map_or_else(String::new, |cap| format!(", {cap} rencontres au plus"));
    Ok(CaseReport {
        case,
        instance: format!(
            "{} candidats × {} recruteurs × {} créneaux, 1–{} demandes{cap}, {availability} \
             ({} demandes)",
            thousands(config.candidates as u64),
            thousands(config.recruiters as u64),
            config.slots,
            config.max_requests,
            thousands(engine.requests)
        ),
        generate_ms,
        engine_ms: time.as_secs_f64() * 1e3,
        instance_rss_bytes,
        peak_rss_bytes,
        outcome: Outcome::Dating(DatingCase { engine, baseline }),
    })
}
