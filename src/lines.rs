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
    // The breaks other than LF and CR are rare: each kind is found once, and
    // its place remembered until passed. (0xE2, which leads U+2028 and
    // U+2029, also leads every curly quote and dash: a search that stopped
    // at each would stop every few words of English.)
    let vt_ff = |from: usize| memchr::memchr2(0x0b, 0x0c, &bytes[from..]).map(|i| i + from);
    let separator = |finder: &memchr::memmem::Finder<'_>, from: usize| finder.find(&bytes[from..]).map(|i| i + from);
    let (line_sep, para_sep) = (memchr::memmem::Finder::new("\u{2028}"), memchr::memmem::Finder::new("\u{2029}"));
    let mut next = [vt_ff(0), separator(&line_sep, 0), separator(&para_sep, 0)];
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        for (kind, at) in next.iter_mut().enumerate() {
            if at.is_some_and(|i| i < pos) {
                *at = match kind {
                    0 => vt_ff(pos),
                    1 => separator(&line_sep, pos),
                    _ => separator(&para_sep, pos),
                };
            }
        }
        let rare = next.iter().flatten().min().copied();
        let limit = rare.unwrap_or(bytes.len());
        let at = memchr::memchr2(b'\n', b'\r', &bytes[pos..limit]).map(|i| i + pos).or(rare);
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

    /// The lines by the definition: every break character, CRLF as one.
    fn naive(text: &str) -> Vec<(&str, &str)> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_break(c) {
                let mut end = i + c.len_utf8();
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                    end += 1;
                }
                lines.push((&text[start..i], &text[i..end]));
                start = end;
            }
        }
        if start < text.len() {
            lines.push((&text[start..], ""));
        }
        lines
    }

    #[test]
    fn agrees_with_a_naive_split() {
        let texts = ["a\u{c}\u{c}b\r\r\nc", "\u{2029}\u{b}\r", "é\r\nü\u{2028}\u{b}x\n", "€\u{b}€\u{c}€"];
        for text in texts {
            assert_eq!(parts(text), naive(text), "{text:?}");
            assert_eq!(split(text).map(|l| l.with_break(text)).collect::<String>(), text);
        }
    }

    proptest::proptest! {
        /// Every mix of the breaks, found by different searches, and of the
        /// characters that share their lead byte.
        #[test]
        fn agrees_with_a_naive_split_on_any_mix(text in "([a-z]{0,5}|[\n\r\u{b}\u{c}]|\u{2028}|\u{2029}|[\u{2018}-\u{201d}]|\u{2027}|\u{202a}){0,30}") {
            proptest::prop_assert_eq!(parts(&text), naive(&text));
        }
    }
}
