//! An independent check of a schedule against its input: every rule of the contract, and the
//! stats. It reads the raw input with its own maps and shares no code with the solver, so a bug
//! there is not repeated here; every test of the engine runs its outputs through it.

use std::collections::{HashMap, HashSet};

use super::model::{DatingInput, DatingOutput, Method};

/// Everything wrong with `output` as a schedule of `input`, in French; empty when it is valid.
///
/// Checked: ids, slots, requests, ranks, shortlists and declines, availability, nobody in two
/// places at once, a pair meets at most once, caps, the meetings' order, every stat (counts, rank
/// sum, mean rank), the bounds being at least the achieved values and at most the obvious
/// capacity bounds, and, for a re-optimisation (and only then), that every previous meeting still
/// allowed is kept in place and the report's counts.
#[must_use]
pub fn violations(input: &DatingInput, output: &DatingOutput) -> Vec<String> {
    let mut out = Vec::new();
    let recruiters: HashMap<&str, usize> = input
        .recruiters
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let candidates: HashMap<&str, usize> = input
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let slots = input.slots.max(0);
    let present = |available: &Option<Vec<i64>>, slot: i64| {
        (0..slots).contains(&slot) && available.as_ref().is_none_or(|a| a.contains(&slot))
    };
    let allows = |c: usize, r: usize| {
        let id = input.candidates[c].id.as_str();
        let recruiter = &input.recruiters[r];
        recruiter
            .accepted
            .as_ref()
            .is_none_or(|a| a.iter().any(|x| x == id))
            && recruiter
                .declined
                .as_ref()
                .is_none_or(|d| d.iter().all(|x| x != id))
    };

    let mut candidate_slots = HashSet::new();
    let mut recruiter_slots = HashSet::new();
    let mut pairs = HashSet::new();
    let mut per_candidate = vec![0u64; input.candidates.len()];
    let mut per_recruiter = vec![0u64; input.recruiters.len()];
    let mut rank_sum = 0u64;
    // The contract's order: slot, then recruiter, then candidate, each in input order.
    let mut last_key: Option<(u32, usize, usize)> = None;
    for (i, m) in output.meetings.iter().enumerate() {
        let at = format!(
            "rencontre {i} ({}, {}, créneau {})",
            m.candidate, m.recruiter, m.slot
        );
        let (Some(&c), Some(&r)) = (
            candidates.get(m.candidate.as_str()),
            recruiters.get(m.recruiter.as_str()),
        ) else {
            out.push(format!("{at} : candidat ou recruteur inconnu"));
            continue;
        };
        let key = (m.slot, r, c);
        if last_key.is_some_and(|last| last >= key) {
            out.push(format!(
                "{at} : hors de l'ordre (créneau, puis recruteur, puis candidat)"
            ));
        }
        last_key = Some(key);
        let slot = i64::from(m.slot);
        let position = input.candidates[c]
            .requests
            .iter()
            .position(|x| *x == m.recruiter);
        match position {
            None => out.push(format!("{at} : le candidat n'a pas demandé ce recruteur")),
            Some(p) if p as u64 + 1 != u64::from(m.rank) => {
                out.push(format!("{at} : rang {} au lieu de {}", m.rank, p + 1));
            }
            Some(_) => {}
        }
        if !allows(c, r) {
            out.push(format!("{at} : le recruteur a refusé ce candidat"));
        }
        if !present(&input.candidates[c].available, slot) {
            out.push(format!("{at} : le candidat n'est pas disponible"));
        }
        if !present(&input.recruiters[r].available, slot) {
            out.push(format!("{at} : le recruteur n'est pas disponible"));
        }
        if !candidate_slots.insert((c, slot)) {
            out.push(format!("{at} : le candidat est déjà pris à ce créneau"));
        }
        if !recruiter_slots.insert((r, slot)) {
            out.push(format!("{at} : le recruteur est déjà pris à ce créneau"));
        }
        if !pairs.insert((c, r)) {
            out.push(format!("{at} : ce candidat rencontre déjà ce recruteur"));
        }
        per_candidate[c] += 1;
        per_recruiter[r] += 1;
        rank_sum += u64::from(m.rank);
    }
    for (c, candidate) in input.candidates.iter().enumerate() {
        if let Some(cap) = candidate.cap
            && per_candidate[c] as i64 > cap
        {
            out.push(format!(
                "candidat {} : {} rencontres pour {cap} au plus",
                candidate.id, per_candidate[c]
            ));
        }
    }
    for (r, recruiter) in input.recruiters.iter().enumerate() {
        if let Some(cap) = recruiter.cap
            && per_recruiter[r] as i64 > cap
        {
            out.push(format!(
                "recruteur {} : {} rencontres pour {cap} au plus",
                recruiter.id, per_recruiter[r]
            ));
        }
    }

    check_stats(input, output, &per_candidate, rank_sum, &mut out);
    if let Some(previous) = &input.previous {
        check_replan(input, output, previous, &mut out);
    } else if output.replan.is_some() {
        out.push("replan est présent sans planning précédent".to_owned());
    }
    out
}

