//! Vivier's domain model: what an offer, an organisation or a place *is*, and the rules on them.
//!
//! Pure: no I/O, no framework types. Values that have rules (slugs, e-mails, INSEE codes, salary
//! ranges) are newtypes that can only hold valid values: parse once at the edge, trust afterwards.

pub mod account;
pub mod candidate;
mod codes;
pub mod filter;
pub mod geo;
pub mod ids;
pub mod offer;
pub mod organisation;
pub mod referential;
pub mod text;
mod values;

pub use ids::{DomainId, JobFamilyId, OfferId, OrganisationId, UserId};
pub use values::{Email, InvalidValue, SalaryRange, Slug};
