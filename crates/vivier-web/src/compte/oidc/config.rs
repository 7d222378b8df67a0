//! The settings of the OpenID Connect providers, as plain data: the binary reads them from its
//! environment, tests write them.

use std::fmt;

use vivier_domain::account::AccountKind;

/// Which side of Vivier a provider signs in: candidates (a FranceConnect-compatible provider)
/// or State agents (a ProConnect-compatible one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Candidats,
    Agents,
}

impl Side {
    /// Both sides.
    pub const ALL: [Self; 2] = [Self::Candidats, Self::Agents];

    /// The code of the side in URLs and the store (`candidats`, `agents`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Candidats => "candidats",
            Self::Agents => "agents",
        }
    }

    /// The side named `code` in a URL.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|side| side.code() == code)
    }

    /// The kind of the accounts this side signs in.
    pub fn kind(self) -> AccountKind {
        match self {
            Self::Candidats => AccountKind::Candidate,
            Self::Agents => AccountKind::Agent,
        }
    }

    /// The scopes asked when none are configured: FranceConnect's and ProConnect's.
    pub fn default_scopes(self) -> &'static str {
        match self {
            Self::Candidats => "openid email given_name family_name",
            Self::Agents => "openid email given_name usual_name",
        }
    }

    /// The name of the button when none is configured.
    pub fn default_label(self) -> &'static str {
        match self {
            Self::Candidats => "FranceConnect",
            Self::Agents => "ProConnect",
        }
    }
}

/// One provider: where it is, who Vivier is to it, what Vivier asks.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// The issuer: its discovery document is at `{issuer}/.well-known/openid-configuration`.
    pub issuer: url::Url,
    pub client_id: String,
    /// Never printed: [`fmt::Debug`] hides it.
    pub client_secret: String,
    /// `openid` included.
    pub scopes: Vec<String>,
    /// The name on the button (`FranceConnect`, `ProConnect`…).
    pub label: String,
}

impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("issuer", &self.issuer.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("scopes", &self.scopes)
            .field("label", &self.label)
            .finish()
    }
}

/// The providers Vivier signs in with; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OidcConfig {
    /// Candidates' provider (FranceConnect-compatible).
    pub candidats: Option<ProviderConfig>,
    /// State agents' provider (ProConnect-compatible).
    pub agents: Option<ProviderConfig>,
}

impl OidcConfig {
    /// The provider of `side`, if configured.
    pub fn provider(&self, side: Side) -> Option<&ProviderConfig> {
        match side {
            Side::Candidats => self.candidats.as_ref(),
            Side::Agents => self.agents.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_secret_is_never_printed() {
        let config = OidcConfig {
            candidats: Some(ProviderConfig {
                issuer: url::Url::parse("https://fc.exemple.gouv.fr").expect("url"),
                client_id: "vivier".into(),
                client_secret: "tres-secret-42".into(),
                scopes: vec!["openid".into()],
                label: "FranceConnect".into(),
            }),
            agents: None,
        };
        let printed = format!("{config:?} {config:#?}");
        assert!(!printed.contains("tres-secret-42"), "{printed}");
        assert!(printed.contains("vivier") && printed.contains("***"));
    }

    #[test]
    fn sides_are_named_in_urls_and_sign_in_their_kind() {
        for side in Side::ALL {
            assert_eq!(Side::parse(side.code()), Some(side));
            assert!(side.default_scopes().starts_with("openid "));
        }
        assert_eq!(Side::parse("autre"), None);
        assert_eq!(Side::Candidats.kind(), AccountKind::Candidate);
        assert_eq!(Side::Agents.kind(), AccountKind::Agent);
    }
}
