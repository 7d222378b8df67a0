//! The SQLite FTS5 baseline: an external-content FTS5 table over the offers, tokenizer
//! `unicode61 remove_diacritics 2` (accents folded; FTS5 has no French stemmer, no synonyms, no
//! typo tolerance: that is the baseline's honest state), ranked by `bm25()` with Vivier's field
//! weights. No prefix index: only the three as-you-type queries of the relevance set use
//! prefixes.

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Row};
use vivier_search::Mode;
use vivier_search::relevance::{Evaluation, RelevanceSet};

use super::{
    BenchDocument, EngineReport, Memory, Outcome, bench_queries, outcome, page_and_facets_sql,
    query_parts, read_documents, relevance_documents, round3, work_file,
};
use crate::Error;
use crate::bench::BenchError;
use crate::config::SearchBenchArgs;

/// Rows per write transaction while loading.
const BATCH: usize = 1_000;
/// SQLite's page cache per connection (64 MiB; the default 2 MiB would make FTS5 read the
/// operating system's cache at every query).
const CACHE_SIZE_KIB: &str = "-65536";

fn sql_error(e: sqlx::Error) -> Error {
    BenchError::Engine {
        engine: "SQLite FTS5",
        message: e.to_string(),
    }
    .into()
}

const SCHEMA: &[&str] = &[
    "CREATE TABLE offers (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, \
     organisation TEXT NOT NULL, family TEXT NOT NULL, places TEXT NOT NULL, \
     active INTEGER NOT NULL, job_family INTEGER, region TEXT, department TEXT, \
     remote TEXT NOT NULL, organisation_id INTEGER NOT NULL)",
    "CREATE TABLE offer_contracts (offer_id INTEGER NOT NULL, contract TEXT NOT NULL, \
     PRIMARY KEY (offer_id, contract)) WITHOUT ROWID",
];

/// Building the index: the FTS5 table over `offers`, filled from it.
const BUILD: &[&str] = &[
    "CREATE VIRTUAL TABLE offers_fts USING fts5(title, body, organisation, family, places, \
     content = 'offers', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO offers_fts(offers_fts) VALUES ('rebuild')",
];

/// The matching active offers; bm25 weights in the FTS table's column order (title, body,
/// organisation, family, places), Vivier's boosts. bm25 is lower for better matches: negated.
const MATCHES: &str = "SELECT o.id, o.job_family, o.region, o.department, o.remote, \
     o.organisation_id, -bm25(offers_fts, 3.0, 1.0, 1.5, 1.5, 1.2) AS rank \
     FROM offers_fts JOIN offers AS o ON o.id = offers_fts.rowid \
     WHERE offers_fts MATCH ?1 AND o.active";

/// Without a text criterion: every active offer, most recent first.
const ALL: &str = "SELECT id, job_family, region, department, remote, organisation_id, \
     0.0 AS rank FROM offers WHERE active";

/// The two statements of a query + facets.
struct Statements {
    matching: String,
    all: String,
}

impl Statements {
    fn new() -> Self {
        Self {
            matching: page_and_facets_sql(MATCHES, "offer_contracts"),
            all: page_and_facets_sql(ALL, "offer_contracts"),
        }
    }
}

/// A query in FTS5 syntax: every word and phrase quoted (user input can never be an FTS5
/// syntax error), implicitly ANDed; as-you-type, the last free word is a prefix. `None` when
/// nothing searchable remains.
pub(crate) fn fts5_query(query: &str, mode: Mode) -> Option<String> {
    let parts = query_parts(query);
    let last_word = parts.iter().rposition(|p| !p.phrase);
    let quoted: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let quoted = format!("\"{}\"", part.text.replace('"', "\"\""));
            if mode == Mode::AsYouType && Some(i) == last_word {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(" "))
}

async fn search(
    connection: &mut SqliteConnection,
    statements: &Statements,
    query: &str,
    mode: Mode,
) -> Result<Outcome, Error> {
    let rows = match fts5_query(query, mode) {
        Some(fts) => {
            sqlx::query(&statements.matching)
                .bind(fts)
                .fetch_all(&mut *connection)
                .await
        }
        None => {
            sqlx::query(&statements.all)
                .fetch_all(&mut *connection)
                .await
        }
    }
    .map_err(sql_error)?;
    let rows = rows
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(sql_error)?;
    Ok(outcome(rows))
}

async fn create(connection: &mut SqliteConnection) -> Result<(), Error> {
    for statement in SCHEMA {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .map_err(sql_error)?;
    }
    Ok(())
}

