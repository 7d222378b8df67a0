//! PDF objects read from bytes (ISO 32000-1, §7.2–7.3), with every cost bounded.
//!
//! The reader only needs the document's structure (cross-reference data, catalog, page tree), so
//! strings are checked but not kept, and a stream keeps only where its data lies. Every byte the
//! parser goes through is charged to a [`Budget`], so that objects a hostile file makes overlap
//! (cross-reference offsets pointing into one another) cannot make it read the file over and
//! over; every value kept is counted too, so a huge array cannot fill the memory.

use std::ops::Range;

/// Why a document could not be read: the two cases the user is told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Malformed or unsupported: the file is not a readable PDF.
    Malformed,
    /// A limit was reached: the file asks for much more work than a CV can need.
    TooCostly,
}

pub(crate) type Parsed<T> = Result<T, Failure>;

/// What reading one document may cost at most.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Bytes the parser may go through, overlaps counted each time.
    pub(crate) scan: usize,
    /// Values (numbers, names, array items, dictionary entries…) the parser may build.
    pub(crate) values: usize,
    /// Bytes that inflating streams may produce.
    pub(crate) decoded: usize,
}

impl Budget {
    pub(crate) fn charge_scan(&mut self, bytes: usize) -> Parsed<()> {
        self.scan = self.scan.checked_sub(bytes).ok_or(Failure::TooCostly)?;
        Ok(())
    }

    fn charge_value(&mut self) -> Parsed<()> {
        self.values = self.values.checked_sub(1).ok_or(Failure::TooCostly)?;
        Ok(())
    }
}

/// A PDF object, as much of it as the structure needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real,
    /// A name, its `#xx` escapes decoded.
    Name(Vec<u8>),
    /// A string: its content is never needed.
    String,
    Array(Vec<Object>),
    Dict(Dict),
    Ref(ObjectId),
    /// A stream: its dictionary and where its raw data lies in the buffer it was read from.
    Stream(Dict, Range<usize>),
}

/// An indirect object's number and generation.
pub(crate) type ObjectId = (u32, u16);

/// A dictionary, in the order its entries were written (they are few).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Dict(Vec<(Vec<u8>, Object)>);

impl Dict {
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn int(&self, key: &[u8]) -> Option<i64> {
        match self.get(key) {
            Some(Object::Int(value)) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn name_is(&self, key: &[u8], name: &[u8]) -> bool {
        matches!(self.get(key), Some(Object::Name(value)) if value == name)
    }

    pub(crate) fn reference(&self, key: &[u8]) -> Option<ObjectId> {
        match self.get(key) {
            Some(Object::Ref(id)) => Some(*id),
            _ => None,
        }
    }
}

/// Nesting of arrays and dictionaries allowed in one object (real files stay under ten).
const MAX_DEPTH: usize = 32;
/// The longest name the specification allows.
const MAX_NAME: usize = 127;

pub(crate) fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(byte: u8) -> bool {
    !is_whitespace(byte) && !is_delimiter(byte)
}

/// A cursor over a buffer that charges every byte it moves over to the budget.
#[derive(Debug)]
pub(crate) struct Cursor<'a, 'b> {
    pub(crate) buf: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) budget: &'b mut Budget,
}

impl<'a, 'b> Cursor<'a, 'b> {
    pub(crate) fn new(buf: &'a [u8], pos: usize, budget: &'b mut Budget) -> Self {
        Cursor { buf, pos, budget }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.buf.get(self.pos.checked_add(ahead)?).copied()
    }

    fn advance(&mut self, bytes: usize) -> Parsed<()> {
        self.budget.charge_scan(bytes)?;
        self.pos = self.pos.saturating_add(bytes).min(self.buf.len());
        Ok(())
    }

    /// Skips white space and comments.
    pub(crate) fn skip_space(&mut self) -> Parsed<()> {
        while let Some(byte) = self.peek() {
            if is_whitespace(byte) {
                self.advance(1)?;
            } else if byte == b'%' {
                while let Some(byte) = self.peek() {
                    if byte == b'\n' || byte == b'\r' {
                        break;
                    }
                    self.advance(1)?;
                }
            } else {
                break;
            }
        }
        Ok(())
    }

