//! The invariants of reading an export, checked on any input: the body of the `import` fuzz
//! target (`fuzz/fuzz_targets/import.rs`) and of the test replaying its corpus
//! (`tests/fuzz_corpus.rs`), so that both check exactly the same thing.
//!
//! Not part of the API: it panics on a broken invariant, which is what a fuzzer and a test
//! want.
//!
//! The mappers only see rows once a header has named their columns, which random bytes
//! almost never do: the first byte of an input shapes the rest ([`Input`]), so that the
//! fuzzer can put a real header before the rows it invents.

use std::borrow::Cow;
use std::io::{BufRead, BufReader};

use crate::columns::Column;
use crate::csp::CspColumn;
use crate::digital::DigitalRule;
use crate::html;
use crate::pep::{PartnerColumn, TalentSoftColumn};
use crate::read::{Dialect, Record, RecordError, Records};
use crate::source::{MAX_TITLE_CHARS, Rejection, SourceOffer};
use crate::sync::{Format, Rows};
use crate::values;

/// Every format, in the order of the header choice of [`Input`].
const FORMATS: [Format; 3] = [Format::Csp, Format::PepTalentSoft, Format::PepPartner];

/// Read buffer sizes for the second, chunked reading of a file: small, so that records, line
/// breaks and characters are cut between reads.
const CAPACITIES: [usize; 4] = [1, 2, 7, 64];

/// A fuzzer's input: a file, and how to read it.
///
/// The first byte is a selector, the rest the body of the file:
/// - bits 0–1: the header put before the body: none, CSP, TalentSoft or partner (its columns
///   in their [`Column::ALL`] order, separated as the format is, then a line break);
/// - bit 2: that header has only the required columns (rows are then easier to get right);
/// - bits 3–4: the read buffer of the chunked reading, one of [`CAPACITIES`];
/// - bits 5–7: the record limit of the direct [`Records`] check, `32 << n` bytes (32 to
///   4,096), so that the too-long path is taken.
///
/// The digits `0` to `7` thus select no header, CSP, TalentSoft and partner headers, then the
/// same with only the required columns, reading by 7 bytes with a 64-byte limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The format whose header was put before the body, if any.
    pub header: Option<Format>,
    /// The file: header and body.
    pub file: Vec<u8>,
    /// The read buffer of the chunked reading.
    pub capacity: usize,
    /// The record limit of the direct [`Records`] check.
    pub limit: usize,
}

impl Input {
    /// Shapes `data` as described on [`Input`].
    pub fn new(data: &[u8]) -> Self {
        let (selector, body) = data.split_first().map_or((0, data), |(&s, b)| (s, b));
        let header = match selector & 0b11 {
            0 => None,
            n => Some(FORMATS[usize::from(n) - 1]),
        };
        let mut file = header.map_or_else(Vec::new, |format| {
            header_line(format, selector & 0b100 != 0)
        });
        file.extend_from_slice(body);
        Self {
            header,
            file,
            capacity: CAPACITIES[usize::from((selector >> 3) & 0b11)],
            limit: 32 << (selector >> 5),
        }
    }
}

/// The header line of `format`: every column, or only the required ones.
pub fn header_line(format: Format, required_only: bool) -> Vec<u8> {
    fn names<C: Column>(required_only: bool) -> Vec<&'static str> {
        C::ALL
            .iter()
            .filter(|c| !required_only || c.required())
            .map(|c| c.header())
            .collect()
    }
    let (names, delimiter) = match format {
        Format::Csp => (names::<CspColumn>(required_only), ";"),
        Format::PepTalentSoft => (names::<TalentSoftColumn>(required_only), ";"),
        Format::PepPartner => (names::<PartnerColumn>(required_only), "|"),
    };
    let mut line = names.join(delimiter).into_bytes();
    line.push(b'\n');
    line
}

