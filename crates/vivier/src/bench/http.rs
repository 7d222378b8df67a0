//! `vivier bench http`: throughput and latency of the main public routes, measured with wrk
//! against a real `vivier serve` child process, on a SQLite database seeded with the demo.
//!
//! The routes take turns (one wrk run each per round) so that they all see the same
//! conditions: on a shared machine, a neighbour's build slowing one route down but not the
//! others would make the ratios meaningless.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use clap::Args;
use serde::Serialize;
use tokio::process::Child;
use url::Url;
use vivier_store::Store;
use vivier_store_sqlite::SqliteStore;

use super::wrk::{self, WrkRun};
use super::{BenchError, server};
use crate::{Error, probe, seed};

/// Throughput the listing pages must keep, as a share of the static route's.
pub const LISTING_MIN_RATIO: f64 = 0.5;
/// Throughput the offer page must keep, as a share of the static route's.
pub const OFFER_PAGE_MIN_RATIO: f64 = 0.7;
/// Lowest acceptable throughput of the text search route, in requests per second.
pub const SEARCH_MIN_RPS: f64 = 1_500.0;
/// Highest acceptable 99th percentile latency (at 32 connections).
pub const MAX_P99: Duration = Duration::from_millis(20);
/// Highest acceptable peak resident memory of the server, in bytes (100 Mo).
pub const MAX_PEAK_RSS: u64 = 100_000_000;

/// How long each route is warmed up before measuring.
const WARM_UP_SECS: u64 = 1;

/// The filtered listing measured: Île-de-France, open to civil servants and contractors,
/// partial remote work.
pub const FILTERED_LISTING: &str =
    "/offres-emploi?region=11&contrat=titulaire_ou_contractuel&teletravail=partiel";

/// How the text search route is shown: wrk requests every query of the relevance set in
/// turn (one query repeated would measure the page cache, not the search).
pub const SEARCH_PATH: &str = "/offres-emploi?q=…";

/// The figures of one route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteReport {
    /// What the route is, in French ("route statique", "liste des offres"…).
    pub name: String,
    /// Path and query measured.
    pub path: String,
    /// Status of one GET before measuring (200 expected).
    pub status: u16,
    /// Requests completed over all rounds.
    pub requests: u64,
    /// Mean throughput over the rounds.
    pub requests_per_sec: f64,
    /// Throughput relative to the static route (1.0 for the static route itself).
    pub ratio_to_static: f64,
    /// Median latency, averaged over the rounds, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, the worst round's, in milliseconds.
    pub p99_ms: f64,
    /// Responses that were not 2xx or 3xx.
    pub non_2xx: u64,
    /// Connection errors seen by wrk.
    pub socket_errors: u64,
}

/// One target and whether it is met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetCheck {
    /// The target, in French.
    pub target: String,
    /// What was measured, in French.
    pub measured: String,
    /// Whether the target is met.
    pub ok: bool,
}

impl TargetCheck {
    /// The targets missed, in order (for the reports' tests).
    #[cfg(test)]
    pub fn missed(targets: &[Self]) -> Vec<&str> {
        targets
            .iter()
            .filter(|t| !t.ok)
            .map(|t| t.target.as_str())
            .collect()
    }

    /// The "Objectifs" part of a report: each target, OK or KO, then how many are missed.
    pub fn write_all(f: &mut fmt::Formatter<'_>, targets: &[Self]) -> fmt::Result {
        writeln!(f)?;
        writeln!(f, "Objectifs")?;
        for check in targets {
            writeln!(
                f,
                "  {}  {} (mesuré : {})",
                if check.ok { "OK" } else { "KO" },
                check.target,
                check.measured
            )?;
        }
        writeln!(f)?;
        let missed = targets.iter().filter(|t| !t.ok).count();
        if missed == 0 {
            write!(f, "Tous les objectifs sont atteints.")
        } else {
            write!(f, "{missed} objectif(s) non atteint(s).")
        }
    }
}

