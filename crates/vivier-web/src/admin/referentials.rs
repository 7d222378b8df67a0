//! Job families and domains (`/admin/referentiels`): list, create, rename. A code (slug) is a
//! stable key used in public addresses: it is drawn from the name at creation and never changes;
//! renaming changes the label only.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};
use serde::Deserialize;
use vivier_domain::Slug;
use vivier_domain::referential::{NewDomain, NewJobFamily};

use super::layout;
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::compte::Field;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Nav};

/// Longest label (characters).
const NAME_MAX: usize = 150;
/// Longest description of a family.
const DESCRIPTION_MAX: usize = 1_000;

/// Which list a form is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Families,
    Domains,
}

/// A label form (create or rename one line), as typed.
#[derive(Debug, Default)]
pub struct LabelForm {
    pub name: Field,
    pub description: Field,
}

#[derive(Debug)]
struct Line {
    code: String,
    description: String,
    /// The refused rename of this line, if any.
    error: Option<String>,
    typed: String,
}

#[derive(Template)]
#[template(path = "admin/referentiels.html")]
struct RefPage {
    layout: crate::page::Layout,
    families: Vec<Line>,
    domains: Vec<Line>,
    family_form: LabelForm,
    domain_form: LabelForm,
    done: Option<&'static str>,
    csrf: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

/// What a refused form leaves on the page.
#[derive(Default)]
struct Refused {
    created: Option<(List, LabelForm)>,
    renamed: Option<(List, String, String, String)>,
}

async fn page(
    state: &AppState,
    refused: Refused,
    done: Option<&'static str>,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let renamed = refused.renamed;
    let line = |list: List, code: String, name: String, description: String| {
        let (error, typed) = match &renamed {
            Some((l, c, typed, error)) if *l == list && *c == code => {
                (Some(error.clone()), typed.clone())
            }
            _ => (None, name),
        };
        Line {
            code,
            description,
            error,
            typed,
        }
    };
    let families = state
        .store
        .job_families()
        .await?
        .into_iter()
        .map(|f| {
            line(
                List::Families,
                f.slug.as_str().to_owned(),
                f.name,
                f.description,
            )
        })
        .collect();
    let domains = state
        .store
        .domains()
        .await?
        .into_iter()
        .map(|d| {
            line(
                List::Domains,
                d.slug.as_str().to_owned(),
                d.name,
                String::new(),
            )
        })
        .collect();
    let (mut family_form, mut domain_form) = (LabelForm::default(), LabelForm::default());
    match refused.created {
        Some((List::Families, form)) => family_form = form,
        Some((List::Domains, form)) => domain_form = form,
        None => {}
    }
    let page = crate::page::render(&RefPage {
        layout: layout(
            "Familles de métiers et domaines",
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::here("Familles de métiers et domaines"),
            ],
        ),
        families,
        domains,
        family_form,
        domain_form,
        done,
        csrf,
    })?;
    Ok((status, page).into_response())
}

