//! `/recruteur/employeurs/{slug}`: a recruiter writes the employer page of an organisation they
//! manage (its website and the sections candidates read on `/employeurs/{slug}`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use url::Url;
use vivier_domain::organisation::{EmployerPage, Organisation};

use super::offres::recruiter_layout;
use super::scope::Scope;
use super::temoignages::{self, Slot};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Nav};
use crate::policy::Routes;

/// Longest section accepted (characters).
const SECTION_MAX: usize = 4_000;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/recruteur/employeurs/{slug}", get(form).post(save))
        .route(
            "/recruteur/employeurs/{slug}/temoignages",
            axum::routing::post(temoignages::save),
        )
}

/// The form as sent (every field of the page; no other).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageInput {
    site: String,
    raison_d_etre: String,
    valeurs: String,
    enjeux: String,
    missions: String,
    projets: String,
    organisation: String,
    chiffres_cles: String,
    profils_recherches: String,
    processus_recrutement: String,
    nous_rejoindre: String,
}

/// One text area: name, label, value, error.
struct Area {
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recruteur/employeur.html")]
pub(super) struct FormPage {
    layout: crate::page::Layout,
    name: String,
    slug: String,
    csrf: String,
    site: String,
    site_error: Option<String>,
    areas: Vec<Area>,
    testimonies: Vec<Slot>,
    saved: bool,
    has_errors: bool,
}

fn optional(text: Option<&String>) -> String {
    text.cloned().unwrap_or_default()
}

impl PageInput {
    fn of(website: Option<&Url>, page: &EmployerPage) -> Self {
        Self {
            site: website.map(Url::to_string).unwrap_or_default(),
            raison_d_etre: optional(page.raison_d_etre.as_ref()),
            valeurs: optional(page.valeurs.as_ref()),
            enjeux: optional(page.enjeux.as_ref()),
            missions: optional(page.missions.as_ref()),
            projets: optional(page.projets.as_ref()),
            organisation: optional(page.organisation.as_ref()),
            chiffres_cles: optional(page.chiffres_cles.as_ref()),
            profils_recherches: optional(page.profils_recherches.as_ref()),
            processus_recrutement: optional(page.processus_recrutement.as_ref()),
            nous_rejoindre: optional(page.nous_rejoindre.as_ref()),
        }
    }

    /// The sections in the order of the public page (the names of [`EmployerPage::sections`]).
    fn texts(&self) -> [(&'static str, &'static str, &String); 10] {
        [
            ("raison_d_etre", "Raison d’être", &self.raison_d_etre),
            ("valeurs", "Nos valeurs", &self.valeurs),
            ("enjeux", "Nos enjeux", &self.enjeux),
            ("missions", "Nos missions", &self.missions),
            ("projets", "Nos projets", &self.projets),
            ("organisation", "Notre organisation", &self.organisation),
            ("chiffres_cles", "Chiffres clés", &self.chiffres_cles),
            (
                "profils_recherches",
                "Profils recherchés",
                &self.profils_recherches,
            ),
            (
                "processus_recrutement",
                "Processus de recrutement",
                &self.processus_recrutement,
            ),
            ("nous_rejoindre", "Nous rejoindre", &self.nous_rejoindre),
        ]
    }

    fn areas(&self) -> Vec<Area> {
        self.texts()
            .into_iter()
            .map(|(name, label, value)| Area {
                name,
                label,
                value: value.clone(),
                error: (value.trim().chars().count() > SECTION_MAX).then(|| {
                    format!("Cette section ne doit pas dépasser {SECTION_MAX} caractères.")
                }),
            })
            .collect()
    }

    fn page(&self) -> EmployerPage {
        let text = |value: &String| Some(value.trim().to_owned()).filter(|t| !t.is_empty());
        EmployerPage {
            raison_d_etre: text(&self.raison_d_etre),
            valeurs: text(&self.valeurs),
            enjeux: text(&self.enjeux),
            missions: text(&self.missions),
            projets: text(&self.projets),
            organisation: text(&self.organisation),
            chiffres_cles: text(&self.chiffres_cles),
            profils_recherches: text(&self.profils_recherches),
            processus_recrutement: text(&self.processus_recrutement),
            nous_rejoindre: text(&self.nous_rejoindre),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Done {
    fait: String,
}

/// The page of `organisation`: its stored texts and testimonies unless others were typed
/// (`typed`: the page form with the site's error; `slots`: the testimonies form).
pub(super) async fn page_of(
    state: &AppState,
    organisation: &Organisation,
    csrf: String,
    typed: Option<(&PageInput, Option<String>)>,
    slots: Option<Vec<Slot>>,
    saved: bool,
) -> Result<FormPage, PageError> {
    let stored = PageInput::of(organisation.data.website.as_ref(), &organisation.data.page);
    let (input, site_error) = typed.unwrap_or((&stored, None));
    let testimonies = match slots {
        Some(slots) => slots,
        None => temoignages::slots(&state.store.testimonies(organisation.id).await?),
    };
    let areas = input.areas();
    let has_errors = site_error.is_some()
        || areas.iter().any(|a| a.error.is_some())
        || testimonies.iter().any(|t| t.error.is_some());
    let name = organisation.display_name();
    Ok(FormPage {
        layout: recruiter_layout(
            &format!("Page employeur : {name}"),
            vec![Crumb::here(format!("Page employeur : {name}"))],
        ),
        name,
        slug: organisation.data.slug.to_string(),
        csrf,
        site: input.site.clone(),
        site_error,
        areas,
        testimonies,
        saved,
        has_errors,
    })
}

/// GET `/recruteur/employeurs/{slug}`.
async fn form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(slug): Segments<String>,
    LenientQuery(done): LenientQuery<Done>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let organisation = scope.organisation_by_slug(&state, &slug).await?;
    let saved = done.fait == "enregistree";
    crate::page::render(&page_of(&state, organisation, csrf, None, None, saved).await?)
}

/// POST `/recruteur/employeurs/{slug}`.
async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(slug): Segments<String>,
    PageForm(input): PageForm<PageInput>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let organisation = scope.organisation_by_slug(&state, &slug).await?;
    let website = match input.site.trim() {
        "" => Ok(None),
        typed => match Url::parse(typed) {
            Ok(url) if matches!(url.scheme(), "https" | "http") && typed.len() <= 500 => {
                Ok(Some(url))
            }
            _ => Err("Saisissez l’adresse complète du site, commençant par https://.".to_owned()),
        },
    };
    let too_long = input.areas().iter().any(|a| a.error.is_some());
    let website = match website {
        Ok(website) if !too_long => website,
        outcome => {
            let typed = Some((&input, outcome.err()));
            let page = page_of(&state, organisation, csrf, typed, None, false).await?;
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::page::render(&page)?,
            )
                .into_response());
        }
    };
    let mut data = organisation.data.clone();
    data.website = website;
    data.page = input.page();
    state
        .store
        .update_organisation(organisation.id, &data)
        .await?;
    scope
        .audit(
            &state,
            "employeur.page",
            &format!("organisation {}", organisation.id.0),
            "page employeur modifiée",
        )
        .await;
    Ok(Redirect::to(&format!(
        "/recruteur/employeurs/{}?fait=enregistree",
        organisation.data.slug
    ))
    .into_response())
}
