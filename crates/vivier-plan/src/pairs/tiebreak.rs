//! Ties broken by registration time, by pairwise exchanges.
//!
//! Many pairings are optimal: two students who wish for the same agent at the same rank can
//! swap places without changing any figure. The rule made true here:
//!
//! > No *exchange* that leaves the objective unchanged would favour an earlier registrant over
//! > a later one.
//!
//! An exchange between students `A` (higher priority) and `B` (lower priority): `A` takes `B`'s
//! seat at an agent `A` wishes more than `A`'s current one (any wish, if `A` is unplaced), and
//! `B` takes `A`'s former seat if `A` had one and `B` is compatible with it, or is left unplaced.
//! Exchanges that keep the objective ([`Goal::key`]) are applied, earliest student first, until
//! none is left. Each one strictly improves the earliest student it touches and only harms a
//! later one, so the outcome, read in priority order, improves lexicographically and the loop
//! ends.

use super::engine::Assignment;
use super::parse::{Choice, Instance};

/// What the engine optimises, after cardinality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Goal {
    /// Fair objective (worst rank, count at worst rank, total rank) instead of total rank.
    pub fair: bool,
}

/// The figures of an assignment the objective reads.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    /// Students placed, per rank.
    per_rank: Vec<i64>,
    placed: i64,
    kept: i64,
}

impl Tally {
    fn new(max_rank: u32) -> Self {
        Self {
            per_rank: vec![0; max_rank as usize + 1],
            placed: 0,
            kept: 0,
        }
    }

    fn add(&mut self, choice: &Choice, kept: bool, sign: i64) {
        self.per_rank[choice.rank as usize] += sign;
        self.placed += sign;
        self.kept += if kept { sign } else { 0 };
    }
}

impl Goal {
    /// The objective as a key, smaller is better: placed students (more first), kept pairs (more
    /// first), then total rank, or for the fair objective worst rank, count at that rank and
    /// total rank.
    pub fn key(&self, tally: &Tally) -> [i64; 5] {
        let total: i64 = tally
            .per_rank
            .iter()
            .enumerate()
            .map(|(rank, count)| rank as i64 * count)
            .sum();
        let (worst, at_worst) = if self.fair {
            tally
                .per_rank
                .iter()
                .enumerate()
                .rev()
                .find(|(_, count)| **count > 0)
                .map_or((0, 0), |(rank, count)| (rank as i64, *count))
        } else {
            (0, 0)
        };
        [-tally.placed, -tally.kept, worst, at_worst, total]
    }
}

/// Applies objective-neutral exchanges in favour of earlier registrants until none is left.
pub(crate) fn settle(
    instance: &Instance,
    goal: &Goal,
    previous: Option<&[Option<usize>]>,
    assignment: &mut Assignment,
) {
    let is_kept = |student: usize, choice: &Choice| {
        previous.is_some_and(|p| p[student] == Some(choice.agent))
    };
    let mut tally = Tally::new(instance.max_rank());
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); instance.capacity.len()];
    for (s, choice) in assignment.iter().enumerate() {
        if let Some(c) = choice {
            tally.add(c, is_kept(s, c), 1);
            holders[c.agent].push(s);
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &a in &instance.by_priority {
            // Re-examine `a` after each exchange that improved it.
            while let Some((b, a_new, b_new)) = find_exchange(
                instance, goal, &is_kept, assignment, &holders, &mut tally, a,
            ) {
                let a_old = assignment[a];
                let b_old = assignment[b];
                for (student, old, new) in [(a, a_old, Some(a_new)), (b, b_old, b_new)] {
                    if let Some(c) = old {
                        tally.add(&c, is_kept(student, &c), -1);
                        holders[c.agent].retain(|&h| h != student);
                    }
                    if let Some(c) = new {
                        tally.add(&c, is_kept(student, &c), 1);
                        holders[c.agent].push(student);
                    }
                    assignment[student] = new;
                }
                changed = true;
            }
        }
    }
}

/// An exchange improving `a` at the expense of a later student that keeps the objective:
/// (the later student, `a`'s new choice, the later student's new choice).
fn find_exchange(
    instance: &Instance,
    goal: &Goal,
    is_kept: &impl Fn(usize, &Choice) -> bool,
    assignment: &Assignment,
    holders: &[Vec<usize>],
    tally: &mut Tally,
    a: usize,
) -> Option<(usize, Choice, Option<Choice>)> {
    let a_old = assignment[a];
    let before = goal.key(tally);
    let better = instance.choices[a]
        .iter()
        .take_while(|c| a_old.is_none_or(|old| c.rank < old.rank));
    for a_new in better {
        for &b in &holders[a_new.agent] {
            if instance.priority[b] <= instance.priority[a] {
                continue;
            }
            let Some(b_old) = assignment[b] else {
                continue;
            };
            let b_new = a_old.and_then(|old| instance.choice(b, old.agent));
            // Try it on the tally, then undo.
            let moves = [(a, a_old, Some(*a_new)), (b, Some(b_old), b_new)];
            for &(student, old, new) in &moves {
                if let Some(c) = old {
                    tally.add(&c, is_kept(student, &c), -1);
                }
                if let Some(c) = new {
                    tally.add(&c, is_kept(student, &c), 1);
                }
            }
            let after = goal.key(tally);
            for &(student, old, new) in moves.iter().rev() {
                if let Some(c) = new {
                    tally.add(&c, is_kept(student, &c), -1);
                }
                if let Some(c) = old {
                    tally.add(&c, is_kept(student, &c), 1);
                }
            }
            if after <= before {
                return Some((b, *a_new, b_new));
            }
        }
    }
    None
}
