//! Writing an offer: the form (new or existing offer), its preview, and saving.
//!
//! The form posts to itself with an `action`: `enregistrer` saves (a new offer is saved as a
//! draft), `apercu` shows the offer exactly as candidates will see it, with nothing saved and
//! the form carried along in hidden fields, and `modifier` comes back from the preview to the
//! form as it was typed.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::Date;
use vivier_domain::Slug;
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, Offer, OfferData, OfferSections, OfferState,
    Remote, Seniority, Source,
};

use super::form::{ABROAD, OfferForm, SECTIONS};
use super::{Scope, own_offer, recruiter_layout};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::catalog::Board;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::offres::detail::{Apply, OfferBody, body};
use crate::page::{Choice, Crumb, Nav};

/// A new offer's slug: its title's words and a random suffix, so that two offers with the
/// same title never collide and a slug does not reveal how many offers exist.
pub fn new_slug(title: &str) -> Slug {
    let words = Slug::from_text(title).map_or_else(
        || "offre".to_owned(),
        |s| {
            let mut text = s.as_str().to_owned();
            text.truncate(80);
            text.trim_end_matches('-').to_owned()
        },
    );
    let suffix: String = crate::auth::tokens::random()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    Slug::parse(&format!("{words}-{suffix}")).unwrap_or_else(|_| {
        Slug::parse(&format!("offre-{suffix}")).expect("letters, digits and a dash make a slug")
    })
}

/// A blank offer of `organisation`, as a new draft starts.
fn blank(organisation: vivier_domain::OrganisationId, title: &str) -> OfferData {
    OfferData {
        slug: new_slug(title),
        reference: String::new(),
        title: String::new(),
        organisation_id: organisation,
        job_family_id: None,
        domain_ids: Vec::new(),
        contract_types: Vec::new(),
        category: None,
        remote: Remote::Partiel,
        open_to_juniors: false,
        seniority: None,
        salary: None,
        location: Location::Abroad {
            country: String::new(),
            city: None,
        },
        state: OfferState::Brouillon,
        published_on: None,
        deadline: None,
        source: Source::Vivier,
        source_reference: None,
        source_url: None,
        apply: ApplyMethod::Vivier,
        sections: OfferSections::default(),
    }
}

/// A button of the offer's life cycle.
struct Step {
    path: &'static str,
    label: &'static str,
    secondary: bool,
}

/// What the form page knows of the stored offer (none for a new one).
struct Stored {
    id: i64,
    state: &'static str,
    public_href: Option<String>,
    imported: Option<&'static str>,
    steps: Vec<Step>,
    /// "3 candidatures", linking to them (set by the form page, which counts them).
    applications: String,
}

#[derive(Template)]
#[template(path = "recruteur/offre.html")]
struct FormPage {
    layout: crate::page::Layout,
    heading: String,
    action: String,
    csrf: String,
    form: OfferForm,
    notice: Option<&'static str>,
    /// An imported offer: shown, not editable.
    readonly: bool,
    stored: Option<Stored>,
    organisations: Vec<Choice>,
    families: Vec<Choice>,
    domains: Vec<Choice>,
    contracts: Vec<Choice>,
    categories: Vec<Choice>,
    remotes: Vec<Choice>,
    seniorities: Vec<Choice>,
    departments: Vec<Choice>,
    applies: Vec<Choice>,
    sections: &'static [(&'static str, &'static str, &'static str)],
}

#[derive(Template)]
#[template(path = "recruteur/apercu.html")]
struct PreviewPage {
    layout: crate::page::Layout,
    action: String,
    csrf: String,
    hidden: Vec<(&'static str, String)>,
    body: OfferBody,
}

/// The `?fait=` notice after a redirect.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    fait: String,
}

impl Done {
    fn notice(&self) -> Option<&'static str> {
        Some(match self.fait.as_str() {
            "enregistree" => "L’offre est enregistrée.",
            "publiee" => "L’offre est publiée : elle apparaît sur Vivier dans quelques secondes.",
            "pourvue" => "L’offre est marquée comme pourvue : elle n’accepte plus de candidatures.",
            "cloturee" => "L’offre est clôturée : elle n’accepte plus de candidatures.",
            "copie" => "Voici la copie de l’offre, en brouillon : modifiez-la puis publiez-la.",
            _ => return None,
        })
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    selected: impl Fn(&str) -> bool,
) -> Vec<Choice> {
    all.iter()
        .map(|&item| Choice {
            value: code(item).to_owned(),
            label: label(item).to_owned(),
            selected: selected(code(item)),
        })
        .collect()
}

