//! The job-dating contract as organisers meet it: the JSON they write, the errors they get back,
//! shortlists, and re-optimisation after cancellations and late requests.

use serde_json::json;
use vivier_plan::InputError;
use vivier_plan::dating::{
    DatingInput, DatingOutput, input_schema, output_schema, parse_input, schedule, violations,
};

fn input(value: serde_json::Value) -> DatingInput {
    parse_input(&value.to_string()).expect("valid JSON")
}

fn planned(input: &DatingInput) -> DatingOutput {
    let output = schedule(input).expect("valid input");
    assert_eq!(violations(input, &output), Vec::<String>::new());
    output
}

fn refused(value: serde_json::Value) -> InputError {
    let text = value.to_string();
    match parse_input(&text) {
        Err(error) => error,
        Ok(input) => schedule(&input).expect_err("input should be refused"),
    }
}

fn fair() -> serde_json::Value {
    json!({
        "slots": 3,
        "recruiters": [
            {"id": "dinum", "cap": 2},
            {"id": "insee", "available": [1, 2]},
            {"id": "ademe"}
        ],
        "candidates": [
            {"id": "alice", "requests": ["dinum", "insee"]},
            {"id": "bruno", "cap": 1, "available": [0], "requests": ["dinum"]},
            {"id": "chloe", "requests": ["dinum", "ademe", "insee"]}
        ]
    })
}

#[test]
fn the_output_keeps_the_contract_names() {
    let output = planned(&input(fair()));
    let value = serde_json::to_value(&output).expect("serialisable");
    for key in ["candidate", "recruiter", "slot", "rank"] {
        assert!(value["meetings"][0].get(key).is_some(), "meetings[].{key}");
    }
    for key in [
        "meetings",
        "meetings_upper_bound",
        "candidates_served",
        "candidates_upper_bound",
        "requests",
    ] {
        assert!(value["stats"].get(key).is_some(), "stats.{key}");
    }
    assert_eq!(value["stats"]["requests"], 6);
    assert_eq!(value["stats"]["candidates_served"], 3);
    assert!(value.get("replan").is_none());
}

#[test]
fn everyone_present_everywhere_gets_the_proven_optimum() {
    let output = planned(&input(json!({
        "slots": 2,
        "recruiters": [{"id": "r1"}, {"id": "r2"}],
        "candidates": [
            {"id": "a", "requests": ["r1", "r2"]},
            {"id": "b", "requests": ["r1", "r2"]},
            {"id": "c", "requests": ["r1"]}
        ]
    })));
    // r1 can see two of three: serving all three needs c with r1, and a, b share r2 and r1's
    // other slot.
    assert_eq!(output.stats.candidates_served, 3);
    assert_eq!(output.stats.meetings, 4);
    assert_eq!(output.stats.meetings_upper_bound, 4);
}

#[test]
fn declined_requests_and_shortlists_are_respected() {
    let mut value = fair();
    value["recruiters"][0]["declined"] = json!(["alice"]);
    value["recruiters"][2]["accepted"] = json!(["alice"]);
    let output = planned(&input(value));
    assert!(
        !output
            .meetings
            .iter()
            .any(|m| m.candidate == "alice" && m.recruiter == "dinum")
    );
    assert!(
        !output
            .meetings
            .iter()
            .any(|m| m.candidate == "chloe" && m.recruiter == "ademe")
    );
}

