//! The optimisation: min-cost flows on the network source → students → agents → sink.
//!
//! Each student is an arc of capacity 1 from the source, each compatible wish an arc of
//! capacity 1 to the agent, each agent an arc of its capacity to the sink. A maximum flow is a
//! pairing of maximum cardinality; the costs put on the wish arcs choose among them:
//!
//! - total rank: cost = rank;
//! - fair: the worst rank `R` is the smallest for which the wishes of rank ≤ `R` alone still
//!   place as many students (found by bisection over the ranks, one maximum flow each); then, on
//!   those wishes only, cost = rank + `M`·[rank = `R`] with `M` larger than any total rank, which
//!   minimises the count at `R` first and the total rank second;
//! - repair: a previous pair kept earns `−B`, `B` larger than every rank term, so keeping pairs
//!   comes right after cardinality and before ranks (and, in fair mode, it is also held fixed
//!   while `R` is searched).
//!
//! All these weights are checked against `i64` overflow; an instance too large for them is
//! refused rather than solved wrongly.
//!
//! Besides the assignment, the last network gives the [`Face`]: its arcs of reduced cost 0,
//! along which every other optimal assignment is reached (see [`FlowGraph::reduced_cost`]).
//! The tie-break ([`super::tiebreak`]) moves only along those.

use super::parse::{Choice, Instance};
use crate::InputError;
use crate::flow::{ArcId, FlowGraph};

/// Per student (input order), the chosen agent, if any.
pub(crate) type Assignment = Vec<Option<Choice>>;

/// What the engine optimises after cardinality (and, for a repair, the pairs kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Goal {
    /// Fair objective (worst rank, count at worst rank, total rank) instead of total rank.
    pub fair: bool,
}

/// The optimal assignments, described by the arcs of reduced cost 0 of the last network: an
/// assignment is optimal exactly when it differs from the one found by moves along cycles of
/// these arcs (a student leaving an agent along a tight arc, taking one along another, an agent
/// filling a free seat or freeing one along its tight sink arc, a student entering or leaving
/// the pairing along its tight source arc).
#[derive(Debug, Clone)]
pub(crate) struct Face {
    /// Per student, the choices whose arc is tight, by increasing rank.
    pub wishes: Vec<Vec<Choice>>,
    /// Per student, whether the arc from the source is tight.
    pub source: Vec<bool>,
    /// Per agent, whether the arc to the sink is tight.
    pub sink: Vec<bool>,
}

impl Face {
    /// The tight choice of `student` for `agent`, if any.
    pub fn choice(&self, student: usize, agent: usize) -> Option<Choice> {
        self.wishes[student]
            .iter()
            .find(|c| c.agent == agent)
            .copied()
    }
}

/// The pairing network restricted to wishes of rank ≤ `max_rank`, with a cost per wish arc.
struct Network {
    graph: FlowGraph,
    wishes: Vec<(usize, Choice, ArcId)>,
    /// Per student (input order), its arc from the source.
    sources: Vec<ArcId>,
    /// Per agent, its arc to the sink.
    sinks: Vec<ArcId>,
}

const SOURCE: usize = 0;
const SINK: usize = 1;

impl Network {
    fn build(instance: &Instance, max_rank: u32, cost: impl Fn(usize, &Choice) -> i64) -> Self {
        let students = instance.choices.len();
        let mut graph = FlowGraph::new(2 + students + instance.capacity.len());
        // Priority order: the flow found does not depend on it (the tie-break settles every
        // tie), but the same input always builds the same graph.
        let mut sources = vec![None; students];
        for &s in &instance.by_priority {
            sources[s] = Some(graph.add_arc(SOURCE, 2 + s, 1, 0));
        }
        let sources = sources.into_iter().flatten().collect();
        let mut wishes = Vec::new();
        for &s in &instance.by_priority {
            for choice in instance.choices[s].iter().filter(|c| c.rank <= max_rank) {
                let arc = graph.add_arc(2 + s, 2 + students + choice.agent, 1, cost(s, choice));
                wishes.push((s, *choice, arc));
            }
        }
        let sinks = (0..instance.capacity.len())
            .map(|a| graph.add_arc(2 + students + a, SINK, i64::from(instance.capacity[a]), 0))
            .collect();
        Self {
            graph,
            wishes,
            sources,
            sinks,
        }
    }

    /// Solves for a maximum flow of minimum cost; returns (flow, cost).
    fn solve(&mut self) -> Result<(i64, i64), InputError> {
        let outcome = self
            .graph
            .min_cost_max_flow(SOURCE, SINK)
            .map_err(|_| internal("cycle de coût négatif dans un réseau sans cycle"))?;
        Ok((outcome.flow, outcome.cost))
    }

    fn assignment(&self, students: usize) -> Assignment {
        let mut assignment = vec![None; students];
        for &(s, choice, arc) in &self.wishes {
            if self.graph.flow(arc) > 0 {
                assignment[s] = Some(choice);
            }
        }
        assignment
    }

