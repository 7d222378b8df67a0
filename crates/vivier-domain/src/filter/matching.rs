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

    /// The last day to apply, if any.
    pub fn deadline(&self) -> Option<time::Date> {
        self.deadline
    }

    /// The recruiting organisation.
    pub fn organisation(&self) -> OrganisationId {
        self.organisation
    }

    /// Same as [`OfferData::is_active`].
    pub fn is_active(&self, today: time::Date) -> bool {
        self.published && self.deadline.is_none_or(|d| d >= today)
    }

    /// Whether the offer is open, in 4 bytes.
    pub fn liveness(&self) -> Liveness {
        Liveness(match (self.published, self.deadline) {
            (false, _) => 0,
            (true, None) => u32::MAX,
            (true, Some(deadline)) => day_number(deadline).saturating_add(1),
        })
    }
}

/// Whether an offer is open to applications, on any day, in 4 bytes: the one fact a search
/// reads for each of its (tens of thousands of) hits, so kept apart from the others, where a
/// scan of them stays in the processor's cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liveness(
    /// 0 when unpublished, else the [`day_number`] of the day after the deadline, or
    /// `u32::MAX` without a deadline.
    u32,
);

impl Liveness {
    /// Same as [`OfferFacts::is_active`].
    pub fn is_active(self, today: time::Date) -> bool {
        self.0 > day_number(today)
    }
}

/// Days since the day before the first date there is: 1 or more, in order.
fn day_number(date: time::Date) -> u32 {
    let days = date.to_julian_day() - time::Date::MIN.to_julian_day();
    u32::try_from(days).map_or(u32::MAX - 1, |days| days.saturating_add(1))
}

/// A filter whose values are counted for the current search, so that a visitor sees where
/// the offers are before choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    JobFamily,
    Region,
    Department,
    Contract,
    Remote,
    Organisation,
}

impl Facet {
    /// Every facet, in the order pages show them.
    pub const ALL: [Self; 6] = [
        Self::JobFamily,
        Self::Region,
        Self::Department,
        Self::Contract,
        Self::Remote,
        Self::Organisation,
    ];

