//! The alert job: every saved search whose alert is due gets the offers published since its
//! last alert, by mail.
//!
//! An alert covers whole days of the French calendar: the offers published from the day of its
//! last run (included) to the day it runs (excluded). Consecutive runs cover consecutive days,
//! so an offer appears in exactly one alert of a search, whatever the time the job runs; an
//! offer published today waits for tomorrow's run. The search is the list page's own (the
//! catalog, the same query parsing and filters), restricted to open offers.

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use time::Date;
use vivier_domain::filter::Sort;
use vivier_search::Mode;
use vivier_store::accounts::{OutgoingMail, UnixTime, User};
use vivier_store::candidates::SavedSearch;

use crate::AppState;
use crate::candidat::desabonnement;
use crate::candidat::recherches::list_href;
use crate::catalog::{Board, PublicOffer, SearchRequest};
use crate::clock::paris_date;
use crate::error::PageError;
use crate::offres::view::location_label;

/// Offers an alert mail lists; the rest are counted, behind a link to the search.
pub const MAIL_OFFERS: usize = 20;
/// Alerts read from the store at a time.
const BATCH: u32 = 100;
/// Results read from the catalog at a time, newest first, until the window is passed.
const SCAN_PAGE: u32 = 200;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlertRun {
    /// Alerts recorded (with or without a mail).
    pub handled: usize,
    /// Mails queued.
    pub mailed: usize,
}

/// Handles every alert due at `now` (Unix seconds): finds the new offers of each, queues a mail
/// when there are some, and records the run. Disabled accounts get no mail (their alerts are
/// recorded all the same, so they do not pile up).
pub async fn send_due_alerts(state: &AppState, now: UnixTime) -> Result<AlertRun, PageError> {
    let mut run = AlertRun::default();
    let today = paris_date(now);
    loop {
        let due = state.store.due_alerts(now, BATCH).await?;
        let last_batch = due.len() < BATCH as usize;
        let mut progress = false;
        for (search, user) in due {
            let mail = if user.disabled {
                None
            } else {
                match alert_mail(state, &search, &user, today) {
                    Ok(mail) => mail,
                    Err(error) => {
                        // Skipped for this window rather than retried forever.
                        tracing::error!(?error, search = search.id, "alert mail not written");
                        None
                    }
                }
            };
            if state
                .store
                .record_alert(search.id, now, mail.as_ref())
                .await?
            {
                progress = true;
                run.handled += 1;
                run.mailed += usize::from(mail.is_some());
            }
        }
        // Recorded alerts are no longer due; a batch that recorded none (another node took
        // them all) would come back the same.
        if last_batch || !progress {
            break;
        }
    }
    if run.handled > 0 {
        tracing::info!(handled = run.handled, mailed = run.mailed, "alerts sent");
    }
    Ok(run)
}

/// Runs [`send_due_alerts`] every `every`, at the current time.
pub fn spawn_alerts(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            if let Err(error) = send_due_alerts(&state, crate::auth::session::now()).await {
                tracing::warn!(?error, "alerts not sent");
            }
        }
    })
}

/// The open offers matching a saved query published on a day of `[from, to)`, newest first:
/// at most [`MAIL_OFFERS`] of them, and how many in all. A query that no longer resolves (a
/// job family or employer since removed) finds nothing.
pub fn new_offers(
    state: &AppState,
    board: &Board,
    query: &str,
    from: Date,
    to: Date,
    today: Date,
) -> Result<(Vec<Arc<PublicOffer>>, usize), PageError> {
    let mut found = Vec::new();
    let mut total = 0;
    if from >= to {
        return Ok((found, total));
    }
    let Ok(query) = crate::offres::parse_query(Some(query)) else {
        return Ok((found, total));
    };
    let Ok(filter) = board.resolve(&query) else {
        return Ok((found, total));
    };
    let hits = state
        .catalog
        .text_hits(query.q.as_deref(), Mode::Words)
        .map_err(|e| PageError::Internal(e.to_string()))?;
    for page in 1.. {
        let results = board.search(&SearchRequest {
            hits: hits.as_deref(),
            sort: Sort::Date,
            page,
            ..SearchRequest::new(&filter, today, SCAN_PAGE)
        });
        for offer in &results.items {
            // Newest first: once before the window, every other offer is too.
            match offer.offer.data.published_on {
                Some(day) if day >= to => continue,
                Some(day) if day >= from => {
                    total += 1;
                    if found.len() < MAIL_OFFERS {
                        found.push(offer.clone());
                    }
                }
                _ => return Ok((found, total)),
            }
        }
        if results.items.len() < SCAN_PAGE as usize {
            break;
        }
    }
    Ok((found, total))
}

