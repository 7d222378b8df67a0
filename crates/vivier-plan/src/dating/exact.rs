//! The exact schedule under full availability: a flow chooses the meetings, an edge colouring
//! gives them slots.
//!
//! # Choosing the meetings
//!
//! Without time, a schedule is a set of (candidate, recruiter) pairs where each candidate has at
//! most `cap_c = min(cap, slots, requests)` pairs and each recruiter `cap_r = min(cap, slots)`: a
//! b-matching, i.e. a flow source → candidate → recruiter → sink. The lexicographic objective is
//! met by one min-cost *maximum* flow, with costs rather than staged flows:
//!
//! - the source reaches each candidate by two arcs: one unit at cost `-BIG` (the first meeting is
//!   what serves a candidate), `cap_c - 1` units at cost 0; each pair arc costs its rank;
//! - `BIG` exceeds any sum of ranks, so among flows of the same value the cost ranks them by
//!   candidates served first, then by rank sum;
//! - maximising the flow first loses no served candidate: take a flow serving the most
//!   candidates and augment it to a maximum flow; an augmenting path only ever raises the degree
//!   of its first candidate and leaves every other candidate's degree unchanged, so the maximum
//!   flow obtained serves as many. Hence some maximum flow also serves the most candidates, and
//!   the min-cost maximum flow is the lexicographic optimum.
//!
//! One solve with costs beats staged flows (max served, then max meetings with served fixed,
//! then min ranks), which would need three solves and constraints to carry between them.
//!
//! # Giving slots
//!
//! Every candidate then has at most `slots` meetings and so does every recruiter: the bipartite
//! graph of chosen pairs has maximum degree ≤ `slots`, and König's edge-colouring theorem colours
//! it with `slots` colours, i.e. gives every meeting a slot with nobody in two places at once.
//! The schedule therefore reaches the pair relaxation, an upper bound of every schedule: it is
//! optimal.

use super::colouring::colour_bipartite;
use super::instance::{Instance, Slotted};
use crate::flow::FlowGraph;

/// The optimal schedule of an instance where everyone who can have a meeting is present at every
/// slot (people with cap 0 get no arc, so their slots do not matter), or `None` if the costs would
/// overflow (an instance far beyond any fair) or the solve failed.
pub(crate) fn solve_full(instance: &Instance) -> Option<Vec<Slotted>> {
    let candidates = instance.candidates.len();
    let recruiters = instance.recruiters.len();
    let source = 0;
    let sink = 1;
    let candidate_node = |c: usize| 2 + c;
    let recruiter_node = |r: usize| 2 + candidates + r;

    // BIG > any rank sum: each candidate's meetings cost at most cap × its worst rank.
    let mut big: i64 = 1;
    for c in &instance.candidates {
        let worst = c.requests.iter().map(|q| q.rank).max().unwrap_or(0);
        big = big.checked_add(i64::from(c.cap).checked_mul(i64::from(worst))?)?;
    }
    // The total cost must fit too: at most one -BIG per candidate.
    big.checked_mul(i64::try_from(candidates).ok()?.max(1))?;

    let mut graph = FlowGraph::new(2 + candidates + recruiters);
    let mut pair_arcs = Vec::new();
    for (c, candidate) in instance.candidates.iter().enumerate() {
        if candidate.cap == 0 {
            continue;
        }
        graph.add_arc(source, candidate_node(c), 1, -big);
        if candidate.cap > 1 {
            graph.add_arc(source, candidate_node(c), i64::from(candidate.cap - 1), 0);
        }
        for q in &candidate.requests {
            let arc = graph.add_arc(
                candidate_node(c),
                recruiter_node(q.recruiter as usize),
                1,
                i64::from(q.rank),
            );
            pair_arcs.push((arc, c as u32, q.recruiter));
        }
    }
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        graph.add_arc(recruiter_node(r), sink, i64::from(recruiter.cap), 0);
    }
    graph.min_cost_max_flow(source, sink).ok()?;

    let chosen: Vec<(u32, u32)> = pair_arcs
        .iter()
        .filter(|(arc, _, _)| graph.flow(*arc) > 0)
        .map(|&(_, c, r)| (c, r))
        .collect();
    let slots = colour_bipartite(candidates, recruiters, &chosen, instance.slots)?;
    Some(
        chosen
            .iter()
            .zip(slots)
            .map(|(&(candidate, recruiter), slot)| Slotted {
                candidate,
                recruiter,
                slot,
            })
            .collect(),
    )
}
