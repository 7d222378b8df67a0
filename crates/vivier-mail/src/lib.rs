//! Delivery of Vivier's mail outbox.
//!
//! The web layer never sends a mail itself: it writes it into the store's outbox
//! ([`vivier_store::accounts::AccountStore::enqueue_mail`]) in the same transaction as what
//! triggers it. A [`MailSender`] then claims the mails that are due, hands each to a
//! [`MailTransport`] and records what became of it:
//!
//! - sent: done;
//! - a transient failure (server unreachable, timeout, 4xx reply, a 5xx reply about Vivier
//!   itself such as refused credentials): tried again after an exponential backoff
//!   ([`backoff`]), for as long as it takes — a mail is never lost because the server is down;
//! - a permanent refusal of the message or its recipient (5xx): abandoned, with the reason kept
//!   in the outbox for an administrator.
//!
//! Claimed mails are leased ([`LEASE_SECS`]): several nodes can run a sender on one database
//! and each mail goes out once.
//!
//! Mail bodies carry single-use tokens: nothing here logs them, nor the recipient's full
//! address (only its domain).

mod message;
mod sender;
mod transport;

pub use lettre::message::Mailbox;
pub use message::{DEFAULT_FROM, build_message};
pub use sender::{BATCH, DEFAULT_PERIOD, LEASE_SECS, MailSender, SendReport, backoff};
pub use transport::{InvalidSmtpUrl, MailTransport, SEND_TIMEOUT, SendError, SmtpServer};

/// The default sender, [`DEFAULT_FROM`] (a unit test checks they agree).
pub fn default_from() -> Mailbox {
    Mailbox::new(
        Some("Vivier".to_owned()),
        lettre::Address::new_dangerous("ne-pas-repondre", "vivier.localhost"),
    )
}
