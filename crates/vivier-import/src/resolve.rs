//! A source offer tied to Vivier's referentials: its place in the INSEE geography, its job
//! family, and the shape of a Vivier offer. Organisations are found or created by the caller
//! ([`crate::sync`]), since that writes to the store.

use std::collections::HashMap;

use time::Date;
use url::Url;
use vivier_domain::geo::{CommuneCode, DepartmentCode, Geography};
use vivier_domain::offer::{
    ApplyMethod, Location, OfferData, OfferSections, OfferState, Seniority, Source,
};
use vivier_domain::referential::JobFamily;
use vivier_domain::{JobFamilyId, OrganisationId, Slug, text};

use crate::source::SourceOffer;

/// Where a candidate applies when the export gives no address of its own.
pub const CSP_HOME: &str = "https://choisirleservicepublic.gouv.fr/";

/// Job families by the words of a title or job label, in priority order: the first family
/// whose words appear wins ("chef de projet data" is a data job before a project one).
/// The slugs are those of Vivier's referential; a family missing from the store is skipped.
const FAMILY_WORDS: &[(&str, &[&str])] = &[
    (
        "cybersecurite",
        &[
            "rssi",
            "cyber",
            "cybersecurite",
            "cyberdefense",
            "ssi",
            "securite des systemes",
            "securite informatique",
            "securite numerique",
            "intrusion",
        ],
    ),
    (
        "donnees",
        &[
            "data",
            "donnees",
            "statisticien",
            "statisticienne",
            "datascientist",
        ],
    ),
    ("architecture", &["architecte", "urbaniste", "architecture"]),
    ("design", &["ux", "ui", "designer", "design"]),
    (
        "developpement",
        &[
            "developpeur",
            "developpeuse",
            "developpement",
            "concepteur",
            "conceptrice",
            "integrateur",
            "integratrice",
            "fullstack",
            "full stack",
            "frontend",
            "backend",
            "logiciel",
            "applications",
        ],
    ),
    (
        "infrastructure-et-cloud",
        &[
            "cloud",
            "devops",
            "sre",
            "infrastructure",
            "infrastructures",
            "systemes",
            "systeme",
            "serveurs",
            "production",
            "datacentre",
        ],
    ),
    (
        "reseaux-et-telecommunications",
        &[
            "reseau",
            "reseaux",
            "telecom",
            "telecoms",
            "telecommunications",
            "radio",
            "radiomobiles",
            "transmission",
        ],
    ),
    (
        "produit-et-projet",
        &[
            "projet", "projets", "product", "produit", "moa", "moe", "amoa", "scrum", "agile",
        ],
    ),
    (
        "pilotage-et-management-du-si",
        &[
            "dsi",
            "directeur",
            "directrice",
            "responsable informatique",
            "chef du bureau",
            "cheffe du bureau",
            "chef de service",
            "responsable du pole",
        ],
    ),
    (
        "qualite-et-tests",
        &["tests", "test", "qualification", "recette", "qualite"],
    ),
    (
        "support-et-exploitation",
        &[
            "support",
            "technicien",
            "technicienne",
            "exploitation",
            "proximite",
            "assistance",
            "parc",
            "helpdesk",
            "utilisateurs",
            "informatique",
        ],
    ),
];

/// What resolution needs from the store, read once per run.
#[derive(Debug)]
pub struct Referentials {
    geography: Geography,
    /// Communes by department and folded name.
    communes: HashMap<(DepartmentCode, String), CommuneCode>,
    /// The families of [`FAMILY_WORDS`] that the store has, in that order, with their words
    /// padded with spaces (looked for in a text's padded words).
    families: Vec<(JobFamilyId, Vec<String>)>,
}

impl Referentials {
    /// Indexes the geography and the job families.
    pub fn new(geography: Geography, families: &[JobFamily]) -> Self {
        let communes = geography
            .communes()
            .iter()
            .map(|c| ((c.department.clone(), place_key(&c.name)), c.code.clone()))
            .collect();
        Self {
            geography,
            communes,
            families: FAMILY_WORDS
                .iter()
                .filter_map(|(slug, keys)| {
                    let family = families.iter().find(|f| f.slug.as_str() == *slug)?;
                    Some((family.id, keys.iter().map(|k| format!(" {k} ")).collect()))
                })
                .collect(),
        }
    }

    /// Where the offer is: its department's region, and the commune when its name is known.
    pub fn location(&self, offer: &SourceOffer) -> Result<Location, String> {
        let department = offer.department.as_ref().ok_or_else(|| {
            format!(
                "département introuvable dans la localisation « {} »",
                offer.place.as_deref().unwrap_or("")
            )
        })?;
        let region = self
            .geography
            .department(department)
            .map(|d| d.region.clone())
            .ok_or_else(|| format!("département {department} absent de la géographie INSEE"))?;
        let commune = offer.place.as_deref().and_then(|place| {
            self.communes
                .get(&(department.clone(), place_key(place)))
                .cloned()
        });
        Ok(Location::France {
            region,
            department: Some(department.clone()),
            commune,
        })
    }

