//! The invariants of query handling, checked on any input: the body of the `query` fuzz target
//! (`fuzz/fuzz_targets/query.rs`) and of the test replaying its corpus (`tests/fuzz_corpus.rs`),
//! so that both check exactly the same thing.
//!
//! Not part of the API: it panics on a broken invariant, which is what a fuzzer and a test
//! want. It costs nothing unless called (the index below is built on first use).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::analysis::{MAX_TOKEN_LEN, analyze};
use crate::highlight::Highlighter;
use crate::index::{Hit, OfferDocument, SearchIndex};
use crate::query::{
    Alternative, MAX_CLAUSES, MAX_QUERY_CHARS, MIN_FUZZY_CHARS, MIN_PREFIX_CHARS, Mode,
    ParsedQuery, Part, QueryClause, parse,
};
use crate::synonyms::Synonyms;

/// Ids of the indexed offers, deliberately not `0..n`, so that a hit carrying a document
/// number instead of an offer id is caught.
const IDS: [u64; 6] = [3, 17, 42, 256, 1_000, u64::MAX];

fn offers() -> Vec<OfferDocument> {
    let offer = |id, title: &str, body: &str, places: &str| OfferDocument {
        id,
        title: title.into(),
        body: body.into(),
        organisation: "Direction interministérielle du numérique (DINUM)".into(),
        family: "Numérique, Systèmes d'information".into(),
        places: places.into(),
    };
    vec![
        offer(
            IDS[0],
            "Développeur·se Rust",
            "Vous concevez des services publics numériques en Rust et en C++.",
            "Paris, Paris, Île-de-France",
        ),
        offer(
            IDS[1],
            "Responsable de la sécurité des systèmes d'information (RSSI)",
            "Vous pilotez la politique de sécurité et l'équipe du SOC.",
            "Lyon, Rhône, Auvergne-Rhône-Alpes",
        ),
        offer(
            IDS[2],
            "Chef·fe de projet numérique",
            "Le projet « France Travail » : node.js, C#, .NET et données ouvertes.",
            "Lille, Nord, Hauts-de-France",
        ),
        offer(
            IDS[3],
            "Data scientist",
            "Vous analysez les données de l'emploi public ; разработчик, 数据, δεδομένα.",
            "Marseille, Bouches-du-Rhône, Provence-Alpes-Côte d'Azur",
        ),
        offer(
            IDS[4],
            "Chargé(e) d'accueil",
            "Accueil du public, « chef de projet » en appui. Télétravail possible.",
            "Saint-Denis, La Réunion",
        ),
        offer(
            IDS[5],
            "Administrateur·rice systèmes Linux",
            "Vous exploitez les serveurs et les bases PostgreSQL 16.",
            "Rennes, Ille-et-Vilaine, Bretagne",
        ),
    ]
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| match SearchIndex::build(offers(), Synonyms::builtin()) {
        Ok(index) => index,
        Err(error) => panic!("the fuzzing index cannot be built: {error}"),
    })
}

fn synonyms() -> &'static Synonyms {
    static SYNONYMS: OnceLock<Synonyms> = OnceLock::new();
    SYNONYMS.get_or_init(Synonyms::builtin)
}

/// [`check`] on `bytes` read as UTF-8, invalid sequences replaced (what a browser would send).
pub fn check_bytes(bytes: &[u8]) {
    check(&String::from_utf8_lossy(bytes));
}

