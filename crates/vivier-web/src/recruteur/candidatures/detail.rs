//! `/recruteur/candidatures/{id}`: one application — the candidate and their profile, the
//! motivation, the CV, the history, the notes of the recruiters (never shown to the candidate)
//! — with the forms that add a note and move it along the pipeline ([`super::pipeline`]).
//!
//! A note belongs to the organisation it is written for: an application's organisation, or,
//! for an application to the State (which every recruiter reads), the organisation the author
//! acts for. Its recruiters, and those above them, read it; nobody else does.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::OrganisationId;
use vivier_domain::candidate::{ApplicationStatus, NOTE_MAX, RefusalReason, Target};
use vivier_store::candidates::ApplicationEvent;

use super::pipeline::{MoveForm, Pipeline};
use super::{Reached, Scope, badge, moment, reach, read_fields, size, target_label};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::recruteur::offres::recruiter_layout;

/// One line of the profile.
struct Fact {
    label: &'static str,
    value: String,
}

/// The candidate, as the page shows them.
struct CandidateView {
    name: String,
    email: String,
    facts: Vec<Fact>,
    links: Vec<(&'static str, String)>,
}

struct CvView {
    filename: String,
    size: String,
    pages: String,
}

struct EventLine {
    at: String,
    actor: String,
    change: String,
    reasons: Vec<&'static str>,
    comment: String,
}

struct NoteLine {
    author: String,
    at: String,
    body: String,
}

/// The note form, as typed, and what is wrong with it.
#[derive(Debug, Default)]
pub(super) struct NoteForm {
    body: String,
    organisation: String,
    error: Option<String>,
}

/// The proposal form of a spontaneous application.
struct ProposeView {
    user: i64,
    offers: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "recruteur/candidature.html")]
struct DetailPage {
    layout: Layout,
    csrf: String,
    id: i64,
    heading: String,
    target: String,
    target_href: Option<String>,
    status: &'static str,
    badge: &'static str,
    received: String,
    notice: Option<&'static str>,
    candidate: Option<CandidateView>,
    motivation: Vec<String>,
    cv: Option<CvView>,
    history: Vec<EventLine>,
    notes: Vec<NoteLine>,
    /// Whether notes may be added (the candidate's data is still there).
    may_note: bool,
    note_form: NoteForm,
    note_organisations: Vec<Choice>,
    note_max: usize,
    /// "4 000", for the hint.
    note_max_text: String,
    pipeline: Option<Pipeline>,
    /// Why the application does not move, when it does not.
    closed: Option<String>,
    propose: Option<ProposeView>,
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
            "etape" => "L’étape est enregistrée.",
            "etape-courriel" => {
                "L’étape est enregistrée. La personne candidate en est informée par courriel."
            }
            "note" => "La note est ajoutée. Seuls les recruteurs de votre organisation la lisent.",
            "proposee" => {
                "La proposition est envoyée : la personne reçoit un courriel avec le lien de \
                 l’offre."
            }
            _ => return None,
        })
    }
}

/// GET `/recruteur/candidatures/{id}`.
pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<String>,
    LenientQuery(done): LenientQuery<Done>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let reached = reach(&state, &scope, &id).await?;
    render(
        &state,
        &scope,
        &reached,
        csrf,
        done.notice(),
        MoveForm::default(),
        NoteForm::default(),
        StatusCode::OK,
    )
    .await
}

/// GET `/recruteur/candidatures/{id}/cv`: the application's CV, for a recruiter who may read the
/// application; each download is audited.
pub async fn cv(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<String>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let reached = reach(&state, &scope, &id).await?;
    let Some(cv) = &reached.application.cv else {
        return Err(PageError::NotFound);
    };
    let response = crate::candidat::cv_download(&state, cv).await?;
    scope
        .audit(
            &state,
            "candidature.cv",
            &format!("candidature {}", reached.application.id),
            &format!("CV {} téléchargé", cv.id),
        )
        .await;
    Ok(response)
}

/// Why an application cannot move, if it cannot.
pub(super) fn closed_reason(reached: &Reached) -> Option<String> {
    let application = &reached.application;
    if application.candidate.is_none() {
        Some(
            "Les données personnelles de cette candidature ont été supprimées : elle ne change \
             plus d’étape."
                .to_owned(),
        )
    } else if application.target == Target::State {
        Some(
            "Cette candidature est adressée à l’État dans son ensemble : elle ne suit pas \
             les étapes d’un recrutement. Si le profil vous intéresse, proposez une de vos \
             offres à la personne."
                .to_owned(),
        )
    } else if application.status.is_final() {
        Some(format!(
            "Cette candidature est close (« {} ») : elle ne change plus d’étape.",
            application.status.label()
        ))
    } else {
        None
    }
}