    /// The job family its title, then its job label, points to.
    pub fn job_family(&self, offer: &SourceOffer) -> Option<JobFamilyId> {
        [Some(offer.title.as_str()), offer.job_label.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|text| {
                let words = format!(" {} ", words(text));
                self.families
                    .iter()
                    .find(|(_, keys)| keys.iter().any(|key| words.contains(key.as_str())))
                    .map(|(id, _)| *id)
            })
    }
}

/// The Vivier offer for `offer`, of `organisation`, at `slug`; `today` dates an offer that the
/// export does not date.
pub fn offer_data(
    offer: &SourceOffer,
    source: Source,
    organisation: OrganisationId,
    slug: Slug,
    referentials: &Referentials,
    today: Date,
) -> Result<OfferData, String> {
    let source_url = offer
        .source_url
        .as_deref()
        .map(Url::parse)
        .transpose()
        .map_err(|_| "adresse de l'offre invalide".to_owned())?;
    let apply = ApplyMethod::ExternalUrl(match &source_url {
        Some(url) => url.clone(),
        None => Url::parse(CSP_HOME).map_err(|e| e.to_string())?,
    });
    let published_on = offer.published_on.unwrap_or(today);
    let data = OfferData {
        slug,
        reference: offer.reference.clone(),
        title: offer.title.clone(),
        organisation_id: organisation,
        job_family_id: referentials.job_family(offer),
        domain_ids: Vec::new(),
        contract_types: offer.contract_types.clone(),
        category: offer.category,
        remote: offer.remote,
        open_to_juniors: false,
        seniority: offer.experience.as_deref().and_then(seniority),
        salary: None,
        location: referentials.location(offer)?,
        state: if offer.open {
            OfferState::Publiee
        } else {
            OfferState::Cloturee
        },
        published_on: Some(published_on),
        // A deadline before the publication is a mistake of the export: the offer has none.
        deadline: offer.deadline.filter(|d| *d >= published_on),
        source,
        source_reference: Some(offer.reference.clone()),
        source_url,
        apply,
        sections: sections(offer),
    };
    data.check().map_err(|problems| problems.join(" "))?;
    Ok(data)
}

/// The offer's texts, with what Vivier's offers have no field for (working time, education,
/// experience as worded, job label) written under special conditions rather than lost.
fn sections(offer: &SourceOffer) -> OfferSections {
    let mut sections = offer.sections.clone();
    let extra: Vec<String> = [
        offer
            .full_time
            .map(|full| format!("Temps plein : {}", if full { "oui" } else { "non" })),
        offer
            .education
            .as_ref()
            .map(|e| format!("Niveau d'études : {e}")),
        offer
            .experience
            .as_ref()
            .map(|e| format!("Expérience : {e}")),
        offer.job_label.as_ref().map(|l| format!("Métier : {l}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !extra.is_empty() {
        let mut lines: Vec<String> = sections.special_conditions.take().into_iter().collect();
        lines.extend(extra);
        sections.special_conditions = Some(lines.join("\n"));
    }
    sections
}

/// "Expérience souhaitée : de 1 à 3 ans", "Débutant accepté", "Confirmé", "Expert"…
fn seniority(text: &str) -> Option<Seniority> {
    let folded = text::fold(text);
    if folded.contains("debutant") || folded.contains("junior") {
        return Some(Seniority::Debutant);
    }
    if folded.contains("expert") || folded.contains("senior") {
        return Some(Seniority::Expert);
    }
    if folded.contains("confirme") {
        return Some(Seniority::Confirme);
    }
    // The smallest number of years named.
    let years = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u32>().ok())
        .min()?;
    Some(match years {
        0..=1 => Seniority::Debutant,
        2..=6 => Seniority::Confirme,
        _ => Seniority::Expert,
    })
}

/// The offer's address on Vivier: its title's words, then its reference (unique in its
/// source), cut to the longest slug.
pub fn slug_for(offer: &SourceOffer) -> Option<Slug> {
    let reference = Slug::from_text(&offer.reference)?;
    let budget = Slug::MAX_LEN.saturating_sub(reference.as_str().len() + 1);
    let title = Slug::from_text(&offer.title).map(|s| {
        let mut title = s.as_str().to_owned();
        if title.len() > budget {
            title.truncate(budget);
            title = title.trim_end_matches('-').to_owned();
        }
        title
    });
    match title.filter(|t| !t.is_empty()) {
        Some(title) => Slug::parse(&format!("{title}-{}", reference.as_str())).ok(),
        None => Some(reference),
    }
}

/// A commune's name compared loosely: folded, "CEDEX", postal codes and punctuation dropped,
/// "Saint" and "St" alike.
fn place_key(name: &str) -> String {
    words(name)
        .split(' ')
        .filter(|w| *w != "cedex" && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| if w == "st" { "saint" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded words of `text`, one space apart.
fn words(text: &str) -> String {
    text::fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
