//! What a line is, decided once for every stage.
//!
//! Repair works line by line, strip removes whole lines, normalize turns
//! every line break into LF. If they disagreed on where lines end, a second
//! run would see lines the first did not (a credit after a lone CR, say),
//! and cleaning would not be idempotent. So they all split here.
//!
//! A line ends at LF, CR (CRLF counts as one break), VT, FF, U+2028 LINE
//! SEPARATOR or U+2029 PARAGRAPH SEPARATOR. FF separates the pages of
//! pdftotext output and VT is a manual line break in word-processor exports;
//! removing them would glue two words. NEL (U+0085) is deliberately not a
//! break: by the time text is split, repair has turned every C1 control it
//! could explain into the windows-1252 character it stood for, and a NEL left
//! over is debris (most often a "…" read as latin-1).

/// True for a character that ends a line.
#[must_use]
pub fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}')
}

/// One line of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// Byte offset of the line in the text.
    pub start: usize,
    /// The line without its break.
    pub content: &'a str,
    /// Its line break: empty on a last line without one.
    pub brk: &'a str,
}

impl<'a> Line<'a> {
    /// Byte offset just past the line and its break.
    #[must_use]
    pub fn end(&self) -> usize {
        self.start + self.content.len() + self.brk.len()
    }

    /// The line with its break, as it stands in the text.
    #[must_use]
    pub fn with_break(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end()]
    }
}

/// The lines of `text`, in order. An empty text has no lines; a text ending
/// with a break has no empty line after it.
pub fn split(text: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    // VT and FF are rare: found once, then remembered until passed.
    let mut next_vt_ff = memchr::memchr2(0x0b, 0x0c, bytes);
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        if next_vt_ff.is_some_and(|i| i < pos) {
            next_vt_ff = memchr::memchr2(0x0b, 0x0c, &bytes[pos..]).map(|i| i + pos);
        }
        let limit = next_vt_ff.unwrap_or(bytes.len());
        let mut at = None;
        for i in memchr::memchr3_iter(b'\n', b'\r', 0xe2, &bytes[pos..limit]).map(|i| i + pos) {
            // 0xE2 starts U+2028 and U+2029 (E2 80 A8, E2 80 A9), and many
            // other characters (curly quotes, dashes) that are not breaks.
            if bytes[i] != 0xe2 || (bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9))) {
                at = Some(i);
                break;
            }
        }
        let at = at.or(next_vt_ff);
        let start = pos;
        let line = match at {
            Some(i) => {
                let len = match bytes[i] {
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                    0xe2 => 3,
                    _ => 1,
                };
                Line { start, content: &text[start..i], brk: &text[i..i + len] }
            }
            None => Line { start, content: &text[start..], brk: "" },
        };
        pos = line.end();
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(&str, &str)> {
        split(text).map(|l| (l.content, l.brk)).collect()
    }

    #[test]
    fn every_kind_of_break_ends_a_line() {
        assert_eq!(
            parts("a\nb\r\nc\rd\u{b}e\u{c}f\u{2028}g\u{2029}h"),
            [
                ("a", "\n"),
                ("b", "\r\n"),
                ("c", "\r"),
                ("d", "\u{b}"),
                ("e", "\u{c}"),
                ("f", "\u{2028}"),
                ("g", "\u{2029}"),
                ("h", "")
            ]
        );
        assert_eq!(parts("“quoted” — dash\n"), [("“quoted” — dash", "\n")]);
        assert_eq!(parts("no break"), [("no break", "")]);
        assert_eq!(parts(""), []);
        assert_eq!(parts("\n\n"), [("", "\n"), ("", "\n")]);
        assert_eq!(parts("x\u{85}y"), [("x\u{85}y", "")], "NEL is not a break");
    }

    #[test]
    fn agrees_with_a_naive_split() {
        let texts = ["a\u{c}\u{c}b\r\r\nc", "\u{2029}\u{b}\r", "é\r\nü\u{2028}\u{b}x\n", "€\u{b}€\u{c}€"];
        for text in texts {
            let mut naive = Vec::new();
            let mut start = 0;
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if is_break(c) {
                    let mut end = i + c.len_utf8();
                    if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                        end += 1;
                    }
                    naive.push((&text[start..i], &text[i..end]));
                    start = end;
                }
            }
            if start < text.len() {
                naive.push((&text[start..], ""));
            }
            assert_eq!(parts(text), naive, "{text:?}");
            assert_eq!(split(text).map(|l| l.with_break(text)).collect::<String>(), text);
        }
    }
}
