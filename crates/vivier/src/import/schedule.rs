//! The scheduled import of `vivier serve`: the Choisir le service public file fetched from a
//! configured address, again and again.
//!
//! When the next run is due is read from the runs recorded in the store, not from a timer of
//! this process: a restarted node does not import again at once, and of several nodes sharing
//! a database, the first to wake up imports while the others find the fresh run and wait.
//! (Two nodes waking within the same second could both import: harmless, since offers are
//! unique by source and reference and a second run finds them unchanged.)

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::task::JoinHandle;
use url::Url;
use vivier_domain::offer::Source;
use vivier_store::Store;
use vivier_store::import::{ImportCounts, ImportRun, NewImportRun, RunOutcome, RunStatus};

use crate::import::{FormatArg, ImportArgs, ImportFailure, ImportFileArgs, ImportSource, import};
use crate::{Error, seed};

/// The longest sleep between two looks at the runs (so that a shorter period set by another
/// node, or a run recorded elsewhere, is seen within the hour).
const MAX_SLEEP: Duration = Duration::from_secs(3600);

/// A run still marked running after this long was killed: it no longer holds the next one.
const STALE_RUN: Duration = Duration::from_secs(3 * 3600);

/// How long to wait before the next run, given the recorded runs (most recent first) and
/// the period: zero when one is due now.
pub fn due_in(runs: &[ImportRun], every: Duration, now: OffsetDateTime) -> Duration {
    let last = runs.iter().find(|run| {
        run.run.source == Source::Csp
            && !(run.outcome.status == RunStatus::Running && age(run, now) > STALE_RUN)
    });
    match last {
        None => Duration::ZERO,
        Some(run) => every.saturating_sub(age(run, now)),
    }
}

fn age(run: &ImportRun, now: OffsetDateTime) -> Duration {
    (now - run.started_at).try_into().unwrap_or(Duration::ZERO)
}

/// Imports the file at `url` every `every`, until the task is aborted.
pub fn spawn(store: Arc<dyn Store>, url: Url, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(%url, hours = every.as_secs() / 3600, "import programmé de Choisir le service public");
        loop {
            let wait = match store.import_runs(20).await {
                Ok(runs) => due_in(&runs, every, OffsetDateTime::now_utc()),
                Err(error) => {
                    tracing::warn!(%error, "import programmé : historique des imports illisible");
                    MAX_SLEEP
                }
            };
            if !wait.is_zero() {
                tokio::time::sleep(wait.min(MAX_SLEEP)).await;
                continue;
            }
            run_once(store.as_ref(), &url).await;
        }
    })
}

/// One import, logged: a failure waits for the next period (the run records it).
async fn run_once(store: &dyn Store, url: &Url) {
    let args = ImportArgs {
        source: ImportSource::Csp(ImportFileArgs {
            input: url.to_string(),
            format: Some(FormatArg::Csp),
            all: false,
            digital_rule: None,
            report: None,
        }),
    };
    match import(store, &args, seed::today(), false).await {
        Ok(report) => {
            let c = report.counts;
            tracing::info!(
                read = c.read,
                kept = c.kept,
                created = c.created,
                updated = c.updated,
                unchanged = c.unchanged,
                closed = c.closed,
                conflicts = c.conflicts,
                rejected = c.rejected,
                "import programmé terminé"
            );
        }
        Err(error) => {
            tracing::error!(%error, "import programmé en échec");
            // A run that started reading is recorded by the import itself; one that failed
            // before (a download refused, say) is recorded here, so that the schedule waits
            // for the next period rather than retry at once, and administrators see it.
            let recorded = matches!(error, Error::Import(ImportFailure::Run { .. }));
            if !recorded && let Err(error) = record_failure(store, url, &error.to_string()).await {
                tracing::warn!(%error, "échec de l'import programmé non enregistré");
            }
        }
    }
}

/// Records a run that failed before it could start reading.
async fn record_failure(
    store: &dyn Store,
    url: &Url,
    error: &str,
) -> Result<(), vivier_store::StoreError> {
    let id = store
        .start_import_run(&NewImportRun {
            source: Source::Csp,
            file_name: url.to_string(),
            checksum: String::new(),
            all_offers: false,
        })
        .await?;
    let outcome = RunOutcome {
        status: RunStatus::Failed,
        counts: ImportCounts::default(),
        report: String::new(),
        error: Some(error.to_owned()),
    };
    store.finish_import_run(id, &outcome).await
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use vivier_store::import::ImportRunId;

    use super::*;

    fn run(source: Source, started_at: OffsetDateTime, status: RunStatus) -> ImportRun {
        ImportRun {
            id: ImportRunId(1),
            run: NewImportRun {
                source,
                file_name: "https://example.org/offres.csv".into(),
                checksum: String::new(),
                all_offers: false,
            },
            started_at,
            finished_at: None,
            outcome: RunOutcome {
                status,
                counts: ImportCounts::default(),
                report: String::new(),
                error: None,
            },
        }
    }

    #[test]
    fn a_run_is_due_a_period_after_the_last_one() {
        let now = datetime!(2026-11-22 12:00 UTC);
        let day = Duration::from_secs(86_400);
        assert_eq!(due_in(&[], day, now), Duration::ZERO, "never run: now");
        let earlier = run(
            Source::Csp,
            datetime!(2026-11-22 06:00 UTC),
            RunStatus::Completed,
        );
        assert_eq!(due_in(&[earlier], day, now), Duration::from_secs(18 * 3600));
        let old = run(
            Source::Csp,
            datetime!(2026-11-20 06:00 UTC),
            RunStatus::Failed,
        );
        assert_eq!(due_in(&[old], day, now), Duration::ZERO);
        // A PEP import says nothing of the CSP schedule.
        let pep = run(
            Source::Pep,
            datetime!(2026-11-22 11:00 UTC),
            RunStatus::Completed,
        );
        assert_eq!(due_in(&[pep], day, now), Duration::ZERO);
        // A run in progress holds the next one; one running for hours was killed.
        let running = run(
            Source::Csp,
            datetime!(2026-11-22 11:00 UTC),
            RunStatus::Running,
        );
        assert_eq!(due_in(&[running], day, now), Duration::from_secs(23 * 3600));
        let killed = run(
            Source::Csp,
            datetime!(2026-11-22 01:00 UTC),
            RunStatus::Running,
        );
        assert_eq!(due_in(&[killed], day, now), Duration::ZERO);
    }
}
