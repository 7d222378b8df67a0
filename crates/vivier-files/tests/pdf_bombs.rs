//! Hostile PDFs are refused, or read, in bounded memory and work. The allocator of this test
//! binary counts every byte: each check runs under a ceiling above what the process held before
//! it (32 MiB for the bombs: the reader inflates 16 MiB at most), and an allocation past it
//! aborts the binary ("memory allocation of … bytes failed"), which fails the test run loudly.

mod common;

use std::alloc::System;
use std::sync::{Mutex, MutexGuard, OnceLock};

use cap::Cap;
use common::{assemble, minimal_objects, stream, zlib, zlib_zeros};

const MIB: usize = 1 << 20;
use vivier_files::pdf::{PdfInfo, PdfRefusal, check_pdf};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// One test at a time: the ceiling is the process's, so no other test may allocate meanwhile.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `check_pdf` (the caller holds the turn) allowed to allocate at most `ceiling` bytes more than the process holds.
fn bounded_check(file: &[u8], ceiling: usize) -> Result<PdfInfo, PdfRefusal> {
    ALLOCATOR
        .set_limit(ALLOCATOR.allocated() + ceiling)
        .expect("limit");
    let result = check_pdf(file);
    ALLOCATOR.set_limit(usize::MAX).expect("limit");
    result
}

/// A gigabyte of zeros, compressed (to about a megabyte): done once, it takes seconds.
fn gigabyte_of_zeros() -> &'static [u8] {
    static ZEROS: OnceLock<Vec<u8>> = OnceLock::new();
    ZEROS.get_or_init(|| zlib_zeros(1 << 30))
}

/// A CV whose catalog is the first object of an object stream with this compressed data.
fn catalog_in_object_stream(data: &[u8], first: usize) -> Vec<u8> {
    let objstm = stream(
        &format!("/Type /ObjStm /N 1 /First {first} /Filter /FlateDecode"),
        data,
    );
    let mut objects = minimal_objects();
    objects.push(objstm);
    // Object 1 is replaced by the copy in the object stream: a second table section says so.
    let mut file = assemble(&objects, "/Root 1 0 R");
    let previous = file
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let previous: usize = std::str::from_utf8(&file[previous + 10..])
        .expect("ascii")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("offset");
    let xref_stream_at = file.len();
    let rows = [[2u8, 0, 0, 4, 0]];
    file.extend_from_slice(b"5 0 obj\n");
    file.extend_from_slice(&stream(
        &format!("/Type /XRef /Size 6 /W [1 3 1] /Index [1 1] /Root 1 0 R /Prev {previous}"),
        &rows.concat(),
    ));
    file.extend_from_slice(format!("\nendobj\nstartxref\n{xref_stream_at}\n%%EOF\n").as_bytes());
    file
}

#[test]
fn the_structure_read_through_an_object_stream_is_accepted() {
    let _turn = one_at_a_time();
    // The fixture itself is a valid CV when the object stream is small.
    let header = b"1 0 ";
    let mut data = header.to_vec();
    data.extend_from_slice(b"<< /Type /Catalog /Pages 2 0 R >>");
    data.resize(1000, 0);
    let file = catalog_in_object_stream(&zlib(&data), header.len());
    let result = bounded_check(&file, MIB);
    assert_eq!(result, Ok(PdfInfo { pages: 1 }));
}

#[test]
fn a_gigabyte_object_stream_compressed_to_one_megabyte_is_refused_in_bounded_memory() {
    let _turn = one_at_a_time();
    // The reader gives up before reaching the (absent) catalog: 16 MiB inflated is the limit.
    let file = catalog_in_object_stream(gigabyte_of_zeros(), 0);
    assert!(file.len() < 2 << 20, "{} bytes", file.len());
    assert_eq!(bounded_check(&file, 32 * MIB), Err(PdfRefusal::TooComplex));
}