/// Options of `bench http`.
#[derive(Debug, Clone, Args)]
pub struct HttpBenchArgs {
    /// Offers in the benchmark's database.
    #[arg(
        long,
        default_value_t = 10_000,
        value_name = "N",
        help = "Nombre d'offres dans la base du banc d'essai"
    )]
    pub offers: usize,

    /// Measuring time per route, split evenly between the rounds.
    #[arg(
        long,
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..),
        value_name = "SECONDES",
        help = "Durée de mesure par route, répartie entre les tours (au moins 1 s par tour)"
    )]
    pub duration_secs: u64,

    /// Concurrent connections kept open by wrk.
    #[arg(
        long,
        default_value_t = 32,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Connexions simultanées (wrk -c)"
    )]
    pub connections: u32,

    /// wrk threads.
    #[arg(
        long,
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Fils d'exécution de wrk (wrk -t)"
    )]
    pub threads: u32,

    /// How many times each route is measured, the routes taking turns, so that they all see
    /// the same conditions (a neighbour's build, a warming cache…).
    #[arg(
        long,
        default_value_t = 2,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Nombre de tours : les routes sont mesurées à tour de rôle, dans les mêmes conditions"
    )]
    pub rounds: u32,

    /// Prints the figures as JSON instead of a table.
    #[arg(long, help = "Afficher les résultats en JSON plutôt qu'en tableau")]
    pub json: bool,
}

impl Default for HttpBenchArgs {
    fn default() -> Self {
        Self {
            offers: 10_000,
            duration_secs: 10,
            connections: 32,
            threads: 1,
            rounds: 2,
            json: false,
        }
    }
}

/// What `vivier bench http` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpBenchReport {
    /// Offers in the database.
    pub offers: usize,
    /// wrk threads.
    pub threads: u32,
    /// Concurrent connections.
    pub connections: u32,
    /// Measuring time per route, all rounds together, in seconds.
    pub duration_secs: u64,
    /// How many times each route was measured.
    pub rounds: u32,
    /// Budget of the server's rendered-page cache, in MiB (0: every request renders).
    pub page_cache_mb: u64,
    /// The routes, static route first.
    pub routes: Vec<RouteReport>,
    /// Peak resident memory of the server (`VmHWM`), in bytes, when the system tells.
    pub peak_rss_bytes: Option<u64>,
    /// Every target, met or not.
    pub targets: Vec<TargetCheck>,
    /// Whether every target is met.
    pub all_targets_met: bool,
}

/// A route to measure and the throughput it must keep.
#[derive(Debug, Clone)]
struct Route {
    name: &'static str,
    /// What is requested, or shown when `rotate` is not empty.
    path: String,
    min_ratio: Option<f64>,
    /// Throughput the route must keep, in requests per second.
    min_rps: Option<f64>,
    /// Paths requested in turn instead of `path` (a wrk script).
    rotate: Vec<String>,
}

