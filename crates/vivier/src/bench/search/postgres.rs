//! The PostgreSQL baseline, in a throwaway database (`vivier_bench_<pid>`, dropped at the end,
//! also on error): a text search configuration copied from `french` with `unaccent` before
//! `french_stem`, a weighted tsvector (title A, organisation and family B, places C, body D)
//! stored as a generated column, a GIN index, `websearch_to_tsquery` and `ts_rank_cd`.
//! PostgreSQL's defaults otherwise (parallel workers, shared buffers…).

use std::path::Path;
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, Row};
use vivier_search::Mode;
use vivier_search::relevance::{Evaluation, RelevanceSet};

use super::{
    BenchDocument, EngineReport, Memory, Outcome, bench_queries, outcome, page_and_facets_sql,
    query_parts, read_documents, relevance_documents, round3, status_bytes,
};
use crate::Error;
use crate::bench::BenchError;
use crate::config::SearchBenchArgs;

/// Rows per INSERT while loading.
const BATCH: usize = 1_000;
/// How long the server may take to answer before it counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

fn sql_error(e: sqlx::Error) -> Error {
    BenchError::Engine {
        engine: "PostgreSQL",
        message: e.to_string(),
    }
    .into()
}

/// Whether the server answers; the reason, in French, when it does not.
pub(crate) async fn reachable(url: &str) -> Result<(), String> {
    let options: PgConnectOptions = url
        .parse()
        .map_err(|e| format!("adresse PostgreSQL invalide ({e})"))?;
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(connection)) => {
            let _ = connection.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(format!("PostgreSQL injoignable : {e}")),
        Err(_) => Err(format!(
            "PostgreSQL ne répond pas en {} s",
            CONNECT_TIMEOUT.as_secs()
        )),
    }
}

/// A database created for the benchmark on the server, dropped by [`Throwaway::drop_now`].
struct Throwaway {
    server: PgConnectOptions,
    name: String,
}

impl Throwaway {
    async fn create(url: &str, purpose: &str) -> Result<(Self, PgConnectOptions), Error> {
        let server: PgConnectOptions = url.parse().map_err(sql_error)?;
        let name = format!("vivier_bench_{purpose}_{}", std::process::id());
        let mut admin = server.connect().await.map_err(sql_error)?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut admin)
            .await
            .map_err(sql_error)?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .map_err(sql_error)?;
        let _ = admin.close().await;
        let options = server.clone().database(&name);
        Ok((Self { server, name }, options))
    }

    async fn drop_now(self) -> Result<(), Error> {
        let mut admin = self.server.connect().await.map_err(sql_error)?;
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&mut admin)
        .await
        .map_err(sql_error)?;
        let _ = admin.close().await;
        Ok(())
    }
}

/// Runs `work` in a throwaway database, and drops it whatever happened.
pub(crate) async fn in_throwaway<T>(
    url: &str,
    purpose: &str,
    work: impl AsyncFnOnce(PgConnectOptions) -> Result<T, Error>,
) -> Result<T, Error> {
    let (database, options) = Throwaway::create(url, purpose).await?;
    let result = work(options).await;
    let dropped = database.drop_now().await;
    let value = result?;
    dropped?;
    Ok(value)
}

const SCHEMA: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION vivier_fr (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION vivier_fr \
     ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE TABLE offers (id BIGINT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, \
     organisation TEXT NOT NULL, family TEXT NOT NULL, places TEXT NOT NULL, \
     active BOOLEAN NOT NULL, job_family BIGINT, region TEXT, department TEXT, \
     remote TEXT NOT NULL, organisation_id BIGINT NOT NULL)",
    "CREATE TABLE offer_contracts (offer_id BIGINT NOT NULL, contract TEXT NOT NULL, \
     PRIMARY KEY (offer_id, contract))",
];

