//! The independent validator against hand-written schedules, each breaking one rule: a
//! validator that lets a broken schedule through would let a solver bug through too.

use serde_json::json;
use vivier_plan::dating::{
    BoundDetails, DatingInput, DatingOutput, DatingStats, DroppedMeeting, Meeting, Method,
    ReplanReport, parse_input, violations,
};

/// Three slots. `r` receives once, at 0 or 1; `s` declined `b`; `t` meets only `a`; `u` is
/// asked by `b` alone. `a` comes at slots 0 and 1 and has one meeting at most.
fn event() -> DatingInput {
    parse_input(
        &json!({
            "slots": 3,
            "recruiters": [
                {"id": "r", "cap": 1, "available": [0, 1]},
                {"id": "s", "declined": ["b"]},
                {"id": "t", "accepted": ["a"]},
                {"id": "u"}
            ],
            "candidates": [
                {"id": "a", "cap": 1, "available": [0, 1], "requests": ["r", "s", "t"]},
                {"id": "b", "requests": ["s", "t", "r", "u"]}
            ]
        })
        .to_string(),
    )
    .expect("valid")
}

fn meeting(candidate: &str, recruiter: &str, slot: u32, rank: u32) -> Meeting {
    Meeting {
        candidate: candidate.into(),
        recruiter: recruiter.into(),
        slot,
        rank,
    }
}

/// An output whose stats agree with `meetings`, so that only the meetings can be at fault.
fn output(meetings: Vec<Meeting>) -> DatingOutput {
    let count = meetings.len() as u64;
    let mut served: Vec<&str> = meetings.iter().map(|m| m.candidate.as_str()).collect();
    served.sort_unstable();
    served.dedup();
    let served = served.len() as u64;
    let rank_sum: u64 = meetings.iter().map(|m| u64::from(m.rank)).sum();
    DatingOutput {
        stats: DatingStats {
            meetings: count,
            meetings_upper_bound: count,
            candidates_served: served,
            candidates_upper_bound: served,
            requests: 7,
            rank_sum,
            mean_rank: if count == 0 {
                0.0
            } else {
                rank_sum as f64 / count as f64
            },
            method: Method::Heuristic,
            bounds: BoundDetails {
                pairs: count,
                ..BoundDetails::default()
            },
        },
        meetings,
        replan: None,
        ignored_fields: Vec::new(),
    }
}

fn assert_flags(input: &DatingInput, output: &DatingOutput, words: &str) {
    let problems = violations(input, output);
    assert!(
        problems.iter().any(|p| p.contains(words)),
        "« {words} » expected in {problems:?} for {:?}",
        output.meetings
    );
}

#[test]
fn a_valid_hand_written_schedule_passes() {
    let input = event();
    let good = output(vec![meeting("a", "r", 0, 1), meeting("b", "u", 0, 4)]);
    assert_eq!(violations(&input, &good), Vec::<String>::new());
}

#[test]
fn each_broken_meeting_rule_is_caught() {
    let input = event();
    let cases = [
        (vec![meeting("zoe", "r", 0, 1)], "inconnu"),
        (vec![meeting("a", "personne", 0, 1)], "inconnu"),
        (vec![meeting("a", "u", 0, 1)], "pas demandé"),
        (vec![meeting("a", "s", 0, 1)], "rang 1 au lieu de 2"),
        (vec![meeting("b", "s", 0, 1)], "refusé"),
        (vec![meeting("b", "t", 0, 2)], "refusé"),
        (
            vec![meeting("a", "s", 2, 2)],
            "candidat n'est pas disponible",
        ),
        (
            vec![meeting("b", "r", 2, 3)],
            "recruteur n'est pas disponible",
        ),
        (vec![meeting("b", "u", 7, 4)], "n'est pas disponible"),
        (
            vec![meeting("b", "r", 0, 3), meeting("b", "u", 0, 4)],
            "candidat est déjà pris",
        ),
        (
            vec![meeting("a", "s", 1, 2), meeting("b", "s", 1, 1)],
            "recruteur est déjà pris",
        ),
        (
            vec![meeting("b", "u", 0, 4), meeting("b", "u", 1, 4)],
            "rencontre déjà ce recruteur",
        ),
        (
            vec![meeting("a", "r", 0, 1), meeting("a", "s", 1, 2)],
            "candidat a : 2 rencontres pour 1",
        ),
        (
            vec![meeting("a", "r", 0, 1), meeting("b", "r", 1, 3)],
            "recruteur r : 2 rencontres pour 1",
        ),
        (
            vec![meeting("b", "u", 1, 4), meeting("a", "r", 0, 1)],
            "hors de l'ordre",
        ),
        (
            vec![meeting("b", "u", 0, 4), meeting("a", "r", 0, 1)],
            "hors de l'ordre",
        ),
    ];
    for (meetings, words) in cases {
        assert_flags(&input, &output(meetings), words);
    }
}

