//! Rate limits on what attackers repeat: signing in, signing up, asking for a reset link,
//! following single-use links. Counted in the database, so every node shares them; fixed
//! windows, keyed by a hash of the address or account (no personal data in clear).

use vivier_store::Store;

use super::tokens;
use crate::error::PageError;

/// At most `max` attempts per `window` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: i64,
}

/// Sign-in attempts from one address.
pub const SIGN_IN_PER_IP: Limit = Limit {
    name: "connexion-ip",
    max: 30,
    window: 15 * 60,
};
/// Sign-in attempts on one account, from anywhere.
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    name: "connexion-compte",
    max: 10,
    window: 15 * 60,
};
/// Sign-ups from one address.
pub const SIGN_UP_PER_IP: Limit = Limit {
    name: "inscription-ip",
    max: 10,
    window: 60 * 60,
};
/// Reset-link requests from one address.
pub const RESET_PER_IP: Limit = Limit {
    name: "reinitialisation-ip",
    max: 10,
    window: 60 * 60,
};
/// Reset-link requests for one account (each one sends an e-mail).
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reinitialisation-compte",
    max: 3,
    window: 60 * 60,
};
/// Single-use links followed from one address (guessing tokens is hopeless anyway).
pub const LINKS_PER_IP: Limit = Limit {
    name: "liens-ip",
    max: 30,
    window: 15 * 60,
};

/// OpenID Connect sign-ins started from one address (each one writes a pending sign-in).
pub const OIDC_START_PER_IP: Limit = Limit {
    name: "oidc-debut-ip",
    max: 30,
    window: 15 * 60,
};
/// Returns from an OpenID Connect provider to one address.
pub const OIDC_CALLBACK_PER_IP: Limit = Limit {
    name: "oidc-retour-ip",
    max: 30,
    window: 15 * 60,
};
/// Returns from an OpenID Connect provider for one identity (issuer and subject).
pub const OIDC_CALLBACK_PER_ACCOUNT: Limit = Limit {
    name: "oidc-retour-compte",
    max: 10,
    window: 15 * 60,
};

/// The longest window: counters older than that are purged.
pub const LONGEST_WINDOW: i64 = 60 * 60;

/// Counts one attempt of `key` (an address, an e-mail) against `limit`; refuses it with
/// [`PageError::TooManyRequests`] (429, `Retry-After`) past the limit.
pub async fn check(store: &dyn Store, limit: Limit, key: &str, now: i64) -> Result<(), PageError> {
    let window_start = now - now.rem_euclid(limit.window);
    let bucket = format!("{}:{}", limit.name, tokens::hash(&key.to_lowercase()));
    let hits = store.hit_rate_limit(&bucket, window_start).await?;
    if hits > limit.max {
        tracing::info!(limit = limit.name, "rate limit reached");
        return Err(PageError::TooManyRequests {
            retry_after: u64::try_from(window_start + limit.window - now)
                .unwrap_or(1)
                .max(1),
        });
    }
    Ok(())
}
