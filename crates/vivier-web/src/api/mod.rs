//! The public JSON API, read side: `/api/v1/…`. Conventions: snake_case field names, ISO 8601
//! dates, lists as `{"items", "total", "page", "per_page"}` with `per_page` ≤ 100, errors as
//! `{"error": {"code", "message"}}` with a stable code and a French message.

mod dto;
mod suggestions;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use vivier_domain::Slug;
use vivier_domain::filter::{FilterError, parse_page};
use vivier_search::Mode;

use crate::AppState;
use crate::catalog::SearchRequest;
use crate::error::ApiError;
use crate::extract::Segments;
use crate::facets;
use crate::offres::parse_query;
use crate::offres::view::Highlights;

/// Largest page size.
pub const MAX_PER_PAGE: u32 = 100;
/// Page size when none is asked.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Routes of the API.
pub fn routes() -> crate::policy::Routes {
    crate::policy::Routes::new()
        .route("/api/v1/offres", get(offers))
        .route("/api/v1/offres/{slug}", get(offer))
        .route("/api/v1/organisations", get(organisations))
        .route("/api/v1/organisations/{slug}", get(organisation))
        .route("/api/v1/referentiels/{kind}", get(referential))
        .route("/api/v1/suggestions", get(suggestions::suggestions))
}

/// A page of a list.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
}

fn filter_error(error: FilterError) -> ApiError {
    ApiError::bad_request("invalid_parameter", error.to_string())
}

/// A page of offers and the facet counts of the whole search.
#[derive(Serialize)]
pub struct OfferPage {
    #[serde(flatten)]
    pub page: Page<dto::OfferHit>,
    pub facets: dto::Facets,
}

/// Reads `page` and `per_page` out of any query string.
fn paging(raw: Option<&str>) -> Result<(u32, u32), ApiError> {
    #[derive(Deserialize)]
    struct Paging {
        page: Option<String>,
        per_page: Option<String>,
    }
    let paging: Paging = serde_urlencoded::from_str(raw.unwrap_or_default()).map_err(|e| {
        ApiError::bad_request("invalid_parameter", format!("paramètres illisibles ({e})."))
    })?;
    let page = parse_page(&paging.page).map_err(filter_error)?;
    let per_page = match paging.per_page.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => DEFAULT_PER_PAGE,
        Some(v) => v.parse::<u32>().ok().filter(|n| (1..=MAX_PER_PAGE).contains(n)).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_parameter",
                format!("per_page : la taille de page doit être un entier entre 1 et {MAX_PER_PAGE}."),
            )
        })?,
    };
    Ok((page, per_page))
}

/// Slices `items` to one page.
fn page_of<T>(items: Vec<T>, page: u32, per_page: u32) -> Page<T> {
    let total = items.len();
    let skip = (page as usize - 1).saturating_mul(per_page as usize);
    Page {
        items: items
            .into_iter()
            .skip(skip)
            .take(per_page as usize)
            .collect(),
        total,
        page,
        per_page,
    }
}

