//! `vivier bench applications`: the pages where applications pile up, measured with wrk
//! against a real `vivier serve` child: a recruiter's list of an offer with thousands of
//! applications, and the "Mon espace" of a candidate who applied two hundred times.
//!
//! The database is the demo's, in SQLite, with the applications written through the store as
//! the pages would (profile, application, pipeline moves). Sessions are opened in the store
//! and their cookies given to wrk by a script: wrk counts a redirect to the sign-in page as a
//! success, so every route is first fetched once with its cookie and must answer 200.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;
use url::Url;
use vivier_domain::account::{AccountKind, Membership, OrgRole};
use vivier_domain::candidate::{ApplicationStatus, Profile, Target, Transition};
use vivier_domain::offer::{ApplyMethod, Offer};
use vivier_domain::{Email, UserId};
use vivier_store::Store;
use vivier_store::accounts::{NewSession, NewUser, OutgoingMail, UserChange};
use vivier_store::candidates::NewApplication;
use vivier_store_sqlite::SqliteStore;

use super::http::{TargetCheck, decimal, millis, round3, thousands};
use super::wrk::{self, WrkRun};
use super::{BenchError, server};
use crate::{Error, probe, seed};

/// Highest acceptable 99th percentile of the recruiter's list of an offer's applications.
pub const LIST_MAX_P99: Duration = Duration::from_millis(50);
/// Highest acceptable 99th percentile of the candidate's "Mon espace".
pub const SPACE_MAX_P99: Duration = Duration::from_millis(30);

/// How long each route is warmed up before measuring.
const WARM_UP_SECS: u64 = 1;

/// Options of `vivier bench applications`.
#[derive(Debug, Clone, clap::Args)]
pub struct ApplicationsBenchArgs {
    /// Demo offers in the database: enough open offers on Vivier for `mine`.
    #[arg(
        long,
        default_value_t = 2_000,
        value_name = "N",
        help = "Nombre d'offres de la démonstration dans la base"
    )]
    pub offers: usize,

    /// Applications to the measured offer.
    #[arg(
        long,
        default_value_t = 5_000,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Nombre de candidatures à l'offre mesurée"
    )]
    pub applications: u32,

    /// Applications of the measured candidate, each to another offer.
    #[arg(
        long,
        default_value_t = 200,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Nombre de candidatures de la personne candidate mesurée"
    )]
    pub mine: u32,

    /// Measuring time per route, split evenly between the rounds.
    #[arg(
        long,
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..),
        value_name = "SECONDES",
        help = "Durée de mesure par route, répartie entre les tours (au moins 1 s par tour)"
    )]
    pub duration_secs: u64,

    /// Concurrent connections kept open by wrk.
    #[arg(
        long,
        default_value_t = 4,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Connexions simultanées (wrk -c)"
    )]
    pub connections: u32,

    /// How many times each route is measured, the routes taking turns.
    #[arg(
        long,
        default_value_t = 2,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Nombre de tours : les routes sont mesurées à tour de rôle, dans les mêmes conditions"
    )]
    pub rounds: u32,

    /// Prints the figures as JSON instead of a table.
    #[arg(long, help = "Afficher les résultats en JSON plutôt qu'en tableau")]
    pub json: bool,
}

/// The figures of one route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageReport {
    /// What the page is, in French.
    pub name: String,
    /// Path and query measured.
    pub path: String,
    /// Requests completed over all rounds.
    pub requests: u64,
    /// Mean throughput over the rounds.
    pub requests_per_sec: f64,
    /// Median latency, averaged over the rounds, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, the worst round's, in milliseconds.
    pub p99_ms: f64,
    /// The target p99, in milliseconds.
    pub max_p99_ms: f64,
    /// Responses that were not 2xx or 3xx, and connection errors.
    pub errors: u64,
}

/// What `vivier bench applications` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationsBenchReport {
    /// Applications to the measured offer.
    pub applications: u32,
    /// Applications of the measured candidate.
    pub mine: u32,
    /// Concurrent connections.
    pub connections: u32,
    /// Measuring time per route, all rounds together, in seconds.
    pub duration_secs: u64,
    /// How many times each route was measured.
    pub rounds: u32,
    /// How long writing the data took, in seconds.
    pub seed_secs: f64,
    /// The pages measured.
    pub pages: Vec<PageReport>,
    /// Peak resident memory of the server (`VmHWM`), in bytes, when the system tells.
    pub peak_rss_bytes: Option<u64>,
    /// Every target, met or not.
    pub targets: Vec<TargetCheck>,
    /// Whether every target is met.
    pub all_targets_met: bool,
}

