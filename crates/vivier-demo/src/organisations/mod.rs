//! The demo organisations: real ministries, directorates, services and public bodies that
//! recruit digital profiles, with employer pages and testimonies written for the project.

mod culture_ecologie;
mod economie;
mod education_social;
mod interieur_armees;
mod premier_ministre;

use url::Url;
use vivier_domain::organisation::{EmployerPage, OrganisationData, OrganisationKind, Testimony};
use vivier_domain::{OrganisationId, Slug};

/// One demo organisation, ready to be stored. Parents are named by slug, and always come
/// before their children in [`organisations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrganisation {
    /// Natural key, derived from the name.
    pub slug: Slug,
    /// Full name, as commonly known ("Direction interministérielle du numérique").
    pub name: String,
    /// Acronym, when the organisation is known by one ("DINUM").
    pub acronym: Option<String>,
    /// Place in the State.
    pub kind: OrganisationKind,
    /// Slug of the parent organisation, which appears earlier in the list.
    pub parent: Option<Slug>,
    /// Official website, only when known for sure.
    pub website: Option<Url>,
    /// Employer page (every section empty when the organisation has none).
    pub page: EmployerPage,
    /// Agents' words about working there (fictional people).
    pub testimonies: Vec<Testimony>,
}

impl DemoOrganisation {
    /// The organisation as the domain stores it, once the caller knows its parent's id.
    pub fn to_data(&self, parent_id: Option<OrganisationId>) -> OrganisationData {
        OrganisationData {
            slug: self.slug.clone(),
            name: self.name.clone(),
            acronym: self.acronym.clone(),
            kind: self.kind,
            parent_id,
            website: self.website.clone(),
            logo_url: None,
            page: self.page.clone(),
        }
    }

    /// Whether the organisation has an employer page with at least one section.
    pub fn has_page(&self) -> bool {
        !self.page.sections().is_empty()
    }
}

/// Every demo organisation, parents before children.
pub fn organisations() -> Vec<DemoOrganisation> {
    specs().filter_map(OrgSpec::build).collect()
}

/// The texts of an employer page; an empty string leaves the section out.
#[derive(Debug)]
pub(crate) struct PageText {
    pub raison_d_etre: &'static str,
    pub valeurs: &'static str,
    pub enjeux: &'static str,
    pub missions: &'static str,
    pub projets: &'static str,
    pub organisation: &'static str,
    pub chiffres_cles: &'static str,
    pub profils_recherches: &'static str,
    pub processus_recrutement: &'static str,
    pub nous_rejoindre: &'static str,
}

impl PageText {
    /// A page with every section empty, to spread from (`..PageText::BLANK`).
    pub(crate) const BLANK: PageText = PageText {
        raison_d_etre: "",
        valeurs: "",
        enjeux: "",
        missions: "",
        projets: "",
        organisation: "",
        chiffres_cles: "",
        profils_recherches: "",
        processus_recrutement: "",
        nous_rejoindre: "",
    };

    fn build(&self) -> EmployerPage {
        let section = |text: &str| (!text.trim().is_empty()).then(|| text.to_owned());
        EmployerPage {
            raison_d_etre: section(self.raison_d_etre),
            valeurs: section(self.valeurs),
            enjeux: section(self.enjeux),
            missions: section(self.missions),
            projets: section(self.projets),
            organisation: section(self.organisation),
            chiffres_cles: section(self.chiffres_cles),
            profils_recherches: section(self.profils_recherches),
            processus_recrutement: section(self.processus_recrutement),
            nous_rejoindre: section(self.nous_rejoindre),
        }
    }
}

/// A testimony: (name, role, text).
pub(crate) type TestimonyText = (&'static str, &'static str, &'static str);

/// How an organisation is described: what [`organisations`] returns, plus what the offer
/// generator needs to write about it.
#[derive(Debug)]
pub(crate) struct OrgSpec {
    pub name: &'static str,
    pub acronym: Option<&'static str>,
    pub kind: OrganisationKind,
    /// Name of the parent, declared earlier.
    pub parent: Option<&'static str>,
    pub website: Option<&'static str>,
    /// How the texts of offers name it, with its article ("la DINUM", "le ministère des
    /// Armées", "France Travail").
    pub short: &'static str,
    /// What it does, as a verb phrase following `short` ("pilote la transformation…").
    pub pitch: &'static str,
    /// Domain of the recruiting mailbox used by demo offers that apply by e-mail.
    pub mail_domain: &'static str,
    /// INSEE code of the commune where most of its digital teams work, if not spread out.
    pub home: Option<&'static str>,
    /// Slugs of the domains its offers tend to touch.
    pub domains: &'static [&'static str],
    pub page: Option<&'static PageText>,
    pub testimonies: &'static [TestimonyText],
}

impl OrgSpec {
    /// A spec with every optional part empty, to spread from (`..OrgSpec::BLANK`).
    pub(crate) const BLANK: OrgSpec = OrgSpec {
        name: "",
        acronym: None,
        kind: OrganisationKind::Direction,
        parent: None,
        website: None,
        short: "",
        pitch: "",
        mail_domain: "",
        home: None,
        domains: &[],
        page: None,
        testimonies: &[],
    };

    /// The slug of this organisation; `None` only for a name without letters, which the
    /// tables do not contain (a test checks that nothing is dropped).
    pub(crate) fn slug(&self) -> Option<Slug> {
        Slug::from_text(self.name)
    }

