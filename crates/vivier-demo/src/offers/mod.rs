//! The deterministic generator of demo offers.

mod families;
mod places;
mod sections;
mod templates;
#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.
mod tests;

use std::collections::BTreeMap;

use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::{IndexedRandom, IteratorRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration};
use url::Url;
use vivier_domain::geo::Geography;
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, OfferData, OfferState, Remote, Seniority, Source,
};
use vivier_domain::organisation::OrganisationKind;
use vivier_domain::{DomainId, Email, JobFamilyId, OrganisationId, SalaryRange, Slug};

use crate::organisations::{OrgSpec, specs};
use families::FAMILIES;
use places::Place;
use templates::{Family, Tier, Title, Variant};

/// How many offers the demo shows.
pub const DEMO_OFFER_COUNT: usize = 300;

/// Seed of the generator: the same inputs always give the same offers.
const SEED: u64 = 0x5649_5649_4552_2026;

/// What the generator needs from the database, resolved by the caller.
#[derive(Debug, Clone, Copy)]
pub struct DemoContext<'a> {
    /// Every organisation that can recruit, by slug. Organisations of [`crate::organisations`]
    /// get texts about them; others get neutral texts.
    pub organisations: &'a [(Slug, OrganisationId)],
    /// The job families, by slug; templates whose family is missing get no job family.
    pub job_families: &'a [(Slug, JobFamilyId)],
    /// The domains, by slug; domains missing here are not used.
    pub domains: &'a [(Slug, DomainId)],
    /// The geography that locations must belong to.
    pub geography: &'a Geography,
}

/// Generates `count` offers, always the same for the same `(count, ctx, today)`: the first
/// offers of a larger batch are not those of a smaller one, but each batch is reproducible.
///
/// Dates are relative to `today`: most offers are open, a few expired, filled, closed or
/// drafts. Slugs and references are unique within the batch. Returns no offer when
/// `ctx.organisations` is empty, since every offer needs a recruiter.
pub fn offers(count: usize, ctx: &DemoContext<'_>, today: Date) -> Vec<OfferData> {
    let Some(generator) = Generator::new(ctx, today) else {
        return Vec::new();
    };
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    // `offer` only returns `None` if a template table is empty or a title has no letters,
    // which the template tests rule out (and other tests check that `count` offers come out).
    (0..count)
        .filter_map(|index| generator.offer(index, &mut rng))
        .collect()
}

/// An organisation of the context, with what we know about it.
struct Recruiter {
    id: OrganisationId,
    spec: Option<&'static OrgSpec>,
    /// Index of its usual place in `Generator::places`, if it has one there.
    home: Option<usize>,
}

/// Everything resolved once per batch.
struct Generator<'a> {
    today: Date,
    recruiters: Vec<Recruiter>,
    recruiter_pick: WeightedIndex<f64>,
    /// Recruiters that post volunteers abroad (the foreign affairs ministry), if any.
    abroad_recruiters: Vec<usize>,
    families: Vec<(&'static Family, Option<JobFamilyId>)>,
    family_pick: WeightedIndex<u32>,
    domains: BTreeMap<&'a str, DomainId>,
    places: Vec<Place>,
    place_pick: WeightedIndex<u32>,
    abroad: Vec<(Location, &'static str, &'static str)>,
}

/// The choices made for one offer, from which sections are written.
pub(crate) struct Draft<'a> {
    family: &'static Family,
    title: &'static Title,
    variant: &'static Variant,
    org: Option<&'static OrgSpec>,
    city: &'a str,
    country: Option<&'a str>,
    contract_types: Vec<ContractType>,
    seniority: Option<Seniority>,
    open_to_juniors: bool,
    remote: Remote,
    apply: ApplyMethod,
    reference: String,
    today: Date,
}

