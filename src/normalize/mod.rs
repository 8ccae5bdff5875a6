//! Normalize stage: one Unicode form, one kind of line break, no invisible
//! junk.
//!
//! The stage walks the text line by line and, for each line, emits edits for
//! the rules that apply, left to right, never overlapping: controls and
//! normal form inside the line, then trailing white space, then the line
//! break. Whole blank lines are removed as one edit. One pass is enough,
//! because no rule can create work for another: normalizing never produces
//! white space, controls or line breaks, and removals never join characters
//! across a line break.
//!
//! Defaults suit corpus preparation: NFC (it changes no meaning, unlike NFKC,
//! which turns "²" into "2"), LF line breaks, no trailing white space, at most
//! one blank line in a row, none at the edges, no control characters.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

use crate::change::{Change, rules};

rules! {
    /// Rules of the normalize stage.
    pub enum Rule {
        /// Text not in NFC (canonically composed) was composed.
        Nfc => "normalize/nfc", "text put into Unicode normal form C",
        /// Text not in NFKC was normalized (only with `--nfkc`).
        Nfkc => "normalize/nfkc", "text put into Unicode normal form KC",
        /// CRLF, CR, NEL, U+2028 and U+2029 became LF.
        LineEnding => "normalize/line-ending", "a line break other than LF became LF",
        /// White space at the end of a line was removed.
        TrailingWhitespace => "normalize/trailing-whitespace", "white space at the end of a line was removed",
        /// A run of blank lines was shortened.
        BlankLines => "normalize/blank-lines", "a run of blank lines was shortened",
        /// Blank lines at the start or the end of the text were removed.
        EdgeBlankLines => "normalize/edge-blank-lines", "blank lines at the start or the end were removed",
        /// Control characters (other than tab and line breaks) and stray
        /// byte-order marks were removed.
        Controls => "normalize/controls", "a control character or stray byte-order mark was removed",
    }
}

/// The Unicode normal form to put text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Form {
    /// Canonical composition: same text, one encoding of it.
    #[default]
    Nfc,
    /// Compatibility composition: also folds ligatures, superscripts, full
    /// width forms. Changes meaning in places ("x²" → "x2"), so opt-in.
    Nfkc,
}

/// Options of the normalize stage. Each rule can be switched off.
#[derive(Clone, Debug)]
pub struct Options {
    /// The normal form, or `None` to leave normalization forms alone.
    pub form: Option<Form>,
    /// Turn every line break into LF.
    pub line_endings: bool,
    /// Remove white space at line ends.
    pub trailing_whitespace: bool,
    /// Keep at most this many blank lines in a row; `None` keeps all.
    pub max_blank_lines: Option<usize>,
    /// Remove blank lines at the start and the end of the text.
    pub edge_blank_lines: bool,
    /// Remove control characters and stray byte-order marks.
    pub controls: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            form: Some(Form::Nfc),
            line_endings: true,
            trailing_whitespace: true,
            max_blank_lines: Some(1),
            edge_blank_lines: true,
            controls: true,
        }
    }
}

/// The normalize stage, built once from [`Options`].
#[derive(Clone, Debug)]
pub struct Normalizer {
    options: Options,
}

/// One line: its content and its line break (empty on a last line without one).
struct Line<'a> {
    start: usize,
    content: &'a str,
    brk: &'a str,
}

impl Normalizer {
    /// Builds the stage.
    #[must_use]
    pub fn new(options: &Options) -> Normalizer {
        Normalizer { options: options.clone() }
    }

