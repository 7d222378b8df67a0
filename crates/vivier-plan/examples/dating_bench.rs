//! Job-dating benchmark: the instances, the engine's and the self-booking baseline's
//! figures beside the upper bounds, and the engine's runtime (single thread, best of a few runs).
//!
//! `cargo run --release -p vivier-plan --example dating_bench [CASE|all] [SEED]` (every case and
//! seed 1 by default). Run it under `/usr/bin/time -v` for the peak memory.

use std::time::{Duration, Instant};

use vivier_plan::dating::{
    Availability, DatingOutput, GeneratorConfig, generate, schedule, self_booking, violations,
};

fn main() {
    let only = std::env::args().nth(1).filter(|o| o != "all");
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let cases = [
        (
            "medium-full",
            GeneratorConfig::medium(Availability::Full, seed),
        ),
        (
            "medium-restricted",
            GeneratorConfig::medium(Availability::Restricted, seed),
        ),
        ("large", GeneratorConfig::large(seed)),
        // Not in the table: as many recruiter slots as requests, so that candidates'
        // clashes matter and the time-expanded bounds are needed.
        (
            "balanced-restricted",
            GeneratorConfig {
                candidates: 1_000,
                recruiters: 200,
                ..GeneratorConfig::medium(Availability::Restricted, seed)
            },
        ),
        (
            "balanced-large",
            GeneratorConfig {
                candidates: 8_000,
                recruiters: 1_500,
                ..GeneratorConfig::large(seed)
            },
        ),
    ];
    for (name, config) in cases {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let input = generate(&config);
        let mut best = Duration::MAX;
        let mut output = None;
        for _ in 0..5 {
            let start = Instant::now();
            let result = schedule(&input);
            best = best.min(start.elapsed());
            output = Some(result);
        }
        let Some(Ok(output)) = output else {
            eprintln!("{name}: the engine refused its own generated instance");
            std::process::exit(1);
        };
        let problems = violations(&input, &output);
        if !problems.is_empty() {
            eprintln!("{name}: invalid schedule: {problems:?}");
            std::process::exit(1);
        }
        println!(
            "{name}: {} candidates × {} recruiters × {} slots, {} requests",
            config.candidates, config.recruiters, config.slots, output.stats.requests
        );
        println!(
            "  engine    {:>8.1} ms  {}",
            best.as_secs_f64() * 1e3,
            figures(&output)
        );
        match self_booking(&input, 7) {
            Ok(baseline) => println!("  baseline              {}", figures(&baseline)),
            Err(error) => eprintln!("  baseline refused: {error}"),
        }
        println!("  bounds    {:?}", output.stats.bounds);
    }
}

fn figures(output: &DatingOutput) -> String {
    let s = &output.stats;
    format!(
        "meetings {}/{} ({:.2} %), served {}/{} ({:.2} %), mean rank {:.3}, {:?}",
        s.meetings,
        s.meetings_upper_bound,
        100.0 * s.meetings_coverage(),
        s.candidates_served,
        s.candidates_upper_bound,
        100.0 * s.candidates_coverage(),
        s.mean_rank,
        s.method,
    )
}
