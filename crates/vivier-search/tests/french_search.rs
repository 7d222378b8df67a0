//! What a candidate types must meet what recruiters write: the analyzer and the synonyms,
//! exercised from the outside with real French examples.

use proptest::prelude::*;
use vivier_search::{Synonyms, analyze};

fn same_terms(a: &str, b: &str) {
    assert_eq!(analyze(a), analyze(b), "« {a} » and « {b} » differ");
    assert!(!analyze(a).is_empty(), "« {a} » gives no term");
}

#[test]
fn candidate_typing_without_accents_finds_accented_offers() {
    same_terms("données sécurité", "donnees securite");
    same_terms("Données Sécurité", "DONNEES SECURITE");
    same_terms("maîtrise d'œuvre", "maitrise d'oeuvre");
    same_terms("œuvre", "oeuvre");
}

#[test]
fn elided_articles_are_ignored_whatever_the_apostrophe() {
    same_terms("l’équipe", "équipe");
    same_terms("l'équipe", "équipe");
    same_terms("L’Équipe", "equipe");
    same_terms("d’information", "information");
    same_terms("jusqu'à l’intégration", "intégration");
    // An apostrophe followed by a space still leaves no stray letter.
    same_terms("l’ équipe", "équipe");
}

#[test]
fn gender_and_inclusive_forms_meet() {
    let groups: &[&[&str]] = &[
        &[
            "développeur",
            "développeuse",
            "développeur·se",
            "développeur.se",
            "développeur(se)",
            "développeur-se",
            "développeurs·ses",
            "développeur·euse",
            "Développeuses",
            "developpeuse",
        ],
        &["chef", "cheffe", "chef·fe"],
        &[
            "ingénieur",
            "ingénieure",
            "ingénieur·e",
            "ingénieur(e)",
            "Ingénieures",
        ],
        &[
            "administrateur",
            "administratrice",
            "administrateur·rice",
            "administrateur·trice",
        ],
        &["directeur", "directrice", "directeur·trice"],
        &["technicien", "technicienne", "technicien·ne"],
        &["chargé", "chargée", "chargé·e", "chargé(e)"],
        &["expert", "experte", "expert·e"],
        &["conseiller", "conseillère", "conseiller·ère"],
        &["analyste", "analystes"],
    ];
    for group in groups {
        for form in &group[1..] {
            same_terms(group[0], form);
        }
    }
}

#[test]
fn gender_rules_do_not_damage_ordinary_words() {
    assert_ne!(analyze("carrière"), analyze("carrier"));
    assert_ne!(analyze("Meuse"), analyze("meur"));
    assert_ne!(analyze("filière"), analyze("filier"));
    same_terms("rigoureuse", "rigoureux");
    same_terms("curieuse", "curieux");
    assert_eq!(analyze("filière"), analyze("filières"));
}

#[test]
fn typos_in_doubled_consonants_are_forgiven() {
    same_terms("developeur", "développeur");
    same_terms("programation", "programmation");
}

#[test]
fn words_of_the_trade_survive() {
    for (text, term) in [
        ("Kubernetes", "kubernetes"),
        ("DevOps", "devops"),
        ("SRE", "sre"),
        ("RSSI", "rssi"),
        ("API", "api"),
        ("data", "data"),
        ("web", "web"),
        ("SI", "si"),
        ("C++", "cpp"),
        ("C#", "csharp"),
        (".NET", "dotnet"),
        ("Python 3", "python"),
    ] {
        assert_eq!(
            analyze(text).first().map(String::as_str),
            Some(term),
            "{text}"
        );
    }
    assert_ne!(analyze("data"), analyze("date"));
    assert_eq!(analyze("Bac+5"), ["bac", "5"]);
}

#[test]
fn stop_words_only_give_no_term() {
    // Documented: nothing to search for; the query side treats it as "no text criterion".
    assert!(analyze("le la de").is_empty());
    assert!(analyze("et/ou, à l'").is_empty());
    assert_eq!(analyze("chef de projet SI"), ["chef", "projet", "si"]);
    assert_eq!(
        analyze("Cheffe de projet SI (H/F)"),
        ["chef", "projet", "si"]
    );
}

#[test]
fn hostile_inputs_do_not_panic() {
    let long = "développeuse ".repeat(800);
    assert_eq!(analyze(&long).len(), 800);
    assert!(
        analyze(&"a".repeat(10_000)).is_empty(),
        "a 10,000-letter word is dropped"
    );
    for text in [
        "",
        "   ",
        "!!! ??? ... ---",
        "+ - : ( ) ^ ~ * \" \\",
        "\"développeur",
        "développeur\" OR (rust",
        "·",
        "(",
        "x(",
        "x(e",
        "'",
        "l'",
        "’l",
        "Разработчик Python",
        "开发者 データ",
        "🚀 développeuse 👩‍💻",
        "e\u{301}quipe",
    ] {
        let _ = analyze(text);
    }
    assert_eq!(analyze("🚀 développeuse 👩‍💻"), analyze("développeur"));
    assert!(!analyze("Разработчик").is_empty());
}

#[test]
fn rssi_and_its_long_form_expand_to_each_other() {
    let synonyms = Synonyms::builtin();
    let long = analyze("responsable de la sécurité des systèmes d'information");
    let rssi = synonyms.expand(&analyze("RSSI"));
    assert_eq!(rssi.len(), 1);
    assert!(
        rssi[0]
            .alternatives
            .iter()
            .any(|p| p.terms().eq(long.iter().map(String::as_str)))
    );
    let back = synonyms.expand(&long);
    assert_eq!(back.len(), 1, "the long form is one clause");
    assert!(back[0].alternatives.iter().any(|p| p.terms().eq(["rssi"])));
}

#[test]
fn query_mixing_synonyms_and_plain_words() {
    let synonyms = Synonyms::builtin();
    let terms = analyze("Développeuse cyber à Lyon");
    let clauses = synonyms.expand(&terms);
    assert_eq!(clauses.len(), 3);
    let cyber: Vec<Vec<&str>> = clauses[1]
        .alternatives
        .iter()
        .map(|p| p.terms().collect())
        .collect();
    assert!(
        cyber.contains(
            &analyze("cybersécurité")
                .iter()
                .map(String::as_str)
                .collect()
        )
    );
    assert_eq!(clauses[2].alternatives.len(), 1);
}

proptest! {
    // Regressions are kept next to this file (`proptest-regressions/`).
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn analyze_never_panics_and_is_deterministic(text in "\\PC{0,300}") {
        let first = analyze(&text);
        prop_assert_eq!(first, analyze(&text));
    }

    #[test]
    fn analyze_handles_french_like_noise(
        text in "[a-zA-Zéèêàçœ·.()'’ +\\-:^~*\"\\\\#0-9]{0,200}"
    ) {
        let terms = analyze(&text);
        prop_assert!(terms.iter().all(|t| !t.is_empty()));
        let synonyms = Synonyms::builtin();
        let clauses = synonyms.expand(&terms);
        prop_assert_eq!(clauses.iter().map(|c| c.span).sum::<usize>(), terms.len());
    }
}