/// Reads `data`, shaped by [`Input`], as a file of each format, as records of each dialect,
/// and as HTML, panicking with a message naming the broken invariant when one does not hold.
pub fn check(data: &[u8]) {
    let input = Input::new(data);
    let lines = Lines::of(&input.file);
    check_html(&String::from_utf8_lossy(&input.file));
    for dialect in [Dialect::SEMICOLON, Dialect::PIPE] {
        let whole = records(&input.file[..], dialect, input.limit, &lines);
        let chunked = records(
            BufReader::with_capacity(input.capacity, &input.file[..]),
            dialect,
            input.limit,
            &lines,
        );
        assert_eq!(
            whole, chunked,
            "{dialect:?}: reading by pieces changed the records"
        );
    }
    let rule = rule();
    for format in FORMATS {
        let whole = rows(&input.file[..], format, &input, &lines, rule);
        let chunked = rows(
            BufReader::with_capacity(input.capacity, &input.file[..]),
            format,
            &input,
            &lines,
            rule,
        );
        assert_eq!(
            whole, chunked,
            "{format:?}: reading by pieces changed the rows"
        );
    }
}

fn rule() -> &'static DigitalRule {
    static RULE: std::sync::OnceLock<DigitalRule> = std::sync::OnceLock::new();
    RULE.get_or_init(DigitalRule::builtin)
}

/// What the line breaks of a file allow.
#[derive(Debug)]
struct Lines {
    /// Lines as the reader counts them: line feeds, plus one.
    total: u64,
    /// Breaks that can end a record: line feeds, and carriage returns not before one.
    breaks: u64,
    /// Whether some carriage return is not before a line feed: it ends a record without
    /// starting a line, so two records may share a line.
    lone_cr: bool,
}

impl Lines {
    fn of(file: &[u8]) -> Self {
        let feeds = file.iter().filter(|&&b| b == b'\n').count() as u64;
        let lone = file
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' && file.get(i + 1) != Some(&b'\n'))
            .count() as u64;
        Self {
            total: feeds + 1,
            breaks: feeds + lone,
            lone_cr: lone > 0,
        }
    }

    /// Checks the line where a record starts, after one that started on `previous`.
    fn check_next(&self, line: u64, previous: Option<u64>, what: &str) {
        assert!(
            (1..=self.total).contains(&line),
            "{what} on line {line} of {}",
            self.total
        );
        if let Some(previous) = previous {
            if self.lone_cr {
                assert!(
                    line >= previous,
                    "{what} on line {line}, after line {previous}"
                );
            } else {
                // Every record then ends with a line feed: the next starts on a later line.
                assert!(
                    line > previous,
                    "{what} on line {line}, after line {previous}"
                );
            }
        }
    }
}

/// A record as the check compares it: its line and fields, or why it was not read.
type ReadRecord = Result<(u64, Vec<Vec<u8>>), RecordError>;

/// Every record of `input` in `dialect`, checked: within the limit, on the lines the file
/// has, no more of them than breaks allow, and the end of the input final.
fn records(input: impl BufRead, dialect: Dialect, limit: usize, lines: &Lines) -> Vec<ReadRecord> {
    let mut records = Records::new(input, dialect, limit);
    let mut record = Record::default();
    let mut all: Vec<ReadRecord> = Vec::new();
    let mut previous = None;
    loop {
        let read = match records.read(&mut record) {
            Ok(read) => read,
            Err(error) => panic!("{dialect:?}: reading from memory failed: {error}"),
        };
        match read {
            Ok(true) => {
                lines.check_next(record.line, previous, "a record");
                previous = Some(record.line);
                let fields: Vec<Vec<u8>> = (0..record.len())
                    .map(|i| record.bytes(i).to_vec())
                    .collect();
                let size: usize = fields.iter().map(Vec::len).sum();
                assert!(
                    size <= limit,
                    "{dialect:?}: a record of {size} bytes kept, over {limit}"
                );
                if !dialect.quoting {
                    for field in &fields {
                        assert!(
                            !field.contains(&dialect.delimiter) && !field.contains(&b'\r'),
                            "{dialect:?}: a separator or carriage return in {field:?}"
                        );
                    }
                }
                if dialect.escaped_newlines {
                    for field in &fields {
                        assert!(
                            !field.windows(2).any(|w| w == b"\\n"),
                            "{dialect:?}: an escaped line break left in {field:?}"
                        );
                    }
                }
                for field in &fields {
                    if let Ok(text) = std::str::from_utf8(field) {
                        check_values(text);
                    }
                }
                all.push(Ok((record.line, fields)));
            }
            Ok(false) => break,
            Err(error) => {
                let RecordError::TooLong {
                    first,
                    last,
                    limit: reported,
                } = error;
                lines.check_next(first, previous, "a record too long");
                previous = Some(first);
                assert!(first <= last && last <= lines.total, "{error:?}");
                assert_eq!(reported, limit, "{error:?}");
                all.push(Err(error));
            }
        }
        assert!(
            all.len() as u64 <= lines.breaks + 1,
            "{dialect:?}: {} records from {} line breaks",
            all.len(),
            lines.breaks
        );
    }
    assert_eq!(record.len(), 0, "{dialect:?}: fields left after the end");
    assert!(
        matches!(records.read(&mut record), Ok(Ok(false))),
        "{dialect:?}: a record after the end"
    );
    assert_eq!(
        records.line(),
        lines.total,
        "{dialect:?}: the end is not the last line"
    );
    all
}

