//! Row types shared by the backends: the columns as the database holds them, and their
//! conversion from and to the domain. Each conversion re-parses what it reads, so a value
//! changed behind Vivier's back surfaces as [`StoreError::Corrupt`], not as a wrong page.

use time::{Date, OffsetDateTime};
use url::Url;
use vivier_domain::geo::{
    Commune, CommuneCode, Department, DepartmentCode, Geography, Region, RegionCode,
};
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, Offer, OfferData, OfferSections, OfferState,
    Remote, Seniority, Source,
};
use vivier_domain::organisation::{
    EmployerPage, Organisation, OrganisationData, OrganisationKind, Testimony,
};
use vivier_domain::referential::{Domain, JobFamily};
use vivier_domain::{DomainId, Email, JobFamilyId, OfferId, OrganisationId, SalaryRange, Slug};

use crate::{Change, ChangedEntity, StoreError, StoreResult};

fn parse_code<T>(
    table: &'static str,
    value: &str,
    from_code: fn(&str) -> Option<T>,
) -> StoreResult<T> {
    from_code(value).ok_or_else(|| StoreError::corrupt(table, format!("unknown code {value:?}")))
}

fn parse_url(table: &'static str, value: Option<String>) -> StoreResult<Option<Url>> {
    value
        .map(|v| Url::parse(&v).map_err(|e| StoreError::corrupt(table, format!("{v:?}: {e}"))))
        .transpose()
}

