//! Every input a fuzzer ever found a problem with, kept in
//! `tests/fuzz-regressions/<target>/`, run through the same invariant check
//! as its fuzz target (`textwash::invariants`). A fixed crash stays fixed.

use std::path::Path;

use textwash::invariants;
use textwash::{Cleaner, Config};

/// Runs `check` on every file under `tests/fuzz-regressions/<target>/`.
fn replay(target: &str, check: impl Fn(&[u8]) -> Result<(), String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut failures = Vec::new();
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let bytes = std::fs::read(&path).expect("read regression input");
        if let Err(problem) = check(&bytes) {
            failures.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Text targets take `&str` from the fuzzer; inputs that are not UTF-8
/// never reach them.
fn text(bytes: &[u8], check: impl Fn(&str) -> Result<(), String>) -> Result<(), String> {
    std::str::from_utf8(bytes).map_or(Ok(()), check)
}

#[test]
fn decode() {
    let cleaner = Cleaner::new(&Config::default()).unwrap();
    replay("decode", |bytes| invariants::check_decode(&cleaner, bytes));
}

#[test]
fn repair() {
    let repairer = textwash::repair::Repairer::new(&textwash::repair::Options::default());
    replay("repair", |bytes| text(bytes, |t| invariants::check_repair(&repairer, t)));
}

#[test]
fn strip() {
    let stripper = textwash::strip::Stripper::new(&textwash::strip::Options::default()).expect("default strip options");
    replay("strip", |bytes| text(bytes, |t| invariants::check_strip(&stripper, t)));
}

#[test]
fn normalize() {
    let normalizer = textwash::normalize::Normalizer::new(&textwash::normalize::Options::default());
    replay("normalize", |bytes| text(bytes, |t| invariants::check_normalize(&normalizer, t)));
}

#[test]
fn pipeline() {
    let cleaner = Cleaner::new(&Config::default()).unwrap();
    replay("pipeline", |bytes| invariants::check_pipeline(&cleaner, bytes));
}

#[test]
fn pipeline_options() {
    // The first byte picks the configuration, as in the fuzz target; a
    // cleaner is built only for the configurations kept inputs use.
    let cleaners: Vec<std::sync::OnceLock<Cleaner>> = (0..64).map(|_| std::sync::OnceLock::new()).collect();
    replay("pipeline_options", |bytes| {
        let Some((&first, document)) = bytes.split_first() else { return Ok(()) };
        let bits = first & 63;
        let cleaner = cleaners[usize::from(bits)]
            .get_or_init(|| Cleaner::new(&invariants::opt_in_config(bits)).expect("valid config"));
        invariants::check_pipeline(cleaner, document)
    });
}
