//! Timing the queries and watching the memory of the measuring process.

use std::time::{Duration, Instant};

use vivier_search::relevance::Evaluation;

use super::{EngineReport, Outcome, SLOWEST_SHOWN, SlowQuery, Timings, millis, round3};
use crate::Error;
use crate::bench::BenchError;
use crate::bench::server::peak_rss_bytes;

/// Runs every query once (warm-up), then `rounds` times timed; returns the samples and the
/// mean number of matches.
pub(crate) async fn latencies(
    queries: &[String],
    rounds: u32,
    mut run: impl AsyncFnMut(&str) -> Result<Outcome, Error>,
) -> Result<Timings, Error> {
    let mut matches = 0;
    for query in queries {
        matches += run(query).await?.total;
    }
    let mut samples = Vec::with_capacity(queries.len() * rounds as usize);
    let mut worst = vec![Duration::ZERO; queries.len()];
    for _ in 0..rounds {
        for (query, worst) in queries.iter().zip(&mut worst) {
            let started = Instant::now();
            std::hint::black_box(run(query).await?);
            let elapsed = started.elapsed();
            samples.push(elapsed);
            *worst = (*worst).max(elapsed);
        }
    }
    let mut slowest: Vec<SlowQuery> = queries
        .iter()
        .zip(worst)
        .map(|(query, time)| SlowQuery {
            query: query.clone(),
            ms: round3(millis(time)),
        })
        .collect();
    slowest.sort_by(|a, b| b.ms.total_cmp(&a.ms));
    slowest.truncate(SLOWEST_SHOWN);
    Ok(Timings {
        samples,
        mean_matches: matches as f64 / queries.len().max(1) as f64,
        slowest,
    })
}

/// Queries per second on `threads` threads running the queries in turn for `secs` seconds.
pub(super) fn throughput(
    queries: &[String],
    threads: u32,
    secs: u64,
    run: impl Fn(&str) -> Result<Outcome, Error> + Sync,
) -> Result<f64, Error> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let threads = threads.max(1) as usize;
    let done = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let run = &run;
                scope.spawn(move || -> Result<u64, Error> {
                    let mut done = 0u64;
                    let mut i = t * queries.len() / threads;
                    while Instant::now() < deadline {
                        std::hint::black_box(run(&queries[i % queries.len()])?);
                        done += 1;
                        i += 1;
                    }
                    Ok(done)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    Err(BenchError::Engine {
                        engine: "vivier",
                        message: "un fil de mesure a paniqué".to_owned(),
                    }
                    .into())
                })
            })
            .sum::<Result<u64, Error>>()
    })?;
    Ok(round3(done as f64 / started.elapsed().as_secs_f64()))
}

impl EngineReport {
    /// A report with the measured figures and the rest empty.
    pub(crate) fn measured(timings: Timings, queries_per_sec: f64, evaluation: Evaluation) -> Self {
        let Timings {
            mut samples,
            mean_matches,
            slowest,
        } = timings;
        samples.sort_unstable();
        Self {
            engine: String::new(),
            name: String::new(),
            offers: 0,
            build_secs: 0.0,
            index_bytes: 0,
            p50_ms: round3(millis(percentile(&samples, 0.50))),
            p99_ms: round3(millis(percentile(&samples, 0.99))),
            samples: samples.len(),
            queries_per_sec,
            mean_matches: round3(mean_matches),
            rss_before_bytes: None,
            peak_rss_bytes: None,
            rss_growth_bytes: None,
            rss_built_bytes: None,
            server_peak_rss_bytes: None,
            ndcg_at_10: (evaluation.ndcg * 10_000.0).round() / 10_000.0,
            judged_queries: evaluation.judged,
            slowest_queries: slowest,
        }
    }

    pub(crate) fn with_memory(mut self, before: Option<u64>, peak: Option<u64>) -> Self {
        self.rss_before_bytes = before;
        self.peak_rss_bytes = peak;
        self.rss_growth_bytes = before.zip(peak).map(|(b, p)| p.saturating_sub(b));
        self
    }
}

/// The value below which `share` of the sorted samples fall (nearest rank).
pub(super) fn percentile(sorted: &[Duration], share: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// This process's resident memory from now on: the kernel's peak (`VmHWM`) is reset, so that
/// what happened before (reading options, opening files) does not count.
pub(crate) struct Memory {
    before: Option<u64>,
}

impl Memory {
    pub(crate) fn start() -> Self {
        // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0); without it
        // the peak is the process's whole life, which only overstates the growth.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        Self {
            before: status_bytes(std::process::id(), "VmRSS:"),
        }
    }

    /// Resident memory now.
    pub(crate) fn current(&self) -> Option<u64> {
        status_bytes(std::process::id(), "VmRSS:")
    }

    /// RSS at the start and the peak since.
    pub(crate) fn finish(self) -> (Option<u64>, Option<u64>) {
        (self.before, peak_rss_bytes(std::process::id()))
    }
}

/// A `kB` line of `/proc/<pid>/status`, in bytes.
pub(super) fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
