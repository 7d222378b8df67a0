//! `vivier plan …` as organisers' scripts use it: the real binary, JSON in (a file or the
//! standard input), JSON or a table out, quality figures, and exit code 2 with the field named
//! when the input is wrong.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write as _;
use std::process::{Output, Stdio};

use serde_json::{Value, json};

/// Runs `vivier plan ARGS` with `stdin` as the standard input.
fn plan(args: &[&str], stdin: &str) -> Output {
    let mut child = common::vivier()
        .arg("plan")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok_json(output: &Output) -> Value {
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn pairs_input() -> Value {
    json!({
        "students": [
            {"id": "lea", "wishes": ["dinum", "insee"], "registered_at": "2026-03-01T09:00:00+01:00"},
            {"id": "noe", "wishes": ["dinum"], "registered_at": "2026-03-02T09:00:00+01:00"},
            {"id": "ines", "wishes": ["urssaf"]}
        ],
        "agents": [
            {"id": "dinum", "capacity": 1, "dates": ["2026-04-14"]},
            {"id": "insee", "capacity": 1},
            {"id": "urssaf", "capacity": 1}
        ]
    })
}

#[test]
fn pairs_place_the_most_students_and_say_why_the_others_are_not() {
    let directory = tempfile::tempdir().unwrap();
    let mut input = pairs_input();
    input["students"][2]["wishes"] = json!([]);
    let file = directory.path().join("binomes.json");
    std::fs::write(&file, input.to_string()).unwrap();

    let output = plan(&["pairs", file.to_str().unwrap()], "");
    let result = ok_json(&output);
    // Noé only wants the DINUM: Léa goes to her second wish so that both are placed.
    let pairs = result["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2, "{result}");
    assert!(
        pairs.contains(
            &json!({"student": "noe", "agent": "dinum", "rank": 1, "date": "2026-04-14"})
        )
    );
    assert!(
        pairs
            .iter()
            .any(|p| p["student"] == "lea" && p["agent"] == "insee" && p["rank"] == 2)
    );
    assert_eq!(result["unplaced"][0]["student"], "ines");
    assert_eq!(result["unplaced"][0]["reason"], "no_compatible_agent");
    assert_eq!(result["stats"]["placed"], 2);
    assert_eq!(result["stats"]["max_placeable"], 2);
    // The figures go to the standard error, the JSON alone to the standard output.
    let figures = text(&output.stderr);
    assert!(figures.contains("Placé·es : 2 sur 3"), "{figures}");
    assert!(figures.contains("100,0 %"), "{figures}");

    // The same from the standard input, as a table.
    let output = plan(&["pairs", "--format", "table"], &input.to_string());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    for expected in [
        "étudiant·e",
        "noe",
        "dinum",
        "non placé·e",
        "ines",
        "Placé·es : 2 sur 3",
    ] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
}

#[test]
fn pairs_are_repaired_with_the_fewest_changes_when_an_agent_withdraws() {
    let directory = tempfile::tempdir().unwrap();
    let input = json!({
        "students": [
            {"id": "a", "wishes": ["x", "y"]},
            {"id": "b", "wishes": ["y", "z"]},
            {"id": "c", "wishes": ["z"]}
        ],
        "agents": [
            {"id": "x", "capacity": 1},
            {"id": "y", "capacity": 1},
            {"id": "z", "capacity": 1}
        ]
    });
    let first = ok_json(&plan(&["pairs", "--fair"], &input.to_string()));
    assert_eq!(first["stats"]["placed"], 3);
    let previous = directory.path().join("avant.json");
    std::fs::write(&previous, first.to_string()).unwrap();

    // Agent x withdraws: a moves to y would push b out; the repair keeps the most pairs.
    let mut after = input.clone();
    after["agents"].as_array_mut().unwrap().remove(0);
    after["students"][0]["wishes"] = json!(["y"]);
    let output = plan(
        &["pairs", "--previous", previous.to_str().unwrap()],
        &after.to_string(),
    );
    let repaired = ok_json(&output);
    assert_eq!(repaired["stats"]["placed"], 2, "{repaired}");
    assert_eq!(repaired["stats"]["changed_pairs"], 1, "{repaired}");
    assert!(text(&output.stderr).contains("binômes changés : 1"));

    // A previous pairing that names a student twice is refused, and the message names that
    // document and its field, not the input's.
    let mut twice = first.clone();
    let copy = twice["pairs"][0].clone();
    twice["pairs"].as_array_mut().unwrap().push(copy);
    std::fs::write(&previous, twice.to_string()).unwrap();
    let output = plan(
        &["pairs", "--previous", previous.to_str().unwrap()],
        &after.to_string(),
    );
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("avant.json"), "{message}");
    assert!(message.contains("pairs[3].student"), "{message}");
}

#[test]
fn fields_unknown_to_the_contract_are_read_past_and_named() {
    // A script's own annotation and a misspelt optional field: the document is planned, and
    // both are named on stderr and in the result, so that the typo does not go unnoticed.
    let mut input = pairs_input();
    input["students"][2]["registred_at"] = json!("2026-03-01");
    input["agents"][0]["note"] = json!("vu au salon");
    let output = plan(&["pairs"], &input.to_string());
    let result = ok_json(&output);
    // In document order (the `json!` value writes its keys alphabetically: agents first).
    assert_eq!(
        result["ignored_fields"],
        json!(["agents[0].note", "students[2].registred_at"]),
        "{result}"
    );
    let figures = text(&output.stderr);
    assert!(
        figures.contains("champs ignorés") && figures.contains("students[2].registred_at"),
        "{figures}"
    );
    let dating = json!({
        "slots": 2,
        "recruiters": [{"id": "dinum", "availble": [1]}],
        "candidates": [{"id": "a", "requests": ["dinum"]}]
    });
    let output = plan(&["job-dating", "--format", "table"], &dating.to_string());
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("recruiters[0].availble"));
}

#[test]
fn a_job_dating_schedule_comes_with_its_upper_bounds() {
    let input = json!({
        "slots": 2,
        "recruiters": [{"id": "dinum"}, {"id": "insee", "available": [1]}],
        "candidates": [
            {"id": "a", "requests": ["insee", "dinum"]},
            {"id": "b", "cap": 1, "requests": ["insee"]}
        ]
    });
    let output = plan(&["job-dating", "-"], &input.to_string());
    let result = ok_json(&output);
    assert_eq!(result["stats"]["candidates_served"], 2, "{result}");
    assert_eq!(result["stats"]["candidates_upper_bound"], 2);
    assert_eq!(result["stats"]["meetings"], 2);
    assert_eq!(result["stats"]["meetings_upper_bound"], 2);
    assert!(
        result["meetings"]
            .as_array()
            .unwrap()
            .contains(&json!({"candidate": "b", "recruiter": "insee", "slot": 1, "rank": 1}))
    );
    let figures = text(&output.stderr);
    assert!(
        figures.contains("Rendez-vous : 2 ; borne supérieure 2 (100,0 %)"),
        "{figures}"
    );

    let table = plan(&["job-dating", "--format", "table"], &input.to_string());
    assert!(text(&table.stdout).contains("créneau"));
}

#[test]
fn a_programme_check_lists_hard_and_soft_conflicts() {
    let input = json!({
        "slots": [{"id": "9h"}, {"id": "10h"}],
        "rooms": [{"id": "amphi", "capacity": 100}, {"id": "salle-b", "capacity": 20}],
        "talks": [
            {"id": "ouverture", "speakers": ["camille"], "room": "amphi", "slot": "9h", "theme": "data"},
            {"id": "atelier", "speakers": ["camille"], "room": "salle-b", "slot": "9h", "theme": "data", "expected_audience": 40}
        ]
    });
    let output = plan(&["check-programme"], &input.to_string());
    let report = ok_json(&output);
    let kinds: Vec<&str> = report["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"speaker_double_booked"), "{kinds:?}");
    assert!(kinds.contains(&"over_capacity"), "{kinds:?}");
    assert!(kinds.contains(&"same_theme_same_time"), "{kinds:?}");
    assert!(
        text(&output.stderr).contains("conflits bloquants : 2"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn wrong_input_exits_2_naming_the_field() {
    let mut unknown = pairs_input();
    unknown["students"][1]["wishes"] = json!(["dinum", "cnil"]);
    let mut negative = pairs_input();
    negative["agents"][1]["capacity"] = json!(-1);
    let outside = json!({
        "slots": 4,
        "recruiters": [{"id": "dinum", "available": [0, 7]}],
        "candidates": []
    });
    for (args, input, field) in [
        (vec!["pairs"], unknown.to_string(), "students[1].wishes[1]"),
        (vec!["pairs"], negative.to_string(), "agents[1].capacity"),
        (
            vec!["job-dating"],
            outside.to_string(),
            "recruiters[0].available[1]",
        ),
        (
            vec!["pairs"],
            "{\"students\": [".to_owned(),
            "s’arrête avant sa fin",
        ),
        (
            vec!["pairs", "/nulle-part/binomes.json"],
            String::new(),
            "/nulle-part/binomes.json",
        ),
    ] {
        let output = plan(&args, &input);
        let message = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?} {input}: {message}");
        assert!(message.contains(field), "{field} in: {message}");
        assert!(
            output.stdout.is_empty(),
            "nothing on stdout: {}",
            text(&output.stdout)
        );
    }
}

#[test]
fn the_schemas_of_the_documents_are_printed() {
    for document in [
        "pairs-input",
        "pairs-output",
        "job-dating-input",
        "job-dating-output",
        "programme-input",
        "programme-output",
    ] {
        let schema = ok_json(&plan(&["schema", document], ""));
        assert!(schema["properties"].is_object(), "{document}: {schema}");
    }
}
