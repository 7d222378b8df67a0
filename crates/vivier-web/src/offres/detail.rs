//! `/emploi/{slug}`: one offer, whole.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use time::Date;
use vivier_domain::Slug;
use vivier_domain::offer::{ApplyMethod, OfferData, OfferSections, OfferState};

use super::jsonld;
use super::view::location_label;
use crate::catalog::{Board, PublicOffer};
use crate::error::PageError;
use crate::extract::Segments;
use crate::page::{Crumb, Layout, Nav, Section, sections};
use crate::{AppState, format, richtext};

/// A key fact: label, then text and an optional link.
pub struct Fact {
    pub label: &'static str,
    pub text: String,
    pub href: Option<String>,
}

/// How to apply, as shown.
pub enum Apply {
    /// Closed or filled: no way to apply.
    Closed,
    /// On Vivier: the application form.
    OnVivier,
    External(String),
    Email(String),
}

/// What an offer's page shows below the header: the same on the public page and in a
/// recruiter's preview (`templates/offres/body.html`).
pub struct OfferBody {
    pub title: String,
    /// For the link to the application form.
    pub slug: String,
    pub banner: Option<(&'static str, String)>,
    pub organisation_name: String,
    pub organisation_href: String,
    pub location: String,
    pub contracts: Vec<&'static str>,
    pub sections: Vec<Section>,
    pub facts: Vec<Fact>,
    pub apply: Apply,
}

#[derive(Template)]
#[template(path = "offres/detail.html")]
struct DetailPage {
    layout: Layout,
    body: OfferBody,
    json_ld: Option<String>,
}

/// The offer page; filled, closed and expired offers stay reachable with a banner.
pub async fn page(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).map_err(|_| PageError::NotFound)?;
    let board = state.catalog.board();
    let offer = board.offer(&slug).ok_or(PageError::NotFound)?;
    let today = state.config.clock.today();
    board.pages().html(format!("{today}|/emploi/{slug}"), || {
        render_offer(&state, &board, offer, today)
    })
}

fn render_offer(
    state: &AppState,
    board: &Board,
    offer: &PublicOffer,
    today: Date,
) -> Result<String, PageError> {
    let data = &offer.offer.data;
    let texts = offer.sections();
    let active = data.is_active(today);
    let body = body(board, data, &texts, today);
    let mut layout = Layout::new(
        format!("{} — {}", data.title, body.organisation_name),
        richtext::excerpt(texts.mission.as_deref().unwrap_or(&data.title), 160),
        Nav::Offers,
    )
    .with_breadcrumb(vec![
        Crumb::link("Offres d’emploi", "/offres-emploi"),
        Crumb::here(data.title.clone()),
    ]);
    layout.canonical = Some(format!(
        "{}/emploi/{}",
        state.config.public_url.as_str().trim_end_matches('/'),
        data.slug
    ));
    layout.noindex = !active;
    let template = DetailPage {
        body,
        json_ld: active.then(|| jsonld::job_posting(&state.config, board, offer)),
        layout,
    };
    Ok(template.render()?)
}

/// The body of an offer's page, from its data and (unpacked) texts, as of `today`.
pub fn body(board: &Board, data: &OfferData, texts: &OfferSections, today: Date) -> OfferBody {
    let active = data.is_active(today);
    let organisation = board.organisation(data.organisation_id);
    let location = location_label(board, &data.location);

    let banner = match data.state {
        _ if active => None,
        OfferState::Pourvue => Some((
            "Offre pourvue",
            "Ce poste a été pourvu : il n’est plus possible d’y candidater.".to_owned(),
        )),
        OfferState::Cloturee => Some((
            "Offre clôturée",
            "Cette offre a été clôturée : il n’est plus possible d’y candidater.".to_owned(),
        )),
        _ => Some((
            "Date limite dépassée",
            format!(
                "La date limite de candidature était le {} : il n’est plus possible d’y candidater.",
                data.deadline.map(format::date_long).unwrap_or_default()
            ),
        )),
    };

    let mut facts = Vec::new();
    if let Some(organisation) = organisation {
        facts.push(Fact {
            label: "Employeur",
            text: organisation.display_name(),
            href: Some(format!("/employeurs/{}", organisation.data.slug)),
        });
        if let Some(root) = board
            .root(organisation.id)
            .filter(|r| r.id != organisation.id)
        {
            facts.push(Fact {
                label: "Ministère de rattachement",
                text: root.data.name.clone(),
                href: Some(format!("/employeurs/{}", root.data.slug)),
            });
        }
    }
    facts.push(Fact {
        label: "Localisation",
        text: location.clone(),
        href: None,
    });
    facts.push(Fact {
        label: "Type de contrat",
        text: data
            .contract_types
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", "),
        href: None,
    });
    facts.push(Fact {
        label: "Télétravail",
        text: data.remote.label().to_owned(),
        href: None,
    });
    if let Some(family) = data
        .job_family_id
        .and_then(|id| board.job_families().iter().find(|f| f.id == id))
    {
        facts.push(Fact {
            label: "Métier",
            text: family.name.clone(),
            href: Some(format!("/offres-emploi?metier={}", family.slug)),
        });
    }
    let domains: Vec<_> = board
        .domains()
        .iter()
        .filter(|d| data.domain_ids.contains(&d.id))
        .map(|d| d.name.as_str())
        .collect();
    if !domains.is_empty() {
        facts.push(Fact {
            label: "Domaines",
            text: domains.join(", "),
            href: None,
        });
    }
    if let Some(category) = data.category {
        facts.push(Fact {
            label: "Catégorie",
            text: category.label().to_owned(),
            href: None,
        });
    }
    if let Some(seniority) = data.seniority {
        facts.push(Fact {
            label: "Expérience",
            text: seniority.label().to_owned(),
            href: None,
        });
    }
    if data.open_to_juniors {
        facts.push(Fact {
            label: "Débutant·es",
            text: "Offre ouverte aux débutant·es".to_owned(),
            href: None,
        });
    }
    if let Some(salary) = data.salary {
        facts.push(Fact {
            label: "Rémunération",
            text: format::salary(salary.min(), salary.max()),
            href: None,
        });
    }
    if let Some(deadline) = data.deadline {
        facts.push(Fact {
            label: "Date limite de candidature",
            text: format::date_long(deadline),
            href: None,
        });
    }
    if let Some(published) = data.published_on {
        facts.push(Fact {
            label: "Publiée le",
            text: format::date_long(published),
            href: None,
        });
    }
    if !data.reference.is_empty() {
        facts.push(Fact {
            label: "Référence",
            text: data.reference.clone(),
            href: None,
        });
    }
    if let Some(url) = &data.source_url {
        facts.push(Fact {
            label: "Source",
            text: data.source.label().to_owned(),
            href: Some(url.to_string()),
        });
    }

    let apply = if !active {
        Apply::Closed
    } else {
        match &data.apply {
            ApplyMethod::Vivier => Apply::OnVivier,
            ApplyMethod::ExternalUrl(url) => Apply::External(url.to_string()),
            ApplyMethod::Email(email) => Apply::Email(email.to_string()),
        }
    };

    let organisation_name = organisation.map(|o| o.display_name()).unwrap_or_default();
    OfferBody {
        title: data.title.clone(),
        slug: data.slug.to_string(),
        banner,
        organisation_href: organisation
            .map(|o| format!("/employeurs/{}", o.data.slug))
            .unwrap_or_default(),
        organisation_name,
        location,
        contracts: data.contract_types.iter().map(|c| c.label()).collect(),
        sections: sections(texts.filled()),
        facts,
        apply,
    }
}
