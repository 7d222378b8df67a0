//! The conference programme checker: talks placed in rooms at time slots, and what is wrong
//! with the placement.
//!
//! Slots are listed in chronological order; a talk starts at a slot and lasts `length`
//! consecutive slots (1 by default). Two talks *overlap* when they share a slot.
//!
//! Hard conflicts (the programme cannot run as is): a room or slot id that does not exist, a
//! talk running past the last slot, two talks in one room at the same time, a speaker in two
//! talks at the same time, an expected audience larger than the room. Soft conflicts (worth a
//! look): two talks of the same theme at the same time (the audience has to choose), a talk not
//! placed yet.
//!
//! Conflicts are grouped: the same talks clashing in the same way over several slots make one
//! conflict listing those slots. Hard conflicts come first, then by kind, subject and talks (in
//! input order), so the same input always gives the same report. Blank speakers and themes are
//! ignored: an empty name is no one.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::InputError;

/// A programme to check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProgrammeInput {
    /// Time slots, in chronological order.
    pub slots: Vec<SlotEntry>,
    /// Rooms.
    pub rooms: Vec<RoomEntry>,
    /// Talks, placed or not.
    pub talks: Vec<TalkEntry>,
    /// The fields of the JSON document that are not part of the contract, by path
    /// (`talks[2].lenght`), each shape once: filled by [`parse_programme`], not read from the
    /// document, and repeated in the report.
    #[serde(skip)]
    pub ignored_fields: Vec<String>,
}

/// A time slot.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SlotEntry {
    /// Identifier, unique among slots (`jeudi-09h30`).
    pub id: String,
}

/// A room.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RoomEntry {
    /// Identifier, unique among rooms.
    pub id: String,
    /// Seats; absent means not limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// A talk.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TalkEntry {
    /// Identifier, unique among talks.
    pub id: String,
    /// Speakers' identifiers (names or ids, compared exactly after trimming spaces).
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Expected audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_audience: Option<u32>,
    /// Theme (compared without case or surrounding spaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Room id; absent while the talk is not placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// First slot id; absent while the talk is not placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// Number of consecutive slots the talk lasts, at least 1 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
}

/// How serious a conflict is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The programme cannot run as is.
    Hard,
    /// Worth a look.
    Soft,
}

/// What is wrong.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The talk names a room that is not in `rooms`.
    UnknownRoom,
    /// The talk names a slot that is not in `slots`.
    UnknownSlot,
    /// The talk lasts past the last slot.
    OutsideProgramme,
    /// Several talks in one room at the same time.
    RoomDoubleBooked,
    /// A speaker in several talks at the same time.
    SpeakerDoubleBooked,
    /// More expected audience than seats.
    OverCapacity,
    /// Talks of the same theme at the same time.
    SameThemeSameTime,
    /// The talk has no room or no slot yet.
    Unscheduled,
}

impl ConflictKind {
    /// Whether the conflict prevents the programme from running.
    pub fn severity(self) -> Severity {
        match self {
            ConflictKind::SameThemeSameTime | ConflictKind::Unscheduled => Severity::Soft,
            _ => Severity::Hard,
        }
    }
}

/// One conflict of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// What is wrong.
    pub kind: ConflictKind,
    /// Hard or soft.
    pub severity: Severity,
    /// The talks involved, in input order.
    pub talks: Vec<String>,
    /// The slots where it happens, in chronological order (empty when no slot is known).
    pub slots: Vec<String>,
    /// The room, speaker or theme concerned, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The conflict, in French.
    pub message: String,
}

/// The report on a programme.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProgrammeReport {
    /// Every conflict, hard ones first.
    pub conflicts: Vec<Conflict>,
    /// Counts.
    pub stats: ProgrammeStats,
    /// Fields of the input that are not part of the contract and were ignored, by path
    /// (`talks[2].lenght`); absent when there is none. A misspelt field shows here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_fields: Vec<String>,
}

/// Counts of a programme report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProgrammeStats {
    /// Number of talks.
    pub talks: usize,
    /// Talks with a valid room and slot span.
    pub scheduled: usize,
    /// Number of hard conflicts.
    pub hard: usize,
    /// Number of soft conflicts.
    pub soft: usize,
}

