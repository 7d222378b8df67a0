//! OpenID Connect options: candidates' provider (FranceConnect-compatible) and State agents'
//! provider (ProConnect-compatible). Each is on when its issuer, client id and client secret are
//! all given; the secret comes from the environment only (never a flag: flags show in `ps`).

use clap::Args;
use url::Url;
use vivier_web::{OidcConfig, OidcSide, ProviderConfig};

use crate::Error;

/// The providers' options (the secrets aside).
#[derive(Debug, Clone, Default, Args)]
pub struct OidcArgs {
    /// Candidates' provider: its issuer.
    #[arg(long = "oidc-candidats-issuer", env = "VIVIER_OIDC_CANDIDATS_ISSUER", value_parser = parse_issuer, value_name = "URL", global = true, hide_env_values = true,
        help = "Émetteur (issuer) du fournisseur d'identité des candidats, compatible FranceConnect ; avec VIVIER_OIDC_CANDIDATS_CLIENT_ID et VIVIER_OIDC_CANDIDATS_CLIENT_SECRET (variable d'environnement seulement)")]
    pub candidats_issuer: Option<Url>,
    /// Candidates' provider: Vivier's client id there.
    #[arg(
        long = "oidc-candidats-client-id",
        env = "VIVIER_OIDC_CANDIDATS_CLIENT_ID",
        value_name = "IDENTIFIANT",
        global = true,
        hide_env_values = true,
        help = "Identifiant client de Vivier auprès du fournisseur des candidats"
    )]
    pub candidats_client_id: Option<String>,
    /// Candidates' provider: the scopes asked.
    #[arg(
        long = "oidc-candidats-scopes",
        env = "VIVIER_OIDC_CANDIDATS_SCOPES",
        value_name = "SCOPES",
        global = true,
        hide_env_values = true,
        help = "Scopes demandés au fournisseur des candidats, séparés par des espaces [défaut : openid email given_name family_name]"
    )]
    pub candidats_scopes: Option<String>,
    /// Candidates' provider: the name on the button.
    #[arg(
        long = "oidc-candidats-label",
        env = "VIVIER_OIDC_CANDIDATS_LABEL",
        value_name = "NOM",
        global = true,
        hide_env_values = true,
        help = "Nom du fournisseur des candidats sur le bouton de connexion [défaut : FranceConnect]"
    )]
    pub candidats_label: Option<String>,
    /// Agents' provider: its issuer.
    #[arg(long = "oidc-agents-issuer", env = "VIVIER_OIDC_AGENTS_ISSUER", value_parser = parse_issuer, value_name = "URL", global = true, hide_env_values = true,
        help = "Émetteur (issuer) du fournisseur d'identité des agents de l'État, compatible ProConnect ; avec VIVIER_OIDC_AGENTS_CLIENT_ID et VIVIER_OIDC_AGENTS_CLIENT_SECRET (variable d'environnement seulement)")]
    pub agents_issuer: Option<Url>,
    /// Agents' provider: Vivier's client id there.
    #[arg(
        long = "oidc-agents-client-id",
        env = "VIVIER_OIDC_AGENTS_CLIENT_ID",
        value_name = "IDENTIFIANT",
        global = true,
        hide_env_values = true,
        help = "Identifiant client de Vivier auprès du fournisseur des agents"
    )]
    pub agents_client_id: Option<String>,
    /// Agents' provider: the scopes asked.
    #[arg(
        long = "oidc-agents-scopes",
        env = "VIVIER_OIDC_AGENTS_SCOPES",
        value_name = "SCOPES",
        global = true,
        hide_env_values = true,
        help = "Scopes demandés au fournisseur des agents, séparés par des espaces [défaut : openid email given_name usual_name]"
    )]
    pub agents_scopes: Option<String>,
    /// Agents' provider: the name on the button.
    #[arg(
        long = "oidc-agents-label",
        env = "VIVIER_OIDC_AGENTS_LABEL",
        value_name = "NOM",
        global = true,
        hide_env_values = true,
        help = "Nom du fournisseur des agents sur le bouton de connexion [défaut : ProConnect]"
    )]
    pub agents_label: Option<String>,
}

