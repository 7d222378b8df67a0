//! `/offres-emploi`: active offers, filtered by what the URL says.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use time::Date;
use vivier_domain::filter::{FilterError, OfferQuery, RawOfferQuery, Sort};
use vivier_domain::offer::{ContractType, Remote};
use vivier_search::Mode;

use super::view::OfferCard;
use crate::candidat::recherches::{AlertOffer, CandidateReader};
use crate::catalog::{Board, SearchRequest};
use crate::error::PageError;
use crate::facets::{self, FacetGroup};
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::pagination::{PageLink, Pagination, PaginationView};
use crate::{AppState, format};

/// Offers per page.
pub const PER_PAGE: u32 = 20;

/// Parses the raw query string of the list (page, feed and API share it). Malformed encoding,
/// repeated parameters and bad values all come back as a [`FilterError`].
pub fn parse_query(raw: Option<&str>) -> Result<OfferQuery, FilterError> {
    let raw: RawOfferQuery =
        serde_urlencoded::from_str(raw.unwrap_or_default()).map_err(|e| FilterError {
            param: "requête",
            message: format!("les paramètres de l'adresse sont illisibles ({e})."),
        })?;
    OfferQuery::parse(&raw)
}

/// `/offres-emploi?…` with these parameters.
pub fn list_href(params: &[(&str, String)]) -> String {
    if params.is_empty() {
        "/offres-emploi".to_owned()
    } else {
        format!(
            "/offres-emploi?{}",
            serde_urlencoded::to_string(params).unwrap_or_default()
        )
    }
}

/// A group of options (`<optgroup>`).
#[derive(Debug)]
pub struct ChoiceGroup {
    pub label: String,
    pub choices: Vec<Choice>,
}

/// A filter in force, shown as a tag that removes it.
#[derive(Debug)]
pub struct ActiveFilter {
    pub label: String,
    pub remove_href: String,
    param: &'static str,
    /// The other filters in force (what `remove_href` leads to).
    remaining: Vec<(&'static str, String)>,
}

/// Another search that finds offers, proposed when this one finds none (or fixes a typo).
#[derive(Debug)]
pub struct Suggestion {
    pub label: String,
    pub href: String,
    pub count: String,
}

#[derive(Template)]
#[template(path = "offres/list.html")]
struct ListPage {
    layout: Layout,
    q: String,
    juniors: bool,
    job_families: Vec<Choice>,
    domains: Vec<Choice>,
    regions: Vec<Choice>,
    departments: Vec<Choice>,
    contracts: Vec<Choice>,
    remotes: Vec<Choice>,
    organisations: Vec<ChoiceGroup>,
    /// The orders offered: label, and a link unless it is the current one.
    sorts: Vec<(&'static str, Option<String>)>,
    /// The `tri` parameter to keep when the form is sent again, when not the default.
    sort_param: Option<&'static str>,
    active_filters: Vec<ActiveFilter>,
    /// "Did you mean…": the query with its typos corrected, when that finds offers.
    correction: Option<Suggestion>,
    /// When nothing matches: the searches without one of the filters that find offers.
    relaxed: Vec<Suggestion>,
    facets: Vec<FacetGroup>,
    count_label: String,
    cards: Vec<OfferCard>,
    pagination: PaginationView,
    past_last: Option<(u32, String)>,
    feed_href: String,
    /// "Créer une alerte": a form for a signed-in candidate, a sign-in link for anyone else.
    alert: AlertOffer,
}

fn choices<'a>(
    items: impl Iterator<Item = (&'a str, String)>,
    selected: Option<&str>,
) -> Vec<Choice> {
    items
        .map(|(value, label)| Choice {
            selected: Some(value) == selected,
            value: value.to_owned(),
            label,
        })
        .collect()
}

fn organisation_groups(board: &Board, selected: Option<&str>) -> Vec<ChoiceGroup> {
    board
        .roots()
        .map(|root| {
            let mut group = ChoiceGroup {
                label: root.data.name.clone(),
                choices: Vec::new(),
            };
            let mut stack = vec![(root.clone(), 0usize)];
            while let Some((organisation, depth)) = stack.pop() {
                let slug = organisation.data.slug.as_str();
                group.choices.push(Choice {
                    value: slug.to_owned(),
                    label: format!("{}{}", "— ".repeat(depth), organisation.display_name()),
                    selected: Some(slug) == selected,
                });
                for child in board.children(organisation.id).into_iter().rev() {
                    stack.push((child.clone(), depth + 1));
                }
            }
            group
        })
        .collect()
}

fn active_filters(board: &Board, query: &OfferQuery) -> Vec<ActiveFilter> {
    let params = query.to_params();
    params
        .iter()
        .filter(|(name, _)| *name != "tri")
        .map(|(name, value)| {
            let label = match *name {
                "q" => format!("« {value} »"),
                "metier" => board
                    .job_families()
                    .iter()
                    .find(|f| f.slug.as_str() == value)
                    .map_or_else(|| value.clone(), |f| f.name.clone()),
                "domaine" => board
                    .domains()
                    .iter()
                    .find(|d| d.slug.as_str() == value)
                    .map_or_else(|| value.clone(), |d| d.name.clone()),
                "region" => query
                    .region
                    .as_ref()
                    .and_then(|r| board.geography().region(r))
                    .map_or_else(|| value.clone(), |r| r.name.clone()),
                "departement" => query
                    .department
                    .as_ref()
                    .and_then(|d| board.geography().department(d))
                    .map_or_else(|| value.clone(), |d| format!("{} ({value})", d.name)),
                "contrat" => query.contract.map_or("", ContractType::label).to_owned(),
                "teletravail" => query.remote.map_or("", Remote::label).to_owned(),
                "debutant" => "Ouvert aux débutant·es".to_owned(),
                "organisation" => query
                    .organisation
                    .as_ref()
                    .and_then(|s| board.organisation_by_slug(s))
                    .map_or_else(|| value.clone(), |o| o.display_name()),
                _ => value.clone(),
            };
            let remaining: Vec<_> = params.iter().filter(|(n, _)| n != name).cloned().collect();
            ActiveFilter {
                label,
                remove_href: list_href(&remaining),
                param: name,
                remaining,
            }
        })
        .collect()
}

/// How many active offers the list with these parameters shows.
fn count_offers(
    state: &AppState,
    board: &Board,
    params: &[(&str, String)],
    today: Date,
) -> Result<usize, PageError> {
    let raw = serde_urlencoded::to_string(params).unwrap_or_default();
    let Ok(query) = parse_query(Some(&raw)) else {
        return Ok(0);
    };
    let Ok(filter) = board.resolve(&query) else {
        return Ok(0);
    };
    let hits = state
        .catalog
        .text_hits(query.q.as_deref(), Mode::Words)
        .map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(board
        .search(&SearchRequest {
            hits: hits.as_deref(),
            ..SearchRequest::new(&filter, today, 1)
        })
        .total)
}

/// The list page. Cached per query for everyone but signed-in candidates, whose page carries
/// the form (and token) that saves the search: theirs is rendered for them alone.
pub async fn page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    CandidateReader(candidate_csrf): CandidateReader,
) -> Result<Response, PageError> {
    let board = state.catalog.board();
    let today = state.config.clock.today();
    let raw = raw.unwrap_or_default();
    if let Some(csrf) = candidate_csrf {
        let html = render_list(&state, &board, &raw, today, Some(csrf))?;
        return Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response());
    }
    board
        .pages()
        .html(format!("{today}|/offres-emploi?{raw}"), || {
            render_list(&state, &board, &raw, today, None)
        })
}

