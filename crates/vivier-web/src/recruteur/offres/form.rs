//! The offer form: what a recruiter types, read back into an [`OfferData`] with one French
//! message per wrong field, and written out again from a stored offer.
//!
//! The form arrives as name/value pairs (checkbox groups repeat their name); a name the form
//! does not have is a forged request and answers 400, like every other form of Vivier.

use std::collections::HashMap;

use time::Date;
use time::macros::format_description;
use url::Url;
use vivier_domain::geo::{CommuneCode, DepartmentCode, Geography};
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, OfferData, OfferSections, Remote, Seniority,
};
use vivier_domain::{DomainId, Email, JobFamilyId, OrganisationId, SalaryRange, text};

use crate::error::PageError;

/// Longest title, reference and section text accepted (characters).
const TITLE_MAX: usize = 200;
const REFERENCE_MAX: usize = 100;
const SECTION_MAX: usize = 4_000;
const PLACE_MAX: usize = 100;
/// The `departement` value of a job abroad.
pub const ABROAD: &str = "etranger";

/// The text sections: form name, French label, hint.
pub const SECTIONS: [(&str, &str, &str); 8] = [
    (
        "mission",
        "Votre mission",
        "Obligatoire pour publier. Ce que la personne fera, en quelques phrases.",
    ),
    ("contexte", "Contexte", ""),
    (
        "activites",
        "Activités principales",
        "Une activité par ligne, précédée d’un tiret.",
    ),
    ("equipe", "L’équipe", ""),
    ("profil", "Profil recherché", ""),
    ("avantages", "Avantages", ""),
    ("processus", "Processus de recrutement", ""),
    ("conditions", "Conditions particulières", ""),
];

/// Single-valued fields of the form, besides the sections.
const SINGLE: [&str; 17] = [
    "csrf",
    "action",
    "organisation",
    "intitule",
    "reference",
    "metier",
    "categorie",
    "teletravail",
    "experience",
    "debutants",
    "salaire_min",
    "salaire_max",
    "departement",
    "commune",
    "pays",
    "ville",
    "date_limite",
];
const MORE_SINGLE: [&str; 3] = ["candidature", "candidature_url", "candidature_email"];
/// Fields that may repeat (checkbox groups).
const MULTIPLE: [&str; 2] = ["domaines", "contrats"];

/// The form as typed: every value, and the errors by field name.
#[derive(Debug, Default, Clone)]
pub struct OfferForm {
    values: HashMap<&'static str, String>,
    lists: HashMap<&'static str, Vec<String>>,
    pub errors: HashMap<&'static str, String>,
}

