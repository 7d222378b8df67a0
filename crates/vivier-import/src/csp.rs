//! The weekly open-data file "Les offres diffusées sur Choisir le service public" (DGAFP,
//! Licence Ouverte): `;`-separated, UTF-8, quoted multi-line fields, 30 columns in no fixed
//! order, French dates.

use vivier_domain::Slug;
use vivier_domain::offer::{Category, ContractType, OfferSections, Remote};
use vivier_domain::text;

use crate::columns::{Column, Columns};
use crate::read::Record;
use crate::source::{MAX_TITLE_CHARS, Rejection, SourceOffer, filled};
use crate::values;

/// Where an offer's page is, from its title and reference (as the file's reusers rebuild it:
/// the file has no URL column).
pub const OFFER_URL: &str = "https://choisirleservicepublic.gouv.fr/offre-emploi/";

/// Longest cell kept, in bytes; a longer one rejects its row (no real cell comes near).
pub const MAX_CELL_BYTES: usize = 100_000;

/// The file's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CspColumn {
    Reference,
    Title,
    ParentOrganisation,
    Employer,
    Branch,
    Category,
    JobNature,
    ContractNature,
    ContractLength,
    JobLabel,
    Specialisation,
    Management,
    FullTime,
    Remote,
    PostLength,
    PostStatus,
    Education,
    Experience,
    Levels,
    Languages,
    Skills,
    Documents,
    JournalNotice,
    Workplace,
    WorkplaceText,
    Location,
    VacancyDate,
    FirstPublication,
    PublicationStart,
    PublicationEnd,
}

impl Column for CspColumn {
    const ALL: &'static [Self] = &[
        Self::Reference,
        Self::Title,
        Self::ParentOrganisation,
        Self::Employer,
        Self::Branch,
        Self::Category,
        Self::JobNature,
        Self::ContractNature,
        Self::ContractLength,
        Self::JobLabel,
        Self::Specialisation,
        Self::Management,
        Self::FullTime,
        Self::Remote,
        Self::PostLength,
        Self::PostStatus,
        Self::Education,
        Self::Experience,
        Self::Levels,
        Self::Languages,
        Self::Skills,
        Self::Documents,
        Self::JournalNotice,
        Self::Workplace,
        Self::WorkplaceText,
        Self::Location,
        Self::VacancyDate,
        Self::FirstPublication,
        Self::PublicationStart,
        Self::PublicationEnd,
    ];

    fn header(self) -> &'static str {
        match self {
            Self::Reference => "Référence",
            Self::Title => "Intitulé du poste",
            Self::ParentOrganisation => "Organisme de rattachement",
            Self::Employer => "Employeur",
            Self::Branch => "Versant",
            Self::Category => "Catégorie",
            Self::JobNature => "Nature de l'emploi",
            Self::ContractNature => "Nature de contrat",
            Self::ContractLength => "Durée du contrat",
            Self::JobLabel => "Métier",
            Self::Specialisation => "Spécialisation",
            Self::Management => "Management",
            Self::FullTime => "Temps Plein",
            Self::Remote => "Télétravail",
            Self::PostLength => "Durée du poste",
            Self::PostStatus => "Statut du poste",
            Self::Education => "Niveau d'études",
            Self::Experience => "Niveau d'expérience min. requis",
            Self::Levels => "Niveaux",
            Self::Languages => "Langues",
            Self::Skills => "Compétences attendues",
            Self::Documents => "Documents à transmettre",
            Self::JournalNotice => "Avis de vacances au JO",
            Self::Workplace => "Lieu d'affectation",
            Self::WorkplaceText => "Lieu d'affectation (sans géolocalisation)",
            Self::Location => "Localisation du poste",
            Self::VacancyDate => "Date de vacance de l'emploi",
            Self::FirstPublication => "Date de première publication",
            Self::PublicationStart => "Date de début de publication par défaut",
            Self::PublicationEnd => "Date de fin de publication par défaut",
        }
    }

    fn required(self) -> bool {
        // Without these, no offer of the file could be imported; the others may be missing
        // from an older or newer version of the file.
        matches!(
            self,
            Self::Reference
                | Self::Title
                | Self::Employer
                | Self::Location
                | Self::FirstPublication
        )
    }
}

/// A row's cells, decoded.
struct Cells<'a> {
    record: &'a Record,
    columns: &'a Columns<CspColumn>,
}

impl<'a> Cells<'a> {
    /// The cell's text (empty when the file has no such column).
    fn text(&self, column: CspColumn) -> Result<&'a str, String> {
        let Some(i) = self.columns.position(column) else {
            return Ok("");
        };
        let bytes = self.record.bytes(i);
        if bytes.len() > MAX_CELL_BYTES {
            return Err(format!(
                "la colonne « {} » dépasse {} Ko ({} Ko)",
                column.header(),
                MAX_CELL_BYTES / 1000,
                bytes.len() / 1000
            ));
        }
        std::str::from_utf8(bytes).map_err(|_| {
            format!(
                "la colonne « {} » n'est pas du texte UTF-8 (fichier en Latin-1 ?)",
                column.header()
            )
        })
    }

    fn filled(&self, column: CspColumn) -> Result<Option<String>, String> {
        self.text(column).map(filled)
    }
}

