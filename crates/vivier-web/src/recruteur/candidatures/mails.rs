//! The mails a recruiter's action sends a candidate: a step of their application (interview,
//! offer, hiring, refusal with its reasons) and a proposal to apply to an offer. They are queued
//! in the transaction of the action (the store's `move_application` and `propose` take them).

use vivier_domain::Email;
use vivier_domain::candidate::{ApplicationStatus, RefusalReason};
use vivier_store::accounts::OutgoingMail;

use crate::error::PageError;
use crate::mail::{Message, compose};

/// What the candidate applied to, as the mail names it.
#[derive(Debug)]
pub struct Applied<'a> {
    /// "votre candidature à l’offre « … »" or "votre candidature spontanée".
    pub what: String,
    /// The organisation that answers.
    pub organisation: &'a str,
}

/// The mail telling a candidate their application reached `status`; `None` for a step they are
/// not told about.
pub fn status_changed(
    to: &Email,
    name: &str,
    applied: &Applied<'_>,
    status: ApplicationStatus,
    reasons: &[RefusalReason],
    comment: &str,
    link: String,
) -> Result<Option<OutgoingMail>, PageError> {
    if !status.tells_candidate() {
        return Ok(None);
    }
    let Applied { what, organisation } = applied;
    let (subject, lines): (&str, Vec<String>) = match status {
        ApplicationStatus::Interview => (
            "Votre candidature : un entretien vous est proposé",
            vec![
                format!(
                    "Bonne nouvelle : l’équipe de recrutement de {organisation} souhaite vous \
                     rencontrer au sujet de {what}."
                ),
                "Elle vous contactera pour convenir d’un rendez-vous.".into(),
            ],
        ),
        ApplicationStatus::Offer => (
            "Votre candidature : une proposition vous est faite",
            vec![
                format!(
                    "Bonne nouvelle : à la suite de {what}, {organisation} vous propose le poste."
                ),
                "L’équipe de recrutement vous contactera pour vous en préciser les conditions."
                    .into(),
            ],
        ),
        ApplicationStatus::Hired => (
            "Votre candidature : votre recrutement est confirmé",
            vec![format!(
                "Félicitations : votre recrutement par {organisation} est confirmé, à la suite \
                 de {what}."
            )],
        ),
        _ => {
            let mut lines = vec![
                format!("Nous vous remercions de l’intérêt que vous portez à {organisation}."),
                format!(
                    "Après examen de {what}, l’équipe de recrutement a le regret de ne pas y donner \
                     suite, pour les raisons suivantes :"
                ),
            ];
            lines.extend(reasons.iter().map(|reason| format!("– {}", reason.label())));
            if !comment.trim().is_empty() {
                lines.push(format!(
                    "Précision de l’équipe de recrutement : {}",
                    comment.trim()
                ));
            }
            lines.push(
                "D’autres offres des métiers du numérique de l’État vous attendent sur Vivier."
                    .into(),
            );
            ("Réponse à votre candidature", lines)
        }
    };
    compose(
        to,
        subject,
        &Message {
            greeting: name,
            lines,
            action: Some(("Suivre mes candidatures", link)),
            after: Vec::new(),
        },
    )
    .map(Some)
}

/// The mail inviting a candidate to apply to an offer a recruiter proposes.
pub fn proposal(
    to: &Email,
    name: &str,
    organisation: &str,
    offer_title: &str,
    link: String,
) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Une offre vous est proposée sur Vivier",
        &Message {
            greeting: name,
            lines: vec![
                format!(
                    "L’équipe de recrutement de {organisation} a lu votre profil et vous invite \
                     à candidater à son offre « {offer_title} »."
                ),
                "Si elle vous intéresse, lisez-la et postulez depuis sa page :".into(),
            ],
            action: Some(("Voir l’offre", link)),
            after: vec![
                "Vous recevez ce message parce que votre profil est visible des recruteurs de \
                 l’État. Vous pouvez le masquer à certaines organisations, ou le retirer du \
                 vivier de talents, depuis votre espace candidat."
                    .into(),
            ],
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_gives_its_reasons_and_the_other_steps_say_what_comes_next() {
        let to = Email::parse("camille@exemple.fr").unwrap();
        let applied = Applied {
            what: "votre candidature à l’offre « Data scientist »".into(),
            organisation: "Direction du numérique",
        };
        let link = "https://vivier.example/espace-candidat".to_owned();
        let refusal = status_changed(
            &to,
            "Camille",
            &applied,
            ApplicationStatus::Refused,
            &[RefusalReason::Filled, RefusalReason::Other],
            "Poste réservé à un titulaire.",
            link.clone(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(refusal.subject, "Réponse à votre candidature");
        for text in [
            "Le poste a été pourvu",
            "Autre raison (précisée ci-dessous)",
            "Poste réservé à un titulaire.",
            "« Data scientist »",
            &link,
        ] {
            assert!(refusal.text.contains(text), "{text}: {}", refusal.text);
        }
        let interview = status_changed(
            &to,
            "Camille",
            &applied,
            ApplicationStatus::Interview,
            &[],
            "",
            link.clone(),
        )
        .unwrap()
        .unwrap();
        assert!(interview.text.contains("rendez-vous"));
        for silent in [ApplicationStatus::Reviewing, ApplicationStatus::New] {
            let none = status_changed(&to, "C", &applied, silent, &[], "", link.clone()).unwrap();
            assert!(none.is_none(), "{silent:?}");
        }
    }
}
