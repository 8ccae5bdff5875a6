//! Why the normalize stage builds its own quick-check table from
//! unicode-normalization's data instead of depending on icu_normalizer:
//! the stage (every rule, in one pass) against ICU's `is_normalized` and
//! unicode-normalization's `is_nfc_quick` (the normal-form check alone), on
//! the project's own articles in NFC, about 1 MB each, one core. Prints the
//! median of 41 runs of each, interleaved so that load on a shared machine
//! hits all three alike.

use std::hint::black_box;
use std::time::Instant;

use textwash::normalize::{Normalizer, Options};

const SAMPLES: &[(&str, &str)] = &[
    ("ascii-en", "01_en_storm.txt"),
    ("latin-fr", "06_fr_presse.txt"),
    ("latin-vi", "14_vi_mualon.txt"),
    ("cyrillic-ru", "16_ru_nauka.txt"),
    ("greek-el", "18_el_akropoli.txt"),
    ("arabic-ar", "19_ar_tahlia.txt"),
    ("devanagari-hi", "21_hi_barish.txt"),
    ("cjk-zh", "22_zh_qishou.txt"),
    ("hangul-ko", "24_ko_haeundae.txt"),
];

const RUNS: usize = 41;

fn main() {
    let icu = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let stage = Normalizer::new(&Options::default());
    println!("{:14} {:>12} {:>12} {:>12} {:>10}", "MB/s (median)", "stage", "icu", "u-n quick", "stage/icu");
    for (name, file) in SAMPLES {
        let path = format!("{}/../../corpora/source/{file}", env!("CARGO_MANIFEST_DIR"));
        let mut article = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if *name == "ascii-en" {
            article.retain(|c| c.is_ascii());
        }
        let text = article.repeat((1 << 20) / article.len() + 1);
        let mut times: [Vec<f64>; 3] = Default::default();
        for _ in 0..RUNS {
            let start = Instant::now();
            let mut changes = Vec::new();
            stage.find(black_box(&text), &mut changes);
            assert!(changes.is_empty(), "{name}: the sample is not clean");
            times[0].push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            assert!(icu.is_normalized(black_box(&text)));
            times[1].push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            let quick = unicode_normalization::is_nfc_quick(black_box(text.as_str()).chars());
            black_box(quick);
            times[2].push(start.elapsed().as_secs_f64());
        }
        let mb_per_s = |times: &mut Vec<f64>| {
            times.sort_by(f64::total_cmp);
            text.len() as f64 / 1e6 / times[times.len() / 2]
        };
        let [stage_t, icu_t, quick_t] = &mut times;
        let (s, i, q) = (mb_per_s(stage_t), mb_per_s(icu_t), mb_per_s(quick_t));
        println!("{name:14} {s:12.0} {i:12.0} {q:12.0} {:10.2}", s / i);
    }
}
