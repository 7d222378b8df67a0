//! Vivier's demo content: referentials, real State organisations with employer pages and
//! testimonies written for the project, and a deterministic generator of job offers.
//!
//! Pure: no I/O and no storage. Another crate writes what these functions return into the
//! database, then resolves ids and hands them back to [`offers`] through a [`DemoContext`].

mod grammar;
mod offers;
mod organisations;
mod referentials;

pub use offers::{DEMO_OFFER_COUNT, DemoContext, offers};
pub use organisations::{DemoOrganisation, organisations};
pub use referentials::{domains, job_families};