/// Parses, analyses (in both modes) and searches `query`, panicking with a message naming
/// the broken invariant when one does not hold.
pub fn check(query: &str) {
    let parsed = parse(query);
    check_parse(query, &parsed);

    let words = parsed.analyse(synonyms(), Mode::Words);
    let typing = parsed.analyse(synonyms(), Mode::AsYouType);
    check_clauses(&parsed, &words, Mode::Words);
    check_clauses(&parsed, &typing, Mode::AsYouType);
    assert_eq!(
        without_prefixes(&typing),
        words,
        "the modes differ by more than the prefix of the last word"
    );

    check_highlight_and_correction(query);

    let found = search(query, Mode::Words, words.is_empty());
    let found_typing = search(query, Mode::AsYouType, typing.is_empty());
    if let (Some(found), Some(found_typing)) = (found, found_typing) {
        // Typing only adds a prefix alternative to the last word: it may find more, never less.
        let typing_ids: HashSet<u64> = found_typing.iter().map(|hit| hit.id).collect();
        for hit in &found {
            assert!(
                typing_ids.contains(&hit.id),
                "offer {} found by the submitted search but not while typing",
                hit.id
            );
        }
    }
}

/// Highlighting cuts a text into pieces that rebuild it, marking only words; a spelling
/// correction is final (correcting it again changes nothing).
fn check_highlight_and_correction(query: &str) {
    let highlighter = Highlighter::new(query, synonyms(), Mode::Words);
    for text in [query, "Développeur·se Rust à Paris, données et sécurité"] {
        let pieces = highlighter.pieces(text);
        assert_eq!(
            pieces.iter().map(|(piece, _)| *piece).collect::<String>(),
            text,
            "highlighted pieces do not rebuild the text"
        );
        // A piece's term may depend on its neighbours (".NET" is one token, "NET" alone
        // another), so marked pieces are only checked to be words.
        for (piece, marked) in pieces {
            assert!(
                !marked || piece.chars().any(char::is_alphanumeric),
                "marked a piece without a letter or digit: {piece:?}"
            );
        }
    }
    if let Some(corrected) = index().correct(query) {
        assert_ne!(corrected, query, "a correction that changes nothing");
        // Corrected words are known words, and the others had no close known word: correcting
        // again changes nothing.
        assert_eq!(
            index().correct(&corrected),
            None,
            "the correction {corrected:?} of {query:?} is corrected again"
        );
    }
}

/// The parts hold the query's text, quotes aside, up to [`MAX_QUERY_CHARS`].
fn check_parse(query: &str, parsed: &ParsedQuery) {
    let is_quote = |c: char| matches!(c, '"' | '«' | '»' | '“' | '”' | '„');
    if query.chars().count() > MAX_QUERY_CHARS {
        let kept: String = query.chars().take(MAX_QUERY_CHARS).collect();
        assert_eq!(*parsed, parse(&kept), "text past the cap changed the query");
    }
    let quotes = query
        .chars()
        .take(MAX_QUERY_CHARS)
        .filter(|&c| is_quote(c))
        .count();
    let mut phrases = 0;
    for part in &parsed.parts {
        let text = match part {
            Part::Words(text) => text,
            Part::Phrase(text) => {
                phrases += 1;
                text
            }
        };
        assert!(!text.trim().is_empty(), "blank part {part:?}");
        assert!(!text.contains(is_quote), "quote left in {part:?}");
    }
    assert!(
        phrases <= quotes / 2,
        "{phrases} phrases from {quotes} quotes"
    );
    let visible = |text: &str| -> String {
        text.chars()
            .filter(|&c| !c.is_whitespace() && !is_quote(c))
            .collect()
    };
    let expected = visible(&query.chars().take(MAX_QUERY_CHARS).collect::<String>());
    let kept: String = parsed
        .parts
        .iter()
        .map(|part| match part {
            Part::Words(text) | Part::Phrase(text) => visible(text),
        })
        .collect();
    assert_eq!(kept, expected, "the parts lost or invented text");
}

