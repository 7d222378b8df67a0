//! How an offer reads on pages: labels computed once per render.

use vivier_domain::offer::{Location, OfferData, OfferSections};
use vivier_search::Highlighter;

use crate::catalog::{Board, PublicOffer};
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

/// A text cut into pieces, each with whether it matched the search (shown marked).
pub type Marked = Vec<(String, bool)>;

fn unmarked(text: String) -> Marked {
    vec![(text, false)]
}

fn marked(highlighter: &Highlighter, text: &str) -> Marked {
    highlighter
        .pieces(text)
        .into_iter()
        .map(|(piece, mark)| (piece.to_owned(), mark))
        .collect()
}

/// The title and an excerpt of an offer with the words a search matched marked.
#[derive(Debug)]
pub struct Highlights {
    pub title: Marked,
    /// From the first section where the search matched, if any did.
    pub excerpt: Option<Marked>,
}

impl Highlights {
    /// The highlights of an offer with these (unpacked) sections; `None` when the query has
    /// no word to mark.
    pub fn of(
        offer: &OfferData,
        sections: &OfferSections,
        highlighter: &Highlighter,
    ) -> Option<Self> {
        if highlighter.is_empty() {
            return None;
        }
        let excerpt = sections.filled().into_iter().find_map(|(_, _, text)| {
            let flat = richtext::flatten(text);
            let first = highlighter.ranges(&flat).first()?.start;
            Some(richtext::window(&flat, first, EXCERPT_CHARS))
        });
        Some(Self {
            title: marked(highlighter, &offer.title),
            excerpt: excerpt.map(|e| marked(highlighter, &e)),
        })
    }
}

/// Characters of a card's excerpt.
const EXCERPT_CHARS: usize = 220;

/// An offer as a card in a list.
#[derive(Debug)]
pub struct OfferCard {
    pub href: String,
    pub title: Marked,
    pub organisation: String,
    pub location: String,
    pub contracts: Vec<&'static str>,
    pub remote: &'static str,
    pub juniors: bool,
    pub excerpt: Marked,
    pub published: String,
    pub deadline: Option<String>,
}

impl OfferCard {
    /// Builds the card of an offer found by a text search: the words the search matched are
    /// marked in the title, and the excerpt shows the first section where some are.
    pub fn highlighted(board: &Board, offer: &PublicOffer, highlighter: &Highlighter) -> Self {
        let sections = offer.sections();
        let data = &offer.offer.data;
        let mut card = Self::with_sections(board, data, &sections);
        if let Some(found) = Highlights::of(data, &sections, highlighter) {
            card.title = found.title;
            card.excerpt = found.excerpt.unwrap_or(card.excerpt);
        }
        card
    }

    /// Builds the card of an offer.
    pub fn new(board: &Board, offer: &PublicOffer) -> Self {
        Self::with_sections(board, &offer.offer.data, &offer.sections())
    }

    fn with_sections(board: &Board, offer: &OfferData, sections: &OfferSections) -> Self {
        let organisation = board
            .organisation(offer.organisation_id)
            .map(|o| o.display_name())
            .unwrap_or_default();
        let first_text = sections
            .mission
            .as_deref()
            .or(sections.activities.as_deref())
            .or(sections.context.as_deref())
            .unwrap_or_default();
        Self {
            href: format!("/emploi/{}", offer.slug),
            title: unmarked(offer.title.clone()),
            organisation,
            location: location_label(board, &offer.location),
            contracts: offer.contract_types.iter().map(|c| c.label()).collect(),
            remote: offer.remote.label(),
            juniors: offer.open_to_juniors,
            excerpt: unmarked(richtext::excerpt(first_text, EXCERPT_CHARS)),
            published: offer
                .published_on
                .map(format::date_long)
                .unwrap_or_default(),
            deadline: offer.deadline.map(format::date_long),
        }
    }
}
