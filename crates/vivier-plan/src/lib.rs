//! The planning engine of Vivier's recruitment events.
//!
//! Inputs and outputs are plain, serde-serialisable data: the command line (`vivier plan …`) reads
//! them from JSON and the event pages will build them from the store. Nothing here does I/O, reads
//! a clock or draws a random number unless a seed is given, so a run is reproducible from its input.

pub mod dating;
pub mod flow;
pub mod json;
pub mod pairs;
pub mod programme;

use serde::Serialize;

/// An input the engine refuses: the field at fault, named by its path in the JSON document
/// (`students[3].wishes[1]`), and what is wrong with it, in French for the organisers who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field} : {problem}")]
pub struct InputError {
    /// Path of the field in the input document.
    pub field: String,
    /// What is wrong, in French.
    pub problem: String,
}

impl InputError {
    /// An error on `field`.
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }
}
