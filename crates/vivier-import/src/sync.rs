//! One import run: a file read to the end, each kept offer created, updated or left alone, the
//! offers gone from a complete file closed, and the run recorded with its report.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use sha2::{Digest, Sha256};
use time::Date;
use vivier_domain::offer::{OfferState, Source};
use vivier_domain::organisation::{EmployerPage, OrganisationData, OrganisationKind};
use vivier_domain::{OrganisationId, Slug, text};
use vivier_store::import::{
    ImportCounts, ImportWrite, ImportedOffer, NewImportRun, RunOutcome, RunStatus,
};
use vivier_store::{Store, StoreError};

use crate::columns::{Columns, HeaderError};
use crate::csp::{self, CspColumn};
use crate::digital::DigitalRule;
use crate::pep::{self, PartnerColumn, TalentSoftColumn};
use crate::read::{Dialect, Record, RecordError, Records};
use crate::resolve::{self, Referentials};
use crate::source::{Rejection, SourceOffer};

/// Writes per transaction: a crash loses at most one batch, which a re-run redoes.
pub const BATCH: usize = 500;

/// Largest record kept, in bytes (a real offer is a few kilobytes).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The formats Vivier imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The weekly Choisir le service public open-data file.
    Csp,
    /// Place de l'emploi public's TalentSoft back-office export.
    PepTalentSoft,
    /// Place de l'emploi public's `|`-separated partner export.
    PepPartner,
}

impl Format {
    /// The source its offers come from.
    pub fn source(self) -> Source {
        match self {
            Self::Csp => Source::Csp,
            Self::PepTalentSoft | Self::PepPartner => Source::Pep,
        }
    }

    fn dialect(self) -> Dialect {
        match self {
            Self::Csp | Self::PepTalentSoft => Dialect::SEMICOLON,
            Self::PepPartner => Dialect::PIPE,
        }
    }

    /// Recognises a format from the file's first line.
    pub fn detect(first_line: &[u8]) -> Option<Self> {
        let line = String::from_utf8_lossy(first_line);
        if line.contains("Offer_Reference_") {
            Some(Self::PepTalentSoft)
        } else if line.contains("Par_ref_offre") {
            Some(Self::PepPartner)
        } else if text::fold(&line).contains("intitule du poste") {
            Some(Self::Csp)
        } else {
            None
        }
    }
}

/// What a run needs besides its file.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub format: Format,
    /// Every offer, not only the digital ones.
    pub all: bool,
    pub rule: DigitalRule,
    /// The day of the run (dates the offers an export does not date).
    pub today: Date,
}

/// Why a run could not read its file (rows that cannot be imported are only rejected).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("fichier illisible : {0}")]
    Io(#[from] std::io::Error),
    #[error("fichier vide")]
    Empty,
    #[error("en-tête du fichier : {0}")]
    Header(#[from] HeaderError),
    #[error("en-tête du fichier : {0}")]
    HeaderRecord(RecordError),
    #[error("base de données : {0}")]
    Store(#[from] StoreError),
}

/// How far a run is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Data rows read so far.
    pub rows: u64,
    /// Lines of the file read so far.
    pub line: u64,
}

/// The end of a run: what it did, and its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub counts: ImportCounts,
    /// Rejected rows and conflicts: `ligne;référence;motif`.
    pub report: String,
}

