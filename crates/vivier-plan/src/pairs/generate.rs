//! Seeded generators of realistic planning instances, for tests and benchmarks.
//!
//! No personal data: students and agents are numbered (`E00042`, `A0007`), cities are
//! prefectures, job families and administrations are generic labels. The same scenario and
//! seed always give the same instance (ChaCha8).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::macros::{date, datetime};
use time::{Date, Duration};

use crate::pairs::{AgentEntry, Mode, PairsInput, StudentEntry};

/// Cities students and agents live in; the first ones weigh more (Zipf-like).
const CITIES: [&str; 16] = [
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Lille",
    "Bordeaux",
    "Nantes",
    "Strasbourg",
    "Rennes",
    "Montpellier",
    "Grenoble",
    "Dijon",
    "Rouen",
    "Orléans",
    "Metz",
    "Poitiers",
];

/// Shape of a Vis mon job instance.
#[derive(Debug, Clone, PartialEq)]
pub struct PairsScenario {
    /// Number of students.
    pub students: usize,
    /// Number of agents.
    pub agents: usize,
    /// Smallest agent capacity.
    pub min_capacity: u32,
    /// Largest agent capacity.
    pub max_capacity: u32,
    /// Largest number of wishes of a student (each student has 1 to this many).
    pub max_wishes: usize,
    /// Number of job families.
    pub families: usize,
    /// Number of administrations.
    pub administrations: usize,
    /// Share of a student's wishes made in their own city.
    pub local_share: f64,
    /// Exponent of the agents' popularity law: the agent of popularity rank `k` is chosen with
    /// weight `1 / k^exponent`.
    pub zipf_exponent: f64,
    /// Whether students and agents give dates and modes (hard constraints).
    pub constraints: bool,
}

impl PairsScenario {
    /// The 2020 edition's scale: 60 students, 80 agents hosting one student each.
    pub fn edition_2020() -> Self {
        Self {
            students: 60,
            agents: 80,
            min_capacity: 1,
            max_capacity: 1,
            max_wishes: 5,
            families: 8,
            administrations: 12,
            local_share: 0.8,
            zipf_exponent: 1.0,
            constraints: true,
        }
    }

    /// The national scale: 10,000 students, 2,000 agents hosting 1 to 3 students, up to 10
    /// wishes each.
    pub fn large() -> Self {
        Self {
            students: 10_000,
            agents: 2_000,
            min_capacity: 1,
            max_capacity: 3,
            max_wishes: 10,
            families: 12,
            administrations: 40,
            local_share: 0.8,
            zipf_exponent: 0.8,
            constraints: true,
        }
    }
}

/// The event days: five Thursdays and Fridays in spring.
fn event_days() -> Vec<Date> {
    let start = date!(2026 - 04 - 02);
    (0..5).map(|week| start + Duration::weeks(week)).collect()
}