fn render_list(
    state: &AppState,
    board: &Board,
    raw: &str,
    today: Date,
    candidate_csrf: Option<String>,
) -> Result<String, PageError> {
    let query = parse_query(Some(raw)).map_err(|e| PageError::BadRequest(e.to_string()))?;
    let filter = board
        .resolve(&query)
        .map_err(|e| PageError::BadRequest(format!("{} : {}", e.param, e.message)))?;
    let hits = state
        .catalog
        .text_hits(query.q.as_deref(), Mode::Words)
        .map_err(|e| PageError::Internal(e.to_string()))?;
    let highlighter = query
        .q
        .as_deref()
        .map(|q| state.catalog.highlighter(q))
        .unwrap_or_default();
    let results = board.search(&SearchRequest {
        hits: hits.as_deref(),
        sort: query.sort,
        page: query.page,
        facets: true,
        ..SearchRequest::new(&filter, today, PER_PAGE)
    });

    let params = query.to_params();
    let total_pages = results.total.div_ceil(PER_PAGE as usize).max(1) as u32;
    let page_href = |page: u32| {
        let mut with_page = params.clone();
        if page > 1 {
            with_page.push(("page", page.to_string()));
        }
        list_href(&with_page)
    };
    let past_last = (query.page > total_pages).then(|| (total_pages, page_href(total_pages)));
    let sort_href = |sort: Sort| {
        let mut with_sort: Vec<_> = params
            .iter()
            .filter(|(n, _)| *n != "tri")
            .cloned()
            .collect();
        if sort != query.default_sort() {
            with_sort.push(("tri", sort.code().to_owned()));
        }
        list_href(&with_sort)
    };
    let mut sorts = Vec::new();
    if query.q.is_some() {
        sorts.push((Sort::Relevance, "pertinence"));
    }
    sorts.push((Sort::Date, "date de publication"));
    sorts.push((Sort::Deadline, "date limite de candidature"));
    let sorts = sorts
        .into_iter()
        .map(|(sort, label)| (label, (sort != query.sort).then(|| sort_href(sort))))
        .collect();

    let mut title = "Offres d’emploi du numérique de l’État".to_owned();
    if query.page > 1 {
        title.push_str(&format!(" — page {}", query.page));
    }
    let mut layout = Layout::new(
        title,
        "Toutes les offres d’emploi du numérique de l’État : développement, données, \
         cybersécurité, produit, design, infrastructure… Filtrez par métier, lieu, contrat et \
         télétravail.",
        Nav::Offers,
    )
    .with_breadcrumb(vec![Crumb::here("Offres d’emploi")]);
    layout.canonical = Some(format!(
        "{}{}",
        state.config.public_url.as_str().trim_end_matches('/'),
        page_href(query.page)
    ));
    layout.noindex = query.is_filtered() || past_last.is_some();
    let feed_href = format!(
        "/offres-emploi/flux.atom{}",
        list_href(&params).trim_start_matches("/offres-emploi")
    );
    layout.feed = Some(feed_href.clone());

    let active_filters = active_filters(board, &query);
    let alert = match candidate_csrf {
        Some(csrf) => {
            let labels: Vec<String> = active_filters.iter().map(|f| f.label.clone()).collect();
            AlertOffer::form(csrf, &query, &labels)
        }
        None => AlertOffer::sign_in(&list_href(&params)),
    };
    let correction = match query.q.as_deref().and_then(|q| state.catalog.correct(q)) {
        Some(corrected) => {
            let mut with_correction: Vec<_> = params
                .iter()
                .filter(|(name, _)| *name != "q")
                .cloned()
                .collect();
            with_correction.insert(0, ("q", corrected.clone()));
            let count = count_offers(state, board, &with_correction, today)?;
            (count > 0).then(|| Suggestion {
                label: corrected,
                href: list_href(&with_correction),
                count: format::count(count, "offre", "offres"),
            })
        }
        None => None,
    };
    let mut relaxed = Vec::new();
    if results.total == 0 {
        for filter in &active_filters {
            let count = count_offers(state, board, &filter.remaining, today)?;
            if count > 0 {
                relaxed.push(Suggestion {
                    label: if filter.param == "q" {
                        format!("sans les mots-clés {}", filter.label)
                    } else {
                        format!("sans « {} »", filter.label)
                    },
                    href: filter.remove_href.clone(),
                    count: format::count(count, "offre", "offres"),
                });
            }
        }
    }
    let geography = board.geography();
    let template = ListPage {
        q: query.q.clone().unwrap_or_default(),
        juniors: query.juniors,
        job_families: choices(
            board
                .job_families()
                .iter()
                .map(|f| (f.slug.as_str(), f.name.clone())),
            query.job_family.as_ref().map(|s| s.as_str()),
        ),
        domains: choices(
            board
                .domains()
                .iter()
                .map(|d| (d.slug.as_str(), d.name.clone())),
            query.domain.as_ref().map(|s| s.as_str()),
        ),
        regions: choices(
            geography
                .regions()
                .iter()
                .map(|r| (r.code.as_str(), r.name.clone())),
            query.region.as_ref().map(|r| r.as_str()),
        ),
        departments: choices(
            geography
                .departments()
                .iter()
                .map(|d| (d.code.as_str(), format!("{} — {}", d.code, d.name))),
            query.department.as_ref().map(|d| d.as_str()),
        ),
        contracts: choices(
            ContractType::ALL
                .iter()
                .map(|c| (c.code(), c.label().to_owned())),
            query.contract.map(ContractType::code),
        ),
        remotes: choices(
            Remote::ALL.iter().map(|r| (r.code(), r.label().to_owned())),
            query.remote.map(Remote::code),
        ),
        organisations: organisation_groups(board, query.organisation.as_ref().map(|s| s.as_str())),
        sorts,
        sort_param: (query.sort != query.default_sort()).then(|| query.sort.code()),
        correction,
        relaxed,
        active_filters,
        facets: results
            .facets
            .as_ref()
            .map(|counts| facets::groups(board, &query, counts))
            .unwrap_or_default(),
        count_label: format::count(results.total, "offre", "offres"),
        cards: results
            .items
            .iter()
            .map(|o| OfferCard::highlighted(board, o, &highlighter))
            .collect(),
        pagination: Pagination::new(query.page, total_pages).view(page_href),
        past_last,
        feed_href,
        alert,
        layout,
    };
    Ok(template.render()?)
}