#[test]
fn each_invalid_field_is_named_with_its_problem_in_french() {
    let cases = [
        (
            json!({"slots": 3, "recruiters": [], "candidates": [{"id": "a", "requests": ["nobody"]}]}),
            "candidates[0].requests[0]",
            "inconnu",
        ),
        (
            json!({"slots": 3, "recruiters": [{"id": "r"}, {"id": "r"}], "candidates": []}),
            "recruiters[1].id",
            "déjà utilisé",
        ),
        (
            json!({"slots": 3, "recruiters": [{"id": "r"}], "candidates": [{"id": "a", "requests": ["r", "r"]}]}),
            "candidates[0].requests[1]",
            "déjà demandé",
        ),
        (
            json!({"slots": 3, "recruiters": [{"id": "r", "available": [0, 3]}], "candidates": []}),
            "recruiters[0].available[1]",
            "hors de l'événement",
        ),
        (
            json!({"slots": 3, "recruiters": [], "candidates": [{"id": "a", "cap": -1, "requests": []}]}),
            "candidates[0].cap",
            "négative",
        ),
        (
            json!({"slots": 0, "recruiters": [], "candidates": []}),
            "slots",
            "au moins un créneau",
        ),
        (
            json!({"slots": 3, "recruiters": [{"id": "r", "declined": ["x"]}], "candidates": []}),
            "recruiters[0].declined[0]",
            "inconnu",
        ),
        (
            json!({"slots": 3, "recruiters": [], "candidates": [{"id": "a", "cap": "deux", "requests": []}]}),
            "candidates[0].cap",
            "il faut un entier",
        ),
        (
            json!({"slots": 3, "recruiters": [{"cap": 2}], "candidates": []}),
            "recruiters[0].id",
            "manquant",
        ),
        (
            json!({"slots": 3, "recruiters": [], "candidates": [{"id": "a", "requets": []}]}),
            "candidates[0].requests",
            "manquant",
        ),
        (
            json!({"slots": 200, "recruiters": [], "candidates": []}),
            "slots",
            "au plus 128 créneaux",
        ),
    ];
    for (value, field, words) in cases {
        let error = refused(value.clone());
        assert_eq!(error.field, field, "{value}");
        assert!(error.problem.contains(words), "{value}: {}", error.problem);
    }
}

#[test]
fn unknown_fields_are_read_past_and_named_in_the_output() {
    let mut value = fair();
    // A typo, a script's annotation on every candidate, a field of a later version.
    value["recruiters"][1]["availble"] = json!([0]);
    for candidate in value["candidates"].as_array_mut().expect("list") {
        candidate["email"] = json!("x@example.org");
    }
    value["venue"] = json!("Lyon");
    let with_extras = input(value);
    assert_eq!(
        with_extras.ignored_fields,
        ["candidates[0].email", "recruiters[1].availble", "venue"]
    );
    let output = planned(&with_extras);
    assert_eq!(output.ignored_fields, with_extras.ignored_fields);
    let json = serde_json::to_value(&output).expect("serialisable");
    assert_eq!(json["ignored_fields"][1], "recruiters[1].availble");
    // Otherwise the same schedule as without them, and nothing to report.
    let plain = planned(&input(fair()));
    assert_eq!(output.meetings, plain.meetings);
    assert!(
        serde_json::to_value(&plain)
            .expect("ok")
            .get("ignored_fields")
            .is_none()
    );
}

#[test]
fn malformed_json_is_refused_with_its_position() {
    let error = parse_input("{\"slots\": 3,, }").expect_err("malformed");
    assert_eq!(error.field, "(document)");
    assert!(error.problem.contains("mal formé") && error.problem.contains("ligne 1"));
    let error = parse_input("{\"slots\": 3").expect_err("truncated");
    assert!(error.problem.contains("avant sa fin"));
}

#[test]
fn a_cancellation_keeps_every_other_meeting_in_place() {
    let first_input = input(fair());
    let first = planned(&first_input);
    // Bruno cancels; Chloé adds a late request.
    let mut value = fair();
    value["candidates"].as_array_mut().expect("list").remove(1);
    value["candidates"][1]["requests"] = json!(["dinum", "ademe", "insee"]);
    // The previous output's meetings, given back as they are (with their ranks).
    value["previous"] = serde_json::to_value(&first.meetings).expect("serialisable");
    let second_input = input(value);
    let second = planned(&second_input);
    assert_eq!(second.ignored_fields, Vec::<String>::new());
    let report = second.replan.as_ref().expect("a replan report");
    let bruno = first
        .meetings
        .iter()
        .filter(|m| m.candidate == "bruno")
        .count() as u64;
    assert_eq!(report.kept + bruno, first.meetings.len() as u64);
    assert_eq!(report.dropped.len() as u64, bruno);
    assert!(
        report
            .dropped
            .iter()
            .all(|d| d.reason.contains("ne participe plus"))
    );
    for m in first.meetings.iter().filter(|m| m.candidate != "bruno") {
        assert!(second.meetings.contains(m), "{m:?} moved");
    }
}

