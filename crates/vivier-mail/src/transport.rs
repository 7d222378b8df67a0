//! Where messages go: `.eml` files (development) or an SMTP server (production), and how a
//! failure is classified.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use url::Url;

/// The longest one message may take to go out, connection and TLS included. A slow or silent
/// server counts as unreachable after that.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// The timeout of the connection and of each SMTP command.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// Why a message did not go out, in French (an administrator reads it in the outbox).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The transport could not be used at all (server unreachable, TLS failure, timeout,
    /// directory not writable): the other messages would fail the same way now.
    #[error("{0}")]
    Unavailable(String),
    /// The server deferred this message (4xx), or refused Vivier itself (credentials,
    /// commands): to try again later.
    #[error("{0}")]
    Deferred(String),
    /// The message or its recipient was refused for good (5xx): never to be tried again.
    #[error("{0}")]
    Refused(String),
}

/// One of the two ways out of the outbox.
#[derive(Clone)]
pub enum MailTransport {
    /// Each message written as `<uuid>.eml` into a directory, created on the first message.
    File {
        dir: PathBuf,
        transport: AsyncFileTransport<Tokio1Executor>,
    },
    /// An SMTP server.
    Smtp(SmtpServer),
}

impl MailTransport {
    /// Messages written as `.eml` files under `dir` (created when the first one is written, so
    /// that a server that sends nothing leaves nothing behind).
    pub fn file(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Self::File {
            transport: AsyncFileTransport::new(&dir),
            dir,
        }
    }

    /// Messages handed to an SMTP server.
    pub fn smtp(server: SmtpServer) -> Self {
        Self::Smtp(server)
    }

    /// The directory of a file transport, `None` for SMTP.
    pub fn directory(&self) -> Option<&Path> {
        match self {
            Self::File { dir, .. } => Some(dir),
            Self::Smtp(_) => None,
        }
    }

    /// Sends one message.
    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Self::File { dir, transport } => {
                let unavailable = |e: &dyn fmt::Display| {
                    SendError::Unavailable(format!(
                        "écriture du courriel dans « {} » impossible : {e}",
                        dir.display()
                    ))
                };
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| unavailable(&e))?;
                transport
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|e| unavailable(&e))
            }
            Self::Smtp(server) => {
                match tokio::time::timeout(SEND_TIMEOUT, server.transport.send(message)).await {
                    Ok(Ok(_response)) => Ok(()),
                    Ok(Err(error)) => Err(classify(&error)),
                    Err(_) => Err(SendError::Unavailable(format!(
                        "le serveur SMTP n'a pas pris le courriel en {} s",
                        SEND_TIMEOUT.as_secs()
                    ))),
                }
            }
        }
    }
}

impl fmt::Display for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { dir, .. } => write!(f, "fichiers .eml dans « {} »", dir.display()),
            Self::Smtp(server) => write!(f, "serveur SMTP {server}"),
        }
    }
}

impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { dir, .. } => f.debug_struct("File").field("dir", dir).finish(),
            Self::Smtp(server) => f.debug_tuple("Smtp").field(server).finish(),
        }
    }
}

/// 5xx replies that are about Vivier rather than the message: a command the server does not
/// take (500, 502, 503, 504) or refused credentials (530, 534, 535, 538). An operator fixes
/// those; the messages must wait for it, not be thrown away.
const FIVE_HUNDREDS_ABOUT_US: [u16; 8] = [500, 502, 503, 504, 530, 534, 535, 538];

/// Sorts an SMTP failure into what the outbox does with it.
fn classify(error: &smtp::Error) -> SendError {
    match error.status().map(u16::from) {
        Some(code) if (500..600).contains(&code) && !FIVE_HUNDREDS_ABOUT_US.contains(&code) => {
            SendError::Refused(format!("refus définitif du serveur SMTP : {error}"))
        }
        Some(_) => SendError::Deferred(format!("refus temporaire du serveur SMTP : {error}")),
        None if error.is_timeout() => {
            SendError::Unavailable(format!("le serveur SMTP ne répond pas à temps : {error}"))
        }
        None => SendError::Unavailable(format!("serveur SMTP injoignable : {error}")),
    }
}

/// A `VIVIER_SMTP_URL` that cannot be used; the message is French and never shows a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidSmtpUrl(String);

