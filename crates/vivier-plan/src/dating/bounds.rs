//! Upper bounds on what any schedule of an instance can reach, from flow relaxations.
//!
//! A schedule must respect, at once: each person's slots (nobody in two places, only where
//! present), each person's cap, and "a pair meets at most once". Those three families together
//! make the problem NP-complete, but dropping any one part leaves a flow, whose maximum is then
//! an upper bound on the number of meetings of every schedule:
//!
//! - **pairs**: slots ignored, each person limited to min(cap, slots where present); source →
//!   candidate → recruiter → sink, one unit per pair;
//! - **time-expanded**: every slot exact on both sides but a pair may meet several times; source →
//!   candidate → (candidate, slot) → (recruiter, slot) → recruiter → sink;
//! - **recruiter-time**: once per pair and recruiters' slots exact, but candidates may be in two
//!   places at once (limited to min(cap, slots where present)); source → candidate →
//!   (candidate, recruiter) → (recruiter, slot) → recruiter → sink;
//! - **candidate-time**: the mirror image, candidates' slots exact and recruiters counted only.
//!
//! Each schedule is a feasible flow of each relaxation, so the minimum of the four is a valid
//! bound, and it is what `meetings_upper_bound` reports. None dominates the others in general:
//! the pair bound misses slot clashes, the time-expanded one misses that a candidate with one
//! request cannot fill two slots with it, the one-sided ones miss the other side's clashes.
//!
//! The bound on distinct candidates served is exact, not relaxed: a schedule serving k
//! candidates keeps serving them when each keeps just one meeting, and one meeting per candidate
//! cannot clash on the candidate's side nor repeat a pair, so the maximum is the maximum flow of
//! source → candidate (1 unit) → (recruiter, slot) → recruiter → sink. The heuristic solves that
//! flow first (see [`super::heuristic`]), so it always serves that many candidates when no
//! previous schedule is imposed.

use super::instance::{Instance, slots_in};
use super::model::BoundDetails;
use crate::flow::FlowGraph;

/// The relaxations' maxima, computed from the cheapest (pairs) on and only while they can still
/// lower the bound: every relaxation is at least the optimum, hence at least `achieved` (the
/// meetings of a schedule in hand), so once one equals `achieved` the others cannot lower the
/// minimum and are left out (`None`). On well-filled events the pair bound is usually reached and
/// the costlier time-expanded flows are never built.
pub(crate) fn meeting_bounds(instance: &Instance, achieved: u64) -> BoundDetails {
    let mut details = BoundDetails {
        pairs: pairs(instance),
        ..BoundDetails::default()
    };
    let relaxations: [(Relaxation, Field); 3] = [
        (recruiter_time, |d| &mut d.recruiter_time),
        (candidate_time, |d| &mut d.candidate_time),
        (time_expanded, |d| &mut d.time_expanded),
    ];
    for (relaxation, slot) in relaxations {
        if tightest(&details) <= achieved {
            break;
        }
        *slot(&mut details) = Some(relaxation(instance));
    }
    details
}

/// A relaxation's maximum flow.
type Relaxation = fn(&Instance) -> u64;
/// Where a relaxation's value goes in the details.
type Field = fn(&mut BoundDetails) -> &mut Option<u64>;

/// The smallest of the computed bounds.
pub(crate) fn tightest(details: &BoundDetails) -> u64 {
    [
        details.time_expanded,
        details.recruiter_time,
        details.candidate_time,
    ]
    .into_iter()
    .flatten()
    .fold(details.pairs, u64::min)
}

/// Node numbering shared by the relaxations: source, sink, candidates, recruiters, then any
/// extra nodes a relaxation needs.
struct Layout {
    candidates: usize,
    recruiters: usize,
}

impl Layout {
    const SOURCE: usize = 0;
    const SINK: usize = 1;

    fn new(instance: &Instance) -> Self {
        Self {
            candidates: instance.candidates.len(),
            recruiters: instance.recruiters.len(),
        }
    }
    fn candidate(&self, c: usize) -> usize {
        2 + c
    }
    fn recruiter(&self, r: usize) -> usize {
        2 + self.candidates + r
    }
    fn extra(&self) -> usize {
        2 + self.candidates + self.recruiters
    }
}

