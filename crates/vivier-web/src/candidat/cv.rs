//! CVs: an upload is checked by its content (a real PDF, within the size limit, not a bomb),
//! stored in the file store under a random key, then recorded as the profile's CV. A CV
//! uploaded with an application that is then refused stays the profile's CV, as the form says.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use vivier_domain::UserId;
use vivier_files::objects::ObjectKey;
use vivier_store::candidates::{Cv, NewCv};

use super::now;
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;
use crate::extract::Segments;

/// The object key of a stored CV row; a key that no longer parses is corrupt data.
pub(crate) fn object_key(key: &str) -> Result<ObjectKey, PageError> {
    ObjectKey::parse(key).map_err(|e| PageError::Internal(format!("CV key: {e}")))
}

/// The name a CV keeps for its download: the candidate's, tidied, ending in `.pdf`.
fn file_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || " ._-()".contains(*c))
        .take(100)
        .collect();
    let kept = kept.trim().trim_start_matches('.');
    if kept.is_empty() {
        "cv.pdf".to_owned()
    } else if kept.to_lowercase().ends_with(".pdf") {
        kept.to_owned()
    } else {
        format!("{kept}.pdf")
    }
}

/// Checks and stores a CV for `user`; gives the French reason of a refusal. A file stored for a
/// row that could not be written is deleted again.
pub(super) async fn store(
    state: &AppState,
    user: UserId,
    name: &str,
    bytes: &Bytes,
) -> Result<Result<Cv, String>, PageError> {
    // Parsing up to 5 MB is CPU work: off the async workers.
    let checked = bytes.clone();
    let info = tokio::task::spawn_blocking(move || vivier_files::pdf::check_pdf(&checked))
        .await
        .map_err(|e| PageError::Internal(format!("checking a CV: {e}")))?;
    let info = match info {
        Ok(info) => info,
        Err(refusal) => return Ok(Err(refusal.message().to_owned())),
    };
    let key = ObjectKey::random("cv").map_err(|e| PageError::Internal(format!("CV key: {e}")))?;
    state
        .config
        .files
        .put(&key, bytes.clone())
        .await
        .map_err(|e| PageError::Internal(format!("storing a CV: {e}")))?;
    let row = NewCv {
        user,
        key: key.to_string(),
        filename: file_name(name),
        bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        pages: i64::from(info.pages),
        now: now(),
    };
    match state.store.add_cv(&row).await {
        Ok(cv) => Ok(Ok(cv)),
        Err(error) => {
            let _ = state.config.files.delete(&key).await;
            Err(error.into())
        }
    }
}

/// What RFC 5987 leaves unencoded in `filename*` (its `attr-char`).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` of a CV download: the tidied name in UTF-8 (RFC 6266), with an ASCII
/// fallback for old clients.
fn disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(filename, ATTR_CHAR)
    )
}

/// The stored file of `cv` as a download. Like every answer to a signed-in visitor, it is
/// marked `no-store`: a shared computer's cache would keep it after the session ends.
pub(crate) async fn download(state: &AppState, cv: &Cv) -> Result<Response, PageError> {
    let key = object_key(&cv.key)?;
    let bytes = state
        .config
        .files
        .get(&key)
        .await
        .map_err(|e| PageError::Internal(format!("reading a CV: {e}")))?
        // A row whose file is gone: the store and the files disagree, which is not the
        // visitor's doing, but there is nothing to serve.
        .ok_or(PageError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                disposition(&file_name(&cv.filename)),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET `/espace-candidat/cv/{id}`: one of the candidate's own CVs, audited. Another person's CV
/// answers 404, as if it did not exist, and the attempt is audited.
pub(super) async fn own(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<String>,
) -> Result<Response, PageError> {
    let id = id.parse::<i64>().map_err(|_| PageError::NotFound)?;
    let cv = state.store.cv(id).await?;
    let me = signed_in.user.id;
    let visitor = Visitor(Some(signed_in));
    let object = format!("cv {id}");
    let Some(cv) = cv.filter(|cv| cv.user == me) else {
        crate::audit::denied(
            &state,
            &visitor,
            &ip,
            "cv.telechargement",
            &object,
            "CV d’une autre personne ou inexistant",
        )
        .await;
        return Err(PageError::NotFound);
    };
    let response = download(&state, &cv).await?;
    crate::audit::allowed(
        &state,
        &visitor,
        &ip,
        "cv.telechargement",
        &object,
        "par son auteur",
    )
    .await;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied() {
        assert_eq!(file_name("../../etc/passwd"), "etcpasswd.pdf");
        assert_eq!(file_name("CV Camille.PDF"), "CV Camille.PDF");
        assert_eq!(file_name("<script>"), "script.pdf");
        assert_eq!(file_name(""), "cv.pdf");
    }

    #[test]
    fn downloads_keep_the_name_in_utf8() {
        assert_eq!(
            disposition("CV Léa (2026).pdf"),
            "attachment; filename=\"CV L_a (2026).pdf\"; filename*=UTF-8''CV%20L%C3%A9a%20%282026%29.pdf"
        );
    }
}
