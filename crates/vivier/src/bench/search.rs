//! `vivier bench search`: Vivier's search side by side with SQLite FTS5 and PostgreSQL
//! full-text search, on the same offers and the same queries.
//!
//! The parent seeds a temporary SQLite database with the demo and generated offers, then runs
//! each engine in a child process of its own (the same executable with the hidden `--engine`
//! option), so that each one's memory is its own: the child prints its figures as one JSON
//! line. The Vivier child runs first: it loads the catalog as `vivier serve` does and, once
//! measured, writes the very text it indexed, with each offer's facet values, to a documents
//! file that the baselines load.
//!
//! The work measured per query is what `GET /api/v1/offres?q=…` does minus HTTP and JSON: the
//! text search, the first page of 20 offers by relevance and the six facet counts (job family,
//! region, department, contract, remote work, organisation) over the matching active offers.
//! The queries are the relevance set's, all of them; its nDCG@10 is computed for every engine
//! on the set's own 98 offers.

mod fts5;
pub(crate) mod postgres;
mod report;
mod timing;

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use time::Date;
use vivier_domain::filter::{OfferQuery, Sort};
use vivier_domain::offer::Location;
use vivier_search::relevance::{Evaluation, RelevanceSet};
use vivier_search::{Mode, SearchIndex, Synonyms};
use vivier_store::Store;
use vivier_store_sqlite::SqliteStore;
use vivier_web::{Board, Catalog, CatalogError, SearchRequest};

use super::http::TargetCheck;
use super::{BenchError, child_report};
use crate::config::{SearchBenchArgs, SearchEngine};
use crate::{Error, seed};
use report::report;
use timing::{Memory, latencies, status_bytes, throughput};

pub use fts5::relevance as fts5_relevance;
pub use postgres::relevance as postgres_relevance;

/// Highest acceptable 99th percentile latency of Vivier's query + facets (single thread).
pub const MAX_P99: Duration = Duration::from_millis(5);
/// Longest acceptable build of Vivier's catalog and index.
pub const MAX_BUILD: Duration = Duration::from_secs(15);
/// Highest acceptable growth of Vivier's resident memory while building and querying (300 Mo).
pub const MAX_RSS_GROWTH: u64 = 300_000_000;
/// Offers per result page, as the list page and the API give by default.
pub const PAGE_SIZE: u32 = 20;

/// One offer as every engine indexes it: Vivier's search document and the offer's facet values.
/// `id` is the offer's position in the board, most recent first, so ordering by id is
/// ordering by date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BenchDocument {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub organisation: String,
    pub family: String,
    pub places: String,
    /// Open to applications on the day of the benchmark.
    pub active: bool,
    pub job_family: Option<i64>,
    pub region: Option<String>,
    pub department: Option<String>,
    /// Contract type codes (an offer may accept several).
    pub contracts: Vec<String>,
    pub remote: String,
    pub organisation_id: i64,
}

impl BenchDocument {
    /// A relevance-set offer: text only, active, no facet values.
    fn from_relevance(document: vivier_search::OfferDocument) -> Self {
        Self {
            id: i64::try_from(document.id).unwrap_or(i64::MAX),
            title: document.title,
            body: document.body,
            organisation: document.organisation,
            family: document.family,
            places: document.places,
            active: true,
            ..Self::default()
        }
    }
}

/// What an engine answered to one query: the first page's ids, best first, the number of
/// matching active offers, and how many facet values it counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Outcome {
    pub page: Vec<u64>,
    pub total: u64,
    pub facet_values: usize,
}