/// Imports `input` (described by `run` for the record) into `store`.
pub async fn import(
    store: &dyn Store,
    input: impl BufRead,
    run: NewImportRun,
    options: &ImportOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Summary, ImportError> {
    let id = store.start_import_run(&run).await?;
    let (result, outcome) = match Run::new(store, options).await {
        Ok(mut state) => {
            let read = state.read(input, progress).await;
            if read.is_err() {
                state.abandon_pending();
            }
            // A failed run keeps what it did before failing, and its report so far.
            let outcome = RunOutcome {
                status: if read.is_ok() {
                    RunStatus::Completed
                } else {
                    RunStatus::Failed
                },
                counts: state.counts,
                report: state.report.clone(),
                error: read.as_ref().err().map(ToString::to_string),
            };
            (read.map(|()| state.summary()), outcome)
        }
        Err(error) => {
            let outcome = RunOutcome {
                status: RunStatus::Failed,
                counts: ImportCounts::default(),
                report: String::new(),
                error: Some(error.to_string()),
            };
            (Err(error), outcome)
        }
    };
    store.finish_import_run(id, &outcome).await?;
    result
}

/// A write waiting for its batch, and what to undo in the counts if it fails alone.
struct Pending {
    write: ImportWrite,
    line: u64,
    reference: String,
}

struct Run<'a> {
    store: &'a dyn Store,
    options: &'a ImportOptions,
    source: Source,
    referentials: Referentials,
    organisations: Organisations,
    existing: HashMap<String, ImportedOffer>,
    /// References read in this file, with their line.
    seen: HashMap<String, u64>,
    pending: Vec<Pending>,
    counts: ImportCounts,
    report: String,
}

impl<'a> Run<'a> {
    async fn new(store: &'a dyn Store, options: &'a ImportOptions) -> Result<Self, ImportError> {
        let source = options.format.source();
        let existing = store
            .imported_offers(source)
            .await?
            .into_iter()
            .map(|o| (o.reference.clone(), o))
            .collect();
        Ok(Self {
            store,
            options,
            source,
            referentials: Referentials::new(store.geography().await?, &store.job_families().await?),
            organisations: Organisations::load(store).await?,
            existing,
            seen: HashMap::new(),
            pending: Vec::new(),
            counts: ImportCounts::default(),
            report: "ligne;référence;motif\n".to_owned(),
        })
    }

