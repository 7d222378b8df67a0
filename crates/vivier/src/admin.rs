//! `vivier admin EMAIL`: makes an existing agent account an administrator of Vivier. This is
//! how the first administrator comes to exist, and how an operator regains access; the audit
//! log records it.

use clap::Args;
use vivier_domain::Email;
use vivier_domain::account::AccountKind;
use vivier_store::Store;
use vivier_store::accounts::{AuditEntry, AuditOutcome, UserChange};

use crate::Error;

/// Arguments of `vivier admin`.
#[derive(Debug, Clone, Args)]
pub struct AdminArgs {
    /// The address of the account (an agent account, created at /inscription).
    #[arg(
        value_name = "ADRESSE",
        help = "Adresse électronique du compte agent à nommer administrateur"
    )]
    pub email: String,
}

/// Grants the administrator role to the agent account of `email`; its sessions end, so that
/// the new right starts with a new session.
pub async fn grant(store: &dyn Store, args: &AdminArgs) -> Result<String, Error> {
    let email = Email::parse(&args.email).map_err(|e| Error::Account(e.message))?;
    let user = store.user_by_email(&email).await?.ok_or_else(|| {
        Error::Account(format!(
            "aucun compte n'utilise l'adresse {} : créez-le d'abord sur /inscription, profil « agent »",
            email.as_str()
        ))
    })?;
    if user.kind != AccountKind::Agent {
        return Err(Error::Account(format!(
            "{} est un compte candidat : un administrateur doit avoir un compte agent",
            email.as_str()
        )));
    }
    if user.is_admin {
        return Ok(format!(
            "{} est déjà administrateur·rice de Vivier.",
            user.email.as_str()
        ));
    }
    store.update_user(user.id, &UserChange::Admin(true)).await?;
    store.delete_sessions_of(user.id).await?;
    store
        .record_audit(&AuditEntry {
            actor: None,
            actor_label: "ligne de commande".into(),
            action: "role.administrateur".into(),
            object: format!("compte:{}", user.id),
            outcome: AuditOutcome::Allowed,
            ip: "locale".into(),
            detail: format!("vivier admin {}", user.email.as_str()),
        })
        .await?;
    let verified = if user.email_verified {
        ""
    } else {
        " Son adresse n'est pas encore confirmée : le compte devra la confirmer pour se connecter."
    };
    Ok(format!(
        "{} est désormais administrateur·rice de Vivier (/admin).{verified}",
        user.email.as_str()
    ))
}
