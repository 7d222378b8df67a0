//! Validation of a [`DatingInput`] into an [`Instance`]: indexes instead of ids, slot sets as bit
//! masks, each person's cap reduced to what their slots allow, and only the requests that can be
//! granted (not declined, not outside a shortlist, with a slot where both are present).

use std::collections::{HashMap, HashSet};

use super::model::{DatingInput, DroppedMeeting};
use crate::InputError;

/// A set of slots, bit `t` for slot `t`.
///
/// One machine word per person keeps availability tests to an `&` and makes the whole schedule's
/// occupancy a few bytes per person; the price is the [`MAX_SLOTS`] limit.
pub(crate) type SlotMask = u128;

/// The most slots an event may have: a day of 5-minute slots fits, and every person's slot set
/// fits in one 128-bit mask.
pub const MAX_SLOTS: u32 = 128;

/// A recruiter, validated.
#[derive(Debug, Clone)]
pub(crate) struct Recruiter {
    /// Meetings allowed: min(cap, available slots).
    pub cap: u32,
    /// Slots at which the recruiter receives.
    pub available: SlotMask,
}

/// A request that can be granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Request {
    /// Recruiter index.
    pub recruiter: u32,
    /// 1 = the candidate's first request.
    pub rank: u32,
    /// Slots at which both are present (never empty).
    pub common: SlotMask,
}

/// A candidate, validated.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Meetings allowed: min(cap, available slots, grantable requests).
    pub cap: u32,
    /// Slots at which the candidate is present.
    pub available: SlotMask,
    /// The grantable requests, best first.
    pub requests: Vec<Request>,
}

/// A meeting by indexes: candidate, recruiter, slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Slotted {
    pub candidate: u32,
    pub recruiter: u32,
    pub slot: u32,
}

/// A validated input.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    /// Number of slots, in `1..=MAX_SLOTS`.
    pub slots: u32,
    pub recruiters: Vec<Recruiter>,
    pub candidates: Vec<Candidate>,
    /// Number of requests in the input, grantable or not.
    pub request_count: u64,
    /// Previous meetings the input still allows, to keep in place (a valid partial schedule).
    pub kept: Vec<Slotted>,
    /// Previous meetings the input no longer allows.
    pub dropped: Vec<DroppedMeeting>,
    /// Whether a previous schedule was given at all.
    pub replanning: bool,
}

impl Instance {
    /// The mask of every slot of the event.
    pub fn all_slots(&self) -> SlotMask {
        all_slots(self.slots)
    }

    /// Whether everyone who can have a meeting is present at every slot, the case solved
    /// exactly. People who can have none (cap 0, no slot, no grantable request) do not count: a
    /// recruiter who withdrew (`available: []`) leaves the rest of the event exact.
    pub fn full_availability(&self) -> bool {
        let all = self.all_slots();
        self.recruiters
            .iter()
            .all(|r| r.cap == 0 || r.available == all)
            && self
                .candidates
                .iter()
                .all(|c| c.cap == 0 || c.available == all)
    }

    /// `candidate`'s request for `recruiter`, if it is grantable.
    pub fn request(&self, candidate: u32, recruiter: u32) -> Option<&Request> {
        self.candidates[candidate as usize]
            .requests
            .iter()
            .find(|q| q.recruiter == recruiter)
    }
}

/// The mask of slots `0..slots`.
pub(crate) fn all_slots(slots: u32) -> SlotMask {
    if slots >= MAX_SLOTS {
        SlotMask::MAX
    } else {
        (1 << slots) - 1
    }
}

/// The slots of a mask, in increasing order.
pub(crate) fn slots_in(mask: SlotMask) -> impl Iterator<Item = usize> {
    let mut rest = mask;
    std::iter::from_fn(move || {
        (rest != 0).then(|| {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            t
        })
    })
}

/// Number of slots in a mask.
pub(crate) fn count(mask: SlotMask) -> u32 {
    mask.count_ones()
}

