//! The offers: the list with its filters, the offer page, and the Atom feed.

pub(crate) mod detail;
mod feed;
mod jsonld;
mod list;
pub mod view;

use axum::routing::get;

pub use list::{list_href, parse_query};

/// Routes of this area.
pub fn routes() -> crate::policy::Routes {
    crate::policy::Routes::new()
        .route("/offres-emploi", get(list::page))
        .route("/offres-emploi/flux.atom", get(feed::atom))
        .route("/emploi/{slug}", get(detail::page))
}