impl OfferForm {
    /// Reads the posted pairs; an unknown field is refused (400).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, PageError> {
        let mut form = Self::default();
        for (name, value) in pairs {
            if let Some(key) = MULTIPLE.iter().find(|k| **k == name) {
                form.lists.entry(key).or_default().push(value);
            } else if let Some(key) = SINGLE
                .iter()
                .chain(&MORE_SINGLE)
                .chain(SECTIONS.iter().map(|(name, ..)| name))
                .find(|k| **k == name)
            {
                form.values.insert(key, value);
            } else {
                return Err(PageError::BadRequest(
                    "Le formulaire envoyé contient des champs inconnus. Rechargez la page et \
                     recommencez."
                        .to_owned(),
                ));
            }
        }
        Ok(form)
    }

    /// The form of a stored (or duplicated) offer.
    pub fn from_data(data: &OfferData) -> Self {
        let mut form = Self::default();
        let mut set = |name: &'static str, value: String| {
            form.values.insert(name, value);
        };
        set("organisation", data.organisation_id.0.to_string());
        set("intitule", data.title.clone());
        set("reference", data.reference.clone());
        set(
            "metier",
            data.job_family_id
                .map(|f| f.0.to_string())
                .unwrap_or_default(),
        );
        set(
            "categorie",
            data.category
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
        );
        set("teletravail", data.remote.code().to_owned());
        set(
            "experience",
            data.seniority
                .map(|s| s.code().to_owned())
                .unwrap_or_default(),
        );
        set(
            "debutants",
            if data.open_to_juniors { "oui" } else { "" }.to_owned(),
        );
        if let Some(salary) = data.salary {
            set("salaire_min", salary.min().to_string());
            set("salaire_max", salary.max().to_string());
        }
        match &data.location {
            Location::France {
                department,
                commune,
                ..
            } => {
                set(
                    "departement",
                    department
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                );
                set(
                    "commune",
                    commune.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                );
            }
            Location::Abroad { country, city } => {
                set("departement", ABROAD.to_owned());
                set("pays", country.clone());
                set("ville", city.clone().unwrap_or_default());
            }
        }
        set(
            "date_limite",
            data.deadline.map(|d| d.to_string()).unwrap_or_default(),
        );
        match &data.apply {
            ApplyMethod::Vivier => set("candidature", "vivier".to_owned()),
            ApplyMethod::ExternalUrl(url) => {
                set("candidature", "url".to_owned());
                set("candidature_url", url.to_string());
            }
            ApplyMethod::Email(email) => {
                set("candidature", "email".to_owned());
                set("candidature_email", email.to_string());
            }
        }
        let texts = &data.sections;
        for ((name, ..), text) in SECTIONS.iter().zip([
            &texts.mission,
            &texts.context,
            &texts.activities,
            &texts.team,
            &texts.profile,
            &texts.benefits,
            &texts.recruitment_process,
            &texts.special_conditions,
        ]) {
            set(name, text.clone().unwrap_or_default());
        }
        form.lists.insert(
            "domaines",
            data.domain_ids.iter().map(|d| d.0.to_string()).collect(),
        );
        form.lists.insert(
            "contrats",
            data.contract_types
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
        );
        form
    }

    /// A value as typed ("" when absent).
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// Empties a field.
    pub fn clear(&mut self, name: &str) {
        self.values.retain(|key, _| *key != name);
    }

    /// Whether a checkbox group holds this value.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.lists
            .get(name)
            .is_some_and(|values| values.iter().any(|v| v == value))
    }

    /// The error of a field, if any.
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    /// Every (name, value) pair, to carry the form through the preview as hidden fields.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        let mut pairs: Vec<_> = self
            .values
            .iter()
            .filter(|(name, _)| !matches!(**name, "csrf" | "action"))
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        for (name, values) in &self.lists {
            pairs.extend(values.iter().map(|v| (*name, v.as_str())));
        }
        pairs.sort_unstable();
        pairs
    }

    fn fail(&mut self, name: &'static str, message: impl Into<String>) {
        self.errors.entry(name).or_insert_with(|| message.into());
    }

    fn text(&mut self, name: &'static str, label: &str, max: usize) -> Option<String> {
        let value = self.value(name).trim().to_owned();
        if value.chars().count() > max {
            self.fail(
                name,
                format!("{label} ne doit pas dépasser {max} caractères."),
            );
            return None;
        }
        (!value.is_empty()).then_some(value)
    }

    /// Reads the form into `data`, whose slug, state, dates of publication and source are kept;
    /// the organisation must be one of `allowed`. Errors are kept by field in `self.errors`.
    pub fn apply_to(
        &mut self,
        data: &mut OfferData,
        allowed: &dyn Fn(OrganisationId) -> bool,
        families: &[JobFamilyId],
        domains: &[DomainId],
        geography: &Geography,
        today: Date,
    ) -> bool {
        self.errors.clear();
        match self.value("organisation").parse().map(OrganisationId) {
            Ok(id) if allowed(id) => data.organisation_id = id,
            _ => self.fail(
                "organisation",
                "Choisissez une organisation dont vous gérez les offres.",
            ),
        }
        match self.text("intitule", "L’intitulé", TITLE_MAX) {
            Some(title) => data.title = title,
            None => self.fail("intitule", "Saisissez l’intitulé du poste."),
        }
        data.reference = self
            .text("reference", "La référence", REFERENCE_MAX)
            .unwrap_or_default();
        data.job_family_id = match self.value("metier") {
            "" => None,
            value => match value.parse().map(JobFamilyId) {
                Ok(id) if families.contains(&id) => Some(id),
                _ => {
                    self.fail("metier", "Choisissez un métier de la liste.");
                    None
                }
            },
        };
        let chosen: Vec<String> = self.lists.get("domaines").cloned().unwrap_or_default();
        data.domain_ids.clear();
        for value in chosen {
            match value.parse().map(DomainId) {
                Ok(id) if domains.contains(&id) => data.domain_ids.push(id),
                _ => self.fail("domaines", "Choisissez les domaines dans la liste."),
            }
        }
        data.domain_ids.sort_unstable();
        data.domain_ids.dedup();
        let chosen: Vec<String> = self.lists.get("contrats").cloned().unwrap_or_default();
        data.contract_types.clear();
        for value in chosen {
            match ContractType::from_code(&value) {
                Some(contract) if !data.contract_types.contains(&contract) => {
                    data.contract_types.push(contract);
                }
                Some(_) => {}
                None => self.fail("contrats", "Choisissez les types de contrat dans la liste."),
            }
        }
        if data.contract_types.is_empty() {
            self.fail("contrats", "Cochez au moins un type de contrat.");
        }
        data.category = self.optional_code("categorie", Category::from_code, "une catégorie");
        match Remote::from_code(self.value("teletravail")) {
            Some(remote) => data.remote = remote,
            None => self.fail("teletravail", "Indiquez si le télétravail est possible."),
        }
        data.seniority = self.optional_code("experience", Seniority::from_code, "une expérience");
        data.open_to_juniors = match self.value("debutants") {
            "" => false,
            "oui" => true,
            _ => {
                self.fail("debutants", "Valeur inattendue.");
                false
            }
        };
        data.salary = self.salary();
        if let Some(location) = self.location(geography) {
            data.location = location;
        }
        data.deadline = match self.value("date_limite").trim() {
            "" => None,
            value => match Date::parse(value, format_description!("[year]-[month]-[day]")) {
                Ok(date) if date < today => {
                    self.fail(
                        "date_limite",
                        "La date limite de candidature est déjà passée.",
                    );
                    None
                }
                Ok(date) => Some(date),
                Err(_) => {
                    self.fail("date_limite", "Saisissez une date au format jj/mm/aaaa.");
                    None
                }
            },
        };
        if let Some(apply) = self.apply_method() {
            data.apply = apply;
        }
        let mut texts: [Option<String>; 8] = Default::default();
        for ((name, label, _), slot) in SECTIONS.iter().zip(texts.iter_mut()) {
            *slot = self.text(name, &format!("La section « {label} »"), SECTION_MAX);
        }
        let [
            mission,
            context,
            activities,
            team,
            profile,
            benefits,
            process,
            conditions,
        ] = texts;
        data.sections = OfferSections {
            mission,
            context,
            activities,
            team,
            profile,
            benefits,
            recruitment_process: process,
            special_conditions: conditions,
        };
        if let Err(problems) = data.check()
            && self.errors.is_empty()
        {
            // Rules across fields that no single field caught.
            self.fail("intitule", problems.join(" "));
        }
        self.errors.is_empty()
    }

    fn optional_code<T>(
        &mut self,
        name: &'static str,
        parse: fn(&str) -> Option<T>,
        what: &str,
    ) -> Option<T> {
        match self.value(name) {
            "" => None,
            value => parse(value).or_else(|| {
                self.fail(name, format!("Choisissez {what} dans la liste."));
                None
            }),
        }
    }

    fn salary(&mut self) -> Option<SalaryRange> {
        let mut amount =
            |name: &'static str| match self.value(name).replace([' ', '\u{a0}', '\u{202f}'], "") {
                text if text.is_empty() => None,
                text => match text.parse::<u32>() {
                    Ok(value) => Some(value),
                    Err(_) => {
                        self.fail(
                            name,
                            "Saisissez un montant annuel brut en euros, sans décimales.",
                        );
                        None
                    }
                },
            };
        match (amount("salaire_min"), amount("salaire_max")) {
            (None, None) => None,
            (Some(min), None) => self.range(min, min),
            (None, Some(max)) => self.range(max, max),
            (Some(min), Some(max)) => self.range(min, max),
        }
    }

    fn range(&mut self, min: u32, max: u32) -> Option<SalaryRange> {
        SalaryRange::new(min, max)
            .map_err(|invalid| self.fail("salaire_max", invalid.message))
            .ok()
    }

    fn location(&mut self, geography: &Geography) -> Option<Location> {
        let department = self.value("departement").to_owned();
        if department == ABROAD {
            let Some(country) = self.text("pays", "Le pays", PLACE_MAX) else {
                self.fail("pays", "Indiquez le pays.");
                return None;
            };
            let city = self.text("ville", "La ville", PLACE_MAX);
            return Some(Location::Abroad { country, city });
        }
        let Some(department) = DepartmentCode::parse(&department)
            .ok()
            .and_then(|code| geography.department(&code))
        else {
            self.fail("departement", "Choisissez le département du poste.");
            return None;
        };
        let commune = match self.value("commune").trim() {
            "" => None,
            typed => {
                let folded = text::fold(typed);
                let matches: Vec<_> = geography
                    .communes()
                    .iter()
                    .filter(|c| c.department == department.code)
                    .filter(|c| {
                        CommuneCode::parse(typed).is_ok_and(|code| code == c.code)
                            || text::fold(&c.name) == folded
                    })
                    .collect();
                match matches.as_slice() {
                    [one] => Some(one.code.clone()),
                    [] => {
                        self.fail(
                            "commune",
                            format!(
                                "Aucune commune de ce nom dans le département {}.",
                                department.name
                            ),
                        );
                        return None;
                    }
                    _ => {
                        self.fail(
                            "commune",
                            "Plusieurs communes portent ce nom : saisissez son code INSEE.",
                        );
                        return None;
                    }
                }
            }
        };
        Some(Location::France {
            region: department.region.clone(),
            department: Some(department.code.clone()),
            commune,
        })
    }

    fn apply_method(&mut self) -> Option<ApplyMethod> {
        match self.value("candidature") {
            "vivier" => Some(ApplyMethod::Vivier),
            "url" => match Url::parse(self.value("candidature_url").trim()) {
                Ok(url) if matches!(url.scheme(), "https" | "http") => {
                    Some(ApplyMethod::ExternalUrl(url))
                }
                _ => {
                    self.fail(
                        "candidature_url",
                        "Saisissez l’adresse complète de la page de candidature, commençant par https://.",
                    );
                    None
                }
            },
            "email" => match Email::parse(self.value("candidature_email").trim()) {
                Ok(email) => Some(ApplyMethod::Email(email)),
                Err(invalid) => {
                    self.fail("candidature_email", invalid.message);
                    None
                }
            },
            _ => {
                self.fail("candidature", "Choisissez comment les candidats postulent.");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn unknown_fields_are_refused_and_repeated_boxes_kept() {
        assert!(OfferForm::from_pairs(pairs(&[("organisation_id", "1")])).is_err());
        let form = OfferForm::from_pairs(pairs(&[
            ("contrats", "stage"),
            ("contrats", "freelance"),
            ("intitule", "Dev"),
        ]))
        .unwrap();
        assert!(form.has("contrats", "stage") && form.has("contrats", "freelance"));
        assert_eq!(form.value("intitule"), "Dev");
        assert_eq!(form.value("reference"), "");
        assert_eq!(
            form.pairs(),
            [
                ("contrats", "freelance"),
                ("contrats", "stage"),
                ("intitule", "Dev")
            ]
        );
    }
}
