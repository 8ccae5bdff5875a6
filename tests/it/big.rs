//! Documents too big to hold whole (`batch::PART_BYTES`): read, cleaned and
//! written in parts, with the same result as cleaning them whole.

use textwash::{Cleaner, Config};

use crate::util::{Dir, code, corpora, run, stderr, stdout, textwash};

/// Our damaged articles, one after another, repeated to about `mb` MB: a
/// dump of many articles with every kind of damage.
fn dump(mb: usize) -> String {
    let mut articles = String::new();
    for entry in std::fs::read_dir(corpora().join("articles")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        // The legacy-encoded ones would make the whole dump mostly-UTF-8.
        if let Ok(text) = String::from_utf8(bytes) {
            articles.push_str(&text);
            articles.push('\n');
        }
    }
    articles.repeat(mb * 1024 * 1024 / articles.len() + 1)
}

#[test]
fn a_big_document_cleans_as_it_would_whole() {
    let dir = Dir::new();
    let text = dump(3);
    let path = dir.write("dump.txt", &text);
    let whole = Cleaner::new(&Config::default()).unwrap().clean_str(&text).text.into_owned();
    for threads in ["1", "2"] {
        let out = run(textwash().args(["clean", "-j", threads]).arg(&path));
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(stdout(&out) == whole, "-j {threads}: the parts differ from the whole");
    }
}

#[test]
fn findings_in_a_big_document_point_at_their_line() {
    let dir = Dir::new();
    let mut text =
        "A long enough paragraph of body text for the cutter to like it as a boundary, and more.\n".repeat(30_000);
    text.push_str("MARIA LOPEZ/AFP/Getty\nThe end of the story, told at length so that it is body text too.\n");
    let path = dir.write("big.txt", &text);
    let out = run(textwash().args(["check", "--format", "json"]).arg(&path));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let finding: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!((finding["rule"].as_str(), finding["line"].as_u64()), (Some("strip/photo-credit"), Some(30_001)));
    let summary = run(textwash().args(["clean", "-o"]).arg(dir.path().join("out.txt")).arg(&path));
    assert_eq!(code(&summary), 0, "{}", stderr(&summary));
    assert_eq!(dir.read_string("out.txt"), text.replace("MARIA LOPEZ/AFP/Getty\n", ""));
}

#[test]
fn a_big_utf16_document_is_cut_between_characters() {
    let dir = Dir::new();
    let text = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στήριξη των νοικοκυριών, είπε ο υπουργός.\n".repeat(12_000);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert!(bytes.len() > 2 * textwash::batch::PART_BYTES);
    let path = dir.write("greek-utf16.txt", &bytes);
    let out = run(textwash().args(["clean", "-j", "2"]).arg(&path));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out) == text, "UTF-16 parts decoded wrong");
}

#[test]
fn lines_longer_than_a_part_are_kept_whole() {
    let dir = Dir::new();
    // Lines of three parts and more between ordinary ones: the reader keeps
    // reading until a line ends, in UTF-8 and in UTF-16 (where a line feed
    // is two bytes at an even offset, and may straddle two reads).
    let long = "Ο λόγος συνεχίζεται χωρίς τέλος, ".repeat(3 * textwash::batch::PART_BYTES / 60);
    let short = "A short paragraph of body text between the long ones, and then some more of it.\n";
    let text = format!("{short}{long}\n{short}{long}é\n{short}");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("long.txt", text.as_bytes().to_vec()), ("long-utf16.txt", utf16)] {
        let path = dir.write(name, &bytes);
        let out = run(textwash().args(["clean", "-j", "2"]).arg(&path));
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        let cleaned = stdout(&out);
        assert_eq!(cleaned.lines().count(), 5, "{name}");
        assert!(cleaned == text.replace(", \n", ",\n"), "{name}: the long lines came out changed");
    }
}

#[test]
fn a_last_line_longer_than_a_part_without_a_line_break_is_read_to_its_end() {
    let dir = Dir::new();
    // It used to loop forever: the reader forgot that the input had ended
    // while it waited for a line break that never came.
    let paragraph = "A paragraph of body text before the long tail of the document, and more of it.\n";
    let text = format!("{}{}", paragraph.repeat(10), "y".repeat(textwash::batch::PART_BYTES + 100_000));
    let path = dir.write("tail.txt", &text);
    let out = dir.path().join("out.txt");
    let mut child = textwash().arg("clean").arg(&path).arg("-o").arg(&out).spawn().unwrap();
    // A guard against the hang coming back, not a measure of speed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("textwash did not finish a document whose last line has no line break");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(dir.read_string("out.txt") == text, "the document came out changed");
}
