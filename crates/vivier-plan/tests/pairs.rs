//! The pairing engine, story by story: the rules organisers rely on.

mod common;

use common::{agent, student};
use vivier_plan::pairs::check_pairs;
use vivier_plan::pairs::{
    Mode, Objective, Pair, PairsInput, PairsOutput, UnplacedReason, first_come_first_served, pair,
    parse_input, repair,
};
use vivier_plan::pairs::{PairsScenario, pairs_instance};

fn run(input: &PairsInput, objective: Objective) -> vivier_plan::pairs::PairsOutput {
    let output = pair(input, objective).expect("the engine accepts the input");
    let errors = check_pairs(input, &output, Some(objective), None);
    assert!(errors.is_empty(), "{errors:#?}");
    output
}

fn agent_of<'a>(output: &'a vivier_plan::pairs::PairsOutput, student: &str) -> Option<&'a str> {
    output
        .pairs
        .iter()
        .find(|p| p.student == student)
        .map(|p| p.agent.as_str())
}

#[test]
fn maximum_cardinality_comes_before_first_wishes() {
    // Greedy gives s1 its first wish a and leaves s2 (who only wants a) out.
    let input = PairsInput {
        students: vec![student("s1", &["a", "b"]), student("s2", &["a"])],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    let output = run(&input, Objective::TotalRank);
    assert_eq!(output.stats.placed, 2);
    assert_eq!(agent_of(&output, "s1"), Some("b"));
    assert_eq!(agent_of(&output, "s2"), Some("a"));
    let baseline = first_come_first_served(&input).unwrap();
    assert_eq!(baseline.stats.placed, 1);
    assert_eq!(baseline.stats.max_placeable, 2);
    assert!(check_pairs(&input, &baseline, None, None).is_empty());
}

#[test]
fn fair_and_total_rank_differ_where_they_should() {
    // x and y are never available to students (dates), they only push ranks down.
    // s1: a = 1, b = 3; s2: a = 3, b = 4. Total rank prefers s1→a, s2→b (1 + 4 = 5, worst 4);
    // fair prefers s1→b, s2→a (3 + 3 = 6, worst 3).
    let mut input = PairsInput {
        students: vec![
            student("s1", &["a", "x", "b"]),
            student("s2", &["x", "y", "a", "b"]),
        ],
        agents: vec![agent("a", 1), agent("b", 1), agent("x", 1), agent("y", 1)],
        ..Default::default()
    };
    for a in &mut input.agents[2..] {
        a.dates = Some(vec!["2026-04-02".into()]);
    }
    for s in &mut input.students {
        s.dates = Some(vec!["2026-04-03".into()]);
    }
    let total = run(&input, Objective::TotalRank);
    assert_eq!(
        (total.stats.total_rank, total.stats.worst_rank),
        (5, Some(4))
    );
    assert_eq!(agent_of(&total, "s1"), Some("a"));
    let fair = run(&input, Objective::Fair);
    assert_eq!((fair.stats.total_rank, fair.stats.worst_rank), (6, Some(3)));
    assert_eq!(agent_of(&fair, "s1"), Some("b"));
    assert_eq!(agent_of(&fair, "s2"), Some("a"));
}

#[test]
fn earlier_registration_wins_a_contested_seat() {
    let mut input = PairsInput {
        students: vec![student("late", &["a"]), student("early", &["a"])],
        agents: vec![agent("a", 1)],
        ..Default::default()
    };
    input.students[0].registered_at = Some("2026-03-02T10:00:00+01:00".into());
    input.students[1].registered_at = Some("2026-03-02T09:30:00+01:00".into());
    let output = run(&input, Objective::TotalRank);
    assert_eq!(agent_of(&output, "early"), Some("a"));
    assert_eq!(output.unplaced[0].student, "late");
    assert_eq!(
        output.unplaced[0].reason,
        UnplacedReason::CompatibleSeatsTaken
    );
}

#[test]
fn registered_students_come_before_unregistered_then_input_order() {
    let mut input = PairsInput {
        students: vec![
            student("first_listed", &["a"]),
            student("registered", &["a"]),
            student("second_listed", &["a"]),
        ],
        agents: vec![agent("a", 1)],
        ..Default::default()
    };
    input.students[1].registered_at = Some("2026-03-02T09:30:00Z".into());
    assert_eq!(
        agent_of(&run(&input, Objective::Fair), "registered"),
        Some("a")
    );
    input.students[1].registered_at = None;
    assert_eq!(
        agent_of(&run(&input, Objective::Fair), "first_listed"),
        Some("a")
    );
}

#[test]
fn registration_times_without_an_offset_are_paris_time() {
    // Scripts write times without an offset, or a date alone: Paris time (a date alone is
    // midnight). As instants: `midnight` is 2026-03-01T23:00Z, `paris_eight` 07:00Z and
    // `utc_seven_fifty_nine` 07:59Z, the reverse of the input order.
    let stamps = [
        ("utc_seven_fifty_nine", "2026-03-02T07:59:00Z"),
        ("paris_eight", "2026-03-02 08:00"),
        ("midnight", "2026-03-02"),
    ];
    let mut input = PairsInput {
        students: stamps.iter().map(|(id, _)| student(id, &["a"])).collect(),
        agents: vec![agent("a", 1)],
        ..Default::default()
    };
    for (s, (_, stamp)) in input.students.iter_mut().zip(stamps) {
        s.registered_at = Some(stamp.into());
    }
    assert_eq!(
        agent_of(&run(&input, Objective::TotalRank), "midnight"),
        Some("a")
    );
    input.students.pop();
    assert_eq!(
        agent_of(&run(&input, Objective::TotalRank), "paris_eight"),
        Some("a")
    );
}

#[test]
fn earlier_registrant_gets_the_better_rank_on_a_neutral_swap() {
    // Both want a then b at the same ranks: whoever is earlier gets a.
    let mut input = PairsInput {
        students: vec![student("s1", &["a", "b"]), student("s2", &["a", "b"])],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    input.students[1].registered_at = Some("2026-01-01T00:00:00Z".into());
    input.students[0].registered_at = Some("2026-01-02T00:00:00Z".into());
    let output = run(&input, Objective::TotalRank);
    assert_eq!(agent_of(&output, "s2"), Some("a"));
    assert_eq!(agent_of(&output, "s1"), Some("b"));
}

#[test]
fn earlier_registrant_wins_even_when_no_two_students_can_swap() {
    // a1 has two seats; `third` can only go there. `first` and `second` both want a1 first, so
    // one of them gets it and the other her second wish: the total rank is the same either way,
    // so `first`, registered earlier, must get a1. They cannot simply swap (`second` does not
    // want a2): `second` goes to a0 instead, a move the old pairwise-exchange rule missed.
    let mut input = PairsInput {
        students: vec![
            student("second", &["a1", "a0"]),
            student("third", &["a1"]),
            student("first", &["a1", "a2"]),
        ],
        agents: vec![agent("a0", 1), agent("a1", 2), agent("a2", 1)],
        ..Default::default()
    };
    input.students[2].registered_at = Some("2026-01-05T08:00:00Z".into());
    input.students[0].registered_at = Some("2026-01-05T09:00:00Z".into());
    input.students[1].registered_at = Some("2026-01-05T10:00:00Z".into());
    for objective in [Objective::TotalRank, Objective::Fair] {
        let output = run(&input, objective);
        assert_eq!(agent_of(&output, "first"), Some("a1"), "{objective:?}");
        assert_eq!(agent_of(&output, "second"), Some("a0"), "{objective:?}");
        assert_eq!(agent_of(&output, "third"), Some("a1"), "{objective:?}");
    }
}

#[test]
fn unplaced_reasons_tell_the_truth() {
    let mut input = PairsInput {
        students: vec![
            student("keen", &["a"]),
            student("other", &["a"]),
            student("off_dates", &["b"]),
            student("no_wish", &[]),
        ],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    input.agents[1].dates = Some(vec!["2026-04-02".into()]);
    input.students[2].dates = Some(vec!["2026-04-09".into()]);
    let output = run(&input, Objective::TotalRank);
    let reason = |id: &str| {
        output
            .unplaced
            .iter()
            .find(|u| u.student == id)
            .map(|u| u.reason)
    };
    assert_eq!(reason("other"), Some(UnplacedReason::CompatibleSeatsTaken));
    assert_eq!(reason("off_dates"), Some(UnplacedReason::NoCompatibleAgent));
    assert_eq!(reason("no_wish"), Some(UnplacedReason::NoCompatibleAgent));
    let json = serde_json::to_value(&output).unwrap();
    assert_eq!(json["unplaced"][0]["reason"], "compatible_seats_taken");
    assert!(
        json["unplaced"][0]["message"]
            .as_str()
            .unwrap()
            .contains("places sont prises")
    );
}

#[test]
fn the_visit_day_is_the_earliest_shared_date() {
    let mut input = PairsInput {
        students: vec![
            student("s", &["a"]),
            student("t", &["b"]),
            student("u", &["c"]),
        ],
        agents: vec![agent("a", 1), agent("b", 1), agent("c", 1)],
        ..Default::default()
    };
    input.students[0].dates = Some(vec![
        "2026-04-16".into(),
        "2026-04-09".into(),
        "2026-04-02".into(),
    ]);
    input.agents[0].dates = Some(vec!["2026-04-16".into(), "2026-04-09".into()]);
    input.agents[1].dates = Some(vec!["2026-05-07".into(), "2026-04-30".into()]);
    let output = run(&input, Objective::TotalRank);
    let day = |id: &str| {
        output
            .pairs
            .iter()
            .find(|p| p.student == id)
            .and_then(|p| p.date.clone())
    };
    assert_eq!(day("s").as_deref(), Some("2026-04-09"));
    assert_eq!(day("t").as_deref(), Some("2026-04-30"));
    assert_eq!(day("u"), None);
}

#[test]
fn modes_and_cities_are_hard_constraints() {
    let mut input = PairsInput {
        students: vec![
            student("remote_only", &["onsite"]),
            student("lyon", &["paris", "flex"]),
        ],
        agents: vec![agent("onsite", 1), agent("paris", 1), agent("flex", 1)],
        ..Default::default()
    };
    input.students[0].mode = Some(Mode::Remote);
    input.agents[0].mode = Some(Mode::OnSite);
    input.students[1].mode = Some(Mode::OnSite);
    input.students[1].city = Some("Lyon".into());
    input.agents[1].city = Some("Paris".into());
    input.agents[1].mode = Some(Mode::OnSite);
    input.agents[2].city = Some("Paris".into());
    input.agents[2].mode = Some(Mode::Either);
    let output = run(&input, Objective::TotalRank);
    // On site only, in Lyon: neither Paris agent works, even the flexible one.
    assert_eq!(output.stats.placed, 0);
    input.students[1].mode = Some(Mode::Either);
    let output = run(&input, Objective::TotalRank);
    assert_eq!(agent_of(&output, "lyon"), Some("flex"));
}

#[test]
fn repair_after_a_withdrawal_moves_as_few_students_as_possible() {
    // s1 has a; s2 has b; s3 has c. Agent a withdraws: s1 can only go to c (s3's, who can go
    // to d) or b (s2's, who can go nowhere else). Fewest changes: s1 → c, s3 → d — two moves
    // rather than leaving someone out.
    let input = PairsInput {
        students: vec![
            student("s1", &["a", "b", "c"]),
            student("s2", &["b"]),
            student("s3", &["c", "d"]),
        ],
        agents: vec![agent("a", 1), agent("b", 1), agent("c", 1), agent("d", 1)],
        ..Default::default()
    };
    let first = run(&input, Objective::TotalRank);
    assert_eq!(agent_of(&first, "s1"), Some("a"));
    let mut after = input.clone();
    after.agents.remove(0);
    for s in &mut after.students {
        s.wishes.retain(|w| w != "a");
    }
    let output = repair(&after, &first.pairs, Objective::TotalRank).unwrap();
    assert!(
        check_pairs(
            &after,
            &output,
            Some(Objective::TotalRank),
            Some(&first.pairs)
        )
        .is_empty()
    );
    assert_eq!(output.stats.placed, 3);
    assert_eq!(agent_of(&output, "s2"), Some("b"));
    assert_eq!(agent_of(&output, "s1"), Some("c"));
    assert_eq!(agent_of(&output, "s3"), Some("d"));
    assert_eq!(output.stats.changed_pairs, Some(2));
}

#[test]
fn an_agent_withdraws_by_a_capacity_of_zero_without_touching_the_wishes() {
    // The same story as above, told the short way: a's capacity drops to 0. The wishes naming a
    // stay valid and every other wish keeps its rank.
    let input = PairsInput {
        students: vec![
            student("s1", &["a", "b", "c"]),
            student("s2", &["b"]),
            student("s3", &["c", "d"]),
            student("s4", &["a"]),
        ],
        agents: vec![agent("a", 2), agent("b", 1), agent("c", 1), agent("d", 1)],
        ..Default::default()
    };
    let first = run(&input, Objective::TotalRank);
    assert_eq!(agent_of(&first, "s1"), Some("a"));
    assert_eq!(agent_of(&first, "s4"), Some("a"));
    let mut after = input.clone();
    after.agents[0].capacity = 0;
    let output = repair(&after, &first.pairs, Objective::TotalRank).unwrap();
    assert_eq!(
        check_pairs(
            &after,
            &output,
            Some(Objective::TotalRank),
            Some(&first.pairs)
        ),
        Vec::<String>::new()
    );
    assert_eq!(agent_of(&output, "s1"), Some("c"));
    assert_eq!(output.pairs[0].rank, 3);
    assert_eq!(agent_of(&output, "s3"), Some("d"));
    assert_eq!(output.stats.changed_pairs, Some(3));
    // s4 only wished for the agent who withdrew: no agent is available to them.
    assert_eq!(output.unplaced[0].student, "s4");
    assert_eq!(output.unplaced[0].reason, UnplacedReason::NoCompatibleAgent);
}

#[test]
fn engine_beats_first_come_first_served_at_2020_scale() {
    let (mut engine_placed, mut baseline_placed) = (0, 0);
    for seed in 0..10 {
        let input = pairs_instance(&PairsScenario::edition_2020(), seed);
        let engine = run(&input, Objective::TotalRank);
        let baseline = first_come_first_served(&input).unwrap();
        assert!(engine.stats.placed >= baseline.stats.placed);
        engine_placed += engine.stats.placed;
        baseline_placed += baseline.stats.placed;
    }
    assert!(
        engine_placed > baseline_placed,
        "{engine_placed} vs {baseline_placed}"
    );
}

#[test]
fn invalid_inputs_name_the_field_in_french() {
    let cases = [
        (
            r#"{"students": [{"id": "s", "wishes": ["a"]}, {"id": "t", "wishes": ["zz"]}], "agents": [{"id": "a", "capacity": 1}]}"#,
            "students[1].wishes[0]",
            "l’agent « zz » ne figure pas dans la liste agents",
        ),
        (
            r#"{"students": [{"id": "s", "wishes": ["a", "a"]}], "agents": [{"id": "a", "capacity": 1}]}"#,
            "students[0].wishes[1]",
            "l’agent « a » est déjà le vœu students[0].wishes[0]",
        ),
        (
            r#"{"students": [{"id": "s", "wishes": []}, {"id": "s", "wishes": []}], "agents": []}"#,
            "students[1].id",
            "l’identifiant « s » est déjà celui de students[0]",
        ),
        (
            r#"{"students": [], "agents": [{"id": "a", "capacity": 1}, {"id": "a", "capacity": 1}]}"#,
            "agents[1].id",
            "l’identifiant « a » est déjà celui de agents[0]",
        ),
        (
            r#"{"students": [], "agents": [{"id": "a", "capacity": -1}]}"#,
            "agents[0].capacity",
            "valeur -1 invalide : il faut un entier entre 0 et 4294967295",
        ),
        (
            r#"{"students": [], "agents": [{"id": "a", "capacity": 1, "dates": ["2026-02-30"]}]}"#,
            "agents[0].dates[0]",
            "date « 2026-02-30 » invalide : le format attendu est AAAA-MM-JJ",
        ),
        (
            r#"{"students": [{"id": "s", "wishes": [], "dates": []}], "agents": []}"#,
            "students[0].dates",
            "la liste des dates est vide : omettez le champ pour accepter toutes les dates",
        ),
        (
            r#"{"students": [{"id": "s", "wishes": [], "mode": "bus"}], "agents": []}"#,
            "students[0].mode",
            "valeur « bus » inconnue ; valeurs possibles : on_site, remote, either",
        ),
        (
            r#"{"students": [{"id": "", "wishes": []}], "agents": []}"#,
            "students[0].id",
            "l’identifiant est vide",
        ),
    ];
    for (json, field, problem) in cases {
        let error = parse_input(json)
            .and_then(|input| pair(&input, Objective::TotalRank))
            .unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.problem.as_str()),
            (field, problem),
            "{json}"
        );
    }
    let error = parse_input(
        r#"{"students": [{"id": "s", "wishes": [], "registered_at": "hier"}], "agents": []}"#,
    )
    .and_then(|input| pair(&input, Objective::TotalRank))
    .unwrap_err();
    assert_eq!(error.field, "students[0].registered_at");
    assert!(error.problem.starts_with("horodatage « hier » invalide"));
    assert!(
        error.problem.contains("heure de Paris"),
        "{}",
        error.problem
    );
}

#[test]
fn the_validator_catches_broken_outputs() {
    let input = PairsInput {
        students: vec![
            student("s1", &["a", "b"]),
            student("s2", &["a"]),
            student("s3", &["b"]),
        ],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    let good = run(&input, Objective::TotalRank);
    let broken = |change: &dyn Fn(&mut vivier_plan::pairs::PairsOutput)| {
        let mut output = good.clone();
        change(&mut output);
        check_pairs(&input, &output, Some(Objective::TotalRank), None)
    };
    // Over capacity.
    assert!(
        !broken(&|o| o.pairs[0].agent = "a".into()).is_empty()
            || !broken(&|o| o.pairs[1].agent = "a".into()).is_empty()
    );
    // Wrong rank.
    assert!(!broken(&|o| o.pairs[0].rank += 1).is_empty());
    // A student forgotten.
    assert!(
        !broken(&|o| {
            o.unplaced.clear();
        })
        .is_empty()
    );
    // A false reason.
    assert!(!broken(&|o| o.unplaced[0].reason = UnplacedReason::NoCompatibleAgent).is_empty());
    // Stats that lie.
    assert!(!broken(&|o| o.stats.max_placeable += 1).is_empty());
    // A non-maximum pairing: s1 takes a, s2 is dropped.
    let input = PairsInput {
        students: vec![student("s1", &["a", "b"]), student("s2", &["a"])],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    let mut greedy = first_come_first_served(&input).unwrap();
    assert_eq!(greedy.stats.placed, 1);
    assert!(check_pairs(&input, &greedy, None, None).is_empty());
    assert!(!check_pairs(&input, &greedy, Some(Objective::TotalRank), None).is_empty());
    greedy.unplaced.clear();
    assert!(!check_pairs(&input, &greedy, None, None).is_empty());
}

#[test]
fn the_validator_catches_a_priority_violation() {
    let mut input = PairsInput {
        students: vec![student("late", &["a"]), student("early", &["a"])],
        agents: vec![agent("a", 1)],
        ..Default::default()
    };
    input.students[1].registered_at = Some("2026-01-01T00:00:00Z".into());
    let mut output = run(&input, Objective::TotalRank);
    output.pairs[0].student = "late".into();
    output.unplaced[0].student = "early".into();
    let errors = check_pairs(&input, &output, Some(Objective::TotalRank), None);
    assert_eq!(
        errors,
        [
            "étudiant early : pourrait avoir son vœu 1 (a) sans changer l'objectif ni la place \
          d'aucun étudiant prioritaire"
        ]
    );
}

/// An output with `pairs` as (student, agent, rank) and everyone else unplaced for lack of
/// seats, with true stats: what a hand-made output would be.
fn by_hand(input: &PairsInput, pairs: &[(&str, &str, u32)]) -> PairsOutput {
    let mut output = pair(input, Objective::TotalRank).expect("the engine accepts the input");
    output.pairs = pairs
        .iter()
        .map(|&(student, agent, rank)| Pair {
            student: student.into(),
            agent: agent.into(),
            rank,
            date: None,
        })
        .collect();
    output
        .unplaced
        .retain(|u| !pairs.iter().any(|p| p.0 == u.student));
    output.stats.placed = pairs.len();
    output.stats.total_rank = pairs.iter().map(|p| u64::from(p.2)).sum();
    output.stats.worst_rank = pairs.iter().map(|p| p.2).max();
    output.stats.mean_rank = Some(output.stats.total_rank as f64 / pairs.len() as f64);
    output
}

#[test]
fn the_validator_catches_a_worse_total_that_no_swap_reveals() {
    // Everyone has their second wish; rotating the three seats gives everyone their first. No
    // two students can swap (each would land on a seat the other does not want), so only a
    // global check sees it.
    let input = PairsInput {
        students: vec![
            student("s1", &["x", "y"]),
            student("s2", &["y", "z"]),
            student("s3", &["z", "x"]),
        ],
        agents: vec![agent("x", 1), agent("y", 1), agent("z", 1)],
        ..Default::default()
    };
    let second_wishes = by_hand(&input, &[("s1", "y", 2), ("s2", "z", 2), ("s3", "x", 2)]);
    assert!(check_pairs(&input, &second_wishes, None, None).is_empty());
    for objective in [Objective::TotalRank, Objective::Fair] {
        let errors = check_pairs(&input, &second_wishes, Some(objective), None);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("appariement non optimal")),
            "{objective:?}: {errors:#?}"
        );
    }
}

#[test]
fn the_validator_catches_a_tie_lost_by_an_earlier_registrant_without_a_swap() {
    // The pairing the old pairwise-exchange rule returned (see
    // `earlier_registrant_wins_even_when_no_two_students_can_swap`).
    let input = PairsInput {
        students: vec![
            student("first", &["a1", "a2"]),
            student("second", &["a1", "a0"]),
            student("third", &["a1"]),
        ],
        agents: vec![agent("a0", 1), agent("a1", 2), agent("a2", 1)],
        ..Default::default()
    };
    let lost = by_hand(
        &input,
        &[("first", "a2", 2), ("second", "a1", 1), ("third", "a1", 1)],
    );
    assert!(check_pairs(&input, &lost, None, None).is_empty());
    assert_eq!(
        check_pairs(&input, &lost, Some(Objective::TotalRank), None),
        [
            "étudiant first : pourrait avoir son vœu 1 (a1) sans changer l'objectif ni la place \
          d'aucun étudiant prioritaire"
        ]
    );
}

#[test]
fn the_validator_catches_lists_out_of_input_order() {
    let input = PairsInput {
        students: vec![student("s1", &["a"]), student("s2", &["b"])],
        agents: vec![agent("a", 1), agent("b", 1)],
        ..Default::default()
    };
    let mut output = run(&input, Objective::TotalRank);
    output.pairs.reverse();
    assert_eq!(
        check_pairs(&input, &output, None, None),
        ["paire 1 (s1, a) : pas dans l'ordre des étudiants du document"]
    );
}

#[test]
fn the_schema_documents_the_contract() {
    let schema = serde_json::to_value(schemars::schema_for!(PairsInput)).unwrap();
    let text = schema.to_string();
    for field in ["students", "wishes", "registered_at", "capacity", "on_site"] {
        assert!(text.contains(field), "{field} missing from the schema");
    }
}