impl<'a> Generator<'a> {
    fn new(ctx: &DemoContext<'a>, today: Date) -> Option<Self> {
        let known: BTreeMap<Slug, &'static OrgSpec> = specs()
            .filter_map(|spec| Some((spec.slug()?, spec)))
            .collect();
        let places = places::places(ctx.geography);
        let recruiters: Vec<Recruiter> = ctx
            .organisations
            .iter()
            .map(|(slug, id)| {
                let spec = known.get(slug).copied();
                let home = spec
                    .and_then(|s| s.home)
                    .and_then(|home| places.iter().position(|p| p.commune.as_str() == home));
                Recruiter {
                    id: *id,
                    spec,
                    home,
                }
            })
            .collect();

        // A skewed spread, as in reality: a few organisations publish many offers. The rank
        // follows a fixed shuffle, so that the skew does not depend on the caller's order only.
        let mut ranks: Vec<usize> = (0..recruiters.len()).collect();
        ranks.shuffle(&mut ChaCha8Rng::seed_from_u64(SEED ^ 1));
        let mut weights = vec![0.0; recruiters.len()];
        for (rank, &index) in ranks.iter().enumerate() {
            let kind = match recruiters[index].spec.map(|s| s.kind) {
                Some(OrganisationKind::Ministere) => 0.5,
                Some(OrganisationKind::Direction | OrganisationKind::Service) => 1.5,
                _ => 1.0,
            };
            weights[index] = kind / (rank as f64 + 1.0).sqrt();
        }
        let recruiter_pick = WeightedIndex::new(&weights).ok()?;
        let abroad_recruiters = recruiters
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.spec
                    .is_some_and(|s| s.name.contains("Affaires étrangères"))
            })
            .map(|(i, _)| i)
            .collect();

        let family_ids: BTreeMap<&str, JobFamilyId> = ctx
            .job_families
            .iter()
            .map(|(slug, id)| (slug.as_str(), *id))
            .collect();
        let families: Vec<_> = FAMILIES
            .iter()
            .map(|&family| (family, family_ids.get(family.slug).copied()))
            .collect();
        let family_pick = WeightedIndex::new(FAMILIES.iter().map(|f| f.weight)).ok()?;
        let place_pick = WeightedIndex::new(places.iter().map(|p| p.weight)).ok()?;

        Some(Self {
            today,
            recruiters,
            recruiter_pick,
            abroad_recruiters,
            families,
            family_pick,
            domains: ctx
                .domains
                .iter()
                .map(|(slug, id)| (slug.as_str(), *id))
                .collect(),
            places,
            place_pick,
            abroad: places::abroad().collect(),
        })
    }

    fn offer(&self, index: usize, rng: &mut ChaCha8Rng) -> Option<OfferData> {
        let contract_types = contract_types(rng);
        let trainee = contract_types.iter().any(|c| {
            matches!(
                c,
                ContractType::Stage | ContractType::Apprentissage | ContractType::ViaVie
            )
        });
        let abroad = contract_types.contains(&ContractType::ViaVie);

        let (family, job_family_id) = if abroad {
            // Volunteers abroad keep embassies running: networks, systems and support.
            *self.families.iter().filter(|(f, _)| f.abroad).choose(rng)?
        } else {
            self.families[self.family_pick.sample(rng)]
        };
        let titles: Vec<&'static Title> = family
            .titles
            .iter()
            .filter(|t| !trainee || t.level.allows_beginners())
            .collect();
        let template = *titles.choose(rng)?;
        let variant = template.variants.choose(rng)?;
        let title = full_title(template, variant, &contract_types);

        let seniority = if trainee {
            Some(Seniority::Debutant)
        } else {
            weighted(template.level.seniorities(), rng)
                .copied()
                .flatten()
        };
        let freelance_only = contract_types == [ContractType::Freelance];
        let category = if trainee || freelance_only {
            None
        } else {
            Some(category(template.tier, rng))
        };

        let recruiter = match self.abroad_recruiters.choose(rng) {
            Some(&i) if abroad => &self.recruiters[i],
            _ => &self.recruiters[self.recruiter_pick.sample(rng)],
        };
        let (location, city, country) = if abroad {
            let (location, city, country) = self.abroad.choose(rng)?;
            (location.clone(), *city, Some(*country))
        } else {
            let place = match recruiter.home {
                // Bodies based outside Paris mostly recruit where they are.
                Some(home) if rng.random_bool(home_share(&self.places[home])) => &self.places[home],
                _ => &self.places[self.place_pick.sample(rng)],
            };
            (place.location.clone(), place.name, None)
        };

        let remote = if abroad {
            Remote::Aucun
        } else if trainee {
            if rng.random_bool(0.6) {
                Remote::Partiel
            } else {
                Remote::Aucun
            }
        } else {
            *weighted(
                &[
                    (Remote::Partiel, 70),
                    (Remote::Aucun, 21),
                    (Remote::Total, 9),
                ],
                rng,
            )?
        };
        let open_to_juniors = trainee
            || rng.random_bool(match seniority {
                Some(Seniority::Debutant) => 1.0,
                Some(Seniority::Confirme) => 0.1,
                Some(Seniority::Expert) => 0.0,
                None => 0.25,
            });
        let salary = if trainee || !rng.random_bool(0.82) {
            None
        } else {
            salary(seniority, category, rng)
        };

        let number = index + 1;
        let reference = format!("VIV-{}-{number:05}", self.today.year());
        let (state, published_on, deadline) = self.state_and_dates(rng);
        let apply = apply_method(recruiter.spec, &reference, rng);
        let domain_ids = self.domains(variant, recruiter.spec, family, rng);

        let draft = Draft {
            family,
            title: template,
            variant,
            org: recruiter.spec,
            city,
            country,
            contract_types,
            seniority,
            open_to_juniors,
            remote,
            apply,
            reference,
            today: self.today,
        };
        let sections = sections::write(&draft, rng);
        Some(OfferData {
            slug: offer_slug(&title, number)?,
            reference: draft.reference,
            title,
            organisation_id: recruiter.id,
            job_family_id,
            domain_ids,
            contract_types: draft.contract_types,
            category,
            remote,
            open_to_juniors,
            seniority,
            salary,
            location,
            state,
            published_on,
            deadline,
            source: Source::Vivier,
            source_reference: None,
            source_url: None,
            apply: draft.apply,
            sections,
        })
    }

    /// State, publication date and deadline: ~85 % open, ~5 % expired, ~5 % filled, ~4 %
    /// closed, ~1 % drafts. The deadline never precedes the publication.
    fn state_and_dates(&self, rng: &mut impl Rng) -> (OfferState, Option<Date>, Option<Date>) {
        let today = self.today;
        match rng.random_range(0..1000) {
            0..850 => {
                let published = shift(today, -rng.random_range(0..=60));
                let deadline = rng
                    .random_bool(0.85)
                    .then(|| shift(today, rng.random_range(5..=90)));
                (OfferState::Publiee, Some(published), deadline)
            }
            850..900 => {
                let deadline = shift(today, -rng.random_range(1..=30));
                let published = shift(deadline, -rng.random_range(14..=60));
                (OfferState::Publiee, Some(published), Some(deadline))
            }
            900..990 => {
                let state = if rng.random_bool(0.55) {
                    OfferState::Pourvue
                } else {
                    OfferState::Cloturee
                };
                let published = shift(today, -rng.random_range(30..=200));
                let deadline = rng
                    .random_bool(0.7)
                    .then(|| shift(published, rng.random_range(20..=60)));
                (state, Some(published), deadline)
            }
            _ => {
                let deadline = rng
                    .random_bool(0.5)
                    .then(|| shift(today, rng.random_range(30..=90)));
                (OfferState::Brouillon, None, deadline)
            }
        }
    }

    /// Zero to two domains known to the context: the variant's own first, then those of the
    /// organisation and of the family.
    fn domains(
        &self,
        variant: &Variant,
        org: Option<&OrgSpec>,
        family: &Family,
        rng: &mut impl Rng,
    ) -> Vec<DomainId> {
        let wanted = *weighted(&[(0, 20), (1, 50), (2, 30)], rng).unwrap_or(&1);
        let mut others: Vec<&str> = org
            .map(|o| o.domains)
            .unwrap_or_default()
            .iter()
            .chain(family.domains)
            .copied()
            .collect();
        others.shuffle(rng);
        let mut ids = Vec::with_capacity(wanted);
        for slug in variant.domain.into_iter().chain(others) {
            if ids.len() == wanted {
                break;
            }
            if let Some(&id) = self.domains.get(slug)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }
}

