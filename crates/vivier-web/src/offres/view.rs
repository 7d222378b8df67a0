//! How an offer reads on pages: labels computed once per render.

use vivier_domain::offer::{Location, OfferData};

use crate::catalog::Board;
use crate::format;
use crate::richtext;

/// "Paris (75)", "Ajaccio (2A)", "Bruxelles, Belgique".
pub fn location_label(board: &Board, location: &Location) -> String {
    match (location, location.places(board.geography())) {
        (
            Location::France {
                region, department, ..
            },
            Some(places),
        ) => match (places.commune, department) {
            (Some(commune), Some(code)) => format!("{} ({code})", commune.name),
            (None, Some(code)) => {
                let name = places.department.map_or(code.as_str(), |d| d.name.as_str());
                format!("{name} ({code})")
            }
            _ => places
                .region
                .map_or_else(|| region.to_string(), |r| r.name.clone()),
        },
        (Location::Abroad { country, city }, _) => match city {
            Some(city) => format!("{city}, {country}"),
            None => country.clone(),
        },
        (Location::France { region, .. }, None) => region.to_string(),
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
