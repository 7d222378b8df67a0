//! Records of a delimited export, read as a stream with bounded memory.
//!
//! Built on `csv-core` rather than `csv`: a broken quote makes the rest of a file one field,
//! and only a parser whose output buffers we own can stop that field at a size limit, report
//! it, and go on with the next record instead of holding 85 MB in memory.

use std::io::{self, BufRead};

use csv_core::{ReadRecordResult, ReaderBuilder};

/// How the records of a file are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The field separator.
    pub delimiter: u8,
    /// Whether fields may be quoted (`"…"`, with `""` inside), and so span several lines.
    pub quoting: bool,
    /// Whether a line break inside a field is written `\n` (the partner exports).
    pub escaped_newlines: bool,
}

impl Dialect {
    /// `;`-separated, quoted fields over several lines (the CSP file, the TalentSoft export).
    pub const SEMICOLON: Self = Self {
        delimiter: b';',
        quoting: true,
        escaped_newlines: false,
    };
    /// `|`-separated, no quoting, line breaks written `\n` (the PEP partner exports).
    pub const PIPE: Self = Self {
        delimiter: b'|',
        quoting: false,
        escaped_newlines: true,
    };
}

/// A record of the file, its fields still bytes (decoded one by one, so that a bad byte
/// rejects its row, not the file).
#[derive(Debug, Default)]
pub struct Record {
    /// The line where the record starts (1 for the first line of the file).
    pub line: u64,
    /// The fields' bytes, one after the other, in `bytes[..used]`; the rest is room to write
    /// (kept initialised, so that reading a record costs no clearing).
    bytes: Vec<u8>,
    used: usize,
    /// Where each field ends in `bytes`, in `ends[..fields]`.
    ends: Vec<usize>,
    fields: usize,
}

impl Record {
    /// How many fields the record has.
    pub fn len(&self) -> usize {
        self.fields
    }

    /// Whether the record has no field at all.
    pub fn is_empty(&self) -> bool {
        self.fields == 0
    }

    /// The `i`-th field's bytes (empty past the last field).
    pub fn bytes(&self, i: usize) -> &[u8] {
        if i >= self.fields {
            return &[];
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    fn clear(&mut self) {
        self.used = 0;
        self.fields = 0;
    }

    /// Room for more bytes and field ends, doubling what is full.
    fn make_room(&mut self) {
        if self.used == self.bytes.len() {
            self.bytes.resize((self.bytes.len() * 2).max(1024), 0);
        }
        if self.fields == self.ends.len() {
            self.ends.resize((self.ends.len() * 2).max(32), 0);
        }
    }
}

/// A record that could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RecordError {
    /// Longer than the limit: a runaway quoted field, most often.
    #[error(
        "lignes {first} à {last} : enregistrement de plus de {limit} octets, ignoré \
         (guillemet non fermé ?)"
    )]
    TooLong {
        /// Where the record starts.
        first: u64,
        /// Where it ends.
        last: u64,
        /// The limit, in bytes.
        limit: usize,
    },
}

/// Reads the records of `input` one at a time.
#[derive(Debug)]
pub struct Records<R> {
    input: R,
    parser: csv_core::Reader,
    dialect: Dialect,
    limit: usize,
    /// The line of the next byte of `input`.
    line: u64,
    /// The record being read; `None` once the input is exhausted.
    done: bool,
    /// Whether the parser has been given input yet.
    fed: bool,
    /// The start of a byte-order mark taken from the input that the next bytes did not
    /// complete: text of the file, parsed before the rest.
    pending: &'static [u8],
}

/// The UTF-8 byte-order mark, which some exports start with.
const BOM: &[u8] = b"\xef\xbb\xbf";

impl<R: BufRead> Records<R> {
    /// A reader of `input` in `dialect` that refuses records over `limit` bytes.
    pub fn new(input: R, dialect: Dialect, limit: usize) -> Self {
        let parser = ReaderBuilder::new()
            .delimiter(dialect.delimiter)
            .quoting(dialect.quoting)
            .build();
        Self {
            input,
            parser,
            dialect,
            limit,
            line: 1,
            done: false,
            fed: false,
            pending: &[],
        }
    }

