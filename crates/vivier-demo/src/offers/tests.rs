use std::collections::{BTreeMap, BTreeSet};

use time::macros::date;
use vivier_domain::geo::{Commune, CommuneCode, Department, DepartmentCode, Region, RegionCode};

use super::*;
use crate::{domains, job_families, organisations};

const TODAY: Date = date!(2026 - 03 - 15);

/// Ids as a store would give them: position + 1.
struct Fixture {
    organisations: Vec<(Slug, OrganisationId)>,
    job_families: Vec<(Slug, JobFamilyId)>,
    domains: Vec<(Slug, DomainId)>,
    geography: Geography,
}

impl Fixture {
    fn new(geography: Geography) -> Self {
        let id = |i: usize| i as i64 + 1;
        Self {
            organisations: organisations()
                .into_iter()
                .enumerate()
                .map(|(i, o)| (o.slug, OrganisationId(id(i))))
                .collect(),
            job_families: job_families()
                .into_iter()
                .enumerate()
                .map(|(i, f)| (f.slug, JobFamilyId(id(i))))
                .collect(),
            domains: domains()
                .into_iter()
                .enumerate()
                .map(|(i, d)| (d.slug, DomainId(id(i))))
                .collect(),
            geography,
        }
    }

    fn ctx(&self) -> DemoContext<'_> {
        DemoContext {
            organisations: &self.organisations,
            job_families: &self.job_families,
            domains: &self.domains,
            geography: &self.geography,
        }
    }
}

fn share(offers: &[OfferData], predicate: impl Fn(&OfferData) -> bool) -> f64 {
    offers.iter().filter(|o| predicate(o)).count() as f64 / offers.len() as f64
}

fn text_of(offer: &OfferData) -> String {
    let mut text = offer.title.clone();
    for (_, _, section) in offer.sections.filled() {
        text.push('\n');
        text.push_str(section);
    }
    text
}

#[test]
fn generation_is_deterministic() {
    let fixture = Fixture::new(Geography::default());
    let first = offers(500, &fixture.ctx(), TODAY);
    assert_eq!(first.len(), 500);
    assert_eq!(first, offers(500, &fixture.ctx(), TODAY));
    assert_ne!(first, offers(500, &fixture.ctx(), date!(2026 - 03 - 16)));
}

#[test]
fn ten_thousand_offers_have_unique_slugs_and_references_and_pass_the_checks() {
    let fixture = Fixture::new(Geography::default());
    let offers = offers(10_000, &fixture.ctx(), TODAY);
    assert_eq!(offers.len(), 10_000);
    let slugs: BTreeSet<_> = offers.iter().map(|o| o.slug.as_str()).collect();
    assert_eq!(slugs.len(), offers.len());
    let references: BTreeSet<_> = offers.iter().map(|o| o.reference.as_str()).collect();
    assert_eq!(references.len(), offers.len());
    for offer in &offers {
        assert_eq!(offer.check(), Ok(()), "{}", offer.slug);
        let title_slug = Slug::from_text(&offer.title).unwrap();
        assert!(
            offer.slug.as_str().starts_with(title_slug.as_str()),
            "{}",
            offer.slug
        );
    }
    assert_eq!(offers[41].reference, "VIV-2026-00042");
    assert!(offers[41].slug.as_str().ends_with("-42"));
    // Every organisation recruits, none dominates.
    let mut per_org: BTreeMap<OrganisationId, usize> = BTreeMap::new();
    for offer in &offers {
        *per_org.entry(offer.organisation_id).or_default() += 1;
    }
    assert_eq!(per_org.len(), fixture.organisations.len());
    let busiest = per_org.values().max().copied().unwrap_or_default();
    assert!(busiest < 1_500, "one organisation has {busiest} offers");
}

