//! The queues of pending requests and the decisions: Vivier's administrators see every
//! request, an organisation's administrator those for their organisations and what lies under
//! them. A decision outside one's organisations, or on one's own request, is refused and
//! audited; a request is decided once.

use std::collections::HashSet;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::OrganisationId;
use vivier_domain::account::OrgRole;
use vivier_store::StoreError;
use vivier_store::admin::{AccessRequest, Decision, RequestFilter, RequestStatus};

use super::{MESSAGE_MAX, absolute, mails, name_of};
use crate::AppState;
use crate::admin::tree;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Crumb, Layout, Nav};

/// Where a queue lives: Vivier's administrators' or the organisations' administrators'.
#[derive(Debug, Clone, Copy)]
enum Desk {
    Vivier,
    Organisations,
}

impl Desk {
    fn base(self) -> &'static str {
        match self {
            Self::Vivier => "/admin/demandes",
            Self::Organisations => "/recruteur/demandes",
        }
    }

    fn crumbs(self) -> Vec<Crumb> {
        match self {
            Self::Vivier => vec![
                Crumb::link("Administration", "/admin"),
                Crumb::here("Demandes d’accès"),
            ],
            Self::Organisations => vec![
                Crumb::link("Espace recruteur", "/recruteur"),
                Crumb::here("Demandes d’accès"),
            ],
        }
    }
}

/// One pending request, as the queue shows it.
#[derive(Debug)]
struct Line {
    id: i64,
    requester: String,
    email: String,
    organisation: String,
    role: &'static str,
    message: String,
    created: String,
}

#[derive(Template)]
#[template(path = "admin/demandes.html")]
struct QueuePage {
    layout: Layout,
    base: &'static str,
    lines: Vec<Line>,
    done: Option<&'static str>,
    problem: Option<String>,
    csrf: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

/// The organisations whose requests `signed_in` decides: `None` for every one.
async fn scope_of(
    state: &AppState,
    signed_in: &SignedIn,
    desk: Desk,
) -> Result<Option<HashSet<OrganisationId>>, PageError> {
    if matches!(desk, Desk::Vivier) || signed_in.user.is_admin {
        return Ok(None);
    }
    let organisations = state.store.organisations().await?;
    let tree = tree::tree_of(&organisations);
    Ok(Some(
        tree.subtree(
            signed_in
                .user
                .principal()
                .organisations_with(OrgRole::OrgAdmin)
                .collect::<Vec<_>>(),
        ),
    ))
}

async fn queue(
    state: &AppState,
    desk: Desk,
    scope: Option<&HashSet<OrganisationId>>,
    done: Option<&'static str>,
    problem: Option<String>,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let pending = state
        .store
        .access_requests(
            &RequestFilter {
                status: Some(RequestStatus::Pending),
                user: None,
            },
            1_000,
        )
        .await?;
    let lines = pending
        .into_iter()
        .filter(|r| scope.is_none_or(|s| s.contains(&r.organisation)))
        .map(|r| Line {
            id: r.id,
            requester: r.user_name,
            email: r.user_email.as_str().to_owned(),
            organisation: name_of(&organisations, r.organisation),
            role: r.role.label(),
            message: r.message,
            created: crate::format::moment_paris(r.created_at),
        })
        .collect();
    let mut layout = Layout::new(
        "Demandes d’accès",
        "Les demandes d’accès en attente.",
        Nav::None,
    )
    .with_breadcrumb(desk.crumbs());
    layout.noindex = true;
    let page = crate::page::render(&QueuePage {
        layout,
        base: desk.base(),
        lines,
        done,
        problem,
        csrf,
    })?;
    Ok((status, page).into_response())
}

fn done_message(query: &DoneQuery) -> Option<&'static str> {
    match query.fait.as_deref() {
        Some("acceptee") => {
            Some("La demande est acceptée ; son auteur ou autrice est prévenu·e par courriel.")
        }
        Some("refusee") => {
            Some("La demande est refusée ; son auteur ou autrice est prévenu·e par courriel.")
        }
        _ => None,
    }
}

/// GET `/admin/demandes`.
pub async fn admin_queue(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    queue(
        &state,
        Desk::Vivier,
        None,
        done_message(&query),
        None,
        csrf,
        StatusCode::OK,
    )
    .await
}

/// GET `/recruteur/demandes`.
pub async fn org_queue(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let scope = scope_of(&state, &signed_in, Desk::Organisations).await?;
    queue(
        &state,
        Desk::Organisations,
        scope.as_ref(),
        done_message(&query),
        None,
        csrf,
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    decision: String,
    #[serde(default)]
    motif: String,
}

/// POST `/admin/demandes/{id}`.
pub async fn admin_decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<DecisionInput>,
) -> Result<Response, PageError> {
    decide(&state, signed_in, &ip, csrf, id, input, Desk::Vivier).await
}

