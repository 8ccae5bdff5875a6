//! Decode stage speed: UTF-8 validation (the path every UTF-8 document
//! takes) with three validators, the whole stage on valid UTF-8, and legacy
//! detection plus decoding.
//!
//!     cargo bench --bench decode
//!
//! Inputs are our own articles (`corpora/source/`) repeated to 8 MB
//! (`BENCH_MB=256` for inputs that do not fit in a cache): "ascii" is the
//! English ones (99.9% ASCII), "multibyte" the Russian, Greek, Hindi,
//! Chinese, Japanese and Korean ones (mostly 2- and 3-byte characters).

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use textwash::decode::{Decoder, Options};

fn main() {
    divan::main();
}

/// Input size in bytes: `BENCH_MB` megabytes, 8 by default.
fn size() -> usize {
    std::env::var("BENCH_MB").ok().and_then(|mb| mb.parse::<usize>().ok()).unwrap_or(8) << 20
}

fn text(kind: &str) -> Vec<u8> {
    let names: &[&str] = match kind {
        "ascii" => &["01_en_storm", "02_en_coalition", "03_en_football", "04_en_satellite", "05_en_grocer"],
        "multibyte" => {
            &["16_ru_nauka", "18_el_akropoli", "21_hi_barish", "22_zh_qishou", "23_ja_ooyuki", "24_ko_haeundae"]
        }
        _ => unreachable!("unknown input {kind}"),
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/source");
    let one: Vec<u8> = names
        .iter()
        .flat_map(|n| std::fs::read(dir.join(format!("{n}.txt"))).expect("corpora/source article"))
        .collect();
    let size = size();
    let mut out = Vec::with_capacity(size + one.len());
    while out.len() < size {
        out.extend_from_slice(&one);
    }
    out
}

const KINDS: [&str; 2] = ["ascii", "multibyte"];

#[divan::bench(args = KINDS)]
fn std_from_utf8(bencher: Bencher, kind: &str) {
    let bytes = text(kind);
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| std::str::from_utf8(black_box(&bytes)).is_ok());
}

#[divan::bench(args = KINDS)]
fn simdutf8_basic(bencher: Bencher, kind: &str) {
    let bytes = text(kind);
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| simdutf8::basic::from_utf8(black_box(&bytes)).is_ok());
}

#[divan::bench(args = KINDS)]
fn simdutf8_compat(bencher: Bencher, kind: &str) {
    let bytes = text(kind);
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| simdutf8::compat::from_utf8(black_box(&bytes)).is_ok());
}

#[divan::bench(args = KINDS)]
fn encoding_rs_utf8_valid_up_to(bencher: Bencher, kind: &str) {
    let bytes = text(kind);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| encoding_rs::Encoding::utf8_valid_up_to(black_box(&bytes)) == bytes.len());
}

/// The whole decode stage on valid UTF-8: NUL probe, validation, control
/// check; the text comes back borrowed.
#[divan::bench(args = KINDS)]
fn decoder_valid_utf8(bencher: Bencher, kind: &str) {
    let bytes = text(kind);
    let decoder = Decoder::new(&Options::default());
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| {
        let mut changes = Vec::new();
        decoder.decode(black_box(&bytes), &mut changes).map(|(text, _)| text.len())
    });
}

/// A legacy document: detection (chardetng, within its 1 MB budget) and
/// decoding with encoding_rs. windows-1251 Russian and GBK Chinese, 8 MB.
#[divan::bench(args = ["windows-1251", "gbk"])]
fn decoder_legacy(bencher: Bencher, label: &str) {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).expect("label");
    let source = if label == "gbk" { "22_zh_qishou" } else { "16_ru_nauka" };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/source");
    let one = std::fs::read_to_string(dir.join(format!("{source}.txt"))).expect("article");
    let text = one.repeat(size() / one.len() + 1);
    let bytes = encoding.encode(&text).0.into_owned();
    let decoder = Decoder::new(&Options::default());
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| {
        let mut changes = Vec::new();
        decoder.decode(black_box(&bytes), &mut changes).map(|(text, _)| text.len())
    });
}