fn check_clauses(parsed: &ParsedQuery, clauses: &[QueryClause], mode: Mode) {
    assert!(clauses.len() <= MAX_CLAUSES, "{} clauses", clauses.len());
    let searchable = parsed.parts.iter().any(|part| match part {
        Part::Words(text) | Part::Phrase(text) => !analyze(text).is_empty(),
    });
    assert_eq!(
        clauses.is_empty(),
        !searchable,
        "clauses {clauses:?} for parts {:?}",
        parsed.parts
    );
    let mut prefixes = 0;
    for (number, clause) in clauses.iter().enumerate() {
        assert!(
            !clause.alternatives.is_empty(),
            "clause without alternative"
        );
        for (rank, alternative) in clause.alternatives.iter().enumerate() {
            match alternative {
                Alternative::Words(words) => {
                    assert_eq!(rank, 0, "the query's own words come first: {clause:?}");
                    assert!(!words.is_empty(), "no word in {clause:?}");
                    for (position, word) in words.iter().enumerate() {
                        check_term(&word.term);
                        let chars = word.term.chars().count();
                        assert_eq!(word.fuzzy, chars >= MIN_FUZZY_CHARS, "{word:?}");
                        if word.prefix {
                            prefixes += 1;
                            assert_eq!(mode, Mode::AsYouType, "prefix when submitted: {word:?}");
                            assert!(chars >= MIN_PREFIX_CHARS, "short prefix: {word:?}");
                            assert!(
                                number + 1 == clauses.len() && position + 1 == words.len(),
                                "a prefix that is not the last word: {word:?}"
                            );
                        }
                    }
                    let foreign = words
                        .iter()
                        .any(|w| w.term.chars().any(|c| c.is_alphabetic() && !c.is_ascii()));
                    assert_eq!(clause.foreign, foreign, "foreign flag of {clause:?}");
                }
                Alternative::Phrase(terms) => {
                    assert!(!terms.is_empty(), "empty phrase in {clause:?}");
                    assert_eq!(terms[0].0, 0, "phrase offsets start at 0: {terms:?}");
                    assert!(
                        terms.windows(2).all(|pair| pair[0].0 < pair[1].0),
                        "phrase offsets not increasing: {terms:?}"
                    );
                    for (_, term) in terms {
                        check_term(term);
                    }
                    if rank == 0 {
                        assert!(!clause.foreign, "a quoted phrase is never foreign");
                    }
                }
            }
        }
    }
    assert!(prefixes <= 1, "{prefixes} prefixes");
}

fn check_term(term: &str) {
    assert!(!term.is_empty(), "empty term");
    assert!(term.len() <= MAX_TOKEN_LEN, "term too long: {term:?}");
    assert!(
        !term.contains(char::is_whitespace),
        "blank in term {term:?}"
    );
    // Not `!is_uppercase()`: capitals without a lower case (`𝑩`) stay as they are.
    assert_eq!(term, term.to_lowercase(), "term not lower-cased");
}

fn without_prefixes(clauses: &[QueryClause]) -> Vec<QueryClause> {
    let mut clauses = clauses.to_vec();
    for clause in &mut clauses {
        for alternative in &mut clause.alternatives {
            if let Alternative::Words(words) = alternative {
                for word in words {
                    word.prefix = false;
                }
            }
        }
    }
    clauses
}

/// Searches the fixed index: `Ok`, `None` exactly when there is no clause, and hits that are
/// known offers, once each, best first then by id.
fn search(query: &str, mode: Mode, no_clause: bool) -> Option<Vec<Hit>> {
    let found = match index().search(query, mode) {
        Ok(found) => found,
        Err(error) => panic!("search failed in {mode:?}: {error}"),
    };
    assert_eq!(found.is_none(), no_clause, "{mode:?}: {found:?}");
    let hits = found?;
    for hit in &hits {
        assert!(IDS.contains(&hit.id), "unknown offer {}", hit.id);
        assert!(hit.score.is_finite() && hit.score > 0.0, "score of {hit:?}");
    }
    for pair in hits.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(
            a.score > b.score || (a.score == b.score && a.id < b.id),
            "{mode:?}: hits out of order or repeated: {a:?} then {b:?}"
        );
    }
    Some(hits)
}
