//! Place de l'emploi public's exports: the TalentSoft back-office export (56 columns,
//! `;`-separated, quoted multi-line cells) and the `|`-separated partner exports made for
//! Pôle emploi (16 to 19 columns, line breaks written `\n`).

use vivier_domain::offer::{OfferSections, Remote};
use vivier_domain::text;

use crate::columns::{Cells, Column, Columns, map_row};
use crate::read::Record;
use crate::source::{Rejection, SourceOffer, checked_title, filled, publication_date};
use crate::values;

/// The TalentSoft export's columns that Vivier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TalentSoftColumn {
    Reference,
    Status,
    Title,
    Missions,
    Profile,
    Context,
    WorkContext,
    HowToApply,
    JobProfile,
    Category,
    Contract,
    ContractLength,
    EducationAndExperience,
    Education,
    Employer,
    Entity1,
    Entity2,
    Entity3,
    Entity4,
    Entity5,
    Entity,
    Workplace,
    City,
    Department,
    Language,
    WorkingTime,
    FirstPublication,
    PublicationStart,
    PublicationEnd,
}

impl Column for TalentSoftColumn {
    const ALL: &'static [Self] = &[
        Self::Reference,
        Self::Status,
        Self::Title,
        Self::Missions,
        Self::Profile,
        Self::Context,
        Self::WorkContext,
        Self::HowToApply,
        Self::JobProfile,
        Self::Category,
        Self::Contract,
        Self::ContractLength,
        Self::EducationAndExperience,
        Self::Education,
        Self::Employer,
        Self::Entity1,
        Self::Entity2,
        Self::Entity3,
        Self::Entity4,
        Self::Entity5,
        Self::Entity,
        Self::Workplace,
        Self::City,
        Self::Department,
        Self::Language,
        Self::WorkingTime,
        Self::FirstPublication,
        Self::PublicationStart,
        Self::PublicationEnd,
    ];

    fn header(self) -> &'static str {
        match self {
            Self::Reference => "Offer_Reference_",
            Self::Status => "Offer_OfferStatus_",
            Self::Title => "JobDescriptionTranslation_JobTitle_",
            Self::Missions => "JobDescriptionTranslation_Description1_",
            Self::Profile => "JobDescriptionTranslation_Description2_",
            Self::Context => "JobDescription_CustomFieldsTranslation_LongText1_",
            Self::WorkContext => "JobDescription_CustomFieldsTranslation_LongText3_",
            Self::HowToApply => "OfferCustomBlock1_CustomFieldsTranslation_LongText1_",
            Self::JobProfile => "JobDescription_PrimaryProfile_",
            Self::Category => "JobDescription_CustomFields_CustomCodeTableValue1_",
            Self::Contract => "JobDescription_Contract_",
            Self::ContractLength => "JobDescriptionTranslation_ContractLength_",
            Self::EducationAndExperience => "JobDescription_CustomFieldsTranslation_LongText2_",
            Self::Education => "ApplicantCriteria_EducationLevel_",
            Self::Employer => "Offer_CustomFieldsTranslation_LongText2_",
            Self::Entity1 => "Origin_Entity_With1",
            Self::Entity2 => "Origin_Entity_With2",
            Self::Entity3 => "Origin_Entity_With3",
            Self::Entity4 => "Origin_Entity_With4",
            Self::Entity5 => "Origin_Entity_With5",
            Self::Entity => "Origin_Entity_",
            Self::Workplace => "Location_JobLocation_",
            Self::City => "Location_CustomFieldsTranslation_ShortText1_",
            Self::Department => "Location_Department_Department_",
            Self::Language => "RequiredLanguage_Language_",
            Self::WorkingTime => "OfferCustomBlock1_CustomFields_CustomCodeTableValue3_",
            Self::FirstPublication => "FirstPublicationDate",
            Self::PublicationStart => "SchedulingData_DefaultPublicationBeginDate_",
            Self::PublicationEnd => "SchedulingData_DefaultPublicationEndDate_",
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            Self::Reference | Self::Title | Self::Missions | Self::PublicationStart
        )
    }
}

