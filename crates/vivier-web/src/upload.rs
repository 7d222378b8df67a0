//! Uploads: the routes that take a file (a CV) accept a larger body than forms, and read it as
//! `multipart/form-data`.
//!
//! Every other route keeps [`crate::BODY_LIMIT`]. A body announced larger than its route's limit
//! is refused before a byte is read (413); one that grows past it while streaming is cut there.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::PageError;

/// Largest body of an upload route: the largest CV plus the form around it.
pub const UPLOAD_LIMIT: usize = 5 * 1024 * 1024 + 64 * 1024;

/// Whether the route of `path` takes a file.
pub fn accepts_upload(path: &str) -> bool {
    path == "/espace-candidat/candidature-spontanee"
        || path
            .strip_prefix("/emploi/")
            .and_then(|rest| rest.strip_suffix("/postuler"))
            .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// The body limit of a request's route.
pub fn limit_of(path: &str) -> usize {
    if accepts_upload(path) {
        UPLOAD_LIMIT
    } else {
        crate::BODY_LIMIT
    }
}

/// Applies the route's body limit: 413 at once for a larger `Content-Length`, and a body that
/// stops at the limit otherwise.
pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_of(request.uri().path());
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        return PageError::PayloadTooLarge.into_response();
    }
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, limited)).await
}

/// Whether a request carries a multipart form.
pub fn is_multipart(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// The text of the field `name` of a multipart body, if it has one and it parses.
pub async fn multipart_field(content_type: &str, body: Bytes, name: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// A multipart form as a handler reads it: its text fields (a repeated name keeps every
/// value) and at most one file.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Vec<(String, String)>,
    pub file: Option<UploadedFile>,
}

/// The file of an [`Upload`].
#[derive(Debug)]
pub struct UploadedFile {
    /// The field it came in.
    pub field: String,
    /// The name the browser gave it, without any directory.
    pub name: String,
    pub bytes: Bytes,
}

impl Upload {
    /// The value of a text field, trimmed; empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }
}

/// The longest text field of an upload form, in bytes.
const TEXT_FIELD_MAX: usize = 32 * 1024;

impl<S: Send + Sync> axum::extract::FromRequest<S> for Upload {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, PageError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if !is_multipart(content_type) {
            return Err(PageError::UnsupportedMediaType);
        }
        let broken = || {
            PageError::BadRequest(
                "Le formulaire envoyé est incomplet ou illisible. Rechargez la page et recommencez."
                    .to_owned(),
            )
        };
        let mut multipart = axum::extract::Multipart::from_request(request, state)
            .await
            .map_err(|_| broken())?;
        let mut upload = Self::default();
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(error) if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(PageError::PayloadTooLarge);
                }
                Err(_) => return Err(broken()),
            };
            let name = field.name().unwrap_or_default().to_owned();
            if name == crate::auth::csrf::FIELD {
                continue;
            }
            if let Some(file_name) = field.file_name() {
                let file_name = file_name
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect::<String>();
                let bytes = field.bytes().await.map_err(|error| {
                    if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        PageError::PayloadTooLarge
                    } else {
                        broken()
                    }
                })?;
                // A file input left empty still sends an empty part without a name.
                if bytes.is_empty() && file_name.is_empty() {
                    continue;
                }
                if upload.file.is_some() {
                    return Err(broken());
                }
                upload.file = Some(UploadedFile {
                    field: name,
                    name: file_name,
                    bytes,
                });
            } else {
                let text = field.text().await.map_err(|_| broken())?;
                if text.len() > TEXT_FIELD_MAX {
                    return Err(broken());
                }
                upload.fields.push((name, text));
            }
        }
        Ok(upload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_apply_routes_take_files() {
        assert!(accepts_upload("/emploi/dev-rust/postuler"));
        assert!(accepts_upload("/espace-candidat/candidature-spontanee"));
        assert!(!accepts_upload("/emploi//postuler"));
        assert!(!accepts_upload("/emploi/a/b/postuler"));
        assert!(!accepts_upload("/espace-candidat/profil"));
        assert_eq!(limit_of("/connexion"), crate::BODY_LIMIT);
    }
}