/// The values read from cells: dates read back from their French form, places rebuilt from
/// their name and code, and nothing panics.
fn check_values(text: &str) {
    match values::date(text) {
        Ok(date) => {
            assert!((0..=9999).contains(&date.year()), "{date} from {text:?}");
            let french = format!(
                "{:02}/{:02}/{:04}",
                date.day(),
                u8::from(date.month()),
                date.year()
            );
            assert_eq!(values::date(&french), Ok(date), "{text:?} read as {french}");
        }
        Err(message) => assert!(message.starts_with("date illisible"), "{message}"),
    }
    match values::end_date(text) {
        Ok(Some(date)) => {
            assert!(
                date.year() < values::NO_END_FROM_YEAR,
                "{date} from {text:?}"
            );
            assert_eq!(values::date(text), Ok(date), "{text:?}");
        }
        Ok(None) => assert!(
            text.trim().is_empty()
                || values::date(text).is_ok_and(|d| d.year() >= values::NO_END_FROM_YEAR),
            "no end read from {text:?}"
        ),
        Err(message) => assert!(message.starts_with("date illisible"), "{message}"),
    }
    if let Some((name, code)) = values::place_with_department(text) {
        let trimmed = text.trim();
        assert!(
            trimmed.starts_with(name) && trimmed.ends_with(')') && name.trim() == name,
            "{name:?} and {code} from {text:?}"
        );
        let rebuilt = format!("{name} ({code})");
        assert_eq!(
            values::place_with_department(&rebuilt),
            Some((name, code.clone())),
            "{rebuilt:?} rebuilt from {text:?}"
        );
    }
    let short = values::shorten(text);
    assert!(short.chars().count() <= 61, "{short:?}");
    if text.chars().count() <= 60 {
        assert_eq!(short, text);
    }
    let _ = values::yes(text);
    let _ = values::category(text);
    let _ = values::contract_type(text);
}

/// A row as the check compares it.
type Row = Result<SourceOffer, Rejection>;

/// Every row of `input` read as a file of `format`, checked; `Err` with the message when the
/// file cannot be read.
fn rows(
    input: impl BufRead,
    format: Format,
    shaped: &Input,
    lines: &Lines,
    rule: &DigitalRule,
) -> Result<Vec<Row>, String> {
    let mut rows = match Rows::open(input, format) {
        Ok(rows) => rows,
        Err(error) => {
            assert!(
                shaped.header != Some(format),
                "{format:?}: the format's own header refused: {error}"
            );
            assert!(
                !error.to_string().trim().is_empty(),
                "{format:?}: {error:?}"
            );
            return Err(error.to_string());
        }
    };
    if let Some(header) = shaped.header {
        let first_line = shaped
            .file
            .split(|&b| b == b'\n')
            .next()
            .unwrap_or_default();
        assert_eq!(
            Format::detect(first_line),
            Some(header),
            "the header is not recognised"
        );
    }
    let mut all = Vec::new();
    let mut previous = None;
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(error) => panic!("{format:?}: reading from memory failed: {error}"),
        };
        let line = match &row {
            Ok(offer) => {
                check_offer(offer);
                let _ = rule.matches(offer);
                offer.line
            }
            Err(rejection) => {
                check_rejection(rejection);
                rejection.line
            }
        };
        // The header is a record of its own, before the rows.
        lines.check_next(line, Some(previous.unwrap_or(1)), "a row");
        previous = Some(line);
        all.push(row);
        assert!(
            all.len() as u64 <= lines.breaks,
            "{format:?}: {} rows after the header from {} line breaks",
            all.len(),
            lines.breaks
        );
    }
    let progress = rows.progress();
    assert_eq!(progress.rows, all.len() as u64, "{format:?}: {progress:?}");
    assert_eq!(progress.line, lines.total, "{format:?}: {progress:?}");
    Ok(all)
}

