//! Job offers: what they say, where, for whom, and in which state.

use time::{Date, OffsetDateTime};
use url::Url;

use crate::codes::coded_enum;
use crate::geo::{CommuneCode, DepartmentCode, Geography, Places, RegionCode};
use crate::{DomainId, Email, JobFamilyId, OfferId, OrganisationId, SalaryRange, Slug};

coded_enum! {
    /// Who may be hired, and how.
    pub enum ContractType {
        TitulaireOuContractuel => ("titulaire_ou_contractuel", "Titulaire ou contractuel"),
        ContractuelUniquement => ("contractuel", "Contractuel uniquement"),
        Freelance => ("freelance", "Freelance"),
        Apprentissage => ("apprentissage", "Apprentissage"),
        Stage => ("stage", "Stage"),
        ViaVie => ("via_vie", "VIA / VIE"),
    }
}

coded_enum! {
    /// Civil-service category of the position.
    pub enum Category {
        A => ("a", "Catégorie A"),
        B => ("b", "Catégorie B"),
        C => ("c", "Catégorie C"),
    }
}

coded_enum! {
    /// How much of the work can be done remotely.
    pub enum Remote {
        Total => ("total", "Télétravail total"),
        Partiel => ("partiel", "Télétravail partiel"),
        Aucun => ("aucun", "Pas de télétravail"),
    }
}

coded_enum! {
    /// Experience expected.
    pub enum Seniority {
        Debutant => ("debutant", "Débutant (moins de 2 ans)"),
        Confirme => ("confirme", "Confirmé (2 à 7 ans)"),
        Expert => ("expert", "Expert (plus de 7 ans)"),
    }
}

coded_enum! {
    /// Life cycle of an offer.
    pub enum OfferState {
        /// Being written; never public.
        Brouillon => ("brouillon", "Brouillon"),
        /// Public; open to applications until its deadline.
        Publiee => ("publiee", "Publiée"),
        /// Someone was hired; still reachable, no longer open.
        Pourvue => ("pourvue", "Pourvue"),
        /// Withdrawn or expired; still reachable, no longer open.
        Cloturee => ("cloturee", "Clôturée"),
    }
}

coded_enum! {
    /// Where the offer comes from.
    pub enum Source {
        Vivier => ("vivier", "Vivier"),
        Pep => ("pep", "Place de l'emploi public"),
        Csp => ("csp", "Choisir le service public"),
    }
}

/// How a candidate applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyMethod {
    /// Through Vivier's own application form (arrives with candidate accounts).
    Vivier,
    /// On another site.
    ExternalUrl(Url),
    /// By e-mail.
    Email(Email),
}

impl ApplyMethod {
    /// Stable code of the method.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Vivier => "vivier",
            Self::ExternalUrl(_) => "url",
            Self::Email(_) => "email",
        }
    }
}

/// Where the job is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In France: a region, and when known a department and a commune.
    France {
        region: RegionCode,
        department: Option<DepartmentCode>,
        commune: Option<CommuneCode>,
    },
    /// Abroad (embassies, representations): a country and maybe a city.
    Abroad {
        country: String,
        city: Option<String>,
    },
}

impl Location {
    /// The regions, department and commune this location names, looked up in `geography`;
    /// `None` abroad.
    pub fn places<'g>(&self, geography: &'g Geography) -> Option<Places<'g>> {
        match self {
            Self::France {
                region,
                department,
                commune,
            } => Some(Places {
                region: geography.region(region),
                department: department.as_ref().and_then(|d| geography.department(d)),
                commune: commune.as_ref().and_then(|c| geography.commune(c)),
            }),
            Self::Abroad { .. } => None,
        }
    }
}

/// The texts of an offer; each section is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferSections {
    pub mission: Option<String>,
    pub context: Option<String>,
    pub activities: Option<String>,
    pub team: Option<String>,
    pub profile: Option<String>,
    pub benefits: Option<String>,
    pub recruitment_process: Option<String>,
    pub special_conditions: Option<String>,
}

impl OfferSections {
    /// The sections in reading order: (anchor, French title, text), filled ones only.
    pub fn filled(&self) -> Vec<(&'static str, &'static str, &str)> {
        [
            ("mission", "Votre mission", &self.mission),
            ("contexte", "Contexte", &self.context),
            ("activites", "Activités principales", &self.activities),
            ("equipe", "L'équipe", &self.team),
            ("profil", "Profil recherché", &self.profile),
            ("avantages", "Avantages", &self.benefits),
            (
                "processus",
                "Processus de recrutement",
                &self.recruitment_process,
            ),
            (
                "conditions",
                "Conditions particulières",
                &self.special_conditions,
            ),
        ]
        .into_iter()
        .filter_map(|(anchor, title, text)| {
            text.as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| (anchor, title, t))
        })
        .collect()
    }
}

