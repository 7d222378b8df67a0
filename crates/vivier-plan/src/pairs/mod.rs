//! Vis mon job: pairing students with the public agents they will shadow for a day.
//!
//! # Rules
//!
//! A student and an agent are *compatible* when the agent is among the student's wishes, they
//! share a date when both give dates, their modes (`on_site`, `remote`, `either`) have one in
//! common, and, when the visit can only be on site, their cities agree when both give one. An
//! agent hosts at most `capacity` students, a student one agent.
//!
//! # Objective, in this order
//!
//! 1. As many students placed as possible (a maximum flow: `stats.max_placeable` is its value,
//!    and the engine always reaches it).
//! 2. For a [`repair`]: as few pairs of the previous pairing changed as possible.
//! 3. [`Objective::TotalRank`]: the least total rank (rank 1 = first wish). [`Objective::Fair`]:
//!    the least worst rank, then the fewest students at that rank, then the least total rank.
//! 4. Ties, by registration time, exactly: among all the pairings optimal for 1–3, the student
//!    of highest priority gets the best wish any of them gives her, then the next student the
//!    best wish any of the remaining ones gives him, and so on (being placed counts as better
//!    than being unplaced). Priority is: earlier `registered_at` first, then students without
//!    `registered_at`, then input order. So whenever a student could have a better wish
//!    without changing 1–3, it is at the expense of someone of higher priority.
//!
//! Steps 1–3 are exact min-cost flows ([`crate::flow`]); step 4 walks, in priority order,
//! the cycles of zero reduced cost of the last flow (see [`tiebreak`]). The pairing returned
//! is therefore unique for a given input (the order of the agents in it does not matter), and
//! the validator ([`check_pairs`]) re-checks all four steps exactly, with its own optimality
//! certificate.
//!
//! The result depends only on the input (and the input's order), never on a clock or a seed.

mod engine;
mod generate;
mod model;
mod parse;
mod tiebreak;
mod validate;

use std::collections::{HashMap, HashSet};

pub use generate::{PairsScenario, pairs_instance};
pub use model::{
    AgentEntry, Mode, Objective, Pair, PairStats, PairsInput, PairsOutput, StudentEntry, Unplaced,
    UnplacedReason,
};
pub use parse::parse_input;
pub use validate::check_pairs;

use crate::InputError;
use engine::{Assignment, Goal};
use parse::Instance;

/// Pairs the students with the agents (see the module's documentation for the objective).
pub fn pair(input: &PairsInput, objective: Objective) -> Result<PairsOutput, InputError> {
    let instance = parse::compile(input)?;
    let goal = goal(objective);
    let (mut assignment, face) = engine::optimise(&instance, &goal, None)?;
    tiebreak::settle(&instance, &face, &mut assignment);
    let placed = assignment.iter().flatten().count();
    Ok(output(input, &instance, &assignment, placed))
}

/// Pairs again after a change of the input (an agent withdrew, a capacity dropped, a student
/// left or arrived), changing as few of the `previous` pairs as possible.
///
/// Objectives in order: as many students placed as the new input allows; then as many previous
/// pairs kept as possible (a previous pair is kept when the same student has the same agent);
/// then `objective` on ranks; then registration ties. Previous pairs naming a student or an
/// agent no longer in the input count as changed. `stats.changed_pairs` says how many previous
/// pairs are not in the result.
pub fn repair(
    input: &PairsInput,
    previous: &[Pair],
    objective: Objective,
) -> Result<PairsOutput, InputError> {
    let instance = parse::compile(input)?;
    let students: HashMap<&str, usize> = input
        .students
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let agents: HashMap<&str, usize> = input
        .agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    check_previous(previous)?;
    let mut before = vec![None; input.students.len()];
    for pair in previous {
        if let (Some(&s), Some(&a)) = (
            students.get(pair.student.as_str()),
            agents.get(pair.agent.as_str()),
        ) {
            before[s] = Some(a);
        }
    }
    let goal = goal(objective);
    let (mut assignment, face) = engine::optimise(&instance, &goal, Some(&before))?;
    tiebreak::settle(&instance, &face, &mut assignment);
    let kept = assignment
        .iter()
        .zip(&before)
        .filter(|(now, then)| now.is_some_and(|c| Some(c.agent) == **then))
        .count();
    let placed = assignment.iter().flatten().count();
    let mut out = output(input, &instance, &assignment, placed);
    out.stats.changed_pairs = Some(previous.len() - kept);
    Ok(out)
}

/// Checks a previous pairing given to [`repair`]: each student in it once at most. An error
/// names the field in the previous pairing's document, a [`PairsOutput`] (`pairs[3].student`).
pub fn check_previous(previous: &[Pair]) -> Result<(), InputError> {
    let mut seen = HashSet::new();
    for (k, pair) in previous.iter().enumerate() {
        if !seen.insert(pair.student.as_str()) {
            return Err(InputError::new(
                format!("pairs[{k}].student"),
                format!(
                    "l’étudiant « {} » figure deux fois dans l’appariement précédent",
                    pair.student
                ),
            ));
        }
    }
    Ok(())
}

/// The baseline organisers used: students, in priority order (registration time), each take
/// their best wish that is compatible and still has a free seat. `stats.max_placeable` is the
/// maximum the engine would reach, for comparison.
pub fn first_come_first_served(input: &PairsInput) -> Result<PairsOutput, InputError> {
    let instance = parse::compile(input)?;
    let mut free: Vec<u32> = instance.capacity.clone();
    let mut assignment: Assignment = vec![None; input.students.len()];
    for &s in &instance.by_priority {
        if let Some(choice) = instance.choices[s].iter().find(|c| free[c.agent] > 0) {
            free[choice.agent] -= 1;
            assignment[s] = Some(*choice);
        }
    }
    let max = engine::max_placeable(&instance)?;
    Ok(output(input, &instance, &assignment, max))
}

fn goal(objective: Objective) -> Goal {
    Goal {
        fair: objective == Objective::Fair,
    }
}

/// The output document of an assignment.
fn output(
    input: &PairsInput,
    instance: &Instance,
    assignment: &Assignment,
    max_placeable: usize,
) -> PairsOutput {
    let mut pairs = Vec::new();
    let mut unplaced = Vec::new();
    for (s, choice) in assignment.iter().enumerate() {
        let student = input.students[s].id.clone();
        match choice {
            Some(c) => pairs.push(Pair {
                student,
                agent: input.agents[c.agent].id.clone(),
                rank: c.rank,
                date: c.date.map(|d| d.to_string()),
            }),
            None => {
                let reason = if instance.choices[s].is_empty() {
                    UnplacedReason::NoCompatibleAgent
                } else {
                    UnplacedReason::CompatibleSeatsTaken
                };
                unplaced.push(Unplaced {
                    student,
                    reason,
                    message: reason.message().to_owned(),
                });
            }
        }
    }
    let total_rank: u64 = pairs.iter().map(|p| u64::from(p.rank)).sum();
    let stats = PairStats {
        students: input.students.len(),
        placed: pairs.len(),
        max_placeable,
        mean_rank: (!pairs.is_empty()).then(|| total_rank as f64 / pairs.len() as f64),
        worst_rank: pairs.iter().map(|p| p.rank).max(),
        total_rank,
        changed_pairs: None,
    };
    PairsOutput {
        pairs,
        unplaced,
        stats,
        ignored_fields: input.ignored_fields.clone(),
    }
}
