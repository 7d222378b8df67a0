//! Protection against cross-site request forgery, on every state-changing request.
//!
//! Each browser gets a random `__Host-` cookie (readable by no script, settable by no
//! sub-domain). A form carries an HMAC of that cookie and of the session: a forged request from
//! another site can send the cookie but cannot know the HMAC. [`protect`] refuses any request
//! other than GET/HEAD/OPTIONS whose `csrf` form field (removed before the handler reads the
//! form) or `X-CSRF-Token` header does not match, and any that a browser marks cross-site.
//!
//! One path is let through: the one-click unsubscribe of mail clients (RFC 8058,
//! [`crate::candidat::desabonnement::ONE_CLICK_PATH`]), posted by the mail provider's servers
//! without any cookie. The signature in its address is its authority, and all it can do is
//! stop one alert.

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{ClientIp, SignedIn, Visitor, tokens};
use crate::AppState;
use crate::error::{ApiError, PageError};

/// The browser's CSRF cookie.
pub const COOKIE: &str = "__Host-vivier-csrf";
/// The form field holding the token.
pub const FIELD: &str = "csrf";
/// The header holding the token (API and scripts).
pub const HEADER: &str = "x-csrf-token";

/// The key of the HMAC, shared by every node (kept in the database).
#[derive(Clone)]
pub struct CsrfKey(Arc<[u8]>);

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey(…)")
    }
}

impl CsrfKey {
    /// Reads the key from the store, where the first node to start wrote it.
    pub async fn load(store: &dyn vivier_store::Store) -> vivier_store::StoreResult<Self> {
        let candidate = tokens::random();
        let key = store.shared_secret("csrf-hmac-key", &candidate).await?;
        Ok(Self(Arc::from(key.into_bytes())))
    }

    fn mac(&self, cookie: &str, session: &str) -> Hmac<Sha256> {
        // HMAC accepts keys of any length.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(b"vivier-csrf\0");
        mac.update(cookie.as_bytes());
        mac.update(b"\0");
        mac.update(session.as_bytes());
        mac
    }

    /// The token of a browser's cookie within a session (empty: signed out).
    pub fn token(&self, cookie: &str, session: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(cookie, session).finalize().into_bytes())
    }

    /// Whether `presented` is that token, compared in constant time.
    pub fn verify(&self, cookie: &str, session: &str, presented: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(presented)
            .is_ok_and(|bytes| self.mac(cookie, session).verify_slice(&bytes).is_ok())
    }
}

/// What [`protect`] leaves for the page: the browser's cookie, or the one issued to it when a
/// page first asks for a token (most requests never do: no random work for them).
#[derive(Debug, Clone)]
struct BrowserCookie {
    existing: Option<String>,
    session: String,
    issued: Arc<OnceLock<String>>,
}

impl BrowserCookie {
    fn value(&self) -> &str {
        match &self.existing {
            Some(value) => value,
            None => self.issued.get_or_init(tokens::random),
        }
    }
}

/// The token a form of this page must carry (`<input type="hidden" name="csrf">`).
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl FromRequestParts<AppState> for CsrfToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let cookie = parts
            .extensions
            .get::<BrowserCookie>()
            .ok_or_else(|| PageError::Internal("CSRF layer missing".into()))?;
        Ok(Self(state.csrf.token(cookie.value(), &cookie.session)))
    }
}

