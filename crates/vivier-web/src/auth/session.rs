//! Server-side sessions: the cookie holds a random token, the database its hash, the account
//! and the times. Any node serves any user. A session ends on sign-out, after its idle time or
//! its absolute lifetime, when its account is disabled or deleted, and when the password is
//! reset; signing in always starts a new one (no fixation).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use vivier_domain::UserId;
use vivier_domain::account::AccountKind;
use vivier_store::accounts::{NewSession, Session};

use super::{SignedIn, csrf::read_cookie, tokens};
use crate::AppState;
use crate::error::PageError;

/// The session cookie.
pub const COOKIE: &str = "__Host-vivier-session";

/// How long a session lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetime {
    /// Without activity, in seconds.
    pub idle: i64,
    /// At most, whatever the activity, in seconds.
    pub absolute: i64,
}

impl Lifetime {
    /// Agents reach candidates' data: 30 minutes idle, 12 hours at most. Candidates: a day idle,
    /// two weeks at most.
    pub fn of(kind: AccountKind) -> Self {
        match kind {
            AccountKind::Agent => Self {
                idle: 30 * 60,
                absolute: 12 * 60 * 60,
            },
            AccountKind::Candidate => Self {
                idle: 24 * 60 * 60,
                absolute: 14 * 24 * 60 * 60,
            },
        }
    }
}

/// Activity is written at most this often (seconds): reads need no write each time.
const TOUCH_EVERY: i64 = 60;

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Whether `session` may still be used at `now`.
pub fn is_live(session: &Session, now: i64) -> bool {
    let lifetime = Lifetime::of(session.user.kind);
    !session.user.disabled && now < session.expires_at && now - session.last_seen_at < lifetime.idle
}

/// The middleware: finds the request's session, if any and live, and makes it available as
/// [`SignedIn`]; a stale or unknown cookie is removed.
pub async fn load(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let mut clear = false;
    if let Some(token) = read_cookie(request.headers(), COOKIE) {
        clear = true;
        if tokens::well_formed(&token) {
            let hash = tokens::hash(&token);
            let now = now();
            match state.store.session(&hash).await {
                Ok(Some(session)) if is_live(&session, now) => {
                    if now - session.last_seen_at >= TOUCH_EVERY
                        && let Err(error) = state.store.touch_session(&hash, now).await
                    {
                        tracing::warn!(%error, "session activity not recorded");
                    }
                    request.extensions_mut().insert(SignedIn {
                        session_hash: hash,
                        user: session.user,
                    });
                    clear = false;
                }
                Ok(Some(_)) => {
                    if let Err(error) = state.store.delete_session(&hash).await {
                        tracing::warn!(%error, "stale session not deleted");
                    }
                }
                Ok(None) => {}
                Err(error) => return PageError::from(error).into_response(),
            }
        }
    }
    let mut response = next.run(request).await;
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(COOKIE.as_bytes()));
    if clear && !sets_session {
        response.headers_mut().append(header::SET_COOKIE, removal());
    }
    response
}

/// Starts a session for `user`; gives the `Set-Cookie` value that hands it to the browser.
pub async fn start(
    state: &AppState,
    user: UserId,
    kind: AccountKind,
    ip: &str,
    user_agent: &str,
) -> Result<HeaderValue, PageError> {
    let token = tokens::random();
    let now = now();
    let lifetime = Lifetime::of(kind);
    if kind == AccountKind::Candidate {
        // Any sign-in is activity: the talent pool's retention starts again.
        state.store.touch_candidate(user, now).await?;
    }
    state
        .store
        .create_session(&NewSession {
            token_hash: tokens::hash(&token),
            user,
            now,
            expires_at: now + lifetime.absolute,
            ip: ip.to_owned(),
            user_agent: user_agent.chars().take(300).collect(),
        })
        .await?;
    let mut cookie = cookie::Cookie::build((COOKIE, token))
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(cookie::SameSite::Lax);
    if kind == AccountKind::Candidate {
        // Candidates stay signed in across browser restarts; agents' cookies end with the browser.
        cookie = cookie.max_age(cookie::time::Duration::seconds(lifetime.absolute));
    }
    HeaderValue::from_str(&cookie.build().to_string())
        .map_err(|e| PageError::Internal(format!("session cookie: {e}")))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal() -> HeaderValue {
    let cookie = cookie::Cookie::build((COOKIE, ""))
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build();
    HeaderValue::from_str(&cookie.to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("__Host-vivier-session=; Max-Age=0"))
}
