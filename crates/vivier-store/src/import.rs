//! What an import of the State's offer exports reads from the store and writes to it.

use time::OffsetDateTime;
use vivier_domain::offer::{OfferData, OfferState, Source};
use vivier_domain::{OfferId, Slug};

use crate::{StoreError, StoreResult};

/// An offer that an import of its source created, or that carries a reference in that source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedOffer {
    pub id: OfferId,
    /// Its reference in the source.
    pub reference: String,
    /// Its address on Vivier, kept when an import updates it.
    pub slug: Slug,
    pub state: OfferState,
    /// The hash of the content the last import wrote (`None`: no import wrote it).
    pub content_hash: Option<String>,
    /// Whether someone changed it in Vivier since the last import wrote it (or it was never
    /// imported): an import must not overwrite it.
    pub edited: bool,
}

/// One write of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWrite {
    /// A new offer, with the hash of its imported content.
    Create { data: Box<OfferData>, hash: String },
    /// New content for an offer the import owns.
    Update {
        id: OfferId,
        data: Box<OfferData>,
        hash: String,
    },
    /// Closes an offer gone from its source, or reopens one that came back.
    SetState { id: OfferId, state: OfferState },
}

/// An import run's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImportRunId(pub i64);

/// A run as it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportRun {
    pub source: Source,
    /// The file's name or address, as given.
    pub file_name: String,
    /// SHA-256 of the file, hexadecimal.
    pub checksum: String,
    /// Whether every offer was imported, not only the digital ones.
    pub all_offers: bool,
}

/// What a run did, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Data rows read.
    pub read: u64,
    /// Rows kept (digital, or all with `--all`), duplicates included.
    pub kept: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Offers gone from the source, closed.
    pub closed: u64,
    /// Closed offers back in the source, reopened.
    pub reopened: u64,
    /// Offers edited in Vivier that the run left as they were.
    pub conflicts: u64,
    pub rejected: u64,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Not finished: running, or killed (a re-run completes its work).
    Running,
    /// Read to the end (rejected rows included).
    Completed,
    /// Stopped by an error (the file became unreadable, the database failed).
    Failed,
}

impl RunStatus {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Running, Self::Completed, Self::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// The end of a run, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutcome {
    pub status: RunStatus,
    pub counts: ImportCounts,
    /// Rejected rows and conflicts, as CSV (`ligne;référence;motif`).
    pub report: String,
    /// Why a failed run stopped.
    pub error: Option<String>,
}

/// A recorded run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub id: ImportRunId,
    pub run: NewImportRun,
    pub started_at: OffsetDateTime,
    pub finished_at: Option<OffsetDateTime>,
    pub outcome: RunOutcome,
}

/// An `import_runs` row.
#[derive(Debug, sqlx::FromRow)]
pub struct ImportRunRow {
    id: i64,
    source: String,
    file_name: String,
    checksum: String,
    all_offers: bool,
    started_at: OffsetDateTime,
    finished_at: Option<OffsetDateTime>,
    status: String,
    rows_read: i64,
    kept: i64,
    created: i64,
    updated: i64,
    unchanged: i64,
    closed: i64,
    reopened: i64,
    conflicts: i64,
    rejected: i64,
    report: String,
    error: Option<String>,
}

/// The columns of [`ImportRunRow`], for `SELECT`.
pub const IMPORT_RUN_SELECT: &str = "id, source, file_name, checksum, all_offers, started_at, \
    finished_at, status, rows_read, kept, created, updated, unchanged, closed, reopened, \
    conflicts, rejected, report, error";

impl TryFrom<ImportRunRow> for ImportRun {
    type Error = StoreError;

    fn try_from(row: ImportRunRow) -> StoreResult<Self> {
        const T: &str = "import_runs";
        let count = |n: i64| u64::try_from(n).map_err(|_| StoreError::corrupt(T, "negative count"));
        Ok(Self {
            id: ImportRunId(row.id),
            run: NewImportRun {
                source: Source::from_code(&row.source).ok_or_else(|| {
                    StoreError::corrupt(T, format!("unknown source {:?}", row.source))
                })?,
                file_name: row.file_name,
                checksum: row.checksum,
                all_offers: row.all_offers,
            },
            started_at: row.started_at,
            finished_at: row.finished_at,
            outcome: RunOutcome {
                status: RunStatus::from_code(&row.status).ok_or_else(|| {
                    StoreError::corrupt(T, format!("unknown status {:?}", row.status))
                })?,
                counts: ImportCounts {
                    read: count(row.rows_read)?,
                    kept: count(row.kept)?,
                    created: count(row.created)?,
                    updated: count(row.updated)?,
                    unchanged: count(row.unchanged)?,
                    closed: count(row.closed)?,
                    reopened: count(row.reopened)?,
                    conflicts: count(row.conflicts)?,
                    rejected: count(row.rejected)?,
                },
                report: row.report,
                error: row.error,
            },
        })
    }
}

/// An offer of a source, as [`ImportedOffer`] reads it.
#[derive(Debug, sqlx::FromRow)]
pub struct ImportedOfferRow {
    id: i64,
    reference: String,
    slug: String,
    state: String,
    content_hash: Option<String>,
    edited: bool,
}

impl TryFrom<ImportedOfferRow> for ImportedOffer {
    type Error = StoreError;

    fn try_from(row: ImportedOfferRow) -> StoreResult<Self> {
        Ok(Self {
            id: OfferId(row.id),
            state: OfferState::from_code(&row.state).ok_or_else(|| {
                StoreError::corrupt("offers", format!("unknown state {:?}", row.state))
            })?,
            reference: row.reference,
            slug: Slug::parse(&row.slug)
                .map_err(|_| StoreError::corrupt("offers", format!("bad slug {:?}", row.slug)))?,
            content_hash: row.content_hash,
            edited: row.edited,
        })
    }
}