/// Building the index: the weighted tsvector (a table rewrite) and its GIN index.
const BUILD: &[&str] = &[
    "ALTER TABLE offers ADD COLUMN tsv tsvector GENERATED ALWAYS AS ( \
     setweight(to_tsvector('vivier_fr', title), 'A') || \
     setweight(to_tsvector('vivier_fr', organisation || ' ' || family), 'B') || \
     setweight(to_tsvector('vivier_fr', places), 'C') || \
     setweight(to_tsvector('vivier_fr', body), 'D')) STORED",
    "CREATE INDEX offers_tsv ON offers USING gin (tsv)",
];

const MATCHES: &str = "SELECT o.id, o.job_family, o.region, o.department, o.remote, \
     o.organisation_id, ts_rank_cd(o.tsv, q) AS rank \
     FROM offers AS o, websearch_to_tsquery('vivier_fr', $1) AS q \
     WHERE o.active AND o.tsv @@ q";

/// As-you-type: the last free word as a prefix (`$2`, letters and digits only).
const MATCHES_PREFIX: &str = "SELECT o.id, o.job_family, o.region, o.department, o.remote, \
     o.organisation_id, ts_rank_cd(o.tsv, q) AS rank \
     FROM offers AS o, \
     (SELECT websearch_to_tsquery('vivier_fr', $1) && to_tsquery('vivier_fr', $2) AS q) AS t \
     WHERE o.active AND o.tsv @@ q";

const ALL: &str = "SELECT id, job_family, region, department, remote, organisation_id, \
     0.0 AS rank FROM offers WHERE active";

struct Statements {
    matching: String,
    prefix: String,
    all: String,
}

impl Statements {
    fn new() -> Self {
        Self {
            matching: page_and_facets_sql(MATCHES, "offer_contracts"),
            prefix: page_and_facets_sql(MATCHES_PREFIX, "offer_contracts"),
            all: page_and_facets_sql(ALL, "offer_contracts"),
        }
    }
}

async fn search(
    connection: &mut PgConnection,
    statements: &Statements,
    query: &str,
    mode: Mode,
) -> Result<Outcome, Error> {
    let parts = query_parts(query);
    let prefix = match mode {
        Mode::AsYouType => parts.iter().rposition(|p| !p.phrase).and_then(|last| {
            let word: String = parts[last]
                .text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let rest: Vec<String> = parts
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != last)
                .map(|(_, p)| {
                    if p.phrase {
                        format!("\"{}\"", p.text)
                    } else {
                        p.text.clone()
                    }
                })
                .collect();
            (!word.is_empty()).then(|| (rest.join(" "), format!("{word}:*")))
        }),
        Mode::Words => None,
    };
    let rows = if parts.is_empty() {
        sqlx::query(&statements.all)
            .fetch_all(&mut *connection)
            .await
    } else if let Some((rest, prefix)) = prefix {
        sqlx::query(&statements.prefix)
            .bind(rest)
            .bind(prefix)
            .fetch_all(&mut *connection)
            .await
    } else {
        sqlx::query(&statements.matching)
            .bind(query)
            .fetch_all(&mut *connection)
            .await
    }
    .map_err(sql_error)?;
    let rows = rows
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(sql_error)?;
    Ok(outcome(rows))
}

async fn create(connection: &mut PgConnection) -> Result<(), Error> {
    for statement in SCHEMA {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .map_err(sql_error)?;
    }
    Ok(())
}

