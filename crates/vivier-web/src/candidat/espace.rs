//! `/espace-candidat`, "Mon espace": the candidate's applications with where they stand (and the
//! reasons of a refusal), their profile and CV at a glance, and the talent pool.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::candidate::{ApplicationStatus, Target};
use vivier_store::candidates::Application;

use super::{candidate, now};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;
use crate::extract::PageForm;
use crate::format::moment_paris;
use crate::page::{Crumb, Layout, Nav};

/// An application as its candidate reads it.
struct Row {
    id: i64,
    /// The offer's title or the spontaneous target.
    title: String,
    /// Link to the offer, while it exists.
    href: Option<String>,
    sent: String,
    status: &'static str,
    /// DSFR badge modifier of the status.
    badge: &'static str,
    reasons: Vec<&'static str>,
    comment: String,
    withdrawable: bool,
}

fn badge(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::New | ApplicationStatus::Reviewing => "fr-badge--info",
        ApplicationStatus::Interview | ApplicationStatus::Offer => "fr-badge--new",
        ApplicationStatus::Hired => "fr-badge--success",
        ApplicationStatus::Refused => "fr-badge--error",
        ApplicationStatus::Withdrawn => "",
    }
}

fn moment(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(moment_paris)
        .unwrap_or_default()
}

fn row(state: &AppState, application: &Application) -> Row {
    let board = state.catalog.board();
    let (title, href) = match application.target {
        Target::Offer(_) => (
            application
                .offer_title
                .clone()
                .unwrap_or_else(|| "Offre supprimée".to_owned()),
            application
                .offer_slug
                .as_ref()
                .map(|slug| format!("/emploi/{slug}")),
        ),
        Target::Organisation(org) => (
            format!(
                "Candidature spontanée : {}",
                board
                    .organisation(org)
                    .map(|o| o.display_name())
                    .unwrap_or_default()
            ),
            None,
        ),
        Target::State => ("Candidature spontanée à l’État".to_owned(), None),
    };
    Row {
        id: application.id,
        title,
        href,
        sent: moment(application.created_at),
        status: application.status.label(),
        badge: badge(application.status),
        reasons: application.reasons.iter().map(|r| r.label()).collect(),
        comment: application.comment.clone(),
        withdrawable: application.status.may_withdraw(),
    }
}

#[derive(Template)]
#[template(path = "candidat/espace.html")]
struct Page {
    layout: Layout,
    csrf: String,
    name: String,
    applications: Vec<Row>,
    profile_blank: bool,
    /// The profile's CV: its name and id.
    cv: Option<(String, i64)>,
    /// The date the pool entry ends, when the candidate is in the pool.
    pool_until: Option<String>,
    pool_warned: bool,
    /// The configured pool duration and its notice, as read ("2 ans", "30 jours").
    pool_duration: String,
    pool_notice: String,
    open_offers: String,
}

/// GET `/espace-candidat`.
pub(super) async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let applications = state
        .store
        .applications_of_candidate(candidate.user.id)
        .await?;
    let today = state.config.clock.today();
    let open = state.catalog.board().active_offers(today).count();
    let mut layout = Layout::new("Mon espace", "Votre espace candidat sur Vivier.", Nav::None)
        .with_breadcrumb(vec![Crumb::here("Mon espace")]);
    layout.noindex = true;
    let pool_until = candidate.pool_since.map(|_| {
        let end = state.config.retention.pool_end(candidate.last_active_at);
        time::OffsetDateTime::from_unix_timestamp(end)
            .map(|moment| crate::format::date_long(moment.date()))
            .unwrap_or_default()
    });
    crate::page::render(&Page {
        layout,
        csrf,
        name: candidate.user.display_name.clone(),
        applications: applications.iter().map(|a| row(&state, a)).collect(),
        profile_blank: candidate.profile.is_blank(),
        cv: candidate.cv.as_ref().map(|cv| (cv.filename.clone(), cv.id)),
        pool_until,
        pool_warned: candidate.pool_warned_at.is_some(),
        pool_duration: crate::jobs::retention::days_label(state.config.retention.pool_days),
        pool_notice: crate::jobs::retention::days_label(state.config.retention.pool_warning_days),
        open_offers: crate::format::thousands(open as u64),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PoolInput {
    /// `rejoindre`, `renouveler` or `quitter`.
    action: String,
}

/// POST `/espace-candidat/vivier`: join, renew or leave the talent pool.
pub(super) async fn pool(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    PageForm(input): PageForm<PoolInput>,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let member = match input.action.as_str() {
        "rejoindre" | "renouveler" => true,
        "quitter" => false,
        _ => {
            return Err(PageError::BadRequest(
                "Choisissez de rejoindre ou de quitter le vivier.".into(),
            ));
        }
    };
    let user = candidate.user.id;
    if input.action == "renouveler" && candidate.pool_since.is_some() {
        state.store.touch_candidate(user, now()).await?;
    } else {
        state.store.set_pool(user, member, now()).await?;
    }
    let action = if member {
        "vivier.entree"
    } else {
        "vivier.sortie"
    };
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        action,
        &format!("user:{}", user.0),
        &input.action,
    )
    .await;
    Ok(Redirect::to("/espace-candidat#vivier").into_response())
}