/// GET `/admin/referentiels`.
pub async fn list(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("creation") => Some("L’entrée est créée."),
        Some("renommage") => Some("L’entrée est renommée ; son code ne change pas."),
        _ => None,
    };
    page(&state, Refused::default(), done, csrf, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelInput {
    nom: String,
    #[serde(default)]
    description: String,
}

/// The error of a name, if any.
fn name_error(name: &str) -> Option<String> {
    let length = name.chars().count();
    if name.is_empty() {
        Some("Saisissez un nom.".into())
    } else if length > NAME_MAX {
        Some(format!(
            "Le nom ne doit pas dépasser {NAME_MAX} caractères (il en compte {}).",
            crate::format::thousands(length as u64)
        ))
    } else if Slug::from_text(name).is_none() {
        Some("Le nom doit contenir des lettres ou des chiffres.".into())
    } else {
        None
    }
}

fn description_error(description: &str) -> Option<String> {
    (description.chars().count() > DESCRIPTION_MAX)
        .then(|| format!("La description ne doit pas dépasser {DESCRIPTION_MAX} caractères."))
}

async fn exists(
    state: &AppState,
    list: List,
    code: &str,
) -> Result<Option<(String, String)>, PageError> {
    Ok(match list {
        List::Families => state
            .store
            .job_families()
            .await?
            .into_iter()
            .find(|f| f.slug.as_str() == code)
            .map(|f| (f.name, f.description)),
        List::Domains => state
            .store
            .domains()
            .await?
            .into_iter()
            .find(|d| d.slug.as_str() == code)
            .map(|d| (d.name, String::new())),
    })
}

async fn write(
    state: &AppState,
    list: List,
    slug: Slug,
    name: String,
    description: String,
) -> Result<(), PageError> {
    match list {
        List::Families => {
            state
                .store
                .upsert_job_family(&NewJobFamily {
                    slug,
                    name,
                    description,
                })
                .await?;
        }
        List::Domains => {
            state.store.upsert_domain(&NewDomain { slug, name }).await?;
        }
    }
    if let Err(error) = state.catalog.refresh().await {
        tracing::warn!(%error, "catalog not refreshed after a referential change");
    }
    Ok(())
}

async fn create(
    state: AppState,
    signed_in: SignedIn,
    ip: ClientIp,
    csrf: String,
    list: List,
    input: LabelInput,
) -> Result<Response, PageError> {
    let mut form = LabelForm {
        name: Field {
            value: input.nom.trim().to_owned(),
            error: None,
        },
        description: Field {
            value: input.description.trim().to_owned(),
            error: None,
        },
    };
    form.name.error = name_error(&form.name.value);
    form.description.error =
        description_error(&form.description.value).filter(|_| list == List::Families);
    let slug = Slug::from_text(&form.name.value);
    if let (None, Some(slug)) = (&form.name.error, &slug)
        && exists(&state, list, slug.as_str()).await?.is_some()
    {
        form.name.error = Some(format!(
            "Une entrée porte déjà le code « {} » : renommez-la plutôt.",
            slug.as_str()
        ));
    }
    let (Some(slug), None, None) = (slug, &form.name.error, &form.description.error) else {
        return page(
            &state,
            Refused {
                created: Some((list, form)),
                renamed: None,
            },
            None,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    write(
        &state,
        list,
        slug.clone(),
        form.name.value.clone(),
        form.description.value.clone(),
    )
    .await?;
    let action = if list == List::Families {
        "referentiel.famille.creation"
    } else {
        "referentiel.domaine.creation"
    };
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        action,
        slug.as_str(),
        &form.name.value,
    )
    .await;
    Ok(Redirect::to("/admin/referentiels?fait=creation").into_response())
}

async fn rename(
    state: AppState,
    signed_in: SignedIn,
    ip: ClientIp,
    csrf: String,
    list: List,
    code: String,
    input: LabelInput,
) -> Result<Response, PageError> {
    let Some((old, description)) = exists(&state, list, &code).await? else {
        return Err(PageError::NotFound);
    };
    let slug = Slug::parse(&code).map_err(|_| PageError::NotFound)?;
    let name = input.nom.trim().to_owned();
    if let Some(error) = name_error(&name) {
        return page(
            &state,
            Refused {
                created: None,
                renamed: Some((list, code, name, error)),
            },
            None,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    write(&state, list, slug, name.clone(), description).await?;
    let action = if list == List::Families {
        "referentiel.famille.renommage"
    } else {
        "referentiel.domaine.renommage"
    };
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        action,
        &code,
        &format!("« {old} » devient « {name} »"),
    )
    .await;
    Ok(Redirect::to("/admin/referentiels?fait=renommage").into_response())
}

/// POST `/admin/referentiels/{familles|domaines}`: adds an entry to `list`.
pub fn creation(list: List) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>,
              signed_in: SignedIn,
              ip: ClientIp,
              CsrfToken(csrf): CsrfToken,
              PageForm(input): PageForm<LabelInput>| {
            create(state, signed_in, ip, csrf, list, input)
        },
    )
}

/// POST `/admin/referentiels/{familles|domaines}/{code}`: renames an entry of `list`.
pub fn renaming(list: List) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>,
              signed_in: SignedIn,
              ip: ClientIp,
              CsrfToken(csrf): CsrfToken,
              Segments(code): Segments<String>,
              PageForm(input): PageForm<LabelInput>| {
            rename(state, signed_in, ip, csrf, list, code, input)
        },
    )
}
