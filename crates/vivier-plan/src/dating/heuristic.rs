//! The schedule under restricted availability (or around kept meetings), where finding the
//! optimum is NP-complete: flows that are exact for one meeting per candidate at a time, then a
//! local search with ejection chains.
//!
//! 1. **Served** — one min-cost maximum flow gives one meeting to as many candidates as possible:
//!    source → candidate (1 unit) → (recruiter, slot) → recruiter (its cap) → sink, costs the
//!    ranks. With a single meeting per candidate nothing can clash on the candidate's side nor
//!    repeat a pair, so this flow is exact: no schedule serves more candidates (it is also how
//!    `candidates_upper_bound` is computed, see [`super::bounds`]).
//! 2. **Rounds** — the same flow on what is still free gives every candidate below their cap at
//!    most one more meeting (with a recruiter they have not met, at a slot where they are free);
//!    repeated until a round adds nothing. Each round is optimal for itself; only the order of
//!    rounds is greedy.
//! 3. **Local search** — for each candidate below their cap and each request not met, best
//!    first: a free common slot is taken at once; otherwise a slot is freed by moving one
//!    meeting (the recruiter's, the candidate's, or both) to another slot where its own two
//!    people are free. Repeated until a pass adds nothing. A move never removes a meeting, so
//!    candidates served never drop and meetings only grow.

use super::instance::{Instance, SlotMask, Slotted, slots_in};
use crate::flow::FlowGraph;

const NONE: u32 = u32::MAX;

/// Who meets whom at each slot, kept in step both ways.
#[derive(Debug)]
pub(crate) struct Occupancy<'a> {
    instance: &'a Instance,
    n: usize,
    /// `candidate_at[c * n + t]`: recruiter met by c at t, or NONE.
    candidate_at: Vec<u32>,
    /// `recruiter_at[r * n + t]`: candidate met by r at t, or NONE.
    recruiter_at: Vec<u32>,
    candidate_busy: Vec<SlotMask>,
    recruiter_busy: Vec<SlotMask>,
    /// Slots of each candidate's kept meetings (a re-optimisation's), which never move.
    fixed: Vec<SlotMask>,
}

impl<'a> Occupancy<'a> {
    /// An empty schedule of `instance`.
    pub fn new(instance: &'a Instance) -> Self {
        let n = instance.slots as usize;
        Self {
            instance,
            n,
            candidate_at: vec![NONE; instance.candidates.len() * n],
            recruiter_at: vec![NONE; instance.recruiters.len() * n],
            candidate_busy: vec![0; instance.candidates.len()],
            recruiter_busy: vec![0; instance.recruiters.len()],
            fixed: vec![0; instance.candidates.len()],
        }
    }

    fn add(&mut self, c: u32, r: u32, t: u32) {
        let (c, r, t) = (c as usize, r as usize, t as usize);
        self.candidate_at[c * self.n + t] = r as u32;
        self.recruiter_at[r * self.n + t] = c as u32;
        self.candidate_busy[c] |= 1 << t;
        self.recruiter_busy[r] |= 1 << t;
    }

    fn remove(&mut self, c: u32, r: u32, t: u32) {
        let (c, r, t) = (c as usize, r as usize, t as usize);
        self.candidate_at[c * self.n + t] = NONE;
        self.recruiter_at[r * self.n + t] = NONE;
        self.candidate_busy[c] &= !(1 << t);
        self.recruiter_busy[r] &= !(1 << t);
    }

    fn candidate_count(&self, c: usize) -> u32 {
        self.candidate_busy[c].count_ones()
    }

    fn recruiter_room(&self, r: usize) -> bool {
        self.recruiter_busy[r].count_ones() < self.instance.recruiters[r].cap
    }

    fn met(&self, c: usize, r: u32) -> bool {
        slots_in(self.candidate_busy[c]).any(|t| self.candidate_at[c * self.n + t] == r)
    }

    /// The meetings, by candidate then slot.
    pub fn meetings(&self) -> Vec<Slotted> {
        let mut out = Vec::new();
        for (c, &busy) in self.candidate_busy.iter().enumerate() {
            for t in slots_in(busy) {
                out.push(Slotted {
                    candidate: c as u32,
                    recruiter: self.candidate_at[c * self.n + t],
                    slot: t as u32,
                });
            }
        }
        out
    }
}

/// What the heuristic made.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub meetings: Vec<Slotted>,
    /// Candidates served by the first flow, an exact maximum when nothing was imposed.
    pub first_round_served: u64,
}

/// Schedules `instance` around its kept meetings.
pub(crate) fn solve(instance: &Instance) -> Outcome {
    let mut occupancy = Occupancy::new(instance);
    for m in &instance.kept {
        occupancy.add(m.candidate, m.recruiter, m.slot);
        occupancy.fixed[m.candidate as usize] |= 1 << m.slot;
    }
    let first_round_served = one_each(&mut occupancy, |o, c| o.candidate_count(c) == 0);
    while one_each(&mut occupancy, |o, c| {
        o.candidate_count(c) < o.instance.candidates[c].cap
    }) > 0
    {}
    local_search(&mut occupancy);
    Outcome {
        meetings: occupancy.meetings(),
        first_round_served,
    }
}

/// The most candidates that can be served at all: the first flow of [`solve`] on an empty
/// schedule.
pub(crate) fn served_bound(instance: &Instance) -> u64 {
    let mut occupancy = Occupancy::new(instance);
    one_each(&mut occupancy, |o, c| o.candidate_count(c) == 0)
}

