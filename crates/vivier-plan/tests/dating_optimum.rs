//! The engine against the exact optimum, found by exhaustive search on tiny events, and against
//! its own claims on random events of every shape (the independent validator, bounds at least
//! the achieved figures, the optimum under full availability).

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use vivier_plan::dating::{
    Availability, CandidateInput, DatingInput, DatingOutput, GeneratorConfig, Method,
    PlannedMeeting, RecruiterInput, generate, schedule, self_booking, violations,
};

/// (candidates served, meetings, -rank sum): larger is better, compared lexicographically.
type Score = (u64, u64, i64);

fn score(output: &DatingOutput) -> Score {
    let s = &output.stats;
    (s.candidates_served, s.meetings, -(s.rank_sum as i64))
}

/// A tiny random event: up to 4 candidates, 3 recruiters, 3 slots; caps, availability, declines
/// and shortlists drawn at random. When `full`, everyone is present at every slot but for a few
/// who withdrew (`available: []`), who can meet no one.
fn tiny(rng: &mut ChaCha8Rng, full: bool) -> DatingInput {
    let slots = rng.random_range(1..=3i64);
    let recruiters = rng.random_range(1..=3usize);
    let candidates = rng.random_range(1..=4usize);
    let subset = |rng: &mut ChaCha8Rng| -> Option<Vec<i64>> {
        if full {
            return rng.random_bool(0.1).then(Vec::new);
        }
        rng.random_bool(0.6)
            .then(|| (0..slots).filter(|_| rng.random_bool(0.6)).collect())
    };
    let mut recruiter_list: Vec<RecruiterInput> = (0..recruiters)
        .map(|r| RecruiterInput {
            id: format!("r{r}"),
            cap: rng.random_bool(0.4).then(|| rng.random_range(0..=3)),
            available: subset(rng),
            accepted: None,
            declined: None,
        })
        .collect();
    let candidate_list: Vec<CandidateInput> = (0..candidates)
        .map(|c| {
            let mut requests: Vec<String> = (0..recruiters).map(|r| format!("r{r}")).collect();
            for i in (1..requests.len()).rev() {
                requests.swap(i, rng.random_range(0..=i));
            }
            requests.truncate(rng.random_range(0..=recruiters));
            CandidateInput {
                id: format!("c{c}"),
                cap: rng.random_bool(0.4).then(|| rng.random_range(0..=3)),
                available: subset(rng),
                requests,
            }
        })
        .collect();
    if rng.random_bool(0.3) {
        let r = rng.random_range(0..recruiters);
        recruiter_list[r].declined = Some(vec![format!("c{}", rng.random_range(0..candidates))]);
    }
    if rng.random_bool(0.2) {
        let r = rng.random_range(0..recruiters);
        recruiter_list[r].accepted = Some(vec![format!("c{}", rng.random_range(0..candidates))]);
    }
    DatingInput {
        slots,
        recruiters: recruiter_list,
        candidates: candidate_list,
        previous: None,
        ignored_fields: Vec::new(),
    }
}

/// The best score over every schedule, by exhaustive search: each requested pair either does
/// not meet or meets at one slot. Written from the rules alone, on the raw input.
fn brute_force(input: &DatingInput) -> Score {
    let present = |a: &Option<Vec<i64>>, t: i64| a.as_ref().is_none_or(|a| a.contains(&t));
    let mut pairs = Vec::new(); // (candidate, recruiter, rank)
    for (c, candidate) in input.candidates.iter().enumerate() {
        for (k, id) in candidate.requests.iter().enumerate() {
            let r = input
                .recruiters
                .iter()
                .position(|x| &x.id == id)
                .expect("known");
            let rec = &input.recruiters[r];
            let refused = rec
                .declined
                .as_ref()
                .is_some_and(|d| d.contains(&candidate.id))
                || rec
                    .accepted
                    .as_ref()
                    .is_some_and(|a| !a.contains(&candidate.id));
            if !refused {
                pairs.push((c, r, k as i64 + 1));
            }
        }
    }
    let mut best = (0, 0, 0);
    let mut chosen = Vec::new();
    search(input, &pairs, 0, &mut chosen, &mut best, &present);
    best
}

fn search(
    input: &DatingInput,
    pairs: &[(usize, usize, i64)],
    next: usize,
    chosen: &mut Vec<(usize, usize, i64, i64)>,
    best: &mut Score,
    present: &dyn Fn(&Option<Vec<i64>>, i64) -> bool,
) {
    if next == pairs.len() {
        let mut served: Vec<usize> = chosen.iter().map(|m| m.0).collect();
        served.sort_unstable();
        served.dedup();
        let s = (
            served.len() as u64,
            chosen.len() as u64,
            -chosen.iter().map(|m| m.2).sum::<i64>(),
        );
        *best = (*best).max(s);
        return;
    }
    search(input, pairs, next + 1, chosen, best, present);
    let (c, r, rank) = pairs[next];
    let candidate = &input.candidates[c];
    let recruiter = &input.recruiters[r];
    let count = |side: u8| {
        chosen
            .iter()
            .filter(|m| if side == 0 { m.0 == c } else { m.1 == r })
            .count() as i64
    };
    if candidate.cap.is_some_and(|cap| count(0) >= cap)
        || recruiter.cap.is_some_and(|cap| count(1) >= cap)
    {
        return;
    }
    for t in 0..input.slots {
        if present(&candidate.available, t)
            && present(&recruiter.available, t)
            && !chosen.iter().any(|m| m.3 == t && (m.0 == c || m.1 == r))
        {
            chosen.push((c, r, rank, t));
            search(input, pairs, next + 1, chosen, best, present);
            chosen.pop();
        }
    }
}

