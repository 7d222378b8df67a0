//! Hostile files never break the import: every input of the fuzz corpus (`fuzz/corpus/import`,
//! the seeds and any crash the fuzzer ever found) goes through the fuzz target's own check, so
//! the invariants hold in every `cargo test`, without cargo-fuzz or a nightly toolchain.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use vivier_import::fuzzing::Input;
use vivier_import::sync::{Format, Rows};

/// The corpus is in the repository: fewer files means it was lost or moved.
const MIN_CORPUS_FILES: usize = 20;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/import");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("fuzz corpus {} unreadable: {error}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("readable corpus entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_file_of_the_fuzz_corpus_is_read_without_breaking_an_invariant() {
    let files = corpus();
    assert!(
        files.len() >= MIN_CORPUS_FILES,
        "only {} files in the fuzz corpus",
        files.len()
    );
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let bytes = std::fs::read(file).expect("readable corpus file");
            catch_unwind(AssertUnwindSafe(|| vivier_import::fuzzing::check(&bytes))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "broken invariants (see above) for {failed:#?}"
    );
}

/// The invariants on offers only bite if the corpus reaches the mappers: some file of each
/// format must give an offer, and some a rejected row.
#[test]
fn the_fuzz_corpus_reaches_every_mapper() {
    let mut offers = Vec::new();
    let mut rejections = Vec::new();
    for file in corpus() {
        let input = Input::new(&std::fs::read(&file).expect("readable corpus file"));
        for format in [Format::Csp, Format::PepTalentSoft, Format::PepPartner] {
            let Ok(mut rows) = Rows::open(&input.file[..], format) else {
                continue;
            };
            while let Some(row) = rows.next().expect("in memory") {
                match row {
                    Ok(_) => offers.push(format),
                    Err(_) => rejections.push(format),
                }
            }
        }
    }
    for format in [Format::Csp, Format::PepTalentSoft, Format::PepPartner] {
        assert!(
            offers.contains(&format),
            "no offer of {format:?} in the corpus"
        );
        assert!(
            rejections.contains(&format),
            "no rejected row of {format:?} in the corpus"
        );
    }
}
