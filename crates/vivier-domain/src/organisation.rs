//! Organisations: the tree of ministries, directorates and recruiting services, and their
//! employer pages.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::codes::coded_enum;
use crate::{OrganisationId, Slug};

coded_enum! {
    /// Where an organisation stands in the State.
    pub enum OrganisationKind {
        /// A ministry, top of a tree.
        Ministere => ("ministere", "Ministère"),
        /// A directorate or central administration.
        Direction => ("direction", "Direction"),
        /// A recruiting service, or any unit below a directorate.
        Service => ("service", "Service recruteur"),
        /// A public body (opérateur, établissement public) under a ministry's supervision.
        Etablissement => ("etablissement", "Établissement public"),
        /// An independent authority or any other State employer.
        Autre => ("autre", "Autre employeur public"),
    }
}

/// The employer page of an organisation: each section is optional free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerPage {
    pub raison_d_etre: Option<String>,
    pub valeurs: Option<String>,
    pub enjeux: Option<String>,
    pub missions: Option<String>,
    pub projets: Option<String>,
    pub organisation: Option<String>,
    pub chiffres_cles: Option<String>,
    pub profils_recherches: Option<String>,
    pub processus_recrutement: Option<String>,
    pub nous_rejoindre: Option<String>,
}

impl EmployerPage {
    /// The sections in reading order: (anchor, French title, text), filled ones only.
    pub fn sections(&self) -> Vec<(&'static str, &'static str, &str)> {
        [
            ("raison-d-etre", "Raison d'être", &self.raison_d_etre),
            ("valeurs", "Nos valeurs", &self.valeurs),
            ("enjeux", "Nos enjeux", &self.enjeux),
            ("missions", "Nos missions", &self.missions),
            ("projets", "Nos projets", &self.projets),
            ("organisation", "Notre organisation", &self.organisation),
            ("chiffres-cles", "Chiffres clés", &self.chiffres_cles),
            (
                "profils-recherches",
                "Profils recherchés",
                &self.profils_recherches,
            ),
            (
                "processus-recrutement",
                "Processus de recrutement",
                &self.processus_recrutement,
            ),
            ("nous-rejoindre", "Nous rejoindre", &self.nous_rejoindre),
        ]
        .into_iter()
        .filter_map(|(anchor, title, text)| {
            text.as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| (anchor, title, t))
        })
        .collect()
    }
}

/// An agent's word about working there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testimony {
    pub name: String,
    pub role: String,
    pub text: String,
    pub photo_url: Option<Url>,
}

/// What defines an organisation; the slug is its natural key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationData {
    pub slug: Slug,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub parent_id: Option<OrganisationId>,
    pub website: Option<Url>,
    pub logo_url: Option<Url>,
    pub page: EmployerPage,
}

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub data: OrganisationData,
}

impl Organisation {
    /// "Direction interministérielle du numérique (DINUM)" or the name alone.
    pub fn display_name(&self) -> String {
        match &self.data.acronym {
            Some(acronym) if !acronym.is_empty() => format!("{} ({acronym})", self.data.name),
            _ => self.data.name.clone(),
        }
    }
}
