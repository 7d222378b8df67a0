//! The term rules of the French pipeline other than gender: elision, stop words, stemming.

use super::filter::Verdict;

/// Elided articles and pronouns, without their apostrophe, longest first.
const ELIDED: &[&str] = &[
    "lorsqu", "puisqu", "jusqu", "qu", "l", "d", "j", "n", "s", "c", "m", "t",
];

/// Strips a leading elided word (`l'`, `d'`, `qu'`, `jusqu'`…) then any remaining apostrophe
/// (`aujourd'hui` → `aujourdhui`). Runs before lower-casing, so it compares case-insensitively.
/// The tokenizer has already turned every apostrophe form (`’`, `ʼ`…) into `'`.
pub fn elide(term: &mut String) -> Verdict {
    if let Some((head, tail)) = term.split_once('\'') {
        if !tail.is_empty() && ELIDED.iter().any(|e| head.eq_ignore_ascii_case(e)) {
            *term = tail.to_owned();
        }
        term.retain(|c| c != '\'');
    }
    if term.is_empty() {
        Verdict::Drop
    } else {
        Verdict::Keep
    }
}

/// French stop words, lower-cased and accent-folded (the filter runs after folding).
///
/// Deliberately short: only grammatical words that carry no meaning in a job search. Words
/// such as `si` (système d'information), `data`, `web`, `sans`, `plus`, `non` are kept, and the
/// single letters left when an apostrophe was followed by a space (`l ’équipe`) are dropped,
/// as are the `h` and `f` of the ubiquitous « (H/F) ».
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du",
    "elle", "elles", "en", "est", "et", "f", "h", "il", "ils", "j", "je", "l", "la", "le", "les",
    "leur", "leurs", "lui", "m", "ma", "me", "mes", "mon", "n", "ne", "nos", "notre", "nous", "on",
    "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur",
    "t", "ta", "te", "tes", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
];

/// Drops French stop words (see [`STOP_WORDS`]).
#[expect(clippy::ptr_arg, reason = "every rule has the `Rule` signature")]
pub fn drop_stop_word(term: &mut String) -> Verdict {
    if STOP_WORDS.contains(&term.as_str()) {
        Verdict::Drop
    } else {
        Verdict::Keep
    }
}

/// Words of the trade that the French stemmer would damage or confuse (`data` and `date` both
/// stem to `dat`, `java` to `jav`, `devops` to `devop`): they are indexed as written.
const PROTECTED: &[&str] = &[
    "agile",
    "ajax",
    "amoa",
    "android",
    "angular",
    "ansible",
    "api",
    "apis",
    "aws",
    "azure",
    "backend",
    "bash",
    "big",
    "cloud",
    "cpp",
    "csharp",
    "css",
    "cyber",
    "data",
    "datas",
    "design",
    "designer",
    "dev",
    "devops",
    "devsecops",
    "django",
    "docker",
    "dotnet",
    "dpo",
    "drupal",
    "dsi",
    "elasticsearch",
    "etalab",
    "fintech",
    "frontend",
    "fullstack",
    "gcp",
    "git",
    "github",
    "gitlab",
    "golang",
    "graphql",
    "html",
    "infra",
    "ios",
    "java",
    "javascript",
    "jenkins",
    "kanban",
    "kotlin",
    "kubernetes",
    "linux",
    "llm",
    "moa",
    "moe",
    "mongodb",
    "nodejs",
    "nosql",
    "ops",
    "php",
    "postgres",
    "postgresql",
    "powerbi",
    "python",
    "rails",
    "react",
    "rgaa",
    "rgpd",
    "rssi",
    "ruby",
    "rust",
    "saas",
    "scala",
    "scrum",
    "secops",
    "sql",
    "sre",
    "symfony",
    "tableau",
    "terraform",
    "typescript",
    "unix",
    "vue",
    "vuejs",
    "web",
    "windows",
    "wordpress",
];

/// Shortest word the stemmer is allowed to touch: shorter ones are acronyms or already roots.
const MIN_STEM_LEN: usize = 4;

/// French Snowball stemming (the algorithm behind tantivy's `Stemmer::new(Language::French)`),
/// except for [`PROTECTED`] words, words shorter than four letters and words with digits;
/// stemmed words then lose their doubled letters (see [`collapse_double_letters`]).
pub fn stem(term: &mut String) -> Verdict {
    let skip = term.len() < MIN_STEM_LEN
        || term.bytes().any(|b| b.is_ascii_digit())
        || PROTECTED.contains(&term.as_str());
    if !skip {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::French);
        let stemmed = stemmer.stem(term);
        if !stemmed.is_empty() && stemmed != term.as_str() {
            *term = stemmed.into_owned();
        }
        collapse_double_letters(term);
    }
    Verdict::Keep
}

/// `developpeur` → `developeur`: doubled consonants are the most common French spelling
/// mistake (`developeur`, `programation`, `aplication`), and merging them costs little in a job
/// search (`poisson`/`poison` hardly matter here). Other typos are left to fuzzy queries.
fn collapse_double_letters(term: &mut String) {
    let mut previous = None;
    term.retain(|c| {
        let keep = previous != Some(c) || !c.is_alphabetic();
        previous = Some(c);
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(rule: fn(&mut String) -> Verdict, word: &str) -> Option<String> {
        let mut term = word.to_owned();
        (rule(&mut term) == Verdict::Keep).then_some(term)
    }

    #[test]
    fn elision_strips_articles_in_any_case() {
        assert_eq!(apply(elide, "l'équipe").as_deref(), Some("équipe"));
        assert_eq!(apply(elide, "L'Équipe").as_deref(), Some("Équipe"));
        assert_eq!(apply(elide, "jusqu'au").as_deref(), Some("au"));
        assert_eq!(apply(elide, "qu'il").as_deref(), Some("il"));
        assert_eq!(apply(elide, "aujourd'hui").as_deref(), Some("aujourdhui"));
        assert_eq!(apply(elide, "équipe").as_deref(), Some("équipe"));
    }

    #[test]
    fn stop_words_keep_meaningful_short_words() {
        assert_eq!(apply(drop_stop_word, "le"), None);
        for word in ["si", "data", "web", "sans", "plus", "ia", "ux"] {
            assert_eq!(apply(drop_stop_word, word).as_deref(), Some(word));
        }
    }

    #[test]
    fn stemming_spares_the_words_of_the_trade() {
        for word in [
            "data",
            "kubernetes",
            "devops",
            "sre",
            "rssi",
            "api",
            "java",
            "2024",
        ] {
            assert_eq!(apply(stem, word).as_deref(), Some(word));
        }
        assert_ne!(apply(stem, "date"), apply(stem, "data"));
        assert_eq!(apply(stem, "developpements"), apply(stem, "developpement"));
        assert_eq!(apply(stem, "developeur"), apply(stem, "developpeur"));
        assert_eq!(apply(stem, "programation"), apply(stem, "programmation"));
    }
}
