//! Matching offers against resolved filters: a cheap check on packed facts, then the full one.

use std::collections::HashSet;

use crate::geo::{DepartmentCode, RegionCode};
use crate::offer::{ContractType, Location, OfferData, Remote};
use crate::{DomainId, JobFamilyId, OrganisationId};

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
    /// domains are not fully decided by the packed facts.
    pub fn needs_full_check(&self) -> bool {
        self.domain.is_some()
    }

    /// Whether the offer passes every filter (the text query is the search index's business).
    pub fn matches(&self, offer: &OfferData) -> bool {
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
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::tests::sample;

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
                let full = filter.matches(offer);
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
        assert!(f.matches(&offer));
        let other_org = ResolvedFilter {
            organisations: Some(HashSet::from([OrganisationId(2)])),
            ..ResolvedFilter::default()
        };
        assert!(!other_org.matches(&offer));
        let stage = ResolvedFilter {
            contract: Some(ContractType::Stage),
            ..ResolvedFilter::default()
        };
        assert!(!stage.matches(&offer));
    }
}
