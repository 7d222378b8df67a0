//! Helpers shared by the pairing tests: a third, deliberately naive reading of the rules, and
//! the brute-force optimum.

#![allow(dead_code)]

use vivier_plan::pairs::{
    AgentEntry, Mode, Objective, Pair, PairStats, PairsInput, PairsOutput, StudentEntry, Unplaced,
    UnplacedReason,
};

pub fn student(id: &str, wishes: &[&str]) -> StudentEntry {
    StudentEntry {
        id: id.to_owned(),
        wishes: wishes.iter().map(|w| (*w).to_owned()).collect(),
        ..StudentEntry::default()
    }
}

pub fn agent(id: &str, capacity: u32) -> AgentEntry {
    AgentEntry {
        id: id.to_owned(),
        capacity,
        ..AgentEntry::default()
    }
}

fn allows(mode: Option<Mode>, wanted: Mode) -> bool {
    mode.is_none() || mode == Some(Mode::Either) || mode == Some(wanted)
}

/// Rank of agent `a` for student `s` when they are compatible and the agent has seats (naive:
/// dates compared as strings, which `YYYY-MM-DD` allows).
pub fn compatible_rank(input: &PairsInput, s: usize, a: usize) -> Option<u32> {
    let st = &input.students[s];
    let ag = &input.agents[a];
    let rank = st.wishes.iter().position(|w| *w == ag.id)? as u32 + 1;
    if ag.capacity == 0 {
        return None;
    }
    if let (Some(x), Some(y)) = (&st.dates, &ag.dates)
        && !x.iter().any(|d| y.contains(d))
    {
        return None;
    }
    let remote = allows(st.mode, Mode::Remote) && allows(ag.mode, Mode::Remote);
    let on_site = allows(st.mode, Mode::OnSite) && allows(ag.mode, Mode::OnSite);
    let city_ok = match (&st.city, &ag.city) {
        (Some(x), Some(y)) => x.trim().to_lowercase() == y.trim().to_lowercase(),
        _ => true,
    };
    (remote || (on_site && city_ok)).then_some(rank)
}

/// The objective of an assignment (agent and rank per student), smaller is better.
pub fn key(
    held: &[Option<(usize, u32)>],
    before: &[Option<usize>],
    objective: Objective,
) -> (i64, i64, u32, usize, u64) {
    let ranks: Vec<u32> = held.iter().flatten().map(|h| h.1).collect();
    let kept = held
        .iter()
        .zip(before)
        .filter(|(h, b)| b.is_some() && h.map(|x| x.0) == **b)
        .count();
    let worst = ranks.iter().copied().max().unwrap_or(0);
    let (w, c) = match objective {
        Objective::TotalRank => (0, 0),
        Objective::Fair => (worst, ranks.iter().filter(|&&r| r == worst).count()),
    };
    (
        -(ranks.len() as i64),
        -(kept as i64),
        w,
        c,
        ranks.iter().map(|&r| u64::from(r)).sum(),
    )
}

/// The assignment an output describes.
pub fn held(input: &PairsInput, output: &PairsOutput) -> Vec<Option<(usize, u32)>> {
    let mut held = vec![None; input.students.len()];
    for p in &output.pairs {
        let s = input.students.iter().position(|x| x.id == p.student);
        let a = input.agents.iter().position(|x| x.id == p.agent);
        if let (Some(s), Some(a)) = (s, a) {
            held[s] = Some((a, p.rank));
        }
    }
    held
}

/// Previous agent per student.
pub fn before(input: &PairsInput, previous: &[Pair]) -> Vec<Option<usize>> {
    let mut before = vec![None; input.students.len()];
    for p in previous {
        let s = input.students.iter().position(|x| x.id == p.student);
        let a = input.agents.iter().position(|x| x.id == p.agent);
        if let (Some(s), Some(a)) = (s, a) {
            before[s] = Some(a);
        }
    }
    before
}

/// Registration times the random instances use, with their instant (seconds since the Unix
/// epoch) worked out by hand: the tests' own reading of `registered_at`.
pub const STAMPS: [(&str, i64); 5] = [
    ("2026-01-05T09:00:00Z", 1_767_603_600),
    ("2026-01-05T10:00:00+01:00", 1_767_603_600), // the same instant as the first: a tie
    ("2026-01-05 10:00", 1_767_603_600),          // Paris time in winter: a tie again
    ("2026-01-04T23:59:59Z", 1_767_571_199),
    ("2026-01-05", 1_767_567_600), // midnight in Paris, 23:00 UTC the day before
];

/// Students from the highest priority to the lowest: earlier registration, then none, then
/// input order.
pub fn priority(input: &PairsInput) -> Vec<usize> {
    let instant = |s: &StudentEntry| {
        s.registered_at.as_deref().map(|text| {
            STAMPS
                .iter()
                .find(|(t, _)| *t == text)
                .unwrap_or_else(|| panic!("no known instant for {text}"))
                .1
        })
    };
    let mut order: Vec<usize> = (0..input.students.len()).collect();
    order.sort_by_key(|&s| {
        let at = instant(&input.students[s]);
        (at.is_none(), at, s)
    });
    order
}

