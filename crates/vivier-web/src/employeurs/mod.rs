//! The employers: the list by ministry, and each employer's page with its live offers.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use vivier_domain::filter::{OfferQuery, ResolvedFilter, parse_page};
use vivier_domain::organisation::Organisation;
use vivier_domain::{OrganisationId, Slug};

use crate::catalog::{Board, SearchRequest};
use crate::error::PageError;
use crate::extract::Segments;
use crate::offres::view::OfferCard;
use crate::page::{Choice, Crumb, Layout, Nav, Section, render, sections};
use crate::pagination::{PageLink, Pagination, PaginationView};
use crate::{AppState, format, richtext};

/// Routes of this area.
pub fn routes() -> crate::policy::Routes {
    crate::policy::Routes::new()
        .route("/employeurs", get(list))
        .route("/employeurs/{slug}", get(detail))
}

/// Offers per page on an employer's page.
const PER_PAGE: u32 = 20;

/// An organisation in the list, indented under its parent.
struct EmployerRow {
    href: String,
    name: String,
    kind: &'static str,
    depth: usize,
    offers: String,
}

/// A ministry and its organisations.
struct MinistryGroup {
    row: EmployerRow,
    members: Vec<EmployerRow>,
}

#[derive(Template)]
#[template(path = "employeurs/list.html")]
struct ListPage {
    layout: Layout,
    ministries: Vec<Choice>,
    groups: Vec<MinistryGroup>,
    count_label: String,
}

#[derive(Deserialize)]
struct ListQuery {
    ministere: Option<String>,
}

fn subtree_counts(
    board: &Board,
    counts: &HashMap<OrganisationId, usize>,
    id: OrganisationId,
) -> usize {
    board
        .subtree(id)
        .iter()
        .map(|o| counts.get(o).copied().unwrap_or(0))
        .sum()
}

fn row(
    board: &Board,
    counts: &HashMap<OrganisationId, usize>,
    o: &Organisation,
    depth: usize,
) -> EmployerRow {
    EmployerRow {
        href: format!("/employeurs/{}", o.data.slug),
        name: o.display_name(),
        kind: o.data.kind.label(),
        depth,
        offers: format::count(
            subtree_counts(board, counts, o.id),
            "offre ouverte",
            "offres ouvertes",
        ),
    }
}

/// `/employeurs`, optionally narrowed to one ministry (`?ministere=slug`).
async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let query: ListQuery =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).map_err(|e| {
            PageError::BadRequest(format!(
                "Les paramètres de l’adresse sont illisibles ({e})."
            ))
        })?;
    let board = state.catalog.board();
    let today = state.config.clock.today();
    let counts = board.live_offers_by_organisation(today);
    let selected = match query
        .ministere
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(value) => Some(
            Slug::parse(value)
                .ok()
                .and_then(|slug| board.organisation_by_slug(&slug).cloned())
                .filter(|o| o.data.parent_id.is_none())
                .ok_or_else(|| {
                    PageError::BadRequest(format!(
                        "ministere : le ministère « {} » n’existe pas.",
                        value.chars().take(40).collect::<String>()
                    ))
                })?,
        ),
    };
    let roots: Vec<_> = board.roots().collect();
    let ministries = roots
        .iter()
        .map(|o| Choice {
            value: o.data.slug.to_string(),
            label: o.data.name.clone(),
            selected: selected.as_ref().is_some_and(|s| s.id == o.id),
        })
        .collect();
    let groups: Vec<MinistryGroup> = roots
        .iter()
        .filter(|o| selected.as_ref().is_none_or(|s| s.id == o.id))
        .map(|root| {
            let mut members = Vec::new();
            let mut stack: Vec<_> = board
                .children(root.id)
                .into_iter()
                .rev()
                .map(|c| (c, 1))
                .collect();
            while let Some((o, depth)) = stack.pop() {
                members.push(row(&board, &counts, o, depth));
                stack.extend(
                    board
                        .children(o.id)
                        .into_iter()
                        .rev()
                        .map(|c| (c, depth + 1)),
                );
            }
            MinistryGroup {
                row: row(&board, &counts, root, 0),
                members,
            }
        })
        .collect();
    let total: usize = groups.iter().map(|g| 1 + g.members.len()).sum();
    let mut layout = Layout::new(
        "Employeurs",
        "Les ministères, directions et établissements publics qui recrutent dans le numérique.",
        Nav::Employers,
    )
    .with_breadcrumb(vec![Crumb::here("Employeurs")]);
    layout.noindex = selected.is_some();
    render(&ListPage {
        layout,
        ministries,
        groups,
        count_label: format::count(total, "employeur", "employeurs"),
    })
}

