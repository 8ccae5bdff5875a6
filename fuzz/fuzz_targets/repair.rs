//! Repair on any text: see `textwash::invariants::check_repair`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textwash::invariants;
use textwash::repair::{Options, Repairer};

static REPAIRER: std::sync::LazyLock<Repairer> = std::sync::LazyLock::new(|| Repairer::new(&Options::default()));

fuzz_target!(|text: &str| {
    if let Err(problem) = invariants::check_repair(&REPAIRER, text) {
        panic!("{problem}");
    }
});
