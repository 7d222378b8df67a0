//! Vivier's administration (`/admin`): the state of the platform (mail outbox, imports) and
//! the audit log, accounts (`users`), the organisation tree (`organisations`), job families and
//! domains (`referentials`); access requests are decided in `crate::acces`.

mod organisations;
mod referentials;
pub(crate) mod tree;
mod users;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::extract::LenientQuery;
use crate::format::{moment_paris, thousands};
use crate::page::{Crumb, Layout, Nav};
use crate::policy::Routes;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/admin", get(home))
        .route("/admin/journal", get(journal))
        .route("/admin/utilisateurs", get(users::list))
        .route("/admin/utilisateurs/{id}", get(users::detail))
        .route("/admin/utilisateurs/{id}/etat", post(users::set_state))
        .route(
            "/admin/utilisateurs/{id}/administrateur",
            post(users::set_admin),
        )
        .route("/admin/utilisateurs/{id}/roles", post(users::set_role))
        .route(
            "/admin/organisations",
            get(organisations::list).post(organisations::create),
        )
        .route(
            "/admin/organisations/{id}",
            get(organisations::edit).post(organisations::rename),
        )
        .route(
            "/admin/organisations/{id}/deplacement",
            post(organisations::move_to),
        )
        .route(
            "/admin/organisations/{id}/fusion",
            post(organisations::merge),
        )
        .route("/admin/referentiels", get(referentials::list))
        .route(
            "/admin/referentiels/familles",
            referentials::creation(referentials::List::Families),
        )
        .route(
            "/admin/referentiels/familles/{code}",
            referentials::renaming(referentials::List::Families),
        )
        .route(
            "/admin/referentiels/domaines",
            referentials::creation(referentials::List::Domains),
        )
        .route(
            "/admin/referentiels/domaines/{code}",
            referentials::renaming(referentials::List::Domains),
        )
}

/// One import run, as the table shows it.
#[derive(Debug)]
struct RunLine {
    source: &'static str,
    file: String,
    started: String,
    status: &'static str,
    read: String,
    created: String,
    updated: String,
    closed: String,
    rejected: String,
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct HomePage {
    layout: Layout,
    waiting: String,
    sent: String,
    abandoned: String,
    runs: Vec<RunLine>,
}

fn layout(title: &str, crumbs: Vec<Crumb>) -> Layout {
    let mut layout =
        Layout::new(title, "Administration de Vivier.", Nav::None).with_breadcrumb(crumbs);
    layout.noindex = true;
    layout
}

/// GET `/admin`.
async fn home(State(state): State<AppState>) -> Result<Response, PageError> {
    use vivier_store::import::RunStatus;
    let outbox = state.store.outbox_counts().await?;
    let runs = state
        .store
        .import_runs(10)
        .await?
        .into_iter()
        .map(|run| {
            let c = run.outcome.counts;
            RunLine {
                source: run.run.source.label(),
                file: run.run.file_name,
                started: moment_paris(run.started_at),
                status: match run.outcome.status {
                    RunStatus::Running => "en cours ou interrompu",
                    RunStatus::Completed => "terminé",
                    RunStatus::Failed => "échoué",
                },
                read: thousands(c.read),
                created: thousands(c.created),
                updated: thousands(c.updated),
                closed: thousands(c.closed),
                rejected: thousands(c.rejected),
            }
        })
        .collect();
    crate::page::render(&HomePage {
        layout: layout("Administration", vec![Crumb::here("Administration")]),
        waiting: thousands(outbox.waiting),
        sent: thousands(outbox.sent),
        abandoned: thousands(outbox.abandoned),
        runs,
    })
}

/// Lines of the audit log per page.
const JOURNAL_PAGE: u32 = 50;

/// One line of the audit log, as the table shows it.
#[derive(Debug)]
struct JournalLine {
    at: String,
    actor: String,
    action: String,
    object: String,
    denied: bool,
    ip: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin/journal.html")]
struct JournalPage {
    layout: Layout,
    lines: Vec<JournalLine>,
    older: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
struct JournalQuery {
    avant: Option<i64>,
}

/// GET `/admin/journal?avant=ID`: the audit log, most recent first.
async fn journal(
    State(state): State<AppState>,
    LenientQuery(query): LenientQuery<JournalQuery>,
) -> Result<Response, PageError> {
    let records = state.store.audit_log(query.avant, JOURNAL_PAGE).await?;
    let older = (records.len() == JOURNAL_PAGE as usize)
        .then(|| records.last().map(|r| r.id))
        .flatten();
    let lines = records
        .into_iter()
        .map(|record| JournalLine {
            at: moment_paris(record.at),
            actor: record.entry.actor_label,
            action: record.entry.action,
            object: record.entry.object,
            denied: record.entry.outcome == vivier_store::accounts::AuditOutcome::Denied,
            ip: record.entry.ip,
            detail: record.entry.detail,
        })
        .collect();
    crate::page::render(&JournalPage {
        layout: layout(
            "Journal d’audit",
            vec![
                Crumb::link("Administration", "/admin"),
                Crumb::here("Journal d’audit"),
            ],
        ),
        lines,
        older,
    })
}