fn max_flow(mut graph: FlowGraph) -> u64 {
    // Zero costs cannot form a negative cycle: the solve cannot fail.
    graph
        .min_cost_max_flow(Layout::SOURCE, Layout::SINK)
        .map_or(0, |o| o.flow.unsigned_abs())
}

/// Source → candidate (cap) and recruiter → sink (cap) arcs.
fn add_caps(graph: &mut FlowGraph, instance: &Instance, layout: &Layout) {
    for (c, candidate) in instance.candidates.iter().enumerate() {
        graph.add_arc(
            Layout::SOURCE,
            layout.candidate(c),
            i64::from(candidate.cap),
            0,
        );
    }
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        graph.add_arc(
            layout.recruiter(r),
            Layout::SINK,
            i64::from(recruiter.cap),
            0,
        );
    }
}

fn pairs(instance: &Instance) -> u64 {
    let layout = Layout::new(instance);
    let mut graph = FlowGraph::new(layout.extra());
    add_caps(&mut graph, instance, &layout);
    for (c, candidate) in instance.candidates.iter().enumerate() {
        for q in &candidate.requests {
            graph.add_arc(
                layout.candidate(c),
                layout.recruiter(q.recruiter as usize),
                1,
                0,
            );
        }
    }
    max_flow(graph)
}

fn time_expanded(instance: &Instance) -> u64 {
    let layout = Layout::new(instance);
    let n = instance.slots as usize;
    let candidate_slot = |c: usize, t: usize| layout.extra() + c * n + t;
    let recruiter_slot = |r: usize, t: usize| layout.extra() + (layout.candidates + r) * n + t;
    let mut graph = FlowGraph::new(layout.extra() + (layout.candidates + layout.recruiters) * n);
    add_caps(&mut graph, instance, &layout);
    for (c, candidate) in instance.candidates.iter().enumerate() {
        let useful = candidate.requests.iter().fold(0, |m, q| m | q.common);
        for t in slots_in(useful) {
            graph.add_arc(layout.candidate(c), candidate_slot(c, t), 1, 0);
        }
        for q in &candidate.requests {
            for t in slots_in(q.common) {
                graph.add_arc(
                    candidate_slot(c, t),
                    recruiter_slot(q.recruiter as usize, t),
                    1,
                    0,
                );
            }
        }
    }
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        for t in slots_in(recruiter.available) {
            graph.add_arc(recruiter_slot(r, t), layout.recruiter(r), 1, 0);
        }
    }
    max_flow(graph)
}

fn recruiter_time(instance: &Instance) -> u64 {
    let layout = Layout::new(instance);
    let n = instance.slots as usize;
    let recruiter_slot = |r: usize, t: usize| layout.extra() + r * n + t;
    let mut graph = FlowGraph::new(layout.extra() + layout.recruiters * n);
    add_caps(&mut graph, instance, &layout);
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        for t in slots_in(recruiter.available) {
            graph.add_arc(recruiter_slot(r, t), layout.recruiter(r), 1, 0);
        }
    }
    for (c, candidate) in instance.candidates.iter().enumerate() {
        for q in &candidate.requests {
            let pair = graph.add_node();
            graph.add_arc(layout.candidate(c), pair, 1, 0);
            for t in slots_in(q.common) {
                graph.add_arc(pair, recruiter_slot(q.recruiter as usize, t), 1, 0);
            }
        }
    }
    max_flow(graph)
}

