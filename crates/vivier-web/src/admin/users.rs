//! Accounts (`/admin/utilisateurs`): search by name or address, one account's detail, and the
//! sensitive actions on it — disable or enable, Vivier's administration right, roles in
//! organisations. Every change of rights ends the account's sessions (it signs in again under
//! a new session id); an administrator cannot disable or demote themselves. All audited.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::UserId;
use vivier_domain::account::{AccountKind, Membership, OrgRole};
use vivier_store::accounts::{User, UserChange};
use vivier_store::admin::{RequestFilter, UserSearch};

use super::layout;
use super::tree::{self, Choice, OrgGroup};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::compte::Field;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Nav};
use crate::pagination::{PageLink, Pagination, PaginationView};

/// Accounts per page.
const PER_PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    page: Option<u32>,
}

#[derive(Debug)]
struct UserLine {
    id: i64,
    name: String,
    email: String,
    kind: &'static str,
    admin: bool,
    disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/utilisateurs.html")]
struct ListPage {
    layout: crate::page::Layout,
    q: String,
    kinds: Vec<Choice>,
    total: String,
    lines: Vec<UserLine>,
    pagination: PaginationView,
}

/// GET `/admin/utilisateurs?q=…&type=…&page=…`.
pub async fn list(
    State(state): State<AppState>,
    LenientQuery(query): LenientQuery<SearchQuery>,
) -> Result<Response, PageError> {
    let q: String = query
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(200)
        .collect();
    let kind_code = query.kind.unwrap_or_default();
    let kind = AccountKind::from_code(&kind_code);
    let current = query.page.unwrap_or(1).max(1);
    let found = state
        .store
        .search_users(&UserSearch {
            text: Some(q.clone()),
            kind,
            offset: u64::from(current - 1) * u64::from(PER_PAGE),
            limit: PER_PAGE,
        })
        .await?;
    let pages = u32::try_from(found.total.div_ceil(u64::from(PER_PAGE))).unwrap_or(u32::MAX);
    let href = |page: u32| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if !q.is_empty() {
            query.append_pair("q", &q);
        }
        if kind.is_some() {
            query.append_pair("type", &kind_code);
        }
        query.append_pair("page", &page.to_string());
        format!("/admin/utilisateurs?{}", query.finish())
    };
    let lines = found
        .users
        .into_iter()
        .map(|u| UserLine {
            id: u.id.0,
            name: u.display_name,
            email: u.email.as_str().to_owned(),
            kind: u.kind.label(),
            admin: u.is_admin,
            disabled: u.disabled,
        })
        .collect();
    crate::page::render(&ListPage {
        layout: layout(
            "Comptes",
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::here("Comptes"),
            ],
        ),
        kinds: tree::choices(
            AccountKind::ALL.iter().map(|k| (k.code(), k.label())),
            &kind_code,
        ),
        q: q.clone(),
        total: match found.total {
            0 => "Aucun compte trouvé".to_owned(),
            1 => "1 compte trouvé".to_owned(),
            n => format!("{} comptes trouvés", crate::format::thousands(n)),
        },
        lines,
        pagination: Pagination::new(current, pages).view(href),
    })
}

/// The role form, as typed.
#[derive(Debug, Default)]
pub struct RoleForm {
    pub organisation: Field,
    pub role: Field,
}

#[derive(Debug)]
struct MembershipLine {
    organisation_id: i64,
    organisation: String,
    role_code: &'static str,
    role: &'static str,
}

#[derive(Debug)]
struct RequestLine {
    organisation: String,
    role: &'static str,
    status: &'static str,
    created: String,
}

