//! The whole pipeline away from the default settings: the first byte picks
//! normalize's opt-in rules and how HTML references are treated
//! (`textwash::invariants::opt_in_config`); the rest is the document, checked
//! by `textwash::invariants::check_pipeline`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textwash::{Cleaner, invariants};

/// One cleaner for each value of the first byte's low six bits.
static CLEANERS: std::sync::LazyLock<Vec<Cleaner>> = std::sync::LazyLock::new(|| {
    (0..64u8).map(|bits| Cleaner::new(&invariants::opt_in_config(bits)).expect("valid config")).collect()
});

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, document)) = bytes.split_first() else { return };
    if let Err(problem) = invariants::check_pipeline(&CLEANERS[usize::from(first & 63)], document) {
        panic!("{problem}");
    }
});