/// An offer as an alert lists it.
#[derive(Debug)]
struct MailOffer {
    title: String,
    organisation: String,
    location: String,
    href: String,
}

#[derive(Template)]
#[template(path = "mail/alerte.html")]
struct AlertHtml<'a> {
    subject: &'a str,
    body: &'a AlertBody,
}

impl std::ops::Deref for AlertHtml<'_> {
    type Target = AlertBody;
    fn deref(&self) -> &AlertBody {
        self.body
    }
}

#[derive(Template)]
#[template(path = "mail/alerte.txt", whitespace = "preserve")]
struct AlertText<'a> {
    body: &'a AlertBody,
}

impl std::ops::Deref for AlertText<'_> {
    type Target = AlertBody;
    fn deref(&self) -> &AlertBody {
        self.body
    }
}

/// What both parts of an alert mail say.
#[derive(Debug)]
struct AlertBody {
    greeting: String,
    label: String,
    frequency: String,
    intro: String,
    offers: Vec<MailOffer>,
    more: Option<String>,
    all_href: String,
    manage_href: String,
    unsubscribe_href: String,
}

fn absolute(state: &AppState, path: &str) -> Result<String, PageError> {
    state
        .config
        .public_url
        .join(path)
        .map(String::from)
        .map_err(|e| PageError::Internal(format!("link: {e}")))
}

/// The mail of an alert run on `today`, or `None` when no offer is new.
fn alert_mail(
    state: &AppState,
    search: &SavedSearch,
    user: &User,
    today: Date,
) -> Result<Option<OutgoingMail>, PageError> {
    let board = state.catalog.board();
    let from = paris_date(search.last_sent_at);
    let (offers, total) = new_offers(state, &board, &search.query, from, today, today)?;
    if total == 0 {
        return Ok(None);
    }
    let count = crate::format::count(total, "nouvelle offre", "nouvelles offres");
    let subject = format!("{count} pour votre alerte « {} »", search.label);
    let body = AlertBody {
        greeting: user.display_name.clone(),
        label: search.label.clone(),
        frequency: search.frequency.label().to_lowercase(),
        intro: format!(
            "{}, {count} {} pour votre recherche « {} » :",
            if from.next_day() == Some(today) {
                "Hier".to_owned()
            } else {
                format!("Depuis le {}", crate::format::date_long(from))
            },
            if total > 1 {
                "ont été publiées"
            } else {
                "a été publiée"
            },
            search.label,
        ),
        offers: offers
            .iter()
            .map(|offer| {
                let data = &offer.offer.data;
                Ok(MailOffer {
                    title: data.title.clone(),
                    organisation: board
                        .organisation(data.organisation_id)
                        .map(|o| o.display_name())
                        .unwrap_or_default(),
                    location: location_label(&board, &data.location),
                    href: absolute(state, &format!("/emploi/{}", data.slug))?,
                })
            })
            .collect::<Result<_, PageError>>()?,
        more: (total > offers.len()).then(|| {
            format!(
                "… et {}.",
                crate::format::count(total - offers.len(), "autre offre", "autres offres")
            )
        }),
        all_href: absolute(state, &list_href(&search.query))?,
        manage_href: absolute(state, "/espace-candidat/recherches")?,
        unsubscribe_href: desabonnement::link(state, search)?,
    };
    Ok(Some(OutgoingMail {
        list_unsubscribe: Some(desabonnement::one_click_link(state, search)?),
        to: user.email.clone(),
        subject: subject.clone(),
        text: AlertText { body: &body }.render()?,
        html: AlertHtml {
            subject: &subject,
            body: &body,
        }
        .render()?,
    }))
}
