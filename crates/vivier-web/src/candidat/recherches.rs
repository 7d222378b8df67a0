//! Saved searches and their alerts (`/espace-candidat/recherches`).
//!
//! A candidate saves the search of `/offres-emploi` they are looking at (the list page's
//! "Créer une alerte" form), then lists, reruns, changes the frequency of or deletes their
//! saved searches. What is stored is the canonical query string of the list: the known
//! parameters only, validated and in a stable order ([`canonical`]), so that the alert job
//! runs exactly the search the list shows. The alert mails are written by
//! [`crate::jobs::alerts`]; their one-click unsubscribe link is [`super::desabonnement`].

use askama::Template;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use vivier_domain::account::Role;
use vivier_domain::candidate::AlertFrequency;
use vivier_domain::filter::OfferQuery;
use vivier_store::candidates::{NewSavedSearch, SavedSearch};

use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Layout, Nav};
use crate::policy::Routes;

/// How many searches a candidate may save.
pub const MAX_SAVED_SEARCHES: usize = 20;
/// The longest name of a saved search, in characters.
pub const LABEL_MAX: usize = 100;

/// Routes of saved searches.
pub fn routes() -> Routes {
    Routes::new()
        .route("/espace-candidat/recherches", get(list).post(save))
        .route("/espace-candidat/recherches/{id}", post(change_frequency))
        .route("/espace-candidat/recherches/{id}/suppression", post(delete))
}

/// The query string a saved search keeps for a parsed list query: its filters and its order,
/// never the page.
pub fn canonical(query: &OfferQuery) -> String {
    serde_urlencoded::to_string(query.to_params()).unwrap_or_default()
}

/// `/offres-emploi` with a saved query.
pub fn list_href(query: &str) -> String {
    if query.is_empty() {
        "/offres-emploi".to_owned()
    } else {
        format!("/offres-emploi?{query}")
    }
}

/// What the offer list shows about alerts.
#[derive(Debug)]
pub enum AlertOffer {
    /// Visitors and agents: a link to sign in that comes back to this search. The list page
    /// is cached for them: this depends on the search only.
    SignIn { href: String },
    /// A signed-in candidate: the form that saves the search (their page is not cached).
    Form {
        csrf: String,
        label: String,
        query: String,
        frequencies: &'static [AlertFrequency],
    },
}

impl AlertOffer {
    /// The sign-in link of the list at `href` (a path with its query).
    pub fn sign_in(href: &str) -> Self {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("suite", href)
            .finish();
        Self::SignIn {
            href: format!("/connexion?{query}"),
        }
    }

    /// The form of a candidate whose page token is `csrf`, for `query`, named after the
    /// filters in force (`labels`: how the list names them).
    pub fn form(csrf: String, query: &OfferQuery, labels: &[String]) -> Self {
        let mut label = if labels.is_empty() {
            "Toutes les offres".to_owned()
        } else {
            labels.join(" · ")
        };
        if label.chars().count() > LABEL_MAX {
            label = label.chars().take(LABEL_MAX - 1).collect::<String>() + "…";
        }
        Self::Form {
            csrf,
            label,
            query: canonical(query),
            frequencies: AlertFrequency::ALL,
        }
    }
}

/// The reader of the offer list when it is a signed-in candidate, with their form token.
/// Nobody else gets a token there: a visitor's list page sets no cookie and can be cached.
#[derive(Debug)]
pub struct CandidateReader(pub Option<String>);

impl FromRequestParts<AppState> for CandidateReader {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let candidate = parts
            .extensions
            .get::<SignedIn>()
            .is_some_and(|signed| signed.roles().contains(&Role::Candidate));
        if !candidate {
            return Ok(Self(None));
        }
        let CsrfToken(token) = CsrfToken::from_request_parts(parts, state).await?;
        Ok(Self(Some(token)))
    }
}

/// A saved search as its line of the page shows it.
#[derive(Debug)]
struct Line {
    id: i64,
    label: String,
    href: String,
    frequency: AlertFrequency,
}

/// A refused creation: what was typed, and what is wrong.
#[derive(Debug, Default)]
struct Refused {
    message: String,
    /// The form to send again, when the name was the problem.
    retry: Option<(String, String, AlertFrequency)>,
}

