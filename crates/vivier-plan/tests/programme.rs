//! The programme checker: stories, and random programmes checked against a naive pairwise
//! reading of the rules.

use std::collections::BTreeSet;

use proptest::prelude::*;
use vivier_plan::programme::{
    ConflictKind, ProgrammeInput, ProgrammeReport, RoomEntry, Severity, SlotEntry, TalkEntry,
    check_programme, parse_programme,
};

fn programme(slots: usize, rooms: &[(&str, Option<u32>)], talks: Vec<TalkEntry>) -> ProgrammeInput {
    ProgrammeInput {
        slots: (0..slots)
            .map(|s| SlotEntry {
                id: format!("c{s}"),
            })
            .collect(),
        rooms: rooms
            .iter()
            .map(|(id, capacity)| RoomEntry {
                id: (*id).to_owned(),
                capacity: *capacity,
            })
            .collect(),
        talks,
        ignored_fields: Vec::new(),
    }
}

fn talk(id: &str, room: &str, slot: &str, speakers: &[&str]) -> TalkEntry {
    TalkEntry {
        id: id.to_owned(),
        speakers: speakers.iter().map(|s| (*s).to_owned()).collect(),
        room: Some(room.to_owned()),
        slot: Some(slot.to_owned()),
        ..TalkEntry::default()
    }
}

