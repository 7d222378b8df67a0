//! The account an identity signs in: the one it is linked to, else the account of the same kind
//! with the address the provider vouches for (linked then), else a new one.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use openidconnect::core::CoreIdTokenClaims;
use vivier_domain::Email;
use vivier_domain::account::AccountKind;
use vivier_store::StoreError;
use vivier_store::accounts::{Identity, NewUser, User};

use super::callback::UserInfo;
use super::config::Side;
use super::provider::Provider;
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor, session};
use crate::compte::user_agent;
use crate::error::PageError;

/// Longest display name kept.
const MAX_NAME_CHARS: usize = 100;

/// Who the provider vouches for.
#[derive(Debug, Clone)]
pub struct Person {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Where to go once signed in.
    pub next: Option<String>,
}

impl Person {
    /// What the ID token says.
    pub fn from_id_token(claims: &CoreIdTokenClaims, next: Option<String>) -> Self {
        Self {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            given_name: claims
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
            family_name: claims
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
            next,
        }
    }

    /// Whether the user info must complete the ID token (the address, or the names).
    pub fn needs_user_info(&self) -> bool {
        self.email.is_none() || self.given_name.is_none() || self.family_name.is_none()
    }

    /// Fills what the ID token lacked from the user info.
    pub fn complete(&mut self, info: &dyn UserInfo) {
        self.email = self.email.take().or_else(|| info.email());
        self.given_name = self.given_name.take().or_else(|| info.given_name());
        // ProConnect's usual name comes first: it is the one a person goes by.
        self.family_name = info.family_name().or_else(|| self.family_name.take());
    }

    /// "Given Family", cleaned; the address's local part if the provider gave no name.
    fn display_name(&self, email: &Email) -> String {
        let name = [&self.given_name, &self.family_name]
            .into_iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let name: String = name
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_NAME_CHARS)
            .collect();
        if name.trim().is_empty() {
            email
                .as_str()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            name
        }
    }
}

/// A disabled account is refused with the same message as a password sign-in.
use crate::compte::login::WRONG;

/// Why an identity signs in no account: what the visitor reads, and why for the audit log.
struct Refused {
    status: StatusCode,
    message: String,
    reason: &'static str,
}

impl Refused {
    fn new(status: StatusCode, message: impl Into<String>, reason: &'static str) -> Self {
        Self {
            status,
            message: message.into(),
            reason,
        }
    }
}

/// The account an identity signs in, and how it was found.
enum Found {
    /// The identity was linked to it already.
    Known(User),
    /// The identity is now linked to the account of its address.
    Linked(User),
    /// The account was created for the identity.
    Created(User),
}

/// How the other side signs in, for a refusal.
fn other_side(state: &AppState, kind: AccountKind) -> String {
    let side = match kind {
        AccountKind::Candidate => Side::Candidats,
        AccountKind::Agent => Side::Agents,
    };
    let who = match side {
        Side::Candidats => "de candidat·e",
        Side::Agents => "d’agent·e de l’État",
    };
    match state.oidc.get(side) {
        Some(provider) => format!(
            "Cette adresse électronique est celle d’un compte {who} : connectez-vous avec le \
             bouton « {} » ou avec votre mot de passe.",
            provider.config.label
        ),
        None => format!(
            "Cette adresse électronique est celle d’un compte {who} : connectez-vous avec votre \
             mot de passe."
        ),
    }
}