/// Runs the benchmark: seeds a temporary SQLite database with `args.offers` demo offers,
/// starts `server_exe serve` on a free port, measures each route with wrk, and stops the
/// server (also when something fails).
pub async fn bench_http(
    args: &HttpBenchArgs,
    page_cache_mb: u64,
    server_exe: &Path,
) -> Result<HttpBenchReport, Error> {
    if args.threads > args.connections {
        return Err(BenchError::InvalidOptions(format!(
            "--threads ({}) ne peut pas dépasser --connections ({})",
            args.threads, args.connections
        ))
        .into());
    }
    let wrk = wrk::locate()?;
    let directory = tempfile::tempdir()
        .map_err(|e| BenchError::Io("création du dossier temporaire".to_owned(), e))?;
    let database = directory.path().join("vivier.db");

    tracing::info!(
        offers = args.offers,
        "installation des données du banc d'essai…"
    );
    let offer_slug = {
        let store = SqliteStore::open(&database)
            .await
            .map_err(|source| Error::Open {
                target: format!("SQLite ({})", database.display()),
                source,
            })?;
        store.migrate().await.map_err(Error::Migrate)?;
        let today = seed::today();
        seed::seed_demo(&store, args.offers, today).await?;
        store
            .public_offers()
            .await?
            .into_iter()
            .find(|offer| offer.data.is_active(today))
            .map(|offer| offer.data.slug)
            .ok_or(BenchError::NoActiveOffer)?
    };
    let routes = [
        Route {
            name: "route statique",
            path: "/healthz".to_owned(),
            min_ratio: None,
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "liste des offres",
            path: "/offres-emploi".to_owned(),
            min_ratio: Some(LISTING_MIN_RATIO),
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "liste filtrée",
            path: FILTERED_LISTING.to_owned(),
            min_ratio: Some(LISTING_MIN_RATIO),
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "page d'offre",
            path: format!("/emploi/{offer_slug}"),
            min_ratio: Some(OFFER_PAGE_MIN_RATIO),
            min_rps: None,
            rotate: Vec::new(),
        },
        Route {
            name: "recherche",
            path: SEARCH_PATH.to_owned(),
            min_ratio: None,
            min_rps: Some(SEARCH_MIN_RPS),
            rotate: search_paths(),
        },
    ];

    let mut child = server::spawn(server_exe, &database, page_cache_mb)?;
    let measured = measure(&mut child, directory.path(), &wrk, args, &routes).await;
    // Stop the server whatever happened; `kill_on_drop` covers a panic or a cancellation.
    let _ = child.start_kill();
    let _ = child.wait().await;
    drop(directory);
    let (runs, peak_rss_bytes) = measured?;
    Ok(report(args, page_cache_mb, &routes, runs, peak_rss_bytes))
}

/// Statuses and wrk runs of each route (in `routes` order), and the server's peak RSS.
type Measures = (Vec<(u16, Vec<WrkRun>)>, Option<u64>);

async fn measure(
    child: &mut Child,
    directory: &Path,
    wrk: &Path,
    args: &HttpBenchArgs,
    routes: &[Route],
) -> Result<Measures, Error> {
    let base = server::start(child).await?;
    tracing::info!(%base, "serveur prêt");

    let mut statuses = Vec::with_capacity(routes.len());
    for route in routes {
        // Every path of a rotation must answer 200: the first that does not is reported.
        let mut status = 200;
        for path in route.paths() {
            let url = base.join(path).unwrap_or_else(|_| base.clone());
            let answer = probe::get(&url)
                .await
                .map_err(|e| BenchError::Io(format!("GET {url}"), e))?
                .status;
            if answer != 200 {
                tracing::warn!(%path, status = answer, "la route ne répond pas 200");
                status = answer;
                break;
            }
        }
        statuses.push(status);
    }
    let scripts = scripts(directory, routes)?;

    for route in routes {
        tracing::info!(path = %route.path, "mise en température…");
        let url = route_url(&base, route);
        wrk::run(
            wrk,
            url.as_str(),
            scripts[&route.path].as_deref(),
            args.threads,
            args.connections,
            WARM_UP_SECS,
        )
        .await?;
    }

    let slice = (args.duration_secs / u64::from(args.rounds)).max(1);
    let mut runs: Vec<Vec<WrkRun>> = vec![Vec::new(); routes.len()];
    for round in 1..=args.rounds {
        for (route, route_runs) in routes.iter().zip(&mut runs) {
            tracing::info!(round, path = %route.path, seconds = slice, "mesure…");
            let url = route_url(&base, route);
            let script = scripts[&route.path].as_deref();
            route_runs.push(
                wrk::run(
                    wrk,
                    url.as_str(),
                    script,
                    args.threads,
                    args.connections,
                    slice,
                )
                .await?,
            );
        }
    }
    let peak_rss = child.id().and_then(server::peak_rss_bytes);
    Ok((statuses.into_iter().zip(runs).collect(), peak_rss))
}

