//! The API's documents: stable field names, decoupled from the domain's types.

use serde::Serialize;
use time::OffsetDateTime;
use vivier_domain::filter::Facet;
use vivier_domain::offer::{ApplyMethod, Location, OfferSections};
use vivier_domain::{geo, organisation, referential};

use crate::catalog::{Board, PublicOffer};
use crate::facets;
use crate::offres::view::Highlights;
use crate::{AppState, format, richtext};

/// What building documents needs: the board and the site's address.
pub struct Context<'a> {
    board: &'a Board,
    base: String,
    today: time::Date,
}

#[derive(Serialize)]
pub struct Reference {
    pub slug: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct OrganisationRef {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub url: String,
}

#[derive(Serialize)]
pub struct Salary {
    pub min: u32,
    pub max: u32,
    pub currency: &'static str,
    pub period: &'static str,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LocationDto {
    France {
        region: CodeName,
        department: Option<CodeName>,
        commune: Option<CommuneDto>,
    },
    Abroad {
        country: String,
        city: Option<String>,
    },
}

#[derive(Serialize)]
pub struct CommuneDto {
    pub code: String,
    pub name: String,
    pub postal_codes: Vec<String>,
}

#[derive(Serialize)]
pub struct Apply {
    pub method: &'static str,
    pub url: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize)]
pub struct Sections {
    pub mission: Option<String>,
    pub context: Option<String>,
    pub activities: Option<String>,
    pub team: Option<String>,
    pub profile: Option<String>,
    pub benefits: Option<String>,
    pub recruitment_process: Option<String>,
    pub special_conditions: Option<String>,
}

