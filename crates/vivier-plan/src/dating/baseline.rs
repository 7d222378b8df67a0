//! The self-booking baseline: what platforms where candidates book their own meetings produce.
//! Candidates arrive one by one in a (seeded) random order and each books, best request first,
//! the earliest slot where both they and the recruiter are free, until their cap or their requests
//! run out. Early arrivals take several meetings before late ones get any, which is what the
//! engine is compared against.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::instance::{Instance, SlotMask, Slotted};

/// The meetings booked by candidates arriving in the order drawn from `seed`, around the kept
/// meetings of a previous schedule if any.
pub(crate) fn self_book(instance: &Instance, seed: u64) -> Vec<Slotted> {
    let mut candidate_busy: Vec<SlotMask> = vec![0; instance.candidates.len()];
    let mut recruiter_busy: Vec<SlotMask> = vec![0; instance.recruiters.len()];
    let mut met: Vec<Vec<u32>> = vec![Vec::new(); instance.candidates.len()];
    let mut meetings = instance.kept.clone();
    for m in &instance.kept {
        candidate_busy[m.candidate as usize] |= 1 << m.slot;
        recruiter_busy[m.recruiter as usize] |= 1 << m.slot;
        met[m.candidate as usize].push(m.recruiter);
    }

    let mut arrivals: Vec<u32> = (0..instance.candidates.len() as u32).collect();
    arrivals.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    for c in arrivals {
        let candidate = &instance.candidates[c as usize];
        for q in &candidate.requests {
            if candidate_busy[c as usize].count_ones() >= candidate.cap {
                break;
            }
            let r = q.recruiter as usize;
            if met[c as usize].contains(&q.recruiter)
                || recruiter_busy[r].count_ones() >= instance.recruiters[r].cap
            {
                continue;
            }
            let free = q.common & !candidate_busy[c as usize] & !recruiter_busy[r];
            if free != 0 {
                let slot = free.trailing_zeros();
                candidate_busy[c as usize] |= 1 << slot;
                recruiter_busy[r] |= 1 << slot;
                met[c as usize].push(q.recruiter);
                meetings.push(Slotted {
                    candidate: c,
                    recruiter: q.recruiter,
                    slot,
                });
            }
        }
    }
    meetings
}