#[test]
fn a_previous_meeting_no_longer_possible_is_dropped_with_its_reason() {
    let mut value = fair();
    value["previous"] = json!([
        {"candidate": "bruno", "recruiter": "dinum", "slot": 2},
        {"candidate": "alice", "recruiter": "insee", "slot": 0},
        {"candidate": "alice", "recruiter": "dinum", "slot": 1},
        {"candidate": "chloe", "recruiter": "dinum", "slot": 1}
    ]);
    let output = planned(&input(value));
    let report = output.replan.expect("report");
    let reasons: Vec<&str> = report.dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(report.kept, 1);
    assert_eq!(
        reasons,
        [
            "le candidat n'est plus disponible à ce créneau",
            "le recruteur n'est plus disponible à ce créneau",
            "le recruteur a déjà une autre rencontre à ce créneau",
        ]
    );
}

#[test]
fn a_previous_schedule_with_nothing_left_to_keep_leaves_the_optimum_exact() {
    let mut value = json!({
        "slots": 2,
        "recruiters": [{"id": "r1"}, {"id": "r2"}],
        "candidates": [
            {"id": "a", "requests": ["r1", "r2"]},
            {"id": "b", "requests": ["r1"]}
        ]
    });
    value["previous"] = json!([{"candidate": "gone", "recruiter": "r1", "slot": 0}]);
    let output = planned(&input(value));
    assert_eq!(output.stats.method, vivier_plan::dating::Method::Exact);
    assert_eq!(output.stats.meetings, 3);
    let report = output.replan.expect("a report");
    assert_eq!((report.kept, report.dropped.len(), report.added), (0, 1, 3));
}

#[test]
fn the_schemas_describe_the_documents() {
    let input = serde_json::to_value(input_schema()).expect("schema");
    let output = serde_json::to_value(output_schema()).expect("schema");
    assert!(input["properties"]["candidates"].is_object());
    assert!(
        input["required"]
            .as_array()
            .is_some_and(|r| r.contains(&json!("slots")))
    );
    assert!(output["properties"]["stats"].is_object());
}

#[test]
fn the_validator_catches_each_broken_rule() {
    let input = input(fair());
    let good = planned(&input);
    let broken = |change: &dyn Fn(&mut DatingOutput)| {
        let mut output = good.clone();
        change(&mut output);
        violations(&input, &output)
    };
    let expect = |problems: Vec<String>, words: &str| {
        assert!(
            problems.iter().any(|p| p.contains(words)),
            "{words}: {problems:?}"
        );
    };
    expect(broken(&|o| o.meetings[0].rank += 1), "rang");
    expect(broken(&|o| o.stats.meetings += 1), "stats.meetings");
    expect(
        broken(&|o| o.stats.candidates_upper_bound = 0),
        "candidates_upper_bound",
    );
    expect(
        broken(&|o| o.meetings[0].recruiter = "personne".into()),
        "inconnu",
    );
    expect(
        broken(&|o| {
            let mut twin = o.meetings[0].clone();
            twin.slot = (twin.slot + 1) % 3;
            o.meetings.push(twin);
        }),
        "rencontre déjà ce recruteur",
    );
    expect(
        broken(&|o| {
            let bruno = o.meetings.iter_mut().find(|m| m.candidate == "bruno");
            if let Some(m) = bruno {
                m.slot = 2;
            }
        }),
        "pas disponible",
    );
    expect(
        broken(&|o| {
            let first = o.meetings[0].clone();
            for m in &mut o.meetings {
                if m.recruiter == first.recruiter {
                    m.slot = first.slot;
                }
            }
            o.meetings.push(vivier_plan::dating::Meeting {
                candidate: "chloe".into(),
                recruiter: "ademe".into(),
                slot: first.slot,
                rank: 2,
            });
        }),
        "déjà pris",
    );
}