    /// The tight arcs of the solved network.
    fn face(&self, students: usize) -> Result<Face, InputError> {
        let tight = |arc: ArcId| -> Result<bool, InputError> {
            self.graph
                .reduced_cost(arc)
                .map(|r| r == 0)
                .ok_or_else(|| internal("potentiels absents après une résolution"))
        };
        let mut wishes = vec![Vec::new(); students];
        for &(s, choice, arc) in &self.wishes {
            if tight(arc)? {
                wishes[s].push(choice);
            }
        }
        for list in &mut wishes {
            list.sort_by_key(|c: &Choice| c.rank);
        }
        Ok(Face {
            wishes,
            source: self
                .sources
                .iter()
                .map(|&arc| tight(arc))
                .collect::<Result<_, _>>()?,
            sink: self
                .sinks
                .iter()
                .map(|&arc| tight(arc))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The assignment and the face of the solved network.
    fn solution(&self, students: usize) -> Result<(Assignment, Face), InputError> {
        Ok((self.assignment(students), self.face(students)?))
    }
}

fn internal(what: &str) -> InputError {
    InputError::new("(document)", format!("erreur interne du moteur : {what}"))
}

fn too_large() -> InputError {
    InputError::new(
        "(document)",
        "instance trop grande : les poids de l’optimisation dépasseraient les entiers 64 bits",
    )
}

/// Whether `choice` keeps the student's previous pair.
fn kept(previous: Option<&[Option<usize>]>, student: usize, choice: &Choice) -> bool {
    previous.is_some_and(|p| p[student] == Some(choice.agent))
}

/// An optimal assignment for `goal` (see the module's documentation), before tie-breaking, and
/// the face of all optimal assignments around it.
pub(crate) fn optimise(
    instance: &Instance,
    goal: &Goal,
    previous: Option<&[Option<usize>]>,
) -> Result<(Assignment, Face), InputError> {
    let students = instance.choices.len() as i64;
    let nodes = (instance.choices.len() + instance.capacity.len() + 2) as i64;
    let max_rank = instance.max_rank();
    // Bound on any total rank, plus one.
    let rank_bound = students
        .checked_mul(i64::from(max_rank))
        .and_then(|t| t.checked_add(1))
        .ok_or_else(too_large)?;
    if !goal.fair {
        // Kept pairs weigh more than any total rank.
        let keep_bonus = if previous.is_some() { rank_bound } else { 0 };
        let mut network = Network::build(instance, max_rank, |s, c| {
            i64::from(c.rank) - if kept(previous, s, c) { keep_bonus } else { 0 }
        });
        check_total(nodes, i64::from(max_rank) + keep_bonus)?;
        network.solve()?;
        return network.solution(instance.choices.len());
    }

    // Fair. First what must be preserved: cardinality, and for a repair the pairs kept.
    let bonus = |s: usize, c: &Choice| -> i64 { -i64::from(kept(previous, s, c)) };
    let mut first = Network::build(instance, max_rank, bonus);
    let target = first.solve()?;
    if target.0 == 0 {
        // No one can be placed: the face of the empty pairing has nothing to move.
        return first.solution(instance.choices.len());
    }
    let mut ranks: Vec<u32> = instance.choices.iter().flatten().map(|c| c.rank).collect();
    ranks.sort_unstable();
    ranks.dedup();
    // Smallest worst rank that still reaches the target: bisection over the ranks in use.
    let (mut low, mut high) = (0usize, ranks.len());
    while low + 1 < high {
        let middle = (low + high) / 2;
        if Network::build(instance, ranks[middle - 1], bonus).solve()? == target {
            high = middle;
        } else {
            low = middle;
        }
    }
    let worst = if high == 0 { 0 } else { ranks[high - 1] };
    // Then the count at `worst` weighs more than the total rank, and kept pairs more than both.
    let at_worst = rank_bound;
    let keep_bonus = if previous.is_some() {
        students
            .checked_mul(at_worst)
            .and_then(|x| x.checked_add(rank_bound))
            .ok_or_else(too_large)?
    } else {
        0
    };
    check_total(
        nodes,
        i64::from(worst)
            .checked_add(at_worst)
            .and_then(|x| x.checked_add(keep_bonus))
            .ok_or_else(too_large)?,
    )?;
    let mut network = Network::build(instance, worst, |s, c| {
        i64::from(c.rank) + if c.rank == worst { at_worst } else { 0 }
            - if kept(previous, s, c) { keep_bonus } else { 0 }
    });
    network.solve()?;
    network.solution(instance.choices.len())
}

/// Refuses weights whose sums along any path or over all students could overflow (the flow's
/// potentials are path lengths, so `nodes × largest cost` bounds them).
fn check_total(nodes: i64, per_arc: i64) -> Result<(), InputError> {
    nodes
        .checked_add(1)
        .and_then(|n| n.checked_mul(per_arc))
        .and_then(|x| x.checked_mul(4))
        .map(|_| ())
        .ok_or_else(too_large)
}

/// Largest number of students any pairing can place.
pub(crate) fn max_placeable(instance: &Instance) -> Result<usize, InputError> {
    let (flow, _) = Network::build(instance, u32::MAX, |_, _| 0).solve()?;
    Ok(flow as usize)
}