/// A page to measure, as whom.
#[derive(Debug, Clone)]
struct Page {
    name: &'static str,
    path: String,
    /// The session token sent as the session cookie.
    token: String,
    max_p99: Duration,
}

/// Runs the benchmark: seeds a temporary SQLite database, starts `server_exe serve` on a free
/// port, measures each page with wrk, and stops the server (also when something fails).
pub async fn bench_applications(
    args: &ApplicationsBenchArgs,
    server_exe: &Path,
) -> Result<ApplicationsBenchReport, Error> {
    let wrk = wrk::locate()?;
    let directory = tempfile::tempdir()
        .map_err(|e| BenchError::Io("création du dossier temporaire".to_owned(), e))?;
    let database = directory.path().join("vivier.db");
    let started = std::time::Instant::now();
    let pages = {
        let store = SqliteStore::open(&database)
            .await
            .map_err(|source| Error::Open {
                target: format!("SQLite ({})", database.display()),
                source,
            })?;
        store.migrate().await.map_err(Error::Migrate)?;
        seed_pages(&store, args).await?
    };
    let seed_secs = started.elapsed().as_secs_f64();

    let mut child = server::spawn(server_exe, &database, 0)?;
    let measured = measure(&mut child, directory.path(), &wrk, args, &pages).await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    drop(directory);
    let (runs, peak_rss_bytes) = measured?;
    let pages: Vec<PageReport> = pages
        .iter()
        .zip(runs)
        .map(|(page, runs)| page_report(page, &runs))
        .collect();
    let targets = targets(args, &pages);
    Ok(ApplicationsBenchReport {
        applications: args.applications,
        mine: args.mine,
        connections: args.connections,
        duration_secs: args.duration_secs,
        rounds: args.rounds,
        seed_secs: round3(seed_secs),
        all_targets_met: targets.iter().all(|t| t.ok),
        pages,
        peak_rss_bytes,
        targets,
    })
}

/// Writes the demo, the applications and the two sessions; gives the pages to measure.
async fn seed_pages(store: &dyn Store, args: &ApplicationsBenchArgs) -> Result<Vec<Page>, Error> {
    let today = seed::today();
    tracing::info!(offers = args.offers, "installation de la démonstration…");
    seed::seed_demo(store, args.offers, today).await?;
    let open: Vec<Offer> = store
        .public_offers()
        .await?
        .into_iter()
        .filter(|offer| offer.data.is_active(today) && offer.data.apply == ApplyMethod::Vivier)
        .collect();
    let needed = usize::try_from(args.mine).unwrap_or(usize::MAX).max(1);
    if open.len() < needed {
        return Err(BenchError::InvalidOptions(format!(
            "--mine ({}) dépasse les {} offres ouvertes aux candidatures sur Vivier : \
             augmentez --offers",
            args.mine,
            open.len()
        ))
        .into());
    }
    let families: Vec<_> = store.job_families().await?.iter().map(|f| f.id).collect();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let target = &open[0];

    tracing::info!(
        applications = args.applications,
        "candidatures à une offre…"
    );
    for i in 0..args.applications {
        let user = user(
            store,
            &format!("candidat{i}@exemple.fr"),
            AccountKind::Candidate,
        )
        .await?;
        let mut profile = Profile {
            current_job: "Développeuse back-end".to_owned(),
            experience_years: Some(u8::try_from(i % 20).unwrap_or(0)),
            ..Profile::default()
        };
        if !families.is_empty() {
            profile.families = vec![families[i as usize % families.len()]];
        }
        store.save_profile(user, &profile, now).await?;
        // Spread over sixty days, the newest first in the list.
        let at = now - i64::from(i) * 1_000;
        let id = apply(store, user, target, at).await?;
        // A realistic pipeline: a third read, one in ten in interview, one in five refused.
        let to = match i % 10 {
            0 | 1 => Some(ApplicationStatus::Refused),
            2 => Some(ApplicationStatus::Interview),
            3..=5 => Some(ApplicationStatus::Reviewing),
            _ => None,
        };
        if let Some(to) = to {
            move_to(store, id, to, at + 3_600).await?;
        }
    }

    tracing::info!(mine = args.mine, "candidatures d'une personne…");
    let candidate = user(store, "camille@exemple.fr", AccountKind::Candidate).await?;
    store
        .save_profile(candidate, &Profile::default(), now)
        .await?;
    for (i, offer) in open.iter().take(needed).enumerate() {
        let at = now - i64::try_from(i).unwrap_or(0) * 3_600;
        let id = apply(store, candidate, offer, at).await?;
        if i % 4 == 0 {
            move_to(store, id, ApplicationStatus::Reviewing, at + 60).await?;
        }
    }

    let recruiter = user(store, "rh@exemple.gouv.fr", AccountKind::Agent).await?;
    let membership = Membership {
        organisation: target.data.organisation_id,
        role: OrgRole::Recruiter,
    };
    store
        .update_user(recruiter, &UserChange::Membership(membership, true))
        .await?;
    // The acknowledgements stay claimed (for ten years): the server under measurement must not
    // send them.
    let lease = 10 * 365 * 86_400;
    while !store.claim_mail(now, lease, 10_000).await?.is_empty() {}

    let list = format!("/recruteur/offres/{}/candidatures", target.id.0);
    Ok(vec![
        Page {
            name: "candidatures d'une offre",
            path: list.clone(),
            token: session(store, recruiter, now).await?,
            max_p99: LIST_MAX_P99,
        },
        Page {
            name: "candidatures filtrées, page 10",
            path: format!("{list}?statut=nouvelle&statut=examen&page=10"),
            token: session(store, recruiter, now).await?,
            max_p99: LIST_MAX_P99,
        },
        Page {
            name: "Mon espace",
            path: "/espace-candidat".to_owned(),
            token: session(store, candidate, now).await?,
            max_p99: SPACE_MAX_P99,
        },
    ])
}

