//! Throughput of the repair stage alone, on one core.
//!
//! Inputs are built from the sample corpus's truth files (`corpora/source`),
//! repeated to about 1 MB:
//!
//! * `ascii_news`: the English articles with their typography folded to
//!   ASCII, which the stage must skip at memory speed;
//! * `latin_news`: the Latin-script articles with their diacritics (French,
//!   German, Spanish, Portuguese, Italian, Polish, Czech, Turkish,
//!   Vietnamese, Icelandic), correct text that needs a closer look;
//! * `other_scripts_news`: Cyrillic, Greek, Arabic, Hebrew, Devanagari and
//!   CJK articles, correct;
//! * `mojibake_news`: all of the above, UTF-8 read as windows-1252, every
//!   line of it to repair.
//!
//! Setup checks each input's result (nothing to change in clean text; the
//! original back from mojibake), so a bench never measures a broken path.
//!
//!     cargo bench --bench repair

use divan::Bencher;
use divan::counter::BytesCount;
use textwash::repair::{Codepage, Options, Repairer};
use textwash::{Change, change};

fn main() {
    divan::main();
}

#[path = "support/sources.rs"]
mod support;
use support::{MOJIBAKE_LANGS, sources};

fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '—' | '–' => '-',
            c if c.is_ascii() => c,
            _ => ' ',
        })
        .collect()
}

fn find(repairer: &Repairer, text: &str) -> Vec<Change> {
    let mut out = Vec::new();
    repairer.find(text, &mut out);
    out
}

fn bench_clean(bencher: Bencher, text: String) {
    let repairer = Repairer::new(&Options::default());
    assert!(find(&repairer, &text).is_empty(), "clean input must need no repair");
    bencher.counter(BytesCount::of_str(&text)).bench(|| find(&repairer, divan::black_box(&text)));
}

#[divan::bench]
fn ascii_news(bencher: Bencher) {
    let text = ascii(&sources(&["en"]));
    assert!(text.is_ascii());
    bench_clean(bencher, text);
}

#[divan::bench]
fn latin_news(bencher: Bencher) {
    bench_clean(bencher, sources(&["fr", "de", "es", "pt", "it", "pl", "cs", "tr", "vi", "is"]));
}

#[divan::bench]
fn other_scripts_news(bencher: Bencher) {
    bench_clean(bencher, sources(&["ru", "uk", "el", "ar", "he", "hi", "zh", "ja", "ko"]));
}

#[divan::bench]
fn mojibake_news(bencher: Bencher) {
    let clean = sources(&MOJIBAKE_LANGS);
    let text = Codepage::Windows1252.decode(clean.as_bytes());
    let repairer = Repairer::new(&Options::default());
    let changes = find(&repairer, &text);
    assert_eq!(change::apply(&text, &changes), clean, "the mojibake must repair to the original");
    bencher.counter(BytesCount::of_str(&text)).bench(|| find(&repairer, divan::black_box(&text)));
}