fn kinds(report: &ProgrammeReport) -> Vec<(ConflictKind, Vec<String>, Vec<String>)> {
    report
        .conflicts
        .iter()
        .map(|c| (c.kind, c.talks.clone(), c.slots.clone()))
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn a_clean_programme_has_no_conflict() {
    let input = programme(
        2,
        &[("amphi", Some(300)), ("salle-b", Some(40))],
        vec![
            talk("t1", "amphi", "c0", &["ada"]),
            talk("t2", "salle-b", "c0", &["grace"]),
            talk("t3", "amphi", "c1", &["ada"]),
        ],
    );
    let report = check_programme(&input).unwrap();
    assert!(report.conflicts.is_empty(), "{report:#?}");
    assert_eq!(report.stats.scheduled, 3);
}

#[test]
fn a_speaker_in_two_rooms_and_a_room_used_twice_are_hard() {
    let mut long = talk("atelier", "salle-b", "c0", &["grace"]);
    long.length = Some(2);
    let input = programme(
        3,
        &[("amphi", None), ("salle-b", None)],
        vec![
            talk("t1", "amphi", "c1", &["grace"]),
            long,
            talk("t3", "salle-b", "c1", &["linus"]),
        ],
    );
    let report = check_programme(&input).unwrap();
    assert_eq!(
        kinds(&report),
        vec![
            (
                ConflictKind::RoomDoubleBooked,
                strings(&["atelier", "t3"]),
                strings(&["c1"])
            ),
            (
                ConflictKind::SpeakerDoubleBooked,
                strings(&["t1", "atelier"]),
                strings(&["c1"])
            ),
        ]
    );
    assert!(
        report
            .conflicts
            .iter()
            .all(|c| c.severity == Severity::Hard)
    );
    assert!(report.conflicts[1].message.contains("« grace »"));
}

#[test]
fn a_clash_over_several_slots_is_one_conflict() {
    let mut a = talk("a", "amphi", "c0", &[]);
    a.length = Some(3);
    let mut b = talk("b", "amphi", "c1", &[]);
    b.length = Some(2);
    let report = check_programme(&programme(3, &[("amphi", None)], vec![a, b])).unwrap();
    assert_eq!(
        kinds(&report),
        vec![(
            ConflictKind::RoomDoubleBooked,
            strings(&["a", "b"]),
            strings(&["c1", "c2"])
        )]
    );
}

#[test]
fn capacity_unknown_ids_and_overruns_are_hard_themes_and_gaps_soft() {
    let mut crowded = talk("crowded", "petite", "c0", &[]);
    crowded.expected_audience = Some(80);
    let mut rust = talk("rust", "amphi", "c1", &[]);
    rust.theme = Some("Rust".into());
    let mut rust2 = talk("rust2", "petite", "c1", &[]);
    rust2.theme = Some(" rust ".into());
    let mut overrun = talk("overrun", "amphi", "c1", &[]);
    overrun.length = Some(2);
    overrun.room = Some("amphi".into());
    overrun.slot = Some("c1".into());
    let unplaced = TalkEntry {
        id: "later".into(),
        ..TalkEntry::default()
    };
    let input = programme(
        2,
        &[("amphi", None), ("petite", Some(30))],
        vec![
            crowded,
            talk("lost", "cave", "c0", &[]),
            talk("when", "amphi", "c9", &[]),
            rust,
            rust2,
            overrun,
            unplaced,
        ],
    );
    let report = check_programme(&input).unwrap();
    let found: BTreeSet<(ConflictKind, Vec<String>)> = report
        .conflicts
        .iter()
        .map(|c| (c.kind, c.talks.clone()))
        .collect();
    let expected: BTreeSet<(ConflictKind, Vec<String>)> = [
        (ConflictKind::OverCapacity, strings(&["crowded"])),
        (ConflictKind::UnknownRoom, strings(&["lost"])),
        (ConflictKind::UnknownSlot, strings(&["when"])),
        (ConflictKind::OutsideProgramme, strings(&["overrun"])),
        // The overrun still holds the amphi at c1, where rust is.
        (
            ConflictKind::RoomDoubleBooked,
            strings(&["rust", "overrun"]),
        ),
        (ConflictKind::SameThemeSameTime, strings(&["rust", "rust2"])),
        (ConflictKind::Unscheduled, strings(&["later"])),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected);
    assert_eq!((report.stats.hard, report.stats.soft), (5, 2));
    // Hard conflicts come first.
    assert!(
        report.conflicts[..5]
            .iter()
            .all(|c| c.severity == Severity::Hard)
    );
}

#[test]
fn a_misspelt_or_missing_room_does_not_hide_a_speaker_in_two_places() {
    let roomless = TalkEntry {
        room: None,
        ..talk("t3", "", "c0", &["ada"])
    };
    let input = programme(
        1,
        &[("amphi", None)],
        vec![
            talk("t1", "amphi", "c0", &["ada"]),
            talk("t2", "amphy", "c0", &["ada"]),
            roomless,
        ],
    );
    let report = check_programme(&input).unwrap();
    assert_eq!(
        kinds(&report),
        vec![
            (ConflictKind::UnknownRoom, strings(&["t2"]), vec![]),
            (
                ConflictKind::SpeakerDoubleBooked,
                strings(&["t1", "t2", "t3"]),
                strings(&["c0"])
            ),
            (ConflictKind::Unscheduled, strings(&["t3"]), vec![]),
        ]
    );
    assert_eq!(report.stats.scheduled, 1);
}

#[test]
fn a_talk_past_the_last_slot_still_overfills_its_room_and_clashes_before_the_end() {
    let mut overrun = talk("overrun", "petite", "c1", &["ada"]);
    overrun.length = Some(3);
    overrun.expected_audience = Some(80);
    let input = programme(
        2,
        &[("petite", Some(30))],
        vec![overrun, talk("t2", "petite", "c1", &["ada"])],
    );
    let report = check_programme(&input).unwrap();
    assert_eq!(
        kinds(&report),
        vec![
            (
                ConflictKind::OutsideProgramme,
                strings(&["overrun"]),
                strings(&["c1"])
            ),
            (
                ConflictKind::RoomDoubleBooked,
                strings(&["overrun", "t2"]),
                strings(&["c1"])
            ),
            (
                ConflictKind::SpeakerDoubleBooked,
                strings(&["overrun", "t2"]),
                strings(&["c1"])
            ),
            (
                ConflictKind::OverCapacity,
                strings(&["overrun"]),
                strings(&["c1"])
            ),
        ]
    );
    assert_eq!(report.stats.scheduled, 1);
}

#[test]
fn blank_speakers_and_themes_are_no_one_and_nothing() {
    let mut a = talk("a", "amphi", "c0", &["", "ada"]);
    a.theme = Some(String::new());
    let mut b = talk("b", "salle-b", "c0", &[" ", "grace"]);
    b.theme = Some("  ".into());
    let report = check_programme(&programme(
        1,
        &[("amphi", None), ("salle-b", None)],
        vec![a, b],
    ))
    .unwrap();
    assert!(report.conflicts.is_empty(), "{report:#?}");
}

#[test]
fn a_misspelt_field_is_read_past_and_named_in_the_report() {
    let input = parse_programme(
        r#"{"slots": [{"id": "c0"}, {"id": "c1"}], "rooms": [{"id": "a", "etage": 2}],
            "talks": [{"id": "t", "room": "a", "slot": "c0", "lenght": 2}]}"#,
    )
    .expect("read");
    let report = check_programme(&input).unwrap();
    assert_eq!(report.ignored_fields, ["rooms[0].etage", "talks[0].lenght"]);
    assert!(report.conflicts.is_empty());
}

