//! Turning change records into words: where a change is and what it did,
//! for people at a terminal ([`describe`], [`diff`]) and for CI
//! ([`findings`]: the formats of `textwash check`).

pub mod diff;
pub mod findings;

use std::fmt::Write;

use crate::change::{Change, Stage};

/// A position in the decoded text, counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Where each change starts in `decoded` (the text the text stages started
/// from), mapping stage-local spans back through the earlier stages' edits.
/// Decode changes index raw bytes: whole-document facts (an empty `before`:
/// "decoded as windows-1251") are placed at 1:1; edits (a BOM, an invalid
/// run) at their raw offset shifted by what the decode edits before them
/// added or removed.
#[must_use]
pub fn locate(decoded: &str, changes: &[Change]) -> Vec<Location> {
    let mut earlier: Vec<&[Change]> = Vec::new();
    let mut locations = Vec::with_capacity(changes.len());
    let mut start = 0;
    while start < changes.len() {
        let stage = changes[start].rule.stage();
        let end = start + changes[start..].iter().take_while(|c| c.rule.stage() == stage).count();
        let group = &changes[start..end];
        let mut decode_delta: isize = 0;
        for change in group {
            let offset = if stage == Stage::Decode {
                if change.before.is_empty() {
                    0
                } else {
                    let offset = change.span.start.saturating_add_signed(decode_delta);
                    decode_delta += change.after.len() as isize - change.span.len() as isize;
                    offset
                }
            } else {
                earlier.iter().rev().fold(change.span.start, |offset, stage_changes| map_back(offset, stage_changes))
            };
            locations.push(location_of(decoded, offset));
        }
        if stage != Stage::Decode {
            earlier.push(group);
        }
        start = end;
    }
    locations
}

/// Maps a byte offset in a stage's output back to its input.
fn map_back(offset: usize, changes: &[Change]) -> usize {
    let mut delta: isize = 0;
    for change in changes {
        let out_start = change.span.start.saturating_add_signed(delta);
        if offset < out_start {
            break;
        }
        if offset < out_start + change.after.len() {
            return change.span.start;
        }
        delta += change.delta();
    }
    offset.saturating_add_signed(-delta)
}

fn location_of(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// `text` with invisible and ambiguous characters made visible (`\u{a0}`,
/// `\n`), quoted, and shortened in the middle past `max` characters.
#[must_use]
pub fn visible(text: &str, max: usize) -> String {
    let mut out = String::from("\"");
    let count = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        if count > max && i == max / 2 {
            out.push('…');
        }
        if count > max && i >= max / 2 && i < count - max / 2 {
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// White space other than a plain space, and format characters, which a
/// terminal would not show.
fn is_invisible(c: char) -> bool {
    (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fffd}')
}

/// One change described on a few lines, for `explain` and `clean --explain`:
/// where, which rule and why, what it changed, and for repairs the steps.
///
/// ```text
/// 3:224 repair/lost-nbsp: a no-break space, double-encoded, lost its second byte
///     "Â" → "\u{a0}"
///     steps: encode as windows-1252; restore byte 0xA0 at byte 1 (it had been stripped); decode as UTF-8
/// 8:1 removed by strip/photo-credit: a NAME/AGENCY photo credit line
///     "YURIY DYACHYSHYN/AFP/Getty\n"
/// ```
#[must_use]
pub fn describe(change: &Change, location: Location) -> String {
    let removal = !change.before.is_empty() && change.after.is_empty();
    let verb = if removal { "removed by " } else { "" };
    let mut out = format!("{}:{} {verb}{}: {}\n", location.line, location.column, change.rule, change.reason);
    match (change.before.is_empty(), change.after.is_empty()) {
        (true, true) => {}
        (false, true) => {
            let _ = writeln!(out, "    {}", visible(&change.before, 80));
        }
        _ => {
            let _ = writeln!(out, "    {} → {}", visible(&change.before, 60), visible(&change.after, 60));
        }
    }
    if !change.plan.is_empty() {
        let steps: Vec<String> = change.plan.iter().map(crate::repair::Step::describe).collect();
        let _ = writeln!(out, "    steps: {}", steps.join("; "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Config};

    #[test]
    fn locations_point_into_the_original_text() {
        let text = "First line  \nYURIY DYACHYSHYN/AFP/Getty\nIn Miami.Â\n\n\n";
        let cleaned = Cleaner::new(&Config::default()).unwrap().clean_str(text);
        let found: Vec<(&str, usize, usize)> = cleaned
            .changes
            .iter()
            .zip(locate(text, &cleaned.changes))
            .map(|(c, l)| (c.rule.id(), l.line, l.column))
            .collect();
        assert_eq!(
            found,
            [
                ("repair/lost-nbsp", 3, 10),
                ("strip/photo-credit", 2, 1),
                ("normalize/trailing-whitespace", 1, 11),
                ("normalize/trailing-whitespace", 3, 10),
                ("normalize/edge-blank-lines", 4, 1),
            ]
        );
    }

    #[test]
    fn decode_changes_are_placed_in_the_decoded_text() {
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        let decoded = cleaner.decode(b"caf\xe9\ncaf\xe9 cr\xc3\xa8me").unwrap();
        assert_eq!(decoded.text, "café\ncafé crème");
        let found: Vec<(usize, usize)> =
            locate(&decoded.text, &decoded.changes).iter().map(|l| (l.line, l.column)).collect();
        assert_eq!(found, [(1, 4), (2, 4)]);
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(visible("a\u{a0}b\n", 80), "\"a\\u{a0}b\\n\"");
        assert_eq!(visible("abcdefghij", 4), "\"ab…ij\"");
    }
}
