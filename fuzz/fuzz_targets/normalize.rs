//! Normalize on any text: see `textwash::invariants::check_normalize`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textwash::invariants;
use textwash::normalize::{Normalizer, Options};

static NORMALIZER: std::sync::LazyLock<Normalizer> = std::sync::LazyLock::new(|| Normalizer::new(&Options::default()));

fuzz_target!(|text: &str| {
    if let Err(problem) = invariants::check_normalize(&NORMALIZER, text) {
        panic!("{problem}");
    }
});
