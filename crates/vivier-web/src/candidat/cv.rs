//! CVs: an upload is checked by its content (a real PDF, within the size limit, not a bomb),
//! stored in the file store under a random key, then recorded as the profile's CV. A CV
//! uploaded with an application that is then refused stays the profile's CV, as the form says.

use axum::body::Bytes;
use vivier_domain::UserId;
use vivier_files::objects::ObjectKey;
use vivier_store::candidates::{Cv, NewCv};

use super::now;
use crate::AppState;
use crate::error::PageError;

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
}
