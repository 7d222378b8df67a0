//! An independent validator of pairing outputs, used by every test and by the benchmarks.
//!
//! It shares no code with the engine: it re-reads the raw input (its own date and time parsing,
//! its own compatibility rules, its own maximum matching, its own optimality certificate) and
//! checks an output against every rule of the contract. Violations come back as a list of
//! French sentences, in the style of the job-dating validator; an empty list means the output
//! is valid.

mod clock;
mod optimal;

use std::collections::{HashMap, HashSet, VecDeque};

use time::{Date, Month};

use crate::pairs::{Mode, Objective, Pair, PairsInput, PairsOutput, StudentEntry, UnplacedReason};

/// Everything wrong with `output` as a pairing of `input`, in French; empty when it is valid.
///
/// Always checked: ids, one agent per student, every student either paired or listed unplaced
/// (once), both lists in the students' input order, compatibility, ranks, dates, capacities,
/// stats (with `max_placeable` recomputed by an independent maximum matching) and the truth of
/// every unplaced reason. With `optimal` set, the output must also be the engine's exact
/// answer: maximum cardinality, the objective optimal (checked by the absence of a cycle of
/// negative cost in the output's residual graph), and the registration ties settled in
/// priority order (no student can get a better wish without changing the objective or the
/// place of a student of higher priority). With `previous`, `changed_pairs` is checked and kept
/// pairs count in the objective, as in a repair.
#[must_use]
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
                    // An agent without a seat (withdrawn) is compatible with no one.
                    if input.agents[a].capacity == 0 {
                        return None;
                    }
                    visit_day(input, s, a)?;
                    Some((a, k as u32 + 1))
                })
                .collect()
        })
        .collect();

    // Who holds what.
    let mut held: Vec<Option<(usize, u32)>> = vec![None; input.students.len()];
    let mut load = vec![0u64; input.agents.len()];
    let mut last = None;
    for (i, pair) in output.pairs.iter().enumerate() {
        let at = format!("paire {i} ({}, {})", pair.student, pair.agent);
        let (Some(&s), Some(&a)) = (
            student_at.get(pair.student.as_str()),
            agent_at.get(pair.agent.as_str()),
        ) else {
            errors.push(format!("{at} : étudiant ou agent inconnu"));
            continue;
        };
        if last.is_some_and(|l| l >= s) {
            errors.push(format!("{at} : pas dans l'ordre des étudiants du document"));
        }
        last = Some(s);
        if held[s].is_some() {
            errors.push(format!("{at} : l'étudiant est déjà apparié"));
        }
        let student = &input.students[s];
        let Some(position) = student.wishes.iter().position(|w| *w == pair.agent) else {
            errors.push(format!("{at} : l'agent n'est pas un vœu de l'étudiant"));
            continue;
        };
        if pair.rank as usize != position + 1 {
            errors.push(format!(
                "{at} : rang {} au lieu de {}",
                pair.rank,
                position + 1
            ));
        }
        match visit_day(input, s, a) {
            None => errors.push(format!(
                "{at} : l'étudiant et l'agent ne sont pas compatibles (dates, modalité ou ville)"
            )),
            Some(day) => {
                if day != pair.date {
                    errors.push(format!(
                        "{at} : date {} au lieu de {}",
                        pair.date.as_deref().unwrap_or("absente"),
                        day.as_deref().unwrap_or("absente")
                    ));
                }
            }
        }
        held[s] = Some((a, pair.rank));
        load[a] += 1;
    }
    for (a, agent) in input.agents.iter().enumerate() {
        if load[a] > u64::from(agent.capacity) {
            errors.push(format!(
                "agent {} : {} étudiants pour une capacité de {}",
                agent.id, load[a], agent.capacity
            ));
        }
    }

    // Unplaced students: exactly those without a pair, once each, with a true reason.
    let mut listed = HashSet::new();
    let mut last = None;
    for (i, entry) in output.unplaced.iter().enumerate() {
        let Some(&s) = student_at.get(entry.student.as_str()) else {
            errors.push(format!(
                "non placé {i} ({}) : étudiant inconnu",
                entry.student
            ));
            continue;
        };
        if last.is_some_and(|l| l >= s) {
            errors.push(format!(
                "non placé {i} ({}) : pas dans l'ordre des étudiants du document",
                entry.student
            ));
        }
        last = Some(s);
        let at = format!("étudiant {}", entry.student);
        if !listed.insert(s) {
            errors.push(format!("{at} : listé deux fois parmi les non placés"));
        }
        if held[s].is_some() {
            errors.push(format!("{at} : à la fois apparié et non placé"));
        }
        let truth = if compat[s].is_empty() {
            UnplacedReason::NoCompatibleAgent
        } else if compat[s]
            .iter()
            .all(|&(a, _)| load[a] >= u64::from(input.agents[a].capacity))
        {
            UnplacedReason::CompatibleSeatsTaken
        } else {
            errors.push(format!(
                "{at} : non placé alors qu'un agent compatible a une place libre"
            ));
            continue;
        };
        if entry.reason != truth {
            errors.push(format!(
                "{at} : raison {} au lieu de {}",
                entry.reason.code(),
                truth.code()
            ));
        }
        if entry.message != truth.message() {
            errors.push(format!("{at} : le message ne correspond pas à la raison"));
        }
    }
    for (s, student) in input.students.iter().enumerate() {
        if held[s].is_none() && !listed.contains(&s) {
            errors.push(format!("étudiant {} : ni apparié ni non placé", student.id));
        }
    }

    let maximum = maximum_matching(input, &compat);
    check_stats(input, output, &held, maximum, &mut errors);
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
            let changed = previous.len() - kept;
            if output.stats.changed_pairs != Some(changed) {
                errors.push(format!(
                    "stats.changed_pairs vaut {} au lieu de {changed}",
                    output
                        .stats
                        .changed_pairs
                        .map_or("null".to_owned(), |c| c.to_string())
                ));
            }
            before
        }
    };

    if let Some(objective) = optimal {
        if output.pairs.len() != maximum {
            errors.push(format!(
                "{} étudiants placés alors que {maximum} pourraient l'être",
                output.pairs.len()
            ));
        }
        check_local_optimality(input, &compat, &held, &before, &load, &mut errors);
        // The exact checks read the pairing as a flow: only meaningful on a valid one.
        if errors.is_empty() {
            let student_ids: Vec<&str> = input.students.iter().map(|s| s.id.as_str()).collect();
            let agent_ids: Vec<&str> = input.agents.iter().map(|a| a.id.as_str()).collect();
            let capacity: Vec<u32> = input.agents.iter().map(|a| a.capacity).collect();
            let order = priority_order(&input.students);
            let reading = optimal::Reading {
                compat: &compat,
                held: &held,
                before: &before,
                capacity: &capacity,
                order: &order,
                student_ids: &student_ids,
                agent_ids: &agent_ids,
            };
            optimal::check(&reading, objective, &mut errors);
        }
    }
    errors
}