#[test]
fn a_gigabyte_cross_reference_stream_is_refused_in_bounded_memory() {
    let _turn = one_at_a_time();
    let mut file = b"%PDF-1.5\n".to_vec();
    let at = file.len();
    file.extend_from_slice(b"1 0 obj\n");
    file.extend_from_slice(&stream(
        "/Type /XRef /Size 1 /W [1 4 2] /Root 2 0 R /Filter /FlateDecode",
        gigabyte_of_zeros(),
    ));
    file.extend_from_slice(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    assert_eq!(bounded_check(&file, 32 * MIB), Err(PdfRefusal::TooComplex));
}

#[test]
fn many_object_streams_share_one_inflation_budget() {
    let _turn = one_at_a_time();
    // A page tree spread over 40 object streams of 1 MiB each: each alone is small, together
    // they exceed what a CV inflates (16 MiB).
    let streams = 40;
    let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    let kids: Vec<String> = (0..streams).map(|i| format!("{} 0 R", 100 + i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] >>", kids.join(" ")).into_bytes());
    let mut rows = Vec::new();
    for i in 0..streams {
        let mut data = format!("{} 0 ", 100 + i).into_bytes();
        let first = data.len();
        data.extend_from_slice(b"<< /Type /Page >>");
        data.resize(first + (1 << 20), b' ');
        objects.push(stream(
            &format!("/Type /ObjStm /N 1 /First {first} /Filter /FlateDecode"),
            &zlib(&data),
        ));
        // Object 100 + i is the first member of object stream 3 + i.
        rows.push((100 + i, 3 + i));
    }
    let mut file = assemble(&objects, "/Root 1 0 R");
    let previous = file
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let previous: usize = std::str::from_utf8(&file[previous + 10..])
        .expect("ascii")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("offset");
    let mut data = Vec::new();
    for &(_, container) in &rows {
        data.extend_from_slice(&[2, 0, 0, u8::try_from(container).expect("small"), 0]);
    }
    let at = file.len();
    let number = objects.len() + 1;
    file.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
    file.extend_from_slice(&stream(
        &format!(
            "/Type /XRef /Size 200 /W [1 3 1] /Index [100 {streams}] /Root 1 0 R /Prev {previous}"
        ),
        &data,
    ));
    file.extend_from_slice(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    assert_eq!(bounded_check(&file, 32 * MIB), Err(PdfRefusal::TooComplex));
}

#[test]
fn an_object_stream_index_listing_one_huge_object_many_times_is_read_lazily() {
    let _turn = one_at_a_time();
    // What made lopdf hold 400 MB: 2,000 index entries all pointing at one 200 kB string.
    let mut header = String::from("1 0 ");
    for i in 0..2000 {
        header.push_str(&format!("{} 34 ", 100 + i));
    }
    let first = header.len();
    let mut data = header.into_bytes();
    data.extend_from_slice(b"<< /Type /Catalog /Pages 2 0 R >>(");
    data.extend(std::iter::repeat_n(b'a', 200_000));
    data.push(b')');
    let mut objects = minimal_objects();
    objects.push(stream(
        &format!("/Type /ObjStm /N 2001 /First {first}"),
        &data,
    ));
    let mut file = assemble(&objects, "/Root 1 0 R");
    // Point object 1 into the object stream.
    let previous = file
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let previous: usize = std::str::from_utf8(&file[previous + 10..])
        .expect("ascii")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("offset");
    let at = file.len();
    file.extend_from_slice(b"5 0 obj\n");
    file.extend_from_slice(&stream(
        &format!("/Type /XRef /Size 6 /W [1 3 1] /Index [1 1] /Root 1 0 R /Prev {previous}"),
        &[2, 0, 0, 4, 0],
    ));
    file.extend_from_slice(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    // The whole object stream (some 210 kB) is held once; its objects are read one by one.
    assert_eq!(bounded_check(&file, MIB), Ok(PdfInfo { pages: 1 }));
}

#[test]
fn overlapping_objects_cannot_make_the_file_be_read_over_and_over() {
    let _turn = one_at_a_time();
    // 10,000 page tree nodes, each opening a string that closes only at the end of the file,
    // after 4 MB of filler: reading any node goes through the nodes after it and the filler.
    let nodes = 10_000;
    let kids: Vec<String> = (0..nodes).map(|i| format!("{} 0 R", 10 + i)).collect();
    let mut file = b"%PDF-1.7\n".to_vec();
    let catalog = file.len();
    file.extend_from_slice(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    let tree = file.len();
    file.extend_from_slice(
        format!(
            "2 0 obj << /Type /Pages /Kids [{}] >> endobj\n",
            kids.join(" ")
        )
        .as_bytes(),
    );
    let mut offsets = Vec::new();
    for i in 0..nodes {
        offsets.push(file.len());
        file.extend_from_slice(format!("{} 0 obj << /Type /Pages /Junk (", 10 + i).as_bytes());
    }
    file.extend(std::iter::repeat_n(b'x', 4 * MIB));
    // The n-th `)` closes the string of the n-th node from the end, then ` >>` its dictionary.
    for _ in 0..nodes {
        file.extend_from_slice(b") >> ");
    }
    file.extend_from_slice(b"endobj\n");
    let xref = file.len();
    file.extend_from_slice(
        format!("xref\n0 3\n0000000000 65535 f \n{catalog:010} 00000 n \n{tree:010} 00000 n \n10 {nodes}\n")
            .as_bytes(),
    );
    for offset in offsets {
        file.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    file.extend_from_slice(
        format!(
            "trailer << /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            10 + nodes
        )
        .as_bytes(),
    );
    assert!(file.len() < 5 * MIB);
    assert_eq!(bounded_check(&file, 4 * MIB), Err(PdfRefusal::TooComplex));
}
