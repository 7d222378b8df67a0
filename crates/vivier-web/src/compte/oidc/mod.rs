//! Signing in through OpenID Connect: candidates with a FranceConnect-compatible provider, State
//! agents with a ProConnect-compatible one.
//!
//! `POST /connexion/oidc/{fournisseur}` starts a sign-in: a random `state`, nonce and PKCE
//! (S256) verifier are kept server-side under the state's hash ([`PendingLogin`]), bound to the
//! browser by a `__Host-` cookie, and the browser is sent to the provider. The provider sends it
//! back to `GET /connexion/oidc/{fournisseur}/retour` ([`callback`]): the pending sign-in is taken
//! (once, by the same browser, unexpired), the code exchanged with the verifier, the ID token
//! checked (signature against the provider's keys, issuer, audience, expiry, nonce), then the
//! identity signs in its account ([`account`]).

mod account;
mod callback;
pub mod config;
pub mod provider;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{CsrfToken, Nonce, PkceCodeChallenge, Scope};
use serde::Deserialize;
use vivier_store::accounts::PendingLogin;

use crate::AppState;
use crate::auth::csrf::read_cookie;
use crate::auth::{ClientIp, Visitor, limits, session, tokens};
use crate::error::PageError;
use crate::extract::{PageForm, Segments};
use crate::policy::Routes;
use config::Side;

pub use provider::Providers;

/// The cookie that binds a pending sign-in to the browser that started it.
pub const BROWSER_COOKIE: &str = "__Host-vivier-oidc";
/// How long a sign-in may wait for the provider's answer (seconds).
pub const PENDING_LIFETIME: i64 = 10 * 60;

/// Routes of OpenID Connect sign-in.
pub fn routes() -> Routes {
    Routes::new()
        .route("/connexion/oidc/{fournisseur}", post(start))
        .route(
            "/connexion/oidc/{fournisseur}/retour",
            get(callback::callback),
        )
}

/// A provider's button, as the sign-in and sign-up pages show it.
#[derive(Debug, Clone)]
pub struct Button {
    /// `candidats` or `agents`: where the form posts.
    pub side: &'static str,
    /// The provider's name (`FranceConnect`, `ProConnect`…).
    pub label: String,
    /// ProConnect's button (agents) rather than FranceConnect's.
    pub agents: bool,
}

/// The buttons of the configured providers, candidates' first.
pub fn buttons(state: &AppState) -> Vec<Button> {
    Side::ALL
        .into_iter()
        .filter_map(|side| {
            let provider = state.oidc.get(side)?;
            Some(Button {
                side: side.code(),
                label: provider.config.label.clone(),
                agents: side == Side::Agents,
            })
        })
        .collect()
}

/// The configured provider named in the path, or 404.
fn provider_of(
    state: &AppState,
    code: &str,
) -> Result<std::sync::Arc<provider::Provider>, PageError> {
    Side::parse(code)
        .and_then(|side| state.oidc.get(side).cloned())
        .ok_or(PageError::NotFound)
}

/// The page of a refused sign-in, with the way back to the sign-in page.
fn refused_page(status: StatusCode, message: String) -> Result<Response, PageError> {
    let page = super::Notice::new("Connexion impossible", vec![message])
        .with_links(vec![("Revenir à la page de connexion", "/connexion")])
        .render(String::new())?;
    Ok((status, page).into_response())
}

/// The French page of a provider that cannot be reached or answers nonsense.
fn unavailable(label: &str) -> PageError {
    PageError::BadGateway(format!(
        "{label} ne répond pas pour le moment : la connexion par ce service est impossible. \
         Réessayez dans quelques minutes, ou connectez-vous avec votre adresse électronique et \
         votre mot de passe."
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Start {
    #[serde(default)]
    suite: String,
}

/// POST: starts a sign-in at the provider and sends the browser there (303).
pub async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    headers: HeaderMap,
    Segments(code): Segments<String>,
    PageForm(input): PageForm<Start>,
) -> Result<Response, PageError> {
    let provider = provider_of(&state, &code)?;
    let now = session::now();
    limits::check(state.store.as_ref(), limits::OIDC_START_PER_IP, &ip.0, now).await?;
    let metadata = match provider.metadata(&state.oidc.http, false).await {
        Ok(metadata) => metadata,
        Err(reason) => {
            let detail = format!("fournisseur injoignable : {reason}");
            crate::audit::denied(&state, &visitor, &ip, "connexion.oidc", &code, &detail).await;
            return Err(unavailable(&provider.config.label));
        }
    };
    let client = provider.client(metadata);
    let state_token = tokens::random();
    let nonce = tokens::random();
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        {
            let state_token = state_token.clone();
            move || CsrfToken::new(state_token)
        },
        {
            let nonce = nonce.clone();
            move || Nonce::new(nonce)
        },
    );
    for scope in provider.config.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, _, _) = request.set_pkce_challenge(challenge).url();

    // One binding cookie per browser, kept across sign-ins (two tabs may sign in at once).
    let browser = read_cookie(&headers, BROWSER_COOKIE)
        .filter(|token| tokens::well_formed(token))
        .unwrap_or_else(tokens::random);
    state
        .store
        .save_pending_login(&PendingLogin {
            state_hash: tokens::hash(&state_token),
            browser_hash: tokens::hash(&browser),
            provider: provider.side.code().to_owned(),
            nonce,
            pkce_verifier: verifier.into_secret(),
            next: super::login::safe_next(Some(&input.suite)),
            created_at: now,
            expires_at: now + PENDING_LIFETIME,
        })
        .await?;
    let cookie = cookie::Cookie::build((BROWSER_COOKIE, browser))
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(PENDING_LIFETIME))
        .build();
    let cookie = HeaderValue::from_str(&cookie.to_string())
        .map_err(|e| PageError::Internal(format!("OIDC cookie: {e}")))?;
    let mut response = Redirect::to(url.as_str()).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
