//! What a candidate uploading a CV meets: real PDFs are accepted with their page count, and
//! everything else is refused with the reason, in French.

mod common;

use common::{assemble, classic, minimal_objects, modern, stream, zlib, zlib_zeros};
use vivier_files::pdf::{MAX_CV_BYTES, PdfInfo, PdfRefusal, check_pdf};

#[test]
fn cv_written_by_a_pdf_library_is_accepted_with_its_page_count() {
    for pages in [1, 2, 12] {
        let file = modern(pages);
        assert!(find_last(&file, b"/ObjStm").is_some() && find_last(&file, b"/XRef").is_some());
        assert_eq!(
            check_pdf(&classic(pages)),
            Ok(PdfInfo {
                pages: u32::try_from(pages).expect("pages")
            })
        );
        assert_eq!(
            check_pdf(&file),
            Ok(PdfInfo {
                pages: u32::try_from(pages).expect("pages")
            }),
            "object streams, {pages} pages"
        );
    }
    assert_eq!(
        check_pdf(&assemble(&minimal_objects(), "/Root 1 0 R")),
        Ok(PdfInfo { pages: 1 })
    );
}

#[test]
fn a_nested_page_tree_is_counted_leaf_by_leaf() {
    // The root's /Count lies: the leaves are what counts.
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 4 0 R 2 0 R] /Count 99 >>".to_vec(),
        b"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 3 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 3 0 R >>".to_vec(),
    ];
    assert_eq!(
        check_pdf(&assemble(&objects, "/Root 1 0 R")),
        Ok(PdfInfo { pages: 3 })
    );
}

