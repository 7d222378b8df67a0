//! `POST /recruteur/candidatures/{id}/etape`: moves an application to another step. A refusal
//! needs at least one reason (and a word of its own with "Autre raison"); the steps the
//! candidate is told about send them a mail, queued in the same transaction as the move.
//!
//! The form carries the step it was drawn at (`depuis`): when the application moved meanwhile
//! — a colleague, another tab — nothing is changed and the recruiter is told so (409).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vivier_domain::candidate::{
    ApplicationStatus, REFUSAL_COMMENT_MAX, RefusalReason, Target, Transition,
};
use vivier_store::StoreError;

use super::detail::{NoteForm, render};
use super::mails::{Applied, status_changed};
use super::{Reached, Scope, organisation_name, reach, read_fields};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::{PageForm, Segments};
use crate::page::Choice;

/// The move form, as typed, and what is wrong with it.
#[derive(Debug, Default)]
pub struct MoveForm {
    to: String,
    reasons: Vec<String>,
    comment: String,
    to_error: Option<String>,
    reasons_error: Option<String>,
    comment_error: Option<String>,
}

impl MoveForm {
    fn has_errors(&self) -> bool {
        self.to_error.is_some() || self.reasons_error.is_some() || self.comment_error.is_some()
    }
}

/// What the page draws of the pipeline: the steps it may go to, the reasons of a refusal, the
/// form as typed.
#[derive(Debug)]
pub struct Pipeline {
    pub from: &'static str,
    pub steps: Vec<Choice>,
    pub reasons: Vec<Choice>,
    pub form: MoveForm,
    pub comment_max: usize,
    /// "1 000", for the hint.
    pub comment_max_text: String,
}

impl Pipeline {
    /// The pipeline of an application at `status`.
    pub fn new(status: ApplicationStatus, form: MoveForm) -> Self {
        let steps = ApplicationStatus::ALL
            .iter()
            .filter(|&&to| status.recruiter_may_move_to(to))
            .map(|to| Choice {
                value: to.code().to_owned(),
                label: to.label().to_owned(),
                selected: form.to == to.code(),
            })
            .collect();
        let reasons = RefusalReason::ALL
            .iter()
            .map(|reason| Choice {
                value: reason.code().to_owned(),
                label: reason.label().to_owned(),
                selected: form.reasons.iter().any(|r| r == reason.code()),
            })
            .collect();
        Self {
            from: status.code(),
            steps,
            reasons,
            form,
            comment_max: REFUSAL_COMMENT_MAX,
            comment_max_text: crate::format::thousands(REFUSAL_COMMENT_MAX as u64),
        }
    }

    /// The form's error messages, for the template.
    pub fn to_error(&self) -> Option<&str> {
        self.form.to_error.as_deref()
    }

    pub fn reasons_error(&self) -> Option<&str> {
        self.form.reasons_error.as_deref()
    }

    pub fn comment_error(&self) -> Option<&str> {
        self.form.comment_error.as_deref()
    }

    pub fn comment(&self) -> &str {
        &self.form.comment
    }
}

/// A forged or broken form: a step or reason the page never offers.
fn forged() -> PageError {
    PageError::BadRequest(
        "Le formulaire envoyé propose une étape ou une raison inconnue. Rechargez la page et \
         recommencez."
            .to_owned(),
    )
}

/// The message of a form drawn before the application moved.
fn stale(now: ApplicationStatus) -> PageError {
    PageError::Conflict(format!(
        "Cette candidature a changé depuis l’affichage de la page : elle est maintenant à \
         l’étape « {} ». Rien n’a été modifié. Rechargez la page pour voir son état actuel, \
         puis recommencez si besoin.",
        now.label()
    ))
}

