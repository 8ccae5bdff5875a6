//! The whole pipeline on any bytes: see `textwash::invariants::check_pipeline`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textwash::{Cleaner, Config, invariants};

static CLEANER: std::sync::LazyLock<Cleaner> =
    std::sync::LazyLock::new(|| Cleaner::new(&Config::default()).expect("default config"));

fuzz_target!(|bytes: &[u8]| {
    if let Err(problem) = invariants::check_pipeline(&CLEANER, bytes) {
        panic!("{problem}");
    }
});
