//! `GET /connexion/oidc/{fournisseur}/retour`: the provider sends the browser back with a code
//! (or an error); the sign-in it started is taken, the code exchanged, the ID token checked.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use openidconnect::core::{CoreGenderClaim, CoreIdTokenClaims};
use openidconnect::{
    AccessToken, AdditionalClaims, AuthorizationCode, ClaimsVerificationError, Nonce,
    OAuth2TokenResponse, PkceCodeVerifier, RequestTokenError, SignatureVerificationError,
    TokenResponse, UserInfoClaims,
};
use serde::Deserialize;

use super::account::{self, Person};
use super::provider::{Client, Provider, describe, id_token_verifier};
use super::{BROWSER_COOKIE, unavailable};
use crate::AppState;
use crate::auth::csrf::read_cookie;
use crate::auth::{ClientIp, Visitor, limits, session, tokens};
use crate::error::PageError;
use crate::extract::{LenientQuery, Segments};

/// What a provider sends back in the query.
#[derive(Debug, Default, Deserialize)]
pub struct Return {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// ProConnect's `usual_name` (the name used, FranceConnect's `family_name` at birth aside).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
struct UsualName {
    usual_name: Option<String>,
}

impl AdditionalClaims for UsualName {}

/// Why a return is refused: the visitor's page, and the reason for the audit log.
struct Refusal {
    status: StatusCode,
    message: String,
    reason: String,
}

impl Refusal {
    fn bad(message: &str, reason: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.to_owned(),
            reason: reason.into(),
        }
    }
}

const START_AGAIN: &str = "Cette connexion n’est pas valable : elle a expiré, a déjà servi, ou a \
    été commencée dans un autre navigateur. Recommencez depuis la page de connexion.";
const TOKEN_REFUSED: &str = "La réponse du service d’identification n’a pas pu être vérifiée : \
    par sécurité, la connexion est refusée. Recommencez depuis la page de connexion.";

/// GET: finishes the sign-in, or says in French why not.
pub async fn callback(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    headers: HeaderMap,
    Segments(code): Segments<String>,
    LenientQuery(query): LenientQuery<Return>,
) -> Result<Response, PageError> {
    let provider = super::provider_of(&state, &code)?;
    let now = session::now();
    limits::check(
        state.store.as_ref(),
        limits::OIDC_CALLBACK_PER_IP,
        &ip.0,
        now,
    )
    .await?;
    match finish(&state, &provider, &headers, query, now).await? {
        Ok(person) => account::sign_in(&state, &visitor, &ip, &headers, &provider, person).await,
        Err(refusal) => {
            let object = format!("oidc:{}", provider.side.code());
            crate::audit::denied(&state, &visitor, &ip, "connexion", &object, &refusal.reason)
                .await;
            super::refused_page(refusal.status, refusal.message)
        }
    }
}