/// An SMTP server, from a URL in lettre's syntax: `smtp://host:25` (plain, for a relay on the
/// same host or network), `smtp://user:password@host:587?tls=required` (STARTTLS, or
/// `tls=opportunistic`), `smtps://user:password@host:465` (TLS from the start). A path sets the
/// name given in EHLO (`smtp://host/vivier.example.fr`).
///
/// Parsed once, at start: a malformed URL is refused with a French message. Displayed (and
/// debugged) with its password masked.
#[derive(Clone)]
pub struct SmtpServer {
    shown: String,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpServer {
    /// Checks `value` and prepares the transport (TLS settings included).
    pub fn parse(value: &str) -> Result<Self, InvalidSmtpUrl> {
        let value = value.trim();
        const EXAMPLE: &str = "attendu par exemple smtp://utilisateur:mot-de-passe@smtp.exemple.fr:587?tls=required, \
             smtps://utilisateur:mot-de-passe@smtp.exemple.fr:465 ou smtp://127.0.0.1:25";
        // The value may hold a password: errors show the masked URL, or nothing of it.
        let url = Url::parse(value).map_err(|_| {
            InvalidSmtpUrl(format!(
                "adresse du serveur SMTP invalide : ce n'est pas une URL ; {EXAMPLE}"
            ))
        })?;
        let shown = masked(&url);
        let invalid = |why: String| {
            InvalidSmtpUrl(format!(
                "adresse du serveur SMTP invalide « {shown} » : {why}"
            ))
        };
        let tls = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => {
                return Err(invalid(format!(
                    "le schéma « {other} » n'est pas smtp ni smtps ; {EXAMPLE}"
                )));
            }
        };
        let Some(host) = url.host_str().filter(|host| !host.is_empty()) else {
            return Err(invalid(format!("aucun serveur indiqué ; {EXAMPLE}")));
        };
        let mut starttls = false;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required" | "opportunistic") if !tls => starttls = true,
                ("tls", _) if tls => {
                    return Err(invalid(
                        "smtps:// chiffre déjà la connexion : retirez le paramètre tls".to_owned(),
                    ));
                }
                ("tls", other) => {
                    return Err(invalid(format!(
                        "tls={other} : attendu tls=required (STARTTLS obligatoire) ou \
                         tls=opportunistic"
                    )));
                }
                (other, _) => {
                    return Err(invalid(format!(
                        "paramètre « {other} » inconnu (seul tls est accepté)"
                    )));
                }
            }
        }
        let credentials = !url.username().is_empty() || url.password().is_some();
        if credentials && url.password().is_none() {
            return Err(invalid(
                "identifiant sans mot de passe : écrivez utilisateur:mot-de-passe@ (caractères \
                 spéciaux encodés en %XX)"
                    .to_owned(),
            ));
        }
        if credentials && !tls && !starttls && !is_loopback(host) {
            return Err(invalid(
                "le mot de passe circulerait en clair : ajoutez ?tls=required ou utilisez \
                 smtps://"
                    .to_owned(),
            ));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(value)
            .map_err(|e| invalid(e.to_string()))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Self { shown, transport })
    }
}

impl fmt::Display for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SmtpServer").field(&self.shown).finish()
    }
}

/// The URL with its password replaced by `***`.
fn masked(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Only fails for URLs that cannot have credentials, which have no password either.
        let _ = shown.set_password(Some("***"));
    }
    shown.to_string()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn lettre_urls_are_accepted() {
        for url in [
            "smtp://127.0.0.1:25",
            "smtp://localhost",
            "smtp://relais.interne:2525",
            "smtp://postmaster:s3cr%2Ft@smtp.exemple.fr:587?tls=required",
            "smtp://smtp.exemple.fr?tls=opportunistic",
            "smtps://postmaster:s3cret@smtp.exemple.fr",
            "smtp://user:pass@127.0.0.1:1025",
            "smtp://smtp.exemple.fr/vivier.exemple.fr",
        ] {
            SmtpServer::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        }
    }

    #[test]
    fn malformed_urls_are_refused_in_french() {
        for (url, expected) in [
            ("smtp.exemple.fr:587", "le schéma"),
            ("exemple", "adresse du serveur SMTP invalide"),
            ("https://smtp.exemple.fr", "le schéma « https »"),
            ("smtp://smtp.exemple.fr?tls=require", "tls=require :"),
            (
                "smtp://smtp.exemple.fr?starttls=1",
                "paramètre « starttls » inconnu",
            ),
            (
                "smtps://smtp.exemple.fr?tls=required",
                "retirez le paramètre tls",
            ),
            (
                "smtp://postmaster@smtp.exemple.fr?tls=required",
                "sans mot de passe",
            ),
            ("smtp://postmaster:s3cret@smtp.exemple.fr:25", "en clair"),
        ] {
            let error = SmtpServer::parse(url)
                .err()
                .unwrap_or_else(|| panic!("{url}"));
            let message = error.to_string();
            assert!(message.contains(expected), "{url}: {message}");
        }
    }

    #[test]
    fn the_password_is_never_shown() {
        let server = SmtpServer::parse("smtps://postmaster:s3cret@smtp.exemple.fr:465").unwrap();
        assert_eq!(
            server.to_string(),
            "smtps://postmaster:***@smtp.exemple.fr:465"
        );
        assert!(!format!("{server:?}").contains("s3cret"));
        assert!(!format!("{:?}", MailTransport::smtp(server)).contains("s3cret"));
        let error = SmtpServer::parse("smtp://postmaster:s3cret@smtp.exemple.fr?tls=non")
            .err()
            .unwrap();
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }
}
