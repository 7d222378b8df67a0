//! The retention job, run daily: personal data goes when Vivier no longer needs it.
//!
//! - Applications refused or withdrawn more than [`Retention::refused_days`] ago lose their
//!   candidate, motivation, CV and notes (the rows stay for statistics); CVs nobody uses any
//!   more go, rows and files.
//! - Talent-pool members inactive (no sign-in, profile change or application) for
//!   [`Retention::pool_days`] leave the pool. They are warned by mail
//!   [`Retention::pool_warning_days`] before, and leave only once warned that long ago: a
//!   member found late gets their full notice.
//! - Mails sent or abandoned more than [`Retention::sent_mail_days`] ago leave the outbox.
//!
//! Every step is guarded in the store, so nodes running it at the same time do each thing
//! once. CV files in the file store that no row names (a failed deletion, a crash between the
//! row and the file) are not swept here yet: the file store cannot list its keys.

use std::time::Duration;

use time::OffsetDateTime;
use vivier_store::accounts::{OutgoingMail, UnixTime, User};

use crate::AppState;
use crate::error::PageError;
use crate::mail::{Message, compose};

const DAY: i64 = 86_400;
/// Pool members read from the store at a time.
const BATCH: u32 = 100;

/// How long personal data is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// A refused or withdrawn application keeps its candidate's data this long.
    pub refused_days: u32,
    /// A talent-pool member without activity this long leaves the pool.
    pub pool_days: u32,
    /// They are warned this long before.
    pub pool_warning_days: u32,
    /// The outbox keeps sent and abandoned mails this long.
    pub sent_mail_days: u32,
}

impl Default for Retention {
    /// Three months for refused applications, two years in the pool (warned a month before),
    /// a month of sent mails.
    fn default() -> Self {
        Self {
            refused_days: 90,
            pool_days: 730,
            pool_warning_days: 30,
            sent_mail_days: 30,
        }
    }
}

impl Retention {
    /// When a pool entry last active at `last_active_at` ends.
    pub fn pool_end(&self, last_active_at: UnixTime) -> UnixTime {
        last_active_at + i64::from(self.pool_days) * DAY
    }
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionRun {
    /// Applications whose personal data went.
    pub applications: u64,
    /// CV files deleted from the file store.
    pub cv_files: usize,
    /// Pool members warned.
    pub warned: usize,
    /// Pool members taken out of the pool.
    pub expired: usize,
    /// Mails deleted from the outbox.
    pub mails: u64,
}

/// Applies the retention durations of `state`'s configuration at `now` (Unix seconds).
pub async fn run_retention(state: &AppState, now: UnixTime) -> Result<RetentionRun, PageError> {
    let retention = state.config.retention;
    let mut run = RetentionRun::default();

    let refused_before = now - i64::from(retention.refused_days) * DAY;
    let purged = state
        .store
        .purge_closed_applications(refused_before)
        .await?;
    run.applications = purged.applications;
    run.cv_files = delete_files(state, &purged.cv_keys).await;

    let warning = i64::from(retention.pool_warning_days) * DAY;
    let pool = i64::from(retention.pool_days) * DAY;
    // Warn those whose entry ends within the notice.
    loop {
        let members = state
            .store
            .inactive_pool_members(now - pool + warning, true, BATCH)
            .await?;
        let mut progress = false;
        for user in &members {
            let Some(candidate) = state.store.candidate(user.id).await? else {
                continue;
            };
            let end = retention
                .pool_end(candidate.last_active_at)
                .max(now + warning);
            let mail = pool_warning(state, user, end)?;
            if state.store.warn_pool_member(user.id, now, &mail).await? {
                run.warned += 1;
                progress = true;
            }
        }
        if members.len() < BATCH as usize || !progress {
            break;
        }
    }
    // Take out those whose entry ended and who were warned at least the notice ago.
    let active_before = now - pool;
    loop {
        let members = state
            .store
            .inactive_pool_members(active_before, false, BATCH)
            .await?;
        let mut progress = false;
        for user in &members {
            let Some(candidate) = state.store.candidate(user.id).await? else {
                continue;
            };
            if candidate
                .pool_warned_at
                .is_none_or(|warned| warned > now - warning)
            {
                continue;
            }
            let mail = pool_expiry(state, user, retention.pool_days)?;
            if state
                .store
                .expire_pool_member(user.id, active_before, &mail)
                .await?
            {
                run.expired += 1;
                progress = true;
            }
        }
        if members.len() < BATCH as usize || !progress {
            break;
        }
    }

    let sent_before = OffsetDateTime::from_unix_timestamp(now)
        .map_err(|e| PageError::Internal(format!("retention time: {e}")))?
        - time::Duration::days(i64::from(retention.sent_mail_days));
    run.mails = state.store.purge_sent_mail(sent_before).await?;

    if run != RetentionRun::default() {
        tracing::info!(
            applications = run.applications,
            cv_files = run.cv_files,
            warned = run.warned,
            expired = run.expired,
            mails = run.mails,
            "retention applied"
        );
    }
    Ok(run)
}

/// Runs [`run_retention`] every `every`, at the current time (the first run at once), then the
/// sweep of orphan CV files.
pub fn spawn_retention(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        let sweep = super::OrphanSweep::new();
        loop {
            ticks.tick().await;
            if let Err(error) = run_retention(&state, crate::auth::session::now()).await {
                tracing::warn!(?error, "retention not applied");
            }
            match sweep
                .run(state.store.as_ref(), state.config.files.as_ref())
                .await
            {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, "orphan CV files deleted"),
                Err(error) => tracing::warn!(?error, "orphan CV files not swept"),
            }
        }
    })
}

