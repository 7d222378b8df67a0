//! The offer filters a visitor sets in the URL, parsed once, and how they match an offer.

use std::collections::HashSet;

use serde::Deserialize;

use crate::geo::{DepartmentCode, RegionCode};
use crate::offer::{ContractType, Location, OfferData, Remote};
use crate::{DomainId, JobFamilyId, OrganisationId, Slug, text};

/// Longest keyword query accepted.
pub const MAX_QUERY_CHARS: usize = 200;
/// Highest page number accepted (beyond it, nobody is paging by hand).
pub const MAX_PAGE: u32 = 10_000;

/// Order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Most recently published first.
    #[default]
    Date,
    /// Closest deadline first (open-ended offers last).
    Deadline,
}

impl Sort {
    /// Stable code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Deadline => "date_limite",
        }
    }
}

/// The query string of the offer list, as it arrives: every value optional text.
///
/// Parameter names are French because they are public, in shareable URLs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawOfferQuery {
    pub q: Option<String>,
    pub metier: Option<String>,
    pub domaine: Option<String>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub contrat: Option<String>,
    pub teletravail: Option<String>,
    pub debutant: Option<String>,
    pub organisation: Option<String>,
    pub tri: Option<String>,
    pub page: Option<String>,
}

/// A filter value the visitor got wrong: which parameter, and what is wrong, in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{param} : {message}")]
pub struct FilterError {
    pub param: &'static str,
    pub message: String,
}

/// The validated filters of the offer list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferQuery {
    pub q: Option<String>,
    pub job_family: Option<Slug>,
    pub domain: Option<Slug>,
    pub region: Option<RegionCode>,
    pub department: Option<DepartmentCode>,
    pub contract: Option<ContractType>,
    pub remote: Option<Remote>,
    pub juniors: bool,
    pub organisation: Option<Slug>,
    pub sort: Sort,
    pub page: u32,
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn slug_param(param: &'static str, value: &Option<String>) -> Result<Option<Slug>, FilterError> {
    present(value)
        .map(|v| {
            Slug::parse(v).map_err(|_| FilterError {
                param,
                message: format!(
                    "la valeur « {} » n'est pas un identifiant valide.",
                    shorten(v)
                ),
            })
        })
        .transpose()
}

/// Echoes a bad value back safely short.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        short.push('…');
    }
    short
}

fn coded_param<T>(
    param: &'static str,
    value: &Option<String>,
    parse: fn(&str) -> Option<T>,
    expected: &[&str],
) -> Result<Option<T>, FilterError> {
    present(value)
        .map(|v| {
            parse(v).ok_or_else(|| FilterError {
                param,
                message: format!(
                    "la valeur « {} » n'est pas reconnue ; valeurs possibles : {}.",
                    shorten(v),
                    expected.join(", ")
                ),
            })
        })
        .transpose()
}

impl OfferQuery {
    /// Validates every parameter; the first wrong one is reported.
    pub fn parse(raw: &RawOfferQuery) -> Result<Self, FilterError> {
        let q = match present(&raw.q) {
            Some(q) if q.chars().count() > MAX_QUERY_CHARS => {
                return Err(FilterError {
                    param: "q",
                    message: format!(
                        "la recherche est trop longue ({MAX_QUERY_CHARS} caractères au plus)."
                    ),
                });
            }
            Some(q) if q.chars().any(char::is_control) => {
                return Err(FilterError {
                    param: "q",
                    message: "la recherche contient des caractères de contrôle.".to_owned(),
                });
            }
            other => other.map(str::to_owned),
        };
        let contract_codes: Vec<_> = ContractType::ALL.iter().map(|c| c.code()).collect();
        let remote_codes: Vec<_> = Remote::ALL.iter().map(|c| c.code()).collect();
        Ok(Self {
            q,
            job_family: slug_param("metier", &raw.metier)?,
            domain: slug_param("domaine", &raw.domaine)?,
            region: coded_param(
                "region",
                &raw.region,
                |v| RegionCode::parse(v).ok(),
                &["11", "84", "…"],
            )?,
            department: coded_param(
                "departement",
                &raw.departement,
                |v| DepartmentCode::parse(v).ok(),
                &["75", "2A", "971", "…"],
            )?,
            contract: coded_param(
                "contrat",
                &raw.contrat,
                ContractType::from_code,
                &contract_codes,
            )?,
            remote: coded_param(
                "teletravail",
                &raw.teletravail,
                Remote::from_code,
                &remote_codes,
            )?,
            juniors: coded_param(
                "debutant",
                &raw.debutant,
                |v| match v {
                    "1" | "true" | "oui" | "on" => Some(true),
                    "0" | "false" | "non" | "off" => Some(false),
                    _ => None,
                },
                &["oui", "non"],
            )?
            .unwrap_or(false),
            organisation: slug_param("organisation", &raw.organisation)?,
            sort: coded_param(
                "tri",
                &raw.tri,
                |v| match v {
                    "date" => Some(Sort::Date),
                    "date_limite" => Some(Sort::Deadline),
                    _ => None,
                },
                &["date", "date_limite"],
            )?
            .unwrap_or_default(),
            page: parse_page(&raw.page)?,
        })
    }