/// The form page.
fn form_page(
    board: &Board,
    scope: &Scope,
    form: OfferForm,
    stored: Option<Stored>,
    csrf: String,
    notice: Option<&'static str>,
) -> FormPage {
    let action = stored.as_ref().map_or_else(
        || "/recruteur/offres/nouvelle".to_owned(),
        |s| format!("/recruteur/offres/{}", s.id),
    );
    let heading = if stored.is_some() {
        "Modifier l’offre"
    } else {
        "Nouvelle offre"
    };
    let title = match form.value("intitule") {
        "" => heading.to_owned(),
        title => format!("{heading} : {title}"),
    };
    let value = |name: &str| form.value(name).to_owned();
    let organisations = scope
        .organisations()
        .map(|o| Choice {
            value: o.id.0.to_string(),
            label: o.display_name(),
            selected: o.id.0.to_string() == value("organisation"),
        })
        .collect();
    let families = board
        .job_families()
        .iter()
        .map(|f| Choice {
            value: f.id.0.to_string(),
            label: f.name.clone(),
            selected: f.id.0.to_string() == value("metier"),
        })
        .collect();
    let domains = board
        .domains()
        .iter()
        .map(|d| Choice {
            value: d.id.0.to_string(),
            label: d.name.clone(),
            selected: form.has("domaines", &d.id.0.to_string()),
        })
        .collect();
    let mut departments: Vec<Choice> = board
        .geography()
        .departments()
        .iter()
        .map(|d| Choice {
            value: d.code.to_string(),
            label: format!("{} ({})", d.name, d.code),
            selected: d.code.to_string() == value("departement"),
        })
        .collect();
    departments.push(Choice {
        value: ABROAD.to_owned(),
        label: "À l’étranger".to_owned(),
        selected: value("departement") == ABROAD,
    });
    FormPage {
        layout: recruiter_layout(
            &title,
            vec![
                Crumb::link("Offres", "/recruteur/offres"),
                Crumb::here(heading),
            ],
        ),
        heading: heading.to_owned(),
        action,
        csrf,
        contracts: choices(
            ContractType::ALL,
            ContractType::code,
            ContractType::label,
            |c| form.has("contrats", c),
        ),
        categories: choices(Category::ALL, Category::code, Category::label, |c| {
            c == value("categorie")
        }),
        remotes: choices(Remote::ALL, Remote::code, Remote::label, |c| {
            c == value("teletravail")
        }),
        seniorities: choices(Seniority::ALL, Seniority::code, Seniority::label, |c| {
            c == value("experience")
        }),
        organisations,
        families,
        domains,
        departments,
        applies: [
            ("vivier", "Sur Vivier"),
            ("url", "Sur un autre site"),
            ("email", "Par courriel"),
        ]
        .into_iter()
        .map(|(code, label)| Choice {
            value: code.to_owned(),
            label: label.to_owned(),
            selected: value("candidature") == code,
        })
        .collect(),
        sections: &SECTIONS,
        notice,
        readonly: stored.as_ref().is_some_and(|s| s.imported.is_some()),
        stored,
        form,
    }
}

/// What the page says of a stored offer, and which steps its state allows.
fn stored(offer: &Offer) -> Stored {
    let data = &offer.data;
    let steps = match data.state {
        _ if data.source != Source::Vivier => Vec::new(),
        OfferState::Brouillon | OfferState::Cloturee => vec![Step {
            path: "publier",
            label: "Publier",
            secondary: false,
        }],
        OfferState::Publiee => vec![
            Step {
                path: "pourvoir",
                label: "Marquer comme pourvue",
                secondary: true,
            },
            Step {
                path: "cloturer",
                label: "Clôturer",
                secondary: true,
            },
        ],
        OfferState::Pourvue => Vec::new(),
    };
    Stored {
        id: offer.id.0,
        state: data.state.label(),
        public_href: data.is_public().then(|| format!("/emploi/{}", data.slug)),
        imported: (data.source != Source::Vivier).then(|| data.source.label()),
        steps,
        applications: String::new(),
    }
}

