//! Prints the repair stage's generated test corpus as JSON Lines, one case
//! per line (`kind`, `lang`, `input`, `expected`, `layers`), for
//! `scripts/compare-repair.py` to run through textwash and ftfy. The cases
//! are the ones `cargo test` checks: one generator, one source of truth.
//!
//!     cargo run --release --example repair-cases > cases.jsonl

#[path = "../tests/it/repair/generate.rs"]
mod generate;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for case in generate::damaged().into_iter().chain(generate::clean()) {
        let layers: Vec<&str> = case.layers.iter().map(|c| c.name()).collect();
        let record = serde_json::json!({
            "kind": case.kind,
            "lang": case.lang,
            "input": case.input,
            "expected": case.expected,
            "layers": layers,
        });
        writeln!(out, "{record}")?;
    }
    out.flush()
}