/// The stats, recomputed.
fn check_stats(
    input: &PairsInput,
    output: &PairsOutput,
    held: &[Option<(usize, u32)>],
    maximum: usize,
    errors: &mut Vec<String>,
) {
    let stats = &output.stats;
    let ranks: Vec<u32> = held.iter().flatten().map(|&(_, r)| r).collect();
    let total: u64 = ranks.iter().map(|&r| u64::from(r)).sum();
    let mut expect = |name: &str, got: String, want: String| {
        if got != want {
            errors.push(format!("stats.{name} vaut {got} au lieu de {want}"));
        }
    };
    let show = |value: Option<u32>| value.map_or("null".to_owned(), |v| v.to_string());
    expect(
        "students",
        stats.students.to_string(),
        input.students.len().to_string(),
    );
    expect(
        "placed",
        stats.placed.to_string(),
        output.pairs.len().to_string(),
    );
    expect(
        "max_placeable",
        stats.max_placeable.to_string(),
        maximum.to_string(),
    );
    expect(
        "total_rank",
        stats.total_rank.to_string(),
        total.to_string(),
    );
    expect(
        "worst_rank",
        show(stats.worst_rank),
        show(ranks.iter().copied().max()),
    );
    let mean = (!ranks.is_empty()).then(|| total as f64 / ranks.len() as f64);
    let close = match (stats.mean_rank, mean) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    if !close {
        errors.push(format!(
            "stats.mean_rank vaut {:?} au lieu de {mean:?}",
            stats.mean_rank
        ));
    }
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
/// and never raise the worst), unless that breaks a kept pair of a repair.
fn check_local_optimality(
    input: &PairsInput,
    compat: &[Vec<(usize, u32)>],
    held: &[Option<(usize, u32)>],
    before: &[Option<usize>],
    load: &[u64],
    errors: &mut Vec<String>,
) {
    for (s, current) in held.iter().enumerate() {
        let Some((agent, rank)) = current else {
            continue;
        };
        // In a repair, a kept pair outweighs any rank.
        if before[s] == Some(*agent) {
            continue;
        }
        for &(a, wish_rank) in &compat[s] {
            if wish_rank < *rank && load[a] < u64::from(input.agents[a].capacity) {
                errors.push(format!(
                    "étudiant {} : pourrait passer à son vœu {wish_rank} ({}), qui a une place \
                     libre",
                    input.students[s].id, input.agents[a].id
                ));
            }
        }
    }
}

/// Priority order: earlier `registered_at`, then none (or unreadable), then input order.
fn priority_order(students: &[StudentEntry]) -> Vec<usize> {
    let times: Vec<Option<i128>> = students
        .iter()
        .map(|s| s.registered_at.as_deref().and_then(clock::instant))
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
