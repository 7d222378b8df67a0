//! `check_pdf` never panics, whatever it is given: random bytes behind a PDF header, and real
//! PDFs (written by lopdf, with tables or with object streams) with bytes flipped, cut, inserted
//! or repeated. A panic fails the test: nothing catches it.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use vivier_files::pdf::{PdfInfo, check_pdf};

fn samples() -> &'static [Vec<u8>] {
    static SAMPLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        vec![
            common::classic(3),
            common::modern(3),
            common::assemble(&common::minimal_objects(), "/Root 1 0 R"),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        any::<usize>().prop_map(Mutation::Cut),
        (
            any::<usize>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..16),
                // Structure words, where they hurt most.
                prop::sample::select(vec![
                    b"obj".to_vec(),
                    b"endobj".to_vec(),
                    b"stream\n".to_vec(),
                    b"endstream".to_vec(),
                    b"<<".to_vec(),
                    b">>".to_vec(),
                    b"[".to_vec(),
                    b"(".to_vec(),
                    b" 0 R".to_vec(),
                    b"xref\n0 1\n".to_vec(),
                    b"startxref\n0\n".to_vec(),
                    b"/Type /ObjStm".to_vec(),
                    b"/Prev 0".to_vec(),
                    b"9999999999999999999999".to_vec(),
                    b"-1".to_vec(),
                ]),
            ]
        )
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..4096).prop_map(|(at, len)| Mutation::Repeat(at, len)),
    ]
}

fn apply(file: &mut Vec<u8>, mutation: &Mutation) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match mutation {
        Mutation::Set(i, byte) => {
            let i = at(*i, file.len());
            if let Some(slot) = file.get_mut(i) {
                *slot = *byte;
            }
        }
        Mutation::Cut(i) => file.truncate(at(*i, file.len())),
        Mutation::Insert(i, bytes) => {
            let i = at(*i, file.len());
            file.splice(i..i, bytes.iter().copied());
        }
        Mutation::Repeat(i, len) => {
            let i = at(*i, file.len());
            let end = (i + len).min(file.len());
            let copy = file[i..end].to_vec();
            file.splice(i..i, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_behind_a_header_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4096)) {
        let mut file = b"%PDF-1.7\n".to_vec();
        file.extend_from_slice(&tail);
        let _ = check_pdf(&file);
    }

    #[test]
    fn mutated_real_pdfs_never_panic(
        sample in 0usize..3,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut file = samples()[sample].clone();
        for mutation in &mutations {
            apply(&mut file, mutation);
        }
        let _ = check_pdf(&file);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn pdfs_of_any_length_are_counted_right(pages in 1usize..40) {
        let expected = Ok(PdfInfo { pages: u32::try_from(pages).expect("pages") });
        prop_assert_eq!(check_pdf(&common::classic(pages)), expected);
        prop_assert_eq!(check_pdf(&common::modern(pages)), expected);
    }
}
