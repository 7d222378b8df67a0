//! An independent validator of planning outputs, used by every test and by the benchmarks.
//!
//! It shares no code with the engines: it re-reads the raw input (its own date parsing, its own
//! compatibility rules, its own maximum matching) and checks an output against every rule of
//! the contract. Violations come back as a list of plain English sentences for developers; an
//! empty list means the output is valid.

use std::collections::{HashMap, HashSet, VecDeque};

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime};

use crate::pairs::{Mode, Objective, Pair, PairsInput, PairsOutput, StudentEntry, UnplacedReason};

/// Checks a pairing output against its input.
///
/// Always checked: ids, one agent per student, every student either paired or listed unplaced
/// (once), compatibility, ranks, dates, capacities, stats (with `max_placeable` recomputed by an
/// independent maximum matching) and the truth of every unplaced reason. With `optimal` set, the
/// output must also be optimal in the ways a local check can see: maximum cardinality, no
/// student able to move to a better wish with a free seat, and no objective-neutral exchange
/// favouring an earlier registrant (the engine's tie rule). With `previous`, `changed_pairs` is
/// checked and kept pairs count in the objective, as in a repair.
pub fn check_pairs(
    input: &PairsInput,
    output: &PairsOutput,
    optimal: Option<Objective>,
    previous: Option<&[Pair]>,
) -> Vec<String> {
    let mut errors = Vec::new();
    let student_at: HashMap<&str, usize> = input
        .students
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let agent_at: HashMap<&str, usize> = input
        .agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    // Compatible agents of each student, by rank: (agent, rank).
    let compat: Vec<Vec<(usize, u32)>> = input
        .students
        .iter()
        .enumerate()
        .map(|(s, student)| {
            student
                .wishes
                .iter()
                .enumerate()
                .filter_map(|(k, wish)| {
                    let &a = agent_at.get(wish.as_str())?;
                    visit_day(input, s, a)?;
                    Some((a, k as u32 + 1))
                })
                .collect()
        })
        .collect();

    // Who holds what.
    let mut held: Vec<Option<(usize, u32)>> = vec![None; input.students.len()];
    let mut load = vec![0u64; input.agents.len()];
    for pair in &output.pairs {
        let (Some(&s), Some(&a)) = (
            student_at.get(pair.student.as_str()),
            agent_at.get(pair.agent.as_str()),
        ) else {
            errors.push(format!("pair {pair:?} names an unknown student or agent"));
            continue;
        };
        if held[s].is_some() {
            errors.push(format!("student {} is paired twice", pair.student));
        }
        let student = &input.students[s];
        let Some(position) = student.wishes.iter().position(|w| *w == pair.agent) else {
            errors.push(format!(
                "pair {pair:?}: the agent is not a wish of the student"
            ));
            continue;
        };
        if pair.rank as usize != position + 1 {
            errors.push(format!("pair {pair:?}: rank should be {}", position + 1));
        }
        match visit_day(input, s, a) {
            None => errors.push(format!(
                "pair {pair:?}: student and agent are not compatible"
            )),
            Some(day) => {
                if day != pair.date {
                    errors.push(format!("pair {pair:?}: date should be {day:?}"));
                }
            }
        }
        held[s] = Some((a, pair.rank));
        load[a] += 1;
    }
    for (a, agent) in input.agents.iter().enumerate() {
        if load[a] > u64::from(agent.capacity) {
            errors.push(format!(
                "agent {} hosts {} students for a capacity of {}",
                agent.id, load[a], agent.capacity
            ));
        }
    }

    // Unplaced students: exactly those without a pair, once each, with a true reason.
    let mut listed = HashSet::new();
    for entry in &output.unplaced {
        let Some(&s) = student_at.get(entry.student.as_str()) else {
            errors.push(format!("unplaced {} is not a student", entry.student));
            continue;
        };
        if !listed.insert(s) {
            errors.push(format!("student {} listed unplaced twice", entry.student));
        }
        if held[s].is_some() {
            errors.push(format!(
                "student {} is both paired and unplaced",
                entry.student
            ));
        }
        let compatible: Vec<usize> = compat[s].iter().map(|&(a, _)| a).collect();
        let truth = if compatible.is_empty() {
            UnplacedReason::NoCompatibleAgent
        } else if compatible
            .iter()
            .all(|&a| load[a] >= u64::from(input.agents[a].capacity))
        {
            UnplacedReason::CompatibleSeatsTaken
        } else {
            errors.push(format!(
                "student {} is unplaced while a compatible agent has a free seat",
                entry.student
            ));
            continue;
        };
        if entry.reason != truth {
            errors.push(format!(
                "student {}: reason {:?}, should be {truth:?}",
                entry.student, entry.reason
            ));
        }
        if entry.message != truth.message() {
            errors.push(format!(
                "student {}: message does not match the reason",
                entry.student
            ));
        }
    }
    for (s, student) in input.students.iter().enumerate() {
        if held[s].is_none() && !listed.contains(&s) {
            errors.push(format!(
                "student {} is neither paired nor unplaced",
                student.id
            ));
        }
    }

    // Stats.
    let stats = &output.stats;
    let ranks: Vec<u32> = held.iter().flatten().map(|&(_, r)| r).collect();
    let total: u64 = ranks.iter().map(|&r| u64::from(r)).sum();
    let maximum = maximum_matching(input, &compat);
    let expected_mean = (!ranks.is_empty()).then(|| total as f64 / ranks.len() as f64);
    let mean_ok = match (stats.mean_rank, expected_mean) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    if stats.students != input.students.len()
        || stats.placed != output.pairs.len()
        || stats.max_placeable != maximum
        || stats.total_rank != total
        || stats.worst_rank != ranks.iter().copied().max()
        || !mean_ok
    {
        errors.push(format!(
            "stats {stats:?} do not match: {} students, {} placed, {maximum} placeable, total \
             rank {total}",
            input.students.len(),
            output.pairs.len()
        ));
    }
    let before: Vec<Option<usize>> = match previous {
        None => vec![None; input.students.len()],
        Some(previous) => {
            let mut before = vec![None; input.students.len()];
            for pair in previous {
                if let (Some(&s), Some(&a)) = (
                    student_at.get(pair.student.as_str()),
                    agent_at.get(pair.agent.as_str()),
                ) {
                    before[s] = Some(a);
                }
            }
            let kept = (0..held.len())
                .filter(|&s| before[s].is_some() && held[s].map(|h| h.0) == before[s])
                .count();
            if stats.changed_pairs != Some(previous.len() - kept) {
                errors.push(format!(
                    "changed_pairs {:?}, should be {}",
                    stats.changed_pairs,
                    previous.len() - kept
                ));
            }
            before
        }
    };

    if let Some(objective) = optimal {
        if output.pairs.len() != maximum {
            errors.push(format!(
                "{} students placed, {maximum} could be",
                output.pairs.len()
            ));
        }
        check_local_optimality(input, &compat, &held, &load, &mut errors);
        check_priority(input, &compat, &held, &before, objective, &mut errors);
    }
    errors
}

