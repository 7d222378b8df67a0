//! The audit log: denied accesses and sensitive actions, with who, what, which object, when
//! and from where. Administrators read it at `/admin/journal`.

use vivier_store::accounts::{AuditEntry, AuditOutcome};

use crate::AppState;
use crate::auth::{ClientIp, Visitor};

/// Records an action. A failure to write is logged, not shown: the action itself happened.
pub async fn record(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    action: &str,
    object: &str,
    outcome: AuditOutcome,
    detail: &str,
) {
    let entry = AuditEntry {
        actor: visitor.0.as_ref().map(|s| s.user.id),
        actor_label: visitor.label(),
        action: action.to_owned(),
        object: object.chars().take(500).collect(),
        outcome,
        ip: ip.0.clone(),
        detail: detail.chars().take(1000).collect(),
    };
    if let Err(error) = state.store.record_audit(&entry).await {
        tracing::error!(%error, action, "audit entry not written");
    }
}

/// Records a denied access or action.
pub async fn denied(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    action: &str,
    object: &str,
    detail: &str,
) {
    record(
        state,
        visitor,
        ip,
        action,
        object,
        AuditOutcome::Denied,
        detail,
    )
    .await;
}

/// Records a sensitive action that was done.
pub async fn allowed(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    action: &str,
    object: &str,
    detail: &str,
) {
    record(
        state,
        visitor,
        ip,
        action,
        object,
        AuditOutcome::Allowed,
        detail,
    )
    .await;
}