    fn build(&self) -> Option<DemoOrganisation> {
        Some(DemoOrganisation {
            slug: self.slug()?,
            name: self.name.to_owned(),
            acronym: self.acronym.map(str::to_owned),
            kind: self.kind,
            parent: match self.parent {
                Some(parent) => Some(Slug::from_text(parent)?),
                None => None,
            },
            // Literals checked by a test: every declared website parses.
            website: self.website.and_then(|w| Url::parse(w).ok()),
            page: self.page.map(PageText::build).unwrap_or_default(),
            testimonies: self
                .testimonies
                .iter()
                .map(|&(name, role, text)| Testimony {
                    name: name.to_owned(),
                    role: role.to_owned(),
                    text: text.to_owned(),
                    photo_url: None,
                })
                .collect(),
        })
    }
}

/// Every spec, parents before children.
pub(crate) fn specs() -> impl Iterator<Item = &'static OrgSpec> {
    [
        premier_ministre::ORGS,
        economie::ORGS,
        interieur_armees::ORGS,
        education_social::ORGS,
        culture_ecologie::ORGS,
    ]
    .into_iter()
    .flatten()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn nothing_is_dropped_and_slugs_are_unique() {
        let orgs = organisations();
        assert_eq!(orgs.len(), specs().count());
        let slugs: BTreeSet<_> = orgs.iter().map(|o| o.slug.clone()).collect();
        assert_eq!(slugs.len(), orgs.len(), "duplicate slugs");
        let ministries = orgs
            .iter()
            .filter(|o| o.kind == OrganisationKind::Ministere)
            .count();
        assert!((10..=14).contains(&ministries), "{ministries} ministries");
        assert!(
            (30..=45).contains(&(orgs.len() - ministries)),
            "{} others",
            orgs.len()
        );
    }

    #[test]
    fn parents_come_first_and_only_ministries_are_roots() {
        let orgs = organisations();
        let mut seen = BTreeSet::new();
        let mut depth = std::collections::BTreeMap::new();
        for org in &orgs {
            match &org.parent {
                Some(parent) => {
                    assert!(
                        seen.contains(parent),
                        "{} before its parent {parent}",
                        org.slug
                    );
                    assert_ne!(org.kind, OrganisationKind::Ministere, "{}", org.slug);
                    depth.insert(org.slug.clone(), depth[parent] + 1);
                }
                None => {
                    assert_eq!(
                        org.kind,
                        OrganisationKind::Ministere,
                        "{} has no parent",
                        org.slug
                    );
                    depth.insert(org.slug.clone(), 1);
                }
            }
            seen.insert(org.slug.clone());
        }
        assert_eq!(depth.values().max(), Some(&3), "the tree has three levels");
    }

    #[test]
    fn every_ministry_and_many_others_have_a_page() {
        let orgs = organisations();
        for org in orgs
            .iter()
            .filter(|o| o.kind == OrganisationKind::Ministere)
        {
            assert!(org.has_page(), "{} has no page", org.name);
        }
        let others = orgs
            .iter()
            .filter(|o| o.kind != OrganisationKind::Ministere && o.has_page())
            .count();
        assert!(others >= 15, "only {others} other pages");
    }

    #[test]
    fn pages_are_sober_plain_text() {
        for org in organisations().iter().filter(|o| o.has_page()) {
            for (anchor, _, text) in org.page.sections() {
                assert_eq!(
                    text,
                    text.trim(),
                    "{} / {anchor}: stray whitespace",
                    org.name
                );
                assert!(!text.contains("\n\n\n"), "{} / {anchor}", org.name);
                assert!(
                    !text.contains(['<', '>', '*', '#']),
                    "{} / {anchor}",
                    org.name
                );
                for line in text.lines() {
                    assert_eq!(
                        line,
                        line.trim_end(),
                        "{} / {anchor}: trailing space",
                        org.name
                    );
                    assert!(
                        !line.starts_with(' '),
                        "{} / {anchor}: indented line",
                        org.name
                    );
                }
            }
        }
    }

    #[test]
    fn websites_parse_and_testimonies_are_spread() {
        let orgs = organisations();
        for spec in specs() {
            if let Some(website) = spec.website {
                assert!(Url::parse(website).is_ok(), "{website}");
                assert!(website.starts_with("https://"), "{website}");
            }
        }
        let with_testimonies: Vec<_> = orgs.iter().filter(|o| !o.testimonies.is_empty()).collect();
        assert!(
            (8..=14).contains(&with_testimonies.len()),
            "{}",
            with_testimonies.len()
        );
        for org in with_testimonies {
            assert!(org.testimonies.len() <= 3, "{}", org.name);
            for t in &org.testimonies {
                assert!(!t.name.is_empty() && !t.role.is_empty() && t.text.len() > 80);
                assert!(t.photo_url.is_none());
            }
        }
    }

    #[test]
    fn offer_writing_hints_are_filled() {
        let domain_slugs: BTreeSet<_> = crate::domains()
            .into_iter()
            .map(|d| d.slug.as_str().to_owned())
            .collect();
        for spec in specs() {
            assert!(
                !spec.short.is_empty() && !spec.pitch.is_empty(),
                "{}",
                spec.name
            );
            assert!(
                !spec.pitch.ends_with('.'),
                "{}: pitch is a phrase",
                spec.name
            );
            assert!(
                vivier_domain::Email::parse(&format!("recrutement@{}", spec.mail_domain)).is_ok(),
                "{}",
                spec.name
            );
            if let Some(home) = spec.home {
                assert!(
                    vivier_domain::geo::CommuneCode::parse(home).is_ok(),
                    "{home}"
                );
            }
            for domain in spec.domains {
                assert!(domain_slugs.contains(*domain), "{}: {domain}", spec.name);
            }
        }
    }

    #[test]
    fn to_data_keeps_everything() {
        let org = &organisations()[0];
        let data = org.to_data(Some(OrganisationId(7)));
        assert_eq!(data.slug, org.slug);
        assert_eq!(data.parent_id, Some(OrganisationId(7)));
        assert_eq!(data.page, org.page);
    }
}