impl Route {
    /// Every path the route requests.
    fn paths(&self) -> Vec<&str> {
        if self.rotate.is_empty() {
            vec![self.path.as_str()]
        } else {
            self.rotate.iter().map(String::as_str).collect()
        }
    }
}

/// The list page searched for each query of the relevance set, URL-encoded.
fn search_paths() -> Vec<String> {
    super::search::bench_queries()
        .iter()
        .map(|q| {
            let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
            format!("/offres-emploi?q={q}")
        })
        .collect()
}

/// Writes the wrk script of each rotating route into `directory`; by route path.
fn scripts(
    directory: &Path,
    routes: &[Route],
) -> Result<std::collections::HashMap<String, Option<std::path::PathBuf>>, Error> {
    let mut scripts = std::collections::HashMap::new();
    for (i, route) in routes.iter().enumerate() {
        let script = if route.rotate.is_empty() {
            None
        } else {
            let path = directory.join(format!("route-{i}.lua"));
            std::fs::write(&path, wrk::rotation_script(&route.rotate))
                .map_err(|e| BenchError::Io(format!("écriture de {}", path.display()), e))?;
            Some(path)
        };
        scripts.insert(route.path.clone(), script);
    }
    Ok(scripts)
}

fn route_url(base: &Url, route: &Route) -> Url {
    // Paths start with '/', which `join` resolves from the root, keeping the query.
    base.join(&route.path).unwrap_or_else(|_| base.clone())
}

pub(super) fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Rounds to the microsecond (figures in milliseconds) or to 0.01 % (ratios): more digits
/// would be noise, and JSON readers would see `0.39599999999999996`.
pub(super) fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn report(
    args: &HttpBenchArgs,
    page_cache_mb: u64,
    routes: &[Route],
    measures: Vec<(u16, Vec<WrkRun>)>,
    peak_rss_bytes: Option<u64>,
) -> HttpBenchReport {
    let mut reports: Vec<RouteReport> = routes
        .iter()
        .zip(measures)
        .map(|(route, (status, runs))| {
            let n = runs.len().max(1) as f64;
            RouteReport {
                name: route.name.to_owned(),
                path: route.path.clone(),
                status,
                requests: runs.iter().map(|r| r.requests).sum(),
                requests_per_sec: round3(runs.iter().map(|r| r.requests_per_sec).sum::<f64>() / n),
                ratio_to_static: 0.0,
                p50_ms: round3(runs.iter().map(|r| millis(r.p50)).sum::<f64>() / n),
                p99_ms: round3(runs.iter().map(|r| millis(r.p99)).fold(0.0, f64::max)),
                non_2xx: runs.iter().map(|r| r.non_2xx).sum(),
                socket_errors: runs.iter().map(|r| r.socket_errors).sum(),
            }
        })
        .collect();
    let static_rps = reports.first().map(|r| r.requests_per_sec).unwrap_or(0.0);
    for route in &mut reports {
        route.ratio_to_static = if static_rps > 0.0 {
            (route.requests_per_sec / static_rps * 10_000.0).round() / 10_000.0
        } else {
            0.0
        };
    }
    let targets = targets(args, routes, &reports, peak_rss_bytes);
    HttpBenchReport {
        offers: args.offers,
        threads: args.threads,
        connections: args.connections,
        duration_secs: (args.duration_secs / u64::from(args.rounds)).max(1)
            * u64::from(args.rounds),
        rounds: args.rounds,
        page_cache_mb,
        routes: reports,
        peak_rss_bytes,
        all_targets_met: targets.iter().all(|t| t.ok),
        targets,
    }
}

