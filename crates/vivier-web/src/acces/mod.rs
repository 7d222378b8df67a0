//! Access requests: an agent asks for a role in an organisation from `/recruteur`; Vivier's
//! administrators (`/admin/demandes`) or the administrators of that organisation or of one
//! above it (`/recruteur/demandes`) approve or refuse, and the agent gets an e-mail either way.
//! An approval grants the role and ends the agent's sessions (a privilege change: they sign in
//! again, under a new session id). Every decision, and every refused attempt, is audited.

mod decide;
mod mails;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use vivier_domain::account::{Membership, OrgRole};
use vivier_domain::organisation::Organisation;
use vivier_store::StoreError;
use vivier_store::accounts::User;
use vivier_store::admin::{NewAccessRequest, RequestFilter, RequestStatus};

use crate::AppState;
use crate::admin::tree::{self, OrgGroup};
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::compte::Field;
use crate::error::PageError;
use crate::extract::PageForm;
use crate::policy::Routes;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/recruteur/acces", post(submit))
        .route("/recruteur/demandes", get(decide::org_queue))
        .route("/recruteur/demandes/{id}", post(decide::org_decide))
        .route("/admin/demandes", get(decide::admin_queue))
        .route("/admin/demandes/{id}", post(decide::admin_decide))
}

/// Longest message of a request, and of a refusal's reason (characters).
pub const MESSAGE_MAX: usize = 1_000;

/// The request form, as typed.
#[derive(Debug, Default)]
pub struct RequestForm {
    pub organisation: Field,
    pub role: Field,
    pub message: Field,
}

impl RequestForm {
    fn has_errors(&self) -> bool {
        self.organisation.error.is_some()
            || self.role.error.is_some()
            || self.message.error.is_some()
    }
}

/// One of the agent's requests, as their home lists it.
#[derive(Debug)]
pub struct OwnRequest {
    pub organisation: String,
    pub role: &'static str,
    pub status: &'static str,
    pub created: String,
}

/// What the recruiters' home shows of access requests: the form and the agent's requests.
#[derive(Debug)]
pub struct AccessPanel {
    pub form: RequestForm,
    pub groups: Vec<OrgGroup>,
    /// The roles one may ask for.
    pub roles: Vec<tree::Choice>,
    /// Pending first, then the last decided ones.
    pub requests: Vec<OwnRequest>,
    /// "Votre demande a été envoyée".
    pub sent: bool,
}

/// The name of an organisation among these, or its id.
pub(crate) fn name_of(organisations: &[Organisation], id: vivier_domain::OrganisationId) -> String {
    organisations
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| format!("organisation {id}"), Organisation::display_name)
}

/// The panel of `user`'s home.
pub async fn panel(
    state: &AppState,
    user: &User,
    form: RequestForm,
    sent: bool,
) -> Result<AccessPanel, PageError> {
    let organisations = state.store.organisations().await?;
    let mut requests = state
        .store
        .access_requests(
            &RequestFilter {
                status: None,
                user: Some(user.id),
            },
            20,
        )
        .await?;
    requests.sort_by_key(|r| (r.status != RequestStatus::Pending, std::cmp::Reverse(r.id)));
    Ok(AccessPanel {
        groups: tree::groups(&organisations),
        roles: tree::choices(
            OrgRole::ALL.iter().map(|r| (r.code(), r.label())),
            &form.role.value,
        ),
        requests: requests
            .into_iter()
            .map(|r| OwnRequest {
                organisation: name_of(&organisations, r.organisation),
                role: r.role.label(),
                status: r.status.label(),
                created: crate::format::moment_paris(r.created_at),
            })
            .collect(),
        form,
        sent,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    organisation: String,
    role: String,
    message: String,
}

/// The absolute address of `path`, for an e-mail.
pub(crate) fn absolute(state: &AppState, path: &str) -> Result<String, PageError> {
    state
        .config
        .public_url
        .join(path)
        .map(String::from)
        .map_err(|e| PageError::Internal(format!("link: {e}")))
}

/// POST `/recruteur/acces`: records the request and tells its reviewers.
async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<RequestInput>,
) -> Result<Response, PageError> {
    let organisations = state.store.organisations().await?;
    let typed = |value: &str| Field {
        value: value.trim().to_owned(),
        error: None,
    };
    let mut form = RequestForm {
        organisation: typed(&input.organisation),
        role: typed(&input.role),
        message: Field {
            value: input.message.trim().to_owned(),
            error: None,
        },
    };
    let organisation = tree::find(&organisations, &form.organisation.value);
    if organisation.is_none() {
        form.organisation.error = Some("Choisissez l’organisation dans la liste.".into());
    }
    let role = OrgRole::from_code(&form.role.value);
    if role.is_none() {
        form.role.error = Some("Choisissez le rôle demandé.".into());
    }
    let length = form.message.value.chars().count();
    if length > MESSAGE_MAX {
        form.message.error = Some(format!(
            "Votre message ne doit pas dépasser 1 000 caractères (il en compte {}).",
            crate::format::thousands(length as u64)
        ));
    }
    if let (Some(organisation), Some(role)) = (organisation, role)
        && signed_in.user.memberships.contains(&Membership {
            organisation: organisation.id,
            role,
        })
    {
        form.role.error = Some("Vous avez déjà ce rôle dans cette organisation.".into());
    }
    let (Some(organisation), Some(role), false) = (organisation, role, form.has_errors()) else {
        return crate::recruteur::render_home(
            &state,
            &signed_in,
            form,
            false,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let ancestry = tree::tree_of(&organisations).ancestry(organisation.id);
    let about = mails::About {
        organisation: &organisation.display_name(),
        role: role.label(),
    };
    let requester = format!(
        "{} ({})",
        signed_in.user.display_name,
        signed_in.user.email.as_str()
    );
    let mut notices = Vec::new();
    for reviewer in state.store.reviewers_of(&ancestry).await? {
        if reviewer.id == signed_in.user.id {
            continue;
        }
        let queue = if reviewer.is_admin {
            "/admin/demandes"
        } else {
            "/recruteur/demandes"
        };
        notices.push(mails::new_request(
            &reviewer.email,
            &reviewer.display_name,
            &requester,
            &about,
            &form.message.value,
            absolute(&state, queue)?,
        )?);
    }
    let created = state
        .store
        .create_access_request(
            &NewAccessRequest {
                user: signed_in.user.id,
                organisation: organisation.id,
                role,
                message: form.message.value.clone(),
            },
            &notices,
        )
        .await;
    let created = match created {
        Ok(created) => created,
        Err(StoreError::Conflict(_)) => {
            form.organisation.error = Some(
                "Vous avez déjà une demande en attente pour ce rôle dans cette organisation."
                    .into(),
            );
            return crate::recruteur::render_home(
                &state,
                &signed_in,
                form,
                false,
                csrf,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(other) => return Err(other.into()),
    };
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "acces.demande",
        &format!("demande:{}", created.id),
        &format!(
            "organisation:{} rôle {} ; {} administrateur(s) prévenu(s)",
            organisation.id,
            role.code(),
            notices.len()
        ),
    )
    .await;
    Ok(Redirect::to("/recruteur?demande=envoyee").into_response())
}
