//! The recruiters' side of applications: the applications of an offer (list, CSV export), one
//! application (profile, motivation, CV, history, notes, the pipeline), the spontaneous
//! applications and the talent pool with proposals, and each organisation's dashboard.
//!
//! Every handler goes through the recruiter's [`Scope`]. An application belongs to its offer's
//! organisation, or to the organisation a spontaneous one is sent to; one sent to the State is
//! read by every recruiter, unless its candidate hid their profile from an organisation the
//! recruiter acts for (or one above it). Anything else answers 404 and is audited
//! (`recruteur.hors-perimetre`), as if it did not exist.

mod candidats;
mod detail;
mod list;
mod mails;
mod pipeline;
mod tableau;

use vivier_domain::OrganisationId;
use vivier_domain::candidate::{ApplicationStatus, Target};
use vivier_domain::offer::Offer;
use vivier_store::candidates::{Application, Candidate};

use super::scope::Scope;
use crate::AppState;
use crate::error::PageError;
use crate::page::Choice;
use crate::policy::Routes;

pub use list::application_counts;

/// Routes of this area.
pub fn routes() -> Routes {
    use axum::routing::{get, post};
    Routes::new()
        .route("/recruteur/offres/{id}/candidatures", get(list::list))
        .route("/recruteur/offres/{id}/candidatures.csv", get(list::export))
        .route("/recruteur/candidatures/{id}", get(detail::show))
        .route("/recruteur/candidatures/{id}/cv", get(detail::cv))
        .route(
            "/recruteur/candidatures/{id}/etape",
            post(pipeline::move_to),
        )
        .route("/recruteur/candidatures/{id}/notes", post(detail::add_note))
        .route("/recruteur/candidats", get(candidats::list))
        .route(
            "/recruteur/candidats/{user}/proposer",
            post(candidats::propose),
        )
        .route("/recruteur/tableau-de-bord", get(tableau::show))
}

/// An application this recruiter may read, with its candidate as they are now (`None` once
/// personal data is removed).
#[derive(Debug)]
struct Reached {
    application: Application,
    candidate: Option<Candidate>,
}

impl Reached {
    /// Whether the application can still change: its candidate is known and it is not final.
    fn is_open(&self) -> bool {
        self.application.candidate.is_some() && !self.application.status.is_final()
    }
}

/// The application with this id (the path segment as typed), if this recruiter may read it;
/// anything else is 404, audited when the application exists.
async fn reach(state: &AppState, scope: &Scope, id: &str) -> Result<Reached, PageError> {
    let id = id.parse::<i64>().map_err(|_| PageError::NotFound)?;
    let Some(application) = state.store.application(id).await? else {
        return Err(PageError::NotFound);
    };
    let candidate = match &application.candidate {
        Some(who) => state.store.candidate(who.user).await?,
        None => None,
    };
    let readable = match application.target {
        Target::Offer(_) | Target::Organisation(_) => application
            .organisation
            .is_some_and(|organisation| scope.manages(organisation)),
        // Anonymised: nothing of the candidate is left to hide.
        Target::State => candidate
            .as_ref()
            .is_none_or(|c| scope.sees_profile(&c.profile.hidden_from)),
    };
    if !readable {
        scope.deny(state, &format!("candidature {id}")).await;
        return Err(PageError::NotFound);
    }
    Ok(Reached {
        application,
        candidate,
    })
}

/// Where an application goes, as a recruiter reads it: "Offre « … »", "Candidature spontanée à
/// …", "Candidature spontanée à l’État".
fn target_label(scope: &Scope, application: &Application) -> String {
    match application.target {
        Target::Offer(_) => format!(
            "Offre « {} »",
            application
                .offer_title
                .as_deref()
                .unwrap_or("offre supprimée")
        ),
        Target::Organisation(organisation) => format!(
            "Candidature spontanée à {}",
            organisation_name(scope, organisation)
        ),
        Target::State => "Candidature spontanée à l’État".to_owned(),
    }
}

/// An organisation's name, or a placeholder for one that no longer exists.
fn organisation_name(scope: &Scope, id: OrganisationId) -> String {
    scope
        .organisation(id)
        .map_or_else(|| "une organisation".to_owned(), |o| o.display_name())
}

/// The offers of the recruiter's organisations open to applications today, to propose to a
/// candidate.
async fn published_offers(state: &AppState, scope: &Scope) -> Result<Vec<Offer>, PageError> {
    let mut offers = state
        .store
        .offers_of_organisations(&scope.organisation_ids())
        .await?;
    let today = state.config.clock.today();
    offers.retain(|offer| offer.data.is_active(today));
    offers.sort_by(|a, b| a.data.title.cmp(&b.data.title).then(a.id.0.cmp(&b.id.0)));
    Ok(offers)
}

