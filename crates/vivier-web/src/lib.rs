//! Vivier's web edge: the public pages and the JSON API.
//!
//! Public reads are served from [`Catalog`], an in-memory read model of everything public
//! (offers, organisations, referentials), loaded from the [`Store`] at start and kept fresh by
//! following the store's change feed, so several nodes can share one database.

mod acces;
mod admin;
mod api;
pub mod audit;
pub mod auth;
mod candidat;
mod catalog;
mod clock;
mod compte;
mod employeurs;
mod error;
mod extract;
mod facets;
pub mod format;
pub mod jobs;
pub mod mail;
mod offres;
mod page;
mod pagination;
pub mod policy;
mod recruteur;
mod richtext;
mod security;
mod site;
mod suggest;
mod upload;

use std::sync::Arc;

use vivier_store::Store;

pub use catalog::{Board, Catalog, CatalogError, ResultPage, SearchRequest};
pub use clock::Clock;
pub use compte::oidc::config::{OidcConfig, ProviderConfig, Side as OidcSide};
pub use facets::{FacetCounts, FacetGroup, FacetValue, groups as facet_groups};

/// Default budget of the rendered-page cache: the busiest pages (home, first pages of the
/// list, popular offers) without weighing on memory.
pub const DEFAULT_PAGE_CACHE_BYTES: u64 = 4 * 1024 * 1024;

/// Settings of the web edge.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address the public reaches the site at, for absolute links (sitemap, feed, JSON-LD).
    pub public_url: url::Url,
    /// Where "today" comes from (deadlines).
    pub clock: Clock,
    /// Byte budget of the rendered-page cache of each catalog snapshot (0: no cache).
    pub page_cache_bytes: u64,
    /// Synonyms and acronyms the search expands queries with.
    pub synonyms: vivier_search::Synonyms,
    /// The OpenID Connect providers (none by default).
    pub oidc: OidcConfig,
    /// Where candidates' CVs are kept (`data/files` by default).
    pub files: Arc<dyn vivier_files::objects::FileStore>,
    /// How long personal data is kept (the retention job, and what pages say of it).
    pub retention: jobs::Retention,
}

impl WebConfig {
    /// Settings for a site reached at `public_url`, on the Paris calendar.
    pub fn new(public_url: url::Url) -> Self {
        Self {
            public_url,
            clock: Clock::Paris,
            page_cache_bytes: DEFAULT_PAGE_CACHE_BYTES,
            synonyms: vivier_search::Synonyms::builtin(),
            oidc: OidcConfig::default(),
            files: Arc::new(vivier_files::objects::LocalStore::new("data/files".into())),
            retention: jobs::Retention::default(),
        }
    }
}

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub catalog: Arc<Catalog>,
    pub config: Arc<WebConfig>,
    /// The key of the CSRF tokens, shared by every node.
    pub csrf: auth::csrf::CsrfKey,
    /// The OpenID Connect providers, with what was fetched of them.
    pub oidc: Arc<compte::oidc::Providers>,
    /// The key of the alerts' unsubscribe links, shared by every node.
    pub(crate) alert_key: candidat::desabonnement::UnsubscribeKey,
}

impl AppState {
    /// Loads the read model from the store and indexes it, and the keys every node shares.
    pub async fn load(store: Arc<dyn Store>, config: WebConfig) -> Result<Self, CatalogError> {
        let csrf = auth::csrf::CsrfKey::load(store.as_ref()).await?;
        let alert_key = candidat::desabonnement::UnsubscribeKey::load(store.as_ref()).await?;
        let catalog = Arc::new(
            Catalog::load(
                store.clone(),
                config.page_cache_bytes,
                config.synonyms.clone(),
            )
            .await?,
        );
        let oidc = Arc::new(compte::oidc::Providers::new(
            &config.oidc,
            &config.public_url,
        ));
        Ok(Self {
            store,
            catalog,
            config: Arc::new(config),
            csrf,
            oidc,
            alert_key,
        })
    }
}

/// Largest request body of a form (the routes that take a file have [`upload::UPLOAD_LIMIT`]).
const BODY_LIMIT: usize = 64 * 1024;

/// Every route of every area, each of which the [`policy`] must name.
fn routes() -> policy::Routes {
    policy::Routes::new()
        .merge(site::routes())
        .merge(offres::routes())
        .merge(employeurs::routes())
        .merge(api::routes())
        .merge(compte::routes())
        .merge(candidat::routes())
        .merge(recruteur::routes())
        .merge(admin::routes())
        .merge(acces::routes())
}

/// The path of every route the router serves, as registered (tests check each is in the policy).
pub fn route_paths() -> Vec<&'static str> {
    routes().paths().to_vec()
}

/// The whole HTTP application. A request goes through, in order: the body limit, the panic
/// guard, the security headers, the session ([`auth::session::load`]), the authorization policy
/// ([`policy::enforce`]: a method no route takes stops here with 405), the CSRF check
/// ([`auth::csrf::protect`]), then its handler.
pub fn router(state: AppState) -> axum::Router {
    use axum::middleware::from_fn_with_state;
    routes()
        .into_router()
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), auth::csrf::protect))
        .layer(from_fn_with_state(state.clone(), policy::enforce))
        .layer(from_fn_with_state(state.clone(), auth::session::load))
        .with_state(state)
        .layer(axum::middleware::from_fn(security::headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            security::panic_response,
        ))
        .layer(axum::middleware::from_fn(upload::limit_body))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                // The path only: queries carry single-use tokens (`?jeton=`), never logged.
                .make_span_with(|request: &axum::http::Request<_>| {
                    tracing::debug_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path()
                    )
                })
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::DEBUG),
                ),
        )
}

/// Any path nothing else answers: the API answers JSON, pages the DSFR 404.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    extract::not_found(uri.path())
}

/// A method a route does not take (every public route is read-only).
async fn method_not_allowed(uri: axum::http::Uri) -> axum::response::Response {
    extract::method_not_allowed(uri.path())
}