/// The day of a visit when `s` and `a` are compatible (`Some(None)`: compatible, no date).
fn visit_day(input: &PairsInput, s: usize, a: usize) -> Option<Option<String>> {
    let student = &input.students[s];
    let agent = &input.agents[a];
    if !student.wishes.contains(&agent.id) {
        return None;
    }
    let remote_possible = accepts(student.mode, Mode::Remote) && accepts(agent.mode, Mode::Remote);
    let on_site_possible = accepts(student.mode, Mode::OnSite) && accepts(agent.mode, Mode::OnSite);
    let same_city = match (&student.city, &agent.city) {
        (Some(x), Some(y)) => x.trim().to_lowercase() == y.trim().to_lowercase(),
        _ => true,
    };
    if !(remote_possible || (on_site_possible && same_city)) {
        return None;
    }
    let days = |list: &Option<Vec<String>>| -> Option<Vec<Date>> {
        list.as_ref()
            .map(|l| l.iter().filter_map(|d| day(d)).collect())
    };
    match (days(&student.dates), days(&agent.dates)) {
        (Some(x), Some(y)) => x
            .iter()
            .filter(|d| y.contains(d))
            .min()
            .map(|d| Some(show(*d))),
        (Some(x), None) | (None, Some(x)) => Some(x.iter().min().map(|d| show(*d))),
        (None, None) => Some(None),
    }
}

fn accepts(mode: Option<Mode>, wanted: Mode) -> bool {
    match mode {
        None | Some(Mode::Either) => true,
        Some(m) => m == wanted,
    }
}

/// `YYYY-MM-DD`, read by hand (the engine uses `time`'s format descriptions).
fn day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = text[0..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..10].parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn show(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Maximum number of placeable students: augmenting paths by breadth-first search over
/// (student, agent) compatibilities, each agent offering `capacity` seats.
fn maximum_matching(input: &PairsInput, compat: &[Vec<(usize, u32)>]) -> usize {
    let n = input.students.len();
    let edges: Vec<Vec<usize>> = compat
        .iter()
        .map(|c| c.iter().map(|&(a, _)| a).collect())
        .collect();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); input.agents.len()];
    let mut matched: Vec<Option<usize>> = vec![None; n];
    let mut count = 0;
    for start in 0..n {
        // BFS over students; from a student, any compatible agent; an agent with a free seat
        // ends the path, a full one leads to each of its holders.
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut seen_agent = vec![false; input.agents.len()];
        let mut visited = vec![false; n];
        visited[start] = true;
        let mut queue = VecDeque::from([start]);
        let mut end = None;
        'search: while let Some(s) = queue.pop_front() {
            for &a in &edges[s] {
                if seen_agent[a] {
                    continue;
                }
                seen_agent[a] = true;
                if (holders[a].len() as u64) < u64::from(input.agents[a].capacity) {
                    end = Some((s, a));
                    break 'search;
                }
                for &h in &holders[a] {
                    if !visited[h] {
                        visited[h] = true;
                        parent[h] = Some((s, a));
                        queue.push_back(h);
                    }
                }
            }
        }
        let Some((mut s, mut a)) = end else {
            continue;
        };
        // Walk back: s takes a, and the holder it displaced moves on.
        loop {
            if let Some(old) = matched[s] {
                holders[old].retain(|&h| h != s);
            }
            holders[a].push(s);
            matched[s] = Some(a);
            match parent[s] {
                Some((previous, via)) => {
                    s = previous;
                    a = via;
                }
                None => break,
            }
        }
        count += 1;
    }
    count
}

