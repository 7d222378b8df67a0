//! What a candidate finds when searching the offers: the index, the query language, synonyms,
//! typos and as-you-type search, on a small set of hand-written offers.

use std::sync::LazyLock;

use proptest::prelude::*;
use vivier_search::{Hit, Mode, OfferDocument, SearchIndex, Synonyms};

fn offer(id: u64, title: &str, body: &str) -> OfferDocument {
    OfferDocument {
        id,
        title: title.into(),
        body: body.into(),
        organisation: "Direction interministérielle du numérique, DINUM".into(),
        family: "Numérique".into(),
        places: "Paris, Paris, Île-de-France".into(),
    }
}

fn offers() -> Vec<OfferDocument> {
    vec![
        offer(
            1,
            "Développeur·se Rust",
            "Vous concevez des services publics numériques.",
        ),
        offer(
            2,
            "Analyste",
            "Vous protégez les données et assurez la sécurité des applications.",
        ),
        offer(
            3,
            "Responsable de la sécurité des systèmes d'information",
            "Vous pilotez la politique de sécurité du ministère.",
        ),
        offer(4, "RSSI adjoint", "Vous secondez le responsable du pôle."),
        OfferDocument {
            places: "Lyon, Rhône, Auvergne-Rhône-Alpes".into(),
            ..offer(
                5,
                "Ingénieur logiciel Python",
                "Vous développez des outils internes.",
            )
        },
        offer(
            6,
            "Ingénieur logiciel Python",
            "Vous maintenez des outils de calcul.",
        ),
        OfferDocument {
            places: "Lyon, Rhône, Auvergne-Rhône-Alpes".into(),
            ..offer(7, "Gestionnaire administratif", "Accueil du public.")
        },
        offer(
            8,
            "Chef de projet numérique",
            "Vous animez une équipe pluridisciplinaire.",
        ),
        offer(
            9,
            "Architecte",
            "Le projet de refonte est mené avec un chef d'orchestre des équipes.",
        ),
        offer(
            10,
            "Designer",
            "Vous travaillez avec une développeuse et un product owner.",
        ),
        offer(
            11,
            "Administrateur systèmes",
            "Vous exploitez les serveurs Linux.",
        ),
        offer(12, "Juriste", "Vous conseillez sur la commande publique."),
        offer(
            13,
            "Statisticien",
            "Vous produisez des indicateurs sur l'emploi.",
        ),
        offer(14, "Data scientist", "Apprentissage automatique, Python."),
        offer(
            15,
            "Chargé de communication",
            "Vous rédigez la lettre d'information.",
        ),
        offer(
            16,
            "Acheteur public",
            "Vous passez des marchés de prestations intellectuelles.",
        ),
        offer(
            17,
            "Devlopeur web",
            "Une offre dont le titre contient une faute de frappe.",
        ),
        offer(18, "Archiviste", "Vous classez les fonds anciens."),
        offer(
            19,
            "Technicien support",
            "Vous assistez les agents au quotidien.",
        ),
        offer(
            20,
            "Contrôleur de gestion",
            "Vous suivez les coûts des projets.",
        ),
    ]
}

static INDEX: LazyLock<SearchIndex> =
    LazyLock::new(|| SearchIndex::build(offers(), Synonyms::builtin()).expect("the index builds"));

fn hits(index: &SearchIndex, query: &str, mode: Mode) -> Vec<Hit> {
    index
        .search(query, mode)
        .expect("search does not fail")
        .unwrap_or_else(|| panic!("« {query} » has a text criterion"))
}

fn ids(query: &str) -> Vec<u64> {
    ids_in(&INDEX, query, Mode::Words)
}

fn ids_in(index: &SearchIndex, query: &str, mode: Mode) -> Vec<u64> {
    hits(index, query, mode).iter().map(|hit| hit.id).collect()
}

fn sorted(mut ids: Vec<u64>) -> Vec<u64> {
    ids.sort_unstable();
    ids
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(ids("python lyon"), [5]));
        }
    });
}

#[test]
fn all_offers_are_indexed() {
    assert_eq!(INDEX.len(), 20);
    assert!(!INDEX.is_empty());
}