struct TestimonyView {
    name: String,
    role: String,
    text: String,
}

#[derive(Template)]
#[template(path = "employeurs/detail.html")]
struct DetailPage {
    layout: Layout,
    name: String,
    kind: &'static str,
    website: Option<String>,
    parents: Vec<(String, String)>,
    sections: Vec<Section>,
    testimonies: Vec<TestimonyView>,
    children: Vec<EmployerRow>,
    offers_label: String,
    search_href: String,
    cards: Vec<OfferCard>,
    pagination: PaginationView,
}

/// `/employeurs/{slug}`: the employer page, its sub-organisations and all its live offers.
async fn detail(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    #[derive(Deserialize)]
    struct DetailQuery {
        page: Option<String>,
    }
    let slug = Slug::parse(&slug).map_err(|_| PageError::NotFound)?;
    let query: DetailQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or_default())
        .map_err(|e| {
            PageError::BadRequest(format!(
                "Les paramètres de l’adresse sont illisibles ({e})."
            ))
        })?;
    let page = parse_page(&query.page).map_err(|e| PageError::BadRequest(e.to_string()))?;
    let board = state.catalog.board();
    let organisation = board
        .organisation_by_slug(&slug)
        .ok_or(PageError::NotFound)?
        .clone();
    let today = state.config.clock.today();
    let counts = board.live_offers_by_organisation(today);

    let filter = ResolvedFilter {
        organisations: Some(board.subtree(organisation.id)),
        ..ResolvedFilter::default()
    };
    let results = board.search(&SearchRequest {
        page,
        ..SearchRequest::new(&filter, today, PER_PAGE)
    });
    let total_pages = results.total.div_ceil(PER_PAGE as usize).max(1) as u32;
    if page > total_pages {
        return Err(PageError::BadRequest(format!(
            "page : cet employeur n’a que {total_pages} page(s) d’offres."
        )));
    }
    let base_href = format!("/employeurs/{}", organisation.data.slug);
    let parents: Vec<_> = board
        .ancestors(organisation.id)
        .into_iter()
        .map(|o| (format!("/employeurs/{}", o.data.slug), o.display_name()))
        .collect();
    let mut crumbs = vec![Crumb::link("Employeurs", "/employeurs")];
    crumbs.extend(
        parents
            .iter()
            .map(|(href, name)| Crumb::link(name.clone(), href.clone())),
    );
    crumbs.push(Crumb::here(organisation.data.name.clone()));
    let mut layout = Layout::new(
        organisation.display_name(),
        organisation.data.page.raison_d_etre.as_deref().map_or_else(
            || {
                format!(
                    "Les offres d’emploi du numérique de {}.",
                    organisation.data.name
                )
            },
            |t| richtext::excerpt(t, 160),
        ),
        Nav::Employers,
    )
    .with_breadcrumb(crumbs);
    layout.canonical = Some(format!(
        "{}{base_href}",
        state.config.public_url.as_str().trim_end_matches('/')
    ));
    let search_query = OfferQuery {
        organisation: Some(organisation.data.slug.clone()),
        page: 1,
        ..OfferQuery::default()
    };
    render(&DetailPage {
        name: organisation.display_name(),
        kind: organisation.data.kind.label(),
        website: organisation.data.website.as_ref().map(ToString::to_string),
        parents,
        sections: sections(organisation.data.page.sections()),
        testimonies: board
            .testimonies(organisation.id)
            .iter()
            .map(|t| TestimonyView {
                name: t.name.clone(),
                role: t.role.clone(),
                text: t.text.clone(),
            })
            .collect(),
        children: board
            .children(organisation.id)
            .into_iter()
            .map(|c| row(&board, &counts, c, 1))
            .collect(),
        offers_label: format::count(results.total, "offre ouverte", "offres ouvertes"),
        search_href: crate::offres::list_href(&search_query.to_params()),
        cards: results
            .items
            .iter()
            .map(|o| OfferCard::new(&board, o))
            .collect(),
        pagination: Pagination::new(page, total_pages).view(|p| {
            if p > 1 {
                format!("{base_href}?page={p}#offres")
            } else {
                format!("{base_href}#offres")
            }
        }),
        layout,
    })
}
