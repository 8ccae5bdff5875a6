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

mod quiet;

pub(crate) use quiet::look;
#[cfg(test)]
pub(crate) use quiet::quiet_chars_sampled;
pub use quiet::{is_quiet, is_quiet_char, quiet_chars};
use std::cell::Cell;

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

/// The lines of a text, found once and read by every stage, each with
/// whether it is [quiet](is_quiet); after a stage changes the text, found
/// again only where it changed ([`Lines::after`]). Holds no borrow of the
/// text, so it outlives the text a stage replaces.
///
/// Most lines of news are quiet, and each stage has a look of its own that
/// such a line would pass (repair's glance, normalize's scan, strip's search
/// for characters that may vanish): one look here stands for all three.
/// Lines that are not quiet (most mojibake, Greek, Arabic, Hebrew or Indic
/// text, lines with a soft hyphen or a control) keep the one verdict that
/// two stages ask for, [`Looked::settled`].
#[derive(Clone, Debug)]
pub struct Lines {
    /// The lines in order. A line starts where the one before ends.
    entries: Vec<Entry>,
}

/// One line of a [`Lines`].
#[derive(Clone, Debug)]
struct Entry {
    /// Where its content ends.
    content_end: usize,
    /// Where its break ends.
    end: usize,
    /// Whether its content is quiet.
    quiet: bool,
    /// [`Looked::spaced`].
    spaced: bool,
    /// [`Looked::settled`], once asked.
    settled: Cell<Option<bool>>,
}

/// A line of a [`Lines`], and whether it is [quiet](is_quiet).
#[derive(Clone, Copy, Debug)]
pub struct Looked<'a> {
    /// The line.
    pub line: Line<'a>,
    /// Whether its content is quiet.
    pub quiet: bool,
    /// Whether its content is quiet and holds no kana, Han or CJK
    /// punctuation: its words are runs of bytes between spaces, which strip
    /// counts sixteen bytes at a time ([`crate::strip::shape::quiet_words_up_to`]);
    /// those of a line in Chinese or Japanese it counts character by
    /// character.
    pub spaced: bool,
    /// Where [`Looked::settled`] is kept.
    settled: &'a Cell<Option<bool>>,
}

impl Looked<'_> {
    /// Whether the normalize stage under its default options passes the
    /// line's content at a glance ([`crate::normalize::settled`]): then
    /// nothing inside it is decomposed, out of order or debris. Repair asks
    /// it of every line that may hold something to compose (it judges lines
    /// as normalize will leave them), and normalize under its default
    /// options asks it of every line that is not quiet; the answer is
    /// worked out once, for the first to ask. (On Russian news the two
    /// looks were 8 % of the run each.)
    #[must_use]
    pub fn settled(&self) -> bool {
        if let Some(known) = self.settled.get() {
            return known;
        }
        let settled = crate::normalize::settled(self.line.content);
        self.settled.set(Some(settled));
        settled
    }
}

impl Lines {
    /// Finds the lines of `text` ([`split`]) and looks at each.
    #[must_use]
    pub fn of(text: &str) -> Lines {
        // Room for lines of 128 bytes or more on average, as news has (one
        // more doubling where they are shorter), up to 65,536 of them (a
        // text of one huge line reserves little): growing from nothing
        // copied every entry about once more, 1 % of the text stages'
        // instructions on news.
        let mut entries = Vec::with_capacity((text.len() / 128 + 1).min(1 << 16));
        entries.extend(looked(text, 0));
        Lines { entries }
    }

    /// The lines of `text`, which is the text these were found in with
    /// `changes` made (sorted, apart, their spans in the text before): the
    /// lines no change touches are kept, moved, with what was found of
    /// them; the others, and a line beside a change that ends or starts at
    /// its edge (its break may now join another), are found and looked at
    /// again. As [`Lines::of`] would find them, without looking again at
    /// every line of a text that one repair or one removed credit changed
    /// (on English news with one "â€™" in 7 % of its lines, the look ran
    /// twice over nearly every line).
    #[must_use]
    pub fn after(self, text: &str, changes: &[crate::change::Change]) -> Lines {
        // Where changes are many (one in every few lines: mojibake), all of
        // the text is found again in one go: finding each part again cost
        // more than the looks it saved.
        if changes.len().saturating_mul(MANY_CHANGES) > self.entries.len() {
            return Lines::of(text);
        }
        self.kept_after(text, changes)
    }

