//! Static files: the DSFR (embedded, under a versioned path so it can be cached for a year),
//! Vivier's own stylesheet and its one script (search suggestions).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::extract::Segments;

const STYLESHEET: &str = include_str!("../../static/vivier.css");
const SUGGESTIONS_SCRIPT: &str = include_str!("../../static/suggestions.js");

/// A DSFR file; only the embedded version is served.
pub async fn dsfr(Segments((version, path)): Segments<(String, String)>) -> Response {
    if version != vivier_assets::DSFR_VERSION {
        return StatusCode::NOT_FOUND.into_response();
    }
    match vivier_assets::dsfr_file(&path) {
        Some(bytes) => (
            [
                (header::CONTENT_TYPE, vivier_assets::content_type(&path)),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Vivier's stylesheet.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

/// The search boxes' suggestions (progressive enhancement: the pages work without it).
pub async fn suggestions_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SUGGESTIONS_SCRIPT,
    )
}

/// Browsers ask for it at the root whatever the page says.
pub async fn favicon() -> Response {
    dsfr(Segments((
        vivier_assets::DSFR_VERSION.to_owned(),
        "favicon/favicon.ico".to_owned(),
    )))
    .await
}
