//! Where each object lies: the cross-reference data (tables and streams, with their chain of
//! incremental updates), or, when it is damaged, a table rebuilt by looking for the objects
//! themselves (as PDF readers do).

use std::collections::{HashMap, HashSet};

use super::decode::decode;
use super::syntax::{
    Budget, Cursor, Dict, Failure, Object, ObjectId, Parsed, find, is_whitespace, parse_unsigned,
    rfind,
};

/// Where an object lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Deleted by an update: older sections' entries for it no longer count.
    Free,
    /// At this offset in the file.
    Offset(usize),
    /// The `index`-th object of object stream `stream`.
    Compressed { stream: u32, index: usize },
}

/// The document's cross-reference data, merged over its updates (the newest entry wins).
#[derive(Debug, Default)]
pub(crate) struct Xref {
    pub(crate) entries: HashMap<u32, Entry>,
    /// The catalog, from the newest trailer that names one.
    pub(crate) root: Option<ObjectId>,
    /// Whether any trailer names an encryption dictionary.
    pub(crate) encrypted: bool,
}

/// A CV has a few hundred objects, a thousand-page report some tens of thousands; more is a
/// file built to fill the memory (each entry takes some 40 bytes).
const MAX_ENTRIES: usize = 200_000;
/// Incremental updates followed at most (a CV has a handful).
const MAX_SECTIONS: usize = 64;

impl Xref {
    fn insert(&mut self, number: u32, entry: Entry) -> Parsed<()> {
        if self.entries.len() >= MAX_ENTRIES {
            return Err(Failure::TooCostly);
        }
        self.entries.entry(number).or_insert(entry);
        Ok(())
    }

    fn read_trailer(&mut self, trailer: &Dict) {
        if self.root.is_none() {
            self.root = trailer.reference(b"Root");
        }
        self.encrypted |= trailer.get(b"Encrypt").is_some();
    }
}

/// Reads the cross-reference data from `startxref` on, following `/Prev` and `/XRefStm`.
pub(crate) fn read(buf: &[u8], budget: &mut Budget) -> Parsed<Xref> {
    let keyword = rfind(buf, b"startxref").ok_or(Failure::Malformed)?;
    let mut cursor = Cursor::new(buf, keyword + b"startxref".len(), budget);
    let start = usize::try_from(cursor.unsigned()?).map_err(|_| Failure::Malformed)?;

    let mut xref = Xref::default();
    let mut pending = vec![start];
    let mut seen = HashSet::new();
    while let Some(offset) = pending.pop() {
        if !seen.insert(offset) {
            continue;
        }
        if seen.len() > MAX_SECTIONS {
            return Err(Failure::TooCostly);
        }
        let trailer = read_section(buf, offset, &mut xref, budget)?;
        xref.read_trailer(&trailer);
        // Read after this section, before the older ones: the hybrid files' stream.
        for key in [b"Prev".as_slice(), b"XRefStm"] {
            if let Some(next) = trailer.int(key) {
                pending.push(usize::try_from(next).map_err(|_| Failure::Malformed)?);
            }
        }
    }
    Ok(xref)
}

/// Reads one section (a table and its trailer, or a stream) and returns its trailer.
fn read_section(buf: &[u8], offset: usize, xref: &mut Xref, budget: &mut Budget) -> Parsed<Dict> {
    if offset >= buf.len() {
        return Err(Failure::Malformed);
    }
    let mut cursor = Cursor::new(buf, offset, budget);
    if cursor.eat_keyword(b"xref")? {
        return read_table(&mut cursor, xref);
    }
    let (_, object) = cursor.indirect_object()?;
    let Object::Stream(dict, data) = object else {
        return Err(Failure::Malformed);
    };
    let raw = buf.get(data).ok_or(Failure::Malformed)?;
    read_stream(&dict, raw, xref, budget)?;
    Ok(dict)
}

fn read_table(cursor: &mut Cursor<'_, '_>, xref: &mut Xref) -> Parsed<Dict> {
    loop {
        if cursor.eat_keyword(b"trailer")? {
            return match cursor.object(0)? {
                Object::Dict(trailer) => Ok(trailer),
                _ => Err(Failure::Malformed),
            };
        }
        let first = cursor.unsigned()?;
        let count = cursor.unsigned()?;
        for i in 0..count {
            let offset = cursor.unsigned()?;
            let _generation = cursor.unsigned()?;
            let in_use = if cursor.eat_keyword(b"n")? {
                true
            } else if cursor.eat_keyword(b"f")? {
                false
            } else {
                return Err(Failure::Malformed);
            };
            let number = first
                .checked_add(i)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(Failure::Malformed)?;
            let entry = match usize::try_from(offset) {
                Ok(offset) if in_use => Entry::Offset(offset),
                _ => Entry::Free,
            };
            xref.insert(number, entry)?;
        }
    }
}

