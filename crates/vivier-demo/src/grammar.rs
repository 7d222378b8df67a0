//! Small French grammar helpers for composing sentences around names
//! ("la DINUM" → "de la DINUM", "le ministère" → "au ministère").

/// Starts with a vowel or a mute h, so that "de" and "le" elide ("d'Inria").
fn elides(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'é' | 'è' | 'ê' | 'î' | 'ô' | 'â'
        )
    })
}

/// "de" + a name given with its article: "la DINUM" → "de la DINUM", "le ministère" →
/// "du ministère", "les services" → "des services", "Inria" → "d'Inria".
pub(crate) fn de(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = name.strip_prefix("les ") {
        format!("des {rest}")
    } else if name.starts_with("la ") || name.starts_with("l'") {
        format!("de {name}")
    } else if elides(name) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// "à" + a name given with its article: "le ministère" → "au ministère", "la DINUM" →
/// "à la DINUM", "les services" → "aux services".
pub(crate) fn a(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("le ") {
        format!("au {rest}")
    } else if let Some(rest) = name.strip_prefix("les ") {
        format!("aux {rest}")
    } else {
        format!("à {name}")
    }
}

/// Upper-cases the first letter ("la DINUM" → "La DINUM").
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases the first letter, unless the first word looks like an acronym ("Développeur·se"
/// → "développeur·se", but "UX designer" stays).
pub(crate) fn uncapitalize(text: &str) -> String {
    let first_word = text.split(' ').next().unwrap_or_default();
    let acronym = first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !acronym => first.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.
mod tests {
    use super::*;

    #[test]
    fn contractions() {
        assert_eq!(de("la DINUM"), "de la DINUM");
        assert_eq!(de("le ministère des Armées"), "du ministère des Armées");
        assert_eq!(
            de("les services du Premier ministre"),
            "des services du Premier ministre"
        );
        assert_eq!(de("l'ANSSI"), "de l'ANSSI");
        assert_eq!(de("Inria"), "d'Inria");
        assert_eq!(de("France Travail"), "de France Travail");
        assert_eq!(
            a("le ministère de la Culture"),
            "au ministère de la Culture"
        );
        assert_eq!(a("les ministères sociaux"), "aux ministères sociaux");
        assert_eq!(a("l'Insee"), "à l'Insee");
    }

    #[test]
    fn capitals() {
        assert_eq!(capitalize("la DINUM"), "La DINUM");
        assert_eq!(capitalize("élan"), "Élan");
        assert_eq!(capitalize(""), "");
        assert_eq!(uncapitalize("Développeur·se Java"), "développeur·se Java");
        assert_eq!(uncapitalize("UX designer"), "UX designer");
    }
}