fn candidate_time(instance: &Instance) -> u64 {
    // The mirror of `recruiter_time`: flow runs source → recruiter → (recruiter, candidate) →
    // (candidate, slot) → candidate → sink, so the candidate side is the time-exact one.
    let layout = Layout::new(instance);
    let n = instance.slots as usize;
    let candidate_slot = |c: usize, t: usize| layout.extra() + c * n + t;
    let mut graph = FlowGraph::new(layout.extra() + layout.candidates * n);
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        graph.add_arc(
            Layout::SOURCE,
            layout.recruiter(r),
            i64::from(recruiter.cap),
            0,
        );
    }
    for (c, candidate) in instance.candidates.iter().enumerate() {
        graph.add_arc(
            layout.candidate(c),
            Layout::SINK,
            i64::from(candidate.cap),
            0,
        );
        for t in slots_in(candidate.available) {
            graph.add_arc(candidate_slot(c, t), layout.candidate(c), 1, 0);
        }
        for q in &candidate.requests {
            let pair = graph.add_node();
            graph.add_arc(layout.recruiter(q.recruiter as usize), pair, 1, 0);
            for t in slots_in(q.common) {
                graph.add_arc(pair, candidate_slot(c, t), 1, 0);
            }
        }
    }
    max_flow(graph)
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::dating::instance::{Instance, Request, count, validate};
    use crate::dating::model::{CandidateInput, DatingInput, RecruiterInput};

    /// A tiny event with restricted availability and caps drawn at random.
    fn tiny(rng: &mut ChaCha8Rng) -> Instance {
        let slots = rng.random_range(1..=4i64);
        let recruiters = rng.random_range(1..=3usize);
        let subset = |rng: &mut ChaCha8Rng| {
            rng.random_bool(0.7)
                .then(|| (0..slots).filter(|_| rng.random_bool(0.6)).collect())
        };
        let cap = |rng: &mut ChaCha8Rng| rng.random_bool(0.4).then(|| rng.random_range(0..=3));
        let input = DatingInput {
            slots,
            recruiters: (0..recruiters)
                .map(|r| RecruiterInput {
                    id: format!("r{r}"),
                    cap: cap(rng),
                    available: subset(rng),
                    accepted: None,
                    declined: None,
                })
                .collect(),
            candidates: (0..rng.random_range(1..=5))
                .map(|c| CandidateInput {
                    id: format!("c{c}"),
                    cap: cap(rng),
                    available: subset(rng),
                    requests: (0..recruiters)
                        .filter(|_| rng.random_bool(0.7))
                        .map(|r| format!("r{r}"))
                        .collect(),
                })
                .collect(),
            previous: None,
            ignored_fields: Vec::new(),
        };
        validate(&input).expect("valid")
    }

    /// The most meetings of any schedule, by exhaustive search over each grantable request
    /// (not met, or met at one common slot), written from the validated instance's rules.
    fn most_meetings(instance: &Instance) -> u64 {
        let requests: Vec<(usize, &Request)> = instance
            .candidates
            .iter()
            .enumerate()
            .flat_map(|(c, candidate)| candidate.requests.iter().map(move |q| (c, q)))
            .collect();
        fn go(
            instance: &Instance,
            requests: &[(usize, &Request)],
            candidate_busy: &mut Vec<u128>,
            recruiter_busy: &mut Vec<u128>,
        ) -> u64 {
            let Some((&(c, q), rest)) = requests.split_first() else {
                return 0;
            };
            let r = q.recruiter as usize;
            let mut best = go(instance, rest, candidate_busy, recruiter_busy);
            if count(candidate_busy[c]) < instance.candidates[c].cap
                && count(recruiter_busy[r]) < instance.recruiters[r].cap
            {
                for t in slots_in(q.common & !candidate_busy[c] & !recruiter_busy[r]) {
                    candidate_busy[c] |= 1 << t;
                    recruiter_busy[r] |= 1 << t;
                    best = best.max(1 + go(instance, rest, candidate_busy, recruiter_busy));
                    candidate_busy[c] &= !(1 << t);
                    recruiter_busy[r] &= !(1 << t);
                }
            }
            best
        }
        go(
            instance,
            &requests,
            &mut vec![0; instance.candidates.len()],
            &mut vec![0; instance.recruiters.len()],
        )
    }

    #[test]
    fn each_relaxation_bounds_every_schedule() {
        let mut rng = ChaCha8Rng::seed_from_u64(21);
        let mut strict = [0; 4];
        for round in 0..1500 {
            let instance = tiny(&mut rng);
            let best = most_meetings(&instance);
            // Achieved 0 computes every relaxation.
            let details = meeting_bounds(&instance, 0);
            let all = [
                Some(details.pairs),
                details.time_expanded,
                details.recruiter_time,
                details.candidate_time,
            ];
            for (k, bound) in all.into_iter().enumerate() {
                if best == 0 && bound.is_none() {
                    continue;
                }
                let bound = bound.expect("computed while above 0");
                assert!(
                    bound >= best,
                    "round {round}: relaxation {k} {bound} < {best}"
                );
                if bound == best {
                    strict[k] += 1;
                }
            }
        }
        // The bounds are not trivially loose either: each is often reached.
        assert!(strict.iter().all(|&n| n > 500), "{strict:?}");
    }
}