/// One or two contract types: mostly civil servants or contract agents, a few internships,
/// apprenticeships, freelances and international volunteers.
fn contract_types(rng: &mut impl Rng) -> Vec<ContractType> {
    use ContractType::*;
    match rng.random_range(0..1000) {
        0..570 => vec![TitulaireOuContractuel],
        570..830 => vec![ContractuelUniquement],
        830..860 => vec![ContractuelUniquement, Freelance],
        860..915 => vec![Stage],
        915..960 => vec![Apprentissage],
        960..970 => vec![Stage, Apprentissage],
        970..980 => vec![Freelance],
        _ => vec![ViaVie],
    }
}

/// The title with its variant, prefixed for internships, apprenticeships and volunteers.
fn full_title(template: &Title, variant: &Variant, contracts: &[ContractType]) -> String {
    let base = template
        .pattern
        .replacen("{}", variant.label, 1)
        .trim()
        .to_owned();
    let prefix = match contracts {
        [ContractType::Stage, ContractType::Apprentissage] => "Stage ou alternance",
        [ContractType::Stage] => "Stage",
        [ContractType::Apprentissage] => "Alternance",
        [ContractType::ViaVie] => "VIA",
        _ => return base,
    };
    format!("{prefix} – {base}")
}

/// `{title slug}-{number}`: unique within a batch since the number is, and nothing after the
/// last hyphen comes from the title. The title part is cut at a word boundary if needed.
fn offer_slug(title: &str, number: usize) -> Option<Slug> {
    let suffix = number.to_string();
    let base = Slug::from_text(title)?;
    let mut base = base.as_str();
    let room = Slug::MAX_LEN - suffix.len() - 1;
    while base.len() > room {
        base = base
            .rsplit_once('-')
            .map_or(&base[..room], |(head, _)| head);
    }
    Slug::parse(&format!("{base}-{suffix}")).ok()
}

