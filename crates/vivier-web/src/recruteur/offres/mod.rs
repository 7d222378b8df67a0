//! The offers of a recruiter's organisations: the list (drafts included), its CSV export, and
//! the life cycle of an offer (publish, fill, close, duplicate). Writing an offer is in
//! [`edit`]. Every offer is reached through the recruiter's [`Scope`]: another organisation's
//! offer answers 404.
//!
//! Offers imported from Choisir le service public or Place de l'emploi public are read-only
//! here: the next import would overwrite a change, so they are changed at their source. They
//! can be duplicated into a Vivier offer.

mod edit;
mod form;

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use serde::Deserialize;
use vivier_domain::offer::{Offer, OfferData, OfferState, Source};

use super::scope::Scope;
use crate::AppState;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::{LenientQuery, Segments};
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::pagination::{PageLink, Pagination, PaginationView};
use crate::policy::Routes;

/// Offers on one page of the list.
const PER_PAGE: usize = 50;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/recruteur/offres", get(list))
        .route("/recruteur/offres/export.csv", get(export))
        .route(
            "/recruteur/offres/nouvelle",
            get(edit::new_form).post(edit::create),
        )
        .route(
            "/recruteur/offres/{id}",
            get(edit::edit_form).post(edit::update),
        )
        .route("/recruteur/offres/{id}/publier", step(OfferState::Publiee))
        .route("/recruteur/offres/{id}/pourvoir", step(OfferState::Pourvue))
        .route(
            "/recruteur/offres/{id}/cloturer",
            step(OfferState::Cloturee),
        )
        .route("/recruteur/offres/{id}/dupliquer", post(duplicate))
}

/// The list's filters, from the query string.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    /// A state code.
    etat: String,
    /// An organisation's slug.
    organisation: String,
    /// Words of the title or reference.
    q: String,
    page: Option<u32>,
}

impl ListQuery {
    fn matches(&self, offer: &Offer, scope: &Scope) -> bool {
        let data = &offer.data;
        (self.etat.is_empty() || data.state.code() == self.etat)
            && (self.organisation.is_empty()
                || scope
                    .organisation(data.organisation_id)
                    .is_some_and(|o| o.data.slug.as_str() == self.organisation))
            && (self.q.trim().is_empty() || {
                let q = vivier_domain::text::fold(self.q.trim());
                vivier_domain::text::fold(&data.title).contains(&q)
                    || vivier_domain::text::fold(&data.reference).contains(&q)
            })
    }

    fn href(&self, page: u32) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("etat", &self.etat)
            .append_pair("organisation", &self.organisation)
            .append_pair("q", &self.q)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/recruteur/offres?{query}")
    }
}

/// The offers of the scope that match the query, most recently changed first.
async fn matching(
    state: &AppState,
    scope: &Scope,
    query: &ListQuery,
) -> Result<Vec<Offer>, PageError> {
    let mut offers = state
        .store
        .offers_of_organisations(&scope.organisation_ids())
        .await?;
    offers.retain(|offer| query.matches(offer, scope));
    offers.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.0.cmp(&a.id.0)));
    Ok(offers)
}

/// One line of the list.
struct Line {
    id: i64,
    title: String,
    organisation: String,
    state: &'static str,
    badge: &'static str,
    imported: bool,
    deadline: String,
    updated: String,
    /// "3 candidatures", linking to them.
    applications: String,
}

#[derive(Template)]
#[template(path = "recruteur/offres.html")]
struct ListPage {
    layout: Layout,
    lines: Vec<Line>,
    total: String,
    states: Vec<Choice>,
    organisations: Vec<Choice>,
    q: String,
    export: String,
    pagination: PaginationView,
}

