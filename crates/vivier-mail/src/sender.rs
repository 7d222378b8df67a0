//! The sender: claims the due mails of the outbox, sends them, records what became of each.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lettre::message::Mailbox;
use tokio::task::JoinHandle;
use vivier_domain::Email;
use vivier_store::accounts::{Delivery, QueuedMail, UnixTime};
use vivier_store::{Store, StoreResult};

use crate::{MailTransport, SEND_TIMEOUT, SendError, build_message};

/// How long a claimed mail is reserved for the sender that claimed it: no other sender takes it
/// before. It covers several sends, each bounded by [`SEND_TIMEOUT`]; a sender does not start a
/// send its lease could not cover.
pub const LEASE_SECS: i64 = 300;

/// How many mails a sender claims at once.
pub const BATCH: u32 = 20;

/// How often [`MailSender::spawn`] looks for due mails.
pub const DEFAULT_PERIOD: Duration = Duration::from_secs(5);

/// The first retry waits this long; each further one twice as long as the previous one.
const FIRST_RETRY_SECS: i64 = 30;

/// The longest wait between two attempts.
const MAX_RETRY_SECS: i64 = 3600;

/// How long to wait after the `attempts`-th failed attempt (1 for the first): 30 s, 1 min,
/// 2 min… up to 1 h.
pub fn backoff(attempts: u32) -> i64 {
    // 30 s × 2^7 is already past the hour.
    let doublings = attempts.saturating_sub(1).min(7);
    (FIRST_RETRY_SECS << doublings).min(MAX_RETRY_SECS)
}

/// What one [`MailSender::send_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Mails claimed from the outbox.
    pub claimed: usize,
    pub sent: usize,
    /// Failed for now, due again later.
    pub retried: usize,
    /// Refused for good.
    pub abandoned: usize,
    /// Claimed but not attempted (the lease would not have covered the send): due again when
    /// the lease ends.
    pub postponed: usize,
}

/// Delivers the outbox of `store` through `transport`, as `from`.
#[derive(Debug, Clone)]
pub struct MailSender {
    store: Arc<dyn Store>,
    transport: MailTransport,
    from: Mailbox,
    batch: u32,
}

impl MailSender {
    /// A sender claiming [`BATCH`] mails at a time.
    pub fn new(store: Arc<dyn Store>, transport: MailTransport, from: Mailbox) -> Self {
        Self {
            store,
            transport,
            from,
            batch: BATCH,
        }
    }

    /// The same, claiming `batch` mails at a time (at least one).
    pub fn with_batch(self, batch: u32) -> Self {
        Self {
            batch: batch.max(1),
            ..self
        }
    }

    /// Where the mails go.
    pub fn transport(&self) -> &MailTransport {
        &self.transport
    }

    /// Claims the mails due at `now` (one batch), sends them one after the other, and records
    /// the outcome of each. Fails only when the store does; the mails then claimed and not
    /// recorded are due again when their lease ends.
    pub async fn send_due(&self, now: UnixTime) -> StoreResult<SendReport> {
        let started = Instant::now();
        let claimed = self.store.claim_mail(now, LEASE_SECS, self.batch).await?;
        let mut report = SendReport {
            claimed: claimed.len(),
            ..SendReport::default()
        };
        let lease = Duration::from_secs(LEASE_SECS.unsigned_abs());
        // Set when the transport could not be used at all: the rest of the batch would wait
        // for the same timeout, so it is put off with the same reason.
        let mut unavailable: Option<SendError> = None;
        for queued in &claimed {
            let outcome = match &unavailable {
                Some(error) => Err(error.clone()),
                None if started.elapsed() + SEND_TIMEOUT > lease => {
                    report.postponed += 1;
                    continue;
                }
                None => self.send_one(queued).await,
            };
            if let Err(error @ SendError::Unavailable(_)) = &outcome {
                unavailable.get_or_insert_with(|| error.clone());
            }
            let elapsed = i64::try_from(started.elapsed().as_secs()).unwrap_or(LEASE_SECS);
            let delivery = match outcome {
                Ok(()) => {
                    report.sent += 1;
                    tracing::info!(
                        mail = queued.id,
                        domain = domain(&queued.mail.to),
                        "courriel envoyé"
                    );
                    Delivery::Sent
                }
                Err(SendError::Refused(error)) => {
                    report.abandoned += 1;
                    tracing::warn!(
                        mail = queued.id,
                        domain = domain(&queued.mail.to),
                        attempts = queued.attempts,
                        error = %redact(&error, &queued.mail.to),
                        "courriel abandonné : refus définitif"
                    );
                    Delivery::Abandoned { error }
                }
                Err(SendError::Unavailable(error) | SendError::Deferred(error)) => {
                    report.retried += 1;
                    let wait = backoff(queued.attempts);
                    tracing::warn!(
                        mail = queued.id,
                        domain = domain(&queued.mail.to),
                        attempts = queued.attempts,
                        retry_in_secs = wait,
                        error = %redact(&error, &queued.mail.to),
                        "courriel non envoyé, nouvel essai prévu"
                    );
                    Delivery::Retry {
                        error,
                        retry_at: now + elapsed + wait,
                    }
                }
            };
            self.store.record_delivery(queued.id, &delivery).await?;
        }
        Ok(report)
    }

    async fn send_one(&self, queued: &QueuedMail) -> Result<(), SendError> {
        let message = build_message(&self.from, queued)?;
        self.transport.send(message).await
    }

    /// Runs [`Self::send_due`] every `period` until the task is aborted; a full batch is
    /// followed by the next one at once. A store error is logged, and the loop goes on.
    pub fn spawn(self, period: Duration) -> JoinHandle<()> {
        tokio::spawn(async move {
            tracing::info!(transport = %self.transport, "envoi des courriels");
            loop {
                match self.send_due(unix_now()).await {
                    Ok(report) if report.claimed >= self.batch as usize => continue,
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(%error, "envoi des courriels : file d'attente inaccessible");
                    }
                }
                tokio::time::sleep(period).await;
            }
        })
    }
}

fn unix_now() -> UnixTime {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// The recipient's domain: all the logs say of the recipient.
fn domain(email: &Email) -> &str {
    email
        .as_str()
        .rsplit_once('@')
        .map_or("", |(_, domain)| domain)
}

/// `text` with the recipient's address (which servers often quote) reduced to its domain.
fn redact(text: &str, email: &Email) -> String {
    let masked = format!("…@{}", domain(email));
    let lower = email.as_str().to_lowercase();
    text.replace(email.as_str(), &masked)
        .replace(&lower, &masked)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn backoff_doubles_from_30_seconds_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(backoff).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(0), 30);
        assert_eq!(backoff(u32::MAX), 3600);
    }

    #[test]
    fn logs_keep_only_the_recipients_domain() {
        let email = Email::parse("Jean.Dupont@Exemple.FR").unwrap();
        assert_eq!(domain(&email), "exemple.fr");
        let text = "550 5.1.1 <Jean.Dupont@exemple.fr>: unknown; jean.dupont@exemple.fr";
        assert_eq!(
            redact(text, &email),
            "550 5.1.1 <…@exemple.fr>: unknown; …@exemple.fr"
        );
    }
}