#[derive(Template)]
#[template(path = "candidat/recherches.html")]
struct ListPage {
    layout: Layout,
    lines: Vec<Line>,
    max: usize,
    frequencies: &'static [AlertFrequency],
    done: Option<&'static str>,
    refused: Option<Refused>,
    csrf: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: String,
    done: Option<&'static str>,
    refused: Option<Refused>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lines = state
        .store
        .saved_searches(signed_in.user.id)
        .await?
        .into_iter()
        .map(|search| Line {
            id: search.id,
            href: list_href(&search.query),
            label: search.label,
            frequency: search.frequency,
        })
        .collect();
    let mut layout = Layout::new(
        "Mes recherches et alertes",
        "Vos recherches d’offres enregistrées et leurs alertes par courriel.",
        Nav::None,
    )
    .with_breadcrumb(vec![
        Crumb::link("Mon espace", "/espace-candidat"),
        Crumb::here("Mes recherches et alertes"),
    ]);
    layout.noindex = true;
    let page = crate::page::render(&ListPage {
        layout,
        lines,
        max: MAX_SAVED_SEARCHES,
        frequencies: AlertFrequency::ALL,
        done,
        refused,
        csrf,
    })?;
    Ok((status, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

/// GET `/espace-candidat/recherches`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("creation") => Some(
            "Votre recherche est enregistrée. Vous recevrez les nouvelles offres selon la \
             fréquence choisie.",
        ),
        Some("frequence") => Some("La fréquence de l’alerte est modifiée."),
        Some("suppression") => Some("La recherche est supprimée."),
        _ => None,
    };
    page(&state, &signed_in, csrf, done, None, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveInput {
    libelle: String,
    requete: String,
    frequence: AlertFrequency,
}

/// What is wrong with a name, if anything.
fn label_error(label: &str) -> Option<String> {
    let length = label.chars().count();
    if label.is_empty() {
        Some("Donnez un nom à cette recherche.".into())
    } else if length > LABEL_MAX {
        Some(format!(
            "Le nom ne doit pas dépasser {LABEL_MAX} caractères (il en compte {length})."
        ))
    } else if label.chars().any(char::is_control) {
        Some("Le nom ne doit contenir que du texte sur une ligne.".into())
    } else {
        None
    }
}

/// POST `/espace-candidat/recherches`: saves a search.
pub async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<SaveInput>,
) -> Result<Response, PageError> {
    let invalid = |reason: String| {
        PageError::BadRequest(format!(
            "La recherche à enregistrer n’est pas valable ({reason}). Relancez-la depuis la page \
             des offres."
        ))
    };
    let parsed =
        crate::offres::parse_query(Some(&input.requete)).map_err(|e| invalid(e.to_string()))?;
    // What the list would refuse (a job family or employer that does not exist) is refused here.
    state
        .catalog
        .board()
        .resolve(&parsed)
        .map_err(|e| invalid(format!("{} : {}", e.param, e.message)))?;
    let query = canonical(&parsed);
    let label = input.libelle.trim().to_owned();
    if let Some(message) = label_error(&label) {
        let refused = Refused {
            message,
            retry: Some((label, query, input.frequence)),
        };
        return page(
            &state,
            &signed_in,
            csrf,
            None,
            Some(refused),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let existing = state.store.saved_searches(signed_in.user.id).await?;
    let conflict = if let Some(same) = existing.iter().find(|s| s.query == query) {
        Some(format!(
            "Vous avez déjà enregistré cette recherche, sous le nom « {} ».",
            same.label
        ))
    } else if existing.len() >= MAX_SAVED_SEARCHES {
        Some(format!(
            "Vous avez déjà enregistré {MAX_SAVED_SEARCHES} recherches, le maximum. Supprimez-en \
             une pour en enregistrer une nouvelle."
        ))
    } else {
        None
    };
    if let Some(message) = conflict {
        let refused = Refused {
            message,
            retry: None,
        };
        return page(
            &state,
            &signed_in,
            csrf,
            None,
            Some(refused),
            StatusCode::CONFLICT,
        )
        .await;
    }
    state
        .store
        .save_search(&NewSavedSearch {
            user: signed_in.user.id,
            label,
            query,
            frequency: input.frequence,
            now: crate::auth::session::now(),
        })
        .await?;
    Ok(Redirect::to("/espace-candidat/recherches?fait=creation").into_response())
}

/// The candidate's own saved search `id`. Another's answers 404, as if it did not exist, and
/// the attempt is audited.
async fn own_search(
    state: &AppState,
    signed_in: &SignedIn,
    ip: &ClientIp,
    id: i64,
) -> Result<SavedSearch, PageError> {
    match state.store.saved_search(id).await? {
        Some(search) if search.user == signed_in.user.id => Ok(search),
        Some(_) => {
            crate::audit::denied(
                state,
                &Visitor(Some(signed_in.clone())),
                ip,
                "recherche.hors-perimetre",
                &format!("recherche:{id}"),
                "recherche enregistrée d’un autre compte",
            )
            .await;
            Err(PageError::NotFound)
        }
        None => Err(PageError::NotFound),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrequencyInput {
    frequence: AlertFrequency,
}

/// POST `/espace-candidat/recherches/{id}`: changes how often the alert is sent.
pub async fn change_frequency(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<FrequencyInput>,
) -> Result<Response, PageError> {
    let search = own_search(&state, &signed_in, &ip, id).await?;
    state
        .store
        .set_alert_frequency(search.id, input.frequence, crate::auth::session::now())
        .await?;
    Ok(Redirect::to("/espace-candidat/recherches?fait=frequence").into_response())
}

/// POST `/espace-candidat/recherches/{id}/suppression`.
pub async fn delete(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<i64>,
) -> Result<Response, PageError> {
    let search = own_search(&state, &signed_in, &ip, id).await?;
    state.store.delete_saved_search(search.id).await?;
    Ok(Redirect::to("/espace-candidat/recherches?fait=suppression").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vivier_domain::filter::FilterError;

    fn canonical_query(raw: &str) -> Result<String, FilterError> {
        crate::offres::parse_query(Some(raw)).map(|query| canonical(&query))
    }

    #[test]
    fn canonical_queries_keep_known_parameters_in_a_stable_order() {
        assert_eq!(
            canonical_query("region=11&q=rust&page=3&utm_source=x").as_deref(),
            Ok("q=rust&region=11")
        );
        assert_eq!(canonical_query("").as_deref(), Ok(""));
        assert_eq!(
            canonical_query("q=%20donn%C3%A9es%20&tri=date").as_deref(),
            Ok("q=donn%C3%A9es&tri=date")
        );
        assert!(canonical_query("contrat=inconnu").is_err());
    }

    #[test]
    fn names_are_one_short_line() {
        assert!(label_error("Rust à Paris").is_none());
        assert!(label_error("").is_some());
        assert!(label_error("a\nb").is_some());
        assert!(label_error(&"x".repeat(LABEL_MAX + 1)).is_some());
        assert!(label_error(&"é".repeat(LABEL_MAX)).is_none());
    }
}
