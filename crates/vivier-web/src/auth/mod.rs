//! Who is asking: sessions, CSRF protection, passwords, rate limits.
//!
//! A request's session is loaded by [`session::load`] before routing reaches a handler; the
//! handler reads it with [`Visitor`]. Every state-changing request has passed
//! [`csrf::verify`], and the [`policy`](crate::policy) has decided the route is open to the
//! visitor's roles.

pub mod csrf;
pub mod limits;
pub mod password;
pub mod session;
pub mod tokens;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use vivier_domain::account::Role;
use vivier_store::accounts::User;

/// Deletes, every `every`, the sessions, single-use tokens and rate-limit windows that have
/// expired (each node does it; the deletions are idempotent).
pub fn spawn_purge(
    store: std::sync::Arc<dyn vivier_store::Store>,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let now = session::now();
            if let Err(error) = store.purge_expired(now, now - limits::LONGEST_WINDOW).await {
                tracing::warn!(%error, "expired sessions and tokens not purged");
            }
        }
    })
}

/// A signed-in user, as [`session::load`] found them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The SHA-256 of the session's cookie token.
    pub session_hash: String,
    pub user: User,
}

impl SignedIn {
    /// The roles the policy reads.
    pub fn roles(&self) -> Vec<Role> {
        self.user.principal().roles()
    }

    /// Where this user lands after signing in, when no page was asked for.
    pub fn home(&self) -> &'static str {
        home_of(&self.roles())
    }
}

/// The page a user with `roles` lands on after signing in.
pub fn home_of(roles: &[Role]) -> &'static str {
    if roles.contains(&Role::Candidate) {
        "/espace-candidat"
    } else if roles.contains(&Role::Admin) && !roles.contains(&Role::Recruiter) {
        "/admin"
    } else {
        "/recruteur"
    }
}

/// The person behind a request: signed in or not.
#[derive(Debug, Clone)]
pub struct Visitor(pub Option<SignedIn>);

impl Visitor {
    /// The policy's view of this visitor: their roles, or [`Role::Visitor`].
    pub fn roles(&self) -> Vec<Role> {
        self.0
            .as_ref()
            .map_or_else(|| vec![Role::Visitor], SignedIn::roles)
    }

    /// How the audit log names this visitor.
    pub fn label(&self) -> String {
        self.0.as_ref().map_or_else(
            || "visiteur".to_owned(),
            |s| s.user.email.as_str().to_owned(),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<SignedIn>().cloned()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = axum::response::Redirect;

    /// The policy lets only signed-in users reach the handlers that ask for one; should one be
    /// reached anyway, the visitor is sent to sign in.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<SignedIn>()
            .cloned()
            .ok_or_else(|| axum::response::Redirect::to("/connexion"))
    }
}

/// The address a request came from, as the audit log and the rate limits know it.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl ClientIp {
    /// Reads the peer address of the connection (`serve` records it; in-process tests have none).
    pub fn of(parts: &Parts) -> Self {
        Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "inconnue".to_owned(), |info| info.0.ip().to_string()),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::of(parts))
    }
}
