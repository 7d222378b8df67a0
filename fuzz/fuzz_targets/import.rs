//! Any bytes as an export file: its first byte picks a real header to put before the rest
//! (see `vivier_import::fuzzing::Input`), then it is read as records of both dialects, as a
//! file of each format mapped to offers, and as HTML, with the invariants of
//! `vivier_import::fuzzing::check`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| vivier_import::fuzzing::check(data));
