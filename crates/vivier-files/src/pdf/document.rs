//! The document: objects found through the cross-reference data (in the file or in object
//! streams), the catalog and the page tree. Only the objects on the way from the trailer to the
//! pages are read, each at most once.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::decode::decode;
use super::syntax::{Budget, Cursor, Dict, Failure, Object, ObjectId, Parsed};
use super::xref::{self, Entry, Xref};

/// What reading a whole document may cost: far more than any CV needs, far less than a
/// hostile file would like.
fn budget() -> Budget {
    Budget {
        // About twelve passes over the largest file accepted.
        scan: 64 << 20,
        // Numbers, names, array items… alive at once stay a few tens of MB at most.
        values: 1_000_000,
        // Cross-reference and object streams inflate to a few hundred kB in a CV.
        decoded: 16 << 20,
    }
}

/// Page tree nodes visited at most.
const MAX_NODES: usize = 100_000;

/// What the structure says about a document that could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Not encrypted, with this many pages.
    Pages(u32),
    /// The document is encrypted (a password to open it, or restrictions on its use).
    Encrypted,
}

/// Reads the structure of the PDF in `buf` (which starts with its header).
pub(crate) fn read(buf: &[u8]) -> Parsed<Outcome> {
    let mut budget = budget();
    let first = match xref::read(buf, &mut budget) {
        Ok(xref) => count(buf, xref, &mut budget),
        Err(failure) => Err(failure),
    };
    match first {
        Ok(Outcome::Pages(0)) | Err(Failure::Malformed) => {
            // Damaged cross-reference data (offsets shifted by a transfer, a truncated
            // update…): read the objects where they are, as readers do.
            let xref = xref::rebuild(buf, &mut budget)?;
            count(buf, xref, &mut budget)
        }
        outcome => outcome,
    }
}

fn count(buf: &[u8], xref: Xref, budget: &mut Budget) -> Parsed<Outcome> {
    if xref.encrypted {
        return Ok(Outcome::Encrypted);
    }
    let root = xref.root.ok_or(Failure::Malformed)?;
    let mut document = Document {
        buf,
        xref,
        streams: HashMap::new(),
        budget,
    };
    let Object::Dict(catalog) = document.resolve(root)? else {
        return Err(Failure::Malformed);
    };
    let tree = catalog.get(b"Pages").cloned().ok_or(Failure::Malformed)?;
    document.count_pages(tree).map(Outcome::Pages)
}

struct Document<'a, 'b> {
    buf: &'a [u8],
    xref: Xref,
    /// Object streams already decoded (`None`: unreadable), by object number.
    streams: HashMap<u32, Option<Rc<ObjectStream>>>,
    budget: &'b mut Budget,
}

impl Document<'_, '_> {
    /// The object `id`; a missing or deleted one is `null`, as the specification says.
    fn resolve(&mut self, id: ObjectId) -> Parsed<Object> {
        match self.xref.entries.get(&id.0).copied() {
            None | Some(Entry::Free) => Ok(Object::Null),
            Some(Entry::Offset(offset)) => {
                let mut cursor = Cursor::new(self.buf, offset, self.budget);
                let (found, object) = cursor.indirect_object()?;
                if found.0 != id.0 {
                    return Err(Failure::Malformed);
                }
                Ok(object)
            }
            Some(Entry::Compressed { stream, index }) => {
                let stream = self.object_stream(stream)?;
                stream.object(index, id.0, self.budget)
            }
        }
    }