    async fn read(
        &mut self,
        input: impl BufRead,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<(), ImportError> {
        let mut rows = Rows::open(input, self.options.format)?;
        while let Some(row) = rows.next()? {
            self.counts.read += 1;
            match row {
                Ok(offer) => self.offer(offer).await?,
                Err(rejection) => self.reject(&rejection),
            }
            if self.counts.read.is_multiple_of(1_000) {
                progress(rows.progress());
            }
            if self.pending.len() >= BATCH {
                self.flush().await?;
            }
        }
        self.close_absent();
        self.flush().await?;
        progress(rows.progress());
        Ok(())
    }

    /// Decides what a kept offer needs.
    async fn offer(&mut self, mut offer: SourceOffer) -> Result<(), ImportError> {
        if !self.options.all && !self.options.rule.matches(&offer) {
            return Ok(());
        }
        self.counts.kept += 1;
        if let Some(first) = self.seen.get(&offer.reference) {
            let reason = format!("référence déjà lue ligne {first} : ligne ignorée");
            self.reject(&Rejection {
                line: offer.line,
                reference: Some(offer.reference.clone()),
                reason,
            });
            return Ok(());
        }
        self.seen.insert(offer.reference.clone(), offer.line);
        let hash = content_hash(&mut offer);
        let existing = self.existing.get(&offer.reference).cloned();
        let write = match existing {
            None => {
                let Some(slug) = resolve::slug_for(&offer) else {
                    self.reject_offer(&offer, "référence inutilisable dans une adresse".into());
                    return Ok(());
                };
                match self.data(&offer, slug).await? {
                    Ok(data) => {
                        self.counts.created += 1;
                        ImportWrite::Create {
                            data: Box::new(data),
                            hash,
                        }
                    }
                    Err(reason) => {
                        self.reject_offer(&offer, reason);
                        return Ok(());
                    }
                }
            }
            Some(existing) if existing.content_hash.as_deref() == Some(hash.as_str()) => {
                if offer.open && existing.state == OfferState::Cloturee && !existing.edited {
                    self.counts.reopened += 1;
                    ImportWrite::SetState {
                        id: existing.id,
                        state: OfferState::Publiee,
                    }
                } else {
                    self.counts.unchanged += 1;
                    return Ok(());
                }
            }
            Some(existing) if existing.edited => {
                self.conflict(
                    offer.line,
                    &offer.reference,
                    "modifiée dans Vivier depuis le dernier import : non mise à jour",
                );
                return Ok(());
            }
            Some(existing) => match self.data(&offer, existing.slug.clone()).await? {
                Ok(data) => {
                    self.counts.updated += 1;
                    ImportWrite::Update {
                        id: existing.id,
                        data: Box::new(data),
                        hash,
                    }
                }
                Err(reason) => {
                    self.reject_offer(&offer, reason);
                    return Ok(());
                }
            },
        };
        self.pending.push(Pending {
            write,
            line: offer.line,
            reference: offer.reference,
        });
        Ok(())
    }

    /// The Vivier offer, its organisations found or created; `Ok(Err(reason))` rejects it.
    async fn data(
        &mut self,
        offer: &SourceOffer,
        slug: Slug,
    ) -> Result<Result<vivier_domain::offer::OfferData, String>, ImportError> {
        let organisation = self
            .organisations
            .resolve(self.store, &offer.organisations, self.source)
            .await?;
        Ok(resolve::offer_data(
            offer,
            self.source,
            organisation,
            slug,
            &self.referentials,
            self.options.today,
        ))
    }

    /// Closes the published offers of the source that the file no longer holds.
    fn close_absent(&mut self) {
        let mut absent: Vec<&ImportedOffer> = self
            .existing
            .values()
            .filter(|o| o.state == OfferState::Publiee && !self.seen.contains_key(&o.reference))
            .collect();
        absent.sort_by_key(|o| o.id);
        let mut conflicts = Vec::new();
        for offer in absent {
            if offer.edited {
                conflicts.push(offer.reference.clone());
            } else {
                self.counts.closed += 1;
                self.pending.push(Pending {
                    write: ImportWrite::SetState {
                        id: offer.id,
                        state: OfferState::Cloturee,
                    },
                    line: 0,
                    reference: offer.reference.clone(),
                });
            }
        }
        for reference in conflicts {
            self.conflict(
                0,
                &reference,
                "absente du fichier mais modifiée dans Vivier : laissée publiée",
            );
        }
    }

    /// Applies the pending writes in one transaction; if that fails, one by one, rejecting
    /// the ones that fail alone (a slug taken by another offer, say).
    async fn flush(&mut self) -> Result<(), ImportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let writes: Vec<ImportWrite> = pending.iter().map(|p| p.write.clone()).collect();
        if self.store.apply_import(&writes).await.is_ok() {
            return Ok(());
        }
        let mut items = pending.into_iter();
        while let Some(item) = items.next() {
            match self
                .store
                .apply_import(std::slice::from_ref(&item.write))
                .await
            {
                Ok(_) => {}
                Err(StoreError::Conflict(message) | StoreError::Invalid(message)) => {
                    self.uncount(&item.write);
                    self.reject(&Rejection {
                        line: item.line,
                        reference: Some(item.reference),
                        reason: format!("enregistrement refusé : {message}"),
                    });
                }
                Err(error) => {
                    // The run stops: what was not written is not counted.
                    self.uncount(&item.write);
                    for rest in items {
                        self.uncount(&rest.write);
                    }
                    return Err(error.into());
                }
            }
        }
        Ok(())
    }

    /// Takes back the count of a write that was not made.
    fn uncount(&mut self, write: &ImportWrite) {
        let count = match write {
            ImportWrite::Create { .. } => &mut self.counts.created,
            ImportWrite::Update { .. } => &mut self.counts.updated,
            ImportWrite::SetState {
                state: OfferState::Cloturee,
                ..
            } => &mut self.counts.closed,
            ImportWrite::SetState { .. } => &mut self.counts.reopened,
        };
        *count -= 1;
    }

