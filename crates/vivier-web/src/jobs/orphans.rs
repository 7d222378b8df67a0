//! The sweep of orphan CV files: files under `cv/` in the file store that no row of the
//! database names any more (a deletion that failed, a crash between an upload's file and its
//! row).
//!
//! An upload writes its file before its row: a file without a row may be an upload in flight.
//! A file is therefore deleted only when it was already an orphan at the previous sweep (the
//! retention job sweeps daily, so it has been an orphan for about a day). The suspects are kept
//! in memory: after a restart, the first sweep only looks.
//!
//! The retention job runs it after each daily run.

use std::collections::HashSet;
use std::sync::Mutex;

use vivier_files::objects::{FileStore, KeyPrefix};
use vivier_store::Store;

use crate::error::PageError;

/// Where CV files are.
const CV_PREFIX: &str = "cv/";

/// The sweep, with the orphans it saw last time.
#[derive(Debug, Default)]
pub struct OrphanSweep {
    suspects: Mutex<HashSet<String>>,
}

impl OrphanSweep {
    /// A sweep that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Deletes the CV files that were orphans at the previous run and still are; remembers the
    /// new orphans. Gives how many files went.
    pub async fn run(&self, store: &dyn Store, files: &dyn FileStore) -> Result<usize, PageError> {
        let prefix = KeyPrefix::parse(CV_PREFIX)
            .map_err(|e| PageError::Internal(format!("CV prefix: {e}")))?;
        // Listed before the rows are read: a file uploaded in between has its row already, or
        // is not listed.
        let listed = files
            .keys(&prefix)
            .await
            .map_err(|e| PageError::Internal(e.to_string()))?;
        let named: HashSet<String> = store.cv_keys().await?.into_iter().collect();
        let orphans: Vec<_> = listed
            .into_iter()
            .filter(|key| !named.contains(key.as_str()))
            .collect();
        let previous = std::mem::take(
            &mut *self
                .suspects
                .lock()
                .map_err(|_| PageError::Internal("orphan sweep poisoned".into()))?,
        );
        let mut deleted = 0;
        let mut suspects = HashSet::new();
        for key in orphans {
            if !previous.contains(key.as_str()) {
                suspects.insert(key.as_str().to_owned());
                continue;
            }
            match files.delete(&key).await {
                Ok(()) => deleted += 1,
                Err(error) => {
                    tracing::warn!(%error, "orphan CV file not deleted");
                    suspects.insert(key.as_str().to_owned());
                }
            }
        }
        *self
            .suspects
            .lock()
            .map_err(|_| PageError::Internal("orphan sweep poisoned".into()))? = suspects;
        if deleted > 0 {
            tracing::info!(deleted, "orphan CV files deleted");
        }
        Ok(deleted)
    }
}
