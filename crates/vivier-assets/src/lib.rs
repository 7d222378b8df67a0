//! Third-party assets embedded in the Vivier binary.
//!
//! Both come from npm packages pinned exactly in the workspace's `package.json` and
//! `package-lock.json`, installed by the build script (nothing third-party is committed):
//!
//! - the State design system, DSFR ([`DSFR`], [`dsfr_file`], [`DSFR_VERSION`]): only the files
//!   the site serves (main stylesheet and scripts, icons, fonts, favicons), with their `dist/`
//!   layout kept so that the stylesheets' relative `url()`s resolve;
//! - the official geography, INSEE's Code officiel géographique with La Poste's postal codes
//!   ([`geography`], [`GEOGRAPHY_ATTRIBUTION`]).
//!
//! See `NOTICE.md` at the repository's root for their licences.

#![cfg_attr(test, allow(clippy::unwrap_used))]

#[cfg(test)]
mod css_urls;
mod dsfr;
mod geo;

pub use dsfr::{DSFR, DSFR_VERSION, content_type, dsfr_file};
pub use geo::{GEOGRAPHY_ATTRIBUTION, GEOGRAPHY_PACKAGE_VERSION, geography};