/// Finds the account of the identity: linked already, else the confirmed account of the same
/// kind and address (linked now), else a new one.
async fn find_or_create(
    state: &AppState,
    provider: &Provider,
    person: &Person,
) -> Result<Result<Found, Refused>, PageError> {
    let label = provider.config.label.as_str();
    if let Some(user) = state
        .store
        .identity_user(&person.issuer, &person.subject)
        .await?
    {
        return Ok(Ok(Found::Known(user)));
    }
    let identity = Identity {
        issuer: person.issuer.clone(),
        subject: person.subject.clone(),
        provider: provider.side.code().to_owned(),
    };
    let Some(email) = person.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
        return Ok(Err(Refused::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "{label} n’a pas transmis d’adresse électronique valable : Vivier ne peut pas \
                 créer votre compte."
            ),
            "adresse électronique absente ou invalide",
        )));
    };
    let kind = provider.side.kind();
    let now = session::now();
    match state.store.user_by_email(&email).await? {
        Some(existing) if existing.kind != kind => Ok(Err(Refused::new(
            StatusCode::FORBIDDEN,
            other_side(state, existing.kind),
            "compte de l’autre profil",
        ))),
        // Whoever created it never proved the address: linking would hand the person an
        // account someone else may hold the password of.
        Some(existing) if !existing.email_verified => Ok(Err(Refused::new(
            StatusCode::FORBIDDEN,
            "Un compte existe déjà avec cette adresse électronique, mais elle n’est pas \
             confirmée : suivez le lien de confirmation reçu par courriel (ou connectez-vous avec \
             votre mot de passe pour en recevoir un nouveau), puis recommencez.",
            "compte existant non confirmé",
        ))),
        Some(existing) => match state.store.link_identity(existing.id, &identity, now).await {
            Ok(()) => Ok(Ok(Found::Linked(existing))),
            Err(StoreError::Conflict(_)) => Ok(Err(Refused::new(
                StatusCode::FORBIDDEN,
                format!(
                    "Votre compte Vivier est déjà lié à une autre identité {label}. \
                     Connectez-vous avec votre mot de passe."
                ),
                "compte déjà lié à une autre identité",
            ))),
            Err(error) => Err(error.into()),
        },
        None => {
            let new = NewUser {
                display_name: person.display_name(&email),
                email,
                kind,
                password_hash: None,
                email_verified: true,
            };
            match state
                .store
                .create_user_with_identity(&new, &identity, now)
                .await
            {
                Ok(user) => Ok(Ok(Found::Created(user))),
                Err(StoreError::Conflict(_)) => Ok(Err(Refused::new(
                    StatusCode::CONFLICT,
                    "Votre compte vient d’être créé par une autre connexion : recommencez.",
                    "création concurrente",
                ))),
                Err(error) => Err(error.into()),
            }
        }
    }
}

/// Signs the person in, linking or creating their account first if need be; or says why not.
pub async fn sign_in(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    headers: &HeaderMap,
    provider: &Provider,
    person: Person,
) -> Result<Response, PageError> {
    let label = provider.config.label.as_str();
    let object = format!("oidc:{}", provider.side.code());
    let refused = match find_or_create(state, provider, &person).await? {
        Ok(found) => {
            let (user, change) = match found {
                Found::Known(user) => (user, None),
                Found::Linked(user) => (
                    user,
                    Some((
                        "compte.liaison-oidc",
                        format!("identité {label} liée au compte existant"),
                    )),
                ),
                Found::Created(user) => (
                    user,
                    Some(("compte.creation-oidc", format!("compte créé par {label}"))),
                ),
            };
            if let Some((action, detail)) = change {
                let who = Visitor(Some(SignedIn {
                    session_hash: String::new(),
                    user: user.clone(),
                }));
                crate::audit::allowed(state, &who, ip, action, &object, &detail).await;
            }
            if user.disabled {
                Refused::new(StatusCode::FORBIDDEN, WRONG, "compte désactivé")
            } else if user.kind != provider.side.kind() {
                Refused::new(
                    StatusCode::FORBIDDEN,
                    WRONG,
                    "identité liée à un compte de l’autre profil",
                )
            } else {
                return start_session(state, visitor, ip, headers, provider, user, person.next)
                    .await;
            }
        }
        Err(refused) => refused,
    };
    crate::audit::denied(
        state,
        &Visitor(None),
        ip,
        "connexion",
        &object,
        refused.reason,
    )
    .await;
    super::refused_page(refused.status, refused.message)
}

/// Starts a session as password sign-in does: a new one, the previous one ended.
async fn start_session(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    headers: &HeaderMap,
    provider: &Provider,
    user: User,
    next: Option<String>,
) -> Result<Response, PageError> {
    if let Some(previous) = &visitor.0 {
        state.store.delete_session(&previous.session_hash).await?;
    }
    let cookie = session::start(state, user.id, user.kind, &ip.0, &user_agent(headers)).await?;
    let signed_in = SignedIn {
        session_hash: String::new(),
        user,
    };
    let target = next.unwrap_or_else(|| signed_in.home().to_owned());
    let who = Visitor(Some(signed_in));
    let detail = format!("OpenID Connect ({})", provider.config.label);
    crate::audit::allowed(state, &who, ip, "connexion", "/connexion", &detail).await;
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
