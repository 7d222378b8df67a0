//! What the delivery tests share: an SMTP sink on the loopback, stores, mails to queue.

#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use vivier_domain::Email;
use vivier_mail::{MailSender, MailTransport, SmtpServer};
use vivier_store::Store;
use vivier_store::accounts::{OutgoingMail, UnixTime};
use vivier_store_sqlite::SqliteStore;

/// A message as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The DATA, dot-unstuffed, without the final `.` line.
    pub data: Vec<u8>,
}

/// A small SMTP server that accepts everything (or refuses recipients with a given reply) and
/// keeps what it received. Enough of RFC 5321 for lettre: greeting, EHLO/HELO, MAIL, RCPT,
/// DATA, RSET, NOOP, QUIT.
#[derive(Debug)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// A sink accepting everything, on a free port.
    pub async fn start() -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap(), None).await
    }

    /// A sink answering `reply` (e.g. `550 5.1.1 Utilisateur inconnu`) to every RCPT.
    pub async fn refusing_recipients(reply: &str) -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap(), Some(reply.to_owned())).await
    }

    /// A sink on `addr`, answering `rcpt_reply` to RCPT when given.
    pub async fn start_on(addr: SocketAddr, rcpt_reply: Option<String>) -> Self {
        let listener = TcpListener::bind(addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let kept = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let kept = kept.clone();
                let rcpt_reply = rcpt_reply.clone();
                tokio::spawn(async move {
                    // A client that goes away mid-dialogue is not the sink's failure.
                    let _ = session(stream, kept, rcpt_reply).await;
                });
            }
        });
        Self {
            addr,
            received,
            task,
        }
    }

    /// The `smtp://` URL of this sink.
    pub fn server(&self) -> SmtpServer {
        SmtpServer::parse(&format!("smtp://{}", self.addr)).unwrap()
    }

    /// What it received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(
    stream: TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    rcpt_reply: Option<String>,
) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    writer.write_all(b"220 sink.test ESMTP\r\n").await?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: String = match verb.as_str() {
            "EHLO" | "HELO" => "250 sink.test".into(),
            "MAIL" => {
                mail_from = command.clone();
                rcpt_to.clear();
                "250 2.1.0 Ok".into()
            }
            "RCPT" => match &rcpt_reply {
                Some(reply) => reply.clone(),
                None => {
                    rcpt_to.push(address_of(&command));
                    "250 2.1.5 Ok".into()
                }
            },
            "DATA" => {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = Vec::new();
                loop {
                    let mut raw = Vec::new();
                    if reader.read_until(b'\n', &mut raw).await? == 0 {
                        return Ok(());
                    }
                    if raw == b".\r\n" || raw == b".\n" {
                        break;
                    }
                    let unstuffed = raw.strip_prefix(b".").unwrap_or(&raw);
                    data.extend_from_slice(unstuffed);
                }
                received.lock().unwrap().push(Received {
                    mail_from: address_of(&mail_from),
                    rcpt_to: std::mem::take(&mut rcpt_to),
                    data,
                });
                "250 2.0.0 Ok: queued".into()
            }
            "RSET" => {
                rcpt_to.clear();
                "250 2.0.0 Ok".into()
            }
            "NOOP" => "250 2.0.0 Ok".into(),
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "502 5.5.2 Command not recognized".into(),
        };
        writer.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

/// `x@y` out of `MAIL FROM:<x@y> …` or `RCPT TO:<x@y>`.
fn address_of(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..]
        .find('>')
        .map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}

/// A port nothing listens on (bound then released at once).
pub async fn free_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

/// A migrated in-memory SQLite store.
pub async fn sqlite() -> Arc<dyn Store> {
    let store = SqliteStore::in_memory().await.unwrap();
    store.migrate().await.unwrap();
    Arc::new(store)
}

/// Now, in Unix seconds (the outbox dates what it queues with the real clock).
pub fn now() -> UnixTime {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// The subject every test mail has: accents, an apostrophe, a dash, a guillemet.
pub const SUBJECT: &str = "Confirmez votre adresse électronique — « Vivier » l'État";

/// A mail to `to`, with accents everywhere.
pub fn mail(to: &str) -> OutgoingMail {
    OutgoingMail {
        list_unsubscribe: None,
        to: Email::parse(to).unwrap(),
        subject: SUBJECT.to_owned(),
        text: format!(
            "Bonjour Élodie,\n\nVoici le lien à usage unique pour {to} : \
             https://vivier.localhost/compte/verifier?jeton=abc\n\nÀ bientôt, l'équipe Vivier"
        ),
        html: format!(
            "<p>Bonjour Élodie,</p><p>Voici le lien à usage unique pour {to} : \
             <a href=\"https://vivier.localhost/compte/verifier?jeton=abc\">vérifier</a></p>\
             <p>À bientôt, l'équipe Vivier</p>"
        ),
    }
}

/// A sender on `store` delivering to `sink`.
pub fn smtp_sender(store: &Arc<dyn Store>, server: SmtpServer) -> MailSender {
    MailSender::new(
        store.clone(),
        MailTransport::smtp(server),
        vivier_mail::default_from(),
    )
}
