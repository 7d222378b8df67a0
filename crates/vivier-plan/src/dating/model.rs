//! The job-dating schedule's input and output, as the command line and the event pages exchange
//! them. The JSON names are a stable contract (organisers' scripts rely on them): fields may be
//! added, never renamed.
//!
//! Unknown input fields are read past, as `vivier plan pairs` does: a script may carry its own
//! annotations, a document written for a later version (with added fields) still reads, and an
//! output's meetings can be given back as `previous` as they are. Since a misspelt optional field
//! (`availble`) would then be a constraint silently left out, [`super::parse_input`] lists every
//! unknown field and the output repeats them in `ignored_fields`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A job-dating event to schedule: `slots` time slots, recruiters and candidates with their
/// requests.
///
/// Integers that must not be negative (`slots`, caps, slot indexes) are read as signed numbers so
/// that a `-1` is refused by validation with a clear message naming the field, rather than by the
/// JSON reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DatingInput {
    /// Number of time slots of the event, from 1 to 128 ([`super::MAX_SLOTS`]: a day of 5-minute
    /// slots); slots are numbered `0..slots`.
    pub slots: i64,
    /// The recruiters, each with a unique `id`.
    pub recruiters: Vec<RecruiterInput>,
    /// The candidates, each with a unique `id`.
    pub candidates: Vec<CandidateInput>,
    /// For a re-optimisation: the schedule already announced. Every meeting of it that the current
    /// input still allows is kept in place (same candidate, recruiter and slot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Vec<PlannedMeeting>>,
    /// The fields of the JSON document that are not part of the contract, by path
    /// (`candidates[3].availble`), each shape once: filled by [`super::parse_input`], not read
    /// from the document, and repeated in the output.
    #[serde(skip)]
    pub ignored_fields: Vec<String>,
}

/// A recruiter (a stand at the fair).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecruiterInput {
    /// Unique identifier among recruiters.
    pub id: String,
    /// Maximum number of meetings; missing = no cap beyond the available slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<i64>,
    /// Slots (indexes `0..slots`) at which the recruiter receives; missing = every slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<i64>>,
    /// Shortlist: when present, the recruiter meets only these candidates (ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Vec<String>>,
    /// Candidates (ids) whose requests the recruiter declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined: Option<Vec<String>>,
}

/// A candidate and the recruiters they ask to meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CandidateInput {
    /// Unique identifier among candidates.
    pub id: String,
    /// Maximum number of meetings; missing = no cap beyond the available slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<i64>,
    /// Slots (indexes `0..slots`) at which the candidate is present; missing = every slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<i64>>,
    /// Recruiter ids, best first (the first has rank 1).
    pub requests: Vec<String>,
}

/// A meeting of a schedule given back for a re-optimisation: an output's meeting as it is (its
/// `rank`, if any, is read past: the current requests decide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlannedMeeting {
    /// Candidate id.
    pub candidate: String,
    /// Recruiter id.
    pub recruiter: String,
    /// Slot index.
    pub slot: i64,
    /// The rank the output gave; ignored, accepted so that an output's meetings read as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<i64>,
}

impl From<&Meeting> for PlannedMeeting {
    fn from(meeting: &Meeting) -> Self {
        Self {
            candidate: meeting.candidate.clone(),
            recruiter: meeting.recruiter.clone(),
            slot: i64::from(meeting.slot),
            rank: Some(i64::from(meeting.rank)),
        }
    }
}

/// The schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DatingOutput {
    /// The meetings, sorted by slot, then recruiter, then candidate (each in input order).
    pub meetings: Vec<Meeting>,
    /// Quality figures.
    pub stats: DatingStats,
    /// Present when the input gave a previous schedule: what was kept, dropped and added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replan: Option<ReplanReport>,
    /// Fields of the input that are not part of the contract and were ignored, by path
    /// (`candidates[3].availble`); absent when there is none. A misspelt field shows here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_fields: Vec<String>,
}

/// One meeting of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    /// Candidate id.
    pub candidate: String,
    /// Recruiter id.
    pub recruiter: String,
    /// Slot index, in `0..slots`.
    pub slot: u32,
    /// Position of the recruiter in the candidate's requests (1 = first request).
    pub rank: u32,
}

/// How the schedule was made, which tells how far to trust its optimality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Everyone who can have a meeting is available at every slot: the schedule is a proven
    /// optimum.
    Exact,
    /// Restricted availability, or previous meetings kept in place: flows, then local search;
    /// compare the figures with the upper bounds.
    Heuristic,
    /// The self-booking simulation (first come, first served), for comparison.
    SelfBooking,
}

/// Quality figures of a schedule. The first five fields are the command line's contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DatingStats {
    /// Number of meetings scheduled.
    pub meetings: u64,
    /// No schedule of this input has more meetings than this.
    pub meetings_upper_bound: u64,
    /// Number of distinct candidates with at least one meeting.
    pub candidates_served: u64,
    /// No schedule of this input serves more distinct candidates than this.
    pub candidates_upper_bound: u64,
    /// Number of requests in the input (declined or impossible ones included).
    pub requests: u64,
    /// Sum of the ranks of the meetings (lower is better, for a given number of meetings).
    pub rank_sum: u64,
    /// Mean rank of the meetings (0 when there is none).
    pub mean_rank: f64,
    /// How the schedule was made.
    pub method: Method,
    /// The relaxations behind the upper bounds, for those who want to see which one binds.
    pub bounds: BoundDetails,
}

impl DatingStats {
    /// Meetings as a share of their upper bound (1.0 when the bound is 0).
    #[must_use]
    pub fn meetings_coverage(&self) -> f64 {
        ratio(self.meetings, self.meetings_upper_bound)
    }

    /// Distinct candidates served as a share of their upper bound (1.0 when the bound is 0).
    #[must_use]
    pub fn candidates_coverage(&self) -> f64 {
        ratio(self.candidates_served, self.candidates_upper_bound)
    }
}

fn ratio(achieved: u64, bound: u64) -> f64 {
    if bound == 0 {
        1.0
    } else {
        // Counts stay far below 2^52, so the conversions are exact.
        achieved as f64 / bound as f64
    }
}

/// The relaxations behind the upper bounds (see [`super::bounds`]): `meetings_upper_bound` is the
/// minimum of those computed. Under full availability only `pairs` is computed, because it is then
/// reached (König's theorem), and the others can only be larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct BoundDetails {
    /// Pairs relaxation: slots ignored, each person limited to min(cap, available slots).
    pub pairs: u64,
    /// Time-expanded relaxation: exact slots for everyone, but a pair may meet several times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_expanded: Option<u64>,
    /// Recruiter-time relaxation: exact slots for recruiters, once per pair, candidates limited
    /// to min(cap, available slots) but allowed in two places at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recruiter_time: Option<u64>,
    /// Candidate-time relaxation: the mirror of `recruiter_time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_time: Option<u64>,
}

/// What a re-optimisation did with the previous schedule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ReplanReport {
    /// Previous meetings kept in place (same candidate, recruiter and slot).
    pub kept: u64,
    /// Previous meetings the current input no longer allows, with the reason.
    pub dropped: Vec<DroppedMeeting>,
    /// Meetings added to the kept ones.
    pub added: u64,
}

/// A previous meeting that could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DroppedMeeting {
    /// Candidate id.
    pub candidate: String,
    /// Recruiter id.
    pub recruiter: String,
    /// Slot index.
    pub slot: i64,
    /// Why, in French.
    pub reason: String,
}