/// Reads the move asked for from `form`, checking it against the step it leaves. `Ok(None)`
/// when a field is wrong (its message is in `form`).
fn transition(
    form: &mut MoveForm,
    from: ApplicationStatus,
) -> Result<Option<Transition>, PageError> {
    if form.to.is_empty() {
        form.to_error = Some("Choisissez la nouvelle étape de la candidature.".to_owned());
        return Ok(None);
    }
    let to = ApplicationStatus::from_code(&form.to).ok_or_else(forged)?;
    if !from.recruiter_may_move_to(to) {
        return Err(PageError::BadRequest(format!(
            "Une candidature à l’étape « {} » ne peut pas passer à l’étape « {} ».",
            from.label(),
            to.label()
        )));
    }
    if to != ApplicationStatus::Refused {
        // Reasons ticked before choosing another step are not a refusal's.
        return Ok(Some(Transition {
            to,
            reasons: Vec::new(),
            comment: String::new(),
        }));
    }
    let mut reasons = Vec::new();
    for code in &form.reasons {
        let reason = RefusalReason::from_code(code).ok_or_else(forged)?;
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    let comment = form.comment.trim().to_owned();
    if reasons.is_empty() {
        form.reasons_error = Some("Cochez au moins une raison du refus.".to_owned());
    }
    if comment.chars().count() > REFUSAL_COMMENT_MAX {
        form.comment_error = Some(format!(
            "La précision ne doit pas dépasser {} caractères.",
            crate::format::thousands(REFUSAL_COMMENT_MAX as u64)
        ));
    } else if reasons.contains(&RefusalReason::Other) && comment.is_empty() {
        form.comment_error = Some("Précisez l’autre raison du refus.".to_owned());
    }
    if form.has_errors() {
        return Ok(None);
    }
    Ok(Some(Transition {
        to,
        reasons,
        comment,
    }))
}

/// POST `/recruteur/candidatures/{id}/etape`.
pub async fn move_to(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(id): Segments<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let reached = reach(&state, &scope, &id).await?;
    let mut fields = read_fields(pairs, &["depuis", "etape", "raisons", "commentaire"])?;
    let mut one = |name: &str| {
        fields
            .remove(name)
            .and_then(|mut v| v.pop())
            .unwrap_or_default()
    };
    let from = one("depuis");
    let mut form = MoveForm {
        to: one("etape"),
        comment: one("commentaire"),
        reasons: fields.remove("raisons").unwrap_or_default(),
        ..MoveForm::default()
    };
    let application = &reached.application;
    if let Some(message) = super::detail::closed_reason(&reached) {
        return Err(PageError::BadRequest(message));
    }
    if from != application.status.code() {
        return Err(stale(application.status));
    }
    let Some(transition) = transition(&mut form, application.status)? else {
        return render(
            &state,
            &scope,
            &reached,
            csrf,
            None,
            form,
            NoteForm::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mail = mail(&state, &scope, &reached, &transition)?;
    let now = crate::auth::session::now();
    let moved = state
        .store
        .move_application(
            application.id,
            &transition,
            Some(scope.signed_in.user.id),
            now,
            mail.as_ref(),
        )
        .await;
    match moved {
        Ok(_) => {}
        Err(StoreError::Conflict(_) | StoreError::Invalid(_)) => {
            // Moved by someone else between reading it and writing.
            let now = state
                .store
                .application(application.id)
                .await?
                .map_or(application.status, |a| a.status);
            return Err(stale(now));
        }
        Err(StoreError::NotFound(_)) => return Err(PageError::NotFound),
        Err(error) => return Err(error.into()),
    }
    scope
        .audit(
            &state,
            "candidature.etape",
            &format!("candidature {}", application.id),
            &format!(
                "{} → {}{}",
                application.status.code(),
                transition.to.code(),
                if transition.reasons.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        transition
                            .reasons
                            .iter()
                            .map(|r| r.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        )
        .await;
    let done = if mail.is_some() {
        "etape-courriel"
    } else {
        "etape"
    };
    Ok(Redirect::to(&format!(
        "/recruteur/candidatures/{}?fait={done}",
        application.id
    ))
    .into_response())
}

/// The mail telling the candidate, if this step is one they are told about.
fn mail(
    state: &AppState,
    scope: &Scope,
    reached: &Reached,
    transition: &Transition,
) -> Result<Option<vivier_store::accounts::OutgoingMail>, PageError> {
    let application = &reached.application;
    let Some(candidate) = &application.candidate else {
        return Ok(None);
    };
    let organisation = application
        .organisation
        .map(|id| organisation_name(scope, id))
        .unwrap_or_else(|| "l’État".to_owned());
    let what = match (application.target, &application.offer_title) {
        (Target::Offer(_), Some(title)) => format!("votre candidature à l’offre « {title} »"),
        _ => "votre candidature spontanée".to_owned(),
    };
    let base = state.config.public_url.as_str().trim_end_matches('/');
    status_changed(
        &candidate.email,
        &candidate.name,
        &Applied {
            what,
            organisation: &organisation,
        },
        transition.to,
        &transition.reasons,
        &transition.comment,
        format!("{base}/espace-candidat"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(to: &str, reasons: &[&str], comment: &str) -> MoveForm {
        MoveForm {
            to: to.into(),
            reasons: reasons.iter().map(|r| (*r).to_owned()).collect(),
            comment: comment.into(),
            ..MoveForm::default()
        }
    }

    #[test]
    fn a_refusal_needs_a_reason_and_other_needs_a_word() {
        let new = ApplicationStatus::New;
        let mut empty = form("", &[], "");
        assert!(transition(&mut empty, new).unwrap().is_none());
        assert!(empty.to_error.is_some());
        let mut bare = form("refusee", &[], "");
        assert!(transition(&mut bare, new).unwrap().is_none());
        assert!(bare.reasons_error.is_some());
        let mut other = form("refusee", &["autre"], " ");
        assert!(transition(&mut other, new).unwrap().is_none());
        assert!(other.comment_error.is_some());
        let mut long = form("refusee", &["pourvu"], &"x".repeat(REFUSAL_COMMENT_MAX + 1));
        assert!(transition(&mut long, new).unwrap().is_none());
        let mut good = form("refusee", &["pourvu", "pourvu", "autre"], " Déjà pris. ");
        let refusal = transition(&mut good, new).unwrap().unwrap();
        assert_eq!(
            refusal.reasons,
            [RefusalReason::Filled, RefusalReason::Other]
        );
        assert_eq!(refusal.comment, "Déjà pris.");
        let mut interview = form("entretien", &["pourvu"], "x");
        let moved = transition(&mut interview, new).unwrap().unwrap();
        assert!(moved.reasons.is_empty() && moved.comment.is_empty());
        for forged in [
            form("inconnue", &[], ""),
            form("refusee", &["inconnue"], ""),
            form("retiree", &[], ""),
            form("nouvelle", &[], ""),
        ] {
            let mut forged = forged;
            assert!(transition(&mut forged, new).is_err(), "{:?}", forged.to);
        }
    }
}
