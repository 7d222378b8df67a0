//! A candidate's personal-data rights: what Vivier keeps and for how long
//! (`/espace-candidat/donnees`), a copy of everything (`/espace-candidat/donnees/export.zip`),
//! and the deletion of the account (`/espace-candidat/suppression`).
//!
//! Deleting erases the account and everything personal in one transaction
//! ([`vivier_store::candidates::CandidateStore::erase_candidate`]: applications stay as
//! anonymous rows for statistics, the audit log keeps the events without the address), then
//! deletes the CV files and ends the browser's session. It asks for the password, or for
//! « SUPPRIMER » typed out when the account signs in through an identity provider only.

pub mod export;

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use vivier_store::accounts::{AuditEntry, AuditOutcome};

use super::candidate;
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor, limits, password, session};
use crate::error::PageError;
use crate::extract::PageForm;
use crate::jobs::Retention;
use crate::jobs::retention::days_label as duration;
use crate::page::{Crumb, Layout, Nav};
use crate::policy::Routes;

/// What a candidate without a password types to confirm.
pub const CONFIRMATION_WORD: &str = "SUPPRIMER";

/// Routes of personal-data rights.
pub fn routes() -> Routes {
    Routes::new()
        .route("/espace-candidat/donnees", get(page))
        .route("/espace-candidat/donnees/export.zip", get(download))
        .route(
            "/espace-candidat/suppression",
            get(deletion_form).post(delete),
        )
}

fn layout(title: &str) -> Layout {
    let mut layout = Layout::new(title, "Vos données personnelles sur Vivier.", Nav::None)
        .with_breadcrumb(vec![
            Crumb::link("Mon espace", "/espace-candidat"),
            Crumb::here(title),
        ]);
    layout.noindex = true;
    layout
}

#[derive(Template)]
#[template(path = "candidat/donnees.html")]
struct DataPage {
    layout: Layout,
    refused: String,
    pool: String,
    warning: String,
    mails: String,
}

/// GET `/espace-candidat/donnees`.
pub async fn page(State(state): State<AppState>, _: SignedIn) -> Result<Response, PageError> {
    let Retention {
        refused_days,
        pool_days,
        pool_warning_days,
        sent_mail_days,
    } = state.config.retention;
    crate::page::render(&DataPage {
        layout: layout("Mes données personnelles"),
        refused: duration(refused_days),
        pool: duration(pool_days),
        warning: duration(pool_warning_days),
        mails: duration(sent_mail_days),
    })
}

/// GET `/espace-candidat/donnees/export.zip`: the archive, audited.
pub async fn download(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
) -> Result<Response, PageError> {
    let now = session::now();
    let data = state
        .store
        .candidate_data(signed_in.user.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let (document, files) = export::collect(&state, &data, now).await?;
    let counts = format!(
        "{} candidature(s), {} CV, {} recherche(s)",
        document.applications.len(),
        document.cvs.len(),
        document.saved_searches.len()
    );
    // Deflating a few CVs takes a moment: off the request threads.
    let archive = tokio::task::spawn_blocking(move || export::archive(&document, &files))
        .await
        .map_err(|e| PageError::Internal(format!("export: {e}")))??;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "donnees.export",
        "donnees",
        &counts,
    )
    .await;
    let filename = format!(
        "vivier-mes-donnees-{}.zip",
        crate::format::date_iso(crate::clock::paris_date(now))
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        archive,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "candidat/suppression.html")]
struct DeletionPage {
    layout: Layout,
    /// The account has a password: it is asked; otherwise the word.
    with_password: bool,
    word: &'static str,
    error: Option<&'static str>,
    csrf: String,
}

fn deletion_page(
    with_password: bool,
    error: Option<&'static str>,
    csrf: String,
) -> Result<Response, PageError> {
    let page = crate::page::render(&DeletionPage {
        layout: layout("Supprimer mon compte"),
        with_password,
        word: CONFIRMATION_WORD,
        error,
        csrf,
    })?;
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// GET `/espace-candidat/suppression`.
pub async fn deletion_form(
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    deletion_page(signed_in.user.password_hash.is_some(), None, csrf)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteInput {
    #[serde(default)]
    mot_de_passe: String,
    #[serde(default)]
    confirmation: String,
}

#[derive(Template)]
#[template(path = "candidat/suppression_faite.html")]
struct DeletedPage {
    layout: Layout,
}

/// POST `/espace-candidat/suppression`: erases the account once confirmed.
pub async fn delete(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<DeleteInput>,
) -> Result<Response, PageError> {
    let user = candidate(&state, &signed_in).await?.user;
    let with_password = user.password_hash.is_some();
    let confirmed = if with_password {
        limits::check(
            state.store.as_ref(),
            limits::SIGN_IN_PER_ACCOUNT,
            user.email.as_str(),
            session::now(),
        )
        .await?;
        password::verify_blocking(input.mot_de_passe, user.password_hash.clone()).await
    } else {
        input.confirmation.trim() == CONFIRMATION_WORD
    };
    if !confirmed {
        let error = if with_password {
            "Le mot de passe est incorrect : votre compte n’est pas supprimé."
        } else {
            "Tapez SUPPRIMER, en majuscules, pour confirmer : votre compte n’est pas supprimé."
        };
        return deletion_page(with_password, Some(error), csrf);
    }
    let erased = state
        .store
        .erase_candidate(user.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let files = crate::jobs::retention::delete_files(&state, &erased.cv_keys).await;
    // The audit log says what happened, not to whom: the address is gone with the account.
    let entry = AuditEntry {
        actor: None,
        actor_label: "compte supprimé".to_owned(),
        action: "compte.suppression".to_owned(),
        object: "compte candidat".to_owned(),
        outcome: AuditOutcome::Allowed,
        ip: ip.0,
        detail: format!(
            "supprimé par son titulaire ; {} candidature(s) anonymisée(s), {files} fichier(s) \
             de CV supprimé(s)",
            erased.applications
        ),
    };
    if let Err(error) = state.store.record_audit(&entry).await {
        tracing::error!(%error, "audit entry not written");
    }
    let mut layout = Layout::new(
        "Compte supprimé",
        "Votre compte Vivier est supprimé.",
        Nav::None,
    );
    layout.noindex = true;
    let mut response = crate::page::render(&DeletedPage { layout })?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, session::removal());
    Ok(response)
}