async fn load(
    connection: &mut PgConnection,
    documents: impl Iterator<Item = Result<BenchDocument, Error>>,
) -> Result<usize, Error> {
    let mut loaded = 0;
    let mut documents = documents.peekable();
    while documents.peek().is_some() {
        let batch = documents
            .by_ref()
            .take(BATCH)
            .collect::<Result<Vec<_>, _>>()?;
        loaded += batch.len();
        let column = |f: fn(&BenchDocument) -> String| batch.iter().map(f).collect::<Vec<_>>();
        sqlx::query(
            "INSERT INTO offers SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], \
             $4::text[], $5::text[], $6::text[], $7::boolean[], $8::bigint[], $9::text[], \
             $10::text[], $11::text[], $12::bigint[])",
        )
        .bind(batch.iter().map(|d| d.id).collect::<Vec<_>>())
        .bind(column(|d| d.title.clone()))
        .bind(column(|d| d.body.clone()))
        .bind(column(|d| d.organisation.clone()))
        .bind(column(|d| d.family.clone()))
        .bind(column(|d| d.places.clone()))
        .bind(batch.iter().map(|d| d.active).collect::<Vec<_>>())
        .bind(batch.iter().map(|d| d.job_family).collect::<Vec<_>>())
        .bind(batch.iter().map(|d| d.region.clone()).collect::<Vec<_>>())
        .bind(
            batch
                .iter()
                .map(|d| d.department.clone())
                .collect::<Vec<_>>(),
        )
        .bind(column(|d| d.remote.clone()))
        .bind(batch.iter().map(|d| d.organisation_id).collect::<Vec<_>>())
        .execute(&mut *connection)
        .await
        .map_err(sql_error)?;
        let contracts: Vec<(i64, String)> = batch
            .iter()
            .flat_map(|d| d.contracts.iter().map(|c| (d.id, c.clone())))
            .collect();
        sqlx::query(
            "INSERT INTO offer_contracts SELECT * FROM UNNEST($1::bigint[], $2::text[]) \
             ON CONFLICT DO NOTHING",
        )
        .bind(contracts.iter().map(|c| c.0).collect::<Vec<_>>())
        .bind(contracts.iter().map(|c| c.1.clone()).collect::<Vec<_>>())
        .execute(&mut *connection)
        .await
        .map_err(sql_error)?;
    }
    Ok(loaded)
}

/// Builds the index, then vacuums and analyses (not timed); returns the build's duration.
async fn build(connection: &mut PgConnection) -> Result<Duration, Error> {
    let started = Instant::now();
    for statement in BUILD {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .map_err(sql_error)?;
    }
    let took = started.elapsed();
    sqlx::query("VACUUM ANALYZE offers, offer_contracts")
        .execute(&mut *connection)
        .await
        .map_err(sql_error)?;
    Ok(took)
}

/// The GIN index and the tsvector column, in bytes.
async fn index_bytes(connection: &mut PgConnection) -> Result<u64, Error> {
    let bytes: i64 = sqlx::query_scalar(
        "SELECT pg_total_relation_size('offers_tsv') \
         + (SELECT coalesce(sum(pg_column_size(tsv)), 0) FROM offers)::bigint",
    )
    .fetch_one(&mut *connection)
    .await
    .map_err(sql_error)?;
    Ok(u64::try_from(bytes).unwrap_or(0))
}

/// PostgreSQL's nDCG@10 on the relevance set, in a throwaway database on the server at `url`.
pub async fn relevance(url: &str) -> Result<Evaluation, Error> {
    in_throwaway(url, "relevance", async |options: PgConnectOptions| {
        let mut connection = options.connect().await.map_err(sql_error)?;
        create(&mut connection).await?;
        load(&mut connection, relevance_documents().into_iter().map(Ok)).await?;
        build(&mut connection).await?;
        let statements = Statements::new();
        let set = RelevanceSet::builtin();
        let mut rankings = Vec::new();
        for judgement in &set.queries {
            let outcome = search(
                &mut connection,
                &statements,
                &judgement.query,
                judgement.mode(),
            )
            .await?;
            rankings.push(outcome.page);
        }
        let _ = connection.close().await;
        // `evaluate` asks for the queries in the set's order: hand it the rankings made above.
        let mut rankings = rankings.into_iter();
        set.evaluate(|_, _| Ok(rankings.next().unwrap_or_default()))
    })
    .await
}

