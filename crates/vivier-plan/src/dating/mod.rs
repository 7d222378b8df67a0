//! Job-dating schedules: who meets whom, and when, at a recruitment fair.
//!
//! Candidates ask to meet recruiters (ranked requests, a cap each), recruiters receive at some
//! slots (a cap each, optional shortlists and declines). A schedule gives each meeting a slot
//! with nobody in two places at once, within every availability, cap and shortlist, and a
//! candidate meets a given recruiter at most once. Its objective, in order: as many distinct
//! candidates served as possible, then as many meetings, then the best ranks.
//!
//! - Full availability (everyone who can have a meeting present at every slot; those who
//!   withdrew with `available: []` or `cap: 0` do not count): solved exactly, see [`exact`].
//! - Restricted availability (NP-complete) or a re-optimisation around kept meetings: flows,
//!   then local search, see [`heuristic`]; every run reports upper bounds from flow relaxations
//!   ([`bounds`]) so its distance to the optimum is known.
//! - [`self_booking`] simulates first come, first served booking for comparison.
//! - [`violations`] checks any schedule against its input independently of the solver.
//! - [`generate`] makes seeded benchmark instances.
//!
//! ```
//! use vivier_plan::dating::{parse_input, schedule, violations};
//!
//! let input = parse_input(r#"{
//!     "slots": 2,
//!     "recruiters": [{"id": "dinum"}, {"id": "insee", "available": [1]}],
//!     "candidates": [
//!         {"id": "a", "requests": ["insee", "dinum"]},
//!         {"id": "b", "cap": 1, "requests": ["insee"]}
//!     ]
//! }"#).unwrap();
//! let output = schedule(&input).unwrap();
//! assert!(violations(&input, &output).is_empty());
//! assert_eq!(output.stats.candidates_served, 2);
//! ```

mod baseline;
pub mod bounds;
mod colouring;
pub mod exact;
mod generate;
pub mod heuristic;
mod instance;
mod model;
mod replan;
mod validator;

pub use generate::{Availability, GeneratorConfig, generate};
pub use instance::MAX_SLOTS;
pub use model::{
    BoundDetails, CandidateInput, DatingInput, DatingOutput, DatingStats, DroppedMeeting, Meeting,
    Method, PlannedMeeting, RecruiterInput, ReplanReport,
};
pub use validator::violations;

use instance::{Instance, Slotted};

use crate::InputError;

/// Reads a job-dating input from JSON; an error names the field (`candidates[3].cap`) and the
/// problem in French. Fields the contract does not know are read past and listed in the result's
/// `ignored_fields` (see [`DatingInput::ignored_fields`]). The result still has to pass
/// [`schedule`]'s validation.
pub fn parse_input(json: &str) -> Result<DatingInput, InputError> {
    let (mut input, ignored): (DatingInput, _) = crate::json::from_str_noting_unknown(json)?;
    input.ignored_fields = ignored;
    Ok(input)
}

/// The JSON schema of the input document.
#[must_use]
pub fn input_schema() -> schemars::Schema {
    schemars::schema_for!(DatingInput)
}

/// The JSON schema of the output document.
#[must_use]
pub fn output_schema() -> schemars::Schema {
    schemars::schema_for!(DatingOutput)
}

/// Schedules the event: validates `input`, then solves it exactly under full availability
/// (unless previous meetings are kept in place), by the heuristic otherwise, and reports the
/// upper bounds beside the achieved figures.
pub fn schedule(input: &DatingInput) -> Result<DatingOutput, InputError> {
    let instance = instance::validate(input)?;
    let engine = solve(&instance);
    Ok(finish(
        input,
        &instance,
        engine.meetings,
        engine.bounds,
        engine.candidates_bound,
        engine.method,
    ))
}

/// The self-booking baseline: candidates arrive in an order drawn from `seed` and each books
/// their preferred free slots, up to their cap (see the module `baseline`). Reported with the
/// same upper bounds as [`schedule`], for comparison.
pub fn self_booking(input: &DatingInput, seed: u64) -> Result<DatingOutput, InputError> {
    let instance = instance::validate(input)?;
    let engine = solve(&instance);
    let meetings = baseline::self_book(&instance, seed);
    Ok(finish(
        input,
        &instance,
        meetings,
        engine.bounds,
        engine.candidates_bound,
        Method::SelfBooking,
    ))
}

/// The engine's schedule of a validated instance, with its bounds.
struct Solved {
    meetings: Vec<Slotted>,
    bounds: BoundDetails,
    candidates_bound: u64,
    method: Method,
}

fn solve(instance: &Instance) -> Solved {
    // With nothing to keep, a previous schedule does not constrain the solve.
    if instance.kept.is_empty()
        && instance.full_availability()
        && let Some(meetings) = exact::solve_full(instance)
    {
        // The schedule reaches the pair relaxation (see `exact`): it is its own bound.
        return Solved {
            bounds: BoundDetails {
                pairs: meetings.len() as u64,
                ..BoundDetails::default()
            },
            candidates_bound: served(&meetings),
            meetings,
            method: Method::Exact,
        };
    }
    let outcome = heuristic::solve(instance);
    let candidates_bound = if instance.kept.is_empty() {
        outcome.first_round_served
    } else {
        heuristic::served_bound(instance)
    };
    Solved {
        bounds: bounds::meeting_bounds(instance, outcome.meetings.len() as u64),
        candidates_bound,
        meetings: outcome.meetings,
        method: Method::Heuristic,
    }
}

fn served(meetings: &[Slotted]) -> u64 {
    let mut candidates: Vec<u32> = meetings.iter().map(|m| m.candidate).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates.len() as u64
}

/// Builds the output: ids, ranks, sorted meetings, stats and the re-optimisation report.
fn finish(
    input: &DatingInput,
    instance: &Instance,
    mut meetings: Vec<Slotted>,
    bounds: BoundDetails,
    candidates_upper_bound: u64,
    method: Method,
) -> DatingOutput {
    meetings.sort_unstable_by_key(|m| (m.slot, m.recruiter, m.candidate));
    let served = served(&meetings);
    let meetings: Vec<Meeting> = meetings
        .iter()
        .map(|m| Meeting {
            candidate: input.candidates[m.candidate as usize].id.clone(),
            recruiter: input.recruiters[m.recruiter as usize].id.clone(),
            slot: m.slot,
            // Every scheduled meeting comes from a grantable request.
            rank: instance
                .request(m.candidate, m.recruiter)
                .map_or(0, |q| q.rank),
        })
        .collect();
    let count = meetings.len() as u64;
    let rank_sum: u64 = meetings.iter().map(|m| u64::from(m.rank)).sum();
    let replan = instance.replanning.then(|| ReplanReport {
        kept: instance.kept.len() as u64,
        dropped: instance.dropped.clone(),
        added: count - instance.kept.len() as u64,
    });
    DatingOutput {
        stats: DatingStats {
            meetings: count,
            meetings_upper_bound: bounds::tightest(&bounds),
            candidates_served: served,
            candidates_upper_bound,
            requests: instance.request_count,
            rank_sum,
            mean_rank: if count == 0 {
                0.0
            } else {
                rank_sum as f64 / count as f64
            },
            method,
            bounds,
        },
        meetings,
        replan,
        ignored_fields: input.ignored_fields.clone(),
    }
}
