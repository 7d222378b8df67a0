use time::macros::date;
use vivier_domain::geo::{Commune, Department, Region, RegionCode};
use vivier_domain::offer::{ContractType, OfferSections, Remote};

use super::*;

fn geography() -> Geography {
    let region = |code: &str, name: &str| Region {
        code: RegionCode::parse(code).expect("region"),
        name: name.into(),
    };
    let department = |code: &str, region: &str| Department {
        code: DepartmentCode::parse(code).expect("department"),
        name: format!("Département {code}"),
        region: RegionCode::parse(region).expect("region"),
    };
    let commune = |code: &str, name: &str, department: &str| Commune {
        code: CommuneCode::parse(code).expect("commune"),
        name: name.into(),
        department: DepartmentCode::parse(department).expect("department"),
        postal_codes: Vec::new(),
        population: 1,
    };
    Geography::new(
        vec![region("11", "Île-de-France"), region("94", "Corse")],
        vec![department("92", "11"), department("2A", "94")],
        vec![
            commune("92051", "Neuilly-sur-Seine", "92"),
            commune("2A004", "Ajaccio", "2A"),
        ],
    )
}

fn family(id: i64, slug: &str) -> JobFamily {
    JobFamily {
        id: JobFamilyId(id),
        slug: Slug::parse(slug).expect("slug"),
        name: slug.into(),
        description: String::new(),
    }
}

fn offer(title: &str) -> SourceOffer {
    SourceOffer {
        line: 2,
        reference: "2026-1284492".into(),
        title: title.into(),
        organisations: vec!["Ministère".into()],
        open: true,
        job_label: None,
        ogr_code: None,
        category: None,
        contract_types: vec![ContractType::TitulaireOuContractuel],
        remote: Remote::Partiel,
        full_time: Some(true),
        experience: Some("Expérience souhaitée : de 1 à 3 ans".into()),
        education: None,
        place: Some("NEUILLY SUR SEINE CEDEX".into()),
        department: DepartmentCode::parse("92").ok(),
        published_on: Some(date!(2026 - 11 - 05)),
        deadline: Some(date!(2026 - 12 - 31)),
        source_url: Some(
            "https://choisirleservicepublic.gouv.fr/offre-emploi/x-reference-1/".into(),
        ),
        sections: OfferSections {
            profile: Some("- Rust".into()),
            ..OfferSections::default()
        },
    }
}

fn referentials() -> Referentials {
    Referentials::new(
        geography(),
        &[
            family(1, "developpement"),
            family(2, "donnees"),
            family(3, "support-et-exploitation"),
            family(4, "cybersecurite"),
        ],
    )
}

#[test]
fn a_source_offer_becomes_a_vivier_offer_in_its_commune() {
    let source = offer("Développeur·se full stack (H/F)");
    let slug = slug_for(&source).expect("slug");
    assert_eq!(slug.as_str(), "developpeur-se-full-stack-h-f-2026-1284492");
    let data = offer_data(
        &source,
        Source::Csp,
        OrganisationId(7),
        slug,
        &referentials(),
        date!(2026 - 11 - 22),
    )
    .expect("valid");
    assert_eq!(
        data.location,
        Location::France {
            region: RegionCode::parse("11").expect("region"),
            department: DepartmentCode::parse("92").ok(),
            commune: CommuneCode::parse("92051").ok(),
        }
    );
    assert_eq!(data.job_family_id, Some(JobFamilyId(1)));
    assert_eq!(data.seniority, Some(Seniority::Debutant));
    assert_eq!(data.state, OfferState::Publiee);
    assert_eq!(data.source_reference.as_deref(), Some("2026-1284492"));
    assert_eq!(
        data.apply,
        ApplyMethod::ExternalUrl(
            Url::parse(source.source_url.as_deref().expect("url")).expect("url")
        )
    );
    assert_eq!(data.sections.profile.as_deref(), Some("- Rust"));
    assert_eq!(
        data.sections.special_conditions.as_deref(),
        Some("Temps plein : oui\nExpérience : Expérience souhaitée : de 1 à 3 ans")
    );
}

#[test]
fn an_offer_without_a_known_department_is_refused_with_the_reason() {
    let mut source = offer("Data engineer");
    source.department = None;
    source.place = Some("Lyon".into());
    let slug = slug_for(&source).expect("slug");
    let refs = referentials();
    assert_eq!(
        offer_data(
            &source,
            Source::Csp,
            OrganisationId(1),
            slug.clone(),
            &refs,
            date!(2026 - 11 - 22)
        ),
        Err("département introuvable dans la localisation « Lyon »".into())
    );
    source.department = DepartmentCode::parse("69").ok();
    assert_eq!(
        offer_data(
            &source,
            Source::Csp,
            OrganisationId(1),
            slug,
            &refs,
            date!(2026 - 11 - 22)
        ),
        Err("département 69 absent de la géographie INSEE".into())
    );
}

#[test]
fn closed_undated_offers_and_deadlines_before_publication_are_made_consistent() {
    let mut source = offer("Technicien support");
    source.open = false;
    source.published_on = None;
    source.deadline = Some(date!(2020 - 01 - 01));
    let slug = slug_for(&source).expect("slug");
    let data = offer_data(
        &source,
        Source::Pep,
        OrganisationId(1),
        slug,
        &referentials(),
        date!(2026 - 11 - 22),
    )
    .expect("valid");
    assert_eq!(data.state, OfferState::Cloturee);
    assert_eq!(data.published_on, Some(date!(2026 - 11 - 22)));
    assert_eq!(
        data.deadline, None,
        "a deadline before the publication is dropped"
    );
    assert_eq!(data.job_family_id, Some(JobFamilyId(3)));
}

#[test]
fn job_families_follow_the_title_first_then_the_label() {
    let refs = referentials();
    let family = |title: &str, label: Option<&str>| {
        let mut source = offer(title);
        source.job_label = label.map(str::to_owned);
        refs.job_family(&source)
    };
    assert_eq!(family("RSSI adjoint", None), Some(JobFamilyId(4)));
    assert_eq!(family("Chef de projet data", None), Some(JobFamilyId(2)));
    assert_eq!(
        family("Chargé de mission", Some("Développeuse / Développeur")),
        Some(JobFamilyId(1))
    );
    assert_eq!(family("Chargé de mission", None), None);
    // A family missing from the store is skipped for the next one that matches.
    assert_eq!(family("Architecte logiciel", None), Some(JobFamilyId(1)));
}

#[test]
fn slugs_stay_within_bounds_and_unique_by_reference() {
    let long = offer(&"Développeur ".repeat(40));
    let slug = slug_for(&long).expect("slug");
    assert!(slug.as_str().len() <= Slug::MAX_LEN);
    assert!(slug.as_str().ends_with("-2026-1284492"));
    let symbols = offer("***");
    assert_eq!(slug_for(&symbols).expect("slug").as_str(), "2026-1284492");
}

#[test]
fn experience_wording_gives_a_seniority() {
    assert_eq!(seniority("Débutant accepté"), Some(Seniority::Debutant));
    assert_eq!(seniority("de 3 à 5 ans"), Some(Seniority::Confirme));
    assert_eq!(seniority("10 ans minimum"), Some(Seniority::Expert));
    assert_eq!(seniority("Confirmé"), Some(Seniority::Confirme));
    assert_eq!(seniority("Non précisé"), None);
}
