//! Unified diffs of what `clean` would change (`clean --diff`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use similar::{ChangeTag, TextDiff};

const HEADER: Style = Style::new().bold();
const HUNK: Style = AnsiColor::Cyan.on_default();
const REMOVED: Style = AnsiColor::Red.on_default();
const ADDED: Style = AnsiColor::Green.on_default();

/// Writes a unified diff (three lines of context) from `before` to `after`,
/// with `name` in the headers. Lines without a final line break are marked
/// as `diff` marks them.
///
/// # Errors
///
/// When writing fails.
pub fn write(out: &mut impl Write, color: bool, name: &str, before: &str, after: &str) -> io::Result<()> {
    let diff = TextDiff::from_lines(before, after);
    let line = |out: &mut dyn Write, style: Style, text: &str| -> io::Result<()> {
        if color { writeln!(out, "{style}{text}{style:#}") } else { writeln!(out, "{text}") }
    };
    line(out, HEADER, &format!("--- {name}"))?;
    line(out, HEADER, &format!("+++ {name} (cleaned)"))?;
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        line(out, HUNK, &hunk.header().to_string())?;
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Delete => ('-', REMOVED),
                ChangeTag::Insert => ('+', ADDED),
                ChangeTag::Equal => (' ', Style::new()),
            };
            let text = change.value();
            let (text, missing_newline) = match text.strip_suffix('\n') {
                Some(t) => (t.strip_suffix('\r').map_or(t.to_owned(), |t| format!("{t}␍")), false),
                None => (text.to_owned(), true),
            };
            line(out, style, &format!("{sign}{text}"))?;
            if missing_newline {
                line(out, Style::new(), "\\ No newline at end of file")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_removed_and_changed_lines_with_context() {
        let before = "one\ntwo\nPHOTO/AFP\nthree Ã©\nfour\n";
        let after = "one\ntwo\nthree é\nfour\n";
        let mut out = Vec::new();
        write(&mut out, false, "a.txt", before, after).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "--- a.txt\n+++ a.txt (cleaned)\n@@ -1,5 +1,4 @@\n one\n two\n-PHOTO/AFP\n-three Ã©\n+three é\n four\n"
        );
    }

    #[test]
    fn marks_carriage_returns_and_missing_final_newlines() {
        let mut out = Vec::new();
        write(&mut out, false, "b.txt", "x\r\ny", "x\ny").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("-x␍\n+x\n"), "{text}");
        assert!(text.contains(" y\n\\ No newline at end of file\n"), "{text}");
    }
}
