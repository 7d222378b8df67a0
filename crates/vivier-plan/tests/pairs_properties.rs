//! Property tests of the pairing engine on random instances: every output passes the
//! independent validator, and on tiny instances the engine's whole assignment equals the one
//! found by exhaustion (best objective, then registration ties in priority order), for both
//! objectives and for repairs.

mod common;

use common::{
    Held, STAMPS, before, brute_force, brute_force_assignment, each_assignment, held, key,
    output_of,
};
use proptest::prelude::*;
use vivier_plan::pairs::check_pairs;
use vivier_plan::pairs::{
    self, AgentEntry, Mode, Objective, PairsInput, StudentEntry, first_come_first_served, repair,
};
use vivier_plan::pairs::{PairsScenario, pairs_instance};

const DAYS: [&str; 3] = ["2026-04-02", "2026-04-03", "2026-04-09"];

fn mode() -> impl Strategy<Value = Option<Mode>> {
    prop::option::of(prop_oneof![
        Just(Mode::OnSite),
        Just(Mode::Remote),
        Just(Mode::Either)
    ])
}

fn days() -> impl Strategy<Value = Option<Vec<String>>> {
    prop::option::weighted(
        0.4,
        prop::sample::subsequence(DAYS.to_vec(), 1..=3)
            .prop_map(|d| d.into_iter().map(str::to_owned).collect()),
    )
}

fn city() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(vec![
        "Lyon".to_owned(),
        "lyon ".to_owned(),
        "Nantes".to_owned(),
    ]))
}

/// Instances of up to `max_students` students and `max_agents` agents, with every kind of
/// constraint.
fn instances(
    max_students: usize,
    max_agents: usize,
    max_wishes: usize,
) -> impl Strategy<Value = PairsInput> {
    (1..=max_agents).prop_flat_map(move |n_agents| {
        let agents = prop::collection::vec((0u32..=2, days(), mode(), city()), n_agents);
        let student = (
            prop::sample::subsequence(
                (0..n_agents).collect::<Vec<_>>(),
                0..=max_wishes.min(n_agents),
            )
            .prop_shuffle(),
            days(),
            prop::option::of(prop::sample::select(STAMPS.map(|(text, _)| text).to_vec())),
            mode(),
            city(),
        );
        (agents, prop::collection::vec(student, 0..=max_students)).prop_map(|(agents, students)| {
            PairsInput {
                agents: agents
                    .into_iter()
                    .enumerate()
                    .map(|(i, (capacity, dates, mode, city))| AgentEntry {
                        id: format!("a{i}"),
                        capacity,
                        dates,
                        mode,
                        city,
                    })
                    .collect(),
                students: students
                    .into_iter()
                    .enumerate()
                    .map(|(i, (wishes, dates, stamp, mode, city))| StudentEntry {
                        id: format!("s{i}"),
                        wishes: wishes.into_iter().map(|a| format!("a{a}")).collect(),
                        dates,
                        registered_at: stamp.map(str::to_owned),
                        mode,
                        city,
                    })
                    .collect(),
                ..Default::default()
            }
        })
    })
}