    fn object_stream(&mut self, number: u32) -> Parsed<Rc<ObjectStream>> {
        if let Some(known) = self.streams.get(&number) {
            return known.clone().ok_or(Failure::Malformed);
        }
        let read = match self.xref.entries.get(&number).copied() {
            // An object stream is never inside another one.
            Some(Entry::Offset(offset)) => {
                let mut cursor = Cursor::new(self.buf, offset, self.budget);
                match cursor.indirect_object() {
                    Ok((_, Object::Stream(dict, data))) => match self.buf.get(data) {
                        Some(raw) => ObjectStream::read(&dict, raw, self.budget),
                        None => Err(Failure::Malformed),
                    },
                    Ok(_) => Err(Failure::Malformed),
                    Err(failure) => Err(failure),
                }
            }
            _ => Err(Failure::Malformed),
        };
        match read {
            Ok(stream) => {
                let stream = Rc::new(stream);
                self.streams.insert(number, Some(Rc::clone(&stream)));
                Ok(stream)
            }
            Err(Failure::TooCostly) => Err(Failure::TooCostly),
            Err(Failure::Malformed) => {
                self.streams.insert(number, None);
                Err(Failure::Malformed)
            }
        }
    }

    /// Counts the leaves of the page tree, each node once.
    fn count_pages(&mut self, tree: Object) -> Parsed<u32> {
        let mut pages = 0u32;
        let mut stack = vec![tree];
        let mut seen: HashSet<ObjectId> = HashSet::new();
        let mut nodes = 0usize;
        while let Some(item) = stack.pop() {
            let node = match item {
                Object::Ref(id) => {
                    if !seen.insert(id) {
                        continue;
                    }
                    // A broken node costs its pages, not the document, as in readers.
                    match self.resolve(id) {
                        Ok(Object::Dict(dict)) => dict,
                        Ok(_) | Err(Failure::Malformed) => continue,
                        Err(Failure::TooCostly) => return Err(Failure::TooCostly),
                    }
                }
                Object::Dict(dict) => dict,
                _ => continue,
            };
            nodes += 1;
            if nodes > MAX_NODES {
                return Err(Failure::TooCostly);
            }
            if node.name_is(b"Type", b"Page") {
                pages = pages.saturating_add(1);
            } else if let Some(Object::Array(kids)) = node.get(b"Kids") {
                stack.extend(kids.iter().cloned());
            }
        }
        Ok(pages)
    }
}

/// A decoded object stream: its data and where each of its objects starts.
#[derive(Debug)]
pub(crate) struct ObjectStream {
    data: Vec<u8>,
    /// Object number and start in `data` of each member, in order.
    members: Vec<(u32, usize)>,
}

impl ObjectStream {
    /// Decodes the stream and reads its header (`N` pairs of object number and offset); the
    /// objects themselves are read one by one, when asked for.
    pub(crate) fn read(dict: &Dict, raw: &[u8], budget: &mut Budget) -> Parsed<ObjectStream> {
        let count = dict
            .int(b"N")
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(Failure::Malformed)?;
        let first = dict
            .int(b"First")
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(Failure::Malformed)?;
        let data = decode(dict, raw, budget)?;
        if first > data.len() {
            return Err(Failure::Malformed);
        }
        let header = data.get(..first).unwrap_or_default();
        let mut cursor = Cursor::new(header, 0, budget);
        let mut members = Vec::new();
        // Each pair takes at least four bytes, so `N` cannot make this loop longer than the
        // header, nor the vector larger.
        for _ in 0..count.min(first / 4 + 1) {
            let Ok(number) = cursor.unsigned() else {
                break;
            };
            let offset = cursor.unsigned()?;
            let start = usize::try_from(offset)
                .ok()
                .and_then(|offset| first.checked_add(offset))
                .filter(|&start| start < data.len())
                .ok_or(Failure::Malformed)?;
            let number = u32::try_from(number).map_err(|_| Failure::Malformed)?;
            members.push((number, start));
        }
        Ok(ObjectStream { data, members })
    }

    pub(crate) fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.members.iter().map(|&(number, _)| number)
    }

    /// The `index`-th member, which must be object `number`.
    fn object(&self, index: usize, number: u32, budget: &mut Budget) -> Parsed<Object> {
        let &(found, start) = self.members.get(index).ok_or(Failure::Malformed)?;
        if found != number {
            return Err(Failure::Malformed);
        }
        match Cursor::new(&self.data, start, budget).object(0)? {
            // Streams cannot be stored in object streams.
            Object::Stream(..) => Err(Failure::Malformed),
            object => Ok(object),
        }
    }
}