    /// Appends the edits `text` needs to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        let lines: Vec<Line<'_>> = lines(text).collect();
        let blank: Vec<bool> = lines.iter().map(|l| self.is_blank(l.content)).collect();
        let first = blank.iter().position(|b| !b);
        let last = blank.iter().rposition(|b| !b);
        let mut i = 0;
        while i < lines.len() {
            if !blank[i] {
                self.line_edits(text, &lines[i], out);
                i += 1;
                continue;
            }
            let run_end = (i..lines.len()).find(|&j| !blank[j]).unwrap_or(lines.len());
            let at_edge = first.is_none_or(|f| i < f) || last.is_none_or(|l| i > l);
            let keep = match (at_edge, self.options.max_blank_lines) {
                (true, _) if self.options.edge_blank_lines => 0,
                (_, Some(max)) if !at_edge => max.min(run_end - i),
                _ => run_end - i,
            };
            for line in &lines[i..i + keep] {
                self.line_edits(text, line, out);
            }
            if keep < run_end - i {
                let first_removed = &lines[i + keep];
                let last_removed = &lines[run_end - 1];
                let end = last_removed.start + last_removed.content.len() + last_removed.brk.len();
                let (rule, reason) = if at_edge {
                    (Rule::EdgeBlankLines, "blank lines at the edge of the text")
                } else {
                    (Rule::BlankLines, "more blank lines in a row than allowed")
                };
                out.push(Change::new(crate::Rule::Normalize(rule), text, first_removed.start..end, "", reason));
            }
            i = run_end;
        }
    }

    /// Whether a line's content is blank: only white space and characters
    /// this stage removes.
    fn is_blank(&self, content: &str) -> bool {
        content.chars().all(|c| c.is_whitespace() || (self.options.controls && is_removable_control(c)))
    }

    /// Edits inside one line that is kept: controls and normal form, trailing
    /// white space, line break.
    fn line_edits(&self, text: &str, line: &Line<'_>, out: &mut Vec<Change>) {
        let content_end = line.start + line.content.len();
        let body_len = if self.options.trailing_whitespace {
            line.content
                .trim_end_matches(|c: char| c.is_whitespace() || (self.options.controls && is_removable_control(c)))
                .len()
        } else {
            line.content.len()
        };
        let body = &line.content[..body_len];
        if !body.is_ascii() || (self.options.controls && body.bytes().any(|b| b < 0x20 && b != b'\t' || b == 0x7f)) {
            self.body_edits(text, line.start, body, out);
        }
        if body_len < line.content.len() {
            out.push(Change::new(
                crate::Rule::Normalize(Rule::TrailingWhitespace),
                text,
                line.start + body_len..content_end,
                "",
                "white space at the end of the line",
            ));
        }
        if self.options.line_endings && !line.brk.is_empty() && line.brk != "\n" {
            out.push(Change::new(
                crate::Rule::Normalize(Rule::LineEnding),
                text,
                content_end..content_end + line.brk.len(),
                "\n",
                format!("{} line break", break_name(line.brk)),
            ));
        }
    }

    /// Control removal and normal form inside a line's body (which starts at
    /// byte `offset` of `text`).
    fn body_edits(&self, text: &str, offset: usize, body: &str, out: &mut Vec<Change>) {
        let mut run_start = 0;
        for (i, c) in body.char_indices() {
            if self.options.controls && is_removable_control(c) {
                self.form_edit(text, offset + run_start, &body[run_start..i], out);
                let reason = if c == '\u{feff}' { "a stray byte-order mark" } else { "a control character" };
                out.push(Change::new(
                    crate::Rule::Normalize(Rule::Controls),
                    text,
                    offset + i..offset + i + c.len_utf8(),
                    "",
                    reason,
                ));
                run_start = i + c.len_utf8();
            }
        }
        self.form_edit(text, offset + run_start, &body[run_start..], out);
    }

    /// Puts `run` (at byte `offset` of `text`) into the normal form, emitting
    /// one edit that covers only the part that changes.
    fn form_edit(&self, text: &str, offset: usize, run: &str, out: &mut Vec<Change>) {
        let Some(form) = self.options.form else { return };
        if run.is_ascii() {
            return;
        }
        let quick = match form {
            Form::Nfc => is_nfc_quick(run.chars()),
            Form::Nfkc => is_nfkc_quick(run.chars()),
        };
        if quick == IsNormalized::Yes {
            return;
        }
        let normal: String = match form {
            Form::Nfc => run.nfc().collect(),
            Form::Nfkc => run.nfkc().collect(),
        };
        if normal == run {
            return;
        }
        // Narrow the edit to the characters that differ.
        let prefix = common_prefix(run, &normal);
        let suffix = common_suffix(&run[prefix..], &normal[prefix..]);
        let (rule, reason) = match form {
            Form::Nfc => (Rule::Nfc, "decomposed characters composed (NFC)"),
            Form::Nfkc => (Rule::Nfkc, "compatibility characters folded (NFKC)"),
        };
        let span = offset + prefix..offset + run.len() - suffix;
        out.push(Change::new(crate::Rule::Normalize(rule), text, span, &normal[prefix..normal.len() - suffix], reason));
    }
}

/// Length in bytes of the longest common prefix of `a` and `b` that ends
/// where a new cluster starts (see [`starts_cluster`]), so that an edit after
/// it holds whole characters with all their marks.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut len = 0;
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            break;
        }
        len = i + ca.len_utf8();
    }
    while len > 0
        && !(a[len..].chars().next().is_none_or(starts_cluster) && b[len..].chars().next().is_none_or(starts_cluster))
    {
        len = a[..len].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    len
}