/// No student can move to a better wish that has a free seat (that would lower the total rank
/// and never raise the worst).
fn check_local_optimality(
    input: &PairsInput,
    compat: &[Vec<(usize, u32)>],
    held: &[Option<(usize, u32)>],
    load: &[u64],
    errors: &mut Vec<String>,
) {
    for (s, current) in held.iter().enumerate() {
        let Some((_, rank)) = current else { continue };
        for &(a, wish_rank) in &compat[s] {
            if wish_rank < *rank && load[a] < u64::from(input.agents[a].capacity) {
                errors.push(format!(
                    "student {} could move up to wish {wish_rank} ({}), which has a free seat",
                    input.students[s].id, input.agents[a].id
                ));
            }
        }
    }
}

/// Priority order: earlier `registered_at`, then none, then input order.
fn priority_order(students: &[StudentEntry]) -> Vec<usize> {
    let times: Vec<Option<OffsetDateTime>> = students
        .iter()
        .map(|s| {
            s.registered_at
                .as_deref()
                .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok())
        })
        .collect();
    let mut order: Vec<usize> = (0..students.len()).collect();
    order.sort_by(|&x, &y| match (times[x], times[y]) {
        (Some(p), Some(q)) => p.cmp(&q).then(x.cmp(&y)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.cmp(&y),
    });
    order
}

/// The objective as the validator reads it, smaller is better, from the number of pairs at
/// each rank and the number of previous pairs kept.
fn score(per_rank: &[i64], kept: i64, objective: Objective) -> (i64, i64, usize, i64, i64) {
    let placed: i64 = per_rank.iter().sum();
    let total: i64 = per_rank.iter().enumerate().map(|(r, c)| r as i64 * c).sum();
    let (worst, at_worst) = match objective {
        Objective::TotalRank => (0, 0),
        Objective::Fair => per_rank
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| **c > 0)
            .map_or((0, 0), |(r, c)| (r, *c)),
    };
    (-placed, -kept, worst, at_worst, total)
}

/// No objective-neutral exchange favours an earlier registrant (see [`crate::pairs`]).
fn check_priority(
    input: &PairsInput,
    compat: &[Vec<(usize, u32)>],
    held: &[Option<(usize, u32)>],
    before: &[Option<usize>],
    objective: Objective,
    errors: &mut Vec<String>,
) {
    let order = priority_order(&input.students);
    let mut position = vec![0; order.len()];
    for (p, &s) in order.iter().enumerate() {
        position[s] = p;
    }
    let longest = input
        .students
        .iter()
        .map(|s| s.wishes.len())
        .max()
        .unwrap_or(0);
    let mut per_rank = vec![0i64; longest + 1];
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); input.agents.len()];
    let is_kept = |s: usize, agent: Option<usize>| agent.is_some() && before[s] == agent;
    let mut kept = 0;
    for (s, h) in held.iter().enumerate() {
        if let Some((agent, rank)) = h {
            per_rank[*rank as usize] += 1;
            holders[*agent].push(s);
            kept += i64::from(is_kept(s, Some(*agent)));
        }
    }
    let base = score(&per_rank, kept, objective);
    for a in 0..held.len() {
        for &(b_agent, a_rank) in &compat[a] {
            if held[a].is_some_and(|(_, r)| r <= a_rank) {
                continue;
            }
            for &b in &holders[b_agent] {
                if position[b] <= position[a] {
                    continue;
                }
                let b_new = held[a].and_then(|(a_agent, _)| {
                    compat[b].iter().copied().find(|&(x, _)| x == a_agent)
                });
                let mut trial = per_rank.clone();
                let mut trial_kept = kept;
                let moves = [(a, held[a], Some((b_agent, a_rank))), (b, held[b], b_new)];
                for (student, old, new) in moves {
                    if let Some((agent, rank)) = old {
                        trial[rank as usize] -= 1;
                        trial_kept -= i64::from(is_kept(student, Some(agent)));
                    }
                    if let Some((agent, rank)) = new {
                        trial[rank as usize] += 1;
                        trial_kept += i64::from(is_kept(student, Some(agent)));
                    }
                }
                if score(&trial, trial_kept, objective) <= base {
                    errors.push(format!(
                        "student {} (earlier) could take the seat of {} at agent {} without \
                         worsening the objective",
                        input.students[a].id, input.students[b].id, input.agents[b_agent].id
                    ));
                }
            }
        }
    }
}