#[test]
fn odd_but_valid_events_are_scheduled_without_a_panic() {
    let events = [
        json!({"slots": 1, "recruiters": [], "candidates": []}),
        json!({"slots": 2, "recruiters": [{"id": "r"}], "candidates": [{"id": "a", "requests": []}]}),
        json!({"slots": 128, "recruiters": [{"id": "r", "available": [0, 127]}],
               "candidates": [{"id": "a", "available": [127], "requests": ["r"]},
                              {"id": "b", "requests": ["r"]}]}),
        json!({"slots": 3, "recruiters": [{"id": "r", "cap": 0}],
               "candidates": [{"id": "a", "cap": 0, "requests": ["r"]}]}),
        json!({"slots": 3, "recruiters": [{"id": "r", "cap": 1_000_000_000_000_000_000i64}],
               "candidates": [{"id": "a", "cap": 1_000_000_000_000_000_000i64, "requests": ["r"]}]}),
        json!({"slots": 3, "recruiters": [{"id": "r", "accepted": []}],
               "candidates": [{"id": "a", "requests": ["r"]}]}),
        json!({"slots": 3, "recruiters": [{"id": "r"}], "candidates": [{"id": "a", "requests": ["r"]}],
               "previous": []}),
        json!({"slots": 3, "recruiters": [{"id": "r"}], "candidates": [{"id": "a", "requests": ["r"]}],
        "previous": [
            {"candidate": "a", "recruiter": "r", "slot": -1},
            {"candidate": "a", "recruiter": "r", "slot": 1_000_000_000_000i64},
            {"candidate": "zoe", "recruiter": "r", "slot": 0},
            {"candidate": "a", "recruiter": "r", "slot": 2},
            {"candidate": "a", "recruiter": "r", "slot": 2}
        ]}),
    ];
    for event in events {
        let input = input(event.clone());
        let output = planned(&input);
        let baseline = vivier_plan::dating::self_booking(&input, 3).expect("valid input");
        assert_eq!(
            violations(&input, &baseline),
            Vec::<String>::new(),
            "{event}"
        );
        assert!(output.stats.meetings <= 2, "{event}");
    }
}

#[test]
fn every_run_reports_both_upper_bounds_as_numbers() {
    use vivier_plan::dating::{Availability, GeneratorConfig, generate, self_booking};
    let full = generate(&GeneratorConfig {
        candidates: 300,
        recruiters: 20,
        ..GeneratorConfig::medium(Availability::Full, 5)
    });
    let restricted = generate(&GeneratorConfig {
        candidates: 300,
        recruiters: 60,
        ..GeneratorConfig::medium(Availability::Restricted, 5)
    });
    let mut replan = restricted.clone();
    replan.previous = Some(
        planned(&restricted)
            .meetings
            .iter()
            .map(Into::into)
            .collect(),
    );
    replan.candidates.truncate(250);
    let outputs = [
        planned(&full),
        planned(&restricted),
        planned(&replan),
        self_booking(&restricted, 1).expect("valid"),
    ];
    for output in &outputs {
        let stats = &serde_json::to_value(output).expect("serialisable")["stats"];
        for (bound, achieved) in [
            ("meetings_upper_bound", "meetings"),
            ("candidates_upper_bound", "candidates_served"),
        ] {
            let bound = stats[bound].as_u64().expect("a number");
            assert!(
                bound >= stats[achieved].as_u64().expect("a number"),
                "{stats}"
            );
        }
    }
}

#[test]
fn the_same_input_always_gives_the_same_schedule() {
    use vivier_plan::dating::{Availability, GeneratorConfig, generate, self_booking};
    // Every run builds its own hash maps with their own random keys: an order taken from one
    // would show here as two different schedules.
    let mut input = generate(&GeneratorConfig {
        candidates: 400,
        recruiters: 40,
        ..GeneratorConfig::medium(Availability::Restricted, 9)
    });
    input.recruiters[0].declined = Some(vec!["c00001".into(), "c00002".into()]);
    input.recruiters[1].accepted = Some((0..200).map(|c| format!("c{c:05}")).collect());
    let first = planned(&input);
    input.previous = Some(first.meetings.iter().skip(7).map(Into::into).collect());
    input.candidates[3].requests.reverse();
    let second = planned(&input);
    for _ in 0..3 {
        assert_eq!(planned(&input), second);
        assert_eq!(
            self_booking(&input, 4).expect("valid"),
            self_booking(&input, 4).expect("valid")
        );
    }
}
