//! How an offer reads on pages: labels computed once per render.

use vivier_domain::offer::{Location, OfferData};

use crate::catalog::Board;
use crate::format;
use crate::richtext;

/// "Paris (75)", "Ajaccio (2A)", "Bruxelles, Belgique".
pub fn location_label(board: &Board, location: &Location) -> String {
    let geography = board.geography();
    match location {
        Location::France {
            region,
            department,
            commune,
        } => {
            let commune = commune.as_ref().and_then(|c| geography.commune(c));
            let department_name = department
                .as_ref()
                .and_then(|d| geography.department(d))
                .map(|d| d.name.as_str());
            match (commune, department) {
                (Some(commune), Some(code)) => format!("{} ({code})", commune.name),
                (None, Some(code)) => {
                    format!("{} ({code})", department_name.unwrap_or(code.as_str()))
                }
                _ => geography
                    .region(region)
                    .map_or_else(|| region.to_string(), |r| r.name.clone()),
            }
        }
        Location::Abroad { country, city } => match city {
            Some(city) => format!("{city}, {country}"),
            None => country.clone(),
        },
    }
}

/// An offer as a card in a list.
#[derive(Debug)]
pub struct OfferCard {
    pub href: String,
    pub title: String,
    pub organisation: String,
    pub location: String,
    pub contracts: Vec<&'static str>,
    pub remote: &'static str,
    pub juniors: bool,
    pub excerpt: String,
    pub published: String,
    pub deadline: Option<String>,
}

impl OfferCard {
    /// Builds the card of an offer.
    pub fn new(board: &Board, offer: &OfferData) -> Self {
        let organisation = board
            .organisation(offer.organisation_id)
            .map(|o| o.display_name())
            .unwrap_or_default();
        let first_text = offer
            .sections
            .mission
            .as_deref()
            .or(offer.sections.activities.as_deref())
            .or(offer.sections.context.as_deref())
            .unwrap_or_default();
        Self {
            href: format!("/emploi/{}", offer.slug),
            title: offer.title.clone(),
            organisation,
            location: location_label(board, &offer.location),
            contracts: offer.contract_types.iter().map(|c| c.label()).collect(),
            remote: offer.remote.label(),
            juniors: offer.open_to_juniors,
            excerpt: richtext::excerpt(first_text, 220),
            published: offer
                .published_on
                .map(format::date_long)
                .unwrap_or_default(),
            deadline: offer.deadline.map(format::date_long),
        }
    }
}
