//! Pairing benchmark: the engine against the targets and the first-come baseline.
//!
//! `cargo run --release -p vivier-plan --example pairs_bench [large|balanced|2020|all]`; run it under
//! `/usr/bin/time -v` for the peak memory. Single thread; timings are wall-clock, best of three.

use std::time::{Duration, Instant};

use vivier_plan::pairs::check_pairs;
use vivier_plan::pairs::{Objective, PairsInput, PairsOutput, first_come_first_served, pair};
use vivier_plan::pairs::{PairsScenario, pairs_instance};

fn best_of_three(
    input: &PairsInput,
    run: impl Fn(&PairsInput) -> PairsOutput,
) -> (PairsOutput, Duration) {
    let mut best = Duration::MAX;
    let mut output = PairsOutput::default();
    for _ in 0..3 {
        let start = Instant::now();
        output = run(input);
        best = best.min(start.elapsed());
    }
    (output, best)
}

fn line(label: &str, output: &PairsOutput, time: Option<Duration>) {
    let s = &output.stats;
    println!(
        "  {label:<22} placed {:>6} / {:>6} ({:>6.2} %)  mean rank {:>5.3}  worst {:>2}  {}",
        s.placed,
        s.max_placeable,
        100.0 * s.placed as f64 / s.max_placeable.max(1) as f64,
        s.mean_rank.unwrap_or(0.0),
        s.worst_rank.unwrap_or(0),
        time.map_or(String::new(), |t| format!(
            "{:>8.1} ms",
            t.as_secs_f64() * 1e3
        )),
    );
}

fn large(agents: usize) {
    let scenario = PairsScenario {
        agents,
        ..PairsScenario::large()
    };
    let input = pairs_instance(&scenario, 2026);
    let wishes: usize = input.students.iter().map(|s| s.wishes.len()).sum();
    let seats: u32 = input.agents.iter().map(|a| a.capacity).sum();
    println!(
        "pairs, large: {} students × {} agents, {wishes} wishes, {seats} seats",
        input.students.len(),
        input.agents.len()
    );
    for objective in [Objective::TotalRank, Objective::Fair] {
        let (output, time) = best_of_three(&input, |i| match pair(i, objective) {
            Ok(o) => o,
            Err(e) => panic!("{e}"),
        });
        line(&format!("engine {objective:?}"), &output, Some(time));
        let errors = check_pairs(&input, &output, Some(objective), None);
        println!("    validator: {} violation(s)", errors.len());
    }
    let (baseline, time) = best_of_three(&input, |i| match first_come_first_served(i) {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    });
    line("first come first served", &baseline, Some(time));
}

fn edition_2020() {
    let scenario = PairsScenario::edition_2020();
    println!("pairs, 2020 scale: 60 students × 80 agents, capacity 1, 20 seeds");
    let (mut engine_placed, mut baseline_placed, mut max) = (0, 0, 0);
    let (mut engine_rank, mut baseline_rank) = (0u64, 0u64);
    let mut engine_time = Duration::ZERO;
    let mut wins = 0;
    // Mean rank over the students both place: the extra students the engine places are on
    // later wishes, which raises its plain mean rank.
    let (mut common, mut engine_common, mut baseline_common) = (0usize, 0u64, 0u64);
    for seed in 0..20 {
        let input = pairs_instance(&scenario, seed);
        let start = Instant::now();
        let engine = match pair(&input, Objective::TotalRank) {
            Ok(o) => o,
            Err(e) => panic!("{e}"),
        };
        engine_time += start.elapsed();
        let baseline = match first_come_first_served(&input) {
            Ok(o) => o,
            Err(e) => panic!("{e}"),
        };
        assert!(check_pairs(&input, &engine, Some(Objective::TotalRank), None).is_empty());
        engine_placed += engine.stats.placed;
        baseline_placed += baseline.stats.placed;
        max += engine.stats.max_placeable;
        engine_rank += engine.stats.total_rank;
        baseline_rank += baseline.stats.total_rank;
        let better = engine.stats.placed > baseline.stats.placed
            || (engine.stats.placed == baseline.stats.placed
                && engine.stats.total_rank < baseline.stats.total_rank);
        wins += usize::from(better);
        for b in &baseline.pairs {
            if let Some(e) = engine.pairs.iter().find(|e| e.student == b.student) {
                common += 1;
                engine_common += u64::from(e.rank);
                baseline_common += u64::from(b.rank);
            }
        }
        if seed < 3 {
            line(&format!("seed {seed} engine"), &engine, None);
            line(&format!("seed {seed} first come"), &baseline, None);
        }
    }
    println!(
        "  total over 20 seeds: engine placed {engine_placed} / {max} (mean rank {:.3}), \
         first come placed {baseline_placed} (mean rank {:.3}); engine strictly better on \
         {wins} / 20; engine time {:.2} ms per instance",
        engine_rank as f64 / engine_placed.max(1) as f64,
        baseline_rank as f64 / baseline_placed.max(1) as f64,
        engine_time.as_secs_f64() * 1e3 / 20.0,
    );
    println!(
        "  students placed by both ({common}): mean rank engine {:.3}, first come {:.3}",
        engine_common as f64 / common.max(1) as f64,
        baseline_common as f64 / common.max(1) as f64,
    );
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "all".to_owned());
    if which == "2020" || which == "all" {
        edition_2020();
    }
    if which == "large" || which == "all" {
        large(2_000);
    }
    // The same students with as many seats as students: fewer are left out, so the flow has
    // more rerouting to do.
    if which == "balanced" || which == "all" {
        large(5_000);
    }
}