fn objective() -> impl Strategy<Value = Objective> {
    prop_oneof![Just(Objective::TotalRank), Just(Objective::Fair)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn engine_reaches_the_exhaustive_optimum(input in instances(6, 4, 3), objective in objective()) {
        let output = pairs::pair(&input, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let errors = check_pairs(&input, &output, Some(objective), None);
        prop_assert!(errors.is_empty(), "{errors:#?}\n{output:#?}");
        let none = vec![None; input.students.len()];
        let got = held(&input, &output);
        prop_assert_eq!(key(&got, &none, objective), brute_force(&input, &none, objective));
        prop_assert_eq!(got, brute_force_assignment(&input, &none, objective));
    }

    #[test]
    fn repair_keeps_most_pairs_then_ranks(
        input in instances(6, 4, 3),
        objective in objective(),
        withdrawn in any::<prop::sample::Index>(),
        change in 0..3,
    ) {
        let first = pairs::pair(&input, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut changed = input.clone();
        let k = withdrawn.index(changed.agents.len());
        match change {
            // A seat less.
            0 => changed.agents[k].capacity = changed.agents[k].capacity.saturating_sub(1),
            // Withdrawn, the short way.
            1 => changed.agents[k].capacity = 0,
            // Withdrawn, the long way: out of the agents and of every wish.
            _ => {
                let gone = changed.agents.remove(k).id;
                for s in &mut changed.students {
                    s.wishes.retain(|w| *w != gone);
                }
            }
        }
        let output = repair(&changed, &first.pairs, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let errors = check_pairs(&changed, &output, Some(objective), Some(&first.pairs));
        prop_assert!(errors.is_empty(), "{errors:#?}\n{output:#?}");
        let was = before(&changed, &first.pairs);
        let got = held(&changed, &output);
        prop_assert_eq!(key(&got, &was, objective), brute_force(&changed, &was, objective));
        prop_assert_eq!(got, brute_force_assignment(&changed, &was, objective));
    }

    #[test]
    fn the_validator_accepts_exactly_the_engines_answer(
        input in instances(5, 3, 3),
        objective in objective(),
        previous in prop::option::of(any::<prop::sample::Index>()),
    ) {
        // Every feasible assignment, written as an output: the validator must accept the one
        // the brute force picks and refuse every other.
        let mut all: Vec<Held> = Vec::new();
        each_assignment(&input, &mut |h| all.push(h.clone()));
        let previous: Option<Vec<pairs::Pair>> = previous.map(|pick| {
            output_of(&input, &all[pick.index(all.len())], None, 0).pairs
        });
        let was = previous.as_deref().map_or_else(|| vec![None; input.students.len()], |p| before(&input, p));
        let expected = brute_force_assignment(&input, &was, objective);
        let maximum = expected.iter().flatten().count();
        for candidate in &all {
            let output = output_of(&input, candidate, previous.as_deref(), maximum);
            let errors = check_pairs(&input, &output, Some(objective), previous.as_deref());
            prop_assert_eq!(errors.is_empty(), *candidate == expected, "{:#?}\n{:#?}", errors, output);
        }
    }

    #[test]
    fn first_come_first_served_is_valid_and_never_beats_the_maximum(input in instances(8, 5, 4)) {
        let output = first_come_first_served(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let errors = check_pairs(&input, &output, None, None);
        prop_assert!(errors.is_empty(), "{errors:#?}\n{output:#?}");
        let engine = pairs::pair(&input, Objective::TotalRank).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(output.stats.placed <= engine.stats.placed);
        prop_assert_eq!(output.stats.max_placeable, engine.stats.placed);
    }

    #[test]
    fn larger_instances_pass_the_validator(input in instances(40, 15, 5), objective in objective()) {
        let output = pairs::pair(&input, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let errors = check_pairs(&input, &output, Some(objective), None);
        prop_assert!(errors.is_empty(), "{errors:#?}");
        prop_assert_eq!(output.stats.placed, output.stats.max_placeable);
    }

    #[test]
    fn the_order_of_the_agents_does_not_matter(
        input in instances(12, 6, 4),
        objective in objective(),
        seed in any::<u64>(),
    ) {
        // Ties go by the students' priority alone, so listing the agents in another order
        // gives the very same pairing.
        let mut shuffled = input.clone();
        let n = shuffled.agents.len();
        let mut state = seed;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.agents.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = pairs::pair(&input, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = pairs::pair(&shuffled, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_same_input_gives_the_same_output(input in instances(20, 8, 4), objective in objective()) {
        let a = pairs::pair(&input, objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = pairs::pair(&input.clone(), objective).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a, b);
    }
}

#[test]
fn generated_instances_pass_the_validator() {
    for seed in 0..5 {
        let input = pairs_instance(&PairsScenario::edition_2020(), seed);
        for objective in [Objective::TotalRank, Objective::Fair] {
            let output = pairs::pair(&input, objective).unwrap();
            let errors = check_pairs(&input, &output, Some(objective), None);
            assert!(errors.is_empty(), "seed {seed}: {errors:#?}");
        }
        let baseline = first_come_first_served(&input).unwrap();
        assert!(check_pairs(&input, &baseline, None, None).is_empty());
    }
}
