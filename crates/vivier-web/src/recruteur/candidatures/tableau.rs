//! `/recruteur/tableau-de-bord`: the figures of one organisation of the recruiter's scope
//! (`?organisation=slug`, the first one they act for by default), with what lies under it: live
//! offers, applications received this week (since Monday, Paris time), applications at each
//! step, and how long the first answer takes (median and mean).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use vivier_domain::candidate::ApplicationStatus;

use super::{Scope, delay, paris_midnight};
use crate::AppState;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::LenientQuery;
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::recruteur::offres::recruiter_layout;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DashboardQuery {
    organisation: String,
}

/// One step and how many applications are at it.
struct Stage {
    label: &'static str,
    count: String,
}

#[derive(Template)]
#[template(path = "recruteur/tableau.html")]
struct DashboardPage {
    layout: Layout,
    name: String,
    slug: String,
    below: usize,
    organisations: Vec<Choice>,
    live_offers: String,
    received: String,
    week: String,
    stages: Vec<Stage>,
    median: String,
    mean: String,
    answered: String,
}

/// The median and mean of sorted delays, in seconds; `None` without any.
fn median_and_mean(sorted: &[i64]) -> Option<(f64, f64)> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let median = if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0
    };
    let mean = sorted.iter().map(|&d| d as f64).sum::<f64>() / n as f64;
    Some((median, mean))
}

/// GET `/recruteur/tableau-de-bord`.
pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    LenientQuery(query): LenientQuery<DashboardQuery>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let organisation = if query.organisation.is_empty() {
        scope
            .roots()
            .next()
            .or_else(|| scope.organisations().next())
            .ok_or(PageError::NotFound)?
    } else {
        scope
            .organisation_by_slug(&state, &query.organisation)
            .await?
    };
    let mut ids: Vec<_> = scope
        .tree()
        .subtree([organisation.id])
        .into_iter()
        .collect();
    ids.sort_unstable();
    let today = state.config.clock.today();
    let monday = today
        .checked_sub(time::Duration::days(i64::from(
            today.weekday().number_days_from_monday(),
        )))
        .unwrap_or(today);
    let since = paris_midnight(monday).unwrap_or(0);
    let figures = state.store.dashboard(&ids, since).await?;
    let count_of = |status: ApplicationStatus| {
        figures
            .by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    let stages = ApplicationStatus::ALL
        .iter()
        .map(|&status| Stage {
            label: status.label(),
            count: crate::format::thousands(count_of(status)),
        })
        .collect();
    let (median, mean) = median_and_mean(&figures.first_answer_delays)
        .map_or(("—".to_owned(), "—".to_owned()), |(median, mean)| {
            (delay(median), delay(mean))
        });
    let organisations = scope
        .organisations()
        .map(|o| Choice {
            value: o.data.slug.to_string(),
            label: o.display_name(),
            selected: o.id == organisation.id,
        })
        .collect();
    crate::page::render(&DashboardPage {
        layout: recruiter_layout(
            &format!("Tableau de bord : {}", organisation.display_name()),
            vec![Crumb::here("Tableau de bord")],
        ),
        name: organisation.display_name(),
        slug: organisation.data.slug.to_string(),
        below: ids.len().saturating_sub(1),
        organisations,
        // As the public sees them (published, deadline not passed), like the home page.
        live_offers: crate::format::thousands(
            state
                .catalog
                .board()
                .live_offer_count(organisation.id, today) as u64,
        ),
        received: crate::format::thousands(figures.received_since),
        week: crate::format::date_long(monday),
        stages,
        median,
        mean,
        answered: crate::format::count(
            figures.first_answer_delays.len(),
            "candidature a reçu une première réponse",
            "candidatures ont reçu une première réponse",
        )
        .replacen(
            "aucune candidature a reçu",
            "aucune candidature n’a encore reçu",
            1,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_mean_of_delays() {
        assert_eq!(median_and_mean(&[]), None);
        assert_eq!(median_and_mean(&[10]), Some((10.0, 10.0)));
        assert_eq!(median_and_mean(&[10, 20, 90]), Some((20.0, 40.0)));
        assert_eq!(median_and_mean(&[10, 20, 30, 100]), Some((25.0, 40.0)));
    }
}