    /// [`Lines::after`], the lines no change touches kept however many the
    /// changes are.
    fn kept_after(self, text: &str, changes: &[crate::change::Change]) -> Lines {
        let old = self.entries;
        let mut entries = Vec::with_capacity(old.len());
        // How far the text after the last change taken so far has moved.
        let mut shift = 0isize;
        let moved = |at: usize, shift: isize| at.saturating_add_signed(shift);
        // The part of the new text whose lines are to be found again, grown
        // while touched lines follow one another (one split of a text whose
        // every line a repair changed, not one per line).
        let mut pending: Option<std::ops::Range<usize>> = None;
        let flush = |pending: &mut Option<std::ops::Range<usize>>, entries: &mut Vec<Entry>| {
            if let Some(part) = pending.take() {
                entries.extend(looked(&text[part.clone()], part.start));
            }
        };
        let (mut next, mut i) = (0, 0);
        while i < old.len() {
            let start = if i == 0 { 0 } else { old[i - 1].end };
            if changes.get(next).is_none_or(|c| c.span.start > old[i].end) {
                flush(&mut pending, &mut entries);
                let e = &old[i];
                entries.push(Entry { content_end: moved(e.content_end, shift), end: moved(e.end, shift), ..e.clone() });
                i += 1;
                continue;
            }
            // The run of lines the changes from `next` on touch, edges
            // included: each change that starts by the run's end, each line
            // that starts by the last change's end.
            let (new_start, mut last, mut reach) = (moved(start, shift), i, start);
            loop {
                let mut grew = false;
                while let Some(c) = changes.get(next).filter(|c| c.span.start <= old[last].end) {
                    reach = reach.max(c.span.end);
                    shift += c.delta();
                    next += 1;
                    grew = true;
                }
                while last + 1 < old.len() && old[last].end <= reach {
                    last += 1;
                    grew = true;
                }
                if !grew {
                    break;
                }
            }
            let new_end = moved(old[last].end, shift);
            match &mut pending {
                Some(part) if part.end == new_start => part.end = new_end,
                _ => {
                    flush(&mut pending, &mut entries);
                    pending = Some(new_start..new_end);
                }
            }
            i = last + 1;
        }
        flush(&mut pending, &mut entries);
        if old.is_empty() {
            entries.extend(looked(text, 0));
        }
        debug_assert!(next == changes.len() || old.is_empty(), "a change past the text's end");
        Lines { entries }
    }

    /// The lines of `text`, which must be the text these were found in.
    pub fn iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Looked<'t>> + 't {
        debug_assert_eq!(self.entries.last().map_or(0, |e| e.end), text.len(), "lines of another text");
        let mut start = 0;
        self.entries.iter().map(move |e| {
            let line = Line { start, content: &text[start..e.content_end], brk: &text[e.content_end..e.end] };
            start = e.end;
            Looked { line, quiet: e.quiet, spaced: e.spaced, settled: &e.settled }
        })
    }
}

/// One change for at most this many lines, or [`Lines::after`] finds all
/// the lines again.
const MANY_CHANGES: usize = 8;

/// The [`Entry`] of each line of `text` ([`split`]), which starts at byte
/// `offset` of the text its lines are of.
fn looked(text: &str, offset: usize) -> impl Iterator<Item = Entry> + '_ {
    split(text).map(move |l| {
        let look = look(l.content, false);
        Entry {
            content_end: offset + l.start + l.content.len(),
            end: offset + l.end(),
            quiet: look.is_some(),
            spaced: look == Some(true),
            settled: Cell::new(None),
        }
    })
}

