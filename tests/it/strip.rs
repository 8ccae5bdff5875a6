//! The strip stage on the articles of `tests/strip/*.toml` (see the README
//! there), and on the sample corpus: the truth files lose nothing, and every
//! junk line `corpora/README.md` lists is removed between two paragraphs.

use std::path::Path;

use textwash::{Cleaner, Config, report};

use crate::util::corpora;

fn stripper() -> Cleaner {
    let config = Config { decode: None, repair: None, normalize: None, ..Config::default() };
    Cleaner::new(&config).expect("default strip options")
}

/// (line number from 1, rule id) of every line the strip stage removes.
fn removed(cleaner: &Cleaner, text: &str) -> Vec<(usize, String)> {
    let cleaned = cleaner.clean_str(text);
    cleaned
        .changes
        .iter()
        .zip(report::locate(text, &cleaned.changes))
        .map(|(c, at)| (at.line, c.rule.to_string()))
        .collect()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    article: Vec<Article>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    name: String,
    lines: String,
}

#[test]
fn test_articles_lose_their_furniture_and_keep_their_body() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/strip");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/strip")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "tests/strip holds the strip test articles");
    let cleaner = stripper();
    let (mut wrong, mut checked) = (Vec::new(), 0);
    for path in files {
        let source = std::fs::read_to_string(&path).expect("read test file");
        let file: File = toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for article in file.article {
            let mut text = String::new();
            let mut expected = Vec::new();
            for (n, marked) in article.lines.lines().enumerate() {
                let (mark, line) =
                    marked.split_once('|').unwrap_or_else(|| panic!("{}: no '|' in {marked:?}", article.name));
                let line = line.strip_prefix(' ').unwrap_or(line);
                if let Some(rule) = mark.trim().strip_prefix('-') {
                    expected.push((n + 1, format!("strip/{}", rule.trim())));
                }
                text.push_str(line);
                text.push('\n');
            }
            let got = removed(&cleaner, &text);
            let lines: Vec<&str> = text.lines().collect();
            for (n, rule) in &expected {
                match got.iter().find(|(m, _)| m == n) {
                    None => wrong.push(format!(
                        "{} / {}: kept line {n} (want {rule}): {:?}",
                        path.display(),
                        article.name,
                        lines[n - 1]
                    )),
                    Some((_, r)) if r != rule => wrong.push(format!(
                        "{} / {}: line {n} removed by {r}, want {rule}: {:?}",
                        path.display(),
                        article.name,
                        lines[n - 1]
                    )),
                    Some(_) => {}
                }
            }
            for (n, rule) in &got {
                if !expected.iter().any(|(m, _)| m == n) {
                    wrong.push(format!(
                        "{} / {}: removed line {n} ({rule}), must keep: {:?}",
                        path.display(),
                        article.name,
                        lines[n - 1]
                    ));
                }
            }
            checked += lines.len();
        }
    }
    assert!(wrong.is_empty(), "{} of {checked} lines wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn truth_files_of_the_corpus_lose_nothing() {
    let cleaner = stripper();
    for entry in std::fs::read_dir(corpora().join("source")).expect("corpora/source") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read source");
        assert_eq!(removed(&cleaner, &text), [], "{}", path.display());
    }
}

#[test]
fn every_junk_line_of_the_corpus_readme_is_removed_between_paragraphs() {
    let readme = std::fs::read_to_string(corpora().join("README.md")).expect("corpora/README.md");
    let cleaner = stripper();
    let mut junk = 0;
    for line in readme.lines().filter(|l| l.starts_with("- junk (")) {
        let Some(text) = line.split('`').nth(1) else { continue };
        junk += 1;
        // A wire signature ("— Associated Press") counts only at the end.
        let article = if line.starts_with("- junk (wire") {
            format!("The first paragraph ends here, as body text does.\n{text}\n")
        } else {
            format!("The first paragraph ends here, as body text does.\n{text}\nThe second paragraph ends here too.\n")
        };
        assert_eq!(removed(&cleaner, &article).len(), 1, "{text:?}");
    }
    assert!(junk >= 100, "the README lists the junk lines ({junk} found)");
}