fn read_stream(dict: &Dict, raw: &[u8], xref: &mut Xref, budget: &mut Budget) -> Parsed<()> {
    let widths = match dict.get(b"W") {
        Some(Object::Array(widths)) => widths
            .iter()
            .map(|w| match w {
                Object::Int(w @ 0..=8) => usize::try_from(*w).map_err(|_| Failure::Malformed),
                _ => Err(Failure::Malformed),
            })
            .collect::<Parsed<Vec<usize>>>()?,
        _ => return Err(Failure::Malformed),
    };
    let [w1, w2, w3] = widths[..] else {
        return Err(Failure::Malformed);
    };
    let width = w1 + w2 + w3;
    if width == 0 {
        return Err(Failure::Malformed);
    }
    let size = dict.int(b"Size").ok_or(Failure::Malformed)?;
    let index = match dict.get(b"Index") {
        Some(Object::Array(items)) => items
            .iter()
            .map(|item| match item {
                Object::Int(n) => u64::try_from(*n).map_err(|_| Failure::Malformed),
                _ => Err(Failure::Malformed),
            })
            .collect::<Parsed<Vec<u64>>>()?,
        _ => vec![0, u64::try_from(size).map_err(|_| Failure::Malformed)?],
    };
    let data = decode(dict, raw, budget)?;
    let mut rows = data.chunks_exact(width);
    for pair in index.chunks(2) {
        let [first, count] = *pair else {
            return Err(Failure::Malformed);
        };
        for i in 0..count {
            // Fewer rows than announced: the data ends the table.
            let Some(row) = rows.next() else {
                return Ok(());
            };
            let (kind, rest) = row.split_at(w1);
            let (field2, field3) = rest.split_at(w2);
            let kind = if w1 == 0 { 1 } else { be(kind) };
            let number = first
                .checked_add(i)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(Failure::Malformed)?;
            let entry = match kind {
                0 => Entry::Free,
                1 => Entry::Offset(usize::try_from(be(field2)).map_err(|_| Failure::Malformed)?),
                2 => Entry::Compressed {
                    stream: u32::try_from(be(field2)).map_err(|_| Failure::Malformed)?,
                    index: usize::try_from(be(field3)).map_err(|_| Failure::Malformed)?,
                },
                // Unknown types are to be ignored (ISO 32000-1, 7.5.8.3).
                _ => continue,
            };
            xref.insert(number, entry)?;
        }
    }
    Ok(())
}

/// A big-endian number of at most eight bytes.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, &b| (n << 8) | u64::from(b))
}

/// Rebuilds the table by finding every `N G obj` in the file: the last one of a number wins, as
/// the last update of an object comes last. The members of object streams are listed from
/// their streams' headers, and the catalog is taken from a trailer, else found by its type.
pub(crate) fn rebuild(buf: &[u8], budget: &mut Budget) -> Parsed<Xref> {
    let mut offsets: HashMap<u32, usize> = HashMap::new();
    let mut at = 0;
    while let Some(found) = buf.get(at..).and_then(|rest| find(rest, b"obj")) {
        let keyword = at + found;
        at = keyword + 3;
        if let Some((number, start)) = header_before(buf, keyword) {
            offsets.insert(number, start);
            if offsets.len() > MAX_ENTRIES {
                return Err(Failure::TooCostly);
            }
        }
    }
    budget.charge_scan(buf.len())?;

    let mut xref = Xref::default();
    if let Some(trailer) = rfind(buf, b"trailer")
        && let Ok(Object::Dict(dict)) =
            Cursor::new(buf, trailer + b"trailer".len(), budget).object(0)
    {
        xref.read_trailer(&dict);
    }
    let mut numbers: Vec<_> = offsets.iter().map(|(&n, &o)| (o, n)).collect();
    numbers.sort_unstable();
    for &(offset, number) in &numbers {
        xref.insert(number, Entry::Offset(offset))?;
    }
    for (offset, number) in numbers {
        let object = match Cursor::new(buf, offset, budget).indirect_object() {
            Ok((_, object)) => object,
            Err(Failure::TooCostly) => return Err(Failure::TooCostly),
            Err(Failure::Malformed) => continue,
        };
        let dict = match &object {
            Object::Dict(dict) | Object::Stream(dict, _) => dict,
            _ => continue,
        };
        if dict.name_is(b"Type", b"XRef") {
            xref.read_trailer(dict);
        }
        if xref.root.is_none() && dict.name_is(b"Type", b"Catalog") {
            xref.root = Some((number, 0));
        }
        if let Object::Stream(dict, data) = &object
            && dict.name_is(b"Type", b"ObjStm")
        {
            let raw = buf.get(data.clone()).ok_or(Failure::Malformed)?;
            let Ok(members) = super::document::ObjectStream::read(dict, raw, budget) else {
                continue;
            };
            for (index, member) in members.numbers().enumerate() {
                xref.insert(
                    member,
                    Entry::Compressed {
                        stream: number,
                        index,
                    },
                )?;
            }
        }
    }
    Ok(xref)
}

/// The object number and start of `N G obj` when `obj` at `keyword` ends such a header.
fn header_before(buf: &[u8], keyword: usize) -> Option<(u32, usize)> {
    let after = buf.get(keyword + 3).copied();
    if after.is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let digits_before = |end: usize| {
        let head = buf.get(..end)?;
        let count = head.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        (count > 0 && count <= 10).then(|| end - count)
    };
    let spaces_before = |end: usize| {
        let head = buf.get(..end)?;
        let count = head.iter().rev().take_while(|&&b| is_whitespace(b)).count();
        (count > 0).then(|| end - count)
    };
    let generation_start = digits_before(spaces_before(keyword)?)?;
    let number_end = spaces_before(generation_start)?;
    let number_start = digits_before(number_end)?;
    let before = number_start
        .checked_sub(1)
        .and_then(|i| buf.get(i))
        .copied();
    if before.is_some_and(|b| !is_whitespace(b)) {
        return None;
    }
    let number = parse_unsigned(buf.get(number_start..number_end)?)?;
    Some((u32::try_from(number).ok()?, number_start))
}