/// Measures PostgreSQL on the documents file (the child side of `bench search`).
pub(super) async fn measure(
    args: &SearchBenchArgs,
    documents: &Path,
) -> Result<EngineReport, Error> {
    let report = in_throwaway(
        &args.postgres_url,
        "search",
        async |options: PgConnectOptions| {
            let pool = PgPoolOptions::new()
                .max_connections(args.threads.max(1))
                .connect_with(options)
                .await
                .map_err(sql_error)?;
            let measured = measure_in(args, documents, &pool).await;
            pool.close().await;
            measured
        },
    )
    .await?;
    let evaluation = relevance(&args.postgres_url).await?;
    Ok(EngineReport {
        ndcg_at_10: (evaluation.ndcg * 10_000.0).round() / 10_000.0,
        judged_queries: evaluation.judged,
        ..report
    })
}

async fn measure_in(
    args: &SearchBenchArgs,
    documents: &Path,
    pool: &PgPool,
) -> Result<EngineReport, Error> {
    let queries = bench_queries();
    let memory = Memory::start();
    let mut connection = pool.acquire().await.map_err(sql_error)?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&mut *connection)
        .await
        .map_err(sql_error)?;
    create(&mut connection).await?;
    let offers = load(&mut connection, read_documents(documents)?).await?;
    let build_time = build(&mut connection).await?;
    tracing::info!(
        seconds = build_time.as_secs_f64(),
        "index PostgreSQL construit"
    );
    let index_bytes = index_bytes(&mut connection).await?;
    let rss_built = memory.current();
    let statements = Statements::new();

    let timings = super::latencies(&queries, args.rounds, async |query: &str| {
        search(&mut connection, &statements, query, Mode::Words).await
    })
    .await?;
    drop(connection);

    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.duration_secs);
    let threads = args.threads.max(1) as usize;
    let mut workers = Vec::new();
    for t in 0..threads {
        let pool = pool.clone();
        let queries = queries.clone();
        workers.push(tokio::spawn(async move {
            let statements = Statements::new();
            let mut connection = pool.acquire().await.map_err(sql_error)?;
            let mut done = 0u64;
            let mut i = t * queries.len() / threads;
            while Instant::now() < deadline {
                let query = &queries[i % queries.len()];
                std::hint::black_box(
                    search(&mut connection, &statements, query, Mode::Words).await?,
                );
                done += 1;
                i += 1;
            }
            Ok::<_, Error>(done)
        }));
    }
    let mut done = 0;
    for worker in workers {
        done += worker.await.map_err(|e| BenchError::Engine {
            engine: "PostgreSQL",
            message: e.to_string(),
        })??;
    }
    let queries_per_sec = round3(done as f64 / started.elapsed().as_secs_f64());
    let (rss_before, peak) = memory.finish();

    // The server processes serving this database: the build's and the queries' connections.
    let mut connection = pool.acquire().await.map_err(sql_error)?;
    let pids: Vec<i32> =
        sqlx::query_scalar("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
            .fetch_all(&mut *connection)
            .await
            .map_err(sql_error)?;
    let server_peak = pids
        .into_iter()
        .filter_map(|pid| u32::try_from(pid).ok())
        .filter_map(|pid| status_bytes(pid, "VmHWM:"))
        .max();
    Ok(EngineReport {
        engine: "postgres".to_owned(),
        // "15.20 (Debian 15.20-0+deb12u1)": the number is enough.
        name: format!(
            "PostgreSQL {}",
            version.split_whitespace().next().unwrap_or_default()
        ),
        offers,
        build_secs: round3(build_time.as_secs_f64()),
        index_bytes,
        server_peak_rss_bytes: server_peak,
        rss_built_bytes: rss_built,
        ..EngineReport::measured(
            timings,
            queries_per_sec,
            Evaluation {
                ndcg: 0.0,
                judged: 0,
                per_query: Vec::new(),
            },
        )
    }
    .with_memory(rss_before, peak))
}
