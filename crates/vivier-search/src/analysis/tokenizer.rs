//! The first step of the pipeline: cutting French text into words.
//!
//! Words are runs of alphanumeric characters (digits kept), with three French twists:
//!
//! - an apostrophe between two letters stays inside the word (`l'équipe`, `aujourd’hui`), so
//!   that the elision filter sees the elided article and strips it, instead of the word being
//!   split into a stray `l` and `équipe`. All apostrophe forms become the ASCII `'`.
//! - inclusive-writing suffixes are removed here, because the middle dot, the period and the
//!   parentheses would otherwise split them into separate tokens: `développeur·se`,
//!   `développeur.se`, `développeur(se)`, `développeur-se`, `chargé(e)s`, `étudiant·e·s` all give
//!   the base word (`développeur`, `chargés`, `étudiant`). Only a closed list of suffixes is
//!   recognised, so `le(la)`, `beta.gouv` or `peut-être` are left alone.
//! - `c++`, `c#`, `f#` and `.net` become `cpp`, `csharp`, `fsharp` and `dotnet`, otherwise they
//!   would be indistinguishable from the letter `c` or the word `net`.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokenizer for French job-offer text; see the module documentation.
#[derive(Clone, Debug, Default)]
pub struct FrenchTokenizer;

/// Token stream of [`FrenchTokenizer`]: tokens are computed eagerly (texts are offers, not books).
#[derive(Debug)]
pub struct FrenchTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one (0 = before the first `advance`).
    cursor: usize,
    /// Returned by `token()` before the first `advance`, so that no call can panic.
    empty: Token,
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = FrenchTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FrenchTokenStream {
        FrenchTokenStream {
            tokens: tokenize(text),
            cursor: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for FrenchTokenStream {
    fn advance(&mut self) -> bool {
        if self.cursor < self.tokens.len() {
            self.cursor += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.cursor.checked_sub(1) {
            Some(i) => self.tokens.get(i).unwrap_or(&self.empty),
            None => &self.empty,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.cursor.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// Characters used by inclusive writing between a word and its feminine ending.
fn is_dot_joiner(c: char) -> bool {
    matches!(c, '·' | '•' | '∙' | '‧' | '⋅' | '・')
}

/// Suffixes after a middle dot or in parentheses (the unambiguous inclusive markers).
const DOT_SUFFIXES: &[&str] = &[
    "e", "es", "s", "se", "ses", "euse", "euses", "rice", "rices", "trice", "trices", "ice",
    "ices", "ne", "nes", "le", "les", "te", "tes", "fe", "ffe", "fes", "ffes", "ère", "ères",
    "ere", "eres", "ière", "ières", "x",
];

/// Suffixes after `.`, `-` or `/`, which are ordinary punctuation too: a shorter list.
const PUNCT_SUFFIXES: &[&str] = &[
    "e", "es", "se", "ses", "euse", "euses", "rice", "rices", "trice", "trices", "ne", "nes",
    "ffe", "ère", "ères", "ere", "ière",
];

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let offset_at = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut word = String::new();
        while let Some(c) = char_at(i) {
            if c.is_alphanumeric() {
                word.push(c);
                i += 1;
            } else if is_apostrophe(c)
                && char_at(i.wrapping_sub(1)).is_some_and(char::is_alphabetic)
                && char_at(i + 1).is_some_and(char::is_alphabetic)
            {
                word.push('\'');
                i += 1;
            } else {
                break;
            }
        }
        // Programming languages whose name is mostly punctuation.
        if word.eq_ignore_ascii_case("c") || word.eq_ignore_ascii_case("f") {
            if char_at(i) == Some('+') && char_at(i + 1) == Some('+') && word != "f" {
                word = "cpp".to_owned();
                i += 2;
            } else if char_at(i) == Some('#') {
                word = format!("{}sharp", word.to_lowercase());
                i += 1;
            }
        } else if word.eq_ignore_ascii_case("net")
            && start > 0
            && char_at(start - 1) == Some('.')
            && !char_at(start.wrapping_sub(2)).is_some_and(char::is_alphanumeric)
        {
            word = "dotnet".to_owned();
        }
        i = strip_inclusive_suffixes(&chars, i, &mut word);
        tokens.push(Token {
            offset_from: offset_at(start),
            offset_to: offset_at(i),
            position: tokens.len(),
            text: word,
            position_length: 1,
        });
    }
    tokens
}

/// Consumes the inclusive endings that follow a word ending at `i` (`·se`, `(e)s`, `-rice`…),
/// appending to `word` only the letters that follow a closing parenthesis (`chargé(e)s` →
/// `chargés`, to keep the plural). Returns the index after what was consumed.
fn strip_inclusive_suffixes(chars: &[(usize, char)], mut i: usize, word: &mut String) -> usize {
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    // Only words made of letters take a gender ending (not "2021-e").
    if !word.chars().any(char::is_alphabetic) {
        return i;
    }
    loop {
        let Some(joiner) = char_at(i) else { return i };
        let paren = joiner == '(';
        let allowed = if is_dot_joiner(joiner) || paren {
            DOT_SUFFIXES
        } else if matches!(joiner, '.' | '-' | '/' | '‐' | '–') {
            PUNCT_SUFFIXES
        } else {
            return i;
        };
        let mut j = i + 1;
        let mut suffix = String::new();
        while let Some(c) = char_at(j).filter(|c| c.is_alphabetic()) {
            suffix.extend(c.to_lowercase());
            j += 1;
        }
        if !allowed.contains(&suffix.as_str()) {
            return i;
        }
        if paren {
            if char_at(j) != Some(')') {
                return i;
            }
            j += 1;
            // "candidat(e)s": the plural mark after the parenthesis belongs to the word.
            while let Some(c) = char_at(j).filter(|c| c.is_alphanumeric()) {
                word.push(c);
                j += 1;
            }
        } else if char_at(j).is_some_and(|c| c.is_alphanumeric() || is_apostrophe(c)) {
            return i;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_digits() {
        assert_eq!(
            words("Bac+5, 35 heures/semaine !"),
            ["Bac", "5", "35", "heures", "semaine"]
        );
    }

    #[test]
    fn keeps_apostrophes_between_letters_only() {
        assert_eq!(
            words("l’équipe d'ici 'cité'"),
            ["l'équipe", "d'ici", "cité"]
        );
        assert_eq!(words("aujourd’hui"), ["aujourd'hui"]);
    }

    #[test]
    fn removes_inclusive_suffixes() {
        for text in [
            "développeur·se",
            "développeur.se",
            "développeur(se)",
            "développeur-se",
            "développeur•se",
        ] {
            assert_eq!(words(text), ["développeur"], "{text}");
        }
        assert_eq!(words("développeurs·ses"), ["développeurs"]);
        assert_eq!(words("étudiant·e·s"), ["étudiant"]);
        assert_eq!(words("chargé(e)s de mission"), ["chargés", "de", "mission"]);
        assert_eq!(words("administrateur·rice"), ["administrateur"]);
    }

    #[test]
    fn leaves_ordinary_punctuation_alone() {
        assert_eq!(words("le(la) gestionnaire"), ["le", "la", "gestionnaire"]);
        assert_eq!(words("beta.gouv.fr"), ["beta", "gouv", "fr"]);
        assert_eq!(words("peut-être"), ["peut", "être"]);
        assert_eq!(words("fin.Elle"), ["fin", "Elle"]);
    }

    #[test]
    fn names_languages_made_of_punctuation() {
        assert_eq!(words("C++, C# et .NET"), ["cpp", "csharp", "et", "dotnet"]);
        assert_eq!(words("asp.net"), ["asp", "net"]);
    }

    #[test]
    fn offsets_cover_the_original_text() {
        let tokens = tokenize("un·e développeur·se");
        assert_eq!(tokens[1].offset_from, "un·e ".len());
        assert_eq!(tokens[1].offset_to, "un·e développeur·se".len());
        assert_eq!(tokens[1].position, 1);
    }
}