/// A new account of `kind`, verified, without a password.
async fn user(store: &dyn Store, email: &str, kind: AccountKind) -> Result<UserId, Error> {
    let email = Email::parse(email)
        .map_err(|e| BenchError::InvalidOptions(format!("adresse {email} : {e}")))?;
    let user = store
        .create_user(&NewUser {
            email,
            display_name: "Camille Durand".to_owned(),
            kind,
            password_hash: None,
            email_verified: true,
        })
        .await?;
    Ok(user.id)
}

/// `user` applies to `offer` at `at`; gives the application's id.
async fn apply(store: &dyn Store, user: UserId, offer: &Offer, at: i64) -> Result<i64, Error> {
    let mail = OutgoingMail {
        list_unsubscribe: None,
        to: Email::parse("camille@exemple.fr")
            .map_err(|e| BenchError::InvalidOptions(e.to_string()))?,
        subject: "Votre candidature est bien reçue".to_owned(),
        text: "Reçu.".to_owned(),
        html: "<p>Reçu.</p>".to_owned(),
    };
    let application = NewApplication {
        candidate: user,
        target: Target::Offer(offer.id),
        motivation: "Je construis des services publics numériques depuis six ans et je veux \
                     rejoindre votre équipe."
            .to_owned(),
        cv: None,
        now: at,
    };
    Ok(store.apply(&application, &mail).await?.id)
}

/// Moves application `id` to `to` at `at`, as nobody in particular, without a mail.
async fn move_to(store: &dyn Store, id: i64, to: ApplicationStatus, at: i64) -> Result<(), Error> {
    let mut reasons = Vec::new();
    if to == ApplicationStatus::Refused {
        reasons.push(vivier_domain::candidate::RefusalReason::Profile);
    }
    let transition = Transition {
        to,
        reasons,
        comment: String::new(),
    };
    store
        .move_application(id, &transition, None, at, None)
        .await?;
    Ok(())
}

/// A session of `user` for the length of the benchmark; gives its cookie's value.
async fn session(store: &dyn Store, user: UserId, now: i64) -> Result<String, Error> {
    let token = vivier_web::auth::tokens::random();
    store
        .create_session(&NewSession {
            token_hash: vivier_web::auth::tokens::hash(&token),
            user,
            now,
            expires_at: now + 3_600,
            ip: "127.0.0.1".to_owned(),
            user_agent: "vivier-bench".to_owned(),
        })
        .await?;
    Ok(token)
}

/// The wrk runs of each page, in order, and the server's peak RSS.
type Measures = (Vec<Vec<WrkRun>>, Option<u64>);