fn parse_with<T, E: std::fmt::Display>(
    table: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> StoreResult<T> {
    parse(value).map_err(|e| StoreError::corrupt(table, format!("{value:?}: {e}")))
}

/// Columns of `offers` written by inserts and updates, in binding order (`$1`…`$34`).
pub const OFFER_COLUMNS: &str = "slug, reference, title, organisation_id, job_family_id, \
    contract_types, category, remote, open_to_juniors, seniority, salary_min, salary_max, \
    location_kind, region_code, department_code, commune_code, country, city, state, \
    published_on, deadline, source, source_reference, source_url, apply_method, apply_target, \
    mission, context, activities, team, profile, benefits, recruitment_process, \
    special_conditions";

/// `$1, $2, …` for [`OFFER_COLUMNS`].
pub const OFFER_PLACEHOLDERS: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
    $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, \
    $32, $33, $34";

/// `col = $n` pairs for an update, `$1` for the first of `columns`.
pub fn assignments(columns: &str) -> String {
    columns
        .split(',')
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.trim(), i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An offer's columns as plain values, ready to bind in [`OFFER_COLUMNS`] order
/// (see [`bind_offer!`](crate::bind_offer)).
#[derive(Debug, Clone)]
pub struct OfferColumns {
    pub slug: String,
    pub reference: String,
    pub title: String,
    pub organisation_id: i64,
    pub job_family_id: Option<i64>,
    pub contract_types: String,
    pub category: Option<&'static str>,
    pub remote: &'static str,
    pub open_to_juniors: bool,
    pub seniority: Option<&'static str>,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub location_kind: &'static str,
    pub region_code: Option<String>,
    pub department_code: Option<String>,
    pub commune_code: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub state: &'static str,
    pub published_on: Option<Date>,
    pub deadline: Option<Date>,
    pub source: &'static str,
    pub source_reference: Option<String>,
    pub source_url: Option<String>,
    pub apply_method: &'static str,
    pub apply_target: Option<String>,
    pub sections: OfferSections,
}

impl From<&OfferData> for OfferColumns {
    fn from(o: &OfferData) -> Self {
        let (location_kind, region_code, department_code, commune_code, country, city) =
            match &o.location {
                Location::France {
                    region,
                    department,
                    commune,
                } => (
                    "france",
                    Some(region.to_string()),
                    department.as_ref().map(ToString::to_string),
                    commune.as_ref().map(ToString::to_string),
                    None,
                    None,
                ),
                Location::Abroad { country, city } => (
                    "abroad",
                    None,
                    None,
                    None,
                    Some(country.clone()),
                    city.clone(),
                ),
            };
        let apply_target = match &o.apply {
            ApplyMethod::Vivier => None,
            ApplyMethod::ExternalUrl(url) => Some(url.to_string()),
            ApplyMethod::Email(email) => Some(email.to_string()),
        };
        Self {
            slug: o.slug.to_string(),
            reference: o.reference.clone(),
            title: o.title.clone(),
            organisation_id: o.organisation_id.0,
            job_family_id: o.job_family_id.map(|f| f.0),
            contract_types: o
                .contract_types
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
                .join(","),
            category: o.category.map(Category::code),
            remote: o.remote.code(),
            open_to_juniors: o.open_to_juniors,
            seniority: o.seniority.map(Seniority::code),
            salary_min: o.salary.map(|s| i64::from(s.min())),
            salary_max: o.salary.map(|s| i64::from(s.max())),
            location_kind,
            region_code,
            department_code,
            commune_code,
            country,
            city,
            state: o.state.code(),
            published_on: o.published_on,
            deadline: o.deadline,
            source: o.source.code(),
            source_reference: o.source_reference.clone(),
            source_url: o.source_url.as_ref().map(ToString::to_string),
            apply_method: o.apply.code(),
            apply_target,
            sections: o.sections.clone(),
        }
    }
}

/// Binds an [`OfferColumns`] to a query in [`OFFER_COLUMNS`] order. A macro rather than a
/// function because each backend's query type differs while the binding sequence is the same.
#[macro_export]
macro_rules! bind_offer {
    ($query:expr, $c:expr) => {{
        let c = $c;
        $query
            .bind(c.slug)
            .bind(c.reference)
            .bind(c.title)
            .bind(c.organisation_id)
            .bind(c.job_family_id)
            .bind(c.contract_types)
            .bind(c.category)
            .bind(c.remote)
            .bind(c.open_to_juniors)
            .bind(c.seniority)
            .bind(c.salary_min)
            .bind(c.salary_max)
            .bind(c.location_kind)
            .bind(c.region_code)
            .bind(c.department_code)
            .bind(c.commune_code)
            .bind(c.country)
            .bind(c.city)
            .bind(c.state)
            .bind(c.published_on)
            .bind(c.deadline)
            .bind(c.source)
            .bind(c.source_reference)
            .bind(c.source_url)
            .bind(c.apply_method)
            .bind(c.apply_target)
            .bind(c.sections.mission)
            .bind(c.sections.context)
            .bind(c.sections.activities)
            .bind(c.sections.team)
            .bind(c.sections.profile)
            .bind(c.sections.benefits)
            .bind(c.sections.recruitment_process)
            .bind(c.sections.special_conditions)
    }};
}

/// Columns read back for an offer: `id`, then [`OFFER_COLUMNS`], then the timestamps.
pub const OFFER_SELECT: &str = "id, slug, reference, title, organisation_id, job_family_id, \
    contract_types, category, remote, open_to_juniors, seniority, salary_min, salary_max, \
    location_kind, region_code, department_code, commune_code, country, city, state, \
    published_on, deadline, source, source_reference, source_url, apply_method, apply_target, \
    mission, context, activities, team, profile, benefits, recruitment_process, \
    special_conditions, created_at, updated_at";

/// An `offers` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct OfferRow {
    pub id: i64,
    pub slug: String,
    pub reference: String,
    pub title: String,
    pub organisation_id: i64,
    pub job_family_id: Option<i64>,
    pub contract_types: String,
    pub category: Option<String>,
    pub remote: String,
    pub open_to_juniors: bool,
    pub seniority: Option<String>,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub location_kind: String,
    pub region_code: Option<String>,
    pub department_code: Option<String>,
    pub commune_code: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub state: String,
    pub published_on: Option<Date>,
    pub deadline: Option<Date>,
    pub source: String,
    pub source_reference: Option<String>,
    pub source_url: Option<String>,
    pub apply_method: String,
    pub apply_target: Option<String>,
    pub mission: Option<String>,
    pub context: Option<String>,
    pub activities: Option<String>,
    pub team: Option<String>,
    pub profile: Option<String>,
    pub benefits: Option<String>,
    pub recruitment_process: Option<String>,
    pub special_conditions: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl OfferRow {
    /// Builds the domain offer; `domain_ids` come from `offer_domains`.
    pub fn into_offer(self, domain_ids: Vec<DomainId>) -> StoreResult<Offer> {
        const T: &str = "offers";
        let location = match self.location_kind.as_str() {
            "france" => Location::France {
                region: parse_with(
                    T,
                    self.region_code.as_deref().unwrap_or_default(),
                    RegionCode::parse,
                )?,
                department: self
                    .department_code
                    .as_deref()
                    .map(|d| parse_with(T, d, DepartmentCode::parse))
                    .transpose()?,
                commune: self
                    .commune_code
                    .as_deref()
                    .map(|c| parse_with(T, c, CommuneCode::parse))
                    .transpose()?,
            },
            "abroad" => Location::Abroad {
                country: self.country.unwrap_or_default(),
                city: self.city,
            },
            other => return Err(StoreError::corrupt(T, format!("location kind {other:?}"))),
        };
        let apply = match (self.apply_method.as_str(), self.apply_target) {
            ("vivier", _) => ApplyMethod::Vivier,
            ("url", Some(url)) => ApplyMethod::ExternalUrl(parse_with(T, &url, Url::parse)?),
            ("email", Some(email)) => ApplyMethod::Email(parse_with(T, &email, Email::parse)?),
            (other, _) => return Err(StoreError::corrupt(T, format!("apply method {other:?}"))),
        };
        let salary = match (self.salary_min, self.salary_max) {
            (Some(min), Some(max)) => Some(
                u32::try_from(min)
                    .ok()
                    .zip(u32::try_from(max).ok())
                    .and_then(|(min, max)| SalaryRange::new(min, max).ok())
                    .ok_or_else(|| StoreError::corrupt(T, format!("salary {min}–{max}")))?,
            ),
            _ => None,
        };
        let contract_types = self
            .contract_types
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| parse_code(T, c, ContractType::from_code))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Offer {
            id: OfferId(self.id),
            data: OfferData {
                slug: parse_with(T, &self.slug, Slug::parse)?,
                reference: self.reference,
                title: self.title,
                organisation_id: OrganisationId(self.organisation_id),
                job_family_id: self.job_family_id.map(JobFamilyId),
                domain_ids,
                contract_types,
                category: self
                    .category
                    .map(|c| parse_code(T, &c, Category::from_code))
                    .transpose()?,
                remote: parse_code(T, &self.remote, Remote::from_code)?,
                open_to_juniors: self.open_to_juniors,
                seniority: self
                    .seniority
                    .map(|s| parse_code(T, &s, Seniority::from_code))
                    .transpose()?,
                salary,
                location,
                state: parse_code(T, &self.state, OfferState::from_code)?,
                published_on: self.published_on,
                deadline: self.deadline,
                source: parse_code(T, &self.source, Source::from_code)?,
                source_reference: self.source_reference,
                source_url: parse_url(T, self.source_url)?,
                apply,
                sections: OfferSections {
                    mission: self.mission,
                    context: self.context,
                    activities: self.activities,
                    team: self.team,
                    profile: self.profile,
                    benefits: self.benefits,
                    recruitment_process: self.recruitment_process,
                    special_conditions: self.special_conditions,
                },
            },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Columns of `organisations` written by inserts and updates, in binding order.
pub const ORGANISATION_COLUMNS: &str = "slug, name, acronym, kind, parent_id, website, logo_url, \
    raison_d_etre, valeurs, enjeux, missions, projets, organisation, chiffres_cles, \
    profils_recherches, processus_recrutement, nous_rejoindre";

/// `$1, $2, …` for [`ORGANISATION_COLUMNS`].
pub const ORGANISATION_PLACEHOLDERS: &str =
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17";

/// Binds an [`OrganisationData`] in [`ORGANISATION_COLUMNS`] order.
#[macro_export]
macro_rules! bind_organisation {
    ($query:expr, $data:expr) => {{
        let d: &$crate::__private::vivier_domain::organisation::OrganisationData = $data;
        let p = d.page.clone();
        $query
            .bind(d.slug.to_string())
            .bind(d.name.clone())
            .bind(d.acronym.clone())
            .bind(d.kind.code())
            .bind(d.parent_id.map(|p| p.0))
            .bind(d.website.as_ref().map(ToString::to_string))
            .bind(d.logo_url.as_ref().map(ToString::to_string))
            .bind(p.raison_d_etre)
            .bind(p.valeurs)
            .bind(p.enjeux)
            .bind(p.missions)
            .bind(p.projets)
            .bind(p.organisation)
            .bind(p.chiffres_cles)
            .bind(p.profils_recherches)
            .bind(p.processus_recrutement)
            .bind(p.nous_rejoindre)
    }};
}

/// Columns read back for an organisation.
pub const ORGANISATION_SELECT: &str = "id, slug, name, acronym, kind, parent_id, website, \
    logo_url, raison_d_etre, valeurs, enjeux, missions, projets, organisation, chiffres_cles, \
    profils_recherches, processus_recrutement, nous_rejoindre";

/// An `organisations` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub logo_url: Option<String>,
    pub raison_d_etre: Option<String>,
    pub valeurs: Option<String>,
    pub enjeux: Option<String>,
    pub missions: Option<String>,
    pub projets: Option<String>,
    pub organisation: Option<String>,
    pub chiffres_cles: Option<String>,
    pub profils_recherches: Option<String>,
    pub processus_recrutement: Option<String>,
    pub nous_rejoindre: Option<String>,
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = StoreError;
    fn try_from(r: OrganisationRow) -> StoreResult<Self> {
        const T: &str = "organisations";
        Ok(Self {
            id: OrganisationId(r.id),
            data: OrganisationData {
                slug: parse_with(T, &r.slug, Slug::parse)?,
                name: r.name,
                acronym: r.acronym,
                kind: parse_code(T, &r.kind, OrganisationKind::from_code)?,
                parent_id: r.parent_id.map(OrganisationId),
                website: parse_url(T, r.website)?,
                logo_url: parse_url(T, r.logo_url)?,
                page: EmployerPage {
                    raison_d_etre: r.raison_d_etre,
                    valeurs: r.valeurs,
                    enjeux: r.enjeux,
                    missions: r.missions,
                    projets: r.projets,
                    organisation: r.organisation,
                    chiffres_cles: r.chiffres_cles,
                    profils_recherches: r.profils_recherches,
                    processus_recrutement: r.processus_recrutement,
                    nous_rejoindre: r.nous_rejoindre,
                },
            },
        })
    }
}

/// A `testimonies` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct TestimonyRow {
    pub name: String,
    pub role: String,
    pub text: String,
    pub photo_url: Option<String>,
}

impl TryFrom<TestimonyRow> for Testimony {
    type Error = StoreError;
    fn try_from(r: TestimonyRow) -> StoreResult<Self> {
        Ok(Self {
            name: r.name,
            role: r.role,
            text: r.text,
            photo_url: parse_url("testimonies", r.photo_url)?,
        })
    }
}

/// A `job_families` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct JobFamilyRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
}

impl TryFrom<JobFamilyRow> for JobFamily {
    type Error = StoreError;
    fn try_from(r: JobFamilyRow) -> StoreResult<Self> {
        Ok(Self {
            id: JobFamilyId(r.id),
            slug: parse_with("job_families", &r.slug, Slug::parse)?,
            name: r.name,
            description: r.description,
        })
    }
}

/// A `domains` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct DomainRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

impl TryFrom<DomainRow> for Domain {
    type Error = StoreError;
    fn try_from(r: DomainRow) -> StoreResult<Self> {
        Ok(Self {
            id: DomainId(r.id),
            slug: parse_with("domains", &r.slug, Slug::parse)?,
            name: r.name,
        })
    }
}

/// A `changes` row as read.
#[derive(Debug, sqlx::FromRow)]
pub struct ChangeRow {
    pub seq: i64,
    pub entity: String,
    pub entity_id: Option<i64>,
}

impl TryFrom<ChangeRow> for Change {
    type Error = StoreError;
    fn try_from(r: ChangeRow) -> StoreResult<Self> {
        let entity = match (r.entity.as_str(), r.entity_id) {
            ("offer", Some(id)) => ChangedEntity::Offer(OfferId(id)),
            ("organisation", Some(id)) => ChangedEntity::Organisation(OrganisationId(id)),
            ("referentials", _) => ChangedEntity::Referentials,
            ("reindex", _) => ChangedEntity::Reindex,
            (other, _) => return Err(StoreError::corrupt("changes", format!("entity {other:?}"))),
        };
        Ok(Self { seq: r.seq, entity })
    }
}

impl ChangedEntity {
    /// `(entity, entity_id)` as stored in `changes`.
    pub fn columns(self) -> (&'static str, Option<i64>) {
        match self {
            Self::Offer(id) => ("offer", Some(id.0)),
            Self::Organisation(id) => ("organisation", Some(id.0)),
            Self::Referentials => ("referentials", None),
            Self::Reindex => ("reindex", None),
        }
    }
}

/// Rows of the three geography tables as read.
#[derive(Debug, sqlx::FromRow)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
}

