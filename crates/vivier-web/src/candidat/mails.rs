//! The e-mails a candidate gets about their own applications.

use vivier_store::accounts::{OutgoingMail, User};

use crate::AppState;
use crate::error::PageError;
use crate::mail::{Message, compose};

/// The acknowledgement of an application (`what`: "l’offre « … » (…)" or "une candidature
/// spontanée à …").
pub(super) fn acknowledgement(
    state: &AppState,
    to: &User,
    what: &str,
) -> Result<OutgoingMail, PageError> {
    let home = state
        .config
        .public_url
        .join("espace-candidat#candidatures")
        .map(|url| url.to_string())
        .unwrap_or_default();
    compose(
        &to.email,
        "Votre candidature est bien reçue",
        &Message {
            greeting: &to.display_name,
            lines: vec![format!(
                "Nous avons bien reçu votre candidature pour {what}. Elle est transmise aux \
                 recruteurs, qui vous répondront sur Vivier : vous recevrez un message à chaque \
                 étape qui vous concerne."
            )],
            action: Some(("Suivre mes candidatures", home)),
            after: vec![
                "Vous pouvez retirer votre candidature à tout moment depuis votre espace.".into(),
            ],
        },
    )
}
