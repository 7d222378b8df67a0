//! The site around the offers: home, legal pages, site map, sitemap.xml, robots.txt, health
//! checks and static files.

mod assets;
mod pages;
mod sitemap;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

/// Routes of this area.
pub fn routes() -> crate::policy::Routes {
    crate::policy::Routes::new()
        .route("/", get(pages::home))
        .route("/mentions-legales", get(pages::legal))
        .route("/donnees-personnelles", get(pages::privacy))
        .route("/accessibilite", get(pages::accessibility))
        .route("/plan-du-site", get(pages::site_map))
        .route("/sitemap.xml", get(sitemap::sitemap))
        .route("/robots.txt", get(robots))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/vivier.css", get(assets::stylesheet))
        .route("/static/suggestions.js", get(assets::suggestions_script))
        .route("/static/dsfr/{version}/{*path}", get(assets::dsfr))
        .route("/favicon.ico", get(assets::favicon))
}

/// The process is up.
async fn healthz() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], "ok")
}

/// The process can serve: the database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok"),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                "base de données indisponible",
            )
        }
    }
}

async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let base = state.config.public_url.as_str().trim_end_matches('/');
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /offres-emploi/flux.atom\n\nSitemap: {base}/sitemap.xml\n"
        ),
    )
}