/// The figures of one engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineReport {
    /// `vivier`, `fts5` or `postgres`.
    pub engine: String,
    /// Name and version, as shown.
    pub name: String,
    /// Offers indexed.
    pub offers: usize,
    /// Index build, in seconds: for Vivier the whole catalog load (reading the store, the
    /// board, the index); for the baselines indexing the rows already in their tables.
    pub build_secs: f64,
    /// Bytes of the index: tantivy's accounting; FTS5's shadow tables; PostgreSQL's GIN index
    /// and tsvector column.
    pub index_bytes: u64,
    /// Median latency of query + facets, single thread, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency of query + facets, single thread, in milliseconds.
    pub p99_ms: f64,
    /// Latency samples (queries × rounds).
    pub samples: usize,
    /// Throughput on `threads` threads (or connections).
    pub queries_per_sec: f64,
    /// Mean number of matching active offers per query (a plausibility check).
    pub mean_matches: f64,
    /// Resident memory of the measuring process before loading, in bytes.
    pub rss_before_bytes: Option<u64>,
    /// Its peak resident memory from then on (`VmHWM`, reset before loading), in bytes.
    pub peak_rss_bytes: Option<u64>,
    /// Peak minus before.
    pub rss_growth_bytes: Option<u64>,
    /// Resident memory once the index is built, before querying (what stays), in bytes.
    pub rss_built_bytes: Option<u64>,
    /// PostgreSQL only: the highest peak resident memory of the server processes serving the
    /// benchmark's connections (shared buffers they touched included).
    pub server_peak_rss_bytes: Option<u64>,
    /// Mean nDCG@10 on the relevance set.
    pub ndcg_at_10: f64,
    /// Judged queries of the relevance set.
    pub judged_queries: usize,
    /// The queries that took longest (their slowest round), slowest first.
    pub slowest_queries: Vec<SlowQuery>,
}

/// A query and its slowest time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlowQuery {
    pub query: String,
    pub ms: f64,
}

/// How many of the slowest queries a report names.
const SLOWEST_SHOWN: usize = 3;

/// What timing the queries gives.
#[derive(Debug, Default)]
pub(crate) struct Timings {
    samples: Vec<Duration>,
    mean_matches: f64,
    slowest: Vec<SlowQuery>,
}

/// An engine left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedEngine {
    pub engine: String,
    /// Why, in French.
    pub reason: String,
}

/// What `vivier bench search` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchBenchReport {
    /// Offers in the database (demo and generated, all states but drafts).
    pub offers: usize,
    /// Active offers among them.
    pub active_offers: usize,
    /// Queries run (the relevance set's).
    pub queries: usize,
    /// Timed rounds (each query once per round).
    pub rounds: u32,
    /// Threads of the throughput measurement.
    pub threads: u32,
    /// Seconds of the throughput measurement, per engine.
    pub duration_secs: u64,
    /// The engines measured, Vivier first.
    pub engines: Vec<EngineReport>,
    /// The engines left out.
    pub skipped: Vec<SkippedEngine>,
    /// Vivier's targets, met or not.
    pub targets: Vec<TargetCheck>,
    /// Whether every target is met.
    pub all_targets_met: bool,
}

/// The queries measured: every query of the relevance set, as typed.
pub fn bench_queries() -> Vec<String> {
    RelevanceSet::builtin()
        .queries
        .into_iter()
        .map(|j| j.query)
        .collect()
}

/// Runs the benchmark: seeds a temporary SQLite database with the demo and `args.offers`
/// generated offers, measures each engine in a child `exe bench search --engine …`, and
/// compares. PostgreSQL is skipped, with the reason in the report, when unreachable.
pub async fn bench_search(
    args: &SearchBenchArgs,
    log: &str,
    exe: &Path,
) -> Result<SearchBenchReport, Error> {
    let directory = tempfile::tempdir()
        .map_err(|e| BenchError::Io("création du dossier temporaire".to_owned(), e))?;
    let database = directory.path().join("vivier.db");
    let documents = directory.path().join("documents.jsonl");
    tracing::info!(
        offers = args.offers,
        "installation des données du banc d'essai…"
    );
    {
        let store = SqliteStore::open(&database)
            .await
            .map_err(|source| Error::Open {
                target: format!("SQLite ({})", database.display()),
                source,
            })?;
        store.migrate().await.map_err(Error::Migrate)?;
        seed::seed_demo(&store, args.offers, seed::today()).await?;
    }

    let mut engines = Vec::new();
    let mut skipped = Vec::new();
    engines.push(child(exe, log, args, SearchEngine::Vivier, &database, &documents).await?);
    engines.push(child(exe, log, args, SearchEngine::Fts5, &database, &documents).await?);
    if args.no_postgres {
        skipped.push(SkippedEngine {
            engine: "postgres".to_owned(),
            reason: "--no-postgres".to_owned(),
        });
    } else {
        match postgres::reachable(&args.postgres_url).await {
            Ok(()) => engines.push(
                child(
                    exe,
                    log,
                    args,
                    SearchEngine::Postgres,
                    &database,
                    &documents,
                )
                .await?,
            ),
            Err(reason) => {
                tracing::warn!(%reason, "PostgreSQL injoignable : non mesuré");
                skipped.push(SkippedEngine {
                    engine: "postgres".to_owned(),
                    reason,
                });
            }
        }
    }
    let (offers, active_offers) = count_documents(&documents)?;
    drop(directory);
    Ok(report(args, offers, active_offers, engines, skipped))
}

