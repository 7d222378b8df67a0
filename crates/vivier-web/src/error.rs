//! How failures answer: a DSFR page for people, JSON with a stable code for the API. Client
//! errors say what is wrong in French; anything else is logged and answers a plain 500.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use vivier_store::StoreError;

use askama::Template;

use crate::page::ErrorPage;

/// An error on a page.
#[derive(Debug)]
pub enum PageError {
    /// 400: the request is wrong; the message says how.
    BadRequest(String),
    /// 404.
    NotFound,
    /// 405: the page exists but is only read.
    MethodNotAllowed,
    /// 403: signed in, but this is not for this account; or a refused form. The message says why.
    Forbidden(String),
    /// 409: the action collides with what was done meanwhile (a stale form) or before (done
    /// once already); the message says what, and nothing was changed.
    Conflict(String),
    /// 413: the body is over the limit.
    PayloadTooLarge,
    /// 415: a form sent as something else than a form.
    UnsupportedMediaType,
    /// 429: too many attempts; try again after this many seconds.
    TooManyRequests { retry_after: u64 },
    /// 502: a service Vivier depends on (an identity provider) failed or cannot be reached; the
    /// message says which, in French.
    BadGateway(String),
    /// 500: logged; the visitor sees a generic page.
    Internal(String),
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(format!("template: {error}"))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, page) = match self {
            Self::BadRequest(message) => (
                StatusCode::BAD_REQUEST,
                ErrorPage::new(400, "Requête incorrecte", message),
            ),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorPage::new(
                    404,
                    "Page non trouvée",
                    "La page que vous cherchez est introuvable. Excusez-nous pour la gêne \
                     occasionnée. Si vous avez tapé l'adresse web dans le navigateur, vérifiez \
                     qu'elle est correcte. La page n'est peut-être plus disponible."
                        .to_owned(),
                ),
            ),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorPage::new(
                    405,
                    "Action non autorisée",
                    "Cette page se consulte seulement : elle n’accepte pas l’envoi de données."
                        .to_owned(),
                ),
            ),
            Self::Forbidden(message) => (
                StatusCode::FORBIDDEN,
                ErrorPage::new(403, "Accès refusé", message),
            ),
            Self::Conflict(message) => (
                StatusCode::CONFLICT,
                ErrorPage::new(409, "Action impossible", message),
            ),
            Self::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorPage::new(
                    413,
                    "Envoi trop volumineux",
                    "Les données envoyées dépassent la taille autorisée.".to_owned(),
                ),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorPage::new(
                    415,
                    "Format non pris en charge",
                    "Cette page attend un formulaire envoyé depuis Vivier.".to_owned(),
                ),
            ),
            Self::TooManyRequests { retry_after } => {
                let minutes = retry_after.div_ceil(60);
                let page = ErrorPage::new(
                    429,
                    "Trop de tentatives",
                    format!(
                        "Par sécurité, cette action est momentanément bloquée. Réessayez dans {} \
                         minute{}.",
                        minutes,
                        if minutes > 1 { "s" } else { "" }
                    ),
                );
                let mut response = render_error(StatusCode::TOO_MANY_REQUESTS, &page);
                if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                    response
                        .headers_mut()
                        .insert(axum::http::header::RETRY_AFTER, value);
                }
                return response;
            }
            Self::BadGateway(message) => (
                StatusCode::BAD_GATEWAY,
                ErrorPage::new(502, "Service indisponible", message),
            ),
            Self::Internal(detail) => {
                tracing::error!(%detail, "page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage::internal())
            }
        };
        render_error(status, &page)
    }
}

fn render_error(status: StatusCode, page: &ErrorPage) -> Response {
    match page.render() {
        Ok(html) => (
            status,
            [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "error page failed to render");
            (status, "Erreur").into_response()
        }
    }
}

/// An error of the JSON API: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct ApiErrorBody<'a> {
    error: ApiErrorDetail<'a>,
}

#[derive(Serialize)]
struct ApiErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

impl ApiError {
    /// 400 with a stable code and a French message.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
        }
    }

    /// 405: the public API is read-only.
    pub fn method_not_allowed() -> Self {
        Self {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
            message: "Cette adresse de l’API se consulte seulement (GET).".to_owned(),
        }
    }

    /// 500, logged; the client sees a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "API call failed");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal_error",
            message: "Une erreur interne est survenue. Réessayez plus tard.".to_owned(),
        }
    }

    /// 403 with a stable code and a French message.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::FORBIDDEN,
            code,
            message: message.into(),
        }
    }

    /// 401: the route needs a signed-in account.
    pub fn unauthorized() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: "Connectez-vous pour utiliser cette adresse de l’API.".to_owned(),
        }
    }

    /// 404 for a missing resource.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;

    use super::*;

    #[tokio::test]
    async fn an_internal_error_shows_the_dsfr_500_page_without_its_detail() {
        let response =
            PageError::Internal("secret detail: password=hunter2".to_owned()).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("Erreur inattendue"));
        assert!(body.contains("fr-header"), "the DSFR frame");
        assert!(!body.contains("hunter2"));
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_the_500_page() {
        let response = crate::security::panic_response(Box::new("boom"));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("Erreur inattendue"));
    }
}
