//! Strip on any text: see `textwash::invariants::check_strip`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textwash::invariants;
use textwash::strip::{Options, Stripper};

static STRIPPER: std::sync::LazyLock<Stripper> =
    std::sync::LazyLock::new(|| Stripper::new(&Options::default()).expect("default strip options"));

fuzz_target!(|text: &str| {
    if let Err(problem) = invariants::check_strip(&STRIPPER, text) {
        panic!("{problem}");
    }
});