#[test]
fn proportions_over_a_thousand_offers() {
    let fixture = Fixture::new(Geography::default());
    let offers = offers(1_000, &fixture.ctx(), TODAY);

    let active = share(&offers, |o| o.is_active(TODAY));
    assert!((0.75..=0.92).contains(&active), "active {active}");
    for state in OfferState::ALL {
        assert!(offers.iter().any(|o| o.state == *state), "no {state:?}");
    }
    assert!(
        offers
            .iter()
            .any(|o| o.state == OfferState::Publiee && !o.is_active(TODAY))
    );
    for contract in ContractType::ALL {
        assert!(
            offers.iter().any(|o| o.contract_types.contains(contract)),
            "no {contract:?}"
        );
    }
    let mainstream = share(&offers, |o| {
        o.contract_types.iter().any(|c| {
            matches!(
                c,
                ContractType::TitulaireOuContractuel | ContractType::ContractuelUniquement
            )
        })
    });
    assert!(mainstream > 0.8, "{mainstream}");
    assert!(
        offers
            .iter()
            .all(|o| (1..=2).contains(&o.contract_types.len()))
    );

    let abroad = share(&offers, |o| matches!(o.location, Location::Abroad { .. }));
    assert!((0.005..=0.05).contains(&abroad), "abroad {abroad}");
    let idf = share(
        &offers,
        |o| matches!(&o.location, Location::France { region, .. } if region.as_str() == "11"),
    );
    assert!((0.38..=0.58).contains(&idf), "Île-de-France {idf}");

    let a = share(&offers, |o| o.category == Some(Category::A));
    let b = share(&offers, |o| o.category == Some(Category::B));
    let c = share(&offers, |o| o.category == Some(Category::C));
    assert!(
        a > 0.6 && b > 0.05 && c > 0.0 && c < b,
        "A {a}, B {b}, C {c}"
    );
    let partiel = share(&offers, |o| o.remote == Remote::Partiel);
    let total = share(&offers, |o| o.remote == Remote::Total);
    let aucun = share(&offers, |o| o.remote == Remote::Aucun);
    assert!(
        partiel > 0.5 && aucun > total && total > 0.0,
        "{partiel} {aucun} {total}"
    );
    let juniors = share(&offers, |o| o.open_to_juniors);
    assert!((0.2..=0.4).contains(&juniors), "juniors {juniors}");
    let salaries = share(&offers, |o| o.salary.is_some());
    assert!((0.6..=0.8).contains(&salaries), "salaries {salaries}");
    for seniority in Seniority::ALL {
        assert!(offers.iter().any(|o| o.seniority == Some(*seniority)));
    }
    let vivier = share(&offers, |o| o.apply == ApplyMethod::Vivier);
    assert!(
        (0.7..=0.9).contains(&vivier),
        "apply through Vivier {vivier}"
    );
    assert!(
        offers
            .iter()
            .any(|o| matches!(o.apply, ApplyMethod::Email(_)))
    );
    assert!(
        offers
            .iter()
            .any(|o| matches!(o.apply, ApplyMethod::ExternalUrl(_)))
    );
    let no_domain = share(&offers, |o| o.domain_ids.is_empty());
    assert!((0.1..=0.35).contains(&no_domain), "{no_domain}");
    assert!(
        offers
            .iter()
            .all(|o| o.domain_ids.len() <= 2 && o.job_family_id.is_some())
    );
    let no_team = share(&offers, |o| o.sections.team.is_none());
    assert!((0.2..=0.6).contains(&no_team), "{no_team}");
}

