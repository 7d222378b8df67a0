//! The candidates' area: "Mon espace" (applications, pool), the profile, applying to an offer or
//! spontaneously, withdrawing; saved searches and their alerts; personal-data rights.

mod cv;
pub(crate) use cv::{download as cv_download, object_key};
pub(crate) mod desabonnement;
mod donnees;
mod espace;
mod mails;
mod postuler;
mod profil;
pub(crate) mod recherches;

use axum::routing::{get, post};
use vivier_store::candidates::Candidate;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::PageError;
use crate::page::{Crumb, Layout, Nav};
use crate::policy::Routes;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/espace-candidat", get(espace::page))
        .route("/espace-candidat/vivier", post(espace::pool))
        .route("/espace-candidat/cv/{id}", get(cv::own))
        .route(
            "/espace-candidat/profil",
            get(profil::form).post(profil::save),
        )
        .route(
            "/espace-candidat/candidatures/{id}/retirer",
            post(postuler::withdraw),
        )
        .route(
            "/espace-candidat/candidature-spontanee",
            get(postuler::spontaneous_form).post(postuler::spontaneous),
        )
        .route(
            "/emploi/{slug}/postuler",
            get(postuler::form).post(postuler::submit),
        )
        .merge(recherches::routes())
        .merge(desabonnement::routes())
        .merge(donnees::routes())
}

/// A page of the candidates' area, under "Mon espace" in the breadcrumb.
fn candidate_layout(title: &str) -> Layout {
    let mut layout = Layout::new(title, "Votre espace candidat sur Vivier.", Nav::None)
        .with_breadcrumb(vec![
            Crumb::link("Mon espace", "/espace-candidat"),
            Crumb::here(title),
        ]);
    layout.noindex = true;
    layout
}

/// The signed-in candidate with their profile. The policy lets only candidates in; an account
/// that is not one any more (erased meanwhile) answers 404.
async fn candidate(state: &AppState, signed_in: &SignedIn) -> Result<Candidate, PageError> {
    state
        .store
        .candidate(signed_in.user.id)
        .await?
        .ok_or(PageError::NotFound)
}

/// One checkbox of a group.
#[derive(Debug, Clone)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

impl Choice {
    fn new(value: impl ToString, label: impl Into<String>, checked: bool) -> Self {
        Self {
            value: value.to_string(),
            label: label.into(),
            checked,
        }
    }
}

/// Unix seconds now.
fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