    /// Whether any filter (besides sort and page) is set.
    pub fn is_filtered(&self) -> bool {
        self.q.is_some()
            || self.job_family.is_some()
            || self.domain.is_some()
            || self.region.is_some()
            || self.department.is_some()
            || self.contract.is_some()
            || self.remote.is_some()
            || self.juniors
            || self.organisation.is_some()
    }

    /// The filters as URL parameters, in a stable order, without the page; the sort only when it
    /// is not the default. Used to build links that keep the current filters.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        let mut push = |name, value: Option<String>| {
            if let Some(value) = value {
                params.push((name, value));
            }
        };
        push("q", self.q.clone());
        push("metier", self.job_family.as_ref().map(Slug::to_string));
        push("domaine", self.domain.as_ref().map(Slug::to_string));
        push("region", self.region.as_ref().map(ToString::to_string));
        push(
            "departement",
            self.department.as_ref().map(ToString::to_string),
        );
        push("contrat", self.contract.map(|c| c.code().to_owned()));
        push("teletravail", self.remote.map(|r| r.code().to_owned()));
        push("debutant", self.juniors.then(|| "oui".to_owned()));
        push(
            "organisation",
            self.organisation.as_ref().map(Slug::to_string),
        );
        push(
            "tri",
            (self.sort != Sort::Date).then(|| self.sort.code().to_owned()),
        );
        params
    }
}

/// Parses a 1-based page number (absent → 1).
pub fn parse_page(value: &Option<String>) -> Result<u32, FilterError> {
    match present(value) {
        None => Ok(1),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or_else(|| FilterError {
                param: "page",
                message: format!("le numéro de page doit être un entier entre 1 et {MAX_PAGE}."),
            }),
    }
}

/// An INSEE code packed in three bytes ("75" → `[b'7', b'5', 0]`), for cheap comparisons.
type PackedCode = [u8; 3];

fn pack(code: &str) -> PackedCode {
    let mut packed = [0; 3];
    for (slot, byte) in packed.iter_mut().zip(code.bytes()) {
        *slot = byte;
    }
    packed
}

/// The facts of an offer that filters look at, packed in a small `Copy` value so that scanning
/// thousands of offers stays in the processor's cache instead of chasing pointers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferFacts {
    organisation: OrganisationId,
    job_family: Option<JobFamilyId>,
    deadline: Option<time::Date>,
    published: bool,
    juniors: bool,
    remote: Remote,
    /// Bit `i` set for `ContractType::ALL[i]`.
    contracts: u8,
    /// Bit `id % 64` set for each domain: a cheap pre-check, confirmed on the offer itself.
    domains: u64,
    region: Option<PackedCode>,
    department: Option<PackedCode>,
}

fn contract_bit(contract: ContractType) -> u8 {
    let index = ContractType::ALL
        .iter()
        .position(|c| *c == contract)
        .unwrap_or(7);
    1 << index
}

fn domain_bit(domain: DomainId) -> u64 {
    1 << domain.0.rem_euclid(64)
}

