//! The referentials recruiters pick from: job families (métiers) and domains.

use vivier_domain::Slug;
use vivier_domain::referential::{NewDomain, NewJobFamily};

/// Job families: (name, description). The slug is derived from the name; the offer templates
/// refer to these slugs (checked by a test).
const JOB_FAMILIES: &[(&str, &str)] = &[
    (
        "Développement",
        "Concevoir, coder, tester et faire évoluer les applications et les services numériques \
         de l'État, du back-end aux interfaces.",
    ),
    (
        "Données",
        "Collecter, fiabiliser, analyser et valoriser les données publiques, de l'ingénierie des \
         données à la science des données et à la visualisation.",
    ),
    (
        "Cybersécurité",
        "Protéger les systèmes d'information de l'État : gouvernance, analyse de risques, \
         détection et réponse aux incidents, audit et sécurité opérationnelle.",
    ),
    (
        "Infrastructure et cloud",
        "Construire et opérer les plateformes qui hébergent les services publics : serveurs, \
         stockage, cloud, conteneurs et automatisation.",
    ),
    (
        "Réseaux et télécommunications",
        "Concevoir, déployer et maintenir les réseaux, la téléphonie et les moyens de \
         communication des administrations, y compris les réseaux sécurisés.",
    ),
    (
        "Architecture",
        "Dessiner l'urbanisation des systèmes d'information, choisir les solutions techniques et \
         veiller à leur cohérence, à leur sécurité et à leur durabilité.",
    ),
    (
        "Produit et projet",
        "Piloter des produits et des projets numériques, de l'analyse des besoins des usagers à la \
         mise en service, en coordonnant les équipes et les partenaires.",
    ),
    (
        "Design",
        "Comprendre les usagers et les agents, concevoir des parcours simples et accessibles, et \
         donner forme aux interfaces des services publics.",
    ),
    (
        "Pilotage et management du SI",
        "Diriger des équipes et des programmes numériques, piloter les budgets, la stratégie et la \
         gouvernance des systèmes d'information.",
    ),
    (
        "Support et exploitation",
        "Assister les utilisateurs, administrer les postes de travail et les applications, et \
         garantir le bon fonctionnement quotidien des services.",
    ),
    (
        "Qualité et tests",
        "Définir et mener la stratégie de tests, automatiser les recettes et veiller à la qualité, \
         à la performance et à l'accessibilité des applications.",
    ),
    (
        "Achats et droit du numérique",
        "Acheter des solutions et des prestations numériques, négocier les contrats et veiller au \
         respect du droit des données, de la propriété intellectuelle et de la commande publique.",
    ),
];

/// Domains, by name. The slug is derived from the name.
const DOMAINS: &[&str] = &[
    "Intelligence artificielle",
    "Cloud",
    "Open data",
    "Accessibilité numérique",
    "Identité numérique",
    "Logiciel libre",
    "Santé numérique",
    "Géomatique",
    "Réseaux et télécoms",
    "Services publics en ligne",
    "Numérique responsable",
    "Éducation numérique",
    "Défense et sécurité",
];

/// The job families (métiers) of the State's digital jobs, each with a short French
/// description.
pub fn job_families() -> Vec<NewJobFamily> {
    JOB_FAMILIES
        .iter()
        .filter_map(|&(name, description)| {
            Some(NewJobFamily {
                // Names are letters: never `None` (a test checks nothing is dropped).
                slug: Slug::from_text(name)?,
                name: name.to_owned(),
                description: description.to_owned(),
            })
        })
        .collect()
}

/// The domains an offer can touch ("Intelligence artificielle", "Géomatique"…).
pub fn domains() -> Vec<NewDomain> {
    DOMAINS
        .iter()
        .filter_map(|&name| {
            Some(NewDomain {
                // Names are letters: never `None` (a test checks nothing is dropped).
                slug: Slug::from_text(name)?,
                name: name.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn job_families_are_complete_and_unique() {
        let families = job_families();
        assert_eq!(families.len(), JOB_FAMILIES.len());
        let slugs: BTreeSet<_> = families.iter().map(|f| f.slug.clone()).collect();
        assert_eq!(slugs.len(), families.len());
        for family in &families {
            assert!(!family.description.trim().is_empty(), "{}", family.name);
            assert!(family.description.ends_with('.'), "{}", family.name);
        }
        assert!(slugs.contains(&Slug::parse("developpement").unwrap()));
    }

    #[test]
    fn domains_are_complete_and_unique() {
        let domains = domains();
        assert_eq!(domains.len(), DOMAINS.len());
        let slugs: BTreeSet<_> = domains.iter().map(|d| d.slug.clone()).collect();
        assert_eq!(slugs.len(), domains.len());
        assert!(slugs.contains(&Slug::parse("intelligence-artificielle").unwrap()));
    }
}
