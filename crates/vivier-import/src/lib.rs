//! Import of the State's offer exports: the weekly Choisir le service public (CSP) open-data
//! file, the Place de l'emploi public (PEP) TalentSoft back-office export and its `|`-separated
//! partner exports.
//!
//! Reading is a stream of records ([`read`]), each decoded and mapped on its own, so that a bad
//! row is rejected with its line and the reason while the rows around it still import.

pub mod columns;
pub mod csp;
pub mod digital;
pub mod fuzzing;
pub mod html;
pub mod pep;
pub mod read;
pub mod resolve;
pub mod source;
pub mod sync;
pub mod values;
