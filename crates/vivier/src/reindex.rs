//! `vivier reindex`: rebuilds the search index from the database, here and on every node.
//!
//! Each `vivier serve` node keeps its own index in memory, built at start and kept up to date
//! from the change feed. Rebuilding means: check that the database and the synonyms give a
//! sound index (built here, in this process, and measured), then append a reindex request to
//! the feed, on which every running node reloads its catalogue and rebuilds its index without
//! stopping to answer (the old one serves until the new one is ready).

use std::fmt;
use std::time::{Duration, Instant};

use vivier_web::Catalog;

use crate::Error;
use crate::config::Config;
use crate::database::{describe, open_store};

/// What `reindex` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReindexReport {
    /// The database, without credentials.
    pub database: String,
    /// Public offers (every state but drafts) indexed.
    pub offers: usize,
    /// Synonym groups the queries are expanded with.
    pub synonym_groups: usize,
    /// Time to load the catalogue and build the index.
    pub elapsed: Duration,
    /// The sequence number of the reindex request in the change feed.
    pub request: i64,
}

impl fmt::Display for ReindexReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Index de recherche reconstruit depuis {} : {} offres publiques, {} groupes de \
             synonymes, en {:.1} s.",
            self.database,
            self.offers,
            self.synonym_groups,
            self.elapsed.as_secs_f64()
        )?;
        write!(
            f,
            "Demande de réindexation n° {} inscrite au journal des modifications : chaque nœud \
             en service reconstruit son index à sa prochaine lecture du journal.",
            self.request
        )
    }
}

/// Builds the index from the database with the configured synonyms, then asks every node to.
pub async fn reindex(config: &Config) -> Result<ReindexReport, Error> {
    let synonyms = config.load_synonyms()?;
    let synonym_groups = synonyms.len();
    let store = open_store(&config.database_url).await?;
    store.migrate().await.map_err(Error::Migrate)?;
    let started = Instant::now();
    // No page cache: nothing is served from this catalogue.
    let catalog = Catalog::load(store.clone(), 0, synonyms).await?;
    let elapsed = started.elapsed();
    let offers = catalog.board().offers().len();
    drop(catalog);
    let request = store.request_reindex().await?;
    Ok(ReindexReport {
        database: describe(&config.database_url),
        offers,
        synonym_groups,
        elapsed,
        request,
    })
}