/// Everything that defines an offer (what a recruiter or an import writes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferData {
    pub slug: Slug,
    /// Internal reference, as the recruiting service knows the position.
    pub reference: String,
    pub title: String,
    pub organisation_id: OrganisationId,
    pub job_family_id: Option<JobFamilyId>,
    pub domain_ids: Vec<DomainId>,
    pub contract_types: Vec<ContractType>,
    pub category: Option<Category>,
    pub remote: Remote,
    pub open_to_juniors: bool,
    pub seniority: Option<Seniority>,
    pub salary: Option<SalaryRange>,
    pub location: Location,
    pub state: OfferState,
    pub published_on: Option<Date>,
    pub deadline: Option<Date>,
    pub source: Source,
    pub source_reference: Option<String>,
    pub source_url: Option<Url>,
    pub apply: ApplyMethod,
    pub sections: OfferSections,
}

/// A stored offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: OfferId,
    pub data: OfferData,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl OfferData {
    /// Open to applications on `today`: published, and its deadline (if any) not passed.
    pub fn is_active(&self, today: Date) -> bool {
        self.state == OfferState::Publiee && self.deadline.is_none_or(|d| d >= today)
    }

    /// Shown to the public at all (every state but draft).
    pub fn is_public(&self) -> bool {
        self.state != OfferState::Brouillon
    }

    /// Checks the rules that tie fields together; returns French messages, one per problem.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push("L'intitulé du poste est obligatoire.".to_owned());
        }
        if self.title.chars().count() > 200 {
            problems.push("L'intitulé du poste ne doit pas dépasser 200 caractères.".to_owned());
        }
        if self.contract_types.is_empty() {
            problems.push("Indiquez au moins un type de contrat.".to_owned());
        }
        if let (Some(published), Some(deadline)) = (self.published_on, self.deadline)
            && deadline < published
        {
            problems.push(
                "La date limite de candidature ne peut pas précéder la date de publication."
                    .to_owned(),
            );
        }
        if self.state != OfferState::Brouillon && self.published_on.is_none() {
            problems.push("Une offre publiée doit avoir une date de publication.".to_owned());
        }
        if let Location::France {
            department: Some(department),
            commune: Some(commune),
            ..
        } = &self.location
            && &commune.department() != department
        {
            problems.push("La commune n'appartient pas au département indiqué.".to_owned());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::date;

    /// A valid published offer, for tests to modify.
    pub(crate) fn sample() -> OfferData {
        OfferData {
            slug: Slug::parse("developpeur-rust").unwrap(),
            reference: "DINUM-2026-001".into(),
            title: "Développeur·se Rust".into(),
            organisation_id: OrganisationId(1),
            job_family_id: Some(JobFamilyId(1)),
            domain_ids: vec![DomainId(2)],
            contract_types: vec![ContractType::ContractuelUniquement],
            category: Some(Category::A),
            remote: Remote::Partiel,
            open_to_juniors: true,
            seniority: Some(Seniority::Confirme),
            salary: Some(SalaryRange::new(45_000, 60_000).unwrap()),
            location: Location::France {
                region: RegionCode::parse("11").unwrap(),
                department: Some(DepartmentCode::parse("75").unwrap()),
                commune: Some(CommuneCode::parse("75056").unwrap()),
            },
            state: OfferState::Publiee,
            published_on: Some(date!(2026 - 11 - 01)),
            deadline: Some(date!(2026 - 12 - 31)),
            source: Source::Vivier,
            source_reference: None,
            source_url: None,
            apply: ApplyMethod::Vivier,
            sections: OfferSections {
                mission: Some("Construire des services publics numériques.".into()),
                ..OfferSections::default()
            },
        }
    }

    #[test]
    fn active_means_published_and_deadline_not_passed() {
        let offer = sample();
        assert!(offer.is_active(date!(2026 - 12 - 31)));
        assert!(!offer.is_active(date!(2027 - 01 - 01)));
        let filled = OfferData {
            state: OfferState::Pourvue,
            ..sample()
        };
        assert!(!filled.is_active(date!(2026 - 11 - 02)));
        assert!(filled.is_public());
        let open_ended = OfferData {
            deadline: None,
            ..sample()
        };
        assert!(open_ended.is_active(date!(2099 - 01 - 01)));
    }

    #[test]
    fn check_reports_every_problem_in_french() {
        assert_eq!(sample().check(), Ok(()));
        let bad = OfferData {
            title: " ".into(),
            contract_types: vec![],
            deadline: Some(date!(2026 - 10 - 01)),
            location: Location::France {
                region: RegionCode::parse("11").unwrap(),
                department: Some(DepartmentCode::parse("92").unwrap()),
                commune: Some(CommuneCode::parse("75056").unwrap()),
            },
            ..sample()
        };
        let problems = bad.check().unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn codes_round_trip() {
        for &c in ContractType::ALL {
            assert_eq!(ContractType::from_code(c.code()), Some(c));
        }
        for &s in OfferState::ALL {
            assert_eq!(OfferState::from_code(s.code()), Some(s));
        }
        assert_eq!(Source::from_code("csp"), Some(Source::Csp));
        assert_eq!(Remote::from_code("Total"), None);
    }
}
