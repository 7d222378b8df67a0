//! Helpers shared by the pairing tests: a third, deliberately naive reading of the rules, and
//! the brute-force optimum.

#![allow(dead_code)]

use vivier_plan::pairs::{
    AgentEntry, Mode, Objective, Pair, PairsInput, PairsOutput, StudentEntry,
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

/// Rank of agent `a` for student `s` when they are compatible (naive: dates compared as
/// strings, which `YYYY-MM-DD` allows).
pub fn compatible_rank(input: &PairsInput, s: usize, a: usize) -> Option<u32> {
    let st = &input.students[s];
    let ag = &input.agents[a];
    let rank = st.wishes.iter().position(|w| *w == ag.id)? as u32 + 1;
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

/// The best key over every feasible assignment (exhaustive; tiny instances only).
pub fn brute_force(
    input: &PairsInput,
    before: &[Option<usize>],
    objective: Objective,
) -> (i64, i64, u32, usize, u64) {
    fn go(
        input: &PairsInput,
        before: &[Option<usize>],
        objective: Objective,
        s: usize,
        free: &mut Vec<u32>,
        held: &mut Vec<Option<(usize, u32)>>,
        best: &mut Option<(i64, i64, u32, usize, u64)>,
    ) {
        if s == held.len() {
            let k = key(held, before, objective);
            if best.is_none_or(|b| k < b) {
                *best = Some(k);
            }
            return;
        }
        go(input, before, objective, s + 1, free, held, best);
        for a in 0..input.agents.len() {
            if free[a] == 0 {
                continue;
            }
            if let Some(rank) = compatible_rank(input, s, a) {
                free[a] -= 1;
                held[s] = Some((a, rank));
                go(input, before, objective, s + 1, free, held, best);
                held[s] = None;
                free[a] += 1;
            }
        }
    }
    let mut free: Vec<u32> = input.agents.iter().map(|a| a.capacity).collect();
    let mut held = vec![None; input.students.len()];
    let mut best = None;
    go(input, before, objective, 0, &mut free, &mut held, &mut best);
    best.unwrap_or((0, 0, 0, 0, 0))
}
