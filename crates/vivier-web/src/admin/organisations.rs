//! The organisation tree (`/admin/organisations`): nested lists with offer counts; create,
//! rename, move (never under itself) and merge (everything moves, in one transaction). After
//! each change this node's catalog is refreshed, so the public pages show the new tree at once
//! (other nodes follow the change feed, where every change is recorded).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::organisation::{EmployerPage, Organisation, OrganisationData, OrganisationKind};
use vivier_domain::{OrganisationId, Slug};
use vivier_store::StoreError;

use super::layout;
use super::tree::{self, Choice, OrgGroup, Piece};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::compte::Field;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Nav};

/// Longest name of an organisation (characters).
const NAME_MAX: usize = 200;
/// Longest acronym.
const ACRONYM_MAX: usize = 30;
/// Longest website address.
const WEBSITE_MAX: usize = 500;

/// The identity form (create and rename), as typed.
#[derive(Debug, Default)]
pub struct IdentityForm {
    pub name: Field,
    pub acronym: Field,
    pub kind: Field,
    pub parent: Field,
    pub website: Field,
}

/// The identity, once checked.
struct Identity {
    name: String,
    acronym: Option<String>,
    kind: OrganisationKind,
    parent: Option<OrganisationId>,
    website: Option<url::Url>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityInput {
    nom: String,
    #[serde(default)]
    sigle: String,
    nature: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    site: String,
}

fn field(value: &str) -> Field {
    Field {
        value: value.trim().to_owned(),
        error: None,
    }
}

/// Checks an identity form; `with_parent` for creation.
fn check(
    input: &IdentityInput,
    organisations: &[Organisation],
    with_parent: bool,
) -> (IdentityForm, Option<Identity>) {
    let mut form = IdentityForm {
        name: field(&input.nom),
        acronym: field(&input.sigle),
        kind: field(&input.nature),
        parent: field(input.parent.as_deref().unwrap_or_default()),
        website: field(&input.site),
    };
    let name_length = form.name.value.chars().count();
    if form.name.value.is_empty() {
        form.name.error = Some("Saisissez le nom de l’organisation.".into());
    } else if name_length > NAME_MAX {
        form.name.error = Some(format!(
            "Le nom ne doit pas dépasser {NAME_MAX} caractères (il en compte {}).",
            crate::format::thousands(name_length as u64)
        ));
    } else if Slug::from_text(&form.name.value).is_none() {
        form.name.error = Some("Le nom doit contenir des lettres ou des chiffres.".into());
    }
    if form.acronym.value.chars().count() > ACRONYM_MAX {
        form.acronym.error = Some(format!(
            "Le sigle ne doit pas dépasser {ACRONYM_MAX} caractères."
        ));
    }
    let kind = OrganisationKind::from_code(&form.kind.value);
    if kind.is_none() {
        form.kind.error = Some("Choisissez la nature de l’organisation.".into());
    }
    let mut parent = None;
    if with_parent && !form.parent.value.is_empty() {
        match tree::find(organisations, &form.parent.value) {
            Some(found) => parent = Some(found.id),
            None => {
                form.parent.error =
                    Some("Choisissez l’organisation de rattachement dans la liste.".into())
            }
        }
    }
    let mut website = None;
    if !form.website.value.is_empty() {
        match url::Url::parse(&form.website.value) {
            Ok(url)
                if matches!(url.scheme(), "http" | "https")
                    && form.website.value.len() <= WEBSITE_MAX =>
            {
                website = Some(url)
            }
            _ => {
                form.website.error = Some(
                    "Saisissez une adresse complète, par exemple https://www.numerique.gouv.fr/."
                        .into(),
                )
            }
        }
    }
    let ok = form.name.error.is_none()
        && form.acronym.error.is_none()
        && form.parent.error.is_none()
        && form.website.error.is_none();
    let identity = match kind {
        Some(kind) if ok => Some(Identity {
            name: form.name.value.clone(),
            acronym: Some(form.acronym.value.clone()).filter(|a| !a.is_empty()),
            kind,
            parent,
            website,
        }),
        _ => None,
    };
    (form, identity)
}

fn kinds(typed: &str) -> Vec<Choice> {
    tree::choices(
        OrganisationKind::ALL.iter().map(|k| (k.code(), k.label())),
        typed,
    )
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct TreePage {
    layout: crate::page::Layout,
    tree: Vec<Piece>,
    groups: Vec<OrgGroup>,
    kinds: Vec<Choice>,
    form: IdentityForm,
    done: Option<&'static str>,
    csrf: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

async fn tree_page(
    state: &AppState,
    form: IdentityForm,
    done: Option<&'static str>,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let counts: HashMap<OrganisationId, u64> =
        state.store.offer_counts().await?.into_iter().collect();
    let page = crate::page::render(&TreePage {
        layout: layout(
            "Organisations",
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::here("Organisations"),
            ],
        ),
        tree: tree::pieces(&organisations, &counts),
        groups: tree::groups(&organisations),
        kinds: kinds(&form.kind.value),
        form,
        done,
        csrf,
    })?;
    Ok((status, page).into_response())
}

/// GET `/admin/organisations`.
pub async fn list(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("fusion") => Some("Les organisations sont fusionnées."),
        _ => None,
    };
    tree_page(&state, IdentityForm::default(), done, csrf, StatusCode::OK).await
}

/// A slug for `name` that no organisation has yet.
fn unique_slug(name: &str, organisations: &[Organisation]) -> Result<Slug, PageError> {
    let base = Slug::from_text(name)
        .ok_or_else(|| PageError::BadRequest("Nom sans lettre ni chiffre.".into()))?;
    let taken = |slug: &Slug| organisations.iter().any(|o| &o.data.slug == slug);
    if !taken(&base) {
        return Ok(base);
    }
    for n in 2..100_000 {
        let stem: String = base.as_str().chars().take(Slug::MAX_LEN - 8).collect();
        let candidate = Slug::parse(&format!("{}-{n}", stem.trim_end_matches('-')))
            .map_err(|e| PageError::Internal(e.message))?;
        if !taken(&candidate) {
            return Ok(candidate);
        }
    }
    Err(PageError::Internal(format!("no free slug for {base}")))
}

async fn refreshed(state: &AppState) {
    if let Err(error) = state.catalog.refresh().await {
        tracing::warn!(%error, "catalog not refreshed after an organisation change");
    }
}

/// POST `/admin/organisations`: creates an organisation.
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<IdentityInput>,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let (form, identity) = check(&input, &organisations, true);
    let Some(identity) = identity else {
        return tree_page(&state, form, None, csrf, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let created = state
        .store
        .create_organisation(&OrganisationData {
            slug: unique_slug(&identity.name, &organisations)?,
            name: identity.name,
            acronym: identity.acronym,
            kind: identity.kind,
            parent_id: identity.parent,
            website: identity.website,
            logo_url: None,
            page: EmployerPage::default(),
        })
        .await?;
    refreshed(&state).await;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "organisation.creation",
        &format!("organisation:{}", created.id),
        &format!("{} ({})", created.data.name, created.data.slug.as_str()),
    )
    .await;
    Ok(Redirect::to(&format!(
        "/admin/organisations/{}?fait=creation",
        created.id
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "admin/organisation.html")]
struct EditPage {
    layout: crate::page::Layout,
    organisation: Organisation,
    parent: String,
    offers: u64,
    groups: Vec<OrgGroup>,
    kinds: Vec<Choice>,
    form: IdentityForm,
    move_to: Field,
    merge_into: Field,
    done: Option<&'static str>,
    csrf: String,
}

struct Forms {
    identity: Option<IdentityForm>,
    move_to: Field,
    merge_into: Field,
}

async fn edit_page(
    state: &AppState,
    id: i64,
    forms: Forms,
    done: Option<&'static str>,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let Some(organisation) = organisations.iter().find(|o| o.id.0 == id).cloned() else {
        return Err(PageError::NotFound);
    };
    let form = forms.identity.unwrap_or_else(|| IdentityForm {
        name: field(&organisation.data.name),
        acronym: field(organisation.data.acronym.as_deref().unwrap_or_default()),
        kind: field(organisation.data.kind.code()),
        parent: Field::default(),
        website: field(
            organisation
                .data
                .website
                .as_ref()
                .map(url::Url::as_str)
                .unwrap_or_default(),
        ),
    });
    let offers = state
        .store
        .offer_counts()
        .await?
        .into_iter()
        .find(|(o, _)| *o == organisation.id)
        .map_or(0, |(_, n)| n);
    let parent = organisation.data.parent_id.map_or_else(
        || "aucune (organisation de premier niveau)".to_owned(),
        |p| crate::acces::name_of(&organisations, p),
    );
    let page = crate::page::render(&EditPage {
        layout: layout(
            &organisation.data.name,
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::link("Organisations", "/admin/organisations"),
                Crumb::here(organisation.data.name.clone()),
            ],
        ),
        parent,
        offers,
        groups: tree::groups(&organisations),
        kinds: kinds(&form.kind.value),
        form,
        move_to: forms.move_to,
        merge_into: forms.merge_into,
        organisation,
        done,
        csrf,
    })?;
    Ok((status, page).into_response())
}

fn untouched() -> Forms {
    Forms {
        identity: None,
        move_to: Field::default(),
        merge_into: Field::default(),
    }
}

/// GET `/admin/organisations/{id}`.
pub async fn edit(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("creation") => Some("L’organisation est créée."),
        Some("identite") => Some("L’organisation est modifiée."),
        Some("deplacement") => Some("L’organisation est déplacée dans l’arborescence."),
        _ => None,
    };
    edit_page(&state, id, untouched(), done, csrf, StatusCode::OK).await
}

