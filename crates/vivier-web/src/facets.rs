//! Facet counts: for the current search, how many offers each value of a filter would give.
//!
//! Counts are disjunctive: a facet's counts apply every filter but its own, so that with a
//! region chosen the other regions still show what they hold. One pass over the candidates
//! counts them all ([`crate::catalog::Board::search`]): an offer that passes every filter
//! counts in every facet; one that fails a single faceted filter counts in that facet only.
//!
//! Counting must stay cheap at 100,000 offers, so each offer's facet values are resolved once,
//! when the board is built, to small indexes into the board's own lists ([`FacetKeys`]), and
//! counting is incrementing arrays.

use std::collections::HashMap;

use vivier_domain::filter::{Facet, OfferQuery};
use vivier_domain::geo::{DepartmentCode, Geography, RegionCode};
use vivier_domain::offer::{ContractType, Location, OfferData, Remote};
use vivier_domain::{JobFamilyId, OrganisationId};

use crate::catalog::Board;
use crate::offres::list_href;

/// No value for this facet (an offer abroad has no region).
const NONE: u16 = u16::MAX;

/// An offer's facet values as indexes into the board's lists: job families, regions and
/// departments of the geography, organisations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FacetKeys {
    job_family: u16,
    region: u16,
    department: u16,
    organisation: u16,
    /// Bit `i` set for `ContractType::ALL[i]`.
    contracts: u8,
    /// Index in `Remote::ALL`.
    remote: u8,
}

/// Where each facet value sits in the board's lists.
#[derive(Debug, Default)]
pub(crate) struct KeyTables {
    job_families: HashMap<JobFamilyId, u16>,
    regions: HashMap<RegionCode, u16>,
    departments: HashMap<DepartmentCode, u16>,
    organisations: HashMap<OrganisationId, u16>,
}

fn position<T>(items: impl Iterator<Item = T>) -> impl Iterator<Item = (T, u16)> {
    // More than 65,535 values of a facet would be a data error; they count as none.
    items.zip(0..NONE)
}

impl KeyTables {
    pub(crate) fn new(
        job_families: &[vivier_domain::referential::JobFamily],
        geography: &Geography,
        organisations: impl Iterator<Item = OrganisationId>,
    ) -> Self {
        Self {
            job_families: position(job_families.iter().map(|f| f.id)).collect(),
            regions: position(geography.regions().iter().map(|r| r.code.clone())).collect(),
            departments: position(geography.departments().iter().map(|d| d.code.clone())).collect(),
            organisations: position(organisations).collect(),
        }
    }

    pub(crate) fn keys(&self, offer: &OfferData) -> FacetKeys {
        let (region, department) = match &offer.location {
            Location::France {
                region, department, ..
            } => (
                self.regions.get(region).copied(),
                department
                    .as_ref()
                    .and_then(|d| self.departments.get(d).copied()),
            ),
            Location::Abroad { .. } => (None, None),
        };
        FacetKeys {
            job_family: offer
                .job_family_id
                .and_then(|f| self.job_families.get(&f).copied())
                .unwrap_or(NONE),
            region: region.unwrap_or(NONE),
            department: department.unwrap_or(NONE),
            organisation: self
                .organisations
                .get(&offer.organisation_id)
                .copied()
                .unwrap_or(NONE),
            contracts: ContractType::ALL
                .iter()
                .enumerate()
                .filter(|(_, c)| offer.contract_types.contains(c))
                .fold(0, |bits, (i, _)| bits | (1 << i)),
            remote: Remote::ALL
                .iter()
                .position(|r| *r == offer.remote)
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(u8::MAX),
        }
    }
}

/// How many candidate offers each facet value has; indexes as in [`FacetKeys`].
#[derive(Debug, Clone)]
pub struct FacetCounts {
    job_family: Vec<u32>,
    region: Vec<u32>,
    department: Vec<u32>,
    contract: [u32; ContractType::ALL.len()],
    remote: [u32; Remote::ALL.len()],
    /// Offers of each organisation itself (sub-organisations are summed when shown).
    organisation: Vec<u32>,
}

