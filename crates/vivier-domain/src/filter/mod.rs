//! The offer filters a visitor sets in the URL, parsed once ([`OfferQuery`]), and how they
//! match an offer once resolved ([`ResolvedFilter`], [`OfferFacts`]).

mod matching;

pub use matching::{Facet, FacetSet, Liveness, OfferFacts, ResolvedFilter};

use serde::Deserialize;

use crate::Slug;
use crate::geo::{DepartmentCode, RegionCode};
use crate::offer::{ContractType, Remote};

/// Longest keyword query accepted.
pub const MAX_QUERY_CHARS: usize = 200;
/// Highest page number accepted (beyond it, nobody is paging by hand).
pub const MAX_PAGE: u32 = 10_000;

/// Order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match of the text query first (the default when there is one).
    Relevance,
    /// Most recently published first (the default without a text query).
    #[default]
    Date,
    /// Closest deadline first (open-ended offers last).
    Deadline,
}

impl Sort {
    /// Stable code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Relevance => "pertinence",
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
        let default_sort = if q.is_some() {
            Sort::Relevance
        } else {
            Sort::Date
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
                    "pertinence" => Some(Sort::Relevance),
                    "date" => Some(Sort::Date),
                    "date_limite" => Some(Sort::Deadline),
                    _ => None,
                },
                &["pertinence", "date", "date_limite"],
            )?
            .unwrap_or(default_sort),
            page: parse_page(&raw.page)?,
        })
    }

    /// The order used when the URL names none: relevance with a text query, date without.
    pub fn default_sort(&self) -> Sort {
        if self.q.is_some() {
            Sort::Relevance
        } else {
            Sort::Date
        }
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
            (self.sort != self.default_sort()).then(|| self.sort.code().to_owned()),
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
