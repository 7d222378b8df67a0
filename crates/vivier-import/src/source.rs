//! An offer as an export describes it, before it is tied to Vivier's organisations, job
//! families and places.

use time::Date;
use vivier_domain::geo::DepartmentCode;
use vivier_domain::offer::{Category, ContractType, OfferSections, Remote};

use crate::columns::{Cells, Column};

/// Longest title an offer may have (as [`vivier_domain::offer::OfferData::check`] wants).
pub const MAX_TITLE_CHARS: usize = 200;

/// One offer read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceOffer {
    /// The line of the file where the offer starts.
    pub line: u64,
    /// The offer's reference in its source (unique there).
    pub reference: String,
    pub title: String,
    /// The employer and the organisations it belongs to, from the top (a ministry) down to
    /// the employer itself; names as the export writes them.
    pub organisations: Vec<String>,
    /// Whether the source still publishes it (exports also list suspended or filled offers).
    pub open: bool,
    /// The job's label in the State's job directories (RMFP, RIME) or the export's own.
    pub job_label: Option<String>,
    /// The job's code in France Travail's directory (ROME OGR appellation), when given.
    pub ogr_code: Option<u32>,
    pub category: Option<Category>,
    pub contract_types: Vec<ContractType>,
    pub remote: Remote,
    pub full_time: Option<bool>,
    /// The experience asked for, as the export words it.
    pub experience: Option<String>,
    /// The level of education asked for, as the export words it.
    pub education: Option<String>,
    /// The place's name as written (a commune, most often), without the department code.
    pub place: Option<String>,
    pub department: Option<DepartmentCode>,
    pub published_on: Option<Date>,
    /// The last day of publication, `None` when open-ended.
    pub deadline: Option<Date>,
    /// The offer's page in its source.
    pub source_url: Option<String>,
    pub sections: OfferSections,
}

/// A row that cannot become an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The line where the row starts.
    pub line: u64,
    /// Its reference, when it could be read.
    pub reference: Option<String>,
    /// Why, in French.
    pub reason: String,
}

impl Rejection {
    /// The rejection of the row `cells`, its reference read from `reference` if possible.
    pub(crate) fn of<C: Column>(cells: &Cells<'_, C>, reference: C, reason: String) -> Self {
        Self {
            line: cells.line(),
            reference: cells.filled(reference).ok().flatten(),
            reason,
        }
    }
}

/// A cell's text, trimmed; `None` when empty.
pub(crate) fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A title as a Vivier offer accepts it: present, and not too long.
pub(crate) fn checked_title(title: Option<String>) -> Result<String, String> {
    let title = title.ok_or("l'intitulé du poste est vide")?;
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!(
            "l'intitulé du poste dépasse {MAX_TITLE_CHARS} caractères"
        ));
    }
    Ok(title)
}

/// The first publication date, or failing that the start of the current publication.
pub(crate) fn publication_date(
    first: Option<String>,
    start: Option<String>,
) -> Result<time::Date, String> {
    let date = first.or(start).ok_or("aucune date de publication")?;
    crate::values::date(&date)
}