/// GET `/recruteur/offres`.
async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    LenientQuery(query): LenientQuery<ListQuery>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offers = matching(&state, &scope, &query).await?;
    let pages = offers.len().div_ceil(PER_PAGE).max(1) as u32;
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let shown: Vec<&Offer> = offers
        .iter()
        .skip((page as usize - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    let counts = super::candidatures::application_counts(
        &state,
        &shown.iter().map(|o| o.id).collect::<Vec<_>>(),
    )
    .await?;
    let lines = shown
        .into_iter()
        .map(|offer| Line {
            id: offer.id.0,
            title: offer.data.title.clone(),
            organisation: scope
                .organisation(offer.data.organisation_id)
                .map(|o| o.display_name())
                .unwrap_or_default(),
            state: offer.data.state.label(),
            badge: badge(offer.data.state),
            imported: offer.data.source != Source::Vivier,
            deadline: offer
                .data
                .deadline
                .map(crate::format::date_long)
                .unwrap_or_default(),
            updated: crate::format::moment_paris(offer.updated_at),
            applications: crate::format::count(
                counts.get(&offer.id.0).copied().unwrap_or(0) as usize,
                "candidature",
                "candidatures",
            ),
        })
        .collect();
    let states = OfferState::ALL
        .iter()
        .map(|s| Choice {
            value: s.code().to_owned(),
            label: s.label().to_owned(),
            selected: s.code() == query.etat,
        })
        .collect();
    let organisations = scope
        .organisations()
        .map(|o| Choice {
            value: o.data.slug.to_string(),
            label: o.display_name(),
            selected: o.data.slug.as_str() == query.organisation,
        })
        .collect();
    let export = query
        .href(1)
        .replacen("/recruteur/offres?", "/recruteur/offres/export.csv?", 1);
    let layout = recruiter_layout("Vos offres", vec![Crumb::here("Offres")]);
    crate::page::render(&ListPage {
        layout,
        total: crate::format::count(offers.len(), "offre", "offres"),
        lines,
        states,
        organisations,
        q: query.q.clone(),
        export,
        pagination: Pagination::new(page, pages).view(|n| query.href(n)),
    })
}

/// The DSFR badge of a state.
fn badge(state: OfferState) -> &'static str {
    match state {
        OfferState::Brouillon => "fr-badge--info",
        OfferState::Publiee => "fr-badge--success",
        OfferState::Pourvue => "fr-badge--new",
        OfferState::Cloturee => "",
    }
}

/// The frame of the recruiters' pages: private, under "Espace recruteur".
pub(super) fn recruiter_layout(title: &str, mut crumbs: Vec<Crumb>) -> Layout {
    crumbs.insert(0, Crumb::link("Espace recruteur", "/recruteur"));
    let mut layout =
        Layout::new(title, "Espace recruteur de Vivier.", Nav::None).with_breadcrumb(crumbs);
    layout.noindex = true;
    layout
}

/// GET `/recruteur/offres/export.csv`: the list as CSV (the same filters), audited.
async fn export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    LenientQuery(query): LenientQuery<ListQuery>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offers = matching(&state, &scope, &query).await?;
    let base = state.config.public_url.as_str().trim_end_matches('/');
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "référence",
        "intitulé",
        "organisation",
        "état",
        "publiée le",
        "date limite",
        "adresse",
    ];
    let written = writer.write_record(header).and_then(|()| {
        offers.iter().try_for_each(|offer| {
            let data = &offer.data;
            let organisation = scope
                .organisation(data.organisation_id)
                .map(|o| o.display_name())
                .unwrap_or_default();
            let row = [
                data.reference.clone(),
                data.title.clone(),
                organisation,
                data.state.label().to_owned(),
                data.published_on.map(|d| d.to_string()).unwrap_or_default(),
                data.deadline.map(|d| d.to_string()).unwrap_or_default(),
                format!("{base}/emploi/{}", data.slug),
            ];
            writer.write_record(row.iter().map(|cell| neutralised(cell)))
        })
    });
    let bytes = written
        .map_err(|e| PageError::Internal(format!("csv: {e}")))
        .and_then(|()| {
            writer
                .into_inner()
                .map_err(|e| PageError::Internal(format!("csv: {e}")))
        })?;
    scope
        .audit(
            &state,
            "offres.export",
            "/recruteur/offres/export.csv",
            &format!("{} offres exportées", offers.len()),
        )
        .await;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"offres.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A cell a spreadsheet will not run as a formula: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a `'` before it (OWASP's CSV injection advice).