    /// The run stopped on an error: the writes still waiting are not made.
    fn abandon_pending(&mut self) {
        for item in std::mem::take(&mut self.pending) {
            self.uncount(&item.write);
        }
    }

    fn reject_offer(&mut self, offer: &SourceOffer, reason: String) {
        self.reject(&Rejection {
            line: offer.line,
            reference: Some(offer.reference.clone()),
            reason,
        });
    }

    fn reject(&mut self, rejection: &Rejection) {
        self.counts.rejected += 1;
        self.report_line(
            rejection.line,
            rejection.reference.as_deref().unwrap_or(""),
            &rejection.reason,
        );
    }

    fn conflict(&mut self, line: u64, reference: &str, reason: &str) {
        self.counts.conflicts += 1;
        self.report_line(line, reference, &format!("conflit : {reason}"));
    }

    fn report_line(&mut self, line: u64, reference: &str, reason: &str) {
        let line = if line == 0 {
            String::new()
        } else {
            line.to_string()
        };
        self.report.push_str(&format!(
            "{line};{};{}\n",
            csv_cell(reference),
            csv_cell(reason)
        ));
    }

    fn summary(&self) -> Summary {
        Summary {
            counts: self.counts,
            report: self.report.clone(),
        }
    }
}

/// A cell of the `;`-separated report, quoted when it needs to be.
fn csv_cell(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// SHA-256 of what the source says of an offer: its line in the file is left out (set aside
/// while hashing, rather than hashing a copy of the offer).
fn content_hash(offer: &mut SourceOffer) -> String {
    let line = std::mem::take(&mut offer.line);
    let hash = hex::encode(Sha256::digest(format!("{offer:?}").as_bytes()));
    offer.line = line;
    hash
}

/// The rows of a file, each mapped to a [`SourceOffer`] or rejected.
pub struct Rows<R> {
    records: Records<R>,
    record: Record,
    mapper: Mapper,
    rows: u64,
}

impl<R: BufRead> Rows<R> {
    /// Reads the header of `input`, which must be a file of `format`.
    pub fn open(input: R, format: Format) -> Result<Self, ImportError> {
        let dialect = format.dialect();
        let mut records = Records::new(input, dialect, MAX_RECORD_BYTES);
        let mut record = Record::default();
        if !records
            .read(&mut record)?
            .map_err(ImportError::HeaderRecord)?
        {
            return Err(ImportError::Empty);
        }
        let header: Vec<&[u8]> = (0..record.len()).map(|i| record.bytes(i)).collect();
        let mapper = Mapper::new(format, &header, dialect.delimiter)?;
        Ok(Self {
            records,
            record,
            mapper,
            rows: 0,
        })
    }

    /// The next row, `None` at the end of the file.
    #[allow(clippy::should_implement_trait)] // Fallible: not an `Iterator`.
    pub fn next(&mut self) -> Result<Option<Result<SourceOffer, Rejection>>, ImportError> {
        let row = match self.records.read(&mut self.record)? {
            Ok(false) => return Ok(None),
            Ok(true) => self.mapper.map(&self.record),
            Err(error @ RecordError::TooLong { first, .. }) => Err(Rejection {
                line: first,
                reference: None,
                reason: error.to_string(),
            }),
        };
        self.rows += 1;
        Ok(Some(row))
    }

    /// How far the reading is.
    pub fn progress(&self) -> Progress {
        Progress {
            rows: self.rows,
            line: self.records.line(),
        }
    }
}

impl<R> std::fmt::Debug for Rows<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// What reading a file without writing anything finds: [`scan`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanCounts {
    pub read: u64,
    /// Rows the rule keeps (all mapped rows with `all`).
    pub kept: u64,
    /// Rows that cannot be mapped.
    pub rejected: u64,
}