/// Deletes CV files whose rows are gone; gives how many went. A failure is logged and leaves
/// an orphan file behind (its row is gone already).
pub(crate) async fn delete_files(state: &AppState, keys: &[String]) -> usize {
    let mut deleted = 0;
    for key in keys {
        let deleted_file = match crate::candidat::object_key(key) {
            Ok(key) => state
                .config
                .files
                .delete(&key)
                .await
                .map_err(|e| e.to_string()),
            Err(error) => Err(format!("{error:?}")),
        };
        match deleted_file {
            Ok(()) => deleted += 1,
            Err(error) => tracing::error!(%error, "CV file not deleted"),
        }
    }
    deleted
}

/// "90 jours", "2 ans".
pub(crate) fn days_label(days: u32) -> String {
    if days >= 365 && days.is_multiple_of(365) {
        crate::format::count((days / 365) as usize, "an", "ans")
    } else {
        crate::format::count(days as usize, "jour", "jours")
    }
}

fn space_link(state: &AppState) -> Result<String, PageError> {
    state
        .config
        .public_url
        .join("espace-candidat#vivier")
        .map(String::from)
        .map_err(|e| PageError::Internal(format!("link: {e}")))
}

fn date_of(unix: UnixTime) -> String {
    crate::format::date_long(crate::clock::paris_date(unix))
}

/// The notice that a pool entry ends on `end` without activity.
fn pool_warning(state: &AppState, to: &User, end: UnixTime) -> Result<OutgoingMail, PageError> {
    let end = date_of(end);
    compose(
        &to.email,
        &format!("Votre profil quittera le vivier des talents le {end}"),
        &Message {
            greeting: &to.display_name,
            lines: vec![
                "Votre profil est dans le vivier des talents du numérique de l’État : les \
                 recruteurs peuvent le trouver et vous proposer des offres."
                    .into(),
                format!(
                    "Comme vous ne vous êtes pas connecté·e à Vivier depuis longtemps, il en \
                     sortira le {end}, comme le prévoit notre politique de conservation des \
                     données. Pour y rester, connectez-vous avant cette date, ou choisissez \
                     « Rester dans le vivier » dans votre espace :"
                ),
            ],
            action: Some(("Rester dans le vivier", space_link(state)?)),
            after: vec![
                "Si vous ne faites rien, les recruteurs ne verront plus votre profil ; votre \
                 compte et vos candidatures restent, et vous pourrez rejoindre le vivier à tout \
                 moment."
                    .into(),
            ],
        },
    )
}

/// The notice that a pool entry ended.
fn pool_expiry(state: &AppState, to: &User, pool_days: u32) -> Result<OutgoingMail, PageError> {
    let inactivity = days_label(pool_days);
    compose(
        &to.email,
        "Votre profil a quitté le vivier des talents",
        &Message {
            greeting: &to.display_name,
            lines: vec![
                format!(
                    "Sans activité de votre part sur Vivier depuis {inactivity}, votre profil a \
                     quitté le vivier des talents : les recruteurs ne le voient plus."
                ),
                "Votre compte, votre profil et vos candidatures restent. Vous pouvez rejoindre \
                 le vivier à nouveau depuis votre espace :"
                    .into(),
            ],
            action: Some(("Rejoindre le vivier", space_link(state)?)),
            after: Vec::new(),
        },
    )
}
