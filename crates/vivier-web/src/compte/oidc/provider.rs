//! Talking to the providers: an HTTP client that follows no redirect and gives up quickly, and
//! each provider's discovery document with its keys, fetched at first use and again when a token
//! names a key Vivier does not know (the provider rotated its keys).

use std::sync::Arc;
use std::time::Duration;

use openidconnect::core::{
    CoreClient, CoreJsonWebKey, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest,
    HttpResponse, IdTokenVerifier, IssuerUrl, RedirectUrl,
};
use tokio::sync::Mutex;

use super::config::{OidcConfig, ProviderConfig, Side};

/// How long a call to a provider may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Largest answer read from a provider (discovery, keys, tokens, user info are small).
const MAX_BODY: usize = 1024 * 1024;

/// A client of a provider, with the endpoints its discovery document gave.
pub type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a provider could not be used.
#[derive(Debug, thiserror::Error)]
pub enum HttpFailure {
    #[error("{0}")]
    Transport(String),
    #[error("answer over {MAX_BODY} bytes")]
    TooLarge,
}

/// The HTTP client every provider call goes through.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Http {
    fn new() -> Self {
        // reqwest is built without a TLS provider; ring is the workspace's. `Err` means one is
        // installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(concat!("vivier/", env!("CARGO_PKG_VERSION")))
            // A provider names its endpoints; following a redirect elsewhere is not ours to do.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(TIMEOUT)
            .timeout(TIMEOUT)
            .build()
            .unwrap_or_else(|error| {
                tracing::error!(%error, "OpenID Connect HTTP client with its defaults");
                reqwest::Client::new()
            });
        Self { client }
    }

    /// Sends one request of the `openidconnect` crate.
    pub async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpFailure> {
        let (parts, body) = request.into_parts();
        let failure = |e: reqwest::Error| HttpFailure::Transport(e.without_url().to_string());
        let response = self
            .client
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .send()
            .await
            .map_err(failure)?;
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY as u64)
        {
            return Err(HttpFailure::TooLarge);
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(failure)?;
        if bytes.len() > MAX_BODY {
            return Err(HttpFailure::TooLarge);
        }
        let mut answer = HttpResponse::new(bytes.to_vec());
        *answer.status_mut() = status;
        *answer.headers_mut() = headers;
        Ok(answer)
    }
}

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = HttpFailure;
    type Future =
        std::pin::Pin<Box<dyn Future<Output = Result<HttpResponse, HttpFailure>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

/// One configured provider and what Vivier learnt of it.
#[derive(Debug)]
pub struct Provider {
    pub side: Side,
    pub config: ProviderConfig,
    /// Where the provider sends the browser back.
    pub redirect: RedirectUrl,
    metadata: Mutex<Option<CoreProviderMetadata>>,
}

impl Provider {
    /// The discovery document (with the keys), fetched if not yet or if `refresh`.
    pub async fn metadata(
        &self,
        http: &Http,
        refresh: bool,
    ) -> Result<CoreProviderMetadata, String> {
        let mut cached = self.metadata.lock().await;
        if let Some(metadata) = cached.as_ref().filter(|_| !refresh) {
            return Ok(metadata.clone());
        }
        // Discovery compares the issuer as text: `https://host` is not `https://host/`, and a
        // parsed URL always has a path.
        let text = self.config.issuer.as_str();
        let text = if self.config.issuer.path() == "/" {
            text.trim_end_matches('/')
        } else {
            text
        };
        let issuer = IssuerUrl::new(text.to_owned()).map_err(|e| e.to_string())?;
        let metadata = CoreProviderMetadata::discover_async(issuer, http)
            .await
            .map_err(|error| describe(&error))?;
        *cached = Some(metadata.clone());
        Ok(metadata)
    }

    /// A client of this provider, from its discovery document.
    pub fn client(&self, metadata: CoreProviderMetadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
    }
}

/// The checks of an ID token from `client`'s provider. Any asymmetric algorithm is accepted
/// (FranceConnect signs with ES256 or RS256, ProConnect with RS256 or ES256; the key must still be
/// in the provider's set); HMAC with the client secret and `none` are not.
pub fn id_token_verifier(client: &Client) -> IdTokenVerifier<'_, CoreJsonWebKey> {
    use CoreJwsSigningAlgorithm as Alg;
    client.id_token_verifier().set_allowed_algs([
        Alg::RsaSsaPkcs1V15Sha256,
        Alg::RsaSsaPkcs1V15Sha384,
        Alg::RsaSsaPkcs1V15Sha512,
        Alg::RsaSsaPssSha256,
        Alg::RsaSsaPssSha384,
        Alg::RsaSsaPssSha512,
        Alg::EcdsaP256Sha256,
        Alg::EcdsaP384Sha384,
        Alg::EdDsa,
    ])
}

/// An error and its causes on one line (no token can be in them: only URLs and reasons).
pub fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(" : ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The configured providers, shared by every handler.
#[derive(Debug, Clone)]
pub struct Providers {
    pub http: Http,
    candidats: Option<Arc<Provider>>,
    agents: Option<Arc<Provider>>,
}

impl Providers {
    /// The providers of `config`, answering at `public_url`.
    pub fn new(config: &OidcConfig, public_url: &url::Url) -> Self {
        let make = |side: Side| {
            let config = config.provider(side)?.clone();
            let path = format!("/connexion/oidc/{}/retour", side.code());
            let redirect = public_url
                .join(&path)
                .map(RedirectUrl::from_url)
                .map_err(|error| tracing::error!(%error, "redirect URL of {}", side.code()))
                .ok()?;
            Some(Arc::new(Provider {
                side,
                config,
                redirect,
                metadata: Mutex::new(None),
            }))
        };
        Self {
            http: Http::new(),
            candidats: make(Side::Candidats),
            agents: make(Side::Agents),
        }
    }

    /// The provider of `side`, if configured.
    pub fn get(&self, side: Side) -> Option<&Arc<Provider>> {
        match side {
            Side::Candidats => self.candidats.as_ref(),
            Side::Agents => self.agents.as_ref(),
        }
    }
}
