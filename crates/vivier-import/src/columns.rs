//! Columns found by their header's name: the exports do not promise an order.

use std::collections::HashMap;

use vivier_domain::text;

use crate::read::Record;
use crate::source::{Rejection, SourceOffer, filled};

/// Where each column of a format sits in a file, from the file's header row.
#[derive(Debug, Clone)]
pub struct Columns<C> {
    index: HashMap<C, usize>,
    /// How many fields the header row has (a row with another count is malformed).
    width: usize,
}

/// Why a header row cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HeaderError {
    /// One field only, holding another separator: the file is not separated as expected.
    #[error(
        "la ligne d'en-tête n'est pas séparée par « {expected} » (elle semble l'être par « {found} »)"
    )]
    WrongDelimiter {
        /// The separator of the format.
        expected: char,
        /// The one the header seems to use.
        found: char,
    },
    /// Columns that the format needs are absent.
    #[error("colonne(s) obligatoire(s) absente(s) de l'en-tête : {}", .0.join(", "))]
    Missing(Vec<&'static str>),
    /// The header is not UTF-8 text.
    #[error(
        "la ligne d'en-tête n'est pas en UTF-8 (le fichier est-il en Latin-1 ? \
         enregistrez-le en UTF-8)"
    )]
    Encoding,
}

/// A column of a format: its header as the file writes it, and whether a row needs it.
pub trait Column: Copy + Eq + std::hash::Hash + 'static {
    /// Every column of the format.
    const ALL: &'static [Self];
    /// The header's text.
    fn header(self) -> &'static str;
    /// Whether a file without this column cannot be imported.
    fn required(self) -> bool;
}

impl<C: Column> Columns<C> {
    /// Finds the format's columns in `header` (the header row's fields, as bytes): names are
    /// compared without case, accents, spaces around, or a byte-order mark.
    pub fn locate(header: &[&[u8]], delimiter: u8) -> Result<Self, HeaderError> {
        let names: Vec<&str> = header
            .iter()
            .map(|field| std::str::from_utf8(field).map_err(|_| HeaderError::Encoding))
            .collect::<Result<_, _>>()?;
        if let [only] = names.as_slice() {
            let found = [';', '|', ',', '\t']
                .into_iter()
                .filter(|&c| c != char::from(delimiter))
                .max_by_key(|&c| only.matches(c).count())
                .filter(|&c| only.contains(c));
            if let Some(found) = found {
                return Err(HeaderError::WrongDelimiter {
                    expected: char::from(delimiter),
                    found,
                });
            }
        }
        let positions: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .rev()
            .map(|(i, name)| (key(name), i))
            .collect();
        let index: HashMap<C, usize> = C::ALL
            .iter()
            .filter_map(|&column| Some((column, *positions.get(&key(column.header()))?)))
            .collect();
        let missing: Vec<&'static str> = C::ALL
            .iter()
            .filter(|c| c.required() && !index.contains_key(c))
            .map(|c| c.header())
            .collect();
        if !missing.is_empty() {
            return Err(HeaderError::Missing(missing));
        }
        Ok(Self {
            index,
            width: names.len(),
        })
    }

    /// Where `column` is, if the file has it.
    pub fn position(&self, column: C) -> Option<usize> {
        self.index.get(&column).copied()
    }

    /// How many fields a row should have.
    pub fn width(&self) -> usize {
        self.width
    }
}

/// A row's cells, found by column and decoded one by one.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'a, C> {
    record: &'a Record,
    columns: &'a Columns<C>,
}

impl<'a, C: Column> Cells<'a, C> {
    /// The cells of `record`, a row of a file whose header gave `columns`.
    pub fn new(record: &'a Record, columns: &'a Columns<C>) -> Self {
        Self { record, columns }
    }

    /// The line where the row starts.
    pub fn line(&self) -> u64 {
        self.record.line
    }

    /// The cell's text, as it is (empty when the file has no such column); `Err` when it is
    /// too long or not UTF-8, with a French message.
    pub fn text(&self, column: C) -> Result<&'a str, String> {
        let Some(i) = self.columns.position(column) else {
            return Ok("");
        };
        let bytes = self.record.bytes(i);
        if bytes.len() > MAX_CELL_BYTES {
            return Err(format!(
                "la colonne « {} » dépasse {} Ko ({} Ko)",
                column.header(),
                MAX_CELL_BYTES / 1000,
                bytes.len() / 1000
            ));
        }
        std::str::from_utf8(bytes).map_err(|_| {
            format!(
                "la colonne « {} » n'est pas du texte UTF-8 (fichier en Latin-1 ?)",
                column.header()
            )
        })
    }

    /// The cell's text, trimmed; `None` when empty.
    pub fn filled(&self, column: C) -> Result<Option<String>, String> {
        self.text(column).map(filled)
    }

    /// Checks that the row has as many fields as the header (a stray separator or quote
    /// shifts every cell after it).
    pub fn check_width(&self) -> Result<(), String> {
        if self.record.len() == self.columns.width() {
            Ok(())
        } else {
            Err(format!(
                "{} champ(s) au lieu de {} (un séparateur ou un guillemet mal placé ?)",
                self.record.len(),
                self.columns.width()
            ))
        }
    }
}

