//! Text helpers shared by every layer: folding for accent- and case-insensitive matching.

/// Folds text for matching: lower case, no diacritics, ligatures expanded ("Données" → "donnees",
/// "Œuvre" → "oeuvre"). Characters without a Latin transliteration are kept as they are, lower-cased,
/// so that text in other scripts still matches itself.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            if ascii.is_empty() || ascii.contains('[') {
                out.extend(c.to_lowercase());
            } else {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()));
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold("Données SÉCURITÉ"), "donnees securite");
        assert_eq!(fold("Cœur d'Île-de-France"), "coeur d'ile-de-france");
        assert_eq!(fold("Ingénieure"), "ingenieure");
    }

    #[test]
    fn fold_keeps_other_scripts_matchable() {
        let folded = fold("Данные");
        assert!(!folded.is_empty());
        assert_eq!(folded, fold("ДАННЫЕ"));
    }
}