/// Runs `exe bench search --engine <engine>` and reads the JSON line it prints last.
async fn child(
    exe: &Path,
    log: &str,
    args: &SearchBenchArgs,
    engine: SearchEngine,
    database: &Path,
    documents: &Path,
) -> Result<EngineReport, Error> {
    let name = engine_code(engine);
    tracing::info!(engine = name, "mesure…");
    let mut command = tokio::process::Command::new(exe);
    command
        .args(["--log", log, "bench", "search", "--engine", name])
        .arg("--database")
        .arg(database)
        .arg("--documents")
        .arg(documents)
        .args(["--rounds", &args.rounds.to_string()])
        .args(["--threads", &args.threads.to_string()])
        .args(["--duration-secs", &args.duration_secs.to_string()])
        .args(["--postgres-url", &args.postgres_url]);
    Ok(child_report(command, name).await?)
}

fn engine_code(engine: SearchEngine) -> &'static str {
    match engine {
        SearchEngine::Vivier => "vivier",
        SearchEngine::Fts5 => "fts5",
        SearchEngine::Postgres => "postgres",
    }
}

/// Measures one engine in this process (the child side of [`bench_search`]).
pub async fn run_engine(
    args: &SearchBenchArgs,
    engine: SearchEngine,
) -> Result<EngineReport, Error> {
    let missing = |option: &str| BenchError::InvalidOptions(format!("{option} manquant"));
    let documents = args
        .documents
        .as_deref()
        .ok_or_else(|| missing("--documents"))?;
    match engine {
        SearchEngine::Vivier => {
            let database = args
                .database
                .as_deref()
                .ok_or_else(|| missing("--database"))?;
            vivier(args, database, documents).await
        }
        SearchEngine::Fts5 => fts5::measure(args, documents).await,
        SearchEngine::Postgres => postgres::measure(args, documents).await,
    }
}

/// Vivier: the catalog loaded as `vivier serve` loads it, queried as the API queries it.
async fn vivier(
    args: &SearchBenchArgs,
    database: &Path,
    documents: &Path,
) -> Result<EngineReport, Error> {
    let store = SqliteStore::open(database)
        .await
        .map_err(|source| Error::Open {
            target: format!("SQLite ({})", database.display()),
            source,
        })?;
    let store: Arc<dyn Store> = Arc::new(store);
    let queries = bench_queries();
    let memory = Memory::start();
    let started = Instant::now();
    let catalog = Catalog::load(store, 0, Synonyms::builtin()).await?;
    let build = started.elapsed();
    let rss_built = memory.current();
    let index_bytes = catalog
        .index_space_usage()
        .map_err(|e| Error::Catalog(CatalogError::Search(e)))?;
    let today = seed::today();
    tracing::info!(seconds = build.as_secs_f64(), "catalogue chargé et indexé");

    let run = |query: &str| vivier_query(&catalog, query, today);
    let timings = latencies(&queries, args.rounds, async |query: &str| run(query)).await?;
    let queries_per_sec = throughput(&queries, args.threads, args.duration_secs, run)?;
    let (rss_before, peak) = memory.finish();

    let evaluation = vivier_relevance()?;
    let board = catalog.board();
    write_documents(&board, today, documents)?;
    Ok(EngineReport {
        engine: "vivier".to_owned(),
        name: "Vivier (tantivy)".to_owned(),
        offers: board.offers().len(),
        build_secs: round3(build.as_secs_f64()),
        index_bytes,
        rss_built_bytes: rss_built,
        ..EngineReport::measured(timings, queries_per_sec, evaluation)
    }
    .with_memory(rss_before, peak))
}