#[test]
fn each_wrong_figure_is_caught() {
    let input = event();
    let good = output(vec![meeting("a", "r", 0, 1), meeting("b", "u", 0, 4)]);
    type Change = fn(&mut DatingOutput);
    let cases: [(Change, &str); 11] = [
        (|o| o.stats.meetings = 3, "stats.meetings"),
        (|o| o.stats.candidates_served = 1, "stats.candidates_served"),
        (|o| o.stats.requests = 6, "stats.requests"),
        (|o| o.stats.rank_sum = 4, "stats.rank_sum"),
        (|o| o.stats.mean_rank = 1.0, "stats.mean_rank"),
        (
            |o| {
                o.stats.meetings_upper_bound = 1;
                o.stats.bounds.pairs = 1;
            },
            "inférieur au nombre de rencontres",
        ),
        (
            |o| o.stats.candidates_upper_bound = 1,
            "inférieur au nombre de candidats",
        ),
        (
            |o| {
                o.stats.meetings_upper_bound = 50;
                o.stats.bounds.pairs = 50;
            },
            "dépasse la capacité totale",
        ),
        (
            |o| o.stats.candidates_upper_bound = 3,
            "dépasse le nombre de candidats possibles",
        ),
        (
            |o| o.stats.bounds.time_expanded = Some(1),
            "n'est pas la plus petite des bornes",
        ),
        (
            |o| {
                o.stats.method = Method::Exact;
                o.stats.meetings_upper_bound = 3;
                o.stats.bounds.pairs = 3;
            },
            "méthode exacte",
        ),
    ];
    for (change, words) in cases {
        let mut broken = good.clone();
        change(&mut broken);
        assert_flags(&input, &broken, words);
    }
}

#[test]
fn a_re_optimisation_report_is_replayed() {
    let mut input = event();
    input.previous = Some(
        serde_json::from_value(json!([
            {"candidate": "a", "recruiter": "r", "slot": 0},
            {"candidate": "b", "recruiter": "s", "slot": 1},
            {"candidate": "gone", "recruiter": "u", "slot": 2}
        ]))
        .expect("meetings"),
    );
    let report = |kept, dropped: usize, added| ReplanReport {
        kept,
        dropped: (0..dropped).map(|_| dropped_meeting()).collect(),
        added,
    };
    let with = |meetings, replan| DatingOutput {
        replan,
        ..output(meetings)
    };
    // a–r at 0 is still allowed; b–s is declined now; "gone" left.
    let good = with(
        vec![meeting("a", "r", 0, 1), meeting("b", "u", 0, 4)],
        Some(report(1, 2, 1)),
    );
    assert_eq!(violations(&input, &good), Vec::<String>::new());
    assert_flags(
        &input,
        &with(
            vec![meeting("a", "r", 1, 1), meeting("b", "u", 0, 4)],
            Some(report(1, 2, 1)),
        ),
        "n'est pas gardée en place",
    );
    let meetings = || vec![meeting("a", "r", 0, 1), meeting("b", "u", 0, 4)];
    assert_flags(
        &input,
        &with(meetings(), Some(report(2, 1, 0))),
        "replan.kept",
    );
    assert_flags(
        &input,
        &with(meetings(), Some(report(1, 1, 1))),
        "replan.dropped",
    );
    assert_flags(
        &input,
        &with(meetings(), Some(report(1, 2, 2))),
        "replan.added",
    );
    assert_flags(&input, &with(meetings(), None), "replan est absent");
    input.previous = None;
    assert_flags(
        &input,
        &with(meetings(), Some(report(0, 0, 2))),
        "sans planning précédent",
    );
}

/// A dropped meeting; the validator counts them, their content is the solver's explanation.
fn dropped_meeting() -> DroppedMeeting {
    DroppedMeeting {
        candidate: "x".into(),
        recruiter: "y".into(),
        slot: 0,
        reason: "raison".into(),
    }
}