/// The environment variable holding the client secret of `side`.
pub fn secret_variable(side: OidcSide) -> &'static str {
    match side {
        OidcSide::Candidats => "VIVIER_OIDC_CANDIDATS_CLIENT_SECRET",
        OidcSide::Agents => "VIVIER_OIDC_AGENTS_CLIENT_SECRET",
    }
}

impl OidcArgs {
    /// The providers, with the secrets of the process's environment.
    pub fn resolve_from_env(&self) -> Result<OidcConfig, Error> {
        self.resolve(|name| std::env::var(name).ok())
    }

    /// The providers, with the secrets `secret_of` gives for a variable's name. A provider given
    /// in part is an error that says what is missing.
    pub fn resolve(&self, secret_of: impl Fn(&str) -> Option<String>) -> Result<OidcConfig, Error> {
        Ok(OidcConfig {
            candidats: self.provider(OidcSide::Candidats, &secret_of)?,
            agents: self.provider(OidcSide::Agents, &secret_of)?,
        })
    }

    fn provider(
        &self,
        side: OidcSide,
        secret_of: &impl Fn(&str) -> Option<String>,
    ) -> Result<Option<ProviderConfig>, Error> {
        let (issuer, client_id, scopes, label) = match side {
            OidcSide::Candidats => (
                &self.candidats_issuer,
                &self.candidats_client_id,
                &self.candidats_scopes,
                &self.candidats_label,
            ),
            OidcSide::Agents => (
                &self.agents_issuer,
                &self.agents_client_id,
                &self.agents_scopes,
                &self.agents_label,
            ),
        };
        let filled = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let client_id = filled(client_id);
        let secret = filled(&secret_of(secret_variable(side)));
        let prefix = format!("VIVIER_OIDC_{}", side.code().to_uppercase());
        let mut missing = Vec::new();
        if issuer.is_none() {
            missing.push(format!("{prefix}_ISSUER"));
        }
        if client_id.is_none() {
            missing.push(format!("{prefix}_CLIENT_ID"));
        }
        if secret.is_none() {
            missing.push(secret_variable(side).to_owned());
        }
        let given = issuer.is_some()
            || client_id.is_some()
            || secret.is_some()
            || filled(scopes).is_some()
            || filled(label).is_some();
        let (Some(issuer), Some(client_id), Some(client_secret)) = (issuer, client_id, secret)
        else {
            if given {
                let who = match side {
                    OidcSide::Candidats => "des candidats",
                    OidcSide::Agents => "des agents de l'État",
                };
                return Err(Error::Oidc(format!(
                    "la connexion OpenID Connect {who} est configurée à moitié : il manque {} \
                     (l'émetteur, l'identifiant client et le secret vont ensemble ; le secret se \
                     donne seulement par la variable d'environnement {})",
                    missing.join(", "),
                    secret_variable(side)
                )));
            }
            return Ok(None);
        };
        let mut scopes: Vec<String> = filled(scopes)
            .as_deref()
            .unwrap_or(side.default_scopes())
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if !scopes.iter().any(|s| s == "openid") {
            scopes.insert(0, "openid".to_owned());
        }
        Ok(Some(ProviderConfig {
            issuer: issuer.clone(),
            client_id,
            client_secret,
            scopes,
            label: filled(label).unwrap_or_else(|| side.default_label().to_owned()),
        }))
    }
}