/// Reads a programme from JSON text, naming the field of any error. Unknown fields are read past
/// (a script may carry its own annotations) and listed in `ignored_fields`, so that a misspelt
/// one (`lenght`) does not go unnoticed.
pub fn parse_programme(json: &str) -> Result<ProgrammeInput, InputError> {
    let (mut input, ignored): (ProgrammeInput, _) = crate::json::from_str_noting_unknown(json)?;
    input.ignored_fields = ignored;
    Ok(input)
}

/// What the programme says of a talk's whereabouts: its room if known, and the slots it takes
/// within the programme if its first slot is known (clipped at the last slot).
struct Placement {
    room: Option<usize>,
    slots: std::ops::Range<usize>,
}

/// Checks a programme. Duplicate ids and zero lengths are input errors (they make the
/// programme ambiguous); everything else is reported as a conflict.
///
/// Each rule needs only what it speaks of, so that one mistake does not hide another: a clash of
/// speakers or themes needs the time alone (a misspelt room does not hide it), a room clash needs
/// the room and the time, an overfull room the room alone, and a talk running past the last slot
/// still clashes on the slots it takes within the programme.
pub fn check_programme(input: &ProgrammeInput) -> Result<ProgrammeReport, InputError> {
    let slot_at = index("slots", input.slots.iter().map(|s| s.id.as_str()))?;
    let room_at = index("rooms", input.rooms.iter().map(|r| r.id.as_str()))?;
    index("talks", input.talks.iter().map(|t| t.id.as_str()))?;

    // Conflicts keyed by (kind, subject, talks) so that one clash over several slots is one
    // conflict; the BTreeMap keeps the report's order stable.
    let mut found: BTreeMap<(ConflictKind, Option<String>, Vec<usize>), Vec<usize>> =
        BTreeMap::new();
    let mut placements: Vec<Option<Placement>> = Vec::with_capacity(input.talks.len());
    let mut scheduled = 0;
    for (t, talk) in input.talks.iter().enumerate() {
        if talk.length == Some(0) {
            return Err(InputError::new(
                format!("talks[{t}].length"),
                "la durée doit être d’au moins 1 créneau",
            ));
        }
        if talk.room.is_none() || talk.slot.is_none() {
            found.insert((ConflictKind::Unscheduled, None, vec![t]), Vec::new());
        }
        let room = talk.room.as_ref().and_then(|room| {
            let known = room_at.get(room.as_str()).copied();
            if known.is_none() {
                found.insert(
                    (ConflictKind::UnknownRoom, Some(room.clone()), vec![t]),
                    Vec::new(),
                );
            }
            known
        });
        let start = talk.slot.as_ref().and_then(|slot| {
            let known = slot_at.get(slot.as_str()).copied();
            if known.is_none() {
                found.insert(
                    (ConflictKind::UnknownSlot, Some(slot.clone()), vec![t]),
                    Vec::new(),
                );
            }
            known
        });
        let span = start.map_or(0..0, |start| {
            let end = start.saturating_add(talk.length.unwrap_or(1) as usize);
            if end > input.slots.len() {
                found.insert((ConflictKind::OutsideProgramme, None, vec![t]), vec![start]);
            } else if room.is_some() {
                scheduled += 1;
            }
            start..end.min(input.slots.len())
        });
        if let Some(room) = room
            && input.rooms[room]
                .capacity
                .is_some_and(|c| talk.expected_audience.unwrap_or(0) > c)
        {
            found.insert(
                (
                    ConflictKind::OverCapacity,
                    Some(input.rooms[room].id.clone()),
                    vec![t],
                ),
                span.clone().collect(),
            );
        }
        placements.push(start.is_some().then_some(Placement { room, slots: span }));
    }

    // Who is where at each slot.
    let mut at_slot: Vec<Vec<usize>> = vec![Vec::new(); input.slots.len()];
    for (t, placement) in placements.iter().enumerate() {
        if let Some(p) = placement {
            for s in p.slots.clone() {
                at_slot[s].push(t);
            }
        }
    }
    for (s, talks) in at_slot.iter().enumerate() {
        let mut groups: BTreeMap<(ConflictKind, String), Vec<usize>> = BTreeMap::new();
        for &t in talks {
            let talk = &input.talks[t];
            if let Some(room) = placements[t].as_ref().and_then(|p| p.room) {
                let room = input.rooms[room].id.clone();
                groups
                    .entry((ConflictKind::RoomDoubleBooked, room))
                    .or_default()
                    .push(t);
            }
            // A blank name or theme is no one and nothing: it cannot clash.
            let mut speakers: Vec<&str> = talk
                .speakers
                .iter()
                .map(|x| x.trim())
                .filter(|x| !x.is_empty())
                .collect();
            speakers.sort_unstable();
            speakers.dedup();
            for speaker in speakers {
                groups
                    .entry((ConflictKind::SpeakerDoubleBooked, speaker.to_owned()))
                    .or_default()
                    .push(t);
            }
            if let Some(theme) = talk
                .theme
                .as_deref()
                .map(|theme| theme.trim().to_lowercase())
                .filter(|theme| !theme.is_empty())
            {
                groups
                    .entry((ConflictKind::SameThemeSameTime, theme))
                    .or_default()
                    .push(t);
            }
        }
        for ((kind, subject), group) in groups {
            if group.len() > 1 {
                found
                    .entry((kind, Some(subject), group))
                    .or_default()
                    .push(s);
            }
        }
    }

    let mut conflicts: Vec<Conflict> = found
        .into_iter()
        .map(|((kind, subject, talks), slots)| {
            let talks: Vec<String> = talks.iter().map(|&t| input.talks[t].id.clone()).collect();
            let slots: Vec<String> = slots.iter().map(|&s| input.slots[s].id.clone()).collect();
            Conflict {
                message: message(kind, subject.as_deref(), &talks, &slots),
                kind,
                severity: kind.severity(),
                talks,
                slots,
                subject,
            }
        })
        .collect();
    conflicts.sort_by_key(|c| c.severity);
    let hard = conflicts
        .iter()
        .filter(|c| c.severity == Severity::Hard)
        .count();
    Ok(ProgrammeReport {
        stats: ProgrammeStats {
            talks: input.talks.len(),
            scheduled,
            hard,
            soft: conflicts.len() - hard,
        },
        conflicts,
        ignored_fields: input.ignored_fields.clone(),
    })
}