async fn load(
    connection: &mut SqliteConnection,
    documents: impl Iterator<Item = Result<BenchDocument, Error>>,
) -> Result<(), Error> {
    let mut documents = documents.peekable();
    while documents.peek().is_some() {
        let mut transaction = connection.begin().await.map_err(sql_error)?;
        for document in documents.by_ref().take(BATCH) {
            let d = document?;
            sqlx::query("INSERT INTO offers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(d.id)
                .bind(&d.title)
                .bind(&d.body)
                .bind(&d.organisation)
                .bind(&d.family)
                .bind(&d.places)
                .bind(d.active)
                .bind(d.job_family)
                .bind(&d.region)
                .bind(&d.department)
                .bind(&d.remote)
                .bind(d.organisation_id)
                .execute(&mut *transaction)
                .await
                .map_err(sql_error)?;
            for contract in &d.contracts {
                sqlx::query("INSERT OR IGNORE INTO offer_contracts VALUES (?, ?)")
                    .bind(d.id)
                    .bind(contract)
                    .execute(&mut *transaction)
                    .await
                    .map_err(sql_error)?;
            }
        }
        transaction.commit().await.map_err(sql_error)?;
    }
    Ok(())
}

async fn page_count(connection: &mut SqliteConnection) -> Result<i64, Error> {
    sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&mut *connection)
        .await
        .map_err(sql_error)
}

/// Builds the FTS5 index; returns its size in bytes (the pages it added to the database).
async fn build(connection: &mut SqliteConnection) -> Result<u64, Error> {
    let before = page_count(connection).await?;
    for statement in BUILD {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .map_err(sql_error)?;
    }
    let after = page_count(connection).await?;
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size")
        .fetch_one(&mut *connection)
        .await
        .map_err(sql_error)?;
    Ok(u64::try_from((after - before) * page_size).unwrap_or(0))
}

/// SQLite FTS5's nDCG@10 on the relevance set, in a database in memory.
pub async fn relevance() -> Result<Evaluation, Error> {
    let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(sql_error)?;
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(sql_error)?;
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
    // `evaluate` asks for the queries in the set's order, and ranking is async here: hand it
    // the rankings made above, in that order.
    let mut rankings = rankings.into_iter();
    set.evaluate(|_, _| Ok(rankings.next().unwrap_or_default()))
}

/// Measures FTS5 on the documents file (the child side of `bench search`).
pub(super) async fn measure(
    args: &SearchBenchArgs,
    documents: &Path,
) -> Result<EngineReport, Error> {
    let path = work_file(documents, "fts5.db");
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Off)
        .pragma("cache_size", CACHE_SIZE_KIB);
    let pool = SqlitePoolOptions::new()
        .max_connections(args.threads.max(1))
        .connect_with(options)
        .await
        .map_err(sql_error)?;
    let queries = bench_queries();
    let statements = Statements::new();
    let memory = Memory::start();

    let mut connection = pool.acquire().await.map_err(sql_error)?;
    create(&mut connection).await?;
    let mut offers = 0usize;
    load(
        &mut connection,
        read_documents(documents)?.inspect(|_| offers += 1),
    )
    .await?;
    let started = Instant::now();
    let index_bytes = build(&mut connection).await?;
    let build_secs = started.elapsed().as_secs_f64();
    let rss_built = memory.current();
    tracing::info!(seconds = build_secs, "index FTS5 construit");

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
            engine: "SQLite FTS5",
            message: e.to_string(),
        })??;
    }
    let queries_per_sec = round3(done as f64 / started.elapsed().as_secs_f64());
    let (rss_before, peak) = memory.finish();
    pool.close().await;

    let version: String = {
        let mut connection = SqliteConnection::connect_with(
            &SqliteConnectOptions::from_str("sqlite::memory:").map_err(sql_error)?,
        )
        .await
        .map_err(sql_error)?;
        sqlx::query_scalar("SELECT sqlite_version()")
            .fetch_one(&mut connection)
            .await
            .map_err(sql_error)?
    };
    let evaluation = relevance().await?;
    Ok(EngineReport {
        engine: "fts5".to_owned(),
        name: format!("SQLite {version} FTS5"),
        offers,
        build_secs: round3(build_secs),
        index_bytes,
        rss_built_bytes: rss_built,
        ..EngineReport::measured(timings, queries_per_sec, evaluation)
    }
    .with_memory(rss_before, peak))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_is_quoted_into_fts5_syntax() {
        assert_eq!(
            fts5_query(r#"chef "de projet" NEAR(x"#, Mode::Words).as_deref(),
            Some(r#""chef" "de projet" "NEAR(x""#)
        );
        assert_eq!(
            fts5_query("dévelop", Mode::AsYouType).as_deref(),
            Some(r#""dévelop"*"#)
        );
        assert_eq!(fts5_query("!!!", Mode::Words), None);
    }
}