/// `GET /api/v1/offres`: active offers, same filters as `/offres-emploi`.
async fn offers(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<OfferPage>, ApiError> {
    // The page's filters and the API's paging share one query string: strip the paging
    // parameters before handing the rest to the filter parser, which refuses unknown values.
    let mut filters: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).map_err(|e| {
            ApiError::bad_request("invalid_parameter", format!("paramètres illisibles ({e})."))
        })?;
    filters.retain(|(k, _)| k != "per_page" && k != "page");
    let (page, per_page) = paging(raw.as_deref())?;
    let filters = serde_urlencoded::to_string(&filters).unwrap_or_default();
    let query = parse_query(Some(&filters)).map_err(filter_error)?;
    let board = state.catalog.board();
    let filter = board.resolve(&query).map_err(|e| {
        ApiError::bad_request("unknown_reference", format!("{} : {}", e.param, e.message))
    })?;
    let today = state.config.clock.today();
    let hits = state
        .catalog
        .text_hits(query.q.as_deref(), Mode::Words)
        .map_err(ApiError::internal)?;
    let results = board.search(&SearchRequest {
        hits: hits.as_deref(),
        sort: query.sort,
        page,
        facets: true,
        ..SearchRequest::new(&filter, today, per_page)
    });
    let context = dto::Context::new(&state, &board);
    let highlighter = query.q.as_deref().map(|q| state.catalog.highlighter(q));
    let facets = results
        .facets
        .as_ref()
        .map(|counts| dto::Facets::from(facets::groups(&board, &query, counts).as_slice()))
        .unwrap_or_default();
    Ok(Json(OfferPage {
        page: Page {
            items: results
                .items
                .iter()
                .map(|o| {
                    // Unpacked once for the document and its highlights.
                    let sections = o.sections();
                    dto::OfferHit {
                        highlight: highlighter
                            .as_ref()
                            .and_then(|h| Highlights::of(&o.offer.data, &sections, h))
                            .map(dto::Highlight::from),
                        offer: context.offer_with_sections(o, sections),
                    }
                })
                .collect(),
            total: results.total,
            page,
            per_page,
        },
        facets,
    }))
}

fn slug_or_404(slug: &str, what: &str) -> Result<Slug, ApiError> {
    Slug::parse(slug).map_err(|_| ApiError::not_found(format!("{what} introuvable.")))
}

/// `GET /api/v1/offres/{slug}`: any public offer (filled and closed ones included; see `active`).
async fn offer(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
) -> Result<Json<dto::Offer>, ApiError> {
    let slug = slug_or_404(&slug, "Offre")?;
    let board = state.catalog.board();
    let offer = board
        .offer(&slug)
        .ok_or_else(|| ApiError::not_found("Offre introuvable."))?;
    Ok(Json(dto::Context::new(&state, &board).offer(offer)))
}

/// `GET /api/v1/organisations`.
async fn organisations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<dto::OrganisationSummary>>, ApiError> {
    let (page, per_page) = paging(raw.as_deref())?;
    let board = state.catalog.board();
    let context = dto::Context::new(&state, &board);
    let items = board
        .organisations()
        .iter()
        .map(|o| context.organisation_summary(o))
        .collect();
    Ok(Json(page_of(items, page, per_page)))
}

/// `GET /api/v1/organisations/{slug}`.
async fn organisation(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
) -> Result<Json<dto::OrganisationDetail>, ApiError> {
    let slug = slug_or_404(&slug, "Organisation")?;
    let board = state.catalog.board();
    let organisation = board
        .organisation_by_slug(&slug)
        .ok_or_else(|| ApiError::not_found("Organisation introuvable."))?;
    Ok(Json(
        dto::Context::new(&state, &board).organisation_detail(organisation),
    ))
}

/// `GET /api/v1/referentiels/{metiers|domaines|regions|departements}`.
async fn referential(
    State(state): State<AppState>,
    Segments(kind): Segments<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (page, per_page) = paging(raw.as_deref())?;
    let board = state.catalog.board();
    let response = match kind.as_str() {
        "metiers" => Json(page_of(
            board
                .job_families()
                .iter()
                .map(dto::JobFamily::from)
                .collect(),
            page,
            per_page,
        ))
        .into_response(),
        "domaines" => Json(page_of(
            board.domains().iter().map(dto::Domain::from).collect(),
            page,
            per_page,
        ))
        .into_response(),
        "regions" => Json(page_of(
            board
                .geography()
                .regions()
                .iter()
                .map(dto::Region::from)
                .collect(),
            page,
            per_page,
        ))
        .into_response(),
        "departements" => Json(page_of(
            board
                .geography()
                .departments()
                .iter()
                .map(dto::Department::from)
                .collect(),
            page,
            per_page,
        ))
        .into_response(),
        _ => {
            return Err(ApiError::not_found(
                "Référentiel inconnu : metiers, domaines, regions ou departements.",
            ));
        }
    };
    Ok(response)
}
