//! The search benchmark's report: the targets and the table.

use std::fmt;

use super::{
    EngineReport, MAX_BUILD, MAX_P99, MAX_RSS_GROWTH, PAGE_SIZE, SearchBenchReport, SkippedEngine,
    bench_queries, millis,
};
use crate::bench::http::TargetCheck;
use crate::bench::megabytes;
use crate::config::SearchBenchArgs;
use vivier_web::format::decimal;

pub(super) fn report(
    args: &SearchBenchArgs,
    offers: usize,
    active_offers: usize,
    engines: Vec<EngineReport>,
    skipped: Vec<SkippedEngine>,
) -> SearchBenchReport {
    let targets = targets(&engines);
    SearchBenchReport {
        offers,
        active_offers,
        queries: bench_queries().len(),
        rounds: args.rounds,
        threads: args.threads,
        duration_secs: args.duration_secs,
        engines,
        skipped,
        all_targets_met: targets.iter().all(|t| t.ok),
        targets,
    }
}

pub(super) fn targets(engines: &[EngineReport]) -> Vec<TargetCheck> {
    let Some(vivier) = engines.iter().find(|e| e.engine == "vivier") else {
        return Vec::new();
    };
    let mut checks = vec![
        TargetCheck {
            target: format!(
                "Vivier : p99 de la requête et des facettes ≤ {} ms sur un fil",
                MAX_P99.as_millis()
            ),
            measured: format!("{} ms", decimal(vivier.p99_ms, 2)),
            ok: vivier.p99_ms <= millis(MAX_P99),
        },
        TargetCheck {
            target: format!(
                "Vivier : construction du catalogue et de l'index ≤ {} s",
                MAX_BUILD.as_secs()
            ),
            measured: format!("{} s", decimal(vivier.build_secs, 1)),
            ok: vivier.build_secs <= MAX_BUILD.as_secs_f64(),
        },
        TargetCheck {
            target: format!(
                "Vivier : hausse de la mémoire résidente ≤ {} Mo",
                MAX_RSS_GROWTH / 1_000_000
            ),
            measured: megabytes(vivier.rss_growth_bytes),
            ok: vivier.rss_growth_bytes.is_some_and(|b| b <= MAX_RSS_GROWTH),
        },
    ];
    for baseline in engines.iter().filter(|e| e.engine != "vivier") {
        checks.push(TargetCheck {
            target: format!("Vivier : nDCG@10 supérieur à celui de {}", baseline.name),
            measured: format!(
                "{} contre {}",
                decimal(vivier.ndcg_at_10, 3),
                decimal(baseline.ndcg_at_10, 3)
            ),
            ok: vivier.ndcg_at_10 > baseline.ndcg_at_10,
        });
    }
    checks
}

impl fmt::Display for SearchBenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Banc d'essai de la recherche : {} offres ({} ouvertes), {} requêtes × {} tour(s) \
             sur un fil, débit sur {} fil(s) pendant {} s",
            self.offers,
            self.active_offers,
            self.queries,
            self.rounds,
            self.threads,
            self.duration_secs
        )?;
        writeln!(
            f,
            "Chaque requête : recherche, première page de {PAGE_SIZE} offres par pertinence et \
             six facettes."
        )?;
        writeln!(f)?;
        let width = self
            .engines
            .iter()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(0)
            .max("moteur".len());
        writeln!(
            f,
            "{:<width$}  {:>12}  {:>10}  {:>9}  {:>9}  {:>6}  {:>10}  {:>13}  {:>11}  {:>7}",
            "moteur",
            "construction",
            "index",
            "p50",
            "p99",
            "req/s",
            "hausse RSS",
            "RSS construit",
            "RSS serveur",
            "nDCG@10"
        )?;
        for e in &self.engines {
            writeln!(
                f,
                "{:<width$}  {:>12}  {:>10}  {:>9}  {:>9}  {:>6}  {:>10}  {:>13}  {:>11}  {:>7}",
                e.name,
                format!("{} s", decimal(e.build_secs, 2)),
                megabytes(Some(e.index_bytes)),
                format!("{} ms", decimal(e.p50_ms, 2)),
                format!("{} ms", decimal(e.p99_ms, 2)),
                decimal(e.queries_per_sec, 0),
                megabytes(e.rss_growth_bytes),
                megabytes(e.rss_built_bytes),
                megabytes(e.server_peak_rss_bytes),
                decimal(e.ndcg_at_10, 3),
            )?;
        }
        for skipped in &self.skipped {
            writeln!(f, "{} : non mesuré ({})", skipped.engine, skipped.reason)?;
        }
        for engine in &self.engines {
            let slowest: Vec<String> = engine
                .slowest_queries
                .iter()
                .map(|slow| format!("« {} » {} ms", slow.query, decimal(slow.ms, 1)))
                .collect();
            if !slowest.is_empty() {
                writeln!(f, "Plus lentes, {} : {}", engine.name, slowest.join(", "))?;
            }
        }
        writeln!(
            f,
            "Hausse RSS : pic de mémoire résidente du processus de mesure moins sa mémoire avant \
             chargement ; RSS construit : sa mémoire une fois l'index construit ; RSS serveur : \
             pic des processus PostgreSQL."
        )?;
        TargetCheck::write_all(f, &self.targets)
    }
}