/// Checks the return and gives who the provider vouches for.
async fn finish(
    state: &AppState,
    provider: &Provider,
    headers: &HeaderMap,
    query: Return,
    now: i64,
) -> Result<Result<Person, Refusal>, PageError> {
    let label = provider.config.label.as_str();
    let Some(state_token) = query.state.filter(|s| tokens::well_formed(s)) else {
        return Ok(Err(Refusal::bad(START_AGAIN, "state absent ou mal formé")));
    };
    let Some(browser) = read_cookie(headers, BROWSER_COOKIE).filter(|b| tokens::well_formed(b))
    else {
        return Ok(Err(Refusal::bad(START_AGAIN, "cookie de liaison absent")));
    };
    // Taken whatever follows: a replayed return finds nothing.
    let pending = state
        .store
        .take_pending_login(&tokens::hash(&state_token), &tokens::hash(&browser))
        .await?;
    let Some(pending) = pending else {
        return Ok(Err(Refusal::bad(
            START_AGAIN,
            "state inconnu, déjà utilisé ou d’un autre navigateur",
        )));
    };
    if pending.expires_at <= now {
        return Ok(Err(Refusal::bad(
            START_AGAIN,
            "connexion en attente expirée",
        )));
    }
    if pending.provider != provider.side.code() {
        return Ok(Err(Refusal::bad(
            START_AGAIN,
            "state d’un autre fournisseur",
        )));
    }
    if let Some(error) = query.error {
        let message = if error == "access_denied" {
            format!("Vous avez annulé la connexion avec {label}.")
        } else {
            format!("{label} n’a pas pu vous identifier. Recommencez depuis la page de connexion.")
        };
        let reason: String = error.chars().take(100).collect();
        return Ok(Err(Refusal::bad(
            &message,
            format!("erreur du fournisseur : {reason}"),
        )));
    }
    let Some(code) = query.code.filter(|c| !c.is_empty() && c.len() <= 2048) else {
        return Ok(Err(Refusal::bad(START_AGAIN, "code absent")));
    };

    let http = &state.oidc.http;
    let Ok(metadata) = provider.metadata(http, false).await else {
        return Err(unavailable(label));
    };
    let client = provider.client(metadata);
    let exchange = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| PageError::Internal(format!("OIDC token endpoint: {e}")))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(http)
        .await;
    let tokens = match exchange {
        Ok(tokens) => tokens,
        // The provider refused the code (replayed, expired, wrong verifier…).
        Err(RequestTokenError::ServerResponse(refused)) => {
            return Ok(Err(Refusal::bad(
                TOKEN_REFUSED,
                format!("code refusé par le fournisseur : {}", refused.error()),
            )));
        }
        Err(other) => {
            tracing::warn!(provider = provider.side.code(), error = %describe(&other), "OIDC token exchange failed");
            return Err(unavailable(label));
        }
    };
    let Some(id_token) = tokens.id_token() else {
        return Ok(Err(Refusal::bad(TOKEN_REFUSED, "réponse sans ID token")));
    };
    let nonce = Nonce::new(pending.nonce.clone());
    let verified = id_token
        .claims(&id_token_verifier(&client), &nonce)
        .cloned();
    let (client, claims) = match verified {
        Ok(claims) => (client, claims),
        // A key Vivier does not know: the provider may have rotated its keys; once more with
        // fresh ones.
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            let Ok(metadata) = provider.metadata(http, true).await else {
                return Err(unavailable(label));
            };
            let client = provider.client(metadata);
            let verified = id_token
                .claims(&id_token_verifier(&client), &nonce)
                .cloned();
            match verified {
                Ok(claims) => (client, claims),
                Err(error) => return Ok(Err(refused_token(&error))),
            }
        }
        Err(error) => return Ok(Err(refused_token(&error))),
    };
    limits::check(
        state.store.as_ref(),
        limits::OIDC_CALLBACK_PER_ACCOUNT,
        &format!("{} {}", claims.issuer().as_str(), claims.subject().as_str()),
        now,
    )
    .await?;
    let mut person = Person::from_id_token(&claims, pending.next);
    if person.needs_user_info() {
        match user_info(http, &client, tokens.access_token().clone(), &claims).await {
            Ok(info) => person.complete(&info),
            Err(reason) => {
                tracing::warn!(provider = provider.side.code(), %reason, "OIDC user info failed");
                return Err(unavailable(label));
            }
        }
    }
    Ok(Ok(person))
}

/// A refused ID token, with what was wrong for the audit log.
fn refused_token(error: &ClaimsVerificationError) -> Refusal {
    let reason = match error {
        ClaimsVerificationError::SignatureVerification(_) => "signature invalide".to_owned(),
        ClaimsVerificationError::InvalidAudience(_) => "audience invalide".to_owned(),
        ClaimsVerificationError::InvalidIssuer(_) => "émetteur invalide".to_owned(),
        ClaimsVerificationError::InvalidNonce(_) => "nonce invalide".to_owned(),
        ClaimsVerificationError::Expired(_) => "ID token expiré".to_owned(),
        other => format!("ID token refusé : {other}"),
    };
    Refusal::bad(TOKEN_REFUSED, reason)
}

/// The user info of the signed-in person (JSON, or a JWT signed with the provider's keys).
async fn user_info(
    http: &super::provider::Http,
    client: &Client,
    access_token: AccessToken,
    claims: &CoreIdTokenClaims,
) -> Result<UserInfoClaims<UsualName, CoreGenderClaim>, String> {
    client
        .user_info(access_token, Some(claims.subject().clone()))
        .map_err(|e| e.to_string())?
        .request_async(http)
        .await
        .map_err(|e| describe(&e))
}

/// What the user info adds to a person.
pub trait UserInfo {
    fn email(&self) -> Option<String>;
    fn given_name(&self) -> Option<String>;
    fn family_name(&self) -> Option<String>;
}

impl UserInfo for UserInfoClaims<UsualName, CoreGenderClaim> {
    fn email(&self) -> Option<String> {
        UserInfoClaims::email(self).map(|e| e.as_str().to_owned())
    }

    fn given_name(&self) -> Option<String> {
        UserInfoClaims::given_name(self)
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned())
    }

    fn family_name(&self) -> Option<String> {
        self.additional_claims().usual_name.clone().or_else(|| {
            UserInfoClaims::family_name(self)
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned())
        })
    }
}