/// Index of ids, refusing empty and duplicate ones.
fn index<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, usize>, InputError> {
    let mut at = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(InputError::new(
                format!("{list}[{i}].id"),
                "l’identifiant est vide",
            ));
        }
        if let Some(first) = at.insert(id, i) {
            return Err(InputError::new(
                format!("{list}[{i}].id"),
                format!("l’identifiant « {id} » est déjà celui de {list}[{first}]"),
            ));
        }
    }
    Ok(at)
}

fn message(
    kind: ConflictKind,
    subject: Option<&str>,
    talks: &[String],
    slots: &[String],
) -> String {
    let talks = talks.join(", ");
    let when = slots.join(", ");
    let subject = subject.unwrap_or("");
    match kind {
        ConflictKind::UnknownRoom => format!("{talks} : la salle « {subject} » n’existe pas"),
        ConflictKind::UnknownSlot => format!("{talks} : le créneau « {subject} » n’existe pas"),
        ConflictKind::OutsideProgramme => {
            format!("{talks} : l’intervention dépasse le dernier créneau du programme")
        }
        ConflictKind::RoomDoubleBooked => {
            format!("salle « {subject} » occupée par plusieurs interventions ({when}) : {talks}")
        }
        ConflictKind::SpeakerDoubleBooked => {
            format!(
                "« {subject} » doit intervenir dans plusieurs sessions au même moment ({when}) : {talks}"
            )
        }
        ConflictKind::OverCapacity => {
            format!("{talks} : l’audience attendue dépasse la capacité de la salle « {subject} »")
        }
        ConflictKind::SameThemeSameTime => {
            format!("même thème « {subject} » au même moment ({when}) : {talks}")
        }
        ConflictKind::Unscheduled => format!("{talks} : salle ou créneau pas encore attribué"),
    }
}
