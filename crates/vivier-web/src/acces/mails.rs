//! The e-mails of access requests, in French, HTML and text.

use vivier_domain::Email;
use vivier_store::accounts::OutgoingMail;

use crate::error::PageError;
use crate::mail::{Message, compose};

/// What a mail says about a request.
#[derive(Debug)]
pub struct About<'a> {
    pub organisation: &'a str,
    pub role: &'a str,
}

/// Tells a reviewer that an agent asks for a role.
pub fn new_request(
    to: &Email,
    name: &str,
    requester: &str,
    about: &About<'_>,
    message: &str,
    link: String,
) -> Result<OutgoingMail, PageError> {
    let mut lines = vec![format!(
        "{requester} demande le rôle « {} » dans l’organisation « {} ».",
        about.role, about.organisation
    )];
    if !message.is_empty() {
        lines.push(format!("Son message : {message}"));
    }
    lines.push("Vous pouvez accepter ou refuser cette demande :".into());
    compose(
        to,
        "Nouvelle demande d’accès sur Vivier",
        &Message {
            greeting: name,
            lines,
            action: Some(("Voir les demandes", link)),
            after: vec![
                "Vous recevez ce message parce que vous administrez cette organisation, une \
                 organisation dont elle dépend, ou Vivier."
                    .into(),
            ],
        },
    )
}

/// Tells the requester their request was approved.
pub fn approved(
    to: &Email,
    name: &str,
    about: &About<'_>,
    link: String,
) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Votre demande d’accès est acceptée",
        &Message {
            greeting: name,
            lines: vec![
                format!(
                    "Votre demande du rôle « {} » dans l’organisation « {} » a été acceptée.",
                    about.role, about.organisation
                ),
                "Par sécurité, vos droits ayant changé, vos sessions ouvertes ont été fermées : \
                 reconnectez-vous pour utiliser vos nouveaux droits."
                    .into(),
            ],
            action: Some(("Se connecter", link)),
            after: Vec::new(),
        },
    )
}

/// Tells the requester their request was refused, and why if said.
pub fn refused(
    to: &Email,
    name: &str,
    about: &About<'_>,
    reason: Option<&str>,
) -> Result<OutgoingMail, PageError> {
    let mut lines = vec![format!(
        "Votre demande du rôle « {} » dans l’organisation « {} » a été refusée.",
        about.role, about.organisation
    )];
    match reason {
        Some(reason) => lines.push(format!("Motif indiqué : {reason}")),
        None => lines.push("Aucun motif n’a été indiqué.".into()),
    }
    compose(
        to,
        "Votre demande d’accès est refusée",
        &Message {
            greeting: name,
            lines,
            action: None,
            after: vec![
                "Si vous pensez que c’est une erreur, contactez l’administrateur de votre \
                 organisation, ou faites une nouvelle demande depuis votre espace recruteur."
                    .into(),
            ],
        },
    )
}