    /// Reads a keyword or a number: a run of regular characters.
    fn word(&mut self) -> Parsed<&'a [u8]> {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.advance(1)?;
        }
        Ok(self.buf.get(start..self.pos).unwrap_or_default())
    }

    /// Consumes `keyword` (after white space) if it comes next, as a whole word.
    pub(crate) fn eat_keyword(&mut self, keyword: &[u8]) -> Parsed<bool> {
        self.skip_space()?;
        let end = self.pos.saturating_add(keyword.len());
        let matches = self.buf.get(self.pos..end) == Some(keyword)
            && !self.buf.get(end).copied().is_some_and(is_regular);
        if matches {
            self.advance(keyword.len())?;
        }
        Ok(matches)
    }

    /// Reads a non-negative integer (an object number, an offset…).
    pub(crate) fn unsigned(&mut self) -> Parsed<u64> {
        self.skip_space()?;
        let word = self.word()?;
        parse_unsigned(word).ok_or(Failure::Malformed)
    }

    /// Reads `N G obj` and returns the object's id.
    pub(crate) fn object_header(&mut self) -> Parsed<ObjectId> {
        let number = u32::try_from(self.unsigned()?).map_err(|_| Failure::Malformed)?;
        let generation = u16::try_from(self.unsigned()?).map_err(|_| Failure::Malformed)?;
        if !self.eat_keyword(b"obj")? {
            return Err(Failure::Malformed);
        }
        Ok((number, generation))
    }

    /// Reads `N G obj`, the object, and its stream data if it is a stream.
    pub(crate) fn indirect_object(&mut self) -> Parsed<(ObjectId, Object)> {
        let id = self.object_header()?;
        let object = self.object(0)?;
        let Object::Dict(dict) = object else {
            return Ok((id, object));
        };
        if !self.eat_keyword(b"stream")? {
            return Ok((id, Object::Dict(dict)));
        }
        // The keyword is followed by CR LF or LF (a lone CR is tolerated, as readers do).
        match (self.peek(), self.peek_at(1)) {
            (Some(b'\r'), Some(b'\n')) => self.advance(2)?,
            (Some(b'\n' | b'\r'), _) => self.advance(1)?,
            _ => return Err(Failure::Malformed),
        }
        let start = self.pos;
        let declared = dict
            .int(b"Length")
            .and_then(|length| usize::try_from(length).ok())
            .and_then(|length| start.checked_add(length))
            .filter(|&end| end <= self.buf.len() && self.endstream_follows(end));
        let end = match declared {
            Some(end) => end,
            // An indirect or wrong /Length: the data ends before `endstream`.
            None => self.find_endstream(start)?,
        };
        self.advance(end.saturating_sub(start))?;
        Ok((id, Object::Stream(dict, start..end)))
    }

    fn endstream_follows(&self, end: usize) -> bool {
        let rest = self.buf.get(end..).unwrap_or_default();
        let skipped = rest.iter().take_while(|&&b| is_whitespace(b)).count();
        rest.get(skipped..)
            .is_some_and(|r| r.starts_with(b"endstream"))
    }

    fn find_endstream(&mut self, start: usize) -> Parsed<usize> {
        let rest = self.buf.get(start..).unwrap_or_default();
        let found = find(rest, b"endstream").ok_or(Failure::Malformed)?;
        self.budget.charge_scan(found)?;
        let mut end = start.saturating_add(found);
        // The end-of-line before `endstream` is not part of the data.
        if end > start && self.buf.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && self.buf.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Ok(end)
    }

    /// Reads one direct object (a reference `N G R` counts as one).
    pub(crate) fn object(&mut self, depth: usize) -> Parsed<Object> {
        if depth > MAX_DEPTH {
            return Err(Failure::TooCostly);
        }
        self.budget.charge_value()?;
        self.skip_space()?;
        let byte = self.peek().ok_or(Failure::Malformed)?;
        match byte {
            b'/' => self.name().map(Object::Name),
            b'(' => self.literal_string().map(|()| Object::String),
            b'<' if self.peek_at(1) == Some(b'<') => self.dict(depth).map(Object::Dict),
            b'<' => self.hex_string().map(|()| Object::String),
            b'[' => self.array(depth).map(Object::Array),
            _ if is_regular(byte) => self.number_or_keyword(),
            _ => Err(Failure::Malformed),
        }
    }

    fn number_or_keyword(&mut self) -> Parsed<Object> {
        let word = self.word()?;
        match word {
            b"true" => return Ok(Object::Bool(true)),
            b"false" => return Ok(Object::Bool(false)),
            b"null" => return Ok(Object::Null),
            _ => {}
        }
        if let Some(number) = parse_unsigned(word) {
            // Maybe `N G R`: look ahead without losing the number if it is not.
            let saved = self.pos;
            if let Some(id) = self.reference_tail(number)? {
                return Ok(Object::Ref(id));
            }
            self.pos = saved;
            return i64::try_from(number)
                .map(Object::Int)
                .map_err(|_| Failure::Malformed);
        }
        let (sign, digits) = match word.split_first() {
            Some((b'-', rest)) => (-1, rest),
            Some((b'+', rest)) => (1, rest),
            _ => (1, word),
        };
        if let Some(number) = parse_unsigned(digits).and_then(|n| i64::try_from(n).ok()) {
            return Ok(Object::Int(sign * number));
        }
        if is_real(digits) {
            return Ok(Object::Real);
        }
        Err(Failure::Malformed)
    }

    fn reference_tail(&mut self, number: u64) -> Parsed<Option<ObjectId>> {
        self.skip_space()?;
        let Some(generation) = parse_unsigned(self.word()?) else {
            return Ok(None);
        };
        if !self.eat_keyword(b"R")? {
            return Ok(None);
        }
        match (u32::try_from(number), u16::try_from(generation)) {
            (Ok(number), Ok(generation)) => Ok(Some((number, generation))),
            _ => Err(Failure::Malformed),
        }
    }

    fn name(&mut self) -> Parsed<Vec<u8>> {
        self.advance(1)?;
        let mut name = Vec::new();
        while let Some(byte) = self.peek().filter(|&b| is_regular(b)) {
            if byte == b'#' {
                let high = self.peek_at(1).and_then(hex_value);
                let low = self.peek_at(2).and_then(hex_value);
                let (Some(high), Some(low)) = (high, low) else {
                    return Err(Failure::Malformed);
                };
                name.push(high << 4 | low);
                self.advance(3)?;
            } else {
                name.push(byte);
                self.advance(1)?;
            }
            if name.len() > MAX_NAME {
                return Err(Failure::Malformed);
            }
        }
        Ok(name)
    }

    fn literal_string(&mut self) -> Parsed<()> {
        self.advance(1)?;
        let mut open = 1usize;
        loop {
            let byte = self.peek().ok_or(Failure::Malformed)?;
            self.advance(1)?;
            match byte {
                b'\\' => self.advance(1)?,
                b'(' => open = open.saturating_add(1),
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
    }

    fn hex_string(&mut self) -> Parsed<()> {
        self.advance(1)?;
        loop {
            let byte = self.peek().ok_or(Failure::Malformed)?;
            self.advance(1)?;
            match byte {
                b'>' => return Ok(()),
                _ if byte.is_ascii_hexdigit() || is_whitespace(byte) => {}
                _ => return Err(Failure::Malformed),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Parsed<Vec<Object>> {
        self.advance(1)?;
        let mut items = Vec::new();
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b']') => {
                    self.advance(1)?;
                    return Ok(items);
                }
                Some(_) => items.push(self.object(depth + 1)?),
                None => return Err(Failure::Malformed),
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Parsed<Dict> {
        self.advance(2)?;
        let mut entries = Vec::new();
        loop {
            self.skip_space()?;
            match (self.peek(), self.peek_at(1)) {
                (Some(b'>'), Some(b'>')) => {
                    self.advance(2)?;
                    return Ok(Dict(entries));
                }
                (Some(b'/'), _) => {
                    self.budget.charge_value()?;
                    let key = self.name()?;
                    let value = self.object(depth + 1)?;
                    entries.push((key, value));
                }
                _ => return Err(Failure::Malformed),
            }
        }
    }
}

/// Parses a run of ASCII digits that fits in a `u64`.
pub(crate) fn parse_unsigned(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 19 || !word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    word.iter().try_fold(0u64, |n, &d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

fn is_real(word: &[u8]) -> bool {
    let dots = word.iter().filter(|&&b| b == b'.').count();
    dots == 1 && word.len() > 1 && word.iter().all(|&b| b == b'.' || b.is_ascii_digit())
}

fn hex_value(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|v| u8::try_from(v).ok())
}

/// The first position of `needle` in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The last position of `needle` in `haystack`.
pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Budget {
        Budget {
            scan: 1 << 20,
            values: 1 << 16,
            decoded: 1 << 20,
        }
    }

    fn parse(text: &[u8]) -> Parsed<Object> {
        let mut budget = budget();
        Cursor::new(text, 0, &mut budget).object(0)
    }

    #[test]
    fn reads_the_values_the_structure_needs() {
        let Ok(Object::Dict(dict)) =
            parse(b"<< /Type /Pa#67es /Kids [3 0 R 4 0 R] /Count 2 /T (a(b)\\)) /H <0aF> >>")
        else {
            panic!("not a dictionary");
        };
        assert!(dict.name_is(b"Type", b"Pages"));
        assert_eq!(dict.int(b"Count"), Some(2));
        assert_eq!(
            dict.get(b"Kids"),
            Some(&Object::Array(vec![
                Object::Ref((3, 0)),
                Object::Ref((4, 0))
            ]))
        );
        assert_eq!(dict.get(b"T"), Some(&Object::String));
        assert_eq!(
            parse(b"[1 2 -3 +4 .5 null true]").map(|o| match o {
                Object::Array(items) => items.len(),
                _ => 0,
            }),
            Ok(7)
        );
    }

    #[test]
    fn refuses_what_is_not_an_object() {
        assert_eq!(parse(b"(unclosed"), Err(Failure::Malformed));
        assert_eq!(parse(b"<< /A 1"), Err(Failure::Malformed));
        assert_eq!(parse(b"<zz>"), Err(Failure::Malformed));
        assert_eq!(parse(b")"), Err(Failure::Malformed));
        assert_eq!(parse(b"1.2.3"), Err(Failure::Malformed));
    }

    #[test]
    fn deep_nesting_and_long_scans_are_limits_not_crashes() {
        assert_eq!(parse(&[b'['; 100]), Err(Failure::TooCostly));
        let mut budget = Budget {
            scan: 10,
            values: 100,
            decoded: 0,
        };
        let text = b"(a long string that costs more than ten bytes)";
        assert_eq!(
            Cursor::new(text, 0, &mut budget).object(0),
            Err(Failure::TooCostly)
        );
    }
}
