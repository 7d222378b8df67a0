//! `vivier serve`: the web server, from an empty database to a graceful stop.

use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use vivier_web::{AppState, WebConfig};

use crate::config::{Config, DEFAULT_DEMO_OFFERS};
use crate::database::{describe, open_store};
use crate::{Error, seed};

/// How often expired sessions, tokens and rate-limit counters are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(10 * 60);

/// How often due alerts are looked for (an alert is sent within this delay of falling due).
const ALERTS_EVERY: Duration = Duration::from_secs(5 * 60);

/// How often the retention durations are applied.
const RETENTION_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// What `vivier serve` prints on stdout once ready, before its URL (scripts wait for it).
pub const LISTENING_PREFIX: &str = "Vivier écoute sur ";

/// A server that is ready to answer: store migrated, demo seeded if asked, read model loaded,
/// listener bound. [`Server::run`] serves until the shutdown signal.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    router: axum::Router,
    follower: JoinHandle<()>,
    /// The scheduled import, when configured.
    importer: Option<JoinHandle<()>>,
    /// Delivers the mail outbox.
    mailer: JoinHandle<()>,
    /// Deletes expired sessions, tokens and rate-limit counters.
    purger: JoinHandle<()>,
    /// Sends the saved searches' alerts.
    alerts: JoinHandle<()>,
    /// Removes personal data past its retention, daily.
    retention: JoinHandle<()>,
    local_addr: SocketAddr,
}

impl Server {
    /// Prepares everything `serve` needs, in an order that fails fast: the database first, then
    /// the port (before the slow parts, so a taken port is reported at once), then the demo and
    /// the read model.
    pub async fn start(config: &Config) -> Result<Self, Error> {
        let synonyms = config.load_synonyms()?;
        let oidc = config.oidc.resolve_from_env()?;
        let retention = config.retention.resolve()?;
        let files = config.files.open().await?;
        let store = open_store(&config.database_url).await?;
        store.migrate().await.map_err(Error::Migrate)?;
        let listener = bind(config.listen).await?;
        let local_addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: config.listen,
            source,
        })?;

        if config.seed_demo_if_empty && store.count_offers().await? == 0 {
            tracing::info!("base sans offre : installation de la démonstration…");
            let report =
                seed::seed_demo(store.as_ref(), DEFAULT_DEMO_OFFERS, seed::today()).await?;
            tracing::info!(
                organisations = report.organisations_created,
                offers = report.offers_created,
                "démonstration installée"
            );
        }

        let importer = config.csp_import_url.clone().map(|url| {
            let every = Duration::from_secs(config.csp_import_every_hours * 3600);
            crate::import::schedule::spawn(store.clone(), url, every)
        });
        let mailer = config
            .mail
            .sender(store.clone())
            .spawn(vivier_mail::DEFAULT_PERIOD);
        let purger = vivier_web::auth::spawn_purge(store.clone(), PURGE_EVERY);

        let public_url = config.public_url_for(local_addr);
        let web = WebConfig {
            page_cache_bytes: config.page_cache_mb * 1024 * 1024,
            synonyms,
            oidc,
            retention,
            files,
            ..WebConfig::new(public_url)
        };
        let state = AppState::load(store, web).await?;
        let follower = state
            .catalog
            .clone()
            .follow(Duration::from_millis(config.refresh_interval_ms));
        let alerts = vivier_web::jobs::spawn_alerts(state.clone(), ALERTS_EVERY);
        let retention = vivier_web::jobs::spawn_retention(state.clone(), RETENTION_EVERY);
        tracing::info!(database = %describe(&config.database_url), %local_addr, "prêt");
        Ok(Self {
            listener,
            router: vivier_web::router(state),
            follower,
            importer,
            mailer,
            purger,
            alerts,
            retention,
            local_addr,
        })
    }

    /// The address actually bound (the real port when asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        // The peer address goes to the audit log and the rate limits.
        let app = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await;
        self.follower.abort();
        // A mail cut mid-send stays claimed until its lease ends, then goes out (maybe twice).
        self.mailer.abort();
        self.purger.abort();
        // An alert cut mid-run is recorded or not as a whole: the next run takes it again.
        self.alerts.abort();
        // Each step of a retention run is a transaction of its own; the next run goes on.
        self.retention.abort();
        if let Some(importer) = self.importer {
            // A run cut here leaves whole batches behind; the next run completes it.
            importer.abort();
        }
        served.map_err(Error::Serve)
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr).await.map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            Error::AddressInUse { addr }
        } else {
            Error::Bind { addr, source }
        }
    })
}

/// `vivier serve`: starts, prints `Vivier écoute sur http://ADDR/` on stdout (the line scripts
/// and tests wait for), and serves until SIGTERM or Ctrl-C.
pub async fn serve(config: &Config) -> Result<(), Error> {
    let server = Server::start(config).await?;
    let mut stdout = std::io::stdout().lock();
    // A closed stdout must not stop the server: the line is a courtesy, the logs say the same.
    let _ = writeln!(stdout, "{LISTENING_PREFIX}http://{}/", server.local_addr());
    let _ = stdout.flush();
    drop(stdout);
    server.run(shutdown_signal()).await?;
    tracing::info!("arrêté");
    Ok(())
}

/// Completes on SIGTERM (how orchestrators stop a service) or Ctrl-C, and logs it.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "Ctrl-C ne peut pas être intercepté");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "SIGTERM ne peut pas être intercepté");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("arrêt…");
}