fn category(tier: Tier, rng: &mut impl Rng) -> Category {
    let weights: &[(Category, u32)] = match tier {
        Tier::Engineer => &[(Category::A, 92), (Category::B, 8)],
        Tier::Technician => &[(Category::B, 65), (Category::C, 15), (Category::A, 20)],
    };
    weighted(weights, rng).copied().unwrap_or(Category::A)
}

/// A plausible gross annual range, by experience and category, rounded to 500 €.
fn salary(
    seniority: Option<Seniority>,
    category: Option<Category>,
    rng: &mut impl Rng,
) -> Option<SalaryRange> {
    let (low, high, spread) = match seniority {
        Some(Seniority::Debutant) => (32_000, 38_000, 7_000..=12_000),
        Some(Seniority::Confirme) => (42_000, 52_000, 10_000..=16_000),
        Some(Seniority::Expert) => (58_000, 70_000, 15_000..=25_000),
        None => (38_000, 50_000, 10_000..=18_000),
    };
    let scale = match category {
        Some(Category::B) => 0.8,
        Some(Category::C) => 0.68,
        _ => 1.0,
    };
    let round = |amount: f64| ((amount * scale / 500.0).round() * 500.0) as u32;
    let min: u32 = rng.random_range(low..=high);
    let max = min + rng.random_range(spread);
    SalaryRange::new(round(f64::from(min)), round(f64::from(max))).ok()
}

/// Mostly through Vivier; sometimes on Choisir le service public or by e-mail.
fn apply_method(org: Option<&OrgSpec>, reference: &str, rng: &mut impl Rng) -> ApplyMethod {
    match rng.random_range(0..100) {
        0..80 => ApplyMethod::Vivier,
        80..92 => Url::parse(&format!(
            "https://choisirleservicepublic.gouv.fr/offre-emploi/{}/",
            reference.to_ascii_lowercase()
        ))
        .map_or(ApplyMethod::Vivier, ApplyMethod::ExternalUrl),
        _ => org
            .and_then(|o| Email::parse(&format!("recrutement@{}", o.mail_domain)).ok())
            .map_or(ApplyMethod::Vivier, ApplyMethod::Email),
    }
}

/// How often an organisation recruits in its home city rather than anywhere.
fn home_share(home: &Place) -> f64 {
    if home.commune.as_str() == "75056" {
        0.2
    } else {
        0.7
    }
}

/// Picks an item by weight; `None` only for an empty or all-zero table.
fn weighted<'t, T>(table: &'t [(T, u32)], rng: &mut impl Rng) -> Option<&'t T> {
    table
        .choose_weighted(rng, |(_, w)| *w)
        .ok()
        .map(|(item, _)| item)
}

/// `date` moved by `days`, or `date` itself at the edges of the calendar.
fn shift(date: Date, days: i64) -> Date {
    date.checked_add(Duration::days(days)).unwrap_or(date)
}