impl OfferFacts {
    /// Extracts the facts of an offer.
    pub fn of(offer: &OfferData) -> Self {
        let (region, department) = match &offer.location {
            Location::France {
                region, department, ..
            } => (
                Some(pack(region.as_str())),
                department.as_ref().map(|d| pack(d.as_str())),
            ),
            Location::Abroad { .. } => (None, None),
        };
        Self {
            organisation: offer.organisation_id,
            job_family: offer.job_family_id,
            deadline: offer.deadline,
            published: offer.state == crate::offer::OfferState::Publiee,
            juniors: offer.open_to_juniors,
            remote: offer.remote,
            contracts: offer
                .contract_types
                .iter()
                .fold(0, |bits, c| bits | contract_bit(*c)),
            domains: offer
                .domain_ids
                .iter()
                .fold(0, |bits, d| bits | domain_bit(*d)),
            region,
            department,
        }
    }

    /// The recruiting organisation.
    pub fn organisation(&self) -> OrganisationId {
        self.organisation
    }

    /// Same as [`OfferData::is_active`].
    pub fn is_active(&self, today: time::Date) -> bool {
        self.published && self.deadline.is_none_or(|d| d >= today)
    }
}

/// The filters with their references resolved to ids: what matching an offer needs.
#[derive(Debug, Clone, Default)]
pub struct ResolvedFilter {
    /// Folded keywords; every one must appear in the offer's searchable text.
    pub keywords: Vec<String>,
    pub job_family: Option<JobFamilyId>,
    pub domain: Option<DomainId>,
    pub region: Option<RegionCode>,
    pub department: Option<DepartmentCode>,
    pub contract: Option<ContractType>,
    pub remote: Option<Remote>,
    pub juniors: bool,
    /// The organisation and every organisation under it.
    pub organisations: Option<HashSet<OrganisationId>>,
}

impl ResolvedFilter {
    /// Splits a keyword query into folded words (so "Données" finds "donnees" and "DONNÉES").
    pub fn keywords_of(q: &str) -> Vec<String> {
        let folded = text::fold(q);
        let mut words: Vec<String> = text::words(&folded).map(str::to_owned).collect();
        words.dedup();
        words
    }

    /// A cheap check on packed facts: `false` means the offer certainly does not match; `true`
    /// is final unless [`needs_full_check`](Self::needs_full_check).
    pub fn may_match(&self, facts: &OfferFacts) -> bool {
        if self.job_family.is_some() && facts.job_family != self.job_family {
            return false;
        }
        if self
            .domain
            .is_some_and(|d| facts.domains & domain_bit(d) == 0)
        {
            return false;
        }
        if self
            .contract
            .is_some_and(|c| facts.contracts & contract_bit(c) == 0)
        {
            return false;
        }
        if self.remote.is_some_and(|r| r != facts.remote) {
            return false;
        }
        if self.juniors && !facts.juniors {
            return false;
        }
        if let Some(region) = &self.region
            && facts.region != Some(pack(region.as_str()))
        {
            return false;
        }
        if let Some(department) = &self.department
            && facts.department != Some(pack(department.as_str()))
        {
            return false;
        }
        if let Some(orgs) = &self.organisations
            && !orgs.contains(&facts.organisation)
        {
            return false;
        }
        true
    }

    /// Whether [`may_match`](Self::may_match) must be confirmed by [`matches`](Self::matches):
    /// keywords and domains are not fully decided by the packed facts.
    pub fn needs_full_check(&self) -> bool {
        !self.keywords.is_empty() || self.domain.is_some()
    }

    /// Whether the offer passes every filter. `searchable` is the offer's folded text (title,
    /// sections, organisation…), computed once per offer by the caller.
    pub fn matches(&self, offer: &OfferData, searchable: &str) -> bool {
        if self.job_family.is_some() && offer.job_family_id != self.job_family {
            return false;
        }
        if let Some(domain) = self.domain
            && !offer.domain_ids.contains(&domain)
        {
            return false;
        }
        if let Some(contract) = self.contract
            && !offer.contract_types.contains(&contract)
        {
            return false;
        }
        if self.remote.is_some_and(|r| r != offer.remote) {
            return false;
        }
        if self.juniors && !offer.open_to_juniors {
            return false;
        }
        if self.region.is_some() || self.department.is_some() {
            let Location::France {
                region, department, ..
            } = &offer.location
            else {
                return false;
            };
            if self.region.as_ref().is_some_and(|r| r != region)
                || (self.department.is_some() && department.as_ref() != self.department.as_ref())
            {
                return false;
            }
        }
        if let Some(orgs) = &self.organisations
            && !orgs.contains(&offer.organisation_id)
        {
            return false;
        }
        self.keywords
            .iter()
            .all(|k| contains_word_prefix(searchable, k))
    }
}

