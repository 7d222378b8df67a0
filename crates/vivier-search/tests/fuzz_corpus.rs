//! Hostile queries never break search: every input of the fuzz corpus (`fuzz/corpus/query`,
//! the seeds and any crash the fuzzer ever found) goes through the fuzz target's own check,
//! so the invariants hold in every `cargo test`, without cargo-fuzz or a nightly toolchain.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The corpus is in the repository: fewer files means it was lost or moved.
const MIN_CORPUS_FILES: usize = 20;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/query");
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
fn every_query_of_the_fuzz_corpus_is_answered() {
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
            catch_unwind(AssertUnwindSafe(|| {
                vivier_search::fuzzing::check_bytes(&bytes)
            }))
            .is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "broken invariants (see above) for {failed:#?}"
    );
}