/// GET `/recruteur/offres/nouvelle`.
pub async fn new_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let first = scope.organisations().next().map(|o| o.id);
    let mut form = OfferForm::from_data(&blank(
        first.unwrap_or(vivier_domain::OrganisationId(0)),
        "",
    ));
    // A new offer starts with nothing chosen but its organisation and how to apply.
    for name in ["departement", "pays", "ville", "teletravail"] {
        form.clear(name);
    }
    crate::page::render(&form_page(
        &state.catalog.board(),
        &scope,
        form,
        None,
        csrf,
        None,
    ))
}

/// GET `/recruteur/offres/{id}`.
pub async fn edit_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<String>,
    LenientQuery(done): LenientQuery<Done>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = scope.offer(&state, &id).await?;
    let form = OfferForm::from_data(&offer.data);
    let mut stored = stored(&offer);
    let counts = crate::recruteur::candidatures::application_counts(&state, &[offer.id]).await?;
    stored.applications = crate::format::count(
        counts.get(&offer.id.0).copied().unwrap_or(0) as usize,
        "candidature",
        "candidatures",
    );
    crate::page::render(&form_page(
        &state.catalog.board(),
        &scope,
        form,
        Some(stored),
        csrf,
        done.notice(),
    ))
}

/// POST `/recruteur/offres/nouvelle`.
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let form = OfferForm::from_pairs(pairs)?;
    let data = blank(vivier_domain::OrganisationId(0), form.value("intitule"));
    submit(&state, &scope, form, data, None, csrf).await
}

/// POST `/recruteur/offres/{id}`.
pub async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let offer = own_offer(&state, &scope, &id).await?;
    let form = OfferForm::from_pairs(pairs)?;
    let data = offer.data.clone();
    submit(&state, &scope, form, data, Some(offer), csrf).await
}

/// Saves, previews or returns to the form, as the `action` asks.
async fn submit(
    state: &AppState,
    scope: &Scope,
    mut form: OfferForm,
    mut data: OfferData,
    offer: Option<Offer>,
    csrf: String,
) -> Result<Response, PageError> {
    let board = state.catalog.board();
    let today: Date = state.config.clock.today();
    let families: Vec<_> = board.job_families().iter().map(|f| f.id).collect();
    let domains: Vec<_> = board.domains().iter().map(|d| d.id).collect();
    let action = form.value("action").to_owned();
    let valid = form.apply_to(
        &mut data,
        &|id| scope.manages(id),
        &families,
        &domains,
        board.geography(),
        today,
    );
    let stored_view = offer.as_ref().map(stored);
    match action.as_str() {
        "modifier" => {
            return crate::page::render(&form_page(&board, scope, form, stored_view, csrf, None));
        }
        "enregistrer" | "apercu" if !valid => {
            let page = form_page(&board, scope, form, stored_view, csrf, None);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::page::render(&page)?,
            )
                .into_response());
        }
        "apercu" => {
            // As candidates will see it once published.
            let mut shown = data.clone();
            shown.state = OfferState::Publiee;
            shown.published_on = shown.published_on.or(Some(today));
            let action = stored_view.as_ref().map_or_else(
                || "/recruteur/offres/nouvelle".to_owned(),
                |s| format!("/recruteur/offres/{}", s.id),
            );
            let page = PreviewPage {
                layout: recruiter_layout(
                    &format!("Aperçu : {}", data.title),
                    vec![
                        Crumb::link("Offres", "/recruteur/offres"),
                        Crumb::here("Aperçu"),
                    ],
                ),
                hidden: form
                    .pairs()
                    .into_iter()
                    .map(|(k, v)| (k, v.to_owned()))
                    .collect(),
                body: body(&board, &shown, &shown.sections, today),
                action,
                csrf,
            };
            return crate::page::render(&page);
        }
        "enregistrer" => {}
        _ => {
            return Err(PageError::BadRequest(
                "Le formulaire envoyé ne dit pas quoi faire. Rechargez la page et recommencez."
                    .to_owned(),
            ));
        }
    }
    let (id, what) = match offer {
        Some(offer) => {
            state.store.update_offer(offer.id, &data).await?;
            (offer.id, "offre.modification")
        }
        None => (state.store.create_offer(&data).await?.id, "offre.creation"),
    };
    scope
        .audit(
            state,
            what,
            &format!("offre {}", id.0),
            &format!("organisation {}", data.organisation_id.0),
        )
        .await;
    Ok(Redirect::to(&format!("/recruteur/offres/{}?fait=enregistree", id.0)).into_response())
}
