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

/// A form sent by a page (`application/x-www-form-urlencoded`). Anything else, a field the form
/// does not have, or a missing one answers 400 with a French page: forms are sent by Vivier's
/// own pages, so these are forged or broken requests, and nothing is changed.
#[derive(Debug)]
pub struct PageForm<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for PageForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = PageError;

    async fn from_request(request: axum::extract::Request, _: &S) -> Result<Self, PageError> {
        let is_form = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(PageError::UnsupportedMediaType);
        }
        let bytes = axum::body::to_bytes(request.into_body(), crate::BODY_LIMIT)
            .await
            .map_err(|_| PageError::PayloadTooLarge)?;
        serde_urlencoded::from_bytes(&bytes)
            .map(Self)
            .map_err(|error| {
                tracing::debug!(%error, "unreadable form");
                PageError::BadRequest(
                "Le formulaire envoyé est incomplet ou contient des champs inconnus. Rechargez la \
                 page et recommencez."
                    .to_owned(),
            )
            })
    }
}

/// Query parameters of a page, read leniently: a parameter that does not parse is dropped
/// rather than refused (links get mangled by mail clients).
#[derive(Debug)]
pub struct LenientQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for LenientQuery<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            serde_urlencoded::from_str(parts.uri.query().unwrap_or_default()).unwrap_or_default(),
        ))
    }
}
