//! `/sitemap.xml`: every public page that has live content.

use std::collections::HashSet;
use std::fmt::Write;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::{AppState, format, richtext};

/// The sitemap (a few thousand URLs at most: far below the protocol's 50,000).
pub async fn sitemap(State(state): State<AppState>) -> impl IntoResponse {
    let board = state.catalog.board();
    let today = state.config.clock.today();
    let base = state.config.public_url.as_str().trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        let _ = write!(
            xml,
            "<url><loc>{}</loc>",
            richtext::escape(&format!("{base}{path}"))
        );
        if let Some(lastmod) = lastmod {
            let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    for path in [
        "/",
        "/offres-emploi",
        "/employeurs",
        "/plan-du-site",
        "/mentions-legales",
        "/donnees-personnelles",
        "/accessibilite",
    ] {
        url(path, None);
    }
    let mut families = HashSet::new();
    for offer in board.active_offers(today) {
        let data = &offer.offer.data;
        if let Some(family) = data.job_family_id {
            families.insert(family);
        }
        url(
            &format!("/emploi/{}", data.slug),
            Some(format::date_iso(offer.offer.updated_at.date())),
        );
    }
    for family in board
        .job_families()
        .iter()
        .filter(|f| families.contains(&f.id))
    {
        url(&format!("/offres-emploi?metier={}", family.slug), None);
    }
    for organisation in board.organisations() {
        url(&format!("/employeurs/{}", organisation.data.slug), None);
    }
    xml.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
}
