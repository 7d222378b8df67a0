//! `/recruteur/offres/{id}/candidatures`: the applications of one offer, 50 a page, filtered
//! by status, date of receipt and the candidate's job family, with the count of each status;
//! and their CSV export. The page costs a few queries whatever the number of applications:
//! the store counts and pages in SQL.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use time::Date;
use time::macros::format_description;
use vivier_domain::candidate::ApplicationStatus;
use vivier_domain::{JobFamilyId, OfferId, UserId};
use vivier_store::candidates::ApplicationFilter;

use super::{Scope, badge, day, moment, paris_midnight};
use crate::AppState;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::Segments;
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::pagination::{PageLink, Pagination, PaginationView};
use crate::recruteur::offres::{neutralised, recruiter_layout};

/// Applications on one page of the list.
const PER_PAGE: u32 = 50;

/// How many applications each of these offers received, by offer id.
pub async fn application_counts(
    state: &AppState,
    offers: &[OfferId],
) -> Result<HashMap<i64, u64>, PageError> {
    Ok(state
        .store
        .application_counts(offers)
        .await?
        .into_iter()
        .map(|(offer, count)| (offer.0, count))
        .collect())
}

/// The list's filters, as typed (`statut` may repeat).
#[derive(Debug, Default)]
struct ListQuery {
    statuses: Vec<ApplicationStatus>,
    from: String,
    to: String,
    family: String,
    page: u32,
}

impl ListQuery {
    /// Reads the query string leniently: what does not parse is dropped (dates are checked
    /// apart, to say so next to their field).
    fn parse(raw: Option<&str>) -> Self {
        let mut query = Self {
            page: 1,
            ..Self::default()
        };
        for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            match name.as_ref() {
                "statut" => {
                    if let Some(status) = ApplicationStatus::from_code(&value)
                        && !query.statuses.contains(&status)
                    {
                        query.statuses.push(status);
                    }
                }
                "du" => query.from = value.trim().to_owned(),
                "au" => query.to = value.trim().to_owned(),
                "metier" => query.family = value.into_owned(),
                "page" => query.page = value.parse().unwrap_or(1).max(1),
                _ => {}
            }
        }
        query
    }

    fn href(&self, offer: i64, page: u32) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for status in &self.statuses {
            query.append_pair("statut", status.code());
        }
        let query = query
            .append_pair("du", &self.from)
            .append_pair("au", &self.to)
            .append_pair("metier", &self.family)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/recruteur/offres/{offer}/candidatures?{query}")
    }
}

/// A date field of the filter: empty, a date, or an error to show next to it.
fn date_field(value: &str) -> Result<Option<Date>, &'static str> {
    if value.is_empty() {
        return Ok(None);
    }
    Date::parse(value, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| "Saisissez une date valide, au format aaaa-mm-jj (par exemple 2026-11-22).")
}

/// One line of the list.
struct Row {
    id: i64,
    /// `None` once personal data is removed.
    name: Option<String>,
    received: String,
    status: &'static str,
    badge: &'static str,
    cv: bool,
    updated: String,
}

/// A status: its checkbox and its count.
struct StatusCount {
    code: &'static str,
    label: &'static str,
    count: u64,
    checked: bool,
}

#[derive(Template)]
#[template(path = "recruteur/candidatures.html")]
struct ListPage {
    layout: Layout,
    offer_id: i64,
    offer_title: String,
    organisation: String,
    rows: Vec<Row>,
    statuses: Vec<StatusCount>,
    all: String,
    matching: String,
    families: Vec<Choice>,
    from: String,
    to: String,
    from_error: Option<&'static str>,
    to_error: Option<&'static str>,
    pagination: PaginationView,
}

