//! Seeded instances for tests and benchmarks: no personal data (ids are `c00042`, `r017`),
//! recruiter popularity skewed like real fairs (Zipf-like: the k-th most popular recruiter is
//! asked about 1/k as often as the first), 1 to `max_requests` requests per candidate, and
//! optionally restricted availability: candidates present for part of the day, recruiters with a
//! break and some present only half a day.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{CandidateInput, DatingInput, RecruiterInput};

/// Who is present when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// Everyone at every slot (the case solved exactly).
    Full,
    /// Half of the candidates present for one stretch of the day only; every recruiter takes a
    /// break of one or two slots, and one in five receives only in the morning or the afternoon.
    Restricted,
}

/// The shape of a generated instance.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorConfig {
    /// Number of candidates.
    pub candidates: usize,
    /// Number of recruiters.
    pub recruiters: usize,
    /// Number of slots of the day (at most [`super::MAX_SLOTS`]).
    pub slots: u32,
    /// Each candidate makes 1 to `max_requests` requests (at most the number of recruiters).
    pub max_requests: usize,
    /// Cap on each candidate's meetings; `None` = no cap beyond the slots.
    pub candidate_cap: Option<u32>,
    /// Cap on each recruiter's meetings; `None` = no cap beyond the slots.
    pub recruiter_cap: Option<u32>,
    /// Who is present when.
    pub availability: Availability,
    /// Exponent of the popularity law (1.0 is Zipf's).
    pub zipf_exponent: f64,
    /// The seed: the same configuration always gives the same instance.
    pub seed: u64,
}

impl GeneratorConfig {
    /// The benchmark's medium event: 5,000 candidates, 100 recruiters, 16 slots, 1–5 requests.
    #[must_use]
    pub fn medium(availability: Availability, seed: u64) -> Self {
        Self {
            candidates: 5_000,
            recruiters: 100,
            slots: 16,
            max_requests: 5,
            candidate_cap: None,
            recruiter_cap: None,
            availability,
            zipf_exponent: 1.0,
            seed,
        }
    }

    /// The benchmark's large event: 20,000 candidates capped at 4 meetings, 400 recruiters,
    /// 16 slots, 1–5 requests, restricted availability.
    #[must_use]
    pub fn large(seed: u64) -> Self {
        Self {
            candidates: 20_000,
            recruiters: 400,
            candidate_cap: Some(4),
            availability: Availability::Restricted,
            ..Self::medium(Availability::Restricted, seed)
        }
    }
}

/// Generates the instance described by `config`.
#[must_use]
pub fn generate(config: &GeneratorConfig) -> DatingInput {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let slots = config.slots.clamp(1, super::MAX_SLOTS);
    let restricted = config.availability == Availability::Restricted;

    let recruiters: Vec<RecruiterInput> = (0..config.recruiters)
        .map(|i| RecruiterInput {
            id: format!("r{i:03}"),
            cap: config.recruiter_cap.map(i64::from),
            available: restricted.then(|| recruiter_slots(&mut rng, slots)),
            accepted: None,
            declined: None,
        })
        .collect();

    // Popularity by Zipf's law over a shuffled order, so that popularity and id are unrelated.
    let mut order: Vec<usize> = (0..config.recruiters).collect();
    order.shuffle(&mut rng);
    let mut cumulative = Vec::with_capacity(order.len());
    let mut total = 0.0;
    for k in 0..order.len() {
        total += 1.0 / ((k + 1) as f64).powf(config.zipf_exponent);
        cumulative.push(total);
    }

    let max_requests = config.max_requests.clamp(1, config.recruiters.max(1));
    let candidates = (0..config.candidates)
        .map(|i| {
            let wanted = if config.recruiters == 0 {
                0
            } else {
                rng.random_range(1..=max_requests)
            };
            let mut requests: Vec<String> = Vec::with_capacity(wanted);
            let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
            while chosen.len() < wanted {
                let x = rng.random::<f64>() * total;
                let k = cumulative.partition_point(|&c| c <= x).min(order.len() - 1);
                let r = order[k];
                if !chosen.contains(&r) {
                    chosen.push(r);
                    requests.push(format!("r{r:03}"));
                }
            }
            CandidateInput {
                id: format!("c{i:05}"),
                cap: config.candidate_cap.map(i64::from),
                available: (restricted && rng.random_bool(0.5))
                    .then(|| candidate_slots(&mut rng, slots)),
                requests,
            }
        })
        .collect();

    DatingInput {
        slots: i64::from(slots),
        recruiters,
        candidates,
        previous: None,
        ignored_fields: Vec::new(),
    }
}

/// A stretch of a quarter to three quarters of the day.
fn candidate_slots(rng: &mut ChaCha8Rng, slots: u32) -> Vec<i64> {
    let shortest = (slots / 4).max(1);
    let longest = (3 * slots / 4).max(shortest);
    let length = rng.random_range(shortest..=longest);
    let start = rng.random_range(0..=slots - length);
    (start..start + length).map(i64::from).collect()
}

/// The whole day but a break of one or two slots in its middle half; one recruiter in five
/// receives only in the morning or only in the afternoon.
fn recruiter_slots(rng: &mut ChaCha8Rng, slots: u32) -> Vec<i64> {
    let (from, to) = if slots >= 4 && rng.random_bool(0.2) {
        if rng.random_bool(0.5) {
            (0, slots / 2)
        } else {
            (slots / 2, slots)
        }
    } else {
        (0, slots)
    };
    let break_length = if slots >= 4 {
        rng.random_range(1..=2)
    } else {
        0
    };
    let break_start = if break_length > 0 {
        rng.random_range(slots / 4..=(3 * slots / 4).min(slots - break_length))
    } else {
        slots
    };
    (from..to)
        .filter(|t| !(break_start..break_start + break_length).contains(t))
        .map(i64::from)
        .collect()
}