/// Maps one data row of the file.
pub fn map(record: &Record, columns: &Columns<CspColumn>) -> Result<SourceOffer, Rejection> {
    let cells = Cells { record, columns };
    let reference = cells.filled(CspColumn::Reference).ok().flatten();
    let reject = |reason: String| Rejection {
        line: record.line,
        reference: reference.clone(),
        reason,
    };
    if record.len() != columns.width() {
        return Err(reject(format!(
            "{} champ(s) au lieu de {} (un « ; » ou un guillemet mal placé ?)",
            record.len(),
            columns.width()
        )));
    }
    map_cells(&cells).map_err(reject)
}

fn map_cells(cells: &Cells<'_>) -> Result<SourceOffer, String> {
    use CspColumn as C;
    let reference = cells.filled(C::Reference)?.ok_or("la référence est vide")?;
    let title = cells
        .filled(C::Title)?
        .ok_or("l'intitulé du poste est vide")?;
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!(
            "l'intitulé du poste dépasse {MAX_TITLE_CHARS} caractères"
        ));
    }
    let location = cells.text(C::Location)?;
    let (place, department) = match values::place_with_department(location) {
        Some((place, department)) => (filled(place), Some(department)),
        None => (filled(location), None),
    };
    let published_on = match cells.filled(C::FirstPublication)? {
        Some(date) => values::date(&date)?,
        None => values::date(
            &cells
                .filled(C::PublicationStart)?
                .ok_or("aucune date de publication")?,
        )?,
    };
    let deadline = values::end_date(cells.text(C::PublicationEnd)?)?;
    let source_url = Slug::from_text(&title).map(|slug| {
        format!(
            "{OFFER_URL}{}-reference-{}/",
            slug.as_str(),
            Slug::from_text(&reference).map_or(reference.clone(), |r| r.as_str().to_owned())
        )
    });
    Ok(SourceOffer {
        line: cells.record.line,
        organisations: organisations(cells.text(C::ParentOrganisation)?, cells.text(C::Employer)?),
        job_label: cells.filled(C::JobLabel)?,
        category: category(cells.text(C::Category)?),
        contract_types: vec![contract_type(cells.text(C::JobNature)?)],
        remote: if values::yes(cells.text(C::Remote)?) {
            Remote::Partiel
        } else {
            Remote::Aucun
        },
        full_time: cells.filled(C::FullTime)?.map(|t| values::yes(&t)),
        experience: cells.filled(C::Experience)?,
        education: cells.filled(C::Education)?,
        place,
        department,
        published_on: Some(published_on),
        deadline,
        source_url,
        sections: sections(cells)?,
        reference,
        title,
    })
}

/// The parent organisation, then the employer (the first line of its cell: the rest is
/// sometimes a postal address), once if both are the same.
fn organisations(parent: &str, employer: &str) -> Vec<String> {
    let employer = employer.lines().map(str::trim).find(|l| !l.is_empty());
    let mut names: Vec<String> = [Some(parent.trim()), employer]
        .into_iter()
        .flatten()
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    names.dedup_by(|a, b| text::fold(a) == text::fold(b));
    names
}

/// "Catégorie A", "A+", "catégorie b"…
fn category(text: &str) -> Option<Category> {
    let folded = text::fold(text);
    let rest = folded.trim().trim_start_matches("categorie").trim_start();
    match rest.chars().next()? {
        'a' => Some(Category::A),
        'b' => Some(Category::B),
        'c' => Some(Category::C),
        _ => None,
    }
}

/// Who may apply, from "Nature de l'emploi": only contract staff, or civil servants and
/// contract staff (the domain has no "civil servants only": such offers are open to
/// secondment, which is the first kind).
fn contract_type(text: &str) -> ContractType {
    let folded = text::fold(text);
    let contract = folded.contains("contractuel");
    let civil = folded.contains("titulaire") || folded.contains("fonctionnaire");
    if folded.contains("apprenti") {
        ContractType::Apprentissage
    } else if folded.contains("stage") {
        ContractType::Stage
    } else if contract && (!civil || folded.contains("uniquement")) {
        ContractType::ContractuelUniquement
    } else {
        ContractType::TitulaireOuContractuel
    }
}

/// The file has no missions column: its reusers show the expected skills instead, which
/// Vivier shows as the profile sought; the practical details go under special conditions.
fn sections(cells: &Cells<'_>) -> Result<OfferSections, String> {
    use CspColumn as C;
    let mut conditions = Vec::new();
    for (label, column) in [
        ("Lieu d'affectation", C::Workplace),
        ("Nature du contrat", C::ContractNature),
        ("Durée du contrat", C::ContractLength),
        ("Spécialisation", C::Specialisation),
        ("Management", C::Management),
        ("Langues", C::Languages),
        ("Date de vacance de l'emploi", C::VacancyDate),
    ] {
        let mut value = cells.filled(column)?;
        if column == C::Workplace && value.is_none() {
            value = cells.filled(C::WorkplaceText)?;
        }
        if let Some(value) = value {
            conditions.push(format!("{label} : {value}"));
        }
    }
    let mut process = Vec::new();
    if let Some(documents) = cells.filled(C::Documents)? {
        process.push(format!("Documents à transmettre : {documents}"));
    }
    if let Some(notice) = cells.filled(C::JournalNotice)? {
        process.push(format!("Avis de vacance au Journal officiel : {notice}"));
    }
    let join = |lines: Vec<String>| (!lines.is_empty()).then(|| lines.join("\n"));
    Ok(OfferSections {
        profile: cells.filled(C::Skills)?,
        recruitment_process: join(process),
        special_conditions: join(conditions),
        ..OfferSections::default()
    })
}

#[cfg(test)]
mod tests;