/// Implements the import part of the SQL store inside [`impl_sql_store!`](crate::impl_sql_store)'s
/// module (it uses that module's helpers); not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __import_sql {
    (conn: $conn:ty) => {
        mod imports {
            use super::*;
            use $crate::import::{
                IMPORT_RUN_SELECT, ImportRun, ImportRunId, ImportRunRow, ImportWrite,
                ImportedOffer, ImportedOfferRow, NewImportRun, RunOutcome, RunStatus,
            };
            use $crate::__private::vivier_domain::offer::Source;

            pub(super) async fn imported_offers(
                conn: &mut $conn,
                source: Source,
            ) -> StoreResult<Vec<ImportedOffer>> {
                sqlx::query_as::<_, ImportedOfferRow>(
                    "SELECT o.id, o.source_reference AS reference, o.slug, o.state, i.content_hash, \
                     (i.synced_at IS NULL OR o.updated_at <> i.synced_at) AS edited \
                     FROM offers o LEFT JOIN offer_imports i ON i.offer_id = o.id \
                     WHERE o.source = $1 AND o.source_reference IS NOT NULL",
                )
                .bind(source.code())
                .fetch_all(conn)
                .await?
                .into_iter()
                .map(ImportedOffer::try_from)
                .collect()
            }

            /// Remembers what the import wrote to offer `id`.
            async fn synced(conn: &mut $conn, id: OfferId, hash: Option<&str>) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO offer_imports (offer_id, content_hash, synced_at) \
                     SELECT id, COALESCE($2, ''), updated_at FROM offers WHERE id = $1 \
                     ON CONFLICT (offer_id) DO UPDATE SET \
                     content_hash = CASE WHEN $2 IS NULL THEN offer_imports.content_hash \
                     ELSE excluded.content_hash END, synced_at = excluded.synced_at",
                )
                .bind(id.0)
                .bind(hash)
                .execute(conn)
                .await?;
                Ok(())
            }

            pub(super) async fn apply(
                conn: &mut $conn,
                batch: &[ImportWrite],
            ) -> StoreResult<Vec<OfferId>> {
                let mut created = Vec::new();
                for write in batch {
                    match write {
                        ImportWrite::Create { data, hash } => {
                            let id = insert_offer(conn, data).await?;
                            synced(conn, id, Some(hash)).await?;
                            created.push(id);
                        }
                        ImportWrite::Update { id, data, hash } => {
                            update_offer_row(conn, *id, data).await?;
                            synced(conn, *id, Some(hash)).await?;
                        }
                        ImportWrite::SetState { id, state } => {
                            let done = sqlx::query(
                                "UPDATE offers SET state = $1, updated_at = $2 WHERE id = $3",
                            )
                            .bind(state.code())
                            .bind(OffsetDateTime::now_utc())
                            .bind(id.0)
                            .execute(&mut *conn)
                            .await?;
                            if done.rows_affected() == 0 {
                                return Err(StoreError::NotFound(format!("offre {id}")));
                            }
                            synced(conn, *id, None).await?;
                            record(conn, ChangedEntity::Offer(*id)).await?;
                        }
                    }
                }
                Ok(created)
            }

            pub(super) async fn start_run(
                conn: &mut $conn,
                run: &NewImportRun,
            ) -> StoreResult<ImportRunId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO import_runs (source, file_name, checksum, all_offers, \
                     started_at, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(run.source.code())
                .bind(&run.file_name)
                .bind(&run.checksum)
                .bind(run.all_offers)
                .bind(OffsetDateTime::now_utc())
                .bind(RunStatus::Running.code())
                .fetch_one(conn)
                .await?;
                Ok(ImportRunId(id))
            }

            pub(super) async fn finish_run(
                conn: &mut $conn,
                id: ImportRunId,
                outcome: &RunOutcome,
            ) -> StoreResult<()> {
                let c = &outcome.counts;
                let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
                let done = sqlx::query(
                    "UPDATE import_runs SET finished_at = $1, status = $2, rows_read = $3, \
                     kept = $4, created = $5, updated = $6, unchanged = $7, closed = $8, \
                     reopened = $9, conflicts = $10, rejected = $11, report = $12, error = $13 \
                     WHERE id = $14",
                )
                .bind(OffsetDateTime::now_utc())
                .bind(outcome.status.code())
                .bind(n(c.read))
                .bind(n(c.kept))
                .bind(n(c.created))
                .bind(n(c.updated))
                .bind(n(c.unchanged))
                .bind(n(c.closed))
                .bind(n(c.reopened))
                .bind(n(c.conflicts))
                .bind(n(c.rejected))
                .bind(&outcome.report)
                .bind(&outcome.error)
                .bind(id.0)
                .execute(conn)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound(format!("import {}", id.0)));
                }
                Ok(())
            }

            pub(super) async fn runs(conn: &mut $conn, limit: u32) -> StoreResult<Vec<ImportRun>> {
                let sql = format!(
                    "SELECT {IMPORT_RUN_SELECT} FROM import_runs ORDER BY id DESC LIMIT $1"
                );
                sqlx::query_as::<_, ImportRunRow>(&sql)
                    .bind(i64::from(limit))
                    .fetch_all(conn)
                    .await?
                    .into_iter()
                    .map(ImportRun::try_from)
                    .collect()
            }
        }
    };
}
