-- OpenID Connect: the identities accounts sign in with, and the sign-ins waiting for their
-- provider's answer.

-- An identity at a provider (its issuer and the subject it names the person with) belongs to one
-- account; an account has at most one identity per issuer.
CREATE TABLE user_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Which configured provider it came through (`candidats`, `agents`).
    provider TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject),
    UNIQUE (user_id, issuer)
);

-- A sign-in sent to a provider: keyed by the SHA-256 of its `state`, bound to the browser that
-- started it (SHA-256 of a cookie), used once and short-lived.
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_logins_expiry ON oidc_logins (expires_at);