#[derive(Template)]
#[template(path = "admin/utilisateur.html")]
struct DetailPage {
    layout: crate::page::Layout,
    user: User,
    created: String,
    itself: bool,
    sessions: u64,
    memberships: Vec<MembershipLine>,
    requests: Vec<RequestLine>,
    groups: Vec<OrgGroup>,
    roles: Vec<Choice>,
    form: RoleForm,
    done: Option<&'static str>,
    problem: Option<String>,
    csrf: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

struct Outcome {
    done: Option<&'static str>,
    problem: Option<String>,
    form: RoleForm,
    status: StatusCode,
}

async fn detail_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: UserId,
    outcome: Outcome,
    csrf: String,
) -> Result<Response, PageError> {
    let Some(user) = state.store.user(id).await? else {
        return Err(PageError::NotFound);
    };
    let organisations = state.store.organisations().await?;
    let sessions = state.store.session_count(id).await?;
    let requests = state
        .store
        .access_requests(
            &RequestFilter {
                status: None,
                user: Some(id),
            },
            10,
        )
        .await?
        .into_iter()
        .map(|r| RequestLine {
            organisation: crate::acces::name_of(&organisations, r.organisation),
            role: r.role.label(),
            status: r.status.label(),
            created: crate::format::moment_paris(r.created_at),
        })
        .collect();
    let memberships = user
        .memberships
        .iter()
        .map(|m| MembershipLine {
            organisation_id: m.organisation.0,
            organisation: crate::acces::name_of(&organisations, m.organisation),
            role_code: m.role.code(),
            role: m.role.label(),
        })
        .collect();
    let page = crate::page::render(&DetailPage {
        layout: layout(
            &user.display_name,
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::link("Comptes", "/admin/utilisateurs"),
                Crumb::here(user.display_name.clone()),
            ],
        ),
        created: crate::format::moment_paris(user.created_at),
        itself: user.id == signed_in.user.id,
        sessions,
        memberships,
        requests,
        groups: tree::groups(&organisations),
        roles: tree::choices(
            OrgRole::ALL.iter().map(|r| (r.code(), r.label())),
            &outcome.form.role.value,
        ),
        form: outcome.form,
        done: outcome.done,
        problem: outcome.problem,
        user,
        csrf,
    })?;
    Ok((outcome.status, page).into_response())
}

/// GET `/admin/utilisateurs/{id}`.
pub async fn detail(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("etat") => {
            Some("L’état du compte est changé ; ses sessions sont fermées s’il est désactivé.")
        }
        Some("administrateur") => {
            Some("Le droit d’administration est changé ; les sessions du compte sont fermées.")
        }
        Some("roles") => Some("Les rôles du compte sont changés ; ses sessions sont fermées."),
        _ => None,
    };
    let outcome = Outcome {
        done,
        problem: None,
        form: RoleForm::default(),
        status: StatusCode::OK,
    };
    detail_page(&state, &signed_in, UserId(id), outcome, csrf).await
}

