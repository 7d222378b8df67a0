//! Typed ids: an offer id never goes where an organisation id is expected.

use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id!(
    /// Identifies an organisation (ministry, directorate, recruiting service…).
    OrganisationId,
    /// Identifies a job offer.
    OfferId,
    /// Identifies a job family (métier).
    JobFamilyId,
    /// Identifies a domain.
    DomainId,
    /// Identifies a user account (candidate or State agent).
    UserId,
);