/// Maps a data row with `map`, after checking its width; a failure becomes a [`Rejection`]
/// that names the row's line and, if readable, its `reference`.
pub fn map_row<C: Column>(
    record: &Record,
    columns: &Columns<C>,
    reference: C,
    map: impl FnOnce(&Cells<'_, C>) -> Result<SourceOffer, String>,
) -> Result<SourceOffer, Rejection> {
    let cells = Cells::new(record, columns);
    cells
        .check_width()
        .and_then(|()| map(&cells))
        .map_err(|reason| Rejection::of(&cells, reference, reason))
}

/// Every data row of `text` mapped with `map`, after its header (tests of the mappers).
#[cfg(test)]
pub(crate) fn map_all<C: Column>(
    text: &[u8],
    dialect: crate::read::Dialect,
    map: fn(&Record, &Columns<C>) -> Result<SourceOffer, Rejection>,
) -> Vec<Result<SourceOffer, Rejection>> {
    let mut records = crate::read::Records::new(text, dialect, 1 << 20);
    let mut record = Record::default();
    assert_eq!(records.read(&mut record).expect("in memory"), Ok(true));
    let header: Vec<&[u8]> = (0..record.len()).map(|i| record.bytes(i)).collect();
    let columns = Columns::<C>::locate(&header, dialect.delimiter).expect("header");
    let mut rows = Vec::new();
    while records
        .read(&mut record)
        .expect("in memory")
        .expect("record")
    {
        rows.push(map(&record, &columns));
    }
    rows
}

/// Longest cell kept, in bytes; a longer one rejects its row (no real cell comes near).
pub const MAX_CELL_BYTES: usize = 100_000;

/// A header compared loosely: folded (no case, no accents), spaces squeezed, BOM dropped.
fn key(name: &str) -> String {
    let name = name.trim_start_matches('\u{feff}');
    text::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum Test {
        Reference,
        Title,
        Remote,
    }

    impl Column for Test {
        const ALL: &'static [Self] = &[Self::Reference, Self::Title, Self::Remote];
        fn header(self) -> &'static str {
            match self {
                Self::Reference => "Référence",
                Self::Title => "Intitulé du poste",
                Self::Remote => "Télétravail",
            }
        }
        fn required(self) -> bool {
            !matches!(self, Self::Remote)
        }
    }

    fn locate(header: &[&str], delimiter: u8) -> Result<Columns<Test>, HeaderError> {
        let fields: Vec<&[u8]> = header.iter().map(|h| h.as_bytes()).collect();
        Columns::locate(&fields, delimiter)
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_spelling() {
        let columns =
            locate(&["\u{feff}intitule  du Poste ", "Autre", "REFERENCE"], b';').expect("found");
        assert_eq!(columns.position(Test::Title), Some(0));
        assert_eq!(columns.position(Test::Reference), Some(2));
        assert_eq!(columns.position(Test::Remote), None);
        assert_eq!(columns.width(), 3);
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let error = locate(&["Référence", "Télétravail"], b';').expect_err("missing");
        assert_eq!(error, HeaderError::Missing(vec!["Intitulé du poste"]));
        assert_eq!(
            error.to_string(),
            "colonne(s) obligatoire(s) absente(s) de l'en-tête : Intitulé du poste"
        );
    }

    #[test]
    fn a_wrong_delimiter_is_recognised() {
        let error = locate(&["Référence,Intitulé du poste,Télétravail"], b';').expect_err("wrong");
        assert_eq!(
            error,
            HeaderError::WrongDelimiter {
                expected: ';',
                found: ','
            }
        );
    }

    #[test]
    fn a_latin1_header_is_refused_with_advice() {
        let error = Columns::<Test>::locate(&[b"R\xe9f\xe9rence", b"Intitul\xe9"], b';')
            .expect_err("latin-1");
        assert_eq!(error, HeaderError::Encoding);
        assert!(error.to_string().contains("Latin-1"));
    }
}
