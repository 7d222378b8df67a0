//! Mail options: where the outbox's mails go, and from whom.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use vivier_mail::{DEFAULT_FROM, MailSender, MailTransport, Mailbox, SmtpServer};
use vivier_store::Store;

/// `VIVIER_MAIL_DIR` when none is given.
pub const DEFAULT_MAIL_DIR: &str = "data/mails";

/// How `serve` delivers mails: to an SMTP server when one is configured, otherwise as `.eml`
/// files in a directory (development).
#[derive(Debug, Clone, Args)]
pub struct MailConfig {
    /// The SMTP server, in lettre's URL syntax; none: the mails are written to `mail_dir`.
    #[arg(
        long,
        env = "VIVIER_SMTP_URL",
        value_parser = parse_smtp_url,
        value_name = "URL",
        global = true,
        hide_env_values = true,
        help = "Serveur d'envoi des courriels : smtp://utilisateur:mot-de-passe@hôte:587?tls=required, smtps://utilisateur:mot-de-passe@hôte:465, ou smtp://127.0.0.1:25 pour un relais local [défaut : aucun, les courriels sont écrits dans --mail-dir]"
    )]
    pub smtp_url: Option<SmtpServer>,

    /// Where mails are written, one `.eml` file each, when no SMTP server is configured.
    #[arg(
        long,
        env = "VIVIER_MAIL_DIR",
        default_value = DEFAULT_MAIL_DIR,
        value_name = "DOSSIER",
        global = true,
        hide_env_values = true,
        help = "Dossier où écrire les courriels (un fichier .eml chacun) quand aucun serveur SMTP n'est configuré ; créé au premier courriel"
    )]
    pub mail_dir: PathBuf,

    /// The `From` of every mail.
    #[arg(
        long,
        env = "VIVIER_MAIL_FROM",
        default_value = DEFAULT_FROM,
        value_parser = parse_mail_from,
        value_name = "EXPÉDITEUR",
        global = true,
        hide_env_values = true,
        help = "Expéditeur des courriels, par exemple « Vivier <ne-pas-repondre@vivier.numerique.gouv.fr> »"
    )]
    pub mail_from: Mailbox,
}

impl MailConfig {
    /// The defaults, as with no flag nor variable.
    pub fn defaults() -> Self {
        Self {
            smtp_url: None,
            mail_dir: PathBuf::from(DEFAULT_MAIL_DIR),
            mail_from: vivier_mail::default_from(),
        }
    }

    /// Where the mails go.
    pub fn transport(&self) -> MailTransport {
        match &self.smtp_url {
            Some(server) => MailTransport::smtp(server.clone()),
            None => MailTransport::file(&self.mail_dir),
        }
    }

    /// The sender delivering `store`'s outbox as configured.
    pub fn sender(&self, store: Arc<dyn Store>) -> MailSender {
        MailSender::new(store, self.transport(), self.mail_from.clone())
    }
}

fn parse_smtp_url(value: &str) -> Result<SmtpServer, String> {
    SmtpServer::parse(value).map_err(|e| e.to_string())
}

fn parse_mail_from(value: &str) -> Result<Mailbox, String> {
    value.trim().parse().map_err(|_| {
        format!(
            "expéditeur invalide « {value} » : attendu une adresse électronique, précédée ou non \
             d'un nom, par exemple « Vivier <ne-pas-repondre@vivier.numerique.gouv.fr> »"
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::Cli;
    use crate::config::usage_error_in_french;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_args(std::iter::once("vivier").chain(args.iter().copied()))
    }

    #[test]
    fn without_a_server_mails_are_files_under_data() {
        let defaults = MailConfig::defaults();
        assert!(defaults.smtp_url.is_none());
        assert_eq!(
            defaults.transport().directory(),
            Some(std::path::Path::new("data/mails"))
        );
        assert_eq!(defaults.mail_from.to_string(), DEFAULT_FROM);
        // The command line agrees, when the environment does not say otherwise.
        let cli = parse(&[]).unwrap();
        if std::env::var_os("VIVIER_SMTP_URL").is_none() {
            assert!(cli.config.mail.smtp_url.is_none());
        }
        if std::env::var_os("VIVIER_MAIL_DIR").is_none() {
            assert_eq!(cli.config.mail.mail_dir, defaults.mail_dir);
        }
        if std::env::var_os("VIVIER_MAIL_FROM").is_none() {
            assert_eq!(cli.config.mail.mail_from, defaults.mail_from);
        }
    }

    #[test]
    fn mail_options_go_anywhere_on_the_line() {
        let cli = parse(&[
            "serve",
            "--smtp-url",
            "smtp://vivier:s3cret@smtp.exemple.fr:587?tls=required",
            "--mail-from",
            "Vivier <ne-pas-repondre@exemple.gouv.fr>",
        ])
        .unwrap();
        let server = cli.config.mail.smtp_url.as_ref().unwrap();
        assert_eq!(
            server.to_string(),
            "smtp://vivier:***@smtp.exemple.fr:587?tls=required"
        );
        assert!(cli.config.mail.transport().directory().is_none());
        assert_eq!(
            cli.config.mail.mail_from.email.to_string(),
            "ne-pas-repondre@exemple.gouv.fr"
        );
        // The configuration is printed in debug logs: never with the password.
        assert!(!format!("{:?}", cli.config).contains("s3cret"));
        let cli = parse(&["--mail-dir", "/var/lib/vivier/courriels", "migrate"]).unwrap();
        assert_eq!(
            cli.config.mail.mail_dir,
            PathBuf::from("/var/lib/vivier/courriels")
        );
    }

    #[test]
    fn malformed_mail_options_are_refused_in_french() {
        for (args, expected) in [
            (
                ["--smtp-url", "smtp.exemple.fr:587"],
                "adresse du serveur SMTP invalide",
            ),
            (["--smtp-url", "smtp://smtp.exemple.fr?tls=oui"], "tls=oui"),
            (
                ["--smtp-url", "smtp://vivier:s3cret@smtp.exemple.fr"],
                "en clair",
            ),
            (["--mail-from", "Vivier"], "expéditeur invalide « Vivier »"),
            (["--mail-from", "a@b@c"], "expéditeur invalide"),
        ] {
            let error = parse(&args).unwrap_err();
            let message = usage_error_in_french(&error);
            assert!(message.contains(expected), "{args:?}: {message}");
            assert!(!message.contains("s3cret"), "{message}");
        }
    }
}