/// The lines of `text`, in order. An empty text has no lines; a text ending
/// with a break has no empty line after it.
pub fn split(text: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let line = match next_break(bytes, pos) {
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

/// Where the first line break in `bytes` from `from` on starts: every kind
/// in one pass, a vector at a time. (A search for LF and CR per line, and
/// one through the text for VT and FF and for each of U+2028 and U+2029,
/// took 14 % of the text stages' instructions on Russian news.) U+2028 and
/// U+2029 are told from all three of their bytes: E2, which leads them,
/// also leads every curly quote and dash.
fn next_break(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(avx2) = crate::lanes::Avx2::detect() {
        /// Compiled for AVX2.
        #[target_feature(enable = "avx2")]
        fn wide(l: crate::lanes::Avx2, bytes: &[u8], from: usize) -> Option<usize> {
            next_break_with(l, bytes, from)
        }
        // SAFETY: a value of `Avx2` exists only where the processor has it.
        return unsafe { wide(avx2, bytes, from) };
    }
    next_break_with(crate::lanes::Narrow, bytes, from)
}

/// [`next_break`] with the vectors of `l`; the last bytes, too few for a
/// step, one at a time.
#[inline(always)]
fn next_break_with<L: crate::lanes::Lanes>(l: L, bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(at..at + L::LANES + 2) {
        let (first, second, third) = (l.load(chunk, 0), l.load(chunk, 1), l.load(chunk, 2));
        let controls = l.or(l.or(l.is(first, b'\n'), l.is(first, b'\r')), l.within(first, 0x0b, 0x0c));
        let separators = l.and(l.and(l.is(first, 0xe2), l.is(second, 0x80)), l.within(third, 0xa8, 0xa9));
        let breaks = l.mask(l.or(controls, separators));
        if breaks != 0 {
            return Some(at + breaks.trailing_zeros() as usize);
        }
        at += L::LANES;
    }
    (at..bytes.len()).find(|&i| match bytes[i] {
        b'\n' | b'\r' | 0x0b | 0x0c => true,
        0xe2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::quiet::tests::{looks, quiet_by_definition};
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

    /// Every kind of break, and characters whose bytes come near those of
    /// U+2028 and U+2029, at every place of texts a few steps long, found
    /// from before, at and after it, with the widest step this processor
    /// has and the narrow one.
    #[test]
    fn next_break_finds_every_break_in_every_place() {
        let pieces =
            ["\n", "\r", "\u{b}", "\u{c}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202a}", "\u{2068}", "\u{3028}", "é"];
        let mut breaks = 0;
        for len in 0..80 {
            for place in 0..len {
                for piece in pieces {
                    let text = format!("{}{piece}{}", "a".repeat(place), "a".repeat(len - place));
                    for from in [0, place.saturating_sub(1), place, place + 1] {
                        let expected = text.char_indices().find(|&(i, c)| i >= from && is_break(c)).map(|(i, _)| i);
                        breaks += usize::from(expected.is_some());
                        let bytes = text.as_bytes();
                        assert_eq!(next_break(bytes, from), expected, "{text:?} from {from}");
                        assert_eq!(
                            next_break_with(crate::lanes::Narrow, bytes, from),
                            expected,
                            "{text:?} from {from}"
                        );
                    }
                }
            }
        }
        assert!(breaks > 10_000, "{breaks}");
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
        /// The lines of a changed text, kept where no change touched them
        /// and found again where one did, are the lines of the changed
        /// text: whatever the changes (at the edges of lines, on breaks,
        /// making or joining CRLF, inserting or removing breaks, side by
        /// side), as many as to keep most lines or to find them all again.
        #[test]
        fn lines_after_changes_are_the_changed_texts(
            text in "(ab|б|\u{a0}|Â|’|\n|\r|\r\n|\u{b}|\u{2028}|\u{2029}| |é|e\u{301}|\u{ad}|中|x y){0,40}",
            edits in proptest::collection::vec(
                (proptest::sample::select((0..41).collect::<Vec<usize>>()), 0usize..5, "(|\n|\r|\n\r|a|Ã©| |\u{2029})"),
                0..12,
            ),
            padding in 0usize..40,
        ) {
            // Clean lines before the text, so that few changes keep most lines.
            let text = format!("{}{text}", "plain line\n".repeat(padding));
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut spans: Vec<(usize, usize, String)> = edits
                .into_iter()
                .map(|(at, len, after)| {
                    let first = bounds.len() - 1 - at.min(bounds.len() - 1);
                    (bounds[first], bounds[(first + len).min(bounds.len() - 1)], after)
                })
                .collect();
            spans.sort();
            let mut changes: Vec<crate::change::Change> = Vec::new();
            for (start, end, after) in spans {
                if changes.last().is_some_and(|c| c.span.end > start) || text[start..end] == after {
                    continue;
                }
                let rule = crate::change::Rule::Normalize(crate::normalize::Rule::Nfc);
                changes.push(crate::change::Change::new(rule, &text, start..end, after, "a test"));
            }
            let changed = crate::change::apply(&text, &changes);
            // The verdicts normalize asked for, kept with the lines (a stale
            // one kept for a changed line would show below).
            let before = Lines::of(&text);
            for line in before.iter(&text) {
                let _ = line.settled();
            }
            let found = before.kept_after(&changed, &changes);
            let expected = Lines::of(&changed);
            let entries = |lines: &Lines| -> Vec<(usize, usize, usize, bool, bool, bool)> {
                lines
                    .iter(&changed)
                    .map(|l| (l.line.start, l.line.content.len(), l.line.end(), l.quiet, l.spaced, l.settled()))
                    .collect()
            };
            proptest::prop_assert_eq!(entries(&found), entries(&expected));
            proptest::prop_assert_eq!(entries(&Lines::of(&text).after(&changed, &changes)), entries(&expected));
        }

        /// The lines are [`split`]'s, each quiet and spaced as the definition says,
        /// wherever the look's steps fall, and settled as normalize
        /// says, asked once or twice.
        #[test]
        fn lines_are_split_and_looked_at_by_the_definition(
            text in "([a-zA-Z.,]{1,9}|[ &]|\t|\n|\r\n|\r|\u{b}|\u{c}|\u{1}|\u{7f}|é|Â|“|’|—|€|™|\u{a0}|«|°|ö|ß|ş|ı|Ð|ư|ờ|д|я|Р|ё|Г|А|В|Ё|№|中|ア|한|、|\u{3000}|！|\u{ad}|\u{2028}|\u{2029}|\u{200b}|ж|中|e\u{301}|[а-яёєіїЁЄІЇ]{1,12}|x[іїєё]|[іїєё]2|Г[а-яА-Яё ?]){0,30}",
        ) {
            let lines = Lines::of(&text);
            let looked: Vec<(Line<'_>, bool, bool)> = lines.iter(&text).map(|l| (l.line, l.quiet, l.spaced)).collect();
            // Spaced: quiet, with no character of U+3000 to U+9FFF (three
            // bytes led by E3 to E9).
            let expected: Vec<(Line<'_>, bool, bool)> = split(&text)
                .map(|line| {
                    let quiet = quiet_by_definition(line.content, false);
                    (line, quiet, quiet && !line.content.contains(|c| ('\u{3000}'..='\u{9fff}').contains(&c)))
                })
                .collect();
            proptest::prop_assert_eq!(looked, expected);
            for _ in 0..2 {
                for l in lines.iter(&text) {
                    proptest::prop_assert_eq!(l.settled(), crate::normalize::settled(l.line.content));
                }
            }
            for line in split(&text) {
                proptest::prop_assert_eq!(is_quiet(line.content, true), quiet_by_definition(line.content, true));
                // Whichever step the processor allows.
                for ampersands in [false, true] {
                    let look = super::quiet::look(line.content, ampersands);
                    proptest::prop_assert!(looks(line.content, ampersands).iter().all(|&l| l == look), "{:?}", line);
                }
            }
        }

        /// Every mix of the breaks, found by different searches, and of the
        /// characters that share their lead byte.
        #[test]
        fn agrees_with_a_naive_split_on_any_mix(text in "([a-z]{0,5}|[\n\r\u{b}\u{c}]|\u{2028}|\u{2029}|[\u{2018}-\u{201d}]|\u{2027}|\u{202a}){0,30}") {
            proptest::prop_assert_eq!(parts(&text), naive(&text));
        }
    }
}
