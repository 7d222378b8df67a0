//! Referentials that recruiters pick from: job families (métiers) and domains.

use serde::{Deserialize, Serialize};

use crate::{DomainId, JobFamilyId, Slug};

/// A family of digital jobs ("Développement", "Données"…), the catalogue of métiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobFamily {
    pub id: JobFamilyId,
    pub slug: Slug,
    pub name: String,
    pub description: String,
}

/// A field the job touches ("Intelligence artificielle", "Santé numérique"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: DomainId,
    pub slug: Slug,
    pub name: String,
}

/// What creating or updating a job family needs; the slug is the natural key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJobFamily {
    pub slug: Slug,
    pub name: String,
    pub description: String,
}

/// What creating or updating a domain needs; the slug is the natural key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDomain {
    pub slug: Slug,
    pub name: String,
}
