//! The offer templates of every job family.

mod development_data;
mod management_support_law;
mod networks_architecture;
mod product_design_quality;
mod security_infrastructure;

use super::templates::Family;

/// Every job family template, in a fixed order.
pub(crate) const FAMILIES: &[&Family] = &[
    &development_data::DEVELOPPEMENT,
    &development_data::DONNEES,
    &security_infrastructure::CYBERSECURITE,
    &security_infrastructure::INFRASTRUCTURE,
    &networks_architecture::RESEAUX,
    &networks_architecture::ARCHITECTURE,
    &product_design_quality::PRODUIT,
    &product_design_quality::DESIGN,
    &management_support_law::PILOTAGE,
    &management_support_law::SUPPORT,
    &product_design_quality::QUALITE,
    &management_support_law::ACHATS_DROIT,
];

#[cfg(test)]
pub(crate) use development_data::DEVELOPPEMENT;