fn bump(counts: &mut [u32], key: u16) {
    if let Some(count) = counts.get_mut(usize::from(key)) {
        *count += 1;
    }
}

impl FacetCounts {
    pub(crate) fn new(board: &Board) -> Self {
        Self {
            job_family: vec![0; board.job_families().len()],
            region: vec![0; board.geography().regions().len()],
            department: vec![0; board.geography().departments().len()],
            contract: [0; ContractType::ALL.len()],
            remote: [0; Remote::ALL.len()],
            organisation: vec![0; board.organisations().len()],
        }
    }

    /// Counts an offer in every facet, or only in `only`.
    pub(crate) fn add(&mut self, keys: &FacetKeys, only: Option<Facet>) {
        let counts = |facet| only.is_none_or(|only| only == facet);
        if counts(Facet::JobFamily) {
            bump(&mut self.job_family, keys.job_family);
        }
        if counts(Facet::Region) {
            bump(&mut self.region, keys.region);
        }
        if counts(Facet::Department) {
            bump(&mut self.department, keys.department);
        }
        if counts(Facet::Contract) {
            let mut bits = keys.contracts;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                if let Some(count) = self.contract.get_mut(i) {
                    *count += 1;
                }
                bits &= bits - 1;
            }
        }
        if counts(Facet::Remote)
            && let Some(count) = self.remote.get_mut(usize::from(keys.remote))
        {
            *count += 1;
        }
        if counts(Facet::Organisation) {
            bump(&mut self.organisation, keys.organisation);
        }
    }
}

/// One value of a facet, as shown.
#[derive(Debug, Clone)]
pub struct FacetValue {
    /// The filter's value in the URL.
    pub value: String,
    pub label: String,
    pub count: u32,
    /// Whether this value is the filter in force.
    pub selected: bool,
    /// The list with this value chosen (or, when selected, with the filter removed), every
    /// other filter kept.
    pub href: String,
    /// Sub-values (the sub-organisations of the chosen organisation).
    pub children: Vec<FacetValue>,
}

/// A facet and its values, most offers first.
#[derive(Debug, Clone)]
pub struct FacetGroup {
    pub facet: Facet,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
}

impl FacetGroup {
    /// How many values a page shows before "voir plus".
    pub const SHOWN: usize = 8;

    /// The values shown at once.
    pub fn first(&self) -> &[FacetValue] {
        &self.values[..self.values.len().min(Self::SHOWN)]
    }

    /// The values behind "voir plus".
    pub fn rest(&self) -> &[FacetValue] {
        &self.values[self.values.len().min(Self::SHOWN)..]
    }
}

fn label(facet: Facet) -> &'static str {
    match facet {
        Facet::JobFamily => "Métier",
        Facet::Region => "Région",
        Facet::Department => "Département",
        Facet::Contract => "Type de contrat",
        Facet::Remote => "Télétravail",
        Facet::Organisation => "Employeur",
    }
}

/// Builds the links of the facets.
struct Values<'q> {
    facet: Facet,
    /// The query's parameters, without the page.
    params: &'q [(&'static str, String)],
    /// The value of the facet's filter in force.
    selected: Option<String>,
}

impl Values<'_> {
    fn value(&self, value: String, label: String, count: u32) -> FacetValue {
        let param = self.facet.param();
        let selected = self.selected.as_deref() == Some(value.as_str());
        let mut params: Vec<(&str, String)> = self
            .params
            .iter()
            .filter(|(name, _)| *name != param)
            .cloned()
            .collect();
        if !selected {
            params.push((param, value.clone()));
        }
        FacetValue {
            href: list_href(&params),
            value,
            label,
            count,
            selected,
            children: Vec::new(),
        }
    }

    /// The values with offers (and the selected one, even empty), most offers first.
    fn sorted(&self, mut values: Vec<FacetValue>) -> Vec<FacetValue> {
        values.retain(|v| v.count > 0 || v.selected);
        // Equal counts in French alphabetical order ("Développement" before "Données").
        values.sort_by_cached_key(|v| {
            (
                std::cmp::Reverse(v.count),
                vivier_domain::text::fold(&v.label),
            )
        });
        values
    }
}

