//! Candidates' files: [`pdf::check_pdf`] decides whether an upload is a CV Vivier can keep, and
//! [`objects`] stores files behind one interface, in a local directory or an S3-compatible
//! service. Nothing here knows about the web or the database.

pub mod objects;
pub mod pdf;