/// POST `/recruteur/demandes/{id}`.
pub async fn org_decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<i64>,
    PageForm(input): PageForm<DecisionInput>,
) -> Result<Response, PageError> {
    decide(&state, signed_in, &ip, csrf, id, input, Desk::Organisations).await
}

fn already(status: RequestStatus) -> String {
    format!(
        "Cette demande a déjà été traitée (elle est {}) : elle ne peut pas être décidée à nouveau.",
        status.label()
    )
}

async fn decide(
    state: &AppState,
    signed_in: SignedIn,
    ip: &ClientIp,
    csrf: String,
    id: i64,
    input: DecisionInput,
    desk: Desk,
) -> Result<Response, PageError> {
    let scope = scope_of(state, &signed_in, desk).await?;
    let approve = match input.decision.as_str() {
        "approuver" => true,
        "refuser" => false,
        _ => {
            return Err(PageError::BadRequest(
                "Choisissez d’accepter ou de refuser la demande.".into(),
            ));
        }
    };
    let reason = input.motif.trim();
    if reason.chars().count() > MESSAGE_MAX {
        let problem = "Le motif du refus ne doit pas dépasser 1 000 caractères.".to_owned();
        return queue(
            state,
            desk,
            scope.as_ref(),
            None,
            Some(problem),
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let Some(request) = state.store.access_request(id).await? else {
        return Err(PageError::NotFound);
    };
    let visitor = Visitor(Some(signed_in.clone()));
    let object = format!("demande:{id}");
    if scope
        .as_ref()
        .is_some_and(|s| !s.contains(&request.organisation))
    {
        crate::audit::denied(
            state,
            &visitor,
            ip,
            "acces.decision",
            &object,
            &format!(
                "organisation:{} hors de ses organisations",
                request.organisation
            ),
        )
        .await;
        return Err(PageError::Forbidden(
            "Cette demande concerne une organisation que vous n’administrez pas.".into(),
        ));
    }
    if request.user == signed_in.user.id {
        crate::audit::denied(
            state,
            &visitor,
            ip,
            "acces.decision",
            &object,
            "sa propre demande",
        )
        .await;
        return Err(PageError::Forbidden(
            "Vous ne pouvez pas décider de votre propre demande : un autre administrateur doit \
             s’en charger."
                .into(),
        ));
    }
    if request.status != RequestStatus::Pending {
        return queue(
            state,
            desk,
            scope.as_ref(),
            None,
            Some(already(request.status)),
            csrf,
            StatusCode::CONFLICT,
        )
        .await;
    }
    let reason = (!reason.is_empty() && !approve).then(|| reason.to_owned());
    let mail = answer(state, &request, approve, reason.as_deref()).await?;
    let decided = state
        .store
        .decide_access_request(
            id,
            &Decision {
                by: signed_in.user.id,
                approve,
                reason: reason.clone(),
            },
            &mail,
        )
        .await;
    match decided {
        Ok(Ok(_)) => {}
        Ok(Err(status)) => {
            return queue(
                state,
                desk,
                scope.as_ref(),
                None,
                Some(already(status)),
                csrf,
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(StoreError::NotFound(_)) => return Err(PageError::NotFound),
        Err(other) => return Err(other.into()),
    }
    crate::audit::allowed(
        state,
        &visitor,
        ip,
        if approve {
            "acces.approbation"
        } else {
            "acces.refus"
        },
        &object,
        &format!(
            "compte:{} organisation:{} rôle {}{}",
            request.user,
            request.organisation,
            request.role.code(),
            if approve {
                " ; sessions du compte fermées".to_owned()
            } else {
                reason
                    .map(|r| format!(" ; motif : {r}"))
                    .unwrap_or_default()
            }
        ),
    )
    .await;
    let done = if approve { "acceptee" } else { "refusee" };
    Ok(Redirect::to(&format!("{}?fait={done}", desk.base())).into_response())
}

/// The mail that answers the requester.
async fn answer(
    state: &AppState,
    request: &AccessRequest,
    approve: bool,
    reason: Option<&str>,
) -> Result<vivier_store::accounts::OutgoingMail, PageError> {
    let organisation = state
        .store
        .organisation(request.organisation)
        .await?
        .map_or_else(
            || format!("organisation {}", request.organisation),
            |o| o.display_name(),
        );
    let about = mails::About {
        organisation: &organisation,
        role: request.role.label(),
    };
    if approve {
        mails::approved(
            &request.user_email,
            &request.user_name,
            &about,
            absolute(state, "/connexion")?,
        )
    } else {
        mails::refused(&request.user_email, &request.user_name, &about, reason)
    }
}