    /// The line reached so far (for progress and error messages).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next record into `record`: `Ok(false)` at the end of the input.
    pub fn read(&mut self, record: &mut Record) -> io::Result<Result<bool, RecordError>> {
        record.clear();
        if self.done {
            return Ok(Ok(false));
        }
        if !self.fed {
            self.skip_bom()?;
        }
        let mut first = None;
        let mut too_long = false;
        // Where the bytes of a record too long to keep go, overwritten again and again.
        let mut scratch = [0u8; 4096];
        let mut scratch_ends = [0usize; 64];
        loop {
            let from_pending = !self.pending.is_empty();
            let input = if from_pending {
                self.pending
            } else {
                self.input.fill_buf()?
            };
            let at_end = input.is_empty();
            // csv-core drops a byte-order mark itself, but only one whole in the first piece it
            // is given: never let it, so that the file reads the same however it is cut.
            let input = if self.fed {
                input
            } else {
                &input[..input.len().min(BOM.len() - 1)]
            };
            if first.is_none() {
                // Blank lines between records are skipped by the parser: the record starts
                // on the first line that holds something.
                let blank = input
                    .iter()
                    .take_while(|b| matches!(b, b'\n' | b'\r'))
                    .count();
                if blank < input.len() {
                    first = Some(self.line + newlines(&input[..blank]));
                }
            }
            let (result, read) = if too_long {
                let (result, read, _, _) =
                    self.parser
                        .read_record(input, &mut scratch, &mut scratch_ends);
                (result, read)
            } else {
                record.make_room();
                let (result, read, written, ended) = self.parser.read_record(
                    input,
                    &mut record.bytes[record.used..],
                    &mut record.ends[record.fields..],
                );
                // The parser gives field ends from the start of the record, across calls.
                record.used += written;
                record.fields += ended;
                if record.used > self.limit {
                    too_long = true;
                    record.clear();
                }
                (result, read)
            };
            self.fed = true;
            self.line += newlines(&input[..read]);
            if from_pending {
                self.pending = &self.pending[read..];
            } else {
                self.input.consume(read);
            }
            match result {
                ReadRecordResult::InputEmpty if at_end => {}
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => continue,
                ReadRecordResult::Record => {
                    let first = first.unwrap_or(self.line);
                    if too_long {
                        return Ok(Err(RecordError::TooLong {
                            first,
                            // The parser stops after the terminator of the record.
                            last: self.line.saturating_sub(1).max(first),
                            limit: self.limit,
                        }));
                    }
                    record.line = first;
                    if self.dialect.escaped_newlines {
                        unescape_newlines(record);
                    }
                    return Ok(Ok(true));
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(Ok(false));
                }
            }
        }
    }