#[test]
fn full_availability_reaches_the_exhaustive_optimum() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for round in 0..400 {
        let input = tiny(&mut rng, true);
        let output = schedule(&input).expect("valid input");
        assert_eq!(
            violations(&input, &output),
            Vec::<String>::new(),
            "round {round}"
        );
        assert_eq!(output.stats.method, Method::Exact);
        assert_eq!(
            score(&output),
            brute_force(&input),
            "round {round}: {input:?}"
        );
    }
}

#[test]
fn restricted_availability_serves_the_optimum_and_rarely_misses_a_meeting() {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let (mut rounds, mut fewer_meetings, mut worse_ranks) = (0, 0, 0);
    for round in 0..400 {
        let input = tiny(&mut rng, false);
        let output = schedule(&input).expect("valid input");
        assert_eq!(
            violations(&input, &output),
            Vec::<String>::new(),
            "round {round}"
        );
        let best = brute_force(&input);
        let got = score(&output);
        // Served is exact; so is its bound, and the meeting bound holds.
        assert_eq!(got.0, best.0, "round {round}: {input:?}");
        assert_eq!(output.stats.candidates_upper_bound, best.0, "round {round}");
        assert!(
            output.stats.meetings_upper_bound >= best.1,
            "round {round}: {input:?}"
        );
        assert!(got <= best);
        rounds += 1;
        if got.1 < best.1 {
            fewer_meetings += 1;
        } else if got.2 < best.2 {
            worse_ranks += 1;
        }
    }
    println!(
        "restricted, {rounds} tiny events: {fewer_meetings} with fewer meetings than the optimum, \
         {worse_ranks} with as many but worse ranks"
    );
    assert!(
        fewer_meetings * 100 <= rounds * 2,
        "{fewer_meetings} misses in {rounds}"
    );
}

fn config(
    candidates: usize,
    recruiters: usize,
    slots: u32,
    cap: Option<u32>,
    full: bool,
    seed: u64,
) -> GeneratorConfig {
    GeneratorConfig {
        candidates,
        recruiters,
        slots,
        max_requests: 5,
        candidate_cap: cap,
        recruiter_cap: None,
        availability: if full {
            Availability::Full
        } else {
            Availability::Restricted
        },
        zipf_exponent: 1.0,
        seed,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_events_get_valid_schedules_within_their_bounds(
        candidates in 0usize..300,
        recruiters in 1usize..40,
        slots in 1u32..20,
        cap in proptest::option::of(0u32..6),
        full: bool,
        seed: u64,
    ) {
        let input = generate(&config(candidates, recruiters, slots, cap, full, seed));
        let output = schedule(&input).expect("generated input is valid");
        prop_assert_eq!(violations(&input, &output), Vec::<String>::new());
        let s = &output.stats;
        prop_assert!(s.meetings <= s.meetings_upper_bound);
        prop_assert!(s.candidates_served <= s.candidates_upper_bound);
        if full {
            prop_assert_eq!(s.method, Method::Exact);
            prop_assert_eq!(s.meetings, s.meetings_upper_bound);
            prop_assert_eq!(s.candidates_served, s.candidates_upper_bound);
        } else {
            // Served is exact under any availability when nothing is imposed.
            prop_assert_eq!(s.candidates_served, s.candidates_upper_bound);
        }
        let baseline = self_booking(&input, seed).expect("valid");
        prop_assert_eq!(violations(&input, &baseline), Vec::<String>::new());
        prop_assert!(score(&baseline) <= score(&output) || !full);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn a_replan_keeps_every_meeting_still_allowed_in_place(
        candidates in 1usize..200,
        recruiters in 1usize..30,
        full: bool,
        seed: u64,
    ) {
        let first_input = generate(&config(candidates, recruiters, 12, Some(3), full, seed));
        let first = schedule(&first_input).expect("valid");
        // Cancellations, late requests and a recruiter's shortened day.
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut second_input = first_input.clone();
        second_input.candidates.retain(|_| rng.random_bool(0.9));
        for candidate in &mut second_input.candidates {
            if rng.random_bool(0.2) {
                let late = format!("r{:03}", rng.random_range(0..recruiters));
                if !candidate.requests.contains(&late) {
                    candidate.requests.push(late);
                }
            }
        }
        if let Some(recruiter) = second_input.recruiters.first_mut() {
            recruiter.available = Some((0..6).collect());
        }
        second_input.previous = Some(first.meetings.iter().map(PlannedMeeting::from).collect());
        let second = schedule(&second_input).expect("valid");
        // The validator replays the keep-in-place rule and checks the report.
        prop_assert_eq!(violations(&second_input, &second), Vec::<String>::new());
        let report = second.replan.as_ref().expect("report");
        prop_assert_eq!(report.kept + report.dropped.len() as u64, first.meetings.len() as u64);
    }
}
