//! The weekly open-data file "Les offres diffusées sur Choisir le service public" (DGAFP,
//! Licence Ouverte): `;`-separated, UTF-8, quoted multi-line fields, 30 columns in no fixed
//! order, French dates.

use vivier_domain::Slug;
use vivier_domain::offer::{OfferSections, Remote};
use vivier_domain::text;

use crate::columns::{Cells, Column, Columns, map_row};
use crate::read::Record;
use crate::source::{Rejection, SourceOffer, checked_title, filled, publication_date};
use crate::values;

/// Where an offer's page is, from its title and reference (as the file's reusers rebuild it:
/// the file has no URL column).
pub const OFFER_URL: &str = "https://choisirleservicepublic.gouv.fr/offre-emploi/";

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

/// Maps one data row of the file; its texts come out in Vivier's text model
/// ([`crate::html`]).
pub fn map(record: &Record, columns: &Columns<CspColumn>) -> Result<SourceOffer, Rejection> {
    map_row(record, columns, CspColumn::Reference, map_cells).map(SourceOffer::with_text_sections)
}

fn map_cells(cells: &Cells<'_, CspColumn>) -> Result<SourceOffer, String> {
    use CspColumn as C;
    let reference = cells.filled(C::Reference)?.ok_or("la référence est vide")?;
    let title = checked_title(cells.filled(C::Title)?)?;
    let location = cells.text(C::Location)?;
    let (place, department) = match values::place_with_department(location) {
        Some((place, department)) => (filled(place), Some(department)),
        None => (filled(location), None),
    };
    let published_on = publication_date(
        cells.filled(C::FirstPublication)?,
        cells.filled(C::PublicationStart)?,
    )?;
    let deadline = values::end_date(cells.text(C::PublicationEnd)?)?;
    let source_url = Slug::from_text(&title).map(|slug| {
        format!(
            "{OFFER_URL}{}-reference-{}/",
            slug.as_str(),
            Slug::from_text(&reference).map_or(reference.clone(), |r| r.as_str().to_owned())
        )
    });
    Ok(SourceOffer {
        line: cells.line(),
        organisations: organisations(cells.text(C::ParentOrganisation)?, cells.text(C::Employer)?),
        open: true,
        job_label: cells.filled(C::JobLabel)?,
        ogr_code: None,
        category: values::category(cells.text(C::Category)?),
        contract_types: vec![values::contract_type(cells.text(C::JobNature)?)],
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
pub(crate) fn organisations(parent: &str, employer: &str) -> Vec<String> {
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

/// The file has no missions column: its reusers show the expected skills instead, which
/// Vivier shows as the profile sought; the practical details go under special conditions.
fn sections(cells: &Cells<'_, CspColumn>) -> Result<OfferSections, String> {
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