/// An offer.
#[derive(Serialize)]
pub struct Offer {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub reference: String,
    pub organisation: Option<OrganisationRef>,
    pub job_family: Option<Reference>,
    pub domains: Vec<Reference>,
    pub contract_types: Vec<&'static str>,
    pub category: Option<&'static str>,
    pub remote: &'static str,
    pub open_to_juniors: bool,
    pub seniority: Option<&'static str>,
    pub salary: Option<Salary>,
    pub location: LocationDto,
    pub state: &'static str,
    /// Open to applications today.
    pub active: bool,
    pub published_on: Option<String>,
    pub deadline: Option<String>,
    pub source: &'static str,
    pub source_reference: Option<String>,
    pub source_url: Option<String>,
    pub apply: Apply,
    pub sections: Sections,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// An offer in search results, with the words the text query matched.
#[derive(Serialize)]
pub struct OfferHit {
    #[serde(flatten)]
    pub offer: Offer,
    /// Only with a text query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
}

/// HTML (escaped text, matched words in `<mark>`): the title, and an excerpt of the first
/// section where the query matched (absent when it only matched elsewhere: organisation,
/// place…).
#[derive(Serialize)]
pub struct Highlight {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

fn marked_html(pieces: &[(String, bool)]) -> String {
    pieces
        .iter()
        .map(|(piece, mark)| {
            if *mark {
                format!("<mark>{}</mark>", richtext::escape(piece))
            } else {
                richtext::escape(piece)
            }
        })
        .collect()
}

impl From<Highlights> for Highlight {
    fn from(found: Highlights) -> Self {
        Self {
            title: marked_html(&found.title),
            excerpt: found.excerpt.as_deref().map(marked_html),
        }
    }
}

/// One value of a facet: the filter's value in the URL, its label, how many offers it gives
/// with the other filters in force, whether it is the filter in force.
#[derive(Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u32,
    pub selected: bool,
    /// Sub-organisations of the chosen organisation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<FacetValue>,
}

impl From<&facets::FacetValue> for FacetValue {
    fn from(value: &facets::FacetValue) -> Self {
        Self {
            value: value.value.clone(),
            label: value.label.clone(),
            count: value.count,
            selected: value.selected,
            children: value.children.iter().map(Self::from).collect(),
        }
    }
}

/// The facets of a search, keyed by their URL parameter; values with offers, most first.
#[derive(Serialize, Default)]
pub struct Facets {
    pub metier: Vec<FacetValue>,
    pub region: Vec<FacetValue>,
    pub departement: Vec<FacetValue>,
    pub contrat: Vec<FacetValue>,
    pub teletravail: Vec<FacetValue>,
    pub organisation: Vec<FacetValue>,
}

impl From<&[facets::FacetGroup]> for Facets {
    fn from(groups: &[facets::FacetGroup]) -> Self {
        let mut facets = Self::default();
        for group in groups {
            let values = group.values.iter().map(FacetValue::from).collect();
            match group.facet {
                Facet::JobFamily => facets.metier = values,
                Facet::Region => facets.region = values,
                Facet::Department => facets.departement = values,
                Facet::Contract => facets.contrat = values,
                Facet::Remote => facets.teletravail = values,
                Facet::Organisation => facets.organisation = values,
            }
        }
        facets
    }
}

/// An organisation in a list.
#[derive(Serialize)]
pub struct OrganisationSummary {
    pub slug: String,
    pub url: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: &'static str,
    pub parent: Option<String>,
    pub website: Option<String>,
    pub logo_url: Option<String>,
    /// Active offers of the organisation and everything under it.
    pub live_offers: usize,
}

#[derive(Serialize)]
pub struct Testimony {
    pub name: String,
    pub role: String,
    pub text: String,
    pub photo_url: Option<String>,
}

#[derive(Serialize)]
pub struct PageSection {
    pub key: &'static str,
    pub title: &'static str,
    pub text: String,
}

/// An organisation, whole.
#[derive(Serialize)]
pub struct OrganisationDetail {
    #[serde(flatten)]
    pub summary: OrganisationSummary,
    pub ancestors: Vec<String>,
    pub children: Vec<String>,
    pub page: Vec<PageSection>,
    pub testimonies: Vec<Testimony>,
}

#[derive(Serialize)]
pub struct JobFamily {
    pub slug: String,
    pub name: String,
    pub description: String,
}

impl From<&referential::JobFamily> for JobFamily {
    fn from(f: &referential::JobFamily) -> Self {
        Self {
            slug: f.slug.to_string(),
            name: f.name.clone(),
            description: f.description.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct Domain {
    pub slug: String,
    pub name: String,
}

impl From<&referential::Domain> for Domain {
    fn from(d: &referential::Domain) -> Self {
        Self {
            slug: d.slug.to_string(),
            name: d.name.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct Region {
    pub code: String,
    pub name: String,
}

impl From<&geo::Region> for Region {
    fn from(r: &geo::Region) -> Self {
        Self {
            code: r.code.to_string(),
            name: r.name.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub region: String,
}

impl From<&geo::Department> for Department {
    fn from(d: &geo::Department) -> Self {
        Self {
            code: d.code.to_string(),
            name: d.name.clone(),
            region: d.region.to_string(),
        }
    }
}

impl<'a> Context<'a> {
    /// A context for one request.
    pub fn new(state: &AppState, board: &'a Board) -> Self {
        Self {
            board,
            base: state
                .config
                .public_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
            today: state.config.clock.today(),
        }
    }

    fn organisation_ref(&self, id: vivier_domain::OrganisationId) -> Option<OrganisationRef> {
        self.board.organisation(id).map(|o| OrganisationRef {
            slug: o.data.slug.to_string(),
            name: o.data.name.clone(),
            acronym: o.data.acronym.clone(),
            url: format!("{}/employeurs/{}", self.base, o.data.slug),
        })
    }

    /// The document of an offer.
    pub fn offer(&self, public: &PublicOffer) -> Offer {
        self.offer_with_sections(public, public.sections())
    }

    /// The document of an offer whose sections `s` the caller has already unpacked.
    pub fn offer_with_sections(&self, public: &PublicOffer, s: OfferSections) -> Offer {
        let offer = &public.offer;
        let data = &offer.data;
        let geography = self.board.geography();
        let location = match &data.location {
            Location::France {
                region,
                department,
                commune,
            } => LocationDto::France {
                region: CodeName {
                    code: region.to_string(),
                    name: geography
                        .region(region)
                        .map(|r| r.name.clone())
                        .unwrap_or_default(),
                },
                department: department.as_ref().map(|d| CodeName {
                    code: d.to_string(),
                    name: geography
                        .department(d)
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                }),
                commune: commune.as_ref().map(|c| {
                    let found = geography.commune(c);
                    CommuneDto {
                        code: c.to_string(),
                        name: found.map(|f| f.name.clone()).unwrap_or_default(),
                        postal_codes: found.map(|f| f.postal_codes.clone()).unwrap_or_default(),
                    }
                }),
            },
            Location::Abroad { country, city } => LocationDto::Abroad {
                country: country.clone(),
                city: city.clone(),
            },
        };
        Offer {
            slug: data.slug.to_string(),
            url: format!("{}/emploi/{}", self.base, data.slug),
            title: data.title.clone(),
            reference: data.reference.clone(),
            organisation: self.organisation_ref(data.organisation_id),
            job_family: data.job_family_id.and_then(|id| {
                self.board
                    .job_families()
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| Reference {
                        slug: f.slug.to_string(),
                        name: f.name.clone(),
                    })
            }),
            domains: self
                .board
                .domains()
                .iter()
                .filter(|d| data.domain_ids.contains(&d.id))
                .map(|d| Reference {
                    slug: d.slug.to_string(),
                    name: d.name.clone(),
                })
                .collect(),
            contract_types: data.contract_types.iter().map(|c| c.code()).collect(),
            category: data.category.map(|c| c.code()),
            remote: data.remote.code(),
            open_to_juniors: data.open_to_juniors,
            seniority: data.seniority.map(|s| s.code()),
            salary: data.salary.map(|s| Salary {
                min: s.min(),
                max: s.max(),
                currency: "EUR",
                period: "year",
            }),
            location,
            state: data.state.code(),
            active: data.is_active(self.today),
            published_on: data.published_on.map(format::date_iso),
            deadline: data.deadline.map(format::date_iso),
            source: data.source.code(),
            source_reference: data.source_reference.clone(),
            source_url: data.source_url.as_ref().map(ToString::to_string),
            apply: match &data.apply {
                ApplyMethod::Vivier => Apply {
                    method: "vivier",
                    url: None,
                    email: None,
                },
                ApplyMethod::ExternalUrl(url) => Apply {
                    method: "url",
                    url: Some(url.to_string()),
                    email: None,
                },
                ApplyMethod::Email(email) => Apply {
                    method: "email",
                    url: None,
                    email: Some(email.to_string()),
                },
            },
            sections: Sections {
                mission: s.mission,
                context: s.context,
                activities: s.activities,
                team: s.team,
                profile: s.profile,
                benefits: s.benefits,
                recruitment_process: s.recruitment_process,
                special_conditions: s.special_conditions,
            },
            created_at: offer.created_at,
            updated_at: offer.updated_at,
        }
    }

    /// The list entry of an organisation.
    pub fn organisation_summary(&self, o: &organisation::Organisation) -> OrganisationSummary {
        OrganisationSummary {
            slug: o.data.slug.to_string(),
            url: format!("{}/employeurs/{}", self.base, o.data.slug),
            name: o.data.name.clone(),
            acronym: o.data.acronym.clone(),
            kind: o.data.kind.code(),
            parent: o
                .data
                .parent_id
                .and_then(|p| self.board.organisation(p))
                .map(|p| p.data.slug.to_string()),
            website: o.data.website.as_ref().map(ToString::to_string),
            logo_url: o.data.logo_url.as_ref().map(ToString::to_string),
            live_offers: self.board.live_offer_count(o.id, self.today),
        }
    }

    /// The whole document of an organisation.
    pub fn organisation_detail(&self, o: &organisation::Organisation) -> OrganisationDetail {
        OrganisationDetail {
            summary: self.organisation_summary(o),
            ancestors: self
                .board
                .ancestors(o.id)
                .iter()
                .map(|a| a.data.slug.to_string())
                .collect(),
            children: self
                .board
                .children(o.id)
                .iter()
                .map(|c| c.data.slug.to_string())
                .collect(),
            page: o
                .data
                .page
                .sections()
                .into_iter()
                .map(|(key, title, text)| PageSection {
                    key,
                    title,
                    text: text.to_owned(),
                })
                .collect(),
            testimonies: self
                .board
                .testimonies(o.id)
                .iter()
                .map(|t| Testimony {
                    name: t.name.clone(),
                    role: t.role.clone(),
                    text: t.text.clone(),
                    photo_url: t.photo_url.as_ref().map(ToString::to_string),
                })
                .collect(),
        }
    }
}