/// Whether `text` holds something an HTML reader would take for a tag.
fn has_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// An offer as the rest of Vivier takes it: a reference, a title on one line, texts without
/// tags, no blank value.
fn check_offer(offer: &SourceOffer) {
    let SourceOffer {
        line: _,
        reference,
        title,
        organisations,
        open: _,
        job_label,
        ogr_code: _,
        category: _,
        contract_types,
        remote: _,
        full_time: _,
        experience,
        education,
        place,
        department: _,
        published_on,
        deadline,
        source_url,
        sections,
    } = offer;
    assert!(!reference.trim().is_empty(), "blank reference: {offer:?}");
    assert!(!title.trim().is_empty(), "blank title: {offer:?}");
    assert!(
        !title.contains(['\n', '\r']),
        "title on several lines: {title:?}"
    );
    assert!(
        title.chars().count() <= MAX_TITLE_CHARS,
        "title too long: {title:?}"
    );
    assert_eq!(
        title.trim_matches(|c: char| c.is_ascii_whitespace()),
        title,
        "title not trimmed"
    );
    assert!(!has_tag(title), "tag in the title {title:?}");
    for name in organisations {
        assert!(!name.trim().is_empty(), "blank organisation: {offer:?}");
    }
    for value in [job_label, experience, education, place, source_url]
        .into_iter()
        .flatten()
    {
        assert!(!value.trim().is_empty(), "blank value: {offer:?}");
    }
    assert!(!contract_types.is_empty(), "no contract type: {offer:?}");
    if let Some(url) = source_url {
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "not a web address: {url:?}"
        );
    }
    if let Some(date) = published_on {
        assert!((0..=9999).contains(&date.year()), "published on {date}");
    }
    if let Some(date) = deadline {
        assert!(date.year() < values::NO_END_FROM_YEAR, "deadline {date}");
    }
    for (_, _, text) in sections.filled() {
        assert!(!text.trim().is_empty(), "blank section: {offer:?}");
        assert!(!text.contains("<script"), "script in a section: {text:?}");
        assert!(!has_tag(text), "tag in a section: {text:?}");
    }
}

/// A rejection names a line and says why.
fn check_rejection(rejection: &Rejection) {
    assert!(
        !rejection.reason.trim().is_empty(),
        "no reason: {rejection:?}"
    );
    if let Some(reference) = &rejection.reference {
        assert!(
            !reference.trim().is_empty(),
            "blank reference: {rejection:?}"
        );
    }
}

/// [`html::to_text`] as documented: plain text as it is, HTML as normalised text without a
/// tag, and text without `&` final.
fn check_html(input: &str) {
    let text = html::to_text(input);
    match &text {
        Cow::Borrowed(borrowed) => {
            assert!(
                !html::has_markup(input),
                "markup returned as it is: {input:?}"
            );
            assert_eq!(*borrowed, input, "plain text changed");
        }
        Cow::Owned(owned) => {
            assert!(
                html::has_markup(input),
                "plain text read as HTML: {input:?}"
            );
            assert!(
                !owned.contains(['\t', '\r', '\u{c}', '\u{a0}']),
                "spaces left as they are in {owned:?}"
            );
            assert!(!owned.contains("  "), "a run of spaces in {owned:?}");
            assert!(
                !owned.contains("\n\n\n"),
                "more than one blank line in {owned:?}"
            );
            assert!(
                owned.lines().all(|line| line.trim_matches(' ') == line),
                "a line not trimmed in {owned:?}"
            );
            assert!(
                !owned.starts_with('\n') && !owned.ends_with('\n'),
                "text not trimmed: {owned:?}"
            );
        }
    }
    assert!(!text.contains("<script"), "a script in {text:?}");
    assert!(!has_tag(&text), "a tag in {text:?}");
    if !input.contains('&') {
        assert!(!html::has_markup(&text), "markup left in {text:?}");
        assert!(
            matches!(html::to_text(&text), Cow::Borrowed(_)),
            "{text:?} read again"
        );
    }
}