/// One query as `GET /api/v1/offres?q=…` runs it: hits, first page by relevance, facet counts
/// and their labelled groups.
fn vivier_query(catalog: &Catalog, text: &str, today: Date) -> Result<Outcome, Error> {
    let board = catalog.board();
    let query = OfferQuery {
        q: Some(text.to_owned()),
        sort: Sort::Relevance,
        page: 1,
        ..OfferQuery::default()
    };
    let filter = board.resolve(&query).map_err(|e| BenchError::Engine {
        engine: "vivier",
        message: e.message,
    })?;
    let hits = catalog
        .text_hits(query.q.as_deref(), Mode::Words)
        .map_err(|e| Error::Catalog(CatalogError::Search(e)))?;
    let results = board.search(&SearchRequest {
        hits: hits.as_deref(),
        sort: query.sort,
        facets: true,
        ..SearchRequest::new(&filter, today, PAGE_SIZE)
    });
    let groups = results
        .facets
        .as_ref()
        .map(|counts| vivier_web::facet_groups(&board, &query, counts))
        .unwrap_or_default();
    Ok(Outcome {
        page: results
            .items
            .iter()
            .map(|o| o.offer.id.0.unsigned_abs())
            .collect(),
        total: results.total as u64,
        facet_values: std::hint::black_box(groups)
            .iter()
            .map(|g| g.values.len())
            .sum(),
    })
}

/// Vivier's nDCG@10 on the relevance set (the same figure `vivier-search`'s test gates).
pub fn vivier_relevance() -> Result<Evaluation, Error> {
    let set = RelevanceSet::builtin();
    let search = |e| Error::Catalog(CatalogError::Search(e));
    let index = SearchIndex::build(set.documents(), Synonyms::builtin()).map_err(search)?;
    set.evaluate(|query, mode| {
        let hits = index.search(query, mode).map_err(search)?;
        Ok(hits.unwrap_or_default().iter().map(|h| h.id).collect())
    })
}

/// Writes every offer of the board, as indexed, with its facet values, one JSON per line.
fn write_documents(board: &Board, today: Date, path: &Path) -> Result<(), Error> {
    let io = |e: std::io::Error| BenchError::Io(format!("écriture de {}", path.display()), e);
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = BufWriter::new(file);
    for (position, (offer, document)) in board.offers().iter().zip(board.documents()).enumerate() {
        let data = &offer.offer.data;
        let (region, department) = match &data.location {
            Location::France {
                region, department, ..
            } => (
                Some(region.as_str().to_owned()),
                department.as_ref().map(|d| d.as_str().to_owned()),
            ),
            Location::Abroad { .. } => (None, None),
        };
        let line = BenchDocument {
            id: i64::try_from(position).unwrap_or(i64::MAX),
            title: document.title,
            body: document.body,
            organisation: document.organisation,
            family: document.family,
            places: document.places,
            active: data.is_active(today),
            job_family: data.job_family_id.map(|f| f.0),
            region,
            department,
            contracts: data
                .contract_types
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            remote: data.remote.code().to_owned(),
            organisation_id: data.organisation_id.0,
        };
        serde_json::to_writer(&mut out, &line).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    Ok(out.flush().map_err(io)?)
}

/// Reads the documents file one line at a time (the baselines stream it into their tables).
pub(crate) fn read_documents(
    path: &Path,
) -> Result<impl Iterator<Item = Result<BenchDocument, Error>>, Error> {
    let name = path.display().to_string();
    let file =
        std::fs::File::open(path).map_err(|e| BenchError::Io(format!("lecture de {name}"), e))?;
    Ok(std::io::BufReader::new(file).lines().map(move |line| {
        let line = line.map_err(|e| BenchError::Io(format!("lecture de {name}"), e))?;
        serde_json::from_str(&line).map_err(|e| {
            BenchError::Io(format!("lecture de {name}"), std::io::Error::other(e)).into()
        })
    }))
}

fn count_documents(path: &Path) -> Result<(usize, usize), Error> {
    let mut offers = 0;
    let mut active = 0;
    for document in read_documents(path)? {
        offers += 1;
        active += usize::from(document?.active);
    }
    Ok((offers, active))
}

/// The relevance set's offers as bench documents.
pub(crate) fn relevance_documents() -> Vec<BenchDocument> {
    RelevanceSet::builtin()
        .documents()
        .map(BenchDocument::from_relevance)
        .collect()
}

/// A part of a query as the baselines get it: a free word or a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryPart {
    pub text: String,
    pub phrase: bool,
}

