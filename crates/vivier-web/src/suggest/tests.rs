//! Matching and ranking of suggestions.

use super::*;
use time::macros::date;
use vivier_domain::geo::{CommuneCode, Department, DepartmentCode, Region, RegionCode};

fn geography() -> Geography {
    let commune = |code: &str, name: &str, postal: &[&str], population: u32| {
        let code = CommuneCode::parse(code).expect("commune");
        vivier_domain::geo::Commune {
            department: code.department(),
            code,
            name: name.into(),
            postal_codes: postal.iter().map(|p| (*p).to_owned()).collect(),
            population,
        }
    };
    let department = |code: &str, name: &str| Department {
        code: DepartmentCode::parse(code).expect("department"),
        name: name.into(),
        region: RegionCode::parse("84").expect("region"),
    };
    let lyon: Vec<String> = (1..=9).map(|i| format!("6900{i}")).collect();
    let lyon: Vec<&str> = lyon.iter().map(String::as_str).collect();
    Geography::new(
        vec![Region {
            code: RegionCode::parse("84").expect("region"),
            name: "Auvergne-Rhône-Alpes".into(),
        }],
        vec![department("42", "Loire"), department("69", "Rhône")],
        vec![
            commune("42218", "Saint-Étienne", &["42000", "42100"], 170_000),
            commune("76575", "Saint-Étienne-du-Rouvray", &["76800"], 28_000),
            commune("93066", "Saint-Denis", &["93200", "93210"], 113_000),
            commune("69123", "Lyon", &lyon, 520_000),
            commune("69266", "Villeurbanne", &["69100"], 150_000),
            commune("69029", "Lyons-la-Forêt", &["27480"], 700),
            commune("94038", "L'Haÿ-les-Roses", &["94240"], 31_000),
        ],
    )
}

fn places(typed: &str, limit: usize) -> Vec<String> {
    let index = Places::of(&geography());
    index
        .search(
            &Query::parse(typed),
            limit,
            |_| true,
            |p| u64::from(p.population),
        )
        .into_iter()
        .map(|p| p.name.clone())
        .collect()
}

/// Titles with their number of open offers.
fn titles(typed: &str) -> Vec<&'static str> {
    let index = Index::build(
        [
            ("Développeur·se Rust", 3),
            ("Développeuse ou développeur Python", 5),
            ("Chef de projet", 2),
            ("Cheffe de projet numérique", 1),
            ("Administrateur systèmes", 4),
            ("Analyste de l'administration", 1),
        ]
        .map(|(title, open)| ((title, open), title, Vec::new())),
        true,
    );
    index
        .search(&Query::parse(typed), 10, |_| true, |(_, open)| *open)
        .into_iter()
        .map(|(title, _)| *title)
        .collect()
}

#[test]
fn words_fold_and_split_on_punctuation_dropping_elisions() {
    assert_eq!(
        split_words("L'Haÿ-les-Roses"),
        (vec!["hay".into(), "les".into(), "roses".into()], true)
    );
    assert_eq!(
        split_words("saint-é"),
        (vec!["saint".into(), "e".into()], true)
    );
    assert_eq!(split_words("Paris "), (vec!["paris".into()], false));
    assert_eq!(split_words("\u{0}\u{7}--"), (vec![], false));
    assert_eq!(split_words("jusqu’à"), (vec!["a".into()], true));
}

#[test]
fn the_last_word_is_a_prefix_unless_a_space_follows() {
    assert_eq!(places("lyo", 5), ["Lyon", "Lyons-la-Forêt"]);
    assert_eq!(places("lyon ", 5), ["Lyon"]);
    assert_eq!(places("villeurbanne-", 5), ["Villeurbanne"]);
}

