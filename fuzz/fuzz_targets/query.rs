//! Any bytes typed in the search box: parsed, analysed in both modes and searched in a small
//! index, with the invariants of `vivier_search::fuzzing::check`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| vivier_search::fuzzing::check_bytes(data));