async fn measure(
    child: &mut tokio::process::Child,
    directory: &Path,
    wrk: &Path,
    args: &ApplicationsBenchArgs,
    pages: &[Page],
) -> Result<Measures, Error> {
    let base = server::start(child).await?;
    let mut scripts = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let url = page_url(&base, page);
        let cookie = format!("{}={}", vivier_web::auth::session::COOKIE, page.token);
        let answer = probe::get_with(&url, &[("Cookie", &cookie)])
            .await
            .map_err(|e| BenchError::Io(format!("GET {url}"), e))?;
        if answer.status != 200 {
            return Err(BenchError::InvalidOptions(format!(
                "{} répond {} au lieu de 200",
                page.path, answer.status
            ))
            .into());
        }
        let script = directory.join(format!("page-{i}.lua"));
        std::fs::write(&script, wrk::header_script("Cookie", &cookie))
            .map_err(|e| BenchError::Io(format!("écriture de {}", script.display()), e))?;
        scripts.push(script);
    }
    for (page, script) in pages.iter().zip(&scripts) {
        let url = page_url(&base, page);
        wrk::run(
            wrk,
            url.as_str(),
            Some(script),
            1,
            args.connections,
            WARM_UP_SECS,
        )
        .await?;
    }
    let slice = (args.duration_secs / u64::from(args.rounds)).max(1);
    let mut runs: Vec<Vec<WrkRun>> = vec![Vec::new(); pages.len()];
    for round in 1..=args.rounds {
        for ((page, script), page_runs) in pages.iter().zip(&scripts).zip(&mut runs) {
            tracing::info!(round, path = %page.path, seconds = slice, "mesure…");
            let url = page_url(&base, page);
            page_runs
                .push(wrk::run(wrk, url.as_str(), Some(script), 1, args.connections, slice).await?);
        }
    }
    let peak_rss = child.id().and_then(server::peak_rss_bytes);
    Ok((runs, peak_rss))
}

fn page_url(base: &Url, page: &Page) -> Url {
    base.join(&page.path).unwrap_or_else(|_| base.clone())
}

fn page_report(page: &Page, runs: &[WrkRun]) -> PageReport {
    let rounds = runs.len().max(1) as f64;
    PageReport {
        name: page.name.to_owned(),
        path: page.path.clone(),
        requests: runs.iter().map(|r| r.requests).sum(),
        requests_per_sec: round3(runs.iter().map(|r| r.requests_per_sec).sum::<f64>() / rounds),
        p50_ms: round3(runs.iter().map(|r| millis(r.p50)).sum::<f64>() / rounds),
        p99_ms: round3(runs.iter().map(|r| millis(r.p99)).fold(0.0, f64::max)),
        max_p99_ms: millis(page.max_p99),
        errors: runs.iter().map(|r| r.non_2xx + r.socket_errors).sum(),
    }
}

fn targets(args: &ApplicationsBenchArgs, pages: &[PageReport]) -> Vec<TargetCheck> {
    pages
        .iter()
        .flat_map(|page| {
            [
                TargetCheck {
                    target: format!(
                        "{} : p99 ≤ {} ms à {} connexions",
                        page.name, page.max_p99_ms, args.connections
                    ),
                    measured: format!("{} ms", decimal(page.p99_ms, 2)),
                    ok: page.p99_ms <= page.max_p99_ms,
                },
                TargetCheck {
                    target: format!("{} : aucune erreur", page.name),
                    measured: format!("{} erreur(s)", page.errors),
                    ok: page.errors == 0,
                },
            ]
        })
        .collect()
}

impl fmt::Display for ApplicationsBenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Banc d'essai des candidatures : {} candidatures à une offre, {} candidatures d'une \
             personne, wrk -t1 -c{}, {} s par page en {} tour(s) (données écrites en {} s)",
            thousands(f64::from(self.applications)),
            thousands(f64::from(self.mine)),
            self.connections,
            self.duration_secs,
            self.rounds,
            decimal(self.seed_secs, 2),
        )?;
        writeln!(f)?;
        let width = self
            .pages
            .iter()
            .map(|p| p.name.chars().count())
            .max()
            .unwrap_or(0);
        writeln!(
            f,
            "{:<width$}  {:>9}  {:>9}  {:>9}  {:>7}",
            "page", "req/s", "p50", "p99", "erreurs"
        )?;
        for page in &self.pages {
            writeln!(
                f,
                "{:<width$}  {:>9.0}  {:>9}  {:>9}  {:>7}",
                page.name,
                page.requests_per_sec,
                format!("{} ms", decimal(page.p50_ms, 2)),
                format!("{} ms", decimal(page.p99_ms, 2)),
                page.errors,
            )?;
        }
        if let Some(bytes) = self.peak_rss_bytes {
            writeln!(
                f,
                "Mémoire résidente maximale du serveur : {} Mo",
                decimal(bytes as f64 / 1e6, 1)
            )?;
        }
        TargetCheck::write_all(f, &self.targets)
    }
}