/// The organisation `id` among these, or 404.
fn existing(organisations: &[Organisation], id: i64) -> Result<&Organisation, PageError> {
    organisations
        .iter()
        .find(|o| o.id.0 == id)
        .ok_or(PageError::NotFound)
}

/// POST `/admin/organisations/{id}`: renames (name, acronym, kind, website; the address stays).
pub async fn rename(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<IdentityInput>,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let current = existing(&organisations, id)?.clone();
    let (form, identity) = check(&input, &organisations, false);
    let Some(identity) = identity else {
        return edit_page(
            &state,
            id,
            Forms {
                identity: Some(form),
                ..untouched()
            },
            None,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let data = OrganisationData {
        name: identity.name,
        acronym: identity.acronym,
        kind: identity.kind,
        website: identity.website,
        ..current.data.clone()
    };
    state.store.update_organisation(current.id, &data).await?;
    refreshed(&state).await;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "organisation.modification",
        &format!("organisation:{id}"),
        &format!("« {} » devient « {} »", current.data.name, data.name),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/organisations/{id}?fait=identite")).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveInput {
    parent: String,
}

/// POST `/admin/organisations/{id}/deplacement`: a new parent (or none), never under itself.
pub async fn move_to(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<MoveInput>,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let current = existing(&organisations, id)?.clone();
    let mut typed = field(&input.parent);
    let moved = match new_parent(&organisations, &current, &typed.value) {
        Ok(parent) => {
            let data = OrganisationData {
                parent_id: parent,
                ..current.data.clone()
            };
            match state.store.update_organisation(current.id, &data).await {
                Ok(_) => Ok(parent),
                Err(StoreError::Invalid(message)) => Err(message),
                Err(other) => return Err(other.into()),
            }
        }
        Err(message) => Err(message),
    };
    let parent = match moved {
        Ok(parent) => parent,
        Err(message) => {
            typed.error = Some(message);
            let forms = Forms {
                move_to: typed,
                ..untouched()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return edit_page(&state, id, forms, None, csrf, status).await;
        }
    };
    refreshed(&state).await;
    let from = current
        .data
        .parent_id
        .map_or_else(|| "aucune".to_owned(), |p| format!("organisation:{p}"));
    let to = parent.map_or_else(|| "aucune".to_owned(), |p| format!("organisation:{p}"));
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "organisation.deplacement",
        &format!("organisation:{id}"),
        &format!("parent {from} → {to}"),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/organisations/{id}?fait=deplacement")).into_response())
}

/// The new parent typed for `current` (none when left empty), if the tree allows it.
fn new_parent(
    organisations: &[Organisation],
    current: &Organisation,
    typed: &str,
) -> Result<Option<OrganisationId>, String> {
    let parent = if typed.is_empty() {
        None
    } else {
        let found = tree::find(organisations, typed)
            .ok_or("Choisissez la nouvelle organisation de rattachement dans la liste.")?;
        Some(found.id)
    };
    if tree::tree_of(organisations).can_move(current.id, parent) {
        Ok(parent)
    } else {
        Err(
            "Une organisation ne peut pas être rattachée à elle-même ni à l’une de ses \
             sous-organisations."
                .to_owned(),
        )
    }
}

/// The organisation typed to absorb `current`, if the tree allows it.
fn merge_target<'a>(
    organisations: &'a [Organisation],
    current: &Organisation,
    typed: &str,
) -> Result<&'a Organisation, String> {
    let target = tree::find(organisations, typed)
        .ok_or("Choisissez dans la liste l’organisation qui absorbera celle-ci.")?;
    if tree::tree_of(organisations).is_within(target.id, current.id) {
        return Err(
            "Une organisation ne peut pas être fusionnée avec elle-même ni dans l’une \
                    de ses sous-organisations."
                .to_owned(),
        );
    }
    Ok(target)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeInput {
    cible: String,
}

/// POST `/admin/organisations/{id}/fusion`: merges this organisation into another.
pub async fn merge(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<MergeInput>,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let current = existing(&organisations, id)?.clone();
    let mut typed = field(&input.cible);
    let merged = match merge_target(&organisations, &current, &typed.value) {
        Ok(target) => match state.store.merge_organisations(current.id, target.id).await {
            Ok(()) => Ok(target),
            Err(StoreError::Invalid(message)) => Err(message),
            Err(other) => return Err(other.into()),
        },
        Err(message) => Err(message),
    };
    let target = match merged {
        Ok(target) => target,
        Err(message) => {
            typed.error = Some(message);
            let forms = Forms {
                merge_into: typed,
                ..untouched()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return edit_page(&state, id, forms, None, csrf, status).await;
        }
    };
    refreshed(&state).await;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "organisation.fusion",
        &format!("organisation:{id}"),
        &format!(
            "« {} » fusionnée dans organisation:{} « {} »",
            current.data.name, target.id, target.data.name
        ),
    )
    .await;
    Ok(Redirect::to("/admin/organisations?fait=fusion").into_response())
}