#[test]
fn an_incremental_update_is_read_newest_first() {
    // An editor saved the file again, appending a second page and a new page tree.
    let mut file = assemble(&minimal_objects(), "/Root 1 0 R");
    let previous = find_last(&file, b"startxref").expect("startxref");
    let previous: usize = std::str::from_utf8(&file[previous + 10..])
        .expect("ascii")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("offset");
    let tree = file.len();
    file.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n");
    let page = file.len();
    file.extend_from_slice(b"4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n");
    let xref = file.len();
    file.extend_from_slice(
        format!(
            "xref\n2 1\n{tree:010} 00000 n \n4 1\n{page:010} 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    assert_eq!(check_pdf(&file), Ok(PdfInfo { pages: 2 }));
}

#[test]
fn a_file_whose_offsets_were_shifted_is_repaired_as_readers_do() {
    let mut file = classic(3);
    // Two bytes added after the header: every offset of the table is now wrong.
    file.splice(9..9, *b"\r\n");
    assert_eq!(check_pdf(&file), Ok(PdfInfo { pages: 3 }));
    // The same without any table at all.
    let file = classic(2);
    let end = find_last(&file, b"xref").expect("xref");
    assert_eq!(check_pdf(&file[..end]), Ok(PdfInfo { pages: 2 }));
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(check_pdf(b""), Err(PdfRefusal::Empty));
    assert_eq!(PdfRefusal::Empty.message(), "Le fichier est vide.");
}

#[test]
fn a_file_over_5_mb_is_refused_before_being_read() {
    let mut file = classic(1);
    file.resize(MAX_CV_BYTES, b' ');
    assert_eq!(
        check_pdf(&file),
        Ok(PdfInfo { pages: 1 }),
        "exactly 5 MB passes"
    );
    file.push(b' ');
    assert_eq!(check_pdf(&file), Err(PdfRefusal::TooLarge));
    assert_eq!(PdfRefusal::TooLarge.message(), "Le fichier dépasse 5 Mo.");
}

#[test]
fn files_that_are_not_pdfs_are_refused_by_their_content() {
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0%PDF-1.7".to_vec();
    let pe =
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode.".to_vec();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    // A zip bomb: a local file header and ten megabytes of zeros compressed.
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend_from_slice(&zlib_zeros(10 << 20));
    let text = "Prénom Nom — développeuse".as_bytes().to_vec();
    // A PDF behind something else: what a polyglot file looks like.
    let mut behind = b"<html><!-- ".to_vec();
    behind.extend_from_slice(&classic(1));
    let old_header = b"%!PS-Adobe-3.0\n".to_vec();
    for file in [
        elf,
        pe,
        png,
        zip,
        text,
        behind,
        old_header,
        b"%PDF-".to_vec(),
    ] {
        assert_eq!(
            check_pdf(&file),
            Err(PdfRefusal::NotPdf),
            "{:?}",
            &file[..file.len().min(12)]
        );
    }
    assert_eq!(
        PdfRefusal::NotPdf.message(),
        "Le CV doit être un PDF : ce fichier n’en est pas un."
    );
}

#[test]
fn a_pdf_header_with_nothing_readable_behind_it_is_refused() {
    let mut truncated = classic(1);
    truncated.truncate(60);
    for file in [
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-1.4\nnot a pdf at all\n%%EOF".to_vec(),
        truncated,
    ] {
        assert_eq!(check_pdf(&file), Err(PdfRefusal::Unreadable));
    }
    assert!(
        PdfRefusal::Unreadable
            .message()
            .starts_with("Ce PDF est illisible")
    );
}

#[test]
fn an_encrypted_pdf_is_refused_with_a_way_out() {
    let mut objects = minimal_objects();
    objects.push(
        b"<< /Filter /Standard /V 1 /R 2 /P -3904 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> >>".to_vec(),
    );
    let file = assemble(&objects, "/Root 1 0 R /Encrypt 4 0 R");
    assert_eq!(check_pdf(&file), Err(PdfRefusal::Encrypted));
    assert!(PdfRefusal::Encrypted.message().contains("sans protection"));
}

#[test]
fn a_pdf_without_pages_is_refused() {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
    ];
    assert_eq!(
        check_pdf(&assemble(&objects, "/Root 1 0 R")),
        Err(PdfRefusal::NoPage)
    );
}

#[test]
fn object_streams_with_a_png_predicted_cross_reference_stream_are_read() {
    // Written by hand as pdfTeX and Word do: the catalog and the page tree in an object stream,
    // the table in a cross-reference stream with the PNG "Up" predictor.
    let members = b"<< /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [3 0 R] /Count 1 >>";
    let header = b"1 0 2 34 ";
    let mut data = header.to_vec();
    data.extend_from_slice(members);
    let mut file = b"%PDF-1.5\n".to_vec();
    let page = file.len();
    file.extend_from_slice(b"3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n");
    let objstm = file.len();
    file.extend_from_slice(b"4 0 obj\n");
    file.extend_from_slice(&stream(
        &format!(
            "/Type /ObjStm /N 2 /First {} /Filter /FlateDecode",
            header.len()
        ),
        &zlib(&data),
    ));
    file.extend_from_slice(b"\nendobj\n");
    let xref = file.len();
    let rows: Vec<[u8; 4]> = vec![
        [0, 0, 0, 0],
        [2, 0, 4, 0],
        [2, 0, 4, 1],
        [1, 0, u8::try_from(page).expect("small"), 0],
        [1, 0, u8::try_from(objstm).expect("small"), 0],
        [
            1,
            u8::try_from(xref >> 8).expect("small"),
            u8::try_from(xref & 0xff).expect("small"),
            0,
        ],
    ];
    let mut predicted = Vec::new();
    let mut above = [0u8; 4];
    for row in rows {
        predicted.push(2);
        predicted.extend(row.iter().zip(above).map(|(b, a)| b.wrapping_sub(a)));
        above = row;
    }
    file.extend_from_slice(b"5 0 obj\n");
    file.extend_from_slice(&stream(
        "/Type /XRef /Size 6 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        &zlib(&predicted),
    ));
    file.extend_from_slice(format!("\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    assert_eq!(check_pdf(&file), Ok(PdfInfo { pages: 1 }));
}

#[test]
fn every_refusal_has_a_stable_code_and_a_french_message() {
    let all = [
        PdfRefusal::Empty,
        PdfRefusal::TooLarge,
        PdfRefusal::NotPdf,
        PdfRefusal::Unreadable,
        PdfRefusal::Encrypted,
        PdfRefusal::NoPage,
        PdfRefusal::TooComplex,
    ];
    let codes: std::collections::HashSet<_> = all.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), all.len());
    for refusal in all {
        assert!(refusal.message().ends_with('.'), "{refusal:?}");
        assert_eq!(refusal.to_string(), refusal.message());
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
