//! `check`, `explain` and `clean --diff` on the corpus: every format
//! snapshotted, findings equal to clean's changes, exit codes.

use std::collections::BTreeMap;

use textwash::{Cleaner, Config};

use crate::util::{Dir, code, corpora, run, stderr, stdout, textwash};

/// Runs the binary from the repository root so paths in its output are the
/// relative ones a user would see.
fn at_root(args: &[&str]) -> std::process::Output {
    run(textwash().current_dir(env!("CARGO_MANIFEST_DIR")).args(args))
}

#[test]
fn check_formats_on_the_corpus() {
    for (format, name) in [("human", "check_human"), ("json", "check_json"), ("github", "check_github")] {
        let out = at_root(&["check", "--format", format, "-j", "2", "corpora/articles"]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        insta::assert_snapshot!(name, stdout(&out));
    }
    let stats = at_root(&["check", "--statistics", "corpora/articles"]);
    assert_eq!(code(&stats), 1);
    insta::assert_snapshot!("check_statistics", stdout(&stats));
}

/// Rule id, span, before, after: what identifies a change.
type Edit = (String, usize, usize, String, String);

#[test]
fn check_reports_exactly_what_clean_changes() {
    let out = at_root(&["check", "--format", "json", "corpora/articles"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let mut reported: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    for line in stdout(&out).lines() {
        let f: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        reported.entry(f["path"].as_str().unwrap().to_owned()).or_default().push((
            f["rule"].as_str().unwrap().to_owned(),
            f["span"]["start"].as_u64().unwrap() as usize,
            f["span"]["end"].as_u64().unwrap() as usize,
            f["before"].as_str().unwrap().to_owned(),
            f["after"].as_str().unwrap().to_owned(),
        ));
    }
    let cleaner = Cleaner::new(&Config::default()).unwrap();
    let mut documents = 0;
    for entry in std::fs::read_dir(corpora().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let cleaned = cleaner.clean_bytes(&bytes).unwrap();
        let expected: Vec<_> = cleaned
            .changes
            .iter()
            .map(|c| (c.rule.id().to_owned(), c.span.start, c.span.end, c.before.to_string(), c.after.to_string()))
            .collect();
        let key = format!("corpora/articles/{}", path.file_name().unwrap().to_string_lossy());
        assert_eq!(reported.remove(&key).unwrap_or_default(), expected, "{key}");
        documents += 1;
    }
    assert!(documents >= 20);
    assert!(reported.is_empty(), "findings for documents that do not exist: {:?}", reported.keys());
}

#[test]
fn select_ignore_and_threshold_decide_the_exit_code() {
    let dir = Dir::new();
    let path = dir.write("a.txt", "Fine text.  \nMARIA LOPEZ/AFP/Getty\nMore text.\n");
    let check = |extra: &[&str]| run(textwash().arg("check").args(extra).arg(&path));

    let all = check(&[]);
    assert_eq!(code(&all), 1);
    assert_eq!(stdout(&all).lines().filter(|l| l.contains(": strip/") || l.contains(": normalize/")).count(), 2);

    let strip_only = check(&["--select", "strip"]);
    assert_eq!(code(&strip_only), 1);
    assert!(stdout(&strip_only).contains("strip/photo-credit") && !stdout(&strip_only).contains("normalize/"));

    let ignored = check(&["--ignore", "strip,normalize/trailing-whitespace"]);
    assert_eq!((code(&ignored), stdout(&ignored).as_str()), (0, ""));

    assert_eq!(code(&check(&["--threshold", "2"])), 0, "two findings are tolerated");
    assert_eq!(code(&check(&["--threshold", "1"])), 1);

    let unknown = check(&["--select", "strip/credits"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown rule or stage \"strip/credits\""), "{}", stderr(&unknown));
}

#[test]
fn github_annotations_point_at_the_line() {
    let dir = Dir::new();
    let path = dir.write("a.txt", "Fine text.\nMARIA LOPEZ/AFP/Getty\nMore text.\n");
    let out = run(textwash().args(["check", "--format", "github"]).arg(&path));
    assert_eq!(code(&out), 1);
    let annotation = stdout(&out);
    assert!(annotation.starts_with("::error file="), "{annotation}");
    assert!(
        annotation.contains(",line=2,col=1,title=strip/photo-credit::a NAME/AGENCY photo credit line"),
        "{annotation}"
    );
}

#[test]
fn explain_a_corpus_file() {
    let out = at_root(&["explain", "--file", "corpora/articles/01_en_storm.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("explain_01_en_storm", stdout(&out));
}

#[test]
fn clean_diff_shows_what_would_change_and_writes_nothing() {
    let out = at_root(&["clean", "--diff", "corpora/articles/16_ru_nauka.txt", "corpora/articles/06_fr_presse.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("clean_diff", stdout(&out));
    assert!(!stdout(&out).contains("06_fr_presse"), "an unchanged document has no diff");
}

#[test]
fn the_summary_counts_documents_changes_and_skips() {
    let dir = Dir::new();
    dir.write("in/a.txt", "Fine text.  \n");
    dir.write("in/b.txt", "Fine text.\n");
    dir.write("in/c.png", b"\x89PNG\r\n\x1a\n\0\0");
    let out = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    let summary = err.lines().find(|l| l.starts_with("textwash: 3 documents")).unwrap_or_else(|| panic!("{err}"));
    assert!(summary.ends_with("1 changed, 1 skipped, 0 failed"), "{summary}");
    assert!(err.contains("  1 change: normalize/trailing-whitespace 1"), "{err}");
    assert!(err.contains("  skipped 1: looks like a binary file (a PNG image); skipped:"), "{err}");
    let quiet =
        run(textwash().args(["clean", "--quiet"]).arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out2")));
    assert_eq!(stderr(&quiet).lines().filter(|l| !l.contains("warning")).count(), 0, "{}", stderr(&quiet));
}