pub(super) fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The offer, if Vivier may change it: imported offers are changed at their source.
async fn own_offer(state: &AppState, scope: &Scope, id: &str) -> Result<Offer, PageError> {
    let offer = scope.offer(state, id).await?;
    if offer.data.source != Source::Vivier {
        return Err(PageError::Forbidden(format!(
            "Cette offre est importée de {} : modifiez-la à sa source, elle sera mise à jour au \
             prochain import. Vous pouvez aussi la dupliquer pour en faire une offre Vivier.",
            offer.data.source.label()
        )));
    }
    Ok(offer)
}

/// Moves an offer to `to`, if its state allows it; audited.
async fn transition(
    state: AppState,
    signed_in: SignedIn,
    ip: ClientIp,
    id: String,
    to: OfferState,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = own_offer(&state, &scope, &id).await?;
    let today = state.config.clock.today();
    let mut data = offer.data.clone();
    let from = data.state;
    let refusal = match (from, to) {
        (OfferState::Brouillon | OfferState::Cloturee, OfferState::Publiee) => {
            publication_problem(&data, today)
        }
        (OfferState::Publiee, OfferState::Pourvue | OfferState::Cloturee) => None,
        _ => Some(format!(
            "Une offre « {} » ne peut pas passer à l’état « {} ».",
            from.label(),
            to.label()
        )),
    };
    if let Some(message) = refusal {
        return Err(PageError::BadRequest(message));
    }
    if to == OfferState::Publiee {
        data.published_on = Some(today);
    }
    data.state = to;
    state.store.update_offer(offer.id, &data).await?;
    scope
        .audit(
            &state,
            "offre.etat",
            &format!("offre {}", offer.id.0),
            &format!("{} → {}", from.code(), to.code()),
        )
        .await;
    Ok(Redirect::to(&format!(
        "/recruteur/offres/{}?fait={}",
        offer.id.0,
        to.code()
    ))
    .into_response())
}

/// Why a draft cannot be published yet, if it cannot.
fn publication_problem(data: &OfferData, today: time::Date) -> Option<String> {
    if data
        .sections
        .mission
        .as_deref()
        .is_none_or(|m| m.trim().is_empty())
    {
        return Some("Décrivez la mission avant de publier l’offre.".to_owned());
    }
    if data.deadline.is_some_and(|d| d < today) {
        return Some(
            "La date limite de candidature est passée : modifiez-la avant de publier.".to_owned(),
        );
    }
    None
}

/// POST `/recruteur/offres/{id}/publier` and its siblings: the step that moves an offer to `to`.
fn step(to: OfferState) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>,
              signed_in: SignedIn,
              ip: ClientIp,
              Segments(id): Segments<String>| transition(state, signed_in, ip, id, to),
    )
}

/// POST `/recruteur/offres/{id}/dupliquer`: a new draft with the same content (imported
/// offers included), ready to edit.
async fn duplicate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<String>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = scope.offer(&state, &id).await?;
    let copy = OfferData {
        slug: edit::new_slug(&offer.data.title),
        state: OfferState::Brouillon,
        published_on: None,
        deadline: None,
        source: Source::Vivier,
        source_reference: None,
        source_url: None,
        ..offer.data.clone()
    };
    let created = state.store.create_offer(&copy).await?;
    scope
        .audit(
            &state,
            "offre.duplication",
            &format!("offre {}", created.id.0),
            &format!("copie de l’offre {}", offer.id.0),
        )
        .await;
    Ok(Redirect::to(&format!("/recruteur/offres/{}?fait=copie", created.id.0)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+33"), "'+33");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("@SUM"), "'@SUM");
        assert_eq!(neutralised("Développeur"), "Développeur");
    }
}
