//! Scheduled jobs that `vivier serve` runs on every node: each is a library function taking the
//! time it runs at (tests inject it), and a `spawn_…` that calls it periodically with the
//! current time. They may run on several nodes at once: what they write is guarded in the store
//! (an alert is recorded once), and the mails go through the outbox.

pub mod alerts;
pub mod orphans;
pub mod retention;

pub use alerts::{AlertRun, send_due_alerts, spawn_alerts};
pub use orphans::OrphanSweep;
pub use retention::{Retention, RetentionRun, run_retention, spawn_retention};