#[test]
fn fields_are_consistent() {
    let fixture = Fixture::new(Geography::default());
    for offer in offers(2_000, &fixture.ctx(), TODAY) {
        let slug = offer.slug.as_str();
        match offer.state {
            OfferState::Brouillon => assert!(offer.published_on.is_none(), "{slug}"),
            _ => assert!(offer.published_on.is_some_and(|d| d <= TODAY), "{slug}"),
        }
        if offer.is_active(TODAY)
            && let Some(deadline) = offer.deadline
        {
            assert!(deadline >= TODAY + Duration::days(5), "{slug}");
            assert!(deadline <= TODAY + Duration::days(90), "{slug}");
            assert!(
                offer.published_on >= Some(TODAY - Duration::days(60)),
                "{slug}"
            );
        }
        let trainee = offer.contract_types.iter().any(|c| {
            matches!(
                c,
                ContractType::Stage | ContractType::Apprentissage | ContractType::ViaVie
            )
        });
        if trainee {
            assert_eq!(offer.category, None, "{slug}");
            assert_eq!(offer.seniority, Some(Seniority::Debutant), "{slug}");
            assert!(offer.open_to_juniors && offer.salary.is_none(), "{slug}");
            assert!(offer.sections.special_conditions.is_some(), "{slug}");
        }
        if offer.contract_types.contains(&ContractType::ViaVie) {
            assert!(matches!(offer.location, Location::Abroad { .. }), "{slug}");
            assert!(offer.title.starts_with("VIA – "), "{slug}");
        }
        if let Some(salary) = offer.salary {
            assert!(salary.min() >= 20_000 && salary.max() <= 100_000, "{slug}");
            assert_eq!(salary.min() % 500, 0);
        }
        if offer.seniority == Some(Seniority::Expert) {
            assert!(!offer.open_to_juniors, "{slug}");
        }
        assert!(offer.sections.mission.is_some(), "{slug}");
        if let ApplyMethod::Email(email) = &offer.apply {
            assert!(email.as_str().starts_with("recrutement@"), "{slug}");
            let process = offer
                .sections
                .recruitment_process
                .as_deref()
                .unwrap_or_default();
            assert!(process.contains(email.as_str()), "{slug}");
        }
        assert_eq!(offer.source, Source::Vivier);
        assert!(offer.source_reference.is_none() && offer.source_url.is_none());
    }
}

#[test]
fn texts_name_the_organisation_and_vary() {
    let fixture = Fixture::new(Geography::default());
    let specs: BTreeMap<OrganisationId, &OrgSpec> = fixture
        .organisations
        .iter()
        .filter_map(|(slug, id)| Some((*id, specs().find(|s| s.slug().as_ref() == Some(slug))?)))
        .collect();
    let offers = offers(1_000, &fixture.ctx(), TODAY);
    for offer in &offers {
        if let Some(context) = &offer.sections.context {
            let spec = specs[&offer.organisation_id];
            assert!(
                context.starts_with(&crate::grammar::capitalize(spec.short)),
                "{context}"
            );
        }
        for (_, _, text) in offer.sections.filled() {
            assert!(
                !text.contains('{') && !text.contains("  "),
                "{}: {text}",
                offer.slug
            );
            assert_eq!(text, text.trim(), "{}", offer.slug);
        }
    }
    let titles: BTreeSet<_> = offers.iter().map(|o| o.title.as_str()).collect();
    assert!(titles.len() > 150, "only {} distinct titles", titles.len());
    let all: String = offers.iter().map(text_of).collect();
    for word in [
        "Kubernetes",
        "PostgreSQL",
        "RGAA",
        "EBIOS",
        "Python",
        "DINUM",
        "Lyon",
        "VIA",
    ] {
        assert!(all.contains(word), "no offer mentions {word}");
    }
}

#[test]
fn a_tiny_geography_restricts_the_places() {
    let code = |c: &str| CommuneCode::parse(c).unwrap();
    let region = |r: &str| RegionCode::parse(r).unwrap();
    let department = |d: &str| DepartmentCode::parse(d).unwrap();
    let geography = Geography::new(
        vec![
            Region {
                code: region("11"),
                name: "Île-de-France".into(),
            },
            Region {
                code: region("84"),
                name: "Auvergne-Rhône-Alpes".into(),
            },
        ],
        vec![
            Department {
                code: department("75"),
                name: "Paris".into(),
                region: region("11"),
            },
            Department {
                code: department("69"),
                name: "Rhône".into(),
                region: region("84"),
            },
            // Known department, but its commune is not in the geography: left out.
            Department {
                code: department("33"),
                name: "Gironde".into(),
                region: region("75"),
            },
        ],
        vec![
            Commune {
                code: code("75056"),
                name: "Paris".into(),
                department: department("75"),
                postal_codes: vec!["75001".into()],
                population: 2_100_000,
            },
            Commune {
                code: code("69123"),
                name: "Lyon".into(),
                department: department("69"),
                postal_codes: vec!["69001".into()],
                population: 520_000,
            },
        ],
    );
    let fixture = Fixture::new(geography);
    let offers = offers(400, &fixture.ctx(), TODAY);
    assert_eq!(offers.len(), 400);
    let mut communes = BTreeSet::new();
    for offer in &offers {
        assert_eq!(offer.check(), Ok(()));
        if let Location::France {
            region,
            department,
            commune,
        } = &offer.location
        {
            let commune = commune.clone().unwrap();
            let known = fixture.geography.commune(&commune).unwrap();
            assert_eq!(Some(&known.department), department.as_ref());
            assert_eq!(
                &fixture
                    .geography
                    .department(&known.department)
                    .unwrap()
                    .region,
                region
            );
            communes.insert(commune);
        }
    }
    assert_eq!(communes, BTreeSet::from([code("69123"), code("75056")]));
}

