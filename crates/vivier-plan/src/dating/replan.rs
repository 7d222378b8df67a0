//! Re-optimisation: which meetings of a previous schedule stay in place.
//!
//! A previous meeting is *unaffected*, and kept exactly (same candidate, recruiter and slot), when
//! the current input still allows it: both people still take part, the candidate still asks for
//! the recruiter, the recruiter has not declined (or left off its shortlist) the candidate, both
//! are still present at the slot, and it fits beside the previous meetings listed before it
//! (nobody in two places at once, a pair meets once, caps). Anything else is dropped with its
//! reason. The solver then only adds meetings around the kept ones, so nothing that was announced
//! and is still possible moves.

use std::collections::{HashMap, HashSet};

use super::instance::{Instance, SlotMask, Slotted};
use super::model::{DroppedMeeting, PlannedMeeting};

/// Sorts `previous` into the instance's kept and dropped meetings. The order of `previous`
/// decides which of two clashing meetings stays: the first listed.
pub(crate) fn sort_previous(
    instance: &mut Instance,
    previous: &[PlannedMeeting],
    recruiter_index: &HashMap<&str, u32>,
    candidate_index: &HashMap<&str, u32>,
    requested: &[HashSet<u32>],
) {
    let all = instance.all_slots();
    let mut candidate_busy: Vec<SlotMask> = vec![0; instance.candidates.len()];
    let mut recruiter_busy: Vec<SlotMask> = vec![0; instance.recruiters.len()];
    let mut pairs: HashSet<(u32, u32)> = HashSet::new();
    for meeting in previous {
        let verdict = check(
            instance,
            meeting,
            recruiter_index,
            candidate_index,
            requested,
            all,
            &candidate_busy,
            &recruiter_busy,
            &pairs,
        );
        match verdict {
            Ok(kept) => {
                let bit: SlotMask = 1 << kept.slot;
                candidate_busy[kept.candidate as usize] |= bit;
                recruiter_busy[kept.recruiter as usize] |= bit;
                pairs.insert((kept.candidate, kept.recruiter));
                instance.kept.push(kept);
            }
            Err(reason) => instance.dropped.push(DroppedMeeting {
                candidate: meeting.candidate.clone(),
                recruiter: meeting.recruiter.clone(),
                slot: meeting.slot,
                reason: reason.to_owned(),
            }),
        }
    }
}

#[allow(clippy::too_many_arguments)] // The occupancy so far is three separate views.
fn check(
    instance: &Instance,
    meeting: &PlannedMeeting,
    recruiter_index: &HashMap<&str, u32>,
    candidate_index: &HashMap<&str, u32>,
    requested: &[HashSet<u32>],
    all: SlotMask,
    candidate_busy: &[SlotMask],
    recruiter_busy: &[SlotMask],
    pairs: &HashSet<(u32, u32)>,
) -> Result<Slotted, &'static str> {
    let Some(&c) = candidate_index.get(meeting.candidate.as_str()) else {
        return Err("le candidat ne participe plus à l'événement");
    };
    let Some(&r) = recruiter_index.get(meeting.recruiter.as_str()) else {
        return Err("le recruteur ne participe plus à l'événement");
    };
    let Some(slot) = u32::try_from(meeting.slot)
        .ok()
        .filter(|&s| s < 128 && all & (1 << s) != 0)
    else {
        return Err("le créneau est hors de l'événement");
    };
    let bit: SlotMask = 1 << slot;
    let candidate = &instance.candidates[c as usize];
    let recruiter = &instance.recruiters[r as usize];
    if !requested[c as usize].contains(&r) {
        return Err("le candidat ne demande plus ce recruteur");
    }
    if candidate.available & bit == 0 {
        return Err("le candidat n'est plus disponible à ce créneau");
    }
    if recruiter.available & bit == 0 {
        return Err("le recruteur n'est plus disponible à ce créneau");
    }
    if recruiter.cap == 0 {
        return Err("le nombre maximal de rencontres du recruteur est atteint");
    }
    if instance.request(c, r).is_none() {
        return Err("le recruteur a décliné cette demande");
    }
    if pairs.contains(&(c, r)) {
        return Err("cette rencontre figure déjà plus haut dans le planning précédent");
    }
    if candidate_busy[c as usize] & bit != 0 {
        return Err("le candidat a déjà une autre rencontre à ce créneau");
    }
    if recruiter_busy[r as usize] & bit != 0 {
        return Err("le recruteur a déjà une autre rencontre à ce créneau");
    }
    if candidate_busy[c as usize].count_ones() >= candidate.cap {
        return Err("le nombre maximal de rencontres du candidat est atteint");
    }
    if recruiter_busy[r as usize].count_ones() >= recruiter.cap {
        return Err("le nombre maximal de rencontres du recruteur est atteint");
    }
    Ok(Slotted {
        candidate: c,
        recruiter: r,
        slot,
    })
}