/// Maps one data row of the TalentSoft export; its texts come out in Vivier's text model
/// ([`crate::html`]).
pub fn map_talentsoft(
    record: &Record,
    columns: &Columns<TalentSoftColumn>,
) -> Result<SourceOffer, Rejection> {
    map_row(record, columns, TalentSoftColumn::Reference, talentsoft)
        .map(SourceOffer::with_text_sections)
}

fn talentsoft(cells: &Cells<'_, TalentSoftColumn>) -> Result<SourceOffer, String> {
    use TalentSoftColumn as C;
    let reference = cells.filled(C::Reference)?.ok_or("la référence est vide")?;
    let title = checked_title(cells.filled(C::Title)?)?;
    let (place, department) = match values::place_with_department(cells.text(C::Department)?) {
        Some((name, code)) => (cells.filled(C::City)?.or(filled(name)), Some(code)),
        None => (cells.filled(C::City)?, None),
    };
    let published_on = publication_date(
        cells.filled(C::FirstPublication)?,
        cells.filled(C::PublicationStart)?,
    )?;
    let status = cells.text(C::Status)?;
    let mut conditions = Vec::new();
    for (label, column) in [
        ("Lieu d'affectation", C::Workplace),
        ("Durée du contrat", C::ContractLength),
        ("Langue", C::Language),
    ] {
        if let Some(value) = cells.filled(column)? {
            conditions.push(format!("{label} : {value}"));
        }
    }
    let education_and_experience = cells.filled(C::EducationAndExperience)?;
    Ok(SourceOffer {
        line: cells.line(),
        // "Diffusée" is the only state of a published offer; an empty cell is taken as one.
        open: status.trim().is_empty() || text::fold(status).trim() == "diffusee",
        organisations: talentsoft_organisations(cells)?,
        job_label: cells
            .filled(C::JobProfile)?
            .filter(|label| text::fold(label) != "non renseigne")
            .map(|label| without_code(&label).to_owned()),
        ogr_code: None,
        category: values::category(cells.text(C::Category)?),
        contract_types: vec![values::contract_type(cells.text(C::Contract)?)],
        // The export says nothing of remote work.
        remote: Remote::Aucun,
        full_time: cells.filled(C::WorkingTime)?.map(|t| {
            let folded = text::fold(&t);
            folded.contains("complet") && !folded.contains("non complet")
        }),
        experience: education_and_experience
            .as_deref()
            .and_then(|t| t.split_once("Expérience"))
            .map(|(_, experience)| {
                format!("Expérience{experience}")
                    .trim_end_matches('.')
                    .to_owned()
            }),
        education: cells
            .filled(C::Education)?
            .or(education_and_experience.as_deref().map(|t| {
                t.split(" - Expérience")
                    .next()
                    .unwrap_or(t)
                    .trim()
                    .to_owned()
            })),
        place,
        department,
        published_on: Some(published_on),
        deadline: values::end_date(cells.text(C::PublicationEnd)?)?,
        source_url: None,
        sections: OfferSections {
            mission: cells.filled(C::Missions)?,
            context: cells.filled(C::Context)?,
            team: cells.filled(C::WorkContext)?,
            profile: cells.filled(C::Profile)?,
            recruitment_process: cells.filled(C::HowToApply)?,
            special_conditions: (!conditions.is_empty()).then(|| conditions.join("\n")),
            ..OfferSections::default()
        },
        reference,
        title,
    })
}

/// The employer hierarchy: the `Origin_Entity_With1..5` levels below the export's own roots
/// (the DGAFP, then the branch of the civil service), then the employer's name.
fn talentsoft_organisations(cells: &Cells<'_, TalentSoftColumn>) -> Result<Vec<String>, String> {
    use TalentSoftColumn as C;
    let mut names = Vec::new();
    for column in [
        C::Entity1,
        C::Entity2,
        C::Entity3,
        C::Entity4,
        C::Entity5,
        C::Entity,
        C::Employer,
    ] {
        let Some(name) = cells.filled(column)? else {
            continue;
        };
        let folded = text::fold(&name);
        let root = folded == "dgafp"
            || folded.starts_with("fonction publique")
            || folded == "apprentissage et stage";
        if !root && !names.iter().any(|n: &String| text::fold(n) == folded) {
            names.push(name);
        }
    }
    Ok(names)
}