fn targets(
    args: &HttpBenchArgs,
    routes: &[Route],
    reports: &[RouteReport],
    peak_rss_bytes: Option<u64>,
) -> Vec<TargetCheck> {
    let mut checks = Vec::new();
    for report in reports {
        checks.push(TargetCheck {
            target: format!("{} : réponses 200, sans erreur", report.name),
            measured: format!(
                "statut {}, {} réponse(s) en erreur, {} erreur(s) de connexion",
                report.status, report.non_2xx, report.socket_errors
            ),
            ok: report.status == 200 && report.non_2xx == 0 && report.socket_errors == 0,
        });
    }
    for (route, report) in routes.iter().zip(reports) {
        if let Some(min) = route.min_ratio {
            checks.push(TargetCheck {
                target: format!(
                    "{} : débit ≥ {} de la route statique",
                    report.name,
                    percent(min)
                ),
                measured: percent(report.ratio_to_static),
                ok: report.ratio_to_static >= min,
            });
        }
    }
    for (route, report) in routes.iter().zip(reports) {
        if let Some(min) = route.min_rps {
            checks.push(TargetCheck {
                target: format!("{} : débit ≥ {} req/s", report.name, thousands(min)),
                measured: format!("{} req/s", thousands(report.requests_per_sec)),
                ok: report.requests_per_sec >= min,
            });
        }
    }
    for report in reports {
        checks.push(TargetCheck {
            target: format!(
                "{} : p99 ≤ {} ms à {} connexions",
                report.name,
                MAX_P99.as_millis(),
                args.connections
            ),
            measured: format!("{} ms", decimal(report.p99_ms, 2)),
            ok: report.p99_ms <= millis(MAX_P99),
        });
    }
    checks.push(TargetCheck {
        target: format!(
            "mémoire résidente maximale du serveur ≤ {} Mo",
            MAX_PEAK_RSS / 1_000_000
        ),
        measured: match peak_rss_bytes {
            Some(bytes) => format!("{} Mo", decimal(bytes as f64 / 1e6, 1)),
            None => "non mesurée (pas de /proc)".to_owned(),
        },
        ok: peak_rss_bytes.is_some_and(|b| b <= MAX_PEAK_RSS),
    });
    checks
}

/// `0.5` → `50 %`.
fn percent(ratio: f64) -> String {
    format!("{:.0} %", ratio * 100.0)
}

/// A number with a French decimal comma.
pub(super) fn decimal(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// An integer with spaces between thousands (`97 654`).
pub(super) fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for HttpBenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Banc d'essai HTTP : {} offres, wrk -t{} -c{}, {} s par route en {} tour(s), \
             cache de pages {}",
            self.offers,
            self.threads,
            self.connections,
            self.duration_secs,
            self.rounds,
            if self.page_cache_mb == 0 {
                "désactivé".to_owned()
            } else {
                format!("de {} Mio", self.page_cache_mb)
            }
        )?;
        writeln!(f)?;
        let width = self
            .routes
            .iter()
            .map(|r| r.path.chars().count())
            .max()
            .unwrap_or(0)
            .max("route".len());
        writeln!(
            f,
            "{:<width$}  {:>9}  {:>6}  {:>9}  {:>9}  {:>6}",
            "route", "req/s", "ratio", "p50", "p99", "statut"
        )?;
        for route in &self.routes {
            writeln!(
                f,
                "{:<width$}  {:>9}  {:>6}  {:>9}  {:>9}  {:>6}",
                route.path,
                thousands(route.requests_per_sec),
                percent(route.ratio_to_static),
                format!("{} ms", decimal(route.p50_ms, 2)),
                format!("{} ms", decimal(route.p99_ms, 2)),
                route.status,
            )?;
        }
        if self.routes.iter().any(|r| r.path == SEARCH_PATH) {
            writeln!(
                f,
                "{SEARCH_PATH} : les {} requêtes du jeu de pertinence, à tour de rôle",
                super::search::bench_queries().len()
            )?;
        }
        TargetCheck::write_all(f, &self.targets)
    }
}

#[cfg(test)]
mod tests;
