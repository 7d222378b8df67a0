//! Is this upload a CV Vivier can keep? A PDF, by its content rather than its name: not empty,
//! at most [`MAX_CV_BYTES`], starting with the PDF header, readable (cross-reference data,
//! catalog, page tree), not encrypted, with at least one page.
//!
//! The structure is read by a small reader of Vivier's own (`syntax`, `decode`, `xref`,
//! `document`) rather than by a PDF library: lopdf 0.47, the well-kept candidate, bounds each
//! stream it inflates but loads every object of the file and parses every entry of an object
//! stream's index, so that a 213 kB file whose object stream lists the same 200 kB string
//! 2,000 times made it hold 400 MB for ten seconds. What a CV check needs is much less than a
//! PDF library — the objects between the trailer and the pages — and reading only those, each
//! at most once, with every byte read, value built and byte inflated charged to a budget, makes
//! the cost of any input bounded by construction:
//!
//! - at most 64 MiB of bytes gone through (overlapping objects counted each time), one million
//!   values built, 16 MiB inflated (cross-reference and object streams only: pages' contents,
//!   fonts and images are never decoded), 100,000 page tree nodes, 64 updates;
//! - no recursion deeper than 32 nested arrays or dictionaries, no panic (no indexing that can
//!   fail, no unchecked arithmetic; a property test feeds random and mutated files).
//!
//! The header must be the first bytes of the file. The specification lets readers accept it
//! within the first 1,024 bytes, but every PDF producer writes it first, and what comes before
//! it is how a file is made to be a PDF and something else at once (an archive, an executable, a
//! web page).
//!
//! Encrypted PDFs are refused, including those that open without a password but restrict
//! printing or copying: a recruiter must be able to read, print and copy from a CV, and the
//! candidate can save an unprotected copy.

mod decode;
mod document;
mod syntax;
mod xref;

use document::Outcome;
use syntax::Failure;

/// The largest CV accepted: 5 MB (5 MiB, as file managers count).
pub const MAX_CV_BYTES: usize = 5 * 1024 * 1024;

/// What a PDF accepted as a CV is like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfInfo {
    /// Number of pages (at least one).
    pub pages: u32,
}

/// Why a file was refused as a CV. [`PdfRefusal::message`] says it to the candidate in French;
/// [`PdfRefusal::code`] is a stable code for logs and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum PdfRefusal {
    /// No byte at all.
    Empty,
    /// More than [`MAX_CV_BYTES`].
    TooLarge,
    /// Not a PDF: no PDF header at the start (an image, an archive, an executable renamed…).
    NotPdf,
    /// A PDF header, but the structure behind it cannot be read.
    Unreadable,
    /// Encrypted: a password to open it, or restrictions on printing or copying.
    Encrypted,
    /// Readable, but without any page.
    NoPage,
    /// Reading it would take far more work than any CV needs (a decompression bomb, an object
    /// structure built to be read over and over).
    TooComplex,
}

impl PdfRefusal {
    /// What the candidate reads, in French.
    pub fn message(self) -> &'static str {
        match self {
            PdfRefusal::Empty => "Le fichier est vide.",
            PdfRefusal::TooLarge => "Le fichier dépasse 5 Mo.",
            PdfRefusal::NotPdf => "Le CV doit être un PDF : ce fichier n’en est pas un.",
            PdfRefusal::Unreadable => {
                "Ce PDF est illisible : il est peut-être endommagé. Enregistrez-le de nouveau au \
                 format PDF depuis votre logiciel, puis déposez-le."
            }
            PdfRefusal::Encrypted => {
                "Ce PDF est protégé par un mot de passe ou des restrictions. Enregistrez-en une \
                 copie sans protection, puis déposez-la."
            }
            PdfRefusal::NoPage => "Ce PDF ne contient aucune page.",
            PdfRefusal::TooComplex => {
                "Ce PDF est d’une structure trop complexe pour être vérifié. Enregistrez-le de \
                 nouveau au format PDF depuis votre logiciel, puis déposez-le."
            }
        }
    }

    /// A stable code: `empty`, `too_large`, `not_pdf`, `unreadable`, `encrypted`, `no_page`,
    /// `too_complex`.
    pub fn code(self) -> &'static str {
        match self {
            PdfRefusal::Empty => "empty",
            PdfRefusal::TooLarge => "too_large",
            PdfRefusal::NotPdf => "not_pdf",
            PdfRefusal::Unreadable => "unreadable",
            PdfRefusal::Encrypted => "encrypted",
            PdfRefusal::NoPage => "no_page",
            PdfRefusal::TooComplex => "too_complex",
        }
    }
}

/// Checks that `bytes` are a CV Vivier can keep, and says how many pages it has.
///
/// Runs in bounded time and memory whatever the input (see the module's documentation); it is
/// CPU work of up to a few tens of milliseconds for a real CV, so an async caller runs it on a
/// blocking thread (`tokio::task::spawn_blocking`).
pub fn check_pdf(bytes: &[u8]) -> Result<PdfInfo, PdfRefusal> {
    if bytes.is_empty() {
        return Err(PdfRefusal::Empty);
    }
    if bytes.len() > MAX_CV_BYTES {
        return Err(PdfRefusal::TooLarge);
    }
    if !has_header(bytes) {
        return Err(PdfRefusal::NotPdf);
    }
    match document::read(bytes) {
        Ok(Outcome::Pages(0)) => Err(PdfRefusal::NoPage),
        Ok(Outcome::Pages(pages)) => Ok(PdfInfo { pages }),
        Ok(Outcome::Encrypted) => Err(PdfRefusal::Encrypted),
        Err(Failure::Malformed) => Err(PdfRefusal::Unreadable),
        Err(Failure::TooCostly) => Err(PdfRefusal::TooComplex),
    }
}

/// `%PDF-` then a version: `1.0` to `1.7`, `2.0`.
fn has_header(bytes: &[u8]) -> bool {
    matches!(bytes, [b'%', b'P', b'D', b'F', b'-', major, b'.', minor, ..]
        if major.is_ascii_digit() && minor.is_ascii_digit())
}
