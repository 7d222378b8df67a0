//! Extractors whose rejections answer like the rest of the site: in French, as a DSFR page or
//! as the API's JSON error, never axum's plain-text defaults.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, PageError};

/// Path parameters. One that cannot be read (invalid UTF-8 in a slug…) names nothing that
/// exists: it answers 404, as a page or as JSON under `/api/`.
#[derive(Debug)]
pub struct Segments<T>(pub T);

impl<S, T> FromRequestParts<S> for Segments<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "unreadable path parameter");
                Err(not_found(parts.uri.path()))
            }
        }
    }
}

/// The 404 answer for `path`: JSON under `/api/`, the DSFR page elsewhere.
pub fn not_found(path: &str) -> Response {
    if path.starts_with("/api/") {
        ApiError::not_found("Cette adresse de l’API n’existe pas.").into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// The 405 answer for `path`: every public route is read-only.
pub fn method_not_allowed(path: &str) -> Response {
    if path.starts_with("/api/") {
        ApiError::method_not_allowed().into_response()
    } else {
        PageError::MethodNotAllowed.into_response()
    }
}