/// Reads a cookie's value from the request's `Cookie` headers.
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The middleware: checks the token of state-changing requests, and gives a browser without a
/// cookie one when a page asked for a token.
pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = read_cookie(request.headers(), COOKIE).filter(|v| tokens::well_formed(v));
    let session = request
        .extensions()
        .get::<SignedIn>()
        .map(|s| s.session_hash.clone())
        .unwrap_or_default();

    let exempt = request.uri().path() == crate::candidat::desabonnement::ONE_CLICK_PATH;
    let mut request = if is_safe(request.method()) || exempt {
        request
    } else {
        // Without a cookie, no token can match: refused below.
        let cookie = existing.as_deref().unwrap_or_default();
        match checked(&state, request, cookie, &session, existing.is_none()).await {
            Ok(request) => request,
            Err(refusal) => return refusal,
        }
    };
    let issued = Arc::new(OnceLock::new());
    request.extensions_mut().insert(BrowserCookie {
        existing,
        session,
        issued: issued.clone(),
    });
    let mut response = next.run(request).await;
    if let Some(value) = issued.get() {
        let cookie = cookie::Cookie::build((COOKIE, value.as_str()))
            .path("/")
            .secure(true)
            .http_only(true)
            .same_site(cookie::SameSite::Lax)
            .max_age(cookie::time::Duration::days(365))
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Checks a state-changing request; gives it back with the token removed from its form.
async fn checked(
    state: &AppState,
    request: Request,
    cookie: &str,
    session: &str,
    fresh: bool,
) -> Result<Request, Response> {
    let (mut parts, body) = request.into_parts();
    let cross_site = parts
        .headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let header_token = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let is_form = content_type
        .as_deref()
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));

    let (body, field_token) = if is_form {
        let bytes = match axum::body::to_bytes(body, crate::BODY_LIMIT).await {
            Ok(bytes) => bytes,
            Err(_) => return Err(PageError::PayloadTooLarge.into_response()),
        };
        let mut token = None;
        let mut rest = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in url::form_urlencoded::parse(&bytes) {
            if name == FIELD {
                token = Some(value.into_owned());
            } else {
                rest.append_pair(&name, &value);
            }
        }
        if token.is_some() {
            parts.headers.remove(header::CONTENT_LENGTH);
            (Body::from(rest.finish()), token)
        } else {
            (Body::from(bytes), None)
        }
    } else if crate::upload::is_multipart(content_type.as_deref()) {
        // The route's body limit applies (an upload's is larger than a form's); the file is
        // read once here, and the handler reads the same bytes.
        let bytes = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => bytes,
            Err(_) => return Err(PageError::PayloadTooLarge.into_response()),
        };
        let token = match content_type.as_deref() {
            Some(kind) => crate::upload::multipart_field(kind, bytes.clone(), FIELD).await,
            None => None,
        };
        (Body::from(bytes), token)
    } else {
        (body, None)
    };

    let presented = header_token.or(field_token);
    let valid = !cross_site
        && !fresh
        && presented.is_some_and(|token| state.csrf.verify(cookie, session, &token));
    if valid {
        return Ok(Request::from_parts(parts, body));
    }
    let visitor = Visitor(parts.extensions.get::<SignedIn>().cloned());
    let reason = if cross_site {
        "requête venue d’un autre site"
    } else if fresh {
        "aucun cookie de sécurité"
    } else {
        "jeton absent ou invalide"
    };
    crate::audit::denied(
        state,
        &visitor,
        &ClientIp::of(&parts),
        "csrf",
        parts.uri.path(),
        reason,
    )
    .await;
    let message = if fresh {
        "Votre navigateur n’a pas envoyé le cookie de sécurité de Vivier : autorisez les cookies \
         de ce site, rechargez la page et recommencez."
    } else {
        "Ce formulaire a expiré ou n’a pas été envoyé depuis Vivier. Rechargez la page et \
         recommencez."
    };
    Err(if parts.uri.path().starts_with("/api/") {
        ApiError::forbidden("csrf", message).into_response()
    } else {
        PageError::Forbidden(message.to_owned()).into_response()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_cookie_and_session() {
        let key = CsrfKey(Arc::from(b"une cle de test".to_vec()));
        let token = key.token("cookie", "session");
        assert!(key.verify("cookie", "session", &token));
        assert!(!key.verify("cookie", "", &token), "another session");
        assert!(!key.verify("autre", "session", &token), "another browser");
        assert!(!key.verify("cookie", "session", "pas du base64 !"));
        assert!(!key.verify("cookie", "session", ""));
        let other = CsrfKey(Arc::from(b"une autre cle".to_vec()));
        assert!(!other.verify("cookie", "session", &token), "another key");
    }
}