/// Like [`common_prefix`], from the end: the common suffix must begin with a
/// character that starts a cluster.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut len = 0;
    let mut safe = 0;
    for (ca, cb) in a.chars().rev().zip(b.chars().rev()) {
        if ca != cb {
            break;
        }
        len += ca.len_utf8();
        if starts_cluster(ca) {
            safe = len;
        }
    }
    safe
}

/// True when `c` never combines with the character before it under
/// normalization: canonical combining class 0 and not one of the few
/// class-0 characters that compose backwards (NFC_Quick_Check=Maybe).
fn starts_cluster(c: char) -> bool {
    c.is_ascii()
        || unicode_normalization::char::canonical_combining_class(c) == 0
            && !matches!(c,
                '\u{09BE}' | '\u{09D7}' | '\u{0B3E}' | '\u{0B56}' | '\u{0B57}' | '\u{0BBE}' | '\u{0BD7}' | '\u{0CC2}'
                | '\u{0CD5}' | '\u{0CD6}' | '\u{0D3E}' | '\u{0D57}' | '\u{0DCF}' | '\u{0DDF}' | '\u{102E}' | '\u{1B35}'
                | '\u{1161}'..='\u{1175}' | '\u{11A8}'..='\u{11C2}' | '\u{11127}' | '\u{1133E}' | '\u{11357}' | '\u{114B0}'
                | '\u{114BD}' | '\u{115AF}' | '\u{11930}')
}

/// Controls removed by the controls rule: C0 except tab (line breaks never
/// reach here), DEL, C1 except NEL (a line break), and U+FEFF inside text.
fn is_removable_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{feff}')
}

fn break_name(brk: &str) -> &'static str {
    match brk {
        "\r\n" => "a CRLF",
        "\r" => "a CR",
        "\u{85}" => "a NEL",
        "\u{2028}" => "a U+2028 LINE SEPARATOR",
        "\u{2029}" => "a U+2029 PARAGRAPH SEPARATOR",
        _ => "an unusual",
    }
}

/// The lines of `text`, split at LF, CRLF, CR, NEL, U+2028 and U+2029.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let start = pos;
        let found = rest.char_indices().find(|&(_, c)| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'));
        let line = match found {
            Some((i, c)) => {
                let brk_len = if rest[i..].starts_with("\r\n") { 2 } else { c.len_utf8() };
                Line { start, content: &rest[..i], brk: &rest[i..i + brk_len] }
            }
            None => Line { start, content: rest, brk: "" },
        };
        pos = start + line.content.len() + line.brk.len();
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalize(text: &str) -> String {
        normalize_with(text, &Options::default())
    }

    fn normalize_with(text: &str, options: &Options) -> String {
        let mut changes = Vec::new();
        Normalizer::new(options).find(text, &mut changes);
        crate::change::apply(text, &changes)
    }

    #[test]
    fn white_space_and_line_breaks() {
        assert_eq!(normalize("\n\nOne  \r\nTwo\t\r\n\r\n\r\n\r\nThree\n\n\n"), "One\nTwo\n\nThree\n");
        assert_eq!(normalize("a\rb\u{2028}c"), "a\nb\nc");
        assert_eq!(normalize("no final break  "), "no final break");
        assert_eq!(normalize("text\n\n  "), "text\n");
    }

    #[test]
    fn composes_only_what_is_decomposed() {
        let nfd = "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t";
        assert_eq!(normalize(nfd), "Tiếng Việt");
        assert_eq!(normalize("x² ﬁ ①"), "x² ﬁ ①");
        let nfkc = Options { form: Some(Form::Nfkc), ..Options::default() };
        assert_eq!(normalize_with("x² ﬁ", &nfkc), "x2 fi");
    }

    #[test]
    fn controls_go_but_scripts_stay() {
        assert_eq!(normalize("a\u{1}b\u{feff}c\u{9f}d \u{7}\n"), "abcd\n");
        for text in ["👩‍👩‍👧 family", "می‌خواهم", "क्‍ष", "한국어", "עברית", "ภาษาไทย"]
        {
            assert_eq!(normalize(text), text);
        }
    }

    #[test]
    fn each_rule_can_be_switched_off() {
        let off = Options {
            form: None,
            line_endings: false,
            trailing_whitespace: false,
            max_blank_lines: None,
            edge_blank_lines: false,
            controls: false,
        };
        let text = "\n e\u{301} \u{1}\r\n\n\n\nx \n\n";
        assert_eq!(normalize_with(text, &off), text);
    }
}
