//! Throughput of the strip stage alone, on news text: the 24 articles of the
//! sample corpus (20 languages, clean truth) with credit and furniture lines
//! between their paragraphs, repeated to about 8 MB.
//!
//!     cargo bench --bench strip

use divan::counter::BytesCount;
use textwash::strip::{Options, Stripper};

fn main() {
    divan::main();
}

/// Lines a scraper leaves between paragraphs, one after every fourth.
const JUNK: &[&str] = &[
    "YURIY DYACHYSHYN/AFP/Getty",
    "Advertisement",
    "Read more: Storm batters coast, leaving 40,000 homes without power",
    "(AP Photo/Evan Vucci)",
    "Share this article",
    "Sign up for our morning newsletter",
    "© 2026 Northgate Media. All rights reserved.",
    "Foto: dpa",
];

fn news(with_junk: bool) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/source");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("corpora/source").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let mut articles = String::new();
    let mut junk = JUNK.iter().cycle();
    for path in paths {
        for (i, line) in std::fs::read_to_string(path).expect("article").lines().enumerate() {
            articles.push_str(line);
            articles.push('\n');
            if with_junk && i % 4 == 3 {
                articles.push_str(junk.next().expect("cycle"));
                articles.push('\n');
            }
        }
    }
    articles.repeat((8 << 20) / articles.len() + 1)
}

fn bench(bencher: divan::Bencher, text: &str) {
    let stripper = Stripper::new(&Options::default()).expect("default options");
    let mut changes = Vec::new();
    bencher.counter(BytesCount::of_str(text)).bench_local(|| {
        changes.clear();
        stripper.find(divan::black_box(text), &mut changes);
        changes.len()
    });
}

/// News articles with a junk line after every fourth paragraph.
#[divan::bench(sample_count = 30)]
fn news_with_junk(bencher: divan::Bencher) {
    bench(bencher, &news(true));
}

/// The same articles, clean: nothing to remove.
#[divan::bench(sample_count = 30)]
fn clean_news(bencher: divan::Bencher) {
    bench(bencher, &news(false));
}