/// The page of an application, with the forms as typed (`status` 422 when one is refused).
#[allow(clippy::too_many_arguments)]
pub(super) async fn render(
    state: &AppState,
    scope: &Scope,
    reached: &Reached,
    csrf: String,
    notice: Option<&'static str>,
    move_form: MoveForm,
    note_form: NoteForm,
    status: StatusCode,
) -> Result<Response, PageError> {
    let application = &reached.application;
    let board = state.catalog.board();
    let candidate = application.candidate.as_ref().map(|who| {
        let profile = reached.candidate.as_ref().map(|c| &c.profile);
        let mut facts = Vec::new();
        if let Some(profile) = profile {
            let mut add = |label, value: String| {
                if !value.is_empty() {
                    facts.push(Fact { label, value });
                }
            };
            add("Téléphone", profile.phone.clone().unwrap_or_default());
            add(
                "Région",
                profile
                    .region
                    .as_ref()
                    .and_then(|r| board.geography().region(r))
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
            );
            add("Poste actuel", profile.current_job.clone());
            add(
                "Expérience",
                profile
                    .experience_years
                    .map_or_else(String::new, |y| match y {
                        0 => "moins d’un an".to_owned(),
                        1 => "1 an".to_owned(),
                        n => format!("{n} ans"),
                    }),
            );
            add(
                "Contrats recherchés",
                profile
                    .contracts
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            add(
                "Métiers",
                board
                    .job_families()
                    .iter()
                    .filter(|f| profile.families.contains(&f.id))
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            add(
                "Domaines",
                board
                    .domains()
                    .iter()
                    .filter(|d| profile.domains.contains(&d.id))
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            add(
                "Disponible à partir du",
                profile
                    .available_from
                    .map(crate::format::date_long)
                    .unwrap_or_default(),
            );
        }
        let links = profile
            .map(|p| {
                [
                    ("LinkedIn", &p.linkedin),
                    ("GitHub", &p.github),
                    ("Portfolio", &p.portfolio),
                ]
                .into_iter()
                .filter_map(|(label, url)| url.as_ref().map(|u| (label, u.to_string())))
                .collect()
            })
            .unwrap_or_default();
        CandidateView {
            name: who.name.clone(),
            email: who.email.as_str().to_owned(),
            facts,
            links,
        }
    });
    let events = state.store.application_events(application.id).await?;
    let history = history(state, reached, &events).await?;
    let notes = state
        .store
        .notes(application.id)
        .await?
        .into_iter()
        .filter(|note| note.organisation.is_none_or(|o| scope.manages(o)))
        .map(|note| NoteLine {
            author: note.author_name,
            at: moment(note.at),
            body: note.body,
        })
        .collect();
    let closed = closed_reason(reached);
    let pipeline = closed
        .is_none()
        .then(|| Pipeline::new(application.status, move_form));
    let propose = match (application.target, &application.candidate) {
        (Target::Organisation(_) | Target::State, Some(who)) if reached.is_open() => {
            let offers = super::published_offers(state, scope).await?;
            Some(ProposeView {
                user: who.user.0,
                offers: super::offer_choices(scope, &offers),
            })
        }
        _ => None,
    };
    let note_organisations = if application.target == Target::State {
        let roots: Vec<_> = scope.roots().collect();
        if roots.len() > 1 {
            roots
                .into_iter()
                .map(|o| Choice {
                    value: o.id.0.to_string(),
                    label: o.display_name(),
                    selected: o.id.0.to_string() == note_form.organisation,
                })
                .collect()
        } else {
            Vec::new()
        }
    } else {
        Vec::new()
    };
    let heading = match &application.candidate {
        Some(who) => format!("Candidature de {}", who.name),
        None => format!("Candidature n° {}", application.id),
    };
    let (target_href, crumbs) = match application.target {
        Target::Offer(offer) if application.offer_title.is_some() => {
            let href = format!("/recruteur/offres/{}/candidatures", offer.0);
            (
                Some(href.clone()),
                vec![
                    Crumb::link("Offres", "/recruteur/offres"),
                    Crumb::link("Candidatures", href),
                    Crumb::here("Candidature"),
                ],
            )
        }
        _ => (
            None,
            vec![
                Crumb::link("Candidats", "/recruteur/candidats?vue=spontanees"),
                Crumb::here("Candidature"),
            ],
        ),
    };
    let page = DetailPage {
        layout: recruiter_layout(&heading, crumbs),
        csrf,
        id: application.id,
        heading,
        target: target_label(scope, application),
        target_href,
        status: application.status.label(),
        badge: badge(application.status),
        received: moment(application.created_at),
        notice,
        candidate,
        motivation: application
            .motivation
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        cv: application.cv.as_ref().map(|cv| CvView {
            filename: cv.filename.clone(),
            size: size(cv.bytes),
            pages: crate::format::count(cv.pages.max(0) as usize, "page", "pages")
                .replace("aucune page", "nombre de pages inconnu"),
        }),
        history,
        notes,
        may_note: application.candidate.is_some(),
        note_form,
        note_organisations,
        note_max: NOTE_MAX,
        note_max_text: crate::format::thousands(NOTE_MAX as u64),
        pipeline,
        closed,
        propose,
    };
    Ok((status, crate::page::render(&page)?).into_response())
}

/// The history, with each actor named.
async fn history(
    state: &AppState,
    reached: &Reached,
    events: &[ApplicationEvent],
) -> Result<Vec<EventLine>, PageError> {
    let candidate = reached.application.candidate.as_ref().map(|c| c.user);
    let mut names = std::collections::HashMap::new();
    let mut lines = Vec::with_capacity(events.len());
    for event in events {
        let actor = match event.actor {
            Some(user) if Some(user) == candidate => "la personne candidate".to_owned(),
            Some(user) => match names.get(&user) {
                Some(name) => String::clone(name),
                None => {
                    let name = state
                        .store
                        .user(user)
                        .await?
                        .map_or_else(|| "un compte supprimé".to_owned(), |u| u.display_name);
                    names.insert(user, name.clone());
                    name
                }
            },
            None if event.from.is_none() || event.to == ApplicationStatus::Withdrawn => {
                "la personne candidate".to_owned()
            }
            None => "un compte supprimé".to_owned(),
        };
        lines.push(EventLine {
            at: moment(event.at),
            actor,
            change: match event.from {
                None => "Candidature reçue".to_owned(),
                Some(from) => format!("{} → {}", from.label(), event.to.label()),
            },
            reasons: event
                .reasons
                .iter()
                .map(|r: &RefusalReason| r.label())
                .collect(),
            comment: event.comment.clone(),
        });
    }
    Ok(lines)
}

/// POST `/recruteur/candidatures/{id}/notes`.
pub async fn add_note(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let reached = reach(&state, &scope, &id).await?;
    let mut fields = read_fields(pairs, &["note", "organisation"])?;
    let mut take = |name: &str| {
        fields
            .remove(name)
            .and_then(|mut v| v.pop())
            .unwrap_or_default()
    };
    let mut form = NoteForm {
        body: take("note"),
        organisation: take("organisation"),
        error: None,
    };
    let application = &reached.application;
    if application.candidate.is_none() {
        return Err(PageError::BadRequest(
            "Les données personnelles de cette candidature ont été supprimées : on n’y ajoute \
             plus de note."
                .to_owned(),
        ));
    }
    let organisation = note_organisation(&scope, &reached, &form.organisation)?;
    let body = form.body.trim().to_owned();
    form.error = if body.is_empty() {
        Some("Écrivez la note avant de l’ajouter.".to_owned())
    } else if body.chars().count() > NOTE_MAX {
        Some(format!(
            "La note ne doit pas dépasser {} caractères.",
            crate::format::thousands(NOTE_MAX as u64)
        ))
    } else {
        None
    };
    if form.error.is_some() {
        return render(
            &state,
            &scope,
            &reached,
            csrf,
            None,
            MoveForm::default(),
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = crate::auth::session::now();
    state
        .store
        .add_note(
            application.id,
            &scope.signed_in.user,
            organisation,
            &body,
            now,
        )
        .await?;
    scope
        .audit(
            &state,
            "candidature.note",
            &format!("candidature {}", application.id),
            &format!("note pour l’organisation {}", organisation.0),
        )
        .await;
    Ok(Redirect::to(&format!(
        "/recruteur/candidatures/{}?fait=note#notes",
        application.id
    ))
    .into_response())
}

/// The organisation a note is written for: the application's, or, for one to the State, the
/// one the author acts for (chosen in the form when they act for several).
fn note_organisation(
    scope: &Scope,
    reached: &Reached,
    chosen: &str,
) -> Result<OrganisationId, PageError> {
    let refused = || {
        PageError::BadRequest(
            "Choisissez une de vos organisations pour la note. Rechargez la page et recommencez."
                .to_owned(),
        )
    };
    match (reached.application.target, reached.application.organisation) {
        (Target::State, _) => {
            let roots: Vec<OrganisationId> = scope.roots().map(|o| o.id).collect();
            match (roots.as_slice(), chosen) {
                ([only], _) => Ok(*only),
                (_, chosen) => chosen
                    .parse::<i64>()
                    .ok()
                    .map(OrganisationId)
                    .filter(|id| roots.contains(id))
                    .ok_or_else(refused),
            }
        }
        (_, Some(organisation)) => Ok(organisation),
        (_, None) => Err(refused()),
    }
}