/// Whether `keyword` starts a word of `haystack` (both folded): "dev" finds "développeur" but
/// "eur" does not find it.
fn contains_word_prefix(haystack: &str, keyword: &str) -> bool {
    haystack.match_indices(keyword).any(|(i, _)| {
        haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::tests::sample;
    use proptest::prelude::*;

    fn raw_from_params(params: &[(&'static str, String)], page: u32) -> RawOfferQuery {
        let get = |name: &str| {
            params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        RawOfferQuery {
            q: get("q"),
            metier: get("metier"),
            domaine: get("domaine"),
            region: get("region"),
            departement: get("departement"),
            contrat: get("contrat"),
            teletravail: get("teletravail"),
            debutant: get("debutant"),
            organisation: get("organisation"),
            tri: get("tri"),
            page: Some(page.to_string()),
        }
    }

    proptest! {
        #[test]
        fn parsing_any_input_never_panics(
            q in "\\PC{0,300}",
            code in "\\PC{0,12}",
            page in "\\PC{0,24}",
        ) {
            let raw = RawOfferQuery {
                q: Some(q),
                metier: Some(code.clone()),
                region: Some(code.clone()),
                departement: Some(code.clone()),
                contrat: Some(code.clone()),
                teletravail: Some(code.clone()),
                debutant: Some(code.clone()),
                tri: Some(code),
                page: Some(page),
                ..RawOfferQuery::default()
            };
            if let Err(error) = OfferQuery::parse(&raw) {
                prop_assert!(!error.message.is_empty());
            }
        }

        #[test]
        fn valid_queries_round_trip_through_their_url_parameters(
            q in proptest::option::of("[a-zA-Zéèàç0-9 ]{1,40}"),
            contract in proptest::option::of(0..ContractType::ALL.len()),
            remote in proptest::option::of(0..Remote::ALL.len()),
            department in proptest::option::of(prop_oneof![Just("75"), Just("2A"), Just("971"), Just("13")]),
            juniors: bool,
            by_deadline: bool,
            page in 1..MAX_PAGE,
        ) {
            let query = OfferQuery {
                q: q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
                contract: contract.map(|i| ContractType::ALL[i]),
                remote: remote.map(|i| Remote::ALL[i]),
                department: department.map(|d| DepartmentCode::parse(d).unwrap()),
                juniors,
                sort: if by_deadline { Sort::Deadline } else { Sort::Date },
                page,
                ..OfferQuery::default()
            };
            let parsed = OfferQuery::parse(&raw_from_params(&query.to_params(), page)).unwrap();
            prop_assert_eq!(parsed, query);
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> RawOfferQuery {
        let mut raw = RawOfferQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "q" => raw.q = v,
                "contrat" => raw.contrat = v,
                "departement" => raw.departement = v,
                "page" => raw.page = v,
                "tri" => raw.tri = v,
                "debutant" => raw.debutant = v,
                "metier" => raw.metier = v,
                _ => unreachable!(),
            }
        }
        raw
    }

    #[test]
    fn empty_values_mean_no_filter() {
        let q = OfferQuery::parse(&raw(&[("q", "  "), ("contrat", ""), ("page", "")])).unwrap();
        assert_eq!(
            q,
            OfferQuery {
                page: 1,
                ..OfferQuery::default()
            }
        );
        assert!(!q.is_filtered());
    }

    #[test]
    fn bad_values_name_the_parameter() {
        for (pairs, param) in [
            (vec![("contrat", "cdi")], "contrat"),
            (vec![("departement", "20")], "departement"),
            (vec![("page", "0")], "page"),
            (vec![("page", "-1")], "page"),
            (vec![("page", "99999999999")], "page"),
            (vec![("tri", "prix")], "tri"),
            (vec![("debutant", "peut-être")], "debutant"),
            (vec![("metier", "' OR 1=1 --")], "metier"),
        ] {
            assert_eq!(OfferQuery::parse(&raw(&pairs)).unwrap_err().param, param);
        }
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(
            OfferQuery::parse(&raw(&[("q", &long)])).unwrap_err().param,
            "q"
        );
    }

    #[test]
    fn params_round_trip() {
        let q = OfferQuery::parse(&raw(&[
            ("q", "data"),
            ("contrat", "stage"),
            ("debutant", "oui"),
            ("tri", "date_limite"),
        ]))
        .unwrap();
        let params = q.to_params();
        assert_eq!(
            params,
            vec![
                ("q", "data".to_owned()),
                ("contrat", "stage".to_owned()),
                ("debutant", "oui".to_owned()),
                ("tri", "date_limite".to_owned())
            ]
        );
    }

    #[test]
    fn keywords_match_word_starts_without_accents() {
        let offer = sample();
        let text = text::fold("Développeur·se Rust — Données et sécurité");
        let filter = |q: &str| ResolvedFilter {
            keywords: ResolvedFilter::keywords_of(q),
            ..ResolvedFilter::default()
        };
        assert!(filter("DONNEES securité").matches(&offer, &text));
        assert!(filter("dév").matches(&offer, &text));
        assert!(!filter("eur").matches(&offer, &text));
        assert!(!filter("données python").matches(&offer, &text));
    }

    #[test]
    fn packed_facts_agree_with_the_full_check() {
        use crate::offer::{OfferState, Remote as R};
        let offers = [
            sample(),
            OfferData {
                remote: R::Total,
                open_to_juniors: false,
                ..sample()
            },
            OfferData {
                domain_ids: vec![DomainId(66), DomainId(3)],
                ..sample()
            },
            OfferData {
                location: Location::Abroad {
                    country: "Belgique".into(),
                    city: None,
                },
                ..sample()
            },
            OfferData {
                state: OfferState::Pourvue,
                ..sample()
            },
        ];
        let filters = [
            ResolvedFilter::default(),
            ResolvedFilter {
                domain: Some(DomainId(2)),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                domain: Some(DomainId(3)),
                ..ResolvedFilter::default()
            },
            // 66 % 64 == 2: the packed check lets it through, the full check decides.
            ResolvedFilter {
                domain: Some(DomainId(66)),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                region: Some(RegionCode::parse("11").unwrap()),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                region: Some(RegionCode::parse("84").unwrap()),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                department: Some(DepartmentCode::parse("75").unwrap()),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                contract: Some(ContractType::Stage),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                contract: Some(ContractType::ContractuelUniquement),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                remote: Some(R::Total),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                juniors: true,
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                job_family: Some(JobFamilyId(9)),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                organisations: Some(HashSet::from([OrganisationId(1)])),
                ..ResolvedFilter::default()
            },
        ];
        for offer in &offers {
            let facts = OfferFacts::of(offer);
            for filter in &filters {
                let full = filter.matches(offer, "");
                let packed = filter.may_match(&facts);
                if filter.needs_full_check() {
                    assert!(
                        packed || !full,
                        "the packed check never refuses a match: {filter:?}"
                    );
                } else {
                    assert_eq!(packed, full, "{filter:?} on {offer:?}");
                }
            }
            let today = time::macros::date!(2026 - 12 - 01);
            assert_eq!(facts.is_active(today), offer.is_active(today));
        }
    }

    #[test]
    fn structured_filters() {
        let offer = sample();
        let f = ResolvedFilter {
            department: Some(DepartmentCode::parse("75").unwrap()),
            contract: Some(ContractType::ContractuelUniquement),
            juniors: true,
            organisations: Some(HashSet::from([OrganisationId(1), OrganisationId(9)])),
            ..ResolvedFilter::default()
        };
        assert!(f.matches(&offer, ""));
        let other_org = ResolvedFilter {
            organisations: Some(HashSet::from([OrganisationId(2)])),
            ..ResolvedFilter::default()
        };
        assert!(!other_org.matches(&offer, ""));
        let stage = ResolvedFilter {
            contract: Some(ContractType::Stage),
            ..ResolvedFilter::default()
        };
        assert!(!stage.matches(&offer, ""));
    }
}