#[test]
fn ambiguous_programmes_are_refused_with_the_field() {
    let input = programme(1, &[("a", None), ("a", None)], vec![]);
    let error = check_programme(&input).unwrap_err();
    assert_eq!(error.field, "rooms[1].id");
    let error =
        parse_programme(r#"{"slots": [], "rooms": [{"id": "a", "capacity": -5}], "talks": []}"#)
            .unwrap_err();
    assert_eq!(error.field, "rooms[0].capacity");
    let mut zero = talk("t", "a", "c0", &[]);
    zero.length = Some(0);
    let error = check_programme(&programme(1, &[("a", None)], vec![zero])).unwrap_err();
    assert_eq!(error.field, "talks[0].length");
}

/// Random programmes: 4 slots, 3 rooms, up to 8 talks with 0–2 of 4 speakers and a blank one,
/// 0–1 of 2 themes and a blank one; some talks run past the last slot.
fn programmes() -> impl Strategy<Value = ProgrammeInput> {
    let talk = (
        0usize..3,
        0usize..4,
        1u32..=2,
        prop::sample::subsequence(vec!["ada", "grace", "linus", "barbara", " "], 0..=2),
        prop::option::of(prop::sample::select(vec!["data", "sécurité", ""])),
        0u32..60,
    );
    prop::collection::vec(talk, 0..=8).prop_map(|talks| {
        programme(
            4,
            &[("r0", Some(50)), ("r1", None), ("r2", Some(20))],
            talks
                .into_iter()
                .enumerate()
                .map(
                    |(i, (room, slot, length, speakers, theme, audience))| TalkEntry {
                        id: format!("t{i}"),
                        speakers: speakers.into_iter().map(str::to_owned).collect(),
                        expected_audience: Some(audience),
                        theme: theme.map(str::to_owned),
                        room: Some(format!("r{room}")),
                        slot: Some(format!("c{slot}")),
                        length: Some(length),
                    },
                )
                .collect(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every pair of talks that clash, by the plainest reading of the rules, appears together
    /// in a conflict of the right kind at each slot they share, and no conflict lists a pair
    /// that does not clash. A talk past the last slot clashes on the slots it takes before the
    /// end; blank speakers and themes never clash.
    #[test]
    fn conflicts_match_a_pairwise_reading(input in programmes()) {
        let report = check_programme(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let span = |t: &TalkEntry| -> Option<(String, Vec<usize>)> {
            let start: usize = t.slot.as_deref()?.trim_start_matches('c').parse().ok()?;
            let end = start + t.length.unwrap_or(1) as usize;
            Some((t.room.clone().unwrap_or_default(), (start..end.min(4)).collect()))
        };
        let overruns = |t: &TalkEntry| {
            let start: usize = t.slot.as_deref().unwrap_or("c0")[1..].parse().unwrap_or(0);
            start + t.length.unwrap_or(1) as usize > 4
        };
        // Expected (kind, talk i, talk j, slot) facts.
        let mut expected = BTreeSet::new();
        for (i, a) in input.talks.iter().enumerate() {
            for (j, b) in input.talks.iter().enumerate().skip(i + 1) {
                let (Some((room_a, slots_a)), Some((room_b, slots_b))) = (span(a), span(b)) else { continue };
                for s in slots_a.iter().filter(|s| slots_b.contains(s)) {
                    if room_a == room_b {
                        expected.insert((ConflictKind::RoomDoubleBooked, i, j, *s));
                    }
                    if a.speakers.iter().any(|x| !x.trim().is_empty() && b.speakers.contains(x)) {
                        expected.insert((ConflictKind::SpeakerDoubleBooked, i, j, *s));
                    }
                    if a.theme.as_ref().is_some_and(|x| !x.is_empty()) && a.theme == b.theme {
                        expected.insert((ConflictKind::SameThemeSameTime, i, j, *s));
                    }
                }
            }
        }
        let mut reported = BTreeSet::new();
        for c in &report.conflicts {
            let talks: Vec<usize> = c.talks.iter().map(|t| t[1..].parse().unwrap_or(usize::MAX)).collect();
            let slots: Vec<usize> = c.slots.iter().map(|s| s[1..].parse().unwrap_or(usize::MAX)).collect();
            for (x, &i) in talks.iter().enumerate() {
                for &j in &talks[x + 1..] {
                    for &s in &slots {
                        reported.insert((c.kind, i.min(j), i.max(j), s));
                    }
                }
            }
            if c.kind == ConflictKind::OverCapacity {
                let t = &input.talks[talks[0]];
                let capacity = match t.room.as_deref() { Some("r0") => 50, Some("r2") => 20, _ => u32::MAX };
                prop_assert!(t.expected_audience.unwrap_or(0) > capacity);
            }
            if c.kind == ConflictKind::OutsideProgramme {
                prop_assert!(overruns(&input.talks[talks[0]]));
            }
        }
        // Grouped conflicts may list more than two talks: a triple of clashing talks yields all
        // its pairs, each of which must clash.
        prop_assert_eq!(reported, expected);
        for (t, talk) in input.talks.iter().enumerate() {
            let capacity = match talk.room.as_deref() { Some("r0") => Some(50), Some("r2") => Some(20), _ => None };
            let over = capacity.is_some_and(|c| talk.expected_audience.unwrap_or(0) > c);
            let listed = report.conflicts.iter().any(|c| c.kind == ConflictKind::OverCapacity && c.talks == [format!("t{t}")]);
            prop_assert_eq!(over, listed);
        }
        let outside = report.conflicts.iter().filter(|c| c.kind == ConflictKind::OutsideProgramme).count();
        prop_assert_eq!(outside, input.talks.iter().filter(|t| overruns(t)).count());
        prop_assert_eq!(report.stats.scheduled, input.talks.len() - outside);
        prop_assert_eq!(report.stats.hard + report.stats.soft, report.conflicts.len());
    }
}
