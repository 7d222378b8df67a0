//! Applying: to an offer published on Vivier (`/emploi/{slug}/postuler`), spontaneously
//! to an organisation or to the State, and withdrawing.
//!
//! The form is `multipart/form-data`: a motivation and a CV, the one stored with the profile or
//! a new PDF. The application and its acknowledgement mail are written in one transaction; a
//! new CV is checked and stored first (it becomes the profile's CV whatever happens next).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vivier_domain::candidate::{
    ApplicationStatus, MOTIVATION_MAX, MOTIVATION_MIN, Target, Transition,
};
use vivier_domain::offer::ApplyMethod;
use vivier_domain::{OrganisationId, Slug};
use vivier_store::StoreError;
use vivier_store::candidates::{Candidate, NewApplication};

use super::{Choice, candidate, candidate_layout, cv, mails, now};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;
use crate::extract::Segments;
use crate::page::Nav;
use crate::upload::Upload;

/// The form as typed, and what is wrong with it.
#[derive(Debug, Default)]
struct Typed {
    motivation: String,
    motivation_error: Option<String>,
    /// `actuel` (the profile's CV) or `nouveau`.
    cv_choice: String,
    cv_error: Option<String>,
    /// Spontaneous only: an organisation id, or `etat`.
    target: String,
    target_error: Option<String>,
    /// A refusal that is about the whole form (already applied, offer closed…).
    general: Option<String>,
}

impl Typed {
    fn has_errors(&self) -> bool {
        self.motivation_error.is_some()
            || self.cv_error.is_some()
            || self.target_error.is_some()
            || self.general.is_some()
    }
}

#[derive(Template)]
#[template(path = "candidat/postuler.html")]
struct FormPage {
    layout: crate::page::Layout,
    csrf: String,
    action: String,
    /// The offer's title and employer; `None` for a spontaneous application.
    offer: Option<(String, String, String)>,
    /// Spontaneous only: where it may go.
    targets: Vec<(Choice, usize)>,
    current_cv: Option<String>,
    typed: Typed,
    motivation_min: usize,
    motivation_max: usize,
}

/// An offer open to applications on Vivier: id, title, employer, slug.
type OpenOffer = (vivier_domain::OfferId, String, String, String);

/// The offer behind `slug`, if candidates may apply to it on Vivier today; otherwise the page
/// that says why (404 for an unknown or draft offer).
fn open_offer(state: &AppState, slug: &str) -> Result<Result<OpenOffer, String>, PageError> {
    let slug = Slug::parse(slug).map_err(|_| PageError::NotFound)?;
    let board = state.catalog.board();
    let public = board.offer(&slug).ok_or(PageError::NotFound)?;
    let offer = &public.offer;
    let employer = board
        .organisation(offer.data.organisation_id)
        .map(|o| o.display_name())
        .unwrap_or_default();
    let today = state.config.clock.today();
    if !offer.data.is_active(today) {
        return Ok(Err("Cette offre n’accepte plus de candidatures.".into()));
    }
    if offer.data.apply != ApplyMethod::Vivier {
        return Ok(Err(
            "La candidature à cette offre se fait hors de Vivier : suivez les indications de la \
             rubrique « Postuler » de l’offre."
                .into(),
        ));
    }
    Ok(Ok((
        offer.id,
        offer.data.title.clone(),
        employer,
        slug.to_string(),
    )))
}

fn form_page(
    state: &AppState,
    csrf: String,
    candidate: &Candidate,
    offer: Option<(String, String, String)>,
    typed: Typed,
) -> FormPage {
    let (title, action, targets) = match &offer {
        Some((_, _, slug)) => (
            "Postuler".to_owned(),
            format!("/emploi/{slug}/postuler"),
            Vec::new(),
        ),
        None => {
            let board = state.catalog.board();
            let mut targets = vec![(
                Choice::new(
                    "etat",
                    "L’État dans son ensemble (tous les recruteurs)",
                    typed.target == "etat",
                ),
                0,
            )];
            for root in board.roots() {
                let id = root.id.0.to_string();
                targets.push((Choice::new(&id, root.display_name(), typed.target == id), 0));
                for child in board.children(root.id) {
                    let id = child.id.0.to_string();
                    targets.push((
                        Choice::new(&id, child.display_name(), typed.target == id),
                        1,
                    ));
                }
            }
            (
                "Candidature spontanée".to_owned(),
                "/espace-candidat/candidature-spontanee".to_owned(),
                targets,
            )
        }
    };
    FormPage {
        layout: candidate_layout(&title),
        csrf,
        action,
        offer,
        targets,
        current_cv: candidate.cv.as_ref().map(|cv| cv.filename.clone()),
        typed,
        motivation_min: MOTIVATION_MIN,
        motivation_max: MOTIVATION_MAX,
    }
}

