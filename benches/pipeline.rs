//! Throughput of the whole pipeline (decode, repair, strip, normalize with
//! default settings), one core and batches.
//!
//! Inputs are our own articles (`corpora/source` for clean text,
//! `corpora/articles` for the damaged ones) in five kinds, each repeated to
//! about 4 MB:
//!
//! * `news_en`: English news as published (ASCII, curly quotes, dashes);
//! * `news_latin`: French, German, Spanish, Portuguese, Italian, Polish,
//!   Czech, Turkish, Vietnamese and Icelandic news;
//! * `news_cyrillic`: Russian and Ukrainian news;
//! * `news_cjk`: Chinese, Japanese and Korean news;
//! * `mojibake`: every article, every line UTF-8 read as windows-1252.
//!
//! `clean_bytes` times one document through `Cleaner::clean_bytes` (what a
//! part of a big file goes through); `batch` times `batch::run` over the
//! damaged sample articles as 2,400 small files with 1 and 2 threads (the
//! machinery a directory run uses, without writing). Setup checks the
//! results (clean text unchanged, mojibake repaired), so a bench never times
//! a broken path.
//!
//!     cargo bench --bench pipeline

use std::path::PathBuf;

use divan::Bencher;
use divan::counter::BytesCount;
use textwash::batch::{self, Collect, Format, Job};
use textwash::input::{self, WalkOptions};
use textwash::output::Target;
use textwash::{Cleaner, Config};

fn main() {
    divan::main();
}

/// About this many bytes per input.
const SIZE: usize = 4 << 20;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn articles(dir: &str, langs: &[&str]) -> String {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root().join(dir)).expect("corpus").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut text = String::new();
    for path in files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        if langs.iter().any(|l| name.split('_').nth(1) == Some(l)) {
            text.push_str(&std::fs::read_to_string(&path).expect("UTF-8 article"));
            text.push('\n');
        }
    }
    text
}

/// windows-1252 as browsers read it: every byte a character.
fn mojibake(text: &str) -> String {
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
    decoded.into_owned()
}

fn input(kind: &str) -> Vec<u8> {
    let latin = ["fr", "de", "es", "pt", "it", "pl", "cs", "tr", "vi", "is"];
    let all = ["en", "fr", "de", "es", "pt", "it", "pl", "cs", "tr", "vi", "is", "ru", "uk", "el", "ar", "he", "hi"];
    let unit = match kind {
        "news_en" => articles("corpora/source", &["en"]),
        "news_latin" => articles("corpora/source", &latin),
        "news_cyrillic" => articles("corpora/source", &["ru", "uk"]),
        "news_cjk" => articles("corpora/source", &["zh", "ja", "ko"]),
        "mojibake" => articles("corpora/source", &all).lines().map(|l| mojibake(l) + "\n").collect(),
        _ => unreachable!("unknown input {kind}"),
    };
    // Articles are separated by a blank line; the text does not end with
    // one (normalize would remove it, and clean text must need nothing).
    let mut text = unit.repeat(SIZE / unit.len() + 1);
    while text.ends_with("\n\n") {
        text.pop();
    }
    text.into_bytes()
}

const KINDS: [&str; 5] = ["news_en", "news_latin", "news_cyrillic", "news_cjk", "mojibake"];

#[divan::bench(args = KINDS, sample_count = 20)]
fn clean_bytes(bencher: Bencher, kind: &str) {
    let cleaner = Cleaner::new(&Config::default()).expect("default config");
    let bytes = input(kind);
    let cleaned = cleaner.clean_bytes(&bytes).expect("text");
    if kind == "mojibake" {
        let repaired = cleaned.changes.iter().filter(|c| c.rule.id() == "repair/mojibake").count();
        assert!(repaired > 1000, "the mojibake was not repaired ({repaired} repairs)");
    } else {
        assert!(cleaned.changes.is_empty(), "{kind}: clean text changed: {:?}", &cleaned.changes[..1]);
    }
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| cleaner.clean_bytes(divan::black_box(&bytes)).is_ok());
}

/// The damaged sample articles as many small files.
fn batch_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let articles: Vec<Vec<u8>> = std::fs::read_dir(root().join("corpora/articles"))
        .expect("corpora/articles")
        .map(|e| std::fs::read(e.expect("entry").path()).expect("article"))
        .collect();
    for i in 0..2400 {
        let sub = dir.path().join(format!("{:02}", i % 24));
        std::fs::create_dir_all(&sub).expect("directory");
        std::fs::write(sub.join(format!("{i}.txt")), &articles[i % articles.len()]).expect("write");
    }
    dir
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn batch(bencher: Bencher, threads: usize) {
    let cleaner = Cleaner::new(&Config::default()).expect("default config");
    let dir = batch_dir();
    let bytes: u64 = walkdir_size(dir.path());
    let paths = vec![dir.path().to_path_buf()];
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut job = Job::new(Format::Text, Target::Nowhere);
        job.threads = threads;
        let mut collect = Collect::default();
        let sources = input::walk(&paths, &WalkOptions::default());
        let summary = batch::run(&cleaner, &job, sources, &mut collect).expect("run");
        assert_eq!(summary.documents, 2400);
    });
}

fn walkdir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| {
            let path = e.expect("entry").path();
            if path.is_dir() { walkdir_size(&path) } else { std::fs::metadata(&path).expect("metadata").len() }
        })
        .sum()
}