#[test]
fn the_default_geography_uses_builtin_regions() {
    let fixture = Fixture::new(Geography::default());
    let offers = offers(300, &fixture.ctx(), TODAY);
    let mut regions = BTreeSet::new();
    for offer in &offers {
        if let Location::France {
            region,
            department,
            commune,
        } = &offer.location
        {
            assert!(department.is_some() && commune.is_some());
            regions.insert(region.as_str().to_owned());
        }
    }
    assert!(regions.len() >= 8, "{regions:?}");
    assert!(regions.contains("11"));
}

#[test]
fn empty_referentials_and_unknown_organisations() {
    let organisations = [
        (Slug::parse("service-inconnu").unwrap(), OrganisationId(1)),
        (Slug::parse("autre-service").unwrap(), OrganisationId(2)),
    ];
    let geography = Geography::default();
    let ctx = DemoContext {
        organisations: &organisations,
        job_families: &[],
        domains: &[],
        geography: &geography,
    };
    let offers = offers(300, &ctx, TODAY);
    assert_eq!(offers.len(), 300);
    for offer in &offers {
        assert_eq!(offer.check(), Ok(()));
        assert!(offer.job_family_id.is_none() && offer.domain_ids.is_empty());
        assert!(!matches!(offer.apply, ApplyMethod::Email(_)));
    }
    let no_org = DemoContext {
        organisations: &[],
        ..ctx
    };
    assert!(super::offers(10, &no_org, TODAY).is_empty());
    assert!(super::offers(0, &ctx, TODAY).is_empty());
}

#[test]
fn templates_match_the_referentials() {
    let families: BTreeSet<_> = job_families()
        .into_iter()
        .map(|f| f.slug.as_str().to_owned())
        .collect();
    let domain_slugs: BTreeSet<_> = domains()
        .into_iter()
        .map(|d| d.slug.as_str().to_owned())
        .collect();
    let template_families: BTreeSet<_> = FAMILIES.iter().map(|f| f.slug.to_owned()).collect();
    assert_eq!(template_families, families, "one template per job family");
    for family in FAMILIES {
        assert!(
            family.titles.iter().any(|t| t.level.allows_beginners()),
            "{}",
            family.slug
        );
        assert!(
            family.missions.iter().all(|m| m.starts_with("Vous ")),
            "{}",
            family.slug
        );
        assert!(
            family.teams.iter().all(|t| t.contains("{n}")),
            "{}",
            family.slug
        );
        assert!(
            family.activities.len() >= 6 && family.skills.len() >= 6,
            "{}",
            family.slug
        );
        for item in family.activities.iter().chain(family.skills) {
            assert!(!item.ends_with('.') && !item.starts_with("- "), "{item}");
        }
        for title in family.titles {
            assert!(!title.variants.is_empty(), "{}", title.pattern);
            let placeholder = title.pattern.contains("{}");
            for variant in title.variants {
                assert_eq!(!variant.label.is_empty(), placeholder, "{}", title.pattern);
                assert!(!variant.stack.is_empty() && !variant.stack.ends_with('.'));
                if let Some(domain) = variant.domain {
                    assert!(domain_slugs.contains(domain), "{domain}");
                }
            }
        }
        for domain in family.domains {
            assert!(domain_slugs.contains(*domain), "{domain}");
        }
    }
}

#[test]
fn slugs_are_cut_but_keep_their_number() {
    let long = "Responsable ".repeat(20);
    let slug = offer_slug(&long, 123_456).unwrap();
    assert!(slug.as_str().len() <= Slug::MAX_LEN);
    assert!(slug.as_str().ends_with("-responsable-123456"), "{slug}");
    assert_eq!(
        offer_slug("Data engineer Spark", 7).unwrap().as_str(),
        "data-engineer-spark-7"
    );
    assert!(offer_slug("¿ !", 7).is_none());
}