fn refused(page: FormPage) -> Result<Response, PageError> {
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        crate::page::render(&page)?,
    )
        .into_response())
}

/// GET `/emploi/{slug}/postuler`.
pub(super) async fn form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Segments(slug): Segments<String>,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let mut typed = Typed {
        cv_choice: if candidate.cv.is_some() {
            "actuel"
        } else {
            "nouveau"
        }
        .into(),
        ..Typed::default()
    };
    let offer = match open_offer(&state, &slug)? {
        Ok((id, title, employer, slug)) => {
            typed.general = already_applied(&state, &candidate, id).await?;
            (title, employer, slug)
        }
        Err(reason) => {
            typed.general = Some(reason);
            let board = state.catalog.board();
            let title = Slug::parse(&slug)
                .ok()
                .and_then(|s| board.offer(&s).map(|o| o.offer.data.title.clone()))
                .unwrap_or_default();
            (title, String::new(), slug)
        }
    };
    crate::page::render(&form_page(&state, csrf, &candidate, Some(offer), typed))
}

/// The message to show when the candidate already has a live application to this offer.
async fn already_applied(
    state: &AppState,
    candidate: &Candidate,
    offer: vivier_domain::OfferId,
) -> Result<Option<String>, PageError> {
    let mine = state
        .store
        .applications_of_candidate(candidate.user.id)
        .await?;
    Ok(mine
        .iter()
        .find(|a| a.target == Target::Offer(offer) && a.status != ApplicationStatus::Withdrawn)
        .map(|a| {
            format!(
                "Vous avez déjà postulé à cette offre ; votre candidature est « {} ». Retrouvez-la \
                 dans Mon espace.",
                a.status.label()
            )
        }))
}

/// Reads and checks the motivation and CV of a posted form; stores a new CV. Gives the CV id
/// to attach.
async fn read_form(
    state: &AppState,
    candidate: &Candidate,
    upload: &Upload,
    typed: &mut Typed,
) -> Result<Option<i64>, PageError> {
    typed.motivation = upload.text("motivation").replace("\r\n", "\n");
    typed.cv_choice = upload.text("cv");
    let length = typed.motivation.chars().count();
    if length < MOTIVATION_MIN {
        typed.motivation_error = Some(format!(
            "Présentez votre motivation en {MOTIVATION_MIN} caractères au moins."
        ));
    } else if length > MOTIVATION_MAX {
        typed.motivation_error = Some(format!(
            "Votre motivation dépasse {MOTIVATION_MAX} caractères ({length}) : raccourcissez-la."
        ));
    }
    let file = upload.file.as_ref().filter(|f| f.field == "fichier");
    let use_current = typed.cv_choice == "actuel" && file.is_none();
    if use_current {
        return Ok(match &candidate.cv {
            Some(cv) => Some(cv.id),
            None => {
                typed.cv_error = Some("Déposez votre CV au format PDF.".into());
                None
            }
        });
    }
    let Some(file) = file else {
        typed.cv_error = Some("Déposez votre CV au format PDF.".into());
        return Ok(None);
    };
    if typed.has_errors() {
        // The file is not kept while the form has other errors: it is asked again.
        return Ok(None);
    }
    match cv::store(state, candidate.user.id, &file.name, &file.bytes).await? {
        Ok(cv) => Ok(Some(cv.id)),
        Err(refusal) => {
            typed.cv_error = Some(refusal);
            Ok(None)
        }
    }
}

/// Records the application; on a refusal, says why in `typed`.
async fn record(
    state: &AppState,
    candidate: &Candidate,
    target: Target,
    what: &str,
    cv: i64,
    typed: &mut Typed,
) -> Result<bool, PageError> {
    let mail = mails::acknowledgement(state, &candidate.user, what)?;
    let application = NewApplication {
        candidate: candidate.user.id,
        target,
        motivation: typed.motivation.clone(),
        cv: Some(cv),
        now: now(),
    };
    let refusal = match state.store.apply(&application, &mail).await {
        Ok(_) => return Ok(true),
        Err(StoreError::Conflict(_)) => match target {
            Target::Offer(_) => {
                "Vous avez déjà postulé à cette offre : retrouvez votre candidature dans Mon espace."
            }
            _ => {
                "Vous avez déjà une candidature spontanée en cours auprès de ce destinataire : retrouvez-la dans Mon espace."
            }
        },
        Err(StoreError::Invalid(_) | StoreError::NotFound(_)) => {
            "Cette offre n’accepte plus de candidatures."
        }
        Err(error) => return Err(error.into()),
    };
    typed.general = Some(refusal.into());
    Ok(false)
}