/// Reads, maps and filters every row of `input` as an import would, without a store.
pub fn scan(input: impl BufRead, options: &ImportOptions) -> Result<ScanCounts, ImportError> {
    let mut rows = Rows::open(input, options.format)?;
    let mut counts = ScanCounts::default();
    while let Some(row) = rows.next()? {
        counts.read += 1;
        match row {
            Ok(offer) if options.all || options.rule.matches(&offer) => counts.kept += 1,
            Ok(_) => {}
            Err(_) => counts.rejected += 1,
        }
    }
    Ok(counts)
}

/// The header's columns for the run's format, and the row mapper that goes with them.
enum Mapper {
    Csp(Columns<CspColumn>),
    TalentSoft(Columns<TalentSoftColumn>),
    Partner(Columns<PartnerColumn>),
}

impl Mapper {
    fn new(format: Format, header: &[&[u8]], delimiter: u8) -> Result<Self, HeaderError> {
        Ok(match format {
            Format::Csp => Self::Csp(Columns::locate(header, delimiter)?),
            Format::PepTalentSoft => Self::TalentSoft(Columns::locate(header, delimiter)?),
            Format::PepPartner => Self::Partner(Columns::locate(header, delimiter)?),
        })
    }

    fn map(&self, record: &Record) -> Result<SourceOffer, Rejection> {
        match self {
            Self::Csp(columns) => csp::map(record, columns),
            Self::TalentSoft(columns) => pep::map_talentsoft(record, columns),
            Self::Partner(columns) => pep::map_partner(record, columns),
        }
    }
}

/// Organisations by folded name, created when an export names a new one.
struct Organisations {
    by_name: HashMap<String, OrganisationId>,
    slugs: HashSet<String>,
}

impl Organisations {
    async fn load(store: &dyn Store) -> Result<Self, StoreError> {
        let all = store.organisations().await?;
        Ok(Self {
            by_name: all
                .iter()
                .map(|o| (text::fold(o.data.name.trim()), o.id))
                .collect(),
            slugs: all
                .iter()
                .map(|o| o.data.slug.as_str().to_owned())
                .collect(),
        })
    }

    /// The organisation at the end of `names` (from the top down), creating what is missing
    /// under the one above; an offer that names none goes to its source's placeholder.
    async fn resolve(
        &mut self,
        store: &dyn Store,
        names: &[String],
        source: Source,
    ) -> Result<OrganisationId, StoreError> {
        if names.is_empty() {
            let placeholder = format!("Employeur non précisé ({})", source.label());
            return Box::pin(self.resolve(store, &[placeholder], source)).await;
        }
        let mut parent = None;
        for name in names {
            let key = text::fold(name.trim());
            let id = match self.by_name.get(&key) {
                Some(id) => *id,
                None => {
                    let kind = match parent {
                        None if key.starts_with("ministere") => OrganisationKind::Ministere,
                        None => OrganisationKind::Autre,
                        Some(_) => OrganisationKind::Service,
                    };
                    let created = store
                        .create_organisation(&OrganisationData {
                            slug: self.free_slug(name),
                            name: name.trim().to_owned(),
                            acronym: None,
                            kind,
                            parent_id: parent,
                            website: None,
                            logo_url: None,
                            page: EmployerPage::default(),
                        })
                        .await?;
                    self.by_name.insert(key, created.id);
                    created.id
                }
            };
            parent = Some(id);
        }
        parent.ok_or_else(|| StoreError::Invalid("aucun employeur".into()))
    }

    /// A slug from `name` that no organisation has.
    fn free_slug(&mut self, name: &str) -> Slug {
        let base =
            Slug::from_text(name).map_or_else(|| "employeur".to_owned(), |s| s.as_str().to_owned());
        let base: String = base.chars().take(Slug::MAX_LEN - 6).collect();
        let base = base.trim_end_matches('-').to_owned();
        let mut candidate = base.clone();
        let mut n = 2;
        while self.slugs.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.slugs.insert(candidate.clone());
        Slug::parse(&candidate).expect("a slug with a number after it is a slug")
    }
}

#[cfg(test)]
mod tests;
