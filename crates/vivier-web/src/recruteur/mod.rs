//! The recruiters' area (`/recruteur`): what an agent works on. The offers, employer pages and
//! (later) applications of each organisation hang from here; an agent sees only the
//! organisations they hold a role in, and what lies under them.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use vivier_domain::account::Role;

use vivier_domain::account::OrgRole;

use crate::AppState;
use crate::acces::{AccessPanel, RequestForm};
use crate::auth::SignedIn;
use crate::auth::csrf::CsrfToken;
use crate::error::PageError;
use crate::extract::LenientQuery;
use crate::page::{Crumb, Layout, Nav};
use crate::policy::Routes;

mod candidatures;
mod employeur;
mod offres;
mod scope;
mod temoignages;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/recruteur", get(home))
        .merge(offres::routes())
        .merge(candidatures::routes())
        .merge(employeur::routes())
}

/// One organisation the agent works for.
#[derive(Debug)]
struct Desk {
    name: String,
    slug: String,
    roles: Vec<&'static str>,
    /// Whether the agent manages its offers and employer page.
    recruits: bool,
    /// Organisations under it, itself excluded.
    below: usize,
    live_offers: String,
}

#[derive(Template)]
#[template(path = "recruteur/home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    desks: Vec<Desk>,
    /// Whether the agent recruits somewhere (offers, candidates, dashboard).
    recruits: bool,
    is_admin: bool,
    /// Whether the agent reviews access requests (an organisation's or Vivier's administrator).
    reviews: bool,
    access: AccessPanel,
    csrf: String,
}

#[derive(Debug, Default, Deserialize)]
struct HomeQuery {
    demande: Option<String>,
}

/// GET `/recruteur`.
async fn home(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<HomeQuery>,
) -> Result<Response, PageError> {
    let sent = query.demande.as_deref() == Some("envoyee");
    render_home(
        &state,
        &signed_in,
        RequestForm::default(),
        sent,
        csrf,
        StatusCode::OK,
    )
    .await
}

/// The recruiters' home, with the access request form as typed (`status` 422 when it is
/// refused).
pub(crate) async fn render_home(
    state: &AppState,
    signed_in: &SignedIn,
    form: RequestForm,
    sent: bool,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let board = state.catalog.board();
    let today = state.config.clock.today();
    let mut desks: Vec<Desk> = Vec::new();
    for membership in &signed_in.user.memberships {
        let Some(organisation) = board.organisation(membership.organisation) else {
            continue;
        };
        if let Some(desk) = desks
            .iter_mut()
            .find(|d| d.slug == organisation.data.slug.as_str())
        {
            desk.roles.push(membership.role.label());
            desk.recruits |= membership.role != OrgRole::Organiser;
            continue;
        }
        desks.push(Desk {
            name: organisation.data.name.clone(),
            slug: organisation.data.slug.to_string(),
            roles: vec![membership.role.label()],
            recruits: membership.role != OrgRole::Organiser,
            below: board.subtree(organisation.id).len().saturating_sub(1),
            live_offers: crate::format::count(
                board.live_offer_count(organisation.id, today),
                "offre en ligne",
                "offres en ligne",
            ),
        });
    }
    desks.sort_by(|a, b| a.name.cmp(&b.name));
    let recruits = desks.iter().any(|d| d.recruits);
    let mut layout = Layout::new(
        "Espace recruteur",
        "Votre espace de recrutement.",
        Nav::None,
    )
    .with_breadcrumb(vec![Crumb::here("Espace recruteur")]);
    layout.noindex = true;
    let roles = signed_in.roles();
    let page = crate::page::render(&HomePage {
        layout,
        name: signed_in.user.display_name.clone(),
        desks,
        recruits,
        is_admin: signed_in.user.is_admin,
        reviews: roles.contains(&Role::OrgAdmin) || roles.contains(&Role::Admin),
        access: crate::acces::panel(state, &signed_in.user, form, sent).await?,
        csrf,
    })?;
    Ok((status, page).into_response())
}