/// "Responsable des études et applications (FPT - A7A/08)" without its directory code.
fn without_code(label: &str) -> &str {
    match label
        .trim()
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once(" ("))
    {
        Some((name, code)) if code.contains(" - ") => name.trim(),
        _ => label.trim(),
    }
}

/// The partner exports' columns (their order and number change from one file to the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartnerColumn {
    Reference,
    Url,
    OgrCode,
    JobLabel,
    Description,
    DepartmentName,
    DepartmentCode,
    Created,
}

impl Column for PartnerColumn {
    const ALL: &'static [Self] = &[
        Self::Reference,
        Self::Url,
        Self::OgrCode,
        Self::JobLabel,
        Self::Description,
        Self::DepartmentName,
        Self::DepartmentCode,
        Self::Created,
    ];

    fn header(self) -> &'static str {
        match self {
            Self::Reference => "Par_ref_offre",
            Self::Url => "Par_URL_offre",
            Self::OgrCode => "Code_ogr",
            Self::JobLabel => "Libelle_metier_OGR",
            Self::Description => "Description",
            Self::DepartmentName => "DEP_libelle",
            Self::DepartmentCode => "DEP_cle",
            Self::Created => "Off_date_creation",
        }
    }

    fn required(self) -> bool {
        matches!(self, Self::Reference | Self::Description)
    }
}

/// Maps one line of a partner export; its texts come out in Vivier's text model
/// ([`crate::html`]). These exports have no title column: the offer's title is taken from its
/// page's address when that holds one, else from the job label.
pub fn map_partner(
    record: &Record,
    columns: &Columns<PartnerColumn>,
) -> Result<SourceOffer, Rejection> {
    map_row(record, columns, PartnerColumn::Reference, partner).map(SourceOffer::with_text_sections)
}

fn partner(cells: &Cells<'_, PartnerColumn>) -> Result<SourceOffer, String> {
    use PartnerColumn as C;
    let reference = cells.filled(C::Reference)?.ok_or("la référence est vide")?;
    let url = cells.filled(C::Url)?;
    let job_label = cells.filled(C::JobLabel)?;
    // The address holds the offer's real title (without its accents); the job label is the
    // title in some exports, the directory's label in others.
    let title = checked_title(
        url.as_deref()
            .and_then(title_from_url)
            .or_else(|| job_label.clone()),
    )?;
    let ogr_code = cells
        .filled(C::OgrCode)?
        .and_then(|code| code.parse::<u32>().ok())
        // The 2021-03-05 export writes 12345 where it has no code.
        .filter(|&code| code != 12_345);
    let department = match cells.filled(C::DepartmentCode)? {
        Some(code) => Some(
            vivier_domain::geo::DepartmentCode::parse(&code).map_err(|_| {
                format!("code de département inconnu « {} »", values::shorten(&code))
            })?,
        ),
        None => None,
    };
    let published_on = cells
        .filled(C::Created)?
        .map(|date| values::date(&date))
        .transpose()?;
    Ok(SourceOffer {
        line: cells.line(),
        reference,
        title,
        organisations: Vec::new(),
        open: true,
        job_label,
        ogr_code,
        category: None,
        contract_types: vec![values::contract_type("")],
        remote: Remote::Aucun,
        full_time: None,
        experience: None,
        education: None,
        place: cells.filled(C::DepartmentName)?,
        department,
        published_on,
        deadline: None,
        source_url: url.filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        sections: OfferSections {
            mission: cells.filled(C::Description)?,
            ..OfferSections::default()
        },
    })
}

/// "…/offre-emploi/gestionnaire-des-ressources-humaines-hf-reference-2021-533167" →
/// "Gestionnaire des ressources humaines hf"; `None` when the address holds only a reference.
fn title_from_url(url: &str) -> Option<String> {
    let slug = url.trim_end_matches('/').rsplit('/').next()?;
    let words = slug
        .split_once("-reference-")
        .map_or(slug, |(words, _)| words);
    // Split rather than replaced: a doubled or trailing hyphen ("…-hf--reference-…", in a real
    // export) or a space must not leave a double or trailing space in the title.
    let words: Vec<&str> = words
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect();
    if words
        .iter()
        .all(|word| word.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut title = words.join(" ");
    if let Some(first) = title.get(..1) {
        title.replace_range(..1, &first.to_uppercase());
    }
    Some(title)
}

#[cfg(test)]
mod tests;