fn check_stats(
    input: &DatingInput,
    output: &DatingOutput,
    per_candidate: &[u64],
    rank_sum: u64,
    out: &mut Vec<String>,
) {
    let s = &output.stats;
    let meetings = output.meetings.len() as u64;
    let served = per_candidate.iter().filter(|&&n| n > 0).count() as u64;
    let requests: u64 = input
        .candidates
        .iter()
        .map(|c| c.requests.len() as u64)
        .sum();
    let mut expect = |name: &str, got: u64, want: u64| {
        if got != want {
            out.push(format!("stats.{name} vaut {got} au lieu de {want}"));
        }
    };
    expect("meetings", s.meetings, meetings);
    expect("candidates_served", s.candidates_served, served);
    expect("requests", s.requests, requests);
    expect("rank_sum", s.rank_sum, rank_sum);
    let mean = if meetings == 0 {
        0.0
    } else {
        rank_sum as f64 / meetings as f64
    };
    if (s.mean_rank - mean).abs() > 1e-9 {
        out.push(format!(
            "stats.mean_rank vaut {} au lieu de {mean}",
            s.mean_rank
        ));
    }
    if s.meetings_upper_bound < meetings {
        out.push("stats.meetings_upper_bound est inférieur au nombre de rencontres".to_owned());
    }
    if s.candidates_upper_bound < served {
        out.push(
            "stats.candidates_upper_bound est inférieur au nombre de candidats servis".to_owned(),
        );
    }
    // The bounds can be no larger than what people's caps and presence allow on either side.
    let slots = input.slots.max(0) as u64;
    let limit = |cap: Option<i64>, available: &Option<Vec<i64>>| {
        let present = available.as_ref().map_or(slots, |a| a.len() as u64);
        cap.map_or(present, |c| present.min(c.max(0) as u64))
    };
    let by_candidates: u64 = input
        .candidates
        .iter()
        .map(|c| limit(c.cap, &c.available).min(c.requests.len() as u64))
        .sum();
    let by_recruiters: u64 = input
        .recruiters
        .iter()
        .map(|r| limit(r.cap, &r.available))
        .sum();
    if s.meetings_upper_bound > by_candidates.min(by_recruiters) {
        out.push("stats.meetings_upper_bound dépasse la capacité totale".to_owned());
    }
    let askers = input
        .candidates
        .iter()
        .filter(|c| !c.requests.is_empty())
        .count() as u64;
    if s.candidates_upper_bound > askers.min(by_recruiters) {
        out.push(
            "stats.candidates_upper_bound dépasse le nombre de candidats possibles".to_owned(),
        );
    }
    let b = &s.bounds;
    let tightest = [
        Some(b.pairs),
        b.time_expanded,
        b.recruiter_time,
        b.candidate_time,
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(b.pairs);
    if s.meetings_upper_bound != tightest {
        out.push("stats.meetings_upper_bound n'est pas la plus petite des bornes".to_owned());
    }
    if s.method == Method::Exact
        && (meetings != s.meetings_upper_bound || served != s.candidates_upper_bound)
    {
        out.push("méthode exacte mais les bornes ne sont pas atteintes".to_owned());
    }
}

/// Replays the keep-in-place rule on the previous schedule, with its own reading of the input.
fn check_replan(
    input: &DatingInput,
    output: &DatingOutput,
    previous: &[super::model::PlannedMeeting],
    out: &mut Vec<String>,
) {
    let Some(report) = &output.replan else {
        out.push("un planning précédent est donné mais replan est absent".to_owned());
        return;
    };
    let scheduled: HashSet<(&str, &str, i64)> = output
        .meetings
        .iter()
        .map(|m| {
            (
                m.candidate.as_str(),
                m.recruiter.as_str(),
                i64::from(m.slot),
            )
        })
        .collect();
    let candidate = |id: &str| input.candidates.iter().find(|c| c.id == id);
    let recruiter = |id: &str| input.recruiters.iter().find(|r| r.id == id);
    let mut busy: HashSet<(u8, &str, i64)> = HashSet::new();
    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    let mut count: HashMap<(u8, &str), i64> = HashMap::new();
    let mut kept = 0u64;
    for p in previous {
        let (c, r, t) = (p.candidate.as_str(), p.recruiter.as_str(), p.slot);
        let allowed = match (candidate(c), recruiter(r)) {
            (Some(ci), Some(ri)) => {
                let in_event = (0..input.slots).contains(&t);
                let here = |a: &Option<Vec<i64>>| a.as_ref().is_none_or(|a| a.contains(&t));
                let under = |side: u8, id: &str, cap: Option<i64>, a: &Option<Vec<i64>>| {
                    let present = a.as_ref().map_or(input.slots, |a| a.len() as i64);
                    let limit = cap.map_or(present, |c| c.min(present));
                    count.get(&(side, id)).copied().unwrap_or(0) < limit
                };
                in_event
                    && ci.requests.iter().any(|x| x == r)
                    && ri
                        .accepted
                        .as_ref()
                        .is_none_or(|a| a.iter().any(|x| x == c))
                    && ri
                        .declined
                        .as_ref()
                        .is_none_or(|d| d.iter().all(|x| x != c))
                    && here(&ci.available)
                    && here(&ri.available)
                    && !pairs.contains(&(c, r))
                    && !busy.contains(&(0, c, t))
                    && !busy.contains(&(1, r, t))
                    && under(0, c, ci.cap, &ci.available)
                    && under(1, r, ri.cap, &ri.available)
            }
            _ => false,
        };
        if allowed {
            kept += 1;
            busy.insert((0, c, t));
            busy.insert((1, r, t));
            pairs.insert((c, r));
            *count.entry((0, c)).or_insert(0) += 1;
            *count.entry((1, r)).or_insert(0) += 1;
            if !scheduled.contains(&(c, r, t)) {
                out.push(format!(
                    "la rencontre précédente ({c}, {r}, créneau {t}) n'est pas gardée en place"
                ));
            }
        }
    }
    if report.kept != kept {
        out.push(format!(
            "replan.kept vaut {} au lieu de {kept}",
            report.kept
        ));
    }
    if report.dropped.len() as u64 + kept != previous.len() as u64 {
        out.push("replan.dropped ne compte pas toutes les rencontres abandonnées".to_owned());
    }
    if report.added + kept != output.meetings.len() as u64 {
        out.push("replan.added ne correspond pas aux rencontres ajoutées".to_owned());
    }
}