/// Agent and rank per student (input order), `None` when unplaced.
pub type Held = Vec<Option<(usize, u32)>>;

/// The objective as a tuple, smaller is better.
pub type Key = (i64, i64, u32, usize, u64);

/// Calls `visit` with every feasible assignment: each student unplaced or at any compatible
/// agent with a seat left (exhaustive; tiny instances only).
pub fn each_assignment(input: &PairsInput, visit: &mut dyn FnMut(&Held)) {
    fn go(
        input: &PairsInput,
        s: usize,
        free: &mut Vec<u32>,
        held: &mut Held,
        visit: &mut dyn FnMut(&Held),
    ) {
        if s == held.len() {
            visit(held);
            return;
        }
        go(input, s + 1, free, held, visit);
        for a in 0..input.agents.len() {
            if free[a] == 0 {
                continue;
            }
            if let Some(rank) = compatible_rank(input, s, a) {
                free[a] -= 1;
                held[s] = Some((a, rank));
                go(input, s + 1, free, held, visit);
                held[s] = None;
                free[a] += 1;
            }
        }
    }
    let mut free: Vec<u32> = input.agents.iter().map(|a| a.capacity).collect();
    let mut held = vec![None; input.students.len()];
    go(input, 0, &mut free, &mut held, visit);
}

/// The best key over every feasible assignment (exhaustive; tiny instances only).
pub fn brute_force(
    input: &PairsInput,
    before: &[Option<usize>],
    objective: Objective,
) -> (i64, i64, u32, usize, u64) {
    let mut best: Option<(i64, i64, u32, usize, u64)> = None;
    each_assignment(input, &mut |held| {
        let k = key(held, before, objective);
        if best.is_none_or(|b| k < b) {
            best = Some(k);
        }
    });
    best.unwrap_or((0, 0, 0, 0, 0))
}

/// The assignment the engine must return, by exhaustion (tiny instances only): the best key,
/// then, among assignments of that key, the smallest vector of ranks read in priority order
/// (unplaced counting as worse than any rank).
pub fn brute_force_assignment(
    input: &PairsInput,
    before: &[Option<usize>],
    objective: Objective,
) -> Held {
    let order = priority(input);
    let mut best: Option<(Key, Vec<u32>, Held)> = None;
    each_assignment(input, &mut |held| {
        let k = key(held, before, objective);
        let outcomes: Vec<u32> = order
            .iter()
            .map(|&x| held[x].map_or(u32::MAX, |h| h.1))
            .collect();
        if best
            .as_ref()
            .is_none_or(|(bk, bo, _)| (k, &outcomes) < (*bk, bo))
        {
            best = Some((k, outcomes, held.clone()));
        }
    });
    best.map_or_else(Vec::new, |(_, _, assignment)| assignment)
}

/// A truthful output document for the assignment `held` (dates, reasons, stats), as a
/// hand-made output would be; `previous` sets `changed_pairs`.
pub fn output_of(
    input: &PairsInput,
    held: &Held,
    previous: Option<&[Pair]>,
    max_placeable: usize,
) -> PairsOutput {
    let mut pairs = Vec::new();
    let mut unplaced = Vec::new();
    for (s, h) in held.iter().enumerate() {
        let student = &input.students[s];
        match h {
            Some((a, rank)) => {
                let agent = &input.agents[*a];
                // `YYYY-MM-DD` sorts as the calendar does.
                let date = match (&student.dates, &agent.dates) {
                    (Some(x), Some(y)) => x.iter().filter(|d| y.contains(d)).min().cloned(),
                    (Some(x), None) | (None, Some(x)) => x.iter().min().cloned(),
                    (None, None) => None,
                };
                pairs.push(Pair {
                    student: student.id.clone(),
                    agent: agent.id.clone(),
                    rank: *rank,
                    date,
                });
            }
            None => {
                let reason =
                    if (0..input.agents.len()).any(|a| compatible_rank(input, s, a).is_some()) {
                        UnplacedReason::CompatibleSeatsTaken
                    } else {
                        UnplacedReason::NoCompatibleAgent
                    };
                unplaced.push(Unplaced {
                    student: student.id.clone(),
                    reason,
                    message: reason.message().to_owned(),
                });
            }
        }
    }
    let ranks: Vec<u32> = held.iter().flatten().map(|h| h.1).collect();
    let total_rank: u64 = ranks.iter().map(|&r| u64::from(r)).sum();
    let changed_pairs = previous.map(|previous| {
        previous
            .iter()
            .filter(|p| {
                !pairs
                    .iter()
                    .any(|q| q.student == p.student && q.agent == p.agent)
            })
            .count()
    });
    PairsOutput {
        stats: PairStats {
            students: input.students.len(),
            placed: ranks.len(),
            max_placeable,
            mean_rank: (!ranks.is_empty()).then(|| total_rank as f64 / ranks.len() as f64),
            worst_rank: ranks.iter().copied().max(),
            total_rank,
            changed_pairs,
        },
        pairs,
        unplaced,
        ignored_fields: input.ignored_fields.clone(),
    }
}
