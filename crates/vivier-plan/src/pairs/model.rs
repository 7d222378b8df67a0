//! The JSON contract of `vivier plan pairs`: input and output as plain data.
//!
//! Field names are a stable contract (organisers' scripts rely on them): fields may be added,
//! never renamed. Unknown input fields are read past, so a script may carry its own annotations
//! and a document written for a later version still reads; since a misspelt optional field
//! (`registred_at`) would then be silently left out, [`super::parse_input`] lists every unknown
//! field and the output repeats them in `ignored_fields`, as job dating does.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A Vis mon job pairing request: the students, with their ranked wishes, and the volunteering
/// agents, with their capacities.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PairsInput {
    /// The students asking to shadow an agent.
    pub students: Vec<StudentEntry>,
    /// The public agents who volunteer to host students.
    pub agents: Vec<AgentEntry>,
    /// The fields of the JSON document that are not part of the contract, by path
    /// (`students[3].registred_at`), each shape once: filled by [`super::parse_input`], not read
    /// from the document, and repeated in the output.
    #[serde(skip)]
    pub ignored_fields: Vec<String>,
}

/// A student and their wishes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StudentEntry {
    /// Identifier, unique among students (any non-empty string).
    pub id: String,
    /// Agent identifiers, best first: the first wish has rank 1.
    pub wishes: Vec<String>,
    /// Dates the student can come, as `YYYY-MM-DD`; absent means any date. When both the
    /// student and an agent give dates, they are compatible only if they share one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<String>>,
    /// When the student registered, ISO 8601: with an offset (`2026-03-02T09:30:00+01:00`,
    /// `…Z`, `2026-03-02 09:30+01`), without one (`2026-03-02T09:30:00`, `2026-03-02 09:30`:
    /// Paris legal time), or a date alone (`2026-03-02`: midnight, Paris time). Breaks ties: an
    /// earlier registration has priority, then students without it, then input order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_at: Option<String>,
    /// How the student can shadow: `on_site`, `remote` or `either` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The city where the student can go on site. Checked only when the pair can only be on
    /// site and the agent gives a city too (compared without case or surrounding spaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// An agent who hosts students.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AgentEntry {
    /// Identifier, unique among agents (any non-empty string).
    pub id: String,
    /// How many students the agent can host. 0 when the agent withdrew: wishes naming them
    /// stay valid (the other wishes keep their ranks) but no one is paired with them.
    pub capacity: u32,
    /// Dates the agent accepts, as `YYYY-MM-DD`; absent means any date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<String>>,
    /// How the agent hosts: `on_site`, `remote` or `either` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The city of the agent's workplace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// How a day of shadowing takes place. A student and an agent are compatible when their modes
/// have one in common (`either` has both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// At the agent's workplace.
    OnSite,
    /// By video.
    Remote,
    /// Either way.
    Either,
}

/// The result of a pairing run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PairsOutput {
    /// The pairs, in the students' input order.
    pub pairs: Vec<Pair>,
    /// Every student left without an agent, in input order, with the reason.
    pub unplaced: Vec<Unplaced>,
    /// Quality figures.
    pub stats: PairStats,
    /// Fields of the input that are not part of the contract and were ignored, by path
    /// (`students[3].registred_at`); absent when there is none. A misspelt field shows here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_fields: Vec<String>,
}

/// A student paired with an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Pair {
    /// The student's id.
    pub student: String,
    /// The agent's id.
    pub agent: String,
    /// Position of the agent in the student's wishes (1 = first wish).
    pub rank: u32,
    /// The day of the visit, `YYYY-MM-DD`: the earliest date both accept when both give dates,
    /// the earliest date of the one who gives dates otherwise, absent when neither does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A student without an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unplaced {
    /// The student's id.
    pub student: String,
    /// Why, as a stable code.
    pub reason: UnplacedReason,
    /// Why, in French, for the organisers.
    pub message: String,
}

/// Why a student has no agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnplacedReason {
    /// No wished agent is compatible (dates, mode, city) and has seats (capacity above 0), or
    /// the student made no wish.
    NoCompatibleAgent,
    /// Compatible agents exist, but every one of their seats is taken by another student.
    CompatibleSeatsTaken,
}

impl UnplacedReason {
    /// The stable code, as written in the JSON output.
    pub fn code(self) -> &'static str {
        match self {
            UnplacedReason::NoCompatibleAgent => "no_compatible_agent",
            UnplacedReason::CompatibleSeatsTaken => "compatible_seats_taken",
        }
    }

    /// The explanation given to organisers, in French.
    pub fn message(self) -> &'static str {
        match self {
            UnplacedReason::NoCompatibleAgent => {
                "Aucun des agents souhaités n’est compatible (dates, modalité ou ville) et \
                 disponible (capacité non nulle), ou aucun vœu n’a été formulé."
            }
            UnplacedReason::CompatibleSeatsTaken => {
                "Des agents souhaités sont compatibles, mais toutes leurs places sont prises par \
                 d’autres étudiants."
            }
        }
    }
}

/// Quality figures of a pairing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PairStats {
    /// Number of students in the input.
    pub students: usize,
    /// Number of students paired.
    pub placed: usize,
    /// Largest number of students any pairing can place (a maximum flow): the upper bound
    /// `placed` is measured against.
    pub max_placeable: usize,
    /// Mean rank of the pairs (1 = everyone has their first wish); absent when no one is placed.
    pub mean_rank: Option<f64>,
    /// Worst rank among the pairs; absent when no one is placed.
    pub worst_rank: Option<u32>,
    /// Sum of the ranks of the pairs.
    pub total_rank: u64,
    /// For a repair: how many pairs of the previous pairing were changed or removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_pairs: Option<usize>,
}

/// How the engine trades ranks off, once as many students as possible are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Minimum total rank.
    #[default]
    TotalRank,
    /// Minimum worst rank, then fewest students at that worst rank, then minimum total rank.
    Fair,
}
