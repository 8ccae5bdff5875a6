//! The repair stage alone on the mojibake bench input, in a loop: a target
//! for profilers and for counting instructions, which machine noise does
//! not move.
//!
//!     cargo build --release --example repair-profile
//!     target/release/examples/repair-profile 20            # MB/s, by the clock
//!     LANGS="cs ru" target/release/examples/repair-profile  # some languages only
//!
//! Instructions per run, as BENCHMARKS.md quotes them (three runs less one,
//! halved, so that building the tables once does not count):
//!
//!     for n in 1 3; do valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!         target/release/examples/repair-profile $n 2>&1 | grep refs; done
//!
//! The input is the bench's (`benches/support/sources.rs`): the truth files
//! of `corpora/source` in twelve languages, repeated to 1 MB, UTF-8 read as
//! windows-1252.

use textwash::repair::{Codepage, Options, Repairer};

#[path = "../benches/support/sources.rs"]
mod support;

fn main() {
    let runs: usize = std::env::args().nth(1).map_or(20, |n| n.parse().expect("a number of runs"));
    let chosen = std::env::var("LANGS").ok();
    let langs: Vec<&str> =
        chosen.as_deref().map_or(support::MOJIBAKE_LANGS.to_vec(), |l| l.split_whitespace().collect());
    let clean = support::sources(&langs);
    let mojibake = Codepage::Windows1252.decode(clean.as_bytes());
    let repairer = Repairer::new(&Options::default());
    let started = std::time::Instant::now();
    let mut changes = 0;
    for _ in 0..runs {
        let mut out = Vec::new();
        repairer.find(&mojibake, &mut out);
        changes += out.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{} changes per run, {:.1} MB/s", changes / runs.max(1), (mojibake.len() * runs) as f64 / seconds / 1e6);
}
