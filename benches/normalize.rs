//! Speed of the normalize stage on text that is already clean (the common
//! case, and the one with a target: 500 MB/s on one core) and on text that
//! is all NFD (every line takes the slow path).
//!
//! The samples are the project's own articles (`corpora/source/`), repeated
//! to about 1 MB: ASCII English (the English article with its few
//! non-ASCII characters dropped), Latin with diacritics (French,
//! Vietnamese), Cyrillic, Greek, Arabic, Devanagari, Chinese, Korean.
//! Beside the stage, unicode-normalization's own `is_nfc_quick` over the
//! same text shows what the quick check alone costs without the table.
//!
//! Run: `cargo bench --bench normalize`

use divan::Bencher;
use divan::counter::BytesCount;
use textwash::normalize::{Normalizer, Options};
use unicode_normalization::UnicodeNormalization;

fn main() {
    divan::main();
}

const SAMPLES: &[&str] = &[
    "ascii-en",
    "latin-fr",
    "latin-vi",
    "cyrillic-ru",
    "greek-el",
    "arabic-ar",
    "devanagari-hi",
    "cjk-zh",
    "hangul-ko",
];

/// About 1 MB of the sample `name`, in NFC or NFD.
fn sample(name: &str, nfd: bool) -> String {
    let file = match name {
        "ascii-en" | "latin-fr" | "latin-vi" | "cyrillic-ru" | "greek-el" | "arabic-ar" | "devanagari-hi"
        | "cjk-zh" | "hangul-ko" => match name {
            "ascii-en" => "01_en_storm.txt",
            "latin-fr" => "06_fr_presse.txt",
            "latin-vi" => "14_vi_mualon.txt",
            "cyrillic-ru" => "16_ru_nauka.txt",
            "greek-el" => "18_el_akropoli.txt",
            "arabic-ar" => "19_ar_tahlia.txt",
            "devanagari-hi" => "21_hi_barish.txt",
            "cjk-zh" => "22_zh_qishou.txt",
            _ => "24_ko_haeundae.txt",
        },
        _ => panic!("unknown sample {name}"),
    };
    let path = format!("{}/corpora/source/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut article = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    if name == "ascii-en" {
        article.retain(|c| c.is_ascii());
    }
    let article: String = if nfd { article.nfd().collect() } else { article };
    article.repeat((1 << 20) / article.len() + 1)
}

fn run(bencher: Bencher, text: &str) {
    let normalizer = Normalizer::new(&Options::default());
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let mut changes = Vec::new();
        normalizer.find(divan::black_box(text), &mut changes);
        changes
    });
}

/// The stage on clean NFC text: the fast path only.
#[divan::bench(args = SAMPLES)]
fn stage_nfc_input(bencher: Bencher, name: &str) {
    run(bencher, &sample(name, false));
}

/// The stage on NFD text: every line with a decomposed character is
/// normalized (the change list is long; this is the slow path's speed).
#[divan::bench(args = SAMPLES)]
fn stage_nfd_input(bencher: Bencher, name: &str) {
    run(bencher, &sample(name, true));
}

/// unicode-normalization's quick check alone on the same NFC text, for
/// comparison: what a fast path built on it would cost before doing any of
/// the stage's other work.
#[divan::bench(args = SAMPLES)]
fn unicode_normalization_is_nfc_quick(bencher: Bencher, name: &str) {
    let text = sample(name, false);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| unicode_normalization::is_nfc_quick(divan::black_box(text.as_str()).chars()));
}