/// Checks `input` against every rule of the contract and builds the instance.
pub(crate) fn validate(input: &DatingInput) -> Result<Instance, InputError> {
    let slots = check_slots(input.slots)?;

    let recruiter_index = index_ids(input.recruiters.iter().map(|r| r.id.as_str()), "recruiters")?;
    let candidate_index = index_ids(input.candidates.iter().map(|c| c.id.as_str()), "candidates")?;

    let mut recruiters = Vec::with_capacity(input.recruiters.len());
    // For each recruiter, the candidates it refuses: declined ones, or everyone off its shortlist.
    let mut shortlists: Vec<(Option<HashSet<u32>>, HashSet<u32>)> = Vec::new();
    for (i, r) in input.recruiters.iter().enumerate() {
        let path = format!("recruiters[{i}]");
        let available = check_available(r.available.as_deref(), slots, &path)?;
        let cap = check_cap(r.cap, &path)?.map_or(count(available), |c| c.min(count(available)));
        let accepted = r
            .accepted
            .as_deref()
            .map(|ids| candidate_set(ids, &candidate_index, &format!("{path}.accepted")))
            .transpose()?;
        let declined = r.declined.as_deref().map_or(Ok(HashSet::new()), |ids| {
            candidate_set(ids, &candidate_index, &format!("{path}.declined"))
        })?;
        recruiters.push(Recruiter { cap, available });
        shortlists.push((accepted, declined));
    }

    let mut candidates = Vec::with_capacity(input.candidates.len());
    let mut request_count = 0u64;
    // Every requested recruiter, grantable or not, to tell why a previous meeting is dropped.
    let mut requested: Vec<HashSet<u32>> = Vec::new();
    for (i, c) in input.candidates.iter().enumerate() {
        let path = format!("candidates[{i}]");
        let available = check_available(c.available.as_deref(), slots, &path)?;
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut requests = Vec::new();
        for (k, id) in c.requests.iter().enumerate() {
            let field = format!("{path}.requests[{k}]");
            let Some(&recruiter) = recruiter_index.get(id.as_str()) else {
                return Err(InputError::new(
                    field,
                    format!("recruteur « {id} » inconnu (absent de recruiters)"),
                ));
            };
            if let Some(first) = seen.insert(recruiter, k) {
                return Err(InputError::new(
                    field,
                    format!("recruteur « {id} » déjà demandé en requests[{first}]"),
                ));
            }
            let candidate = u32::try_from(i).map_err(|_| too_many(&path))?;
            let (accepted, declined) = &shortlists[recruiter as usize];
            let refused = declined.contains(&candidate)
                || accepted.as_ref().is_some_and(|a| !a.contains(&candidate));
            let common = available & recruiters[recruiter as usize].available;
            if !refused && common != 0 && recruiters[recruiter as usize].cap > 0 {
                let rank = u32::try_from(k + 1).map_err(|_| too_many(&field))?;
                requests.push(Request {
                    recruiter,
                    rank,
                    common,
                });
            }
        }
        request_count += c.requests.len() as u64;
        if input.previous.is_some() {
            requested.push(seen.into_keys().collect());
        }
        let requested = u32::try_from(requests.len()).unwrap_or(u32::MAX);
        let cap = check_cap(c.cap, &path)?
            .map_or(count(available), |cap| cap.min(count(available)))
            .min(requested);
        candidates.push(Candidate {
            cap,
            available,
            requests,
        });
    }

    let mut instance = Instance {
        slots,
        recruiters,
        candidates,
        request_count,
        kept: Vec::new(),
        dropped: Vec::new(),
        replanning: input.previous.is_some(),
    };
    if let Some(previous) = &input.previous {
        super::replan::sort_previous(
            &mut instance,
            previous,
            &recruiter_index,
            &candidate_index,
            &requested,
        );
    }
    Ok(instance)
}

fn too_many(field: &str) -> InputError {
    InputError::new(field, "trop d'éléments pour être planifiés")
}

fn check_slots(slots: i64) -> Result<u32, InputError> {
    if slots < 1 {
        return Err(InputError::new(
            "slots",
            format!("l'événement doit compter au moins un créneau (reçu : {slots})"),
        ));
    }
    u32::try_from(slots)
        .ok()
        .filter(|&s| s <= MAX_SLOTS)
        .ok_or_else(|| {
            InputError::new(
                "slots",
                format!("au plus {MAX_SLOTS} créneaux sont pris en charge (reçu : {slots})"),
            )
        })
}

/// Maps each id to its position, refusing empty and repeated ids.
fn index_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
) -> Result<HashMap<&'a str, u32>, InputError> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        let field = format!("{list}[{i}].id");
        if id.trim().is_empty() {
            return Err(InputError::new(field, "l'identifiant est vide"));
        }
        let position = u32::try_from(i).map_err(|_| too_many(list))?;
        if let Some(first) = index.insert(id, position) {
            return Err(InputError::new(
                field,
                format!("identifiant « {id} » déjà utilisé par {list}[{first}]"),
            ));
        }
    }
    Ok(index)
}

fn check_cap(cap: Option<i64>, path: &str) -> Result<Option<u32>, InputError> {
    match cap {
        None => Ok(None),
        Some(c) if c < 0 => Err(InputError::new(
            format!("{path}.cap"),
            format!("la capacité ne peut pas être négative (reçu : {c})"),
        )),
        // Any cap beyond the slots means no cap: saturate instead of refusing.
        Some(c) => Ok(Some(u32::try_from(c).unwrap_or(u32::MAX))),
    }
}

fn check_available(
    available: Option<&[i64]>,
    slots: u32,
    path: &str,
) -> Result<SlotMask, InputError> {
    let Some(list) = available else {
        return Ok(all_slots(slots));
    };
    let mut mask: SlotMask = 0;
    for (k, &slot) in list.iter().enumerate() {
        let field = format!("{path}.available[{k}]");
        if slot < 0 || slot >= i64::from(slots) {
            return Err(InputError::new(
                field,
                format!(
                    "créneau {slot} hors de l'événement (créneaux 0 à {})",
                    slots - 1
                ),
            ));
        }
        let bit: SlotMask = 1 << slot;
        if mask & bit != 0 {
            return Err(InputError::new(field, format!("créneau {slot} répété")));
        }
        mask |= bit;
    }
    Ok(mask)
}

fn candidate_set(
    ids: &[String],
    candidate_index: &HashMap<&str, u32>,
    path: &str,
) -> Result<HashSet<u32>, InputError> {
    let mut set = HashSet::new();
    for (k, id) in ids.iter().enumerate() {
        let field = format!("{path}[{k}]");
        let Some(&candidate) = candidate_index.get(id.as_str()) else {
            return Err(InputError::new(
                field,
                format!("candidat « {id} » inconnu (absent de candidates)"),
            ));
        };
        if !set.insert(candidate) {
            return Err(InputError::new(field, format!("candidat « {id} » répété")));
        }
    }
    Ok(set)
}