/// Draws an index with probability proportional to `weights` (cumulative, increasing).
fn draw(rng: &mut ChaCha8Rng, cumulative: &[f64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(0.0);
    let x = rng.random::<f64>() * total;
    cumulative
        .partition_point(|&c| c <= x)
        .min(cumulative.len().saturating_sub(1))
}

fn cumulative(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    weights
        .scan(0.0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
}

/// A Vis mon job instance of the given shape.
pub fn pairs_instance(scenario: &PairsScenario, seed: u64) -> PairsInput {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let days = event_days();
    let city_weights = cumulative((1..=CITIES.len()).map(|k| 1.0 / k as f64));

    struct Host {
        city: usize,
        family: usize,
        weight: f64,
    }
    let hosts: Vec<Host> = (0..scenario.agents)
        .map(|_| Host {
            city: draw(&mut rng, &city_weights),
            family: rng.random_range(0..scenario.families.max(1)),
            // Popularity by a random rank (the administration and the job make some agents
            // far more wanted than others).
            weight: 1.0
                / (rng.random_range(1..=scenario.agents.max(1)) as f64)
                    .powf(scenario.zipf_exponent),
        })
        .collect();
    let agents: Vec<AgentEntry> = hosts
        .iter()
        .enumerate()
        .map(|(k, host)| {
            let administration = rng.random_range(0..scenario.administrations.max(1));
            let (dates, mode) = if scenario.constraints {
                (
                    Some(some_days(&mut rng, &days, 2)),
                    Some(agent_mode(&mut rng)),
                )
            } else {
                (None, None)
            };
            AgentEntry {
                id: format!("A{k:04}-adm{administration:02}-fam{:02}", host.family),
                capacity: rng.random_range(scenario.min_capacity..=scenario.max_capacity),
                dates,
                mode,
                city: Some(CITIES[host.city].to_owned()),
            }
        })
        .collect();

    // Agents of each city, and everyone, with cumulative popularity.
    let by_city: Vec<Vec<usize>> = (0..CITIES.len())
        .map(|c| (0..hosts.len()).filter(|&a| hosts[a].city == c).collect())
        .collect();
    let city_cumulative: Vec<Vec<f64>> = by_city
        .iter()
        .map(|list| cumulative(list.iter().map(|&a| hosts[a].weight)))
        .collect();
    let all: Vec<usize> = (0..hosts.len()).collect();
    let all_cumulative = cumulative(hosts.iter().map(|h| h.weight));

    let registration_start = datetime!(2026-01-05 0:00 UTC);
    let students = (0..scenario.students)
        .map(|k| {
            let city = draw(&mut rng, &city_weights);
            let family = rng.random_range(0..scenario.families.max(1));
            let count = rng.random_range(1..=scenario.max_wishes.max(1));
            let mut wishes: Vec<usize> = Vec::with_capacity(count);
            let mut attempts = 0;
            while wishes.len() < count && attempts < count * 20 && !all.is_empty() {
                attempts += 1;
                let local = rng.random_bool(scenario.local_share) && !by_city[city].is_empty();
                let agent = if local {
                    by_city[city][draw(&mut rng, &city_cumulative[city])]
                } else {
                    all[draw(&mut rng, &all_cumulative)]
                };
                // The other wishes are elsewhere; students favour their own job family.
                if (!local && hosts[agent].city == city)
                    || (hosts[agent].family != family && rng.random_bool(0.5))
                {
                    continue;
                }
                if !wishes.contains(&agent) {
                    wishes.push(agent);
                }
            }
            let (dates, mode) = if scenario.constraints {
                (
                    rng.random_bool(0.5).then(|| some_days(&mut rng, &days, 3)),
                    Some(student_mode(&mut rng)),
                )
            } else {
                (None, None)
            };
            // 90 % registered online over ten weeks; the others were added by hand.
            let registered_at = rng.random_bool(0.9).then(|| {
                let minutes = rng.random_range(0..10 * 7 * 24 * 60);
                let at = registration_start + Duration::minutes(minutes);
                at.format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            });
            StudentEntry {
                id: format!("E{k:05}"),
                wishes: wishes.iter().map(|&a| agents[a].id.clone()).collect(),
                dates,
                registered_at,
                mode,
                city: Some(CITIES[city].to_owned()),
            }
        })
        .collect();
    PairsInput {
        students,
        agents,
        ignored_fields: Vec::new(),
    }
}

/// A non-empty subset of the event days, of at least `min` days when there are enough.
fn some_days(rng: &mut ChaCha8Rng, days: &[Date], min: usize) -> Vec<String> {
    let wanted = rng.random_range(min.min(days.len())..=days.len()).max(1);
    let mut chosen: Vec<Date> = Vec::with_capacity(wanted);
    while chosen.len() < wanted {
        let day = days[rng.random_range(0..days.len())];
        if !chosen.contains(&day) {
            chosen.push(day);
        }
    }
    chosen.sort_unstable();
    chosen.iter().map(|d| d.to_string()).collect()
}

fn agent_mode(rng: &mut ChaCha8Rng) -> Mode {
    match rng.random_range(0..10) {
        0..=6 => Mode::OnSite,
        7..=8 => Mode::Either,
        _ => Mode::Remote,
    }
}

fn student_mode(rng: &mut ChaCha8Rng) -> Mode {
    match rng.random_range(0..10) {
        0..=5 => Mode::Either,
        6..=8 => Mode::OnSite,
        _ => Mode::Remote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_instance() {
        let scenario = PairsScenario::edition_2020();
        assert_eq!(pairs_instance(&scenario, 7), pairs_instance(&scenario, 7));
        assert_ne!(pairs_instance(&scenario, 7), pairs_instance(&scenario, 8));
    }

    #[test]
    fn wishes_are_mostly_local_and_bounded() {
        let scenario = PairsScenario::large();
        let input = pairs_instance(&scenario, 1);
        assert_eq!(input.students.len(), 10_000);
        assert_eq!(input.agents.len(), 2_000);
        let city: std::collections::HashMap<&str, &str> = input
            .agents
            .iter()
            .map(|a| (a.id.as_str(), a.city.as_deref().unwrap_or("")))
            .collect();
        let (mut local, mut total) = (0usize, 0usize);
        for s in &input.students {
            assert!(!s.wishes.is_empty() && s.wishes.len() <= 10);
            for w in &s.wishes {
                total += 1;
                local += usize::from(Some(city[w.as_str()]) == s.city.as_deref());
            }
        }
        let share = local as f64 / total as f64;
        assert!((0.75..0.85).contains(&share), "local share {share}");
        assert!(input.agents.iter().all(|a| (1..=3).contains(&a.capacity)));
    }
}