#[test]
fn communes_are_found_with_accents_and_hyphens_folded() {
    assert_eq!(
        places("saint-e", 5),
        ["Saint-Étienne", "Saint-Étienne-du-Rouvray"]
    );
    assert_eq!(places("SAINT ETIENNE DU", 5), ["Saint-Étienne-du-Rouvray"]);
    assert_eq!(places("st-etienne", 5), Vec::<String>::new());
    assert_eq!(places("l'hay", 5), ["L'Haÿ-les-Roses"]);
    assert_eq!(places("roses", 5), ["L'Haÿ-les-Roses"]);
}

#[test]
fn communes_are_found_by_postal_code_or_its_prefix() {
    assert_eq!(places("6900", 5), ["Lyon"]);
    assert_eq!(places("69", 5), ["Lyon", "Villeurbanne"]);
    assert_eq!(places("42100", 5), ["Saint-Étienne"]);
    assert_eq!(places("421000", 5), Vec::<String>::new());
}

#[test]
fn exact_and_leading_matches_come_before_bigger_ones() {
    // Among the communes whose first word matches, the biggest first; then the others.
    assert_eq!(places("saint", 5)[0], "Saint-Étienne");
    assert_eq!(places("saint denis", 5), ["Saint-Denis"]);
    assert_eq!(
        places("etienne", 5),
        ["Saint-Étienne", "Saint-Étienne-du-Rouvray"]
    );
    assert_eq!(places("lyons", 5), ["Lyons-la-Forêt"]);
    assert_eq!(places("lyon", 5), ["Lyon", "Lyons-la-Forêt"]);
    assert_eq!(places("saint", 2), ["Saint-Étienne", "Saint-Denis"]);
    assert_eq!(places("saint", 1), ["Saint-Étienne"]);
    assert!(places("saint", 0).is_empty());
}

#[test]
fn feminine_and_inclusive_forms_meet_through_the_analyzer() {
    let dev = ["Développeuse ou développeur Python", "Développeur·se Rust"];
    assert_eq!(titles("développeuse "), dev);
    assert_eq!(titles("developpeuse"), dev);
    assert_eq!(titles("developpeur rust"), ["Développeur·se Rust"]);
    assert_eq!(
        titles("cheffe de projet"),
        ["Chef de projet", "Cheffe de projet numérique"]
    );
}

#[test]
fn titles_rank_by_open_offers_and_stop_words_are_optional() {
    assert_eq!(
        titles("dev"),
        ["Développeuse ou développeur Python", "Développeur·se Rust"]
    );
    assert_eq!(
        titles("chef du projet"),
        ["Chef de projet", "Cheffe de projet numérique"]
    );
    assert_eq!(titles("l'ana"), ["Analyste de l'administration"]);
    assert_eq!(
        titles("adm"),
        ["Administrateur systèmes", "Analyste de l'administration"]
    );
    assert!(titles("de la").is_empty(), "stop words alone match nothing");
    assert!(titles("rust python").is_empty(), "every word must match");
}

#[test]
fn odd_input_never_panics() {
    for typed in [
        "",
        " ",
        "\u{0}",
        "ℌ𝔢𝔩𝔩𝔬",
        "Данные",
        "日本語",
        "a\u{301}",
        "%FF",
        "'''",
        "l'",
    ] {
        let _ = places(typed, 5);
        let _ = titles(typed);
    }
    assert_eq!(places("Лион", 5), Vec::<String>::new());
}

#[test]
fn deadlines_count_the_offers_open_on_a_day() {
    let mut deadlines = Deadlines::default();
    for deadline in [
        Some(date!(2026 - 12 - 01)),
        None,
        Some(date!(2026 - 11 - 01)),
    ] {
        deadlines.push(deadline);
    }
    deadlines.seal();
    assert_eq!(deadlines.open_on(date!(2026 - 10 - 01)), 3);
    assert_eq!(deadlines.open_on(date!(2026 - 11 - 01)), 3);
    assert_eq!(deadlines.open_on(date!(2026 - 11 - 02)), 2);
    assert_eq!(deadlines.open_on(date!(2027 - 01 - 01)), 1);
}
