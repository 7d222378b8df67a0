//! An outbox entry as an Internet message: multipart/alternative (text, then HTML), UTF-8.

use std::time::{SystemTime, UNIX_EPOCH};

use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use vivier_store::accounts::QueuedMail;

use crate::SendError;

/// The sender when none is configured (`VIVIER_MAIL_FROM`).
pub const DEFAULT_FROM: &str = "Vivier <ne-pas-repondre@vivier.localhost>";

/// The message for `queued`, from `from`.
///
/// Subject and bodies may hold any Unicode: lettre encodes the subject as RFC 2047 words and
/// each part in quoted-printable or base64, declared `charset=utf-8`, so that accents survive
/// any relay. A recipient lettre cannot write in a header is refused for good
/// ([`SendError::Refused`]): retrying would not change it.
pub fn build_message(from: &Mailbox, queued: &QueuedMail) -> Result<Message, SendError> {
    let mail = &queued.mail;
    let to: lettre::Address = mail.to.as_str().parse().map_err(|e| {
        SendError::Refused(format!(
            "adresse du destinataire inutilisable dans un courriel ({e})"
        ))
    })?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(Mailbox::new(None, to))
        .subject(mail.subject.as_str())
        .message_id(Some(message_id(queued, from)))
        .header(AutoSubmitted);
    if let Some(address) = &mail.list_unsubscribe {
        builder = builder
            .header(ListUnsubscribe(address.clone()))
            .header(ListUnsubscribePost);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))
        .map_err(|e| SendError::Refused(format!("courriel impossible à composer ({e})")))
}

/// `<NANOS.ID.ATTEMPT@sender's domain>`: unique across databases (the clock) and attempts.
fn message_id(queued: &QueuedMail, from: &Mailbox) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "<{nanos}.{}.{}@{}>",
        queued.id,
        queued.attempts,
        from.email.domain()
    )
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation notice or other automatic reply
/// should answer these mails.
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369): the address that stops this kind of mail, which
/// mail clients show as an "unsubscribe" button.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let address = value.trim().trim_start_matches('<').trim_end_matches('>');
        Ok(Self(address.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the client may unsubscribe
/// by a POST to the `List-Unsubscribe` address, without the reader opening a page.
#[derive(Debug, Clone, Copy)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use vivier_domain::Email;
    use vivier_store::accounts::OutgoingMail;

    use super::*;

    fn queued(to: &str) -> QueuedMail {
        QueuedMail {
            id: 7,
            attempts: 1,
            mail: OutgoingMail {
                list_unsubscribe: None,
                to: Email::parse(to).unwrap(),
                subject: "Réinitialisez votre mot de passe".to_owned(),
                text: "Bonjour Zoé,\n\nÀ bientôt.".to_owned(),
                html: "<p>Bonjour Zoé,</p><p>À bientôt.</p>".to_owned(),
            },
        }
    }

    #[test]
    fn the_default_sender_parses() {
        let parsed: Mailbox = DEFAULT_FROM.parse().unwrap();
        assert_eq!(parsed, crate::default_from());
        assert_eq!(parsed.to_string(), DEFAULT_FROM);
    }

    #[test]
    fn a_message_is_multipart_alternative_and_automatic() {
        let message = build_message(&crate::default_from(), &queued("zoe@exemple.fr")).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("Auto-Submitted: auto-generated"), "{raw}");
        assert!(raw.contains("To: zoe@exemple.fr"), "{raw}");
        assert!(raw.contains(".7.1@vivier.localhost>"), "{raw}");
        // Nothing but ASCII goes on the wire: the accents are encoded.
        assert!(raw.is_ascii(), "{raw}");
        // Only a mail the recipient may stop says how to.
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
    }

    #[test]
    fn an_alert_says_how_to_unsubscribe_in_one_click() {
        let address = "https://vivier.localhost/alertes/desabonnement/un-clic?recherche=12&\
                       signature=Zm9vYmFyYmF6cXV4LWxvbmctc2lnbmF0dXJlLXZhbHVlLTAxMjM0NTY3ODk";
        let mut alert = queued("zoe@exemple.fr");
        alert.mail.list_unsubscribe = Some(address.to_owned());
        let message = build_message(&crate::default_from(), &alert).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        // Unfolded, the header holds the address whole, between angle brackets.
        let unfolded = raw.replace("\r\n ", " ").replace("\r\n\t", " ");
        assert!(
            unfolded.contains(&format!("List-Unsubscribe: <{address}>\r\n")),
            "{raw}"
        );
        assert!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            "{raw}"
        );
    }
}
