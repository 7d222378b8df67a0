//! The offers: the list with its filters, the offer page, and the Atom feed.

mod detail;
mod feed;
mod jsonld;
mod list;
pub mod view;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub use list::{list_href, parse_query};

/// Routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/offres-emploi", get(list::page))
        .route("/offres-emploi/flux.atom", get(feed::atom))
        .route("/emploi/{slug}", get(detail::page))
}