/// GET `/recruteur/offres/{id}/candidatures`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = scope.offer(&state, &id).await?;
    let query = ListQuery::parse(raw.as_deref());
    let from = date_field(&query.from);
    let mut to = date_field(&query.to);
    if let (Ok(Some(start)), Ok(Some(end))) = (&from, &to)
        && end < start
    {
        to = Err("La date de fin doit suivre la date de début.");
    }
    let board = state.catalog.board();
    let family = query
        .family
        .parse::<i64>()
        .ok()
        .map(JobFamilyId)
        .filter(|id| board.job_families().iter().any(|f| f.id == *id));
    let filter = ApplicationFilter {
        statuses: query.statuses.clone(),
        since: from.ok().flatten().and_then(paris_midnight),
        // Until the end of the last day.
        until: to
            .ok()
            .flatten()
            .and_then(|d| d.next_day())
            .and_then(paris_midnight),
        family,
        page: query.page - 1,
        per_page: PER_PAGE,
    };
    let mut found = state.store.applications_of_offer(offer.id, &filter).await?;
    let pages = u32::try_from(found.total.div_ceil(u64::from(PER_PAGE)))
        .unwrap_or(u32::MAX)
        .max(1);
    if query.page > pages {
        // Past the last page (a filter narrowed the list): show the last one.
        let last = ApplicationFilter {
            page: pages - 1,
            ..filter
        };
        found = state.store.applications_of_offer(offer.id, &last).await?;
    }
    let page = query.page.min(pages);
    let rows = found
        .applications
        .iter()
        .map(|application| Row {
            id: application.id,
            name: application.candidate.as_ref().map(|c| c.name.clone()),
            received: moment(application.created_at),
            status: application.status.label(),
            badge: badge(application.status),
            cv: application.cv.is_some(),
            updated: day(application.updated_at),
        })
        .collect();
    let count_of = |status: ApplicationStatus| {
        found
            .by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    let statuses = ApplicationStatus::ALL
        .iter()
        .map(|&status| StatusCount {
            code: status.code(),
            label: status.label(),
            count: count_of(status),
            checked: query.statuses.contains(&status),
        })
        .collect();
    let all: u64 = found.by_status.iter().map(|(_, n)| n).sum();
    let families = board
        .job_families()
        .iter()
        .map(|f| Choice {
            value: f.id.0.to_string(),
            label: f.name.clone(),
            selected: Some(f.id) == family,
        })
        .collect();
    let title = format!("Candidatures : {}", offer.data.title);
    crate::page::render(&ListPage {
        layout: recruiter_layout(
            &title,
            vec![
                Crumb::link("Offres", "/recruteur/offres"),
                Crumb::link(
                    offer.data.title.clone(),
                    format!("/recruteur/offres/{}", offer.id.0),
                ),
                Crumb::here("Candidatures"),
            ],
        ),
        offer_id: offer.id.0,
        offer_title: offer.data.title.clone(),
        organisation: super::organisation_name(&scope, offer.data.organisation_id),
        rows,
        statuses,
        all: crate::format::count(all as usize, "candidature reçue", "candidatures reçues"),
        matching: match found.total {
            0 => "Aucune candidature ne correspond à ces critères.".to_owned(),
            1 => "1 candidature correspond à ces critères.".to_owned(),
            n => format!(
                "{} candidatures correspondent à ces critères.",
                crate::format::thousands(n)
            ),
        },
        families,
        from_error: from.err(),
        to_error: to.err(),
        from: query.from.clone(),
        to: query.to.clone(),
        pagination: Pagination::new(page, pages).view(|n| query.href(offer.id.0, n)),
    })
}

/// GET `/recruteur/offres/{id}/candidatures.csv`: every application of the offer, oldest
/// first, audited.
pub async fn export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<String>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = scope.offer(&state, &id).await?;
    let applications = state.store.all_applications_of_offer(offer.id).await?;
    let users: Vec<UserId> = applications
        .iter()
        .filter_map(|a| a.candidate.as_ref().map(|c| c.user))
        .collect();
    let phones: HashMap<UserId, String> = state
        .store
        .candidate_phones(&users)
        .await?
        .into_iter()
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "nom",
        "adresse électronique",
        "téléphone",
        "étape",
        "reçue le",
        "raisons du refus",
        "précision du refus",
        "motivation",
        "CV",
    ];
    let written = writer.write_record(header).and_then(|()| {
        applications.iter().try_for_each(|application| {
            let (name, email, phone) = match &application.candidate {
                Some(c) => (
                    c.name.clone(),
                    c.email.as_str().to_owned(),
                    phones.get(&c.user).cloned().unwrap_or_default(),
                ),
                None => (
                    "données personnelles supprimées".to_owned(),
                    String::new(),
                    String::new(),
                ),
            };
            let row = [
                name,
                email,
                phone,
                application.status.label().to_owned(),
                moment(application.created_at),
                application
                    .reasons
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(" ; "),
                application.comment.clone(),
                application.motivation.clone(),
                application
                    .cv
                    .as_ref()
                    .map(|cv| cv.filename.clone())
                    .unwrap_or_default(),
            ];
            writer.write_record(row.iter().map(|cell| neutralised(cell)))
        })
    });
    let bytes = written
        .map_err(|e| PageError::Internal(format!("csv: {e}")))
        .and_then(|()| {
            writer
                .into_inner()
                .map_err(|e| PageError::Internal(format!("csv: {e}")))
        })?;
    scope
        .audit(
            &state,
            "candidatures.export",
            &format!("offre {}", offer.id.0),
            &format!("{} candidatures exportées", applications.len()),
        )
        .await;
    let disposition = format!(
        "attachment; filename=\"candidatures-offre-{}.csv\"",
        offer.id.0
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_known_statuses_and_pages() {
        let query = ListQuery::parse(Some(
            "statut=nouvelle&statut=inconnu&statut=refusee&statut=nouvelle&du=2026-11-01&page=0",
        ));
        assert_eq!(
            query.statuses,
            [ApplicationStatus::New, ApplicationStatus::Refused]
        );
        assert_eq!(query.page, 1);
        assert_eq!(
            date_field(&query.from),
            Ok(Some(time::macros::date!(2026 - 11 - 01)))
        );
        assert!(date_field("31/11/2026").is_err());
        assert!(query.href(7, 2).starts_with(
            "/recruteur/offres/7/candidatures?statut=nouvelle&statut=refusee&du=2026-11-01"
        ));
    }
}
