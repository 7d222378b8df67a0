//! Which offers are digital: the rule that picks, out of the ~180,000 offers of a CSP file,
//! the ~5 % that Vivier imports (unless every offer is asked for).

use std::collections::HashSet;

use vivier_domain::text;

use crate::source::SourceOffer;

/// The built-in rule (French, commented: read it to see what is kept).
pub const BUILTIN: &str = include_str!("digital.txt");

/// Job labels, job codes and title words that make an offer digital.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigitalRule {
    /// Folded labels, words separated by one space.
    labels: HashSet<String>,
    ogr_codes: HashSet<u32>,
    /// Folded phrases, as words.
    phrases: Vec<Vec<String>>,
}

/// A line of a rule file that cannot be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("ligne {line} : {message}")]
pub struct RuleError {
    /// The line, from 1.
    pub line: usize,
    /// What is wrong, in French.
    pub message: String,
}

impl DigitalRule {
    /// The built-in rule.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("the built-in rule is valid (tested)")
    }

    /// Reads a rule: `métier = …`, `ogr = …` and `mot = …` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Self, RuleError> {
        let mut rule = Self::default();
        for (i, line) in text.lines().enumerate() {
            let error = |message: String| RuleError {
                line: i + 1,
                message,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (kind, value) = line.split_once('=').ok_or_else(|| {
                error("attendu « métier = … », « ogr = … » ou « mot = … »".to_owned())
            })?;
            let value = value.trim();
            let words = words(value);
            if words.is_empty() {
                return Err(error("valeur vide".to_owned()));
            }
            match text::fold(kind).trim() {
                "metier" => {
                    rule.labels.insert(words.join(" "));
                }
                "ogr" => {
                    let code = value.parse().map_err(|_| {
                        error(format!("code OGR invalide « {value} » (un nombre attendu)"))
                    })?;
                    rule.ogr_codes.insert(code);
                }
                "mot" => rule.phrases.push(words),
                other => {
                    return Err(error(format!(
                        "type de ligne inconnu « {other} » (métier, ogr ou mot)"
                    )));
                }
            }
        }
        Ok(rule)
    }

    /// This rule with `other`'s lines added.
    pub fn extend(&mut self, other: Self) {
        self.labels.extend(other.labels);
        self.ogr_codes.extend(other.ogr_codes);
        self.phrases.extend(other.phrases);
    }

    /// Whether the offer is digital.
    pub fn matches(&self, offer: &SourceOffer) -> bool {
        self.matches_job(&offer.title, offer.job_label.as_deref(), offer.ogr_code)
    }

    /// Whether a job with this title, job label and ROME OGR code is digital: all the rule
    /// reads of an offer.
    pub fn matches_job(&self, title: &str, job_label: Option<&str>, ogr_code: Option<u32>) -> bool {
        if ogr_code.is_some_and(|code| self.ogr_codes.contains(&code)) {
            return true;
        }
        let label = job_label.map(words);
        if label
            .as_ref()
            .is_some_and(|label| self.labels.contains(&label.join(" ")))
        {
            return true;
        }
        let title = words(title);
        [Some(&title), label.as_ref()]
            .into_iter()
            .flatten()
            .any(|words| self.phrases.iter().any(|phrase| contains(words, phrase)))
    }
}

/// The folded words of `text` (letters and digits; apostrophes, slashes and the like split).
fn words(text: &str) -> Vec<String> {
    text::fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn contains(words: &[String], phrase: &[String]) -> bool {
    words.windows(phrase.len()).any(|window| window == phrase)
}

#[cfg(test)]
mod tests {
    use vivier_domain::offer::{ContractType, OfferSections, Remote};

    use super::*;

    fn offer(title: &str, label: Option<&str>, ogr: Option<u32>) -> SourceOffer {
        SourceOffer {
            line: 2,
            reference: "1".into(),
            title: title.into(),
            organisations: Vec::new(),
            open: true,
            job_label: label.map(str::to_owned),
            ogr_code: ogr,
            category: None,
            contract_types: vec![ContractType::TitulaireOuContractuel],
            remote: Remote::Aucun,
            full_time: None,
            experience: None,
            education: None,
            place: None,
            department: None,
            published_on: None,
            deadline: None,
            source_url: None,
            sections: OfferSections::default(),
        }
    }

    #[test]
    fn digital_offers_are_recognised_by_label_code_or_title() {
        let rule = DigitalRule::builtin();
        for digital in [
            offer(
                "Chargé de mission",
                Some("DÉVELOPPEUSE / DÉVELOPPEUR"),
                None,
            ),
            offer(
                "Chargé de mission",
                Some("CHARGEE /CHARGE DE CYBERDEFENSE"),
                None,
            ),
            offer("Agent", None, Some(12_814)),
            offer("Développeur·se full stack (H/F)", None, None),
            offer("Cheffe de projet SI", None, None),
            offer("Ingénieur·e DevOps", None, None),
            offer("Data engineer", Some("Non renseigné"), None),
            offer(
                "Responsable de la sécurité des systèmes d'information",
                None,
                None,
            ),
            offer(
                "Chargé d'études",
                Some("Administratrice de bases de données"),
                None,
            ),
        ] {
            assert!(rule.matches(&digital), "{digital:?}");
        }
        for other in [
            offer(
                "Agent d'entretien des espaces verts",
                Some("Jardinier"),
                Some(17_499),
            ),
            offer("Chargé de développement économique", None, None),
            offer("Architecte des bâtiments de France", None, None),
            offer("Responsable sécurité incendie", None, None),
            offer(
                "Technicien de maintien en conditions opérationnelles",
                None,
                Some(19_827),
            ),
            offer("Assistante sociale", None, None),
        ] {
            assert!(!rule.matches(&other), "{other:?}");
        }
    }

    #[test]
    fn an_administrator_rule_adds_to_the_builtin_one() {
        let mut rule = DigitalRule::builtin();
        let geomatics = offer("Cartographe", None, None);
        assert!(!rule.matches(&geomatics));
        rule.extend(DigitalRule::parse("# ajout\nmot = cartographe\n").expect("valid"));
        assert!(rule.matches(&geomatics));
    }

    #[test]
    fn mistakes_in_a_rule_file_name_their_line() {
        assert_eq!(
            DigitalRule::parse("mot = data\nogr = douze\n"),
            Err(RuleError {
                line: 2,
                message: "code OGR invalide « douze » (un nombre attendu)".into()
            })
        );
        assert_eq!(
            DigitalRule::parse("\nmétier\n").map_err(|e| e.to_string()),
            Err("ligne 2 : attendu « métier = … », « ogr = … » ou « mot = … »".into())
        );
        assert_eq!(
            DigitalRule::parse("titre = data").map_err(|e| e.message),
            Err("type de ligne inconnu « titre » (métier, ogr ou mot)".into())
        );
        assert_eq!(
            DigitalRule::parse("mot = ' /").map_err(|e| e.message),
            Err("valeur vide".into())
        );
    }
}