/// The facets of a search for a page or the API: every facet, values with their counts and
/// links keeping the query's other filters.
pub fn groups(board: &Board, query: &OfferQuery, counts: &FacetCounts) -> Vec<FacetGroup> {
    let params: Vec<_> = query.to_params();
    let geography = board.geography();
    Facet::ALL
        .into_iter()
        .map(|facet| {
            let selected = params
                .iter()
                .find(|(name, _)| *name == facet.param())
                .map(|(_, value)| value.clone());
            let values = Values {
                facet,
                params: &params,
                selected,
            };
            let all: Vec<FacetValue> = match facet {
                Facet::JobFamily => board
                    .job_families()
                    .iter()
                    .zip(&counts.job_family)
                    .map(|(f, &n)| values.value(f.slug.to_string(), f.name.clone(), n))
                    .collect(),
                Facet::Region => geography
                    .regions()
                    .iter()
                    .zip(&counts.region)
                    .map(|(r, &n)| values.value(r.code.to_string(), r.name.clone(), n))
                    .collect(),
                Facet::Department => geography
                    .departments()
                    .iter()
                    .zip(&counts.department)
                    .map(|(d, &n)| {
                        values.value(d.code.to_string(), format!("{} ({})", d.name, d.code), n)
                    })
                    .collect(),
                Facet::Contract => ContractType::ALL
                    .iter()
                    .zip(counts.contract)
                    .map(|(c, n)| values.value(c.code().to_owned(), c.label().to_owned(), n))
                    .collect(),
                Facet::Remote => Remote::ALL
                    .iter()
                    .zip(counts.remote)
                    .map(|(r, n)| values.value(r.code().to_owned(), r.label().to_owned(), n))
                    .collect(),
                Facet::Organisation => organisation_values(board, query, counts, &values),
            };
            FacetGroup {
                facet,
                label: label(facet),
                values: values.sorted(all),
            }
        })
        .collect()
}

/// Ministries (with everything under them); the chosen organisation takes its ministry's
/// place, with its own sub-organisations under it.
fn organisation_values(
    board: &Board,
    query: &OfferQuery,
    counts: &FacetCounts,
    values: &Values<'_>,
) -> Vec<FacetValue> {
    // Offers of each organisation and everything under it.
    let totals: HashMap<OrganisationId, u32> = {
        let mut totals = HashMap::new();
        for (organisation, &own) in board.organisations().iter().zip(&counts.organisation) {
            if own == 0 {
                continue;
            }
            *totals.entry(organisation.id).or_default() += own;
            for ancestor in board.ancestors(organisation.id) {
                *totals.entry(ancestor.id).or_default() += own;
            }
        }
        totals
    };
    let total = |id| totals.get(&id).copied().unwrap_or(0);
    let chosen = query
        .organisation
        .as_ref()
        .and_then(|slug| board.organisation_by_slug(slug));
    let chosen_root = chosen.and_then(|o| board.root(o.id)).map(|r| r.id);
    board
        .roots()
        .map(|root| match chosen {
            Some(chosen) if Some(root.id) == chosen_root => {
                let mut value = values.value(
                    chosen.data.slug.to_string(),
                    chosen.display_name(),
                    total(chosen.id),
                );
                value.children = values.sorted(
                    board
                        .children(chosen.id)
                        .into_iter()
                        .map(|child| {
                            values.value(
                                child.data.slug.to_string(),
                                child.display_name(),
                                total(child.id),
                            )
                        })
                        .collect(),
                );
                value
            }
            _ => values.value(
                root.data.slug.to_string(),
                root.display_name(),
                total(root.id),
            ),
        })
        .collect()
}