#[test]
fn typing_without_accents_finds_accented_words() {
    assert_eq!(ids("donnees securite"), [2]);
    assert_eq!(ids("DONNÉES Sécurité"), [2]);
}

#[test]
fn feminine_and_inclusive_forms_meet() {
    let feminine = ids("développeuse");
    assert_eq!(feminine, ids("développeur"));
    assert_eq!(feminine, ids("Développeur·se"));
    // The offer titled "Développeur·se" first; the body mentioning "développeuse" is found too.
    assert_eq!(feminine[0], 1, "{feminine:?}");
    assert!(feminine.contains(&10), "{feminine:?}");
}

#[test]
fn acronyms_find_their_long_form_and_back() {
    assert_eq!(sorted(ids("RSSI")), [3, 4]);
    assert_eq!(
        sorted(ids("responsable de la sécurité des systèmes d'information")),
        [3, 4]
    );
}

#[test]
fn a_typo_still_finds_the_word_but_exact_matches_come_first() {
    // "devlopeur" is one letter off "développeur" (offers 1 and 10), and exactly the typo of
    // offer 17.
    let found = hits(&INDEX, "devlopeur", Mode::Words);
    let found_ids: Vec<u64> = found.iter().map(|hit| hit.id).collect();
    assert_eq!(found_ids[0], 17, "{found:?}");
    assert_eq!(sorted(found_ids), [1, 10, 17]);
    // A swap of two letters too.
    assert_eq!(sorted(ids("pyhton")), [5, 6, 14]);
    // Not for acronyms: one letter changes the meaning.
    assert_eq!(ids("rssa"), Vec::<u64>::new());
}

#[test]
fn a_title_match_ranks_above_a_body_only_match() {
    let found = ids("python");
    assert_eq!(sorted(found.clone()), [5, 6, 14]);
    assert_eq!(found[2], 14, "Python only in the body of 14: {found:?}");
}

#[test]
fn every_word_must_match() {
    assert_eq!(ids("python lyon"), [5]);
    assert_eq!(ids("python rennes"), Vec::<u64>::new());
}

#[test]
fn a_quoted_phrase_needs_its_words_together() {
    assert_eq!(ids("\"chef de projet\""), [8]);
    assert_eq!(sorted(ids("chef projet")), [8, 9]);
    // Typographic quotes too.
    assert_eq!(ids("« chef de projet »"), [8]);
}

#[test]
fn as_you_type_the_last_word_is_a_prefix() {
    assert_eq!(sorted(ids_in(&INDEX, "ingénie", Mode::AsYouType)), [5, 6]);
    assert_eq!(ids_in(&INDEX, "python lyo", Mode::AsYouType), [5]);
    // "dévelop" finds "développeur" (1, 10) and "développez" (5); not the typo "devlopeur".
    assert_eq!(
        sorted(ids_in(&INDEX, "dévelop", Mode::AsYouType)),
        [1, 5, 10]
    );
    // Submitted, an unfinished word is a word like any other, found nowhere here…
    assert_eq!(ids("ingénie"), Vec::<u64>::new());
    assert_eq!(ids("python lyo"), Vec::<u64>::new());
    // …except when it happens to be a stem: "dévelop" is the stem of "développement", which
    // the synonyms tie to "développeur".
    assert_eq!(sorted(ids("dévelop")), [1, 5, 10]);
}

#[test]
fn upsert_replaces_and_remove_removes() {
    let index = SearchIndex::build(offers(), Synonyms::builtin()).expect("the index builds");
    index
        .upsert(vec![offer(12, "Géomaticien", "Vous produisez des cartes.")])
        .expect("upsert");
    assert_eq!(ids_in(&index, "juriste", Mode::Words), Vec::<u64>::new());
    assert_eq!(ids_in(&index, "géomaticien", Mode::Words), [12]);
    assert_eq!(index.len(), 20);

    index
        .upsert(vec![
            offer(21, "Juriste", "Nouvelle offre."),
            offer(21, "Juriste numérique", "La même, corrigée."),
        ])
        .expect("upsert");
    assert_eq!(ids_in(&index, "juriste", Mode::Words), [21]);
    assert_eq!(ids_in(&index, "corrigée", Mode::Words), [21]);
    assert_eq!(index.len(), 21);

    index.remove(&[12, 21, 999]).expect("remove");
    assert_eq!(
        ids_in(&index, "géomaticien", Mode::Words),
        Vec::<u64>::new()
    );
    assert_eq!(ids_in(&index, "juriste", Mode::Words), Vec::<u64>::new());
    assert_eq!(index.len(), 19);
    index.upsert(Vec::new()).expect("empty upsert");
    index.remove(&[]).expect("empty remove");
}