/// The `<option>`s of these offers.
fn offer_choices(scope: &Scope, offers: &[Offer]) -> Vec<Choice> {
    offers
        .iter()
        .map(|offer| Choice {
            value: offer.id.0.to_string(),
            label: format!(
                "{} — {}",
                offer.data.title,
                organisation_name(scope, offer.data.organisation_id)
            ),
            selected: false,
        })
        .collect()
}

/// The DSFR badge of a status.
fn badge(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::New => "fr-badge--new",
        ApplicationStatus::Reviewing | ApplicationStatus::Interview => "fr-badge--info",
        ApplicationStatus::Offer | ApplicationStatus::Hired => "fr-badge--success",
        ApplicationStatus::Refused => "fr-badge--error",
        ApplicationStatus::Withdrawn => "",
    }
}

/// A Unix time as Paris reads it: "22/11/2026 à 14:05".
fn moment(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(crate::format::moment_paris)
        .unwrap_or_default()
}

/// A Unix time as a Paris calendar date: "22/11/2026".
fn day(seconds: i64) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_zoned(zone).strftime("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// The Unix time of midnight in Paris starting `date`.
fn paris_midnight(date: time::Date) -> Option<i64> {
    let zone = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    let civil = jiff::civil::Date::new(
        i16::try_from(date.year()).ok()?,
        i8::try_from(u8::from(date.month())).ok()?,
        i8::try_from(date.day()).ok()?,
    )
    .ok()?;
    civil
        .to_zoned(zone)
        .ok()
        .map(|zoned| zoned.timestamp().as_second())
}

/// A size in bytes, as French reads it: "850 octets", "12 ko", "1,4 Mo".
fn size(bytes: i64) -> String {
    let bytes = bytes.max(0) as f64;
    if bytes < 1_000.0 {
        format!("{bytes} octets")
    } else if bytes < 1_000_000.0 {
        format!("{} ko", (bytes / 1_000.0).round())
    } else {
        format!("{} Mo", crate::format::decimal(bytes / 1_000_000.0, 1))
    }
}

/// A delay in seconds, as French reads it: "moins d’une heure", "5 heures", "2 jours et
/// 3 heures".
fn delay(seconds: f64) -> String {
    let hours = (seconds / 3_600.0).round() as i64;
    let plural = |n: i64, one: &str, many: &str| {
        if n > 1 {
            format!("{n} {many}")
        } else {
            format!("{n} {one}")
        }
    };
    if hours < 1 {
        "moins d’une heure".to_owned()
    } else if hours < 24 {
        plural(hours, "heure", "heures")
    } else if hours % 24 == 0 {
        plural(hours / 24, "jour", "jours")
    } else {
        format!(
            "{} et {}",
            plural(hours / 24, "jour", "jours"),
            plural(hours % 24, "heure", "heures")
        )
    }
}

/// Pairs of a form that lists every field a page sends: `name` → its values. An unknown field
/// answers 400 (forms come from Vivier's pages, so it is forged or broken).
fn read_fields(
    pairs: Vec<(String, String)>,
    known: &[&str],
) -> Result<std::collections::HashMap<String, Vec<String>>, PageError> {
    let mut fields: std::collections::HashMap<String, Vec<String>> = Default::default();
    for (name, value) in pairs {
        if !known.contains(&name.as_str()) {
            return Err(PageError::BadRequest(
                "Le formulaire envoyé contient des champs inconnus. Rechargez la page et \
                 recommencez."
                    .to_owned(),
            ));
        }
        fields.entry(name).or_default().push(value);
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_sizes_and_days_read_in_french() {
        assert_eq!(delay(0.0), "moins d’une heure");
        assert_eq!(delay(3_600.0), "1 heure");
        assert_eq!(delay(5.0 * 3_600.0), "5 heures");
        assert_eq!(delay(86_400.0), "1 jour");
        assert_eq!(delay(2.0 * 86_400.0 + 3.0 * 3_600.0), "2 jours et 3 heures");
        assert_eq!(delay(86_400.0 + 3_600.0), "1 jour et 1 heure");
        assert_eq!(size(850), "850 octets");
        assert_eq!(size(12_400), "12 ko");
        assert_eq!(size(1_450_000), "1,4 Mo");
        // 22 November 2026, midnight in Paris, is 23:00 UTC the day before.
        let midnight = paris_midnight(time::macros::date!(2026 - 11 - 22)).unwrap();
        assert_eq!(midnight, 1_795_302_000);
        assert_eq!(day(midnight), "22/11/2026");
        assert_eq!(day(midnight - 1), "21/11/2026");
    }
}
