//! An offer as an export describes it, before it is tied to Vivier's organisations, job
//! families and places.

use std::borrow::Cow;

use time::Date;
use vivier_domain::geo::DepartmentCode;
use vivier_domain::offer::{Category, ContractType, OfferSections, Remote};

use crate::columns::{Cells, Column};
use crate::html;

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

impl SourceOffer {
    /// The offer with its sections in Vivier's text model ([`html::to_text`]), a section left
    /// empty by it dropped. Every mapper gives its offers through here, so that the content
    /// hash is that of the text Vivier shows.
    pub(crate) fn with_text_sections(mut self) -> Self {
        // Named one by one, so that a new section cannot be forgotten here.
        let OfferSections {
            mission,
            context,
            activities,
            team,
            profile,
            benefits,
            recruitment_process,
            special_conditions,
        } = &mut self.sections;
        for section in [
            mission,
            context,
            activities,
            team,
            profile,
            benefits,
            recruitment_process,
            special_conditions,
        ] {
            *section = section.take().and_then(as_text);
        }
        self
    }
}

/// `text` in Vivier's text model ([`html::to_text`]), not copied when it already is;
/// `None` when nothing is left.
fn as_text(text: String) -> Option<String> {
    let cleaned = match html::to_text(&text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(cleaned) => Some(cleaned),
    };
    let text = cleaned.unwrap_or(text);
    (!text.trim().is_empty()).then_some(text)
}

/// A title as a Vivier offer accepts it: text without markup ([`html::to_text`]) on one line,
/// present, and not too long.
pub(crate) fn checked_title(title: Option<String>) -> Result<String, String> {
    let title = title
        .and_then(as_text)
        .map(|title| {
            if title.contains(['\n', '\r']) {
                title.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                title
            }
        })
        .ok_or("l'intitulé du poste est vide")?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::map_all;
    use crate::read::Dialect;
    use crate::{csp, pep};

    #[test]
    fn titles_are_text_on_one_line() {
        assert_eq!(
            checked_title(Some("Chef de projet &amp; <b>data</b> (H/F)".to_owned())),
            Ok("Chef de projet & data (H/F)".to_owned())
        );
        assert_eq!(
            checked_title(Some("Développeur\r\n  full stack".to_owned())),
            Ok("Développeur full stack".to_owned())
        );
        assert_eq!(
            checked_title(Some("<p>Architecte</p><p>cloud</p>".to_owned())),
            Ok("Architecte cloud".to_owned())
        );
        assert!(checked_title(Some("<p> </p>".to_owned())).is_err());
        assert!(checked_title(None).is_err());
    }

    #[test]
    fn every_mapper_gives_its_sections_as_text() {
        let csp = map_all(
            "Référence;Intitulé du poste;Employeur;Localisation du poste;\
             Date de première publication;Compétences attendues\n\
             2026-1;\"Data &amp; IA\";DINUM;Paris (75);05/11/2026;\
             \"<ul><li>Rust</li><li>SQL&nbsp;!</li></ul>\"\n"
                .as_bytes(),
            Dialect::SEMICOLON,
            csp::map,
        )
        .remove(0)
        .expect("mapped");
        assert_eq!(csp.title, "Data & IA");
        assert_eq!(csp.sections.profile.as_deref(), Some("- Rust\n- SQL !"));

        let talentsoft = map_all(
            "Offer_Reference_;JobDescriptionTranslation_JobTitle_;\
             JobDescriptionTranslation_Description1_;\
             JobDescription_CustomFieldsTranslation_LongText1_;\
             SchedulingData_DefaultPublicationBeginDate_\n\
             o1;Technicien;\"<p>Au sein de la DSI :</p>\n<ul><li>support</li></ul>\";<p> </p>;03/03/2021\n"
                .as_bytes(),
            Dialect::SEMICOLON,
            pep::map_talentsoft,
        )
        .remove(0)
        .expect("mapped");
        assert_eq!(
            talentsoft.sections.mission.as_deref(),
            Some("Au sein de la DSI :\n\n- support")
        );
        assert_eq!(talentsoft.sections.context, None, "only markup: no section");

        let partner = map_all(
            "Par_ref_offre|Libelle_metier_OGR|Description\n\
             p1|Webmestre|Texte<br>suite\\nPlain <b>line</b>\n"
                .as_bytes(),
            Dialect::PIPE,
            pep::map_partner,
        )
        .remove(0)
        .expect("mapped");
        assert_eq!(
            partner.sections.mission.as_deref(),
            Some("Texte\nsuite\nPlain line")
        );
    }
}