#[test]
fn duplicate_ids_at_build_keep_the_last() {
    let index = SearchIndex::build(
        [offer(1, "Juriste", ""), offer(1, "Archiviste", "")],
        Synonyms::default(),
    )
    .expect("the index builds");
    assert_eq!(index.len(), 1);
    assert_eq!(ids_in(&index, "archiviste", Mode::Words), [1]);
    assert_eq!(ids_in(&index, "juriste", Mode::Words), Vec::<u64>::new());
}

#[test]
fn hits_are_sorted_by_score_then_id() {
    // Offers 5 and 6 share their title: same score for a title word, so by id.
    let found = hits(&INDEX, "ingénieur", Mode::Words);
    assert_eq!(found.iter().map(|hit| hit.id).collect::<Vec<_>>(), [5, 6]);
    let found = hits(&INDEX, "numérique", Mode::Words);
    assert_eq!(found.len(), 20);
    assert!(found.windows(2).all(|pair| pair[0].score > pair[1].score
        || (pair[0].score == pair[1].score && pair[0].id < pair[1].id)));
}

#[test]
fn a_query_without_searchable_words_sets_no_criterion() {
    for query in ["", "   ", "le la de", "?!…", "\"\"", "\"le\"", "+-:()^~*\\"] {
        for mode in [Mode::Words, Mode::AsYouType] {
            assert!(
                INDEX.search(query, mode).expect("no error").is_none(),
                "« {query} »"
            );
        }
    }
}

#[test]
fn hostile_queries_neither_fail_nor_panic() {
    let long = "python ".repeat(1_500);
    let garbage = "x".repeat(10_000);
    let queries = [
        long.as_str(),
        garbage.as_str(),
        "+python -java",
        "title:python",
        "(python OR java) AND NOT lyon",
        "python^3 java~2 dév*",
        "\"chef de projet",
        "chef\" de \"projet\"\"",
        "\\\"python\\\"",
        "🦀 rust 🦀",
        "数据 セキュリティ données",
        "ﷺ\u{200b}\u{0}",
    ];
    for query in queries {
        for mode in [Mode::Words, Mode::AsYouType] {
            assert!(INDEX.search(query, mode).is_ok(), "« {query} »");
        }
    }
    assert_eq!(ids("+python -lyon"), [5], "operators are separators");
    assert_eq!(ids("🦀 rust 🦀"), [1]);
}

#[test]
fn an_unknown_word_in_another_script_does_not_block_the_others() {
    assert_eq!(ids("python lyon разработчик"), [5]);
    assert_eq!(ids("разработчик"), Vec::<u64>::new());
    assert_eq!(ids("数据"), Vec::<u64>::new());
    // An unknown Latin word still counts: every word must match.
    assert_eq!(ids("python zzzz"), Vec::<u64>::new());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_is_answered(query in any::<String>(), typing in any::<bool>()) {
        let mode = if typing { Mode::AsYouType } else { Mode::Words };
        let _ = vivier_search::parse(&query);
        prop_assert!(INDEX.search(&query, mode).is_ok());
    }

    #[test]
    fn any_query_of_search_syntax_is_answered(
        query in "[a-zé \"+\\-:()^~*\\\\«»]{0,60}",
        typing in any::<bool>(),
    ) {
        let mode = if typing { Mode::AsYouType } else { Mode::Words };
        prop_assert!(INDEX.search(&query, mode).is_ok());
    }
}
