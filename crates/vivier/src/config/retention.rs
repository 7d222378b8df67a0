//! Retention options: how long personal data is kept before `serve`'s daily job removes it.

use clap::Args;
use vivier_web::jobs::Retention;

use crate::Error;

/// How long `serve` keeps personal data (see the README's table).
#[derive(Debug, Clone, Copy, Args)]
pub struct RetentionArgs {
    /// Days a refused or withdrawn application keeps its candidate's data.
    #[arg(
        long = "retention-refused-days",
        env = "VIVIER_RETENTION_REFUSED_DAYS",
        default_value_t = 90,
        value_parser = clap::value_parser!(u32).range(1..=3650),
        value_name = "JOURS",
        global = true,
        hide_env_values = true,
        help = "Jours pendant lesquels une candidature refusée ou retirée garde les données de la personne (lettre, CV, notes)"
    )]
    pub refused_days: u32,

    /// Days without activity after which a candidate leaves the talent pool.
    #[arg(
        long = "retention-pool-days",
        env = "VIVIER_RETENTION_POOL_DAYS",
        default_value_t = 730,
        value_parser = clap::value_parser!(u32).range(30..=3650),
        value_name = "JOURS",
        global = true,
        hide_env_values = true,
        help = "Jours sans activité (connexion, profil, candidature) après lesquels une personne quitte le vivier des talents"
    )]
    pub pool_days: u32,

    /// Days before leaving the pool that the candidate is warned.
    #[arg(
        long = "retention-pool-warning-days",
        env = "VIVIER_RETENTION_POOL_WARNING_DAYS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=365),
        value_name = "JOURS",
        global = true,
        hide_env_values = true,
        help = "Jours avant la sortie du vivier où la personne est prévenue par courriel"
    )]
    pub pool_warning_days: u32,

    /// Days the outbox keeps sent (or abandoned) mails.
    #[arg(
        long = "retention-sent-mail-days",
        env = "VIVIER_RETENTION_SENT_MAIL_DAYS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=3650),
        value_name = "JOURS",
        global = true,
        hide_env_values = true,
        help = "Jours pendant lesquels les courriels envoyés restent dans la file d'envoi"
    )]
    pub sent_mail_days: u32,
}

impl Default for RetentionArgs {
    fn default() -> Self {
        let defaults = Retention::default();
        Self {
            refused_days: defaults.refused_days,
            pool_days: defaults.pool_days,
            pool_warning_days: defaults.pool_warning_days,
            sent_mail_days: defaults.sent_mail_days,
        }
    }
}

impl RetentionArgs {
    /// The durations, checked together: the warning comes before the end.
    pub fn resolve(&self) -> Result<Retention, Error> {
        if self.pool_warning_days >= self.pool_days {
            return Err(Error::Retention(format!(
                "le préavis de sortie du vivier (VIVIER_RETENTION_POOL_WARNING_DAYS = {}) doit \
                 être plus court que la durée du vivier (VIVIER_RETENTION_POOL_DAYS = {})",
                self.pool_warning_days, self.pool_days
            )));
        }
        Ok(Retention {
            refused_days: self.refused_days,
            pool_days: self.pool_days,
            pool_warning_days: self.pool_warning_days,
            sent_mail_days: self.sent_mail_days,
        })
    }
}
