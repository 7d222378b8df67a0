//! The e-mails Vivier writes, in French, HTML and text. They go to the outbox
//! ([`vivier_store::accounts::AccountStore::issue_token`] or `enqueue_mail`), which a sender
//! delivers.

use askama::Template;
use vivier_domain::Email;
use vivier_store::accounts::OutgoingMail;

use crate::error::PageError;

/// What every message says, and how.
#[derive(Debug)]
pub struct Message<'a> {
    pub greeting: &'a str,
    /// Paragraphs before the button.
    pub lines: Vec<String>,
    /// The button: label and absolute link.
    pub action: Option<(&'a str, String)>,
    /// Paragraphs after the button.
    pub after: Vec<String>,
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct Html<'a> {
    subject: &'a str,
    message: &'a Message<'a>,
}

#[derive(Template)]
#[template(path = "mail/message.txt")]
struct Text<'a> {
    message: &'a Message<'a>,
}

/// Renders a message to `to`.
pub fn compose(
    to: &Email,
    subject: &str,
    message: &Message<'_>,
) -> Result<OutgoingMail, PageError> {
    Ok(OutgoingMail {
        list_unsubscribe: None,
        to: to.clone(),
        subject: subject.to_owned(),
        text: Text { message }.render()?,
        html: Html { subject, message }.render()?,
    })
}

/// "Confirm your address" after signing up.
pub fn verify_address(to: &Email, name: &str, link: String) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Confirmez votre adresse électronique",
        &Message {
            greeting: name,
            lines: vec![
                "Vous venez de créer votre compte sur Vivier, la plateforme des métiers du \
                 numérique de l’État. Pour l’activer, confirmez votre adresse électronique :"
                    .into(),
            ],
            action: Some(("Confirmer mon adresse", link)),
            after: vec![
                "Ce lien est valable 24 heures et ne sert qu’une fois.".into(),
                "Si vous n’avez pas créé de compte, ignorez ce message : sans confirmation, \
                 aucun compte n’est activé."
                    .into(),
            ],
        },
    )
}

/// Someone tried to sign up with an address that already has an account.
pub fn account_exists(
    to: &Email,
    name: &str,
    reset_link: String,
) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Vous avez déjà un compte sur Vivier",
        &Message {
            greeting: name,
            lines: vec![
                "Quelqu’un, sans doute vous, a demandé à créer un compte sur Vivier avec cette \
                 adresse. Vous avez déjà un compte : connectez-vous avec votre mot de passe, ou \
                 choisissez-en un nouveau :"
                    .into(),
            ],
            action: Some(("Choisir un nouveau mot de passe", reset_link)),
            after: vec!["Si ce n’était pas vous, ignorez ce message : rien n’a changé.".into()],
        },
    )
}

/// A link to choose a new password.
pub fn reset_password(to: &Email, name: &str, link: String) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Choisissez un nouveau mot de passe",
        &Message {
            greeting: name,
            lines: vec![
                "Vous avez demandé à changer le mot de passe de votre compte Vivier. Choisissez-en \
                 un nouveau :"
                    .into(),
            ],
            action: Some(("Choisir un nouveau mot de passe", link)),
            after: vec![
                "Ce lien est valable 1 heure et ne sert qu’une fois. Une fois le mot de passe \
                 changé, toutes vos sessions ouvertes seront fermées."
                    .into(),
                "Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change \
                 pas."
                    .into(),
            ],
        },
    )
}

/// Confirms a new address before it replaces the old one.
pub fn confirm_new_address(
    to: &Email,
    name: &str,
    link: String,
) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Confirmez votre nouvelle adresse électronique",
        &Message {
            greeting: name,
            lines: vec![
                "Vous avez demandé à utiliser cette adresse pour votre compte Vivier. \
                 Confirmez-la :"
                    .into(),
            ],
            action: Some(("Confirmer cette adresse", link)),
            after: vec![
                "Ce lien est valable 24 heures. Tant qu’il n’est pas suivi, votre compte garde son \
                 adresse actuelle."
                    .into(),
            ],
        },
    )
}

/// Tells the current address that a change was asked.
pub fn address_change_notice(
    to: &Email,
    name: &str,
    account_link: String,
) -> Result<OutgoingMail, PageError> {
    compose(
        to,
        "Changement d’adresse demandé sur votre compte Vivier",
        &Message {
            greeting: name,
            lines: vec![
                "Un changement de l’adresse électronique de votre compte Vivier vient d’être \
                 demandé. Il prendra effet quand la nouvelle adresse sera confirmée."
                    .into(),
                "Si ce n’est pas vous, changez votre mot de passe dès maintenant et fermez toutes \
                 vos sessions depuis votre compte :"
                    .into(),
            ],
            action: Some(("Ouvrir mon compte", account_link)),
            after: Vec::new(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_html_and_carry_the_link_in_both_parts() {
        let to = Email::parse("camille@exemple.fr").expect("email");
        let mail = verify_address(
            &to,
            "<script>Camille</script>",
            "https://vivier.example/inscription/confirmation?jeton=abc&x=1".into(),
        )
        .expect("mail");
        assert_eq!(mail.subject, "Confirmez votre adresse électronique");
        assert!(
            mail.html.contains("&#60;script&#62;Camille"),
            "{}",
            mail.html
        );
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("jeton=abc&#38;x=1"), "{}", mail.html);
        assert!(
            mail.text.contains("Bonjour <script>Camille</script>,"),
            "plain text is not escaped"
        );
        assert!(
            mail.text
                .contains("https://vivier.example/inscription/confirmation?jeton=abc&x=1")
        );
        assert!(mail.text.contains("24 heures"));
    }
}