#[test]
fn french_titles() {
    let java = &families::DEVELOPPEMENT.titles[0];
    let variant = &java.variants[0];
    assert_eq!(
        full_title(java, variant, &[ContractType::Stage]),
        "Stage – Développeur·se back-end Java"
    );
    assert_eq!(
        full_title(java, variant, &[ContractType::TitulaireOuContractuel]),
        "Développeur·se back-end Java"
    );
}

/// Every title a template can produce, with the templates that produce it.
fn templates_by_title() -> BTreeMap<String, Vec<(&'static Family, &'static Title)>> {
    let mut map: BTreeMap<String, Vec<(&'static Family, &'static Title)>> = BTreeMap::new();
    for &family in FAMILIES {
        for template in family.titles {
            for variant in template.variants {
                map.entry(full_title(template, variant, &[]))
                    .or_default()
                    .push((family, template));
            }
        }
    }
    map
}

/// The list items of a section ("- " lines), as written.
fn items(section: Option<&str>) -> Vec<&str> {
    section
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect()
}

#[test]
fn activities_skills_and_missions_fit_the_title() {
    let fixture = Fixture::new(Geography::default());
    let templates = templates_by_title();
    let uncap = |s: &&str| crate::grammar::uncapitalize(s);
    for offer in offers(2_000, &fixture.ctx(), TODAY) {
        let base = offer
            .title
            .split_once(" – ")
            .map_or(offer.title.as_str(), |(prefix, rest)| {
                if ["Stage", "Alternance", "Stage ou alternance", "VIA"].contains(&prefix) {
                    rest
                } else {
                    offer.title.as_str()
                }
            });
        let candidates = &templates[base];
        let activities = items(offer.sections.activities.as_deref());
        let skills = items(offer.sections.profile.as_deref());
        let mission = offer.sections.mission.as_deref().unwrap_or_default();
        let fits = candidates.iter().any(|(family, title)| {
            let own_activities: Vec<String> = title.activities(family).iter().map(uncap).collect();
            let own_skills: Vec<String> = title.skills(family).iter().map(uncap).collect();
            activities
                .iter()
                .all(|a| own_activities.iter().any(|o| o == a))
                && skills.iter().all(|s| own_skills.iter().any(|o| o == s))
                && mission.contains(&crate::grammar::uncapitalize(title.mission)[1..])
                && (title.fits_family() || !family.missions.iter().any(|m| mission.contains(m)))
        });
        assert!(fits, "{}: {activities:?} {skills:?} {mission}", offer.slug);
    }
}

#[test]
fn volunteers_abroad_work_for_foreign_affairs_in_operations() {
    let fixture = Fixture::new(Geography::default());
    let foreign_affairs: BTreeSet<OrganisationId> = fixture
        .organisations
        .iter()
        .filter(|(slug, _)| slug.as_str().contains("affaires-etrangeres"))
        .map(|(_, id)| *id)
        .collect();
    assert_eq!(foreign_affairs.len(), 2);
    let abroad_families: BTreeSet<JobFamilyId> = FAMILIES
        .iter()
        .filter(|f| f.abroad)
        .filter_map(|f| {
            fixture
                .job_families
                .iter()
                .find(|(s, _)| s.as_str() == f.slug)
        })
        .map(|(_, id)| *id)
        .collect();
    let volunteers: Vec<_> = offers(3_000, &fixture.ctx(), TODAY)
        .into_iter()
        .filter(|o| o.contract_types.contains(&ContractType::ViaVie))
        .collect();
    assert!(volunteers.len() > 20, "{}", volunteers.len());
    for offer in volunteers {
        assert!(
            foreign_affairs.contains(&offer.organisation_id),
            "{}",
            offer.slug
        );
        assert!(
            abroad_families.contains(&offer.job_family_id.unwrap()),
            "{}",
            offer.slug
        );
        assert_eq!(offer.remote, Remote::Aucun);
    }
}
