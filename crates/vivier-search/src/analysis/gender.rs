//! Feminine forms of job titles brought back to one (the masculine, which is what the French
//! stemmer handles best), so that `développeuse`, `développeur·se` and `développeur` meet.
//!
//! Runs on lower-cased, accent-folded terms (so `ère` is seen as `ere`), before stemming. The
//! inclusive suffixes (`·se`, `(e)`, `.rice`…) are already gone: the tokenizer removed them.
//!
//! The suffix rules are deliberately narrow, and each has its exceptions, because ordinary
//! words share the endings: `carrière` is not the feminine of `carrier`, nor `heure` of `heur`,
//! and `rigoureuse` is the feminine of `rigoureux`, not of `rigoureur`. Words not covered stay
//! as they are, which is harmless: the stemmer often joins them anyway (`experte`/`expert`).

use super::filter::Verdict;

/// Feminine → masculine forms that no suffix rule produces (or that a rule would block).
const TABLE: &[(&str, &str)] = &[
    ("autrice", "auteur"),
    ("cheffe", "chef"),
    ("controleuse", "controleur"),
    ("entraineuse", "entraineur"),
    ("livreuse", "livreur"),
    ("maitresse", "maitre"),
    ("pecheresse", "pecheur"),
    ("travailleuse", "travailleur"),
];

/// Rules `(feminine ending, masculine ending, endings or words it must not touch)`, tried in
/// order; an exception matches when the word ends with it.
const RULES: &[(&str, &str, &[&str])] = &[
    // Inclusive forms written without a separator, as found in real offers: directeurtrice.
    ("eurtrice", "eur", &[]),
    ("eureuse", "eur", &[]),
    ("eurse", "eur", &[]),
    // développeuse → développeur; but -eux adjectives (rigoureuse, curieuse…) and tools.
    (
        "euse",
        "eur",
        &[
            "ieuse",
            "reuse",
            "ueuse",
            "geuse",
            "yeuse",
            "neuse",
            "uleuse",
            "ileuse",
            "ceuse",
            "sseuse",
            "iteuse",
            "ideuse",
            "couteuse",
            "douteuse",
            "honteuse",
            "juteuse",
            "tondeuse",
            "brumeuse",
            "venimeuse",
            "meuse",
            "pulpeuse",
            "bourbeuse",
            "visseuse",
            "agrafeuse",
            "friteuse",
            "couveuse",
        ],
    ),
    // administratrice → administrateur, ambassadrice → ambassadeur.
    ("trice", "teur", &["matrice", "cicatrice"]),
    ("drice", "deur", &[]),
    // technicienne → technicien, citoyenne → citoyen, européenne → européen (but verbs).
    ("ienne", "ien", &["vienne", "tienne"]),
    ("yenne", "yen", &[]),
    ("eenne", "een", &[]),
    // ingénieure → ingénieur; not heure, demeure.
    (
        "eure",
        "eur",
        &["heure", "demeure", "pleure", "effleure", "affleure"],
    ),
    // conseillère → conseiller, infirmière → infirmier; not carrière, filière, matière…
    (
        "iere",
        "ier",
        &[
            "carriere",
            "lumiere",
            "matiere",
            "maniere",
            "frontiere",
            "filiere",
            "riviere",
            "barriere",
            "derriere",
            "priere",
            "poussiere",
            "arriere",
            "pepiniere",
            "chaudiere",
            "charniere",
            "clairiere",
            "croisiere",
            "verriere",
            "gouttiere",
            "visiere",
            "banniere",
            "orniere",
            "paupiere",
            "bruyere",
            "fourriere",
            "theiere",
            "glaciere",
            "soupiere",
            "lisiere",
            "cimetiere",
            "criniere",
            "tabatiere",
            "meurtriere",
        ],
    ),
    ("llere", "ller", &[]),
    ("chere", "cher", &["enchere"]),
    // étrangère → étranger, mensongère → mensonger; not the verbs gère, suggère…
    (
        "gere",
        "ger",
        &["gere", "digere", "suggere", "exagere", "ingere"],
    ),
    // chargée → chargé, employée → employé.
    ("ee", "e", &[]),
];

/// Shortest word considered plural when it ends with `s` (so `ses`, `bus`, `cas` are left alone).
const MIN_PLURAL_LEN: usize = 5;

/// Brings a feminine job-title form back to the masculine one; other words are unchanged.
pub fn normalise_gender(term: &mut String) -> Verdict {
    let plural = term.len() >= MIN_PLURAL_LEN && term.ends_with('s');
    let singular = if plural {
        &term[..term.len() - 1]
    } else {
        term.as_str()
    };
    if let Some(masculine) = masculine(singular) {
        *term = masculine;
        if plural {
            term.push('s');
        }
    }
    Verdict::Keep
}

fn masculine(word: &str) -> Option<String> {
    if let Some((_, masculine)) = TABLE.iter().find(|(feminine, _)| *feminine == word) {
        return Some((*masculine).to_owned());
    }
    let (ending, replacement, _) = RULES.iter().find(|(ending, _, exceptions)| {
        word.len() > ending.len()
            && word.ends_with(ending)
            && !exceptions.iter().any(|e| word.ends_with(e))
    })?;
    Some(format!(
        "{}{replacement}",
        &word[..word.len() - ending.len()]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(word: &str) -> String {
        let mut term = word.to_owned();
        normalise_gender(&mut term);
        term
    }

    #[test]
    fn feminine_job_titles_become_masculine() {
        let pairs = [
            ("developpeuse", "developpeur"),
            ("developpeuses", "developpeurs"),
            ("administratrice", "administrateur"),
            ("directrice", "directeur"),
            ("technicienne", "technicien"),
            ("ingenieure", "ingenieur"),
            ("ingenieures", "ingenieurs"),
            ("chargee", "charge"),
            ("chargees", "charges"),
            ("conseillere", "conseiller"),
            ("infirmiere", "infirmier"),
            ("cheffe", "chef"),
            ("ambassadrice", "ambassadeur"),
            ("controleuse", "controleur"),
            ("autrice", "auteur"),
            ("directeurtrice", "directeur"),
            ("developpeurse", "developpeur"),
        ];
        for (feminine, masculine) in pairs {
            assert_eq!(norm(feminine), masculine, "{feminine}");
        }
    }

    #[test]
    fn ordinary_words_are_not_damaged() {
        for word in [
            "carriere",
            "carrieres",
            "heure",
            "heures",
            "filiere",
            "matiere",
            "rigoureuse",
            "curieuse",
            "matrice",
            "gere",
            "analyste",
            "expert",
            "data",
            "ses",
            "antenne",
            "vienne",
            "enchere",
            "mission",
            "douteuse",
            "meuse",
        ] {
            assert_eq!(norm(word), word);
        }
    }
}