/// An issuer: `https://…`, or `http://` on loopback only (tests, development).
fn parse_issuer(value: &str) -> Result<Url, String> {
    let url =
        Url::parse(value.trim()).map_err(|e| format!("émetteur invalide « {value} » : {e}"))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "[::1]" | "localhost"));
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => {
            return Err(format!(
                "émetteur invalide « {value} » : attendu une adresse https:// (http:// seulement \
                 sur la machine locale)"
            ));
        }
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(format!(
            "émetteur invalide « {value} » : ni paramètres, ni fragment, ni identifiants"
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::Cli;
    use crate::config::usage_error_in_french;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_args(std::iter::once("vivier").chain(args.iter().copied()))
    }

    fn secrets(name: &str) -> Option<String> {
        (name == "VIVIER_OIDC_CANDIDATS_CLIENT_SECRET").then(|| "s3cret-fc".to_owned())
    }

    #[test]
    fn no_provider_by_default() {
        let config = OidcArgs::default().resolve(|_| None).unwrap();
        assert_eq!(config, OidcConfig::default());
    }

    #[test]
    fn a_provider_is_on_with_its_issuer_client_id_and_secret() {
        let cli = parse(&[
            "--oidc-candidats-issuer",
            "https://fcp.integ01.dev-franceconnect.fr/api/v2",
            "--oidc-candidats-client-id",
            "vivier",
        ])
        .unwrap();
        let config = cli.config.oidc.resolve(secrets).unwrap();
        let fc = config.candidats.as_ref().unwrap();
        assert_eq!(
            fc.issuer.as_str(),
            "https://fcp.integ01.dev-franceconnect.fr/api/v2"
        );
        assert_eq!(fc.client_secret, "s3cret-fc");
        assert_eq!(fc.scopes, ["openid", "email", "given_name", "family_name"]);
        assert_eq!(fc.label, "FranceConnect");
        assert!(config.agents.is_none());
        // Printed in debug logs: never the secret.
        assert!(!format!("{config:?}").contains("s3cret-fc"));

        let cli = parse(&[
            "serve",
            "--oidc-candidats-issuer",
            "http://127.0.0.1:8081",
            "--oidc-candidats-client-id",
            "vivier",
            "--oidc-candidats-scopes",
            "email  given_name",
            "--oidc-candidats-label",
            "Mon fournisseur",
        ])
        .unwrap();
        let fc = cli.config.oidc.resolve(secrets).unwrap().candidats.unwrap();
        assert_eq!(
            fc.scopes,
            ["openid", "email", "given_name"],
            "openid always"
        );
        assert_eq!(fc.label, "Mon fournisseur");
    }

    #[test]
    fn a_half_configured_provider_is_refused_in_french() {
        let cli = parse(&["--oidc-agents-issuer", "https://proconnect.gouv.fr"]).unwrap();
        let Err(error) = cli.config.oidc.resolve(|_| None) else {
            panic!("accepted");
        };
        let message = error.to_string();
        assert!(message.contains("configurée à moitié"), "{message}");
        assert!(
            message.contains("VIVIER_OIDC_AGENTS_CLIENT_ID"),
            "{message}"
        );
        assert!(
            message.contains("VIVIER_OIDC_AGENTS_CLIENT_SECRET"),
            "{message}"
        );
        // A secret alone is half a provider too.
        let only_secret = OidcArgs::default().resolve(secrets);
        assert!(matches!(only_secret, Err(Error::Oidc(_))));
    }

    #[test]
    fn an_issuer_is_https_or_local() {
        for (issuer, expected) in [
            ("http://idp.exemple.fr", "https://"),
            ("ftp://idp.exemple.fr", "https://"),
            ("https://idp.exemple.fr/?a=b", "ni paramètres"),
            ("idp.exemple.fr", "émetteur invalide"),
        ] {
            let error = parse(&["--oidc-agents-issuer", issuer]).unwrap_err();
            let message = usage_error_in_french(&error);
            assert!(message.contains(expected), "{issuer}: {message}");
        }
        assert!(parse(&["--oidc-agents-issuer", "http://localhost:9000"]).is_ok());
    }
}
