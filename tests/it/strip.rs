//! The strip stage on the articles of `tests/strip/*.toml` (see the README
//! there), and on the sample corpus: the truth files lose nothing, and every
//! junk line `corpora/README.md` lists is removed between two paragraphs.

use std::path::Path;

use textwash::{Cleaner, Config, report};

use crate::util::{Dir, code, corpora, run, run_with_stdin, stderr, stdout, textwash};

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
            let once = cleaner.clean_str(&text).text.into_owned();
            let again = removed(&cleaner, &once);
            if !again.is_empty() {
                wrong.push(format!("{} / {}: stripping twice removes more: {again:?}", path.display(), article.name));
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

fn footer_dump() -> String {
    let mut dump = String::new();
    for i in 0..6 {
        let text = format!(
            "Story {i} is about something that happened on day {i}, the council said.\nNorthgate Media, 4 Harbour Street, Port Harlow\nMore text for story {i}, with a quote from the mayor.\n"
        );
        dump.push_str(
            &serde_json::json!({"id": i, "url": format!("https://www.northgate.example/{i}"), "text": text})
                .to_string(),
        );
        dump.push('\n');
    }
    dump.push_str(&serde_json::json!({"id": 9, "url": "https://elsewhere.example/", "text": "Another story.\nNorthgate Media, 4 Harbour Street, Port Harlow\n"}).to_string());
    dump.push('\n');
    dump
}

#[test]
fn repeated_lines_are_removed_per_source_from_files_and_stdin_for_any_thread_count() {
    let dir = Dir::new();
    let dump = dir.write("dump.jsonl", footer_dump());
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out =
            run(textwash().args(["clean", "--no-config", "--jsonl", "--repeated-lines", "-j", threads]).arg(&dump));
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        outputs.push(stdout(&out));
    }
    let from_stdin = run_with_stdin(
        textwash().args(["clean", "--no-config", "--jsonl", "--repeated-lines"]),
        footer_dump().as_bytes(),
    );
    outputs.push(stdout(&from_stdin));
    assert!(outputs.iter().all(|o| o == &outputs[0]), "output depends on threads or stdin");
    let lines: Vec<&str> = outputs[0].lines().collect();
    assert!(lines[..6].iter().all(|l| !l.contains("Harbour Street")), "{}", outputs[0]);
    // The other source has the line once: it stays.
    assert!(lines[6].contains("Harbour Street"));
    // Without the flag, nothing of the kind happens.
    let plain = run(textwash().args(["clean", "--no-config", "--jsonl"]).arg(&dump));
    assert_eq!(stdout(&plain).matches("Harbour Street").count(), 7);
}

#[test]
fn removed_lines_go_to_a_side_file() {
    let dir = Dir::new();
    let article =
        dir.write("a.txt", "Body sentence one.\nYURIY DYACHYSHYN/AFP/Getty\nBody sentence two.\nAdvertisement\r\n");
    let removed = dir.path().join("removed.jsonl");
    let out = run(textwash().args(["clean", "--no-config", "--removed"]).arg(&removed).arg(&article));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let side = std::fs::read_to_string(&removed).expect("side file");
    let records: Vec<serde_json::Value> = side.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(records.len(), 2, "{side}");
    assert_eq!(records[0]["rule"], "strip/photo-credit");
    assert_eq!(records[0]["line"], 2);
    assert_eq!(records[0]["text"], "YURIY DYACHYSHYN/AFP/Getty");
    assert_eq!(records[1]["text"], "Advertisement");
    assert_eq!(records[1]["record"], serde_json::Value::Null);
}

#[test]
fn the_nearest_configuration_file_applies_and_a_bad_one_is_an_error_with_its_line() {
    let dir = Dir::new();
    dir.write(
        "textwash.toml",
        "[strip]\ndisable = [\"strip/advert\"]\n\n[[strip.pattern]]\nname = \"footer\"\nregex = \"^Northgate Media\"\n",
    );
    let article = dir.write("deep/er/a.txt", "Advertisement\nBody sentence.\nNorthgate Media, Port Harlow\n");
    let out = run(textwash().current_dir(dir.path().join("deep/er")).args(["clean", "a.txt"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "Advertisement\nBody sentence.\n");
    let ignored = run(textwash().current_dir(dir.path()).args(["clean", "--no-config"]).arg(&article));
    assert_eq!(stdout(&ignored), "Body sentence.\nNorthgate Media, Port Harlow\n");
    let bad = dir.write("bad.toml", "[strip]\ndisable = [\"strip/adverts\"]\n");
    let out = run(textwash().args(["clean", "--config"]).arg(&bad).arg(&article));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("bad.toml:2:12: no strip rule \"strip/adverts\""), "{}", stderr(&out));
}