/// POST `/emploi/{slug}/postuler`.
pub(super) async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(slug): Segments<String>,
    upload: Upload,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let mut typed = Typed::default();
    let (offer, title, employer, slug) = match open_offer(&state, &slug)? {
        Ok(offer) => offer,
        Err(reason) => {
            typed.general = Some(reason);
            let page = form_page(
                &state,
                csrf,
                &candidate,
                Some((String::new(), String::new(), slug)),
                typed,
            );
            return refused(page);
        }
    };
    let shown = Some((title.clone(), employer.clone(), slug.clone()));
    typed.general = already_applied(&state, &candidate, offer).await?;
    let cv = if typed.general.is_none() {
        read_form(&state, &candidate, &upload, &mut typed).await?
    } else {
        None
    };
    let sent = match cv {
        Some(cv) if !typed.has_errors() => {
            let what = format!("l’offre « {title} » ({employer})");
            record(
                &state,
                &candidate,
                Target::Offer(offer),
                &what,
                cv,
                &mut typed,
            )
            .await?
        }
        _ => false,
    };
    if !sent {
        return refused(form_page(&state, csrf, &candidate, shown, typed));
    }
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "candidature.envoi",
        &format!("offre:{}", offer.0),
        "",
    )
    .await;
    Ok(Redirect::to("/espace-candidat?fait=candidature#candidatures").into_response())
}

/// GET `/espace-candidat/candidature-spontanee`.
pub(super) async fn spontaneous_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let typed = Typed {
        cv_choice: if candidate.cv.is_some() {
            "actuel"
        } else {
            "nouveau"
        }
        .into(),
        target: "etat".into(),
        ..Typed::default()
    };
    crate::page::render(&form_page(&state, csrf, &candidate, None, typed))
}

/// POST `/espace-candidat/candidature-spontanee`.
pub(super) async fn spontaneous(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    upload: Upload,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let mut typed = Typed {
        target: upload.text("destinataire"),
        ..Typed::default()
    };
    let board = state.catalog.board();
    let target = match typed.target.as_str() {
        "etat" => Some((Target::State, "l’État".to_owned())),
        id => id
            .parse()
            .ok()
            .and_then(|id| board.organisation(OrganisationId(id)))
            .map(|o| (Target::Organisation(o.id), o.display_name())),
    };
    drop(board);
    if target.is_none() {
        typed.target_error = Some("Choisissez à qui envoyer votre candidature.".into());
    }
    let cv = read_form(&state, &candidate, &upload, &mut typed).await?;
    let sent = match (target, cv) {
        (Some((target, name)), Some(cv)) if !typed.has_errors() => {
            let what = format!("une candidature spontanée à {name}");
            record(&state, &candidate, target, &what, cv, &mut typed).await?
        }
        _ => false,
    };
    if !sent {
        return refused(form_page(&state, csrf, &candidate, None, typed));
    }
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "candidature.spontanee",
        &format!("destinataire:{}", typed.target),
        "",
    )
    .await;
    Ok(Redirect::to("/espace-candidat?fait=candidature#candidatures").into_response())
}

/// POST `/espace-candidat/candidatures/{id}/retirer`: only one's own, while it is open.
pub(super) async fn withdraw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(id): Segments<i64>,
) -> Result<Response, PageError> {
    let visitor = Visitor(Some(signed_in.clone()));
    let object = format!("candidature:{id}");
    let application = state.store.application(id).await?;
    let mine = application
        .as_ref()
        .and_then(|a| a.candidate.as_ref())
        .is_some_and(|c| c.user == signed_in.user.id);
    if !mine {
        crate::audit::denied(
            &state,
            &visitor,
            &ip,
            "candidature.retrait",
            &object,
            "pas la sienne",
        )
        .await;
        return Err(PageError::NotFound);
    }
    let transition = Transition {
        to: ApplicationStatus::Withdrawn,
        reasons: Vec::new(),
        comment: String::new(),
    };
    match state
        .store
        .move_application(id, &transition, Some(signed_in.user.id), now(), None)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Invalid(_) | StoreError::Conflict(_)) => {
            return Err(PageError::BadRequest(
                "Cette candidature est close : elle ne peut plus être retirée.".into(),
            ));
        }
        Err(error) => return Err(error.into()),
    }
    crate::audit::allowed(&state, &visitor, &ip, "candidature.retrait", &object, "").await;
    Ok(Redirect::to("/espace-candidat#candidatures").into_response())
}
