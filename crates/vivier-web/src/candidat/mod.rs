//! The candidates' area: their saved searches and alerts, and their personal-data rights.

pub(crate) mod desabonnement;
pub(crate) mod recherches;

use crate::policy::Routes;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .merge(recherches::routes())
        .merge(desabonnement::routes())
}