/// A refusal shown on the account's page.
async fn refuse(
    state: &AppState,
    signed_in: &SignedIn,
    id: UserId,
    problem: &str,
    form: RoleForm,
    csrf: String,
) -> Result<Response, PageError> {
    let outcome = Outcome {
        done: None,
        problem: Some(problem.to_owned()),
        form,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    detail_page(state, signed_in, id, outcome, csrf).await
}

/// Audits a change done to `id`, ends its sessions when `sessions_end`, and goes back to its page.
async fn done(
    state: &AppState,
    signed_in: SignedIn,
    ip: &ClientIp,
    id: UserId,
    action: &str,
    detail: String,
    fait: &str,
) -> Result<Response, PageError> {
    let ended = state.store.delete_sessions_of(id).await?;
    crate::audit::allowed(
        state,
        &Visitor(Some(signed_in)),
        ip,
        action,
        &format!("compte:{id}"),
        &format!("{detail} ; {ended} session(s) fermée(s)"),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/utilisateurs/{id}?fait={fait}")).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateInput {
    actif: String,
}

/// POST `/admin/utilisateurs/{id}/etat`: disables (ending every session) or enables.
pub async fn set_state(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<StateInput>,
) -> Result<Response, PageError> {
    let id = UserId(id);
    let disable = match input.actif.as_str() {
        "non" => true,
        "oui" => false,
        _ => {
            return Err(PageError::BadRequest(
                "Choisissez d’activer ou de désactiver le compte.".into(),
            ));
        }
    };
    if state.store.user(id).await?.is_none() {
        return Err(PageError::NotFound);
    }
    if disable && id == signed_in.user.id {
        return refuse(
            &state,
            &signed_in,
            id,
            "Vous ne pouvez pas désactiver votre propre compte.",
            RoleForm::default(),
            csrf,
        )
        .await;
    }
    state
        .store
        .update_user(id, &UserChange::Disabled(disable))
        .await?;
    let action = if disable {
        "compte.desactivation"
    } else {
        "compte.activation"
    };
    done(&state, signed_in, &ip, id, action, String::new(), "etat").await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminInput {
    administrateur: String,
}

/// POST `/admin/utilisateurs/{id}/administrateur`: grants or withdraws Vivier's administration.
pub async fn set_admin(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<AdminInput>,
) -> Result<Response, PageError> {
    let id = UserId(id);
    let grant = match input.administrateur.as_str() {
        "oui" => true,
        "non" => false,
        _ => {
            return Err(PageError::BadRequest(
                "Choisissez de donner ou de retirer le droit.".into(),
            ));
        }
    };
    let Some(user) = state.store.user(id).await? else {
        return Err(PageError::NotFound);
    };
    if id == signed_in.user.id && !grant {
        return refuse(&state, &signed_in, id, "Vous ne pouvez pas retirer votre propre droit d’administration : demandez-le à un autre administrateur.", RoleForm::default(), csrf).await;
    }
    if grant && user.kind != AccountKind::Agent {
        return refuse(
            &state,
            &signed_in,
            id,
            "Seul un compte d’agent peut administrer Vivier.",
            RoleForm::default(),
            csrf,
        )
        .await;
    }
    state
        .store
        .update_user(id, &UserChange::Admin(grant))
        .await?;
    let action = if grant {
        "role.admin.attribution"
    } else {
        "role.admin.retrait"
    };
    done(
        &state,
        signed_in,
        &ip,
        id,
        action,
        String::new(),
        "administrateur",
    )
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    operation: String,
    organisation: String,
    role: String,
}

/// POST `/admin/utilisateurs/{id}/roles`: adds or removes a role in an organisation (agents
/// only).
pub async fn set_role(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<RoleInput>,
) -> Result<Response, PageError> {
    let id = UserId(id);
    let add = match input.operation.as_str() {
        "ajouter" => true,
        "retirer" => false,
        _ => {
            return Err(PageError::BadRequest(
                "Choisissez d’ajouter ou de retirer le rôle.".into(),
            ));
        }
    };
    let Some(user) = state.store.user(id).await? else {
        return Err(PageError::NotFound);
    };
    let organisations = state.store.organisations().await?;
    let mut form = RoleForm {
        organisation: Field {
            value: input.organisation.trim().to_owned(),
            error: None,
        },
        role: Field {
            value: input.role.trim().to_owned(),
            error: None,
        },
    };
    let organisation = tree::find(&organisations, &form.organisation.value);
    if organisation.is_none() {
        form.organisation.error = Some("Choisissez l’organisation dans la liste.".into());
    }
    let role = OrgRole::from_code(&form.role.value);
    if role.is_none() {
        form.role.error = Some("Choisissez un rôle.".into());
    }
    if user.kind != AccountKind::Agent {
        return refuse(
            &state,
            &signed_in,
            id,
            "Un compte de candidat ne peut pas avoir de rôle dans une organisation.",
            form,
            csrf,
        )
        .await;
    }
    let (Some(organisation), Some(role)) = (organisation, role) else {
        return refuse(
            &state,
            &signed_in,
            id,
            "Le rôle n’a pas été changé : corrigez le formulaire.",
            form,
            csrf,
        )
        .await;
    };
    let membership = Membership {
        organisation: organisation.id,
        role,
    };
    if !add && !user.memberships.contains(&membership) {
        return refuse(
            &state,
            &signed_in,
            id,
            "Ce compte n’a pas ce rôle dans cette organisation.",
            form,
            csrf,
        )
        .await;
    }
    state
        .store
        .update_user(id, &UserChange::Membership(membership, add))
        .await?;
    let action = if add {
        "role.attribution"
    } else {
        "role.retrait"
    };
    let detail = format!("organisation:{} rôle {}", organisation.id, role.code());
    done(&state, signed_in, &ip, id, action, detail, "roles").await
}
