//! Newtypes that can only hold valid values.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value refused by one of the domain's `parse` functions, with a French message for users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidValue {
    /// Stable, machine-readable code (`invalid_slug`, `invalid_email`…).
    pub code: &'static str,
    /// What is wrong, in French, for the person who typed it.
    pub message: String,
}

impl InvalidValue {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// A URL path segment: lower-case ASCII letters, digits and single hyphens, 1 to 120 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Longest slug accepted.
    pub const MAX_LEN: usize = 120;

    /// Accepts an existing slug as it is; refuses anything that is not already a clean slug.
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let ok = !value.is_empty()
            && value.len() <= Self::MAX_LEN
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !value.starts_with('-')
            && !value.ends_with('-')
            && !value.contains("--");
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(InvalidValue::new(
                "invalid_slug",
                "L'identifiant doit contenir uniquement des lettres minuscules sans accent, des \
                 chiffres et des tirets (120 caractères au plus).",
            ))
        }
    }

    /// Builds a slug from free text ("Développeur·se Rust (H/F)" → "developpeur-se-rust-h-f").
    /// Returns `None` when the text has nothing to keep.
    pub fn from_text(text: &str) -> Option<Self> {
        let folded = crate::text::fold(text);
        let mut slug = String::with_capacity(folded.len());
        for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            if slug.len() + word.len() + 1 > Self::MAX_LEN {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
        }
        (!slug.is_empty()).then_some(Self(slug))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

/// An e-mail address, syntactically plausible (not proven to exist).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` with no whitespace, 254 characters at most. The domain is
    /// lower-cased; the local part is kept as typed.
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let value = value.trim();
        let invalid = || {
            InvalidValue::new(
                "invalid_email",
                "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
            )
        };
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.len() >= 3
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.contains(['<', '>', '"', '(', ')', ',', ';', ':', '\\', '[', ']']);
        if !domain_ok || !local_ok {
            return Err(invalid());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

/// A gross annual salary range in euros, `min <= max`, both within what a State offer can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryRange {
    min: u32,
    max: u32,
}

impl SalaryRange {
    /// Highest annual amount accepted: anything above is a typing error.
    pub const CEILING: u32 = 300_000;

    /// Builds a range; refuses zero, inverted or implausible bounds.
    pub fn new(min: u32, max: u32) -> Result<Self, InvalidValue> {
        if min == 0 || min > max || max > Self::CEILING {
            return Err(InvalidValue::new(
                "invalid_salary_range",
                format!(
                    "La fourchette de rémunération doit aller d'un minimum à un maximum compris \
                     entre 1 et {} € bruts annuels.",
                    Self::CEILING
                ),
            ));
        }
        Ok(Self { min, max })
    }

    /// Lower bound, gross euros a year.
    pub fn min(self) -> u32 {
        self.min
    }

    /// Upper bound, gross euros a year.
    pub fn max(self) -> u32 {
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slug_from_french_title() {
        let slug = Slug::from_text("Développeur·se Rust (H/F) — Données & IA").unwrap();
        assert_eq!(slug.as_str(), "developpeur-se-rust-h-f-donnees-ia");
        assert!(Slug::from_text("  ¿¡ !!").is_none());
    }

    #[test]
    fn slug_parse_refuses_unclean_values() {
        for bad in [
            "",
            "Abc",
            "a--b",
            "-a",
            "a-",
            "é",
            "a b",
            "a/b",
            &"a".repeat(121),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Slug::parse("ministere-des-armees-2").is_ok());
    }

    #[test]
    fn email_parse() {
        assert_eq!(
            Email::parse(" Jeanne.Dupont@Numerique.GOUV.fr ")
                .unwrap()
                .as_str(),
            "Jeanne.Dupont@numerique.gouv.fr"
        );
        for bad in [
            "", "a", "a@b", "a@.fr", "a b@c.fr", "@c.fr", "a@c..fr", "<a>@c.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn salary_range_bounds() {
        assert!(SalaryRange::new(40_000, 55_000).is_ok());
        assert!(SalaryRange::new(55_000, 40_000).is_err());
        assert!(SalaryRange::new(0, 10).is_err());
        assert!(SalaryRange::new(1, 1_000_000).is_err());
    }

    proptest! {
        #[test]
        fn slug_from_any_text_is_a_valid_slug(text in "\\PC{0,200}") {
            if let Some(slug) = Slug::from_text(&text) {
                prop_assert!(Slug::parse(slug.as_str()).is_ok());
            }
        }
    }
}