/// Splits a query into free words and quoted phrases (an unclosed quote runs to the end),
/// dropping parts without a letter or digit: punctuation alone is not a criterion.
pub(crate) fn query_parts(query: &str) -> Vec<QueryPart> {
    let mut parts = Vec::new();
    for (i, chunk) in query.split('"').enumerate() {
        if i % 2 == 1 {
            parts.push(QueryPart {
                text: chunk.trim().to_owned(),
                phrase: true,
            });
        } else {
            parts.extend(chunk.split_whitespace().map(|word| QueryPart {
                text: word.to_owned(),
                phrase: false,
            }));
        }
    }
    parts.retain(|p| p.text.chars().any(char::is_alphanumeric));
    parts
}

/// The first page and facet counts over the matching active offers, in one statement that
/// SQLite and PostgreSQL both accept. `matches` selects `id, job_family, region, department,
/// remote, organisation_id, rank` (higher rank is better) of the matching active offers.
pub(crate) fn page_and_facets_sql(matches: &str, contracts_table: &str) -> String {
    let count = "CAST(count(*) AS DOUBLE PRECISION)";
    let mut sql = format!(
        "WITH m AS MATERIALIZED ({matches}) \
         SELECT 'page' AS facet, CAST(id AS TEXT) AS value, CAST(rank AS DOUBLE PRECISION) AS n \
         FROM (SELECT id, rank FROM m ORDER BY rank DESC, id LIMIT {PAGE_SIZE}) AS p \
         UNION ALL SELECT 'total', NULL, {count} FROM m"
    );
    for column in [
        "job_family",
        "region",
        "department",
        "remote",
        "organisation_id",
    ] {
        sql.push_str(&format!(
            " UNION ALL SELECT '{column}', CAST({column} AS TEXT), {count} FROM m GROUP BY {column}"
        ));
    }
    sql.push_str(&format!(
        " UNION ALL SELECT 'contract', c.contract, {count} FROM m \
         JOIN {contracts_table} AS c ON c.offer_id = m.id GROUP BY c.contract"
    ));
    sql
}

/// Reads the rows of [`page_and_facets_sql`]: (facet, value, n).
pub(crate) fn outcome(rows: impl IntoIterator<Item = (String, Option<String>, f64)>) -> Outcome {
    let mut page: Vec<(f64, u64)> = Vec::new();
    let mut outcome = Outcome::default();
    for (facet, value, n) in rows {
        match facet.as_str() {
            "page" => {
                if let Some(id) = value.and_then(|v| v.parse().ok()) {
                    page.push((n, id));
                }
            }
            "total" => outcome.total = n as u64,
            _ => outcome.facet_values += 1,
        }
    }
    // UNION ALL keeps no order: rank again, best first, ties by id (most recent first).
    page.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    outcome.page = page.into_iter().map(|(_, id)| id).collect();
    outcome
}

pub(crate) fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Rounds to the thousandth (more digits would be noise).
pub(crate) fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Where the baselines keep their files: next to the documents file, in the parent's
/// temporary directory.
pub(crate) fn work_file(documents: &Path, name: &str) -> PathBuf {
    documents.with_file_name(name)
}

#[cfg(test)]
mod tests;