/// A `departments` row.
#[derive(Debug, sqlx::FromRow)]
pub struct DepartmentRow {
    pub code: String,
    pub name: String,
    pub region_code: String,
}

/// A `communes` row; postal codes are stored space-separated.
#[derive(Debug, sqlx::FromRow)]
pub struct CommuneRow {
    pub code: String,
    pub name: String,
    pub department_code: String,
    pub postal_codes: String,
    pub population: i64,
}

/// Builds the geography from its three tables.
pub fn geography_from_rows(
    regions: Vec<RegionRow>,
    departments: Vec<DepartmentRow>,
    communes: Vec<CommuneRow>,
) -> StoreResult<Geography> {
    let regions = regions
        .into_iter()
        .map(|r| {
            Ok(Region {
                code: parse_with("regions", &r.code, RegionCode::parse)?,
                name: r.name,
            })
        })
        .collect::<StoreResult<_>>()?;
    let departments = departments
        .into_iter()
        .map(|d| {
            Ok(Department {
                code: parse_with("departments", &d.code, DepartmentCode::parse)?,
                name: d.name,
                region: parse_with("departments", &d.region_code, RegionCode::parse)?,
            })
        })
        .collect::<StoreResult<_>>()?;
    let communes = communes
        .into_iter()
        .map(|c| {
            Ok(Commune {
                code: parse_with("communes", &c.code, CommuneCode::parse)?,
                name: c.name,
                department: parse_with("communes", &c.department_code, DepartmentCode::parse)?,
                postal_codes: c
                    .postal_codes
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                population: u32::try_from(c.population).unwrap_or(0),
            })
        })
        .collect::<StoreResult<_>>()?;
    Ok(Geography::new(regions, departments, communes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_match_columns() {
        for (columns, placeholders) in [
            (OFFER_COLUMNS, OFFER_PLACEHOLDERS),
            (ORGANISATION_COLUMNS, ORGANISATION_PLACEHOLDERS),
        ] {
            let n = columns.split(',').count();
            let expected: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
            let got: Vec<&str> = placeholders.split(',').map(str::trim).collect();
            assert_eq!(got, expected);
            assert!(assignments(columns).ends_with(&format!("= ${n}")));
        }
        assert_eq!(
            OFFER_SELECT,
            format!("id, {OFFER_COLUMNS}, created_at, updated_at")
        );
    }
}