    /// The URL parameter of the filter (also the facet's key in the API).
    pub fn param(self) -> &'static str {
        match self {
            Self::JobFamily => "metier",
            Self::Region => "region",
            Self::Department => "departement",
            Self::Contract => "contrat",
            Self::Remote => "teletravail",
            Self::Organisation => "organisation",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of facets, packed in a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FacetSet(u8);

impl FacetSet {
    /// No facet.
    pub const EMPTY: Self = Self(0);

    /// Adds a facet.
    pub fn insert(&mut self, facet: Facet) {
        self.0 |= facet.bit();
    }

    /// Whether the facet is in the set.
    pub fn contains(self, facet: Facet) -> bool {
        self.0 & facet.bit() != 0
    }

    /// The facet when the set holds exactly one.
    pub fn single(self) -> Option<Facet> {
        if self.0.count_ones() == 1 {
            Facet::ALL.into_iter().find(|f| self.contains(*f))
        } else {
            None
        }
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
        self.facet_misses(facts)
            .is_some_and(|misses| misses == FacetSet::EMPTY)
    }

    /// The faceted filters that the offer fails, from its packed facts; `None` when it fails
    /// a filter that is not a facet (juniors, or certainly the domain). Like
    /// [`may_match`](Self::may_match), the domain is only pre-checked: confirm with
    /// [`matches_domain`](Self::matches_domain) when [`needs_full_check`](Self::needs_full_check).
    pub fn facet_misses(&self, facts: &OfferFacts) -> Option<FacetSet> {
        if (self.juniors && !facts.juniors)
            || self
                .domain
                .is_some_and(|d| facts.domains & domain_bit(d) == 0)
        {
            return None;
        }
        let mut misses = FacetSet::EMPTY;
        if self.job_family.is_some() && facts.job_family != self.job_family {
            misses.insert(Facet::JobFamily);
        }
        if self
            .contract
            .is_some_and(|c| facts.contracts & contract_bit(c) == 0)
        {
            misses.insert(Facet::Contract);
        }
        if self.remote.is_some_and(|r| r != facts.remote) {
            misses.insert(Facet::Remote);
        }
        if let Some(region) = &self.region
            && facts.region != Some(pack(region.as_str()))
        {
            misses.insert(Facet::Region);
        }
        if let Some(department) = &self.department
            && facts.department != Some(pack(department.as_str()))
        {
            misses.insert(Facet::Department);
        }
        if let Some(orgs) = &self.organisations
            && !orgs.contains(&facts.organisation)
        {
            misses.insert(Facet::Organisation);
        }
        Some(misses)
    }

    /// Whether the offer has the filter's domain (true without a domain filter).
    pub fn matches_domain(&self, offer: &OfferData) -> bool {
        self.domain.is_none_or(|d| offer.domain_ids.contains(&d))
    }

    /// Whether [`may_match`](Self::may_match) must be confirmed by [`matches`](Self::matches):
    /// domains are not fully decided by the packed facts.
    pub fn needs_full_check(&self) -> bool {
        self.domain.is_some()
    }

    /// Whether no filter is set, so that every offer passes without a look at its facts.
    pub fn is_empty(&self) -> bool {
        let Self {
            job_family,
            domain,
            region,
            department,
            contract,
            remote,
            juniors,
            organisations,
        } = self;
        job_family.is_none()
            && domain.is_none()
            && region.is_none()
            && department.is_none()
            && contract.is_none()
            && remote.is_none()
            && !juniors
            && organisations.is_none()
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

    /// The filter without the facet's criterion.
    fn without(filter: &ResolvedFilter, facet: Facet) -> ResolvedFilter {
        let mut filter = filter.clone();
        match facet {
            Facet::JobFamily => filter.job_family = None,
            Facet::Region => filter.region = None,
            Facet::Department => filter.department = None,
            Facet::Contract => filter.contract = None,
            Facet::Remote => filter.remote = None,
            Facet::Organisation => filter.organisations = None,
        }
        filter
    }

    #[test]
    fn a_filter_is_empty_only_without_any_filter() {
        assert!(ResolvedFilter::default().is_empty());
        let set = [
            ResolvedFilter {
                job_family: Some(JobFamilyId(1)),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                domain: Some(DomainId(1)),
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
                contract: Some(ContractType::ALL[0]),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                remote: Some(Remote::ALL[0]),
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                juniors: true,
                ..ResolvedFilter::default()
            },
            ResolvedFilter {
                organisations: Some(HashSet::new()),
                ..ResolvedFilter::default()
            },
        ];
        for filter in set {
            assert!(!filter.is_empty(), "{filter:?}");
        }
    }

    #[test]
    fn liveness_says_what_is_active_says() {
        use crate::offer::OfferState;
        let day = |y, m, d| time::Date::from_calendar_date(y, m, d).unwrap();
        let days = [
            time::Date::MIN,
            day(-4713, time::Month::November, 24),
            day(-4713, time::Month::November, 25),
            day(2026, time::Month::November, 21),
            day(2026, time::Month::November, 22),
            day(2026, time::Month::November, 23),
            time::Date::MAX,
        ];
        let mut offer = sample();
        for state in [
            OfferState::Brouillon,
            OfferState::Publiee,
            OfferState::Pourvue,
        ] {
            for deadline in days.iter().copied().map(Some).chain([None]) {
                offer.state = state;
                offer.deadline = deadline;
                let facts = OfferFacts::of(&offer);
                for today in days {
                    assert_eq!(
                        facts.liveness().is_active(today),
                        facts.is_active(today),
                        "{state:?}, deadline {deadline:?}, today {today}"
                    );
                }
            }
        }
    }

    #[test]
    fn facet_misses_name_exactly_the_failing_facets() {
        use crate::offer::Remote as R;
        let offer = sample();
        let facts = OfferFacts::of(&offer);
        let filter = ResolvedFilter {
            job_family: Some(JobFamilyId(9)),
            region: Some(RegionCode::parse("84").unwrap()),
            department: Some(DepartmentCode::parse("75").unwrap()),
            contract: Some(ContractType::Stage),
            remote: Some(R::Total),
            organisations: Some(HashSet::from([OrganisationId(2)])),
            ..ResolvedFilter::default()
        };
        let misses = filter.facet_misses(&facts).unwrap();
        for facet in Facet::ALL {
            // Each facet is judged on its own: it is missed iff its criterion alone refuses.
            let mut only = ResolvedFilter::default();
            match facet {
                Facet::JobFamily => only.job_family = filter.job_family,
                Facet::Region => only.region = filter.region.clone(),
                Facet::Department => only.department = filter.department.clone(),
                Facet::Contract => only.contract = filter.contract,
                Facet::Remote => only.remote = filter.remote,
                Facet::Organisation => only.organisations = filter.organisations.clone(),
            }
            assert_eq!(misses.contains(facet), !only.matches(&offer), "{facet:?}");
        }
        // Removing every missed facet leaves a filter the offer passes.
        let relaxed = Facet::ALL
            .into_iter()
            .filter(|f| misses.contains(*f))
            .fold(filter.clone(), |f, facet| without(&f, facet));
        assert!(relaxed.matches(&offer));
        // A non-facet filter that fails gives no facet at all.
        let juniors = ResolvedFilter {
            juniors: true,
            ..ResolvedFilter::default()
        };
        let senior = OfferData {
            open_to_juniors: false,
            ..sample()
        };
        assert_eq!(juniors.facet_misses(&OfferFacts::of(&senior)), None);
        let mut one = FacetSet::EMPTY;
        assert_eq!(one.single(), None);
        one.insert(Facet::Remote);
        assert_eq!(one.single(), Some(Facet::Remote));
        one.insert(Facet::Region);
        assert_eq!(one.single(), None);
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