    /// Drops a byte-order mark at the start of the input, even one cut between two reads of
    /// the input (which csv-core would leave in the first field).
    fn skip_bom(&mut self) -> io::Result<()> {
        let mut matched = 0;
        while matched < BOM.len() {
            let input = self.input.fill_buf()?;
            if input.first() != Some(&BOM[matched]) {
                break;
            }
            self.input.consume(1);
            matched += 1;
        }
        if matched < BOM.len() {
            self.pending = &BOM[..matched];
        }
        Ok(())
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Turns the two characters `\n` back into line breaks, field by field, in place (the text
/// only gets shorter).
fn unescape_newlines(record: &mut Record) {
    let mut write = 0;
    let mut start = 0;
    for i in 0..record.fields {
        let end = record.ends[i];
        let mut read = start;
        while read < end {
            if record.bytes[read] == b'\\' && read + 1 < end && record.bytes[read + 1] == b'n' {
                record.bytes[write] = b'\n';
                read += 2;
            } else {
                record.bytes[write] = record.bytes[read];
                read += 1;
            }
            write += 1;
        }
        record.ends[i] = write;
        start = end;
    }
    record.used = write;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(
        text: &str,
        dialect: Dialect,
        limit: usize,
    ) -> Vec<Result<(u64, Vec<String>), RecordError>> {
        let mut records = Records::new(text.as_bytes(), dialect, limit);
        let mut record = Record::default();
        let mut all = Vec::new();
        loop {
            match records.read(&mut record).expect("in memory") {
                Ok(true) => all.push(Ok((
                    record.line,
                    (0..record.len())
                        .map(|i| String::from_utf8_lossy(record.bytes(i)).into_owned())
                        .collect(),
                ))),
                Ok(false) => return all,
                Err(error) => all.push(Err(error)),
            }
        }
    }

    fn row(line: u64, fields: &[&str]) -> Result<(u64, Vec<String>), RecordError> {
        Ok((line, fields.iter().map(|f| (*f).to_owned()).collect()))
    }

    #[test]
    fn quoted_fields_span_lines_and_records_know_their_first_line() {
        let text = "a;b\n1;\"deux\nlignes\"\n\n3;\"dit \"\"oui\"\"\"\r\n4;x";
        assert_eq!(
            read_all(text, Dialect::SEMICOLON, 1_000),
            vec![
                row(1, &["a", "b"]),
                row(2, &["1", "deux\nlignes"]),
                row(5, &["3", "dit \"oui\""]),
                row(6, &["4", "x"]),
            ]
        );
    }

    #[test]
    fn pipe_exports_unescape_line_breaks_and_keep_quotes() {
        let text = "ref|texte\n12|\"Bonjour\\nà vous\n13|a\\\\b\n";
        assert_eq!(
            read_all(text, Dialect::PIPE, 1_000),
            vec![
                row(1, &["ref", "texte"]),
                row(2, &["12", "\"Bonjour\nà vous"]),
                row(3, &["13", "a\\\\b"]),
            ]
        );
    }

    #[test]
    fn a_runaway_quote_is_cut_at_the_limit_and_reading_goes_on() {
        let long = "x".repeat(5_000);
        let text = format!("1;ok\n2;\"{long}\nsuite\"\n3;après\n");
        let records = read_all(&text, Dialect::SEMICOLON, 1_000);
        assert_eq!(
            records,
            vec![
                row(1, &["1", "ok"]),
                Err(RecordError::TooLong {
                    first: 2,
                    last: 3,
                    limit: 1_000
                }),
                row(4, &["3", "après"]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_one_long_record_not_the_whole_file_in_memory() {
        let text = format!("1;ok\n2;\"{}", "ligne\n".repeat(10_000));
        let records = read_all(&text, Dialect::SEMICOLON, 4_096);
        assert_eq!(records.len(), 2);
        assert!(matches!(
            records[1],
            Err(RecordError::TooLong { first: 2, .. })
        ));
    }

    proptest::proptest! {
        /// What the `csv` crate writes (quoting what needs it) reads back field for field, and
        /// each record starts on the line the writer put it on.
        #[test]
        fn records_written_by_a_csv_writer_read_back(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-zé;\"\n\r ]{0,12}", 1..5),
                1..20,
            ),
        ) {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(b';')
                .flexible(true)
                .from_writer(Vec::new());
            let mut expected = Vec::new();
            let mut line = 1;
            for row in &rows {
                writer.write_record(row).expect("in memory");
                expected.push(Ok((line, row.clone())));
                line += row.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>() + 1;
            }
            let text = String::from_utf8(writer.into_inner().expect("flushed")).expect("UTF-8");
            proptest::prop_assert_eq!(read_all(&text, Dialect::SEMICOLON, 1 << 16), expected);
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped_however_the_input_is_cut() {
        let read = |bytes: &[u8], capacity: usize| {
            let mut records = Records::new(
                io::BufReader::with_capacity(capacity, bytes),
                Dialect::SEMICOLON,
                100,
            );
            let mut record = Record::default();
            let mut all = Vec::new();
            while records.read(&mut record).expect("in memory") == Ok(true) {
                all.push((
                    record.line,
                    (0..record.len())
                        .map(|i| record.bytes(i).to_vec())
                        .collect::<Vec<_>>(),
                ));
            }
            all
        };
        let field = |bytes: &[u8]| bytes.to_vec();
        for (input, expected) in [
            (
                &b"\xef\xbb\xbf\"a\";b\n1;2"[..],
                vec![
                    (1, vec![field(b"a"), field(b"b")]),
                    (2, vec![field(b"1"), field(b"2")]),
                ],
            ),
            (b"\xef\xbb\xbf\n\nx", vec![(3, vec![field(b"x")])]),
            // Only the first mark is dropped; the start of one is text.
            (
                b"\xef\xbb\xbf\xef\xbb\xbfa",
                vec![(1, vec![field(b"\xef\xbb\xbfa")])],
            ),
            (
                b"\xef\xbbx;y",
                vec![(1, vec![field(b"\xef\xbbx"), field(b"y")])],
            ),
            (b"\xef", vec![(1, vec![field(b"\xef")])]),
            (b"", vec![]),
        ] {
            for capacity in [1, 2, 3, 4, 8_192] {
                assert_eq!(read(input, capacity), expected, "{input:?} by {capacity}");
            }
        }
    }

    #[test]
    fn bytes_are_kept_as_they_are_for_the_caller_to_decode() {
        let mut records = Records::new(&b"caf\xe9;ok\n"[..], Dialect::SEMICOLON, 100);
        let mut record = Record::default();
        assert_eq!(records.read(&mut record).expect("in memory"), Ok(true));
        assert_eq!(record.bytes(0), b"caf\xe9");
        assert_eq!(record.bytes(1), b"ok");
        assert_eq!(record.bytes(7), b"");
    }
}