/// One min-cost maximum flow giving each `eligible` candidate below their cap at most one more
/// meeting on what is free; adds the meetings and returns how many.
fn one_each(
    occupancy: &mut Occupancy<'_>,
    eligible: impl Fn(&Occupancy<'_>, usize) -> bool,
) -> u64 {
    let instance = occupancy.instance;
    let n = occupancy.n;
    let candidates = instance.candidates.len();
    let recruiters = instance.recruiters.len();
    let (source, sink) = (0, 1);
    let candidate_node = |c: usize| 2 + c;
    let slot_node = |r: usize, t: usize| 2 + candidates + r * n + t;
    let recruiter_node = |r: usize| 2 + candidates + recruiters * n + r;

    let mut graph = FlowGraph::new(2 + candidates + recruiters * n + recruiters);
    let mut meeting_arcs = Vec::new();
    let mut used_recruiter = vec![false; recruiters];
    for (c, candidate) in instance.candidates.iter().enumerate() {
        if occupancy.candidate_count(c) >= candidate.cap || !eligible(occupancy, c) {
            continue;
        }
        let free = !occupancy.candidate_busy[c];
        let mut any = false;
        for q in &candidate.requests {
            let r = q.recruiter as usize;
            if !occupancy.recruiter_room(r) || occupancy.met(c, q.recruiter) {
                continue;
            }
            for t in slots_in(q.common & free & !occupancy.recruiter_busy[r]) {
                meeting_arcs.push(graph.add_arc(
                    candidate_node(c),
                    slot_node(r, t),
                    1,
                    i64::from(q.rank),
                ));
                any = true;
                used_recruiter[r] = true;
            }
        }
        if any {
            graph.add_arc(source, candidate_node(c), 1, 0);
        }
    }
    if meeting_arcs.is_empty() {
        return 0;
    }
    for (r, recruiter) in instance.recruiters.iter().enumerate() {
        if !used_recruiter[r] {
            continue;
        }
        let room = recruiter.cap - occupancy.recruiter_busy[r].count_ones();
        graph.add_arc(recruiter_node(r), sink, i64::from(room), 0);
        for t in slots_in(recruiter.available & !occupancy.recruiter_busy[r]) {
            graph.add_arc(slot_node(r, t), recruiter_node(r), 1, 0);
        }
    }
    // Costs are ranks (positive): no negative cycle, the solve cannot fail; if it ever did, the
    // round would add nothing and the schedule would stay valid.
    if graph.min_cost_max_flow(source, sink).is_err() {
        return 0;
    }
    let mut added = 0;
    for arc in meeting_arcs {
        if graph.flow(arc) > 0 {
            let (from, to) = graph.endpoints(arc);
            let c = from - 2;
            let slot = to - 2 - candidates;
            occupancy.add(c as u32, (slot / n) as u32, (slot % n) as u32);
            added += 1;
        }
    }
    added
}

/// Adds meetings by direct insertion or by moving one or two meetings out of the way; never
/// removes one.
fn local_search(occupancy: &mut Occupancy<'_>) {
    let instance = occupancy.instance;
    loop {
        let mut improved = false;
        for (c, candidate) in instance.candidates.iter().enumerate() {
            while occupancy.candidate_count(c) < candidate.cap && try_add(occupancy, c) {
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Tries to give candidate `c` one more meeting; true if it did.
fn try_add(o: &mut Occupancy<'_>, c: usize) -> bool {
    let instance = o.instance;
    let n = o.n;
    for q in &instance.candidates[c].requests {
        let r = q.recruiter as usize;
        if !o.recruiter_room(r) || o.met(c, q.recruiter) {
            continue;
        }
        let c_busy = o.candidate_busy[c];
        let r_busy = o.recruiter_busy[r];
        if let Some(t) = slots_in(q.common & !c_busy & !r_busy).next() {
            o.add(c as u32, q.recruiter, t as u32);
            return true;
        }
        for t in slots_in(q.common) {
            // Where each blocking meeting could go instead (all ones if there is none).
            let recruiter_move = if r_busy & (1 << t) != 0 {
                let other = o.recruiter_at[r * n + t];
                if o.fixed[other as usize] & (1 << t) != 0 {
                    continue;
                }
                match free_slot_for(o, other as usize, q.recruiter) {
                    Some(to) => Some((other, q.recruiter, to)),
                    None => continue,
                }
            } else {
                None
            };
            let candidate_move = if c_busy & (1 << t) != 0 {
                if o.fixed[c] & (1 << t) != 0 {
                    continue;
                }
                let other = o.candidate_at[c * n + t];
                match free_slot_for(o, c, other) {
                    Some(to) => Some((c as u32, other, to)),
                    None => continue,
                }
            } else {
                None
            };
            // The two moves involve disjoint people (the recruiter's other candidate and the
            // candidate's other recruiter), so both stay valid together.
            for (mc, mr, to) in [recruiter_move, candidate_move].into_iter().flatten() {
                o.remove(mc, mr, t as u32);
                o.add(mc, mr, to);
            }
            o.add(c as u32, q.recruiter, t as u32);
            return true;
        }
    }
    false
}

/// A slot where candidate `c` and recruiter `r` (who meet) are both free and present.
fn free_slot_for(o: &Occupancy<'_>, c: usize, r: u32) -> Option<u32> {
    let common = o.instance.request(c as u32, r)?.common;
    slots_in(common & !o.candidate_busy[c] & !o.recruiter_busy[r as usize])
        .next()
        .map(|t| t as u32)
}
