//! Repair stage: find mojibake and undo it, without touching correct text.
//!
//! Mojibake is text that was encoded as UTF-8 and then decoded with a
//! single-byte code page ("é" → "Ã©", "’" → "â€™", "д" → "Рґ"). Undoing it
//! means encoding the damaged characters back into that code page and
//! decoding the bytes as UTF-8, as often as it was done. The danger is the
//! other direction: correct text in many languages also has "Ã" or "É"
//! next to punctuation, and every Cyrillic letter is a byte of windows-1251.
//! So a repair is made only where the evidence is strong, and correct text
//! passes byte for byte.
//!
//! # How
//!
//! 1. **Skip fast.** ASCII lines, and lines where no character is the lead
//!    of a UTF-8 sequence in some code page followed by a continuation
//!    (one table lookup per non-ASCII character), cannot hold mojibake.
//!    Where there is such a pair, it counts as evidence only if real text
//!    does not write it ("l’é" and "Рё" do) and it decodes to a likely
//!    character: correct text in any script rarely gets further.
//! 2. **Whole lines.** When the code page with the most evidence explains
//!    every non-ASCII character of a line with intact sequences, one layer
//!    deep, and the decoded line reads far better, that is the repair.
//! 3. **Read candidates.** Otherwise, for each code page with evidence, the
//!    line is cut into UTF-8 sequences in that code page's clothing,
//!    including damaged ones: a 0xA0 byte turned into a space or stripped
//!    (the lone "Â"), a byte lost to U+FFFD, "?" or nothing. Each run of
//!    sequences is peeled layer by layer (module `mojibake`).
//! 4. **Judge words.** Each word's reading is scored by how much more
//!    natural it is than the text as written (module `score`), with evidence
//!    from the rest of the line; the code page that explains the line best
//!    chooses first, and a reading is taken only if it clears a threshold.
//! 5. **Mop up.** C1 controls left over are the windows-1252 punctuation
//!    they stand for ("\u{85}" → "…"), and HTML character references in
//!    text without markup are unescaped (see [`HtmlEntities`]).
//! 6. **Repeat** on each changed line until nothing is left to do, so that
//!    the stage is idempotent; the repairs of the passes are composed into
//!    one change per place, whose plan replays from the original text.
//!
//! Every repair carries a plan ([`Step`]s: encode as X, restore a byte,
//! decode as UTF-8, ...) that [`replay`] runs to turn `before` into
//! `after`.
//!
//! The tests: unit tests here, the ftfy-style cases of `tests/it/repair.rs`
//! generated from our own multilingual text (every code page, layers, lost
//! bytes, partial lines, and a negative set of risky correct text), and
//! `scripts/compare-repair.py`, which measures the stage against ftfy.

mod chars;
mod codepage;
mod entities;
mod mojibake;
mod plan;
mod score;
mod tables;

pub use plan::{Codepage, Plan, PlanError, Step, replay};

use std::borrow::Cow;
use std::ops::Range;

use crate::change::{Change, CompactString, Span, rules};
use crate::lines::{Lines, Looked};
use mojibake::{Found, Repair, Settled};

rules! {
    /// Rules of the repair stage.
    pub enum Rule {
        /// UTF-8 text that was decoded with a legacy code page.
        Mojibake => "repair/mojibake", "UTF-8 text that was decoded with a single-byte code page",
        /// Mojibake in which a byte was lost; the character it belonged to
        /// becomes U+FFFD, the rest is repaired.
        LostByte => "repair/lost-byte", "mojibake that lost a byte: repaired, with U+FFFD for the lost character",
        /// The "Â" left from a double-encoded no-break space whose second
        /// byte became a space or was stripped as white space.
        LostNbsp => "repair/lost-nbsp", "a lone \"Â\" left where a double-encoded no-break space lost its second byte",
        /// A C1 control character that stands for the windows-1252
        /// character of the same byte ("\u{93}" for "“").
        C1Control => "repair/c1-control", "a C1 control that stands for windows-1252 punctuation",
        /// An HTML character reference in text without markup.
        HtmlEntity => "repair/html-entity", "an HTML character reference (&amp;, &#233;) in text without markup",
    }
}

/// What to do with HTML character references (`&amp;`, `&eacute;`,
/// `&#8217;`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HtmlEntities {
    /// Leave them alone.
    Off,
    /// Unescape them everywhere.
    On,
    /// Unescape them in a document without markup (no "<" followed by a
    /// letter, "/", "!" or "?"), as ftfy does. In markup, "&amp;" is how a
    /// literal "&" is written; in plain text it is an escape that was never
    /// undone, because whatever stripped the tags forgot to. Plain text that
    /// spells out references on purpose almost always shows tags too, which
    /// switches this off.
    #[default]
    Auto,
}

/// Options of the repair stage.
#[derive(Clone, Debug)]
pub struct Options {
    /// How many layers of mojibake to peel at most (text that went through
    /// the same mistake several times).
    pub max_layers: usize,
    /// HTML character references: [`HtmlEntities::Auto`] by default (see
    /// there for why).
    pub html_entities: HtmlEntities,
}

impl Default for Options {
    fn default() -> Options {
        Options { max_layers: 4, html_entities: HtmlEntities::Auto }
    }
}

/// The repair stage, built once from [`Options`].
#[derive(Clone, Debug)]
pub struct Repairer {
    max_layers: usize,
    html_entities: HtmlEntities,
}

/// Passes over one line before giving up on a fixpoint; every pass must
/// shrink the mojibake, so real text needs two or three.
const MAX_PASSES: usize = 8;

impl Repairer {
    /// Builds the stage, and the tables its scan and judgement read (a few
    /// milliseconds, once per process): now, while the program starts
    /// (see [`crate::Cleaner::new`]), rather than when the first line with
    /// mojibake makes a worker wait for them.
    #[must_use]
    pub fn new(options: &Options) -> Repairer {
        codepage::index();
        chars::build_tables();
        Repairer { max_layers: options.max_layers.max(1), html_entities: options.html_entities }
    }

    /// Appends the repairs `text` needs to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        if let Some(entities) = self.entities_if_worth_a_look(text) {
            self.repair_lines(text, &Lines::of(text), entities, |_| true, out);
        }
    }

    /// Whether references are unescaped in `text` ([`Repairer::unescapes_entities`]),
    /// unless the text holds nothing to repair: `None` for ASCII text with no
    /// "&" that matters, told without a look at its lines. (The look for
    /// markup, a scan of the whole text, is made once, and for ASCII text
    /// only when there is an "&" for it to decide about.)
    fn entities_if_worth_a_look(&self, text: &str) -> Option<bool> {
        let ascii = text.is_ascii();
        if ascii && memchr::memchr(b'&', text.as_bytes()).is_none() {
            return None;
        }
        let entities = self.unescapes_entities(text);
        (entities || !ascii).then_some(entities)
    }

    /// Whether HTML character references are unescaped in `text`: with
    /// `--html-entities auto`, only in text without markup.
    #[must_use]
    pub fn unescapes_entities(&self, text: &str) -> bool {
        match self.html_entities {
            HtmlEntities::Off => false,
            HtmlEntities::On => true,
            HtmlEntities::Auto => !entities::has_markup(text),
        }
    }

    /// [`Repairer::find`] for the lines `wanted` picks (by their span, break
    /// included) only, given the [`Lines`] of `text`: repair judges each
    /// line on its own, but for the one decision about references, which is
    /// the whole text's.
    pub fn find_in_lines(
        &self,
        text: &str,
        lines: &Lines,
        wanted: impl Fn(Range<usize>) -> bool,
        out: &mut Vec<Change>,
    ) {
        if let Some(entities) = self.entities_if_worth_a_look(text) {
            self.repair_lines(text, lines, entities, wanted, out);
        }
    }

    /// Repairs the lines of `text` that `wanted` picks, with references
    /// unescaped if `entities`.
    fn repair_lines(
        &self,
        text: &str,
        lines: &Lines,
        entities: bool,
        wanted: impl Fn(Range<usize>) -> bool,
        out: &mut Vec<Change>,
    ) {
        for looked in lines.iter(text) {
            let Looked { line, quiet, .. } = looked;
            let body = line.content;
            debug_assert!(!quiet || clean_at_a_glance(body, entities), "{body:?}");
            if !quiet && !clean_at_a_glance(body, entities) && wanted(line.start..line.end()) {
                for edit in self.repair_line(body, entities, || looked.settled()) {
                    let span = Span::new(line.start + edit.span.start, line.start + edit.span.end);
                    let mut change = Change::new(crate::Rule::Repair(edit.rule), text, span, edit.after, edit.reason);
                    change.plan = edit.plan;
                    out.push(change);
                }
            }
        }
    }

    /// Repairs one line to a fixpoint and composes the passes, in the
    /// coordinates of the line as it came in. A pass that finds nothing in
    /// the line as it stands looks at it as the normalize stage will leave
    /// it (see [`Repairer::settled_pass`]). `settles_as_is` says whether the
    /// normalize stage under its default options passes `line` at a glance
    /// ([`Looked::settled`]), for when nothing was repaired.
    fn repair_line(&self, line: &str, entities: bool, settles_as_is: impl Fn() -> bool) -> Vec<Repair> {
        let mut edits: Vec<Repair> = Vec::new();
        let mut current = Cow::Borrowed(line);
        // What the last pass knew of the line as it now stands (see
        // [`mojibake::Settled`]).
        let mut settled = Settled::No;
        for _ in 0..MAX_PASSES {
            let known = settled;
            let mut found = if known == Settled::No { self.pass(&current, entities) } else { Found::default() };
            settled = found.settled;
            if found.repairs.is_empty() {
                let unchanged = edits.is_empty();
                found = Found {
                    repairs: self
                        .settled_pass(&current, entities, known == Settled::Composed, || unchanged && settles_as_is()),
                    ..Found::default()
                };
            }
            if found.repairs.is_empty() {
                break;
            }
            compose(&mut edits, line, &mut current, found);
        }
        edits
    }

    /// One pass over `line` judged without its invisible characters (see
    /// [`is_invisible`]), in the coordinates of `line`; and what is known of
    /// the line with its repairs.
    fn pass(&self, line: &str, entities: bool) -> Found {
        let view =
            if has_invisible(line) { View::without(line, |_, c| is_invisible(c), false) } else { View::of(line) };
        let found = self.visible_pass(&view.text, entities);
        if let Cow::Owned(_) = view.text {
            let mut repairs = found.repairs;
            for r in &mut repairs {
                r.span = view.span(r.span.clone());
                if line[r.span.clone()].contains(is_invisible) {
                    r.plan.to_mut().insert(0, Step::RemoveInvisible);
                }
            }
            return Found { repairs, ..Found::default() };
        }
        found
    }

    /// One pass over `line` as the normalize stage will leave it, in the
    /// coordinates of `line`, for a line the plain pass finds nothing more
    /// in. Normalize runs after repair and removes the C1 controls repair
    /// could not explain and white space at the line's end, and composes
    /// (NFC); any of that can make mojibake ("Â\u{90}´" is
    /// "Â´", "A" + U+0303 + "©" is "Ã©", "Ã\t" at the end is the "Ã" of
    /// "à"). Left alone here, it would be repaired by a second run. Each
    /// repair grows to the whole of every segment that composing changes
    /// and that it touches, and its plan settles the text first.
    /// `composed` when the pass before proved the line composed already;
    /// `settles_as_is` says whether normalize passes the line at a glance
    /// (then it is composed, and asked only of a line that may not be).
    fn settled_pass(
        &self,
        line: &str,
        entities: bool,
        composed: bool,
        settles_as_is: impl Fn() -> bool,
    ) -> Vec<Repair> {
        use unicode_normalization::UnicodeNormalization;
        let bytes = line.as_bytes();
        // C1 controls and the soft hyphen are C2 80..=C2 9F and C2 AD.
        let debris = c2_pairs(bytes, |w| c1_second(w) | crate::swar::equal(w, 0xAD)).next().is_some();
        let trailing = line.ends_with(is_trailing_space);
        // Everything below U+0300 (lead bytes below CC) is a starter that
        // composes with nothing before it: the quick check starts after it.
        let composed_already = composed
            || match bytes.chunks(32).position(|c| c.iter().fold(false, |any, &b| any | (b >= 0xcc))) {
                None => true,
                Some(chunk) => {
                    let first = chunk * 32 + bytes[chunk * 32..].iter().position(|&b| b >= 0xcc).unwrap_or(0);
                    // The quick check can only say "maybe" of some marks ("ٔ",
                    // which may compose with an alef before it): then the full
                    // check, which needs the characters before them.
                    settles_as_is()
                        || crate::normalize::passes_nfc_quick_check(&line[first..])
                        || unicode_normalization::is_nfc(line)
                }
            };
        if !debris && !trailing && composed_already {
            return Vec::new();
        }
        // Normalize as it runs by default answers which soft hyphens go.
        let normalize = crate::normalize::Normalizer::by_default();
        let view = View::without(
            line,
            |i, c| settles_away(c) || c == '\u{ad}' && normalize.removes_soft_hyphen(line, i),
            true,
        );
        // Segments that compose on their own: each starts at a character
        // that composes with nothing before it and that reordering cannot
        // move (see [`crate::normalize::is_stable_starter`]).
        let mut settled = String::with_capacity(view.text.len());
        // The segments composing changes: their span in the view, and in
        // `settled`.
        let mut changed: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        let text: &str = &view.text;
        let mut start = 0;
        while start < text.len() {
            // An ASCII character followed by another is a segment of its
            // own that composing leaves alone: runs of them are copied.
            let ascii = text.as_bytes()[start..].iter().take_while(|b| b.is_ascii()).count();
            if ascii > 1 {
                settled.push_str(&text[start..start + ascii - 1]);
                start += ascii - 1;
                continue;
            }
            let end = text[start..]
                .char_indices()
                .skip(1)
                .find(|&(_, c)| crate::normalize::is_stable_starter(c))
                .map_or(text.len(), |(i, _)| start + i);
            let segment = &text[start..end];
            let at = settled.len();
            settled.extend(segment.nfc());
            if settled[at..] != *segment {
                changed.push((start..end, at..settled.len()));
            }
            start = end;
        }
        if settled == line {
            return Vec::new();
        }
        // Each repair grown to the changed segments it touches; repairs
        // that then overlap are one.
        let mut regions: Vec<(Range<usize>, Vec<Repair>)> = Vec::new();
        for r in self.pass(&settled, entities).repairs {
            let mut span = r.span.clone();
            for (_, c) in &changed {
                if c.start < span.end && span.start < c.end {
                    span = span.start.min(c.start)..span.end.max(c.end);
                }
            }
            match regions.last_mut() {
                Some((region, rs)) if span.start < region.end => {
                    *region = region.start.min(span.start)..region.end.max(span.end);
                    rs.push(r);
                }
                _ => regions.push((span, vec![r])),
            }
        }
        // Offsets of `settled` outside the changed segments, in the view.
        let in_view = |x: usize| {
            let shift: isize =
                changed.iter().filter(|(_, c)| c.end <= x).map(|(v, c)| v.len() as isize - c.len() as isize).sum();
            x.saturating_add_signed(shift)
        };
        let mut out = Vec::with_capacity(regions.len());
        for (region, rs) in regions {
            let mut after = String::new();
            let mut pos = region.start;
            for r in &rs {
                after.push_str(&settled[pos..r.span.start]);
                after.push_str(&r.after);
                pos = r.span.end;
            }
            after.push_str(&settled[pos..region.end]);
            let span = view.span(in_view(region.start)..in_view(region.end));
            let before = &line[span.clone()];
            let soft_hyphens = before
                .match_indices('\u{ad}')
                .map(|(i, _)| i)
                .filter(|&i| normalize.removes_soft_hyphen(line, span.start + i))
                .collect();
            let mut plan = vec![Step::Settle { soft_hyphens }];
            let mut grown: isize = 0;
            let mut reasons: Vec<&str> = Vec::new();
            for r in &rs {
                if rs.len() == 1 && r.span == region {
                    plan.extend(r.plan.iter().cloned());
                } else {
                    let start = (r.span.start - region.start).saturating_add_signed(grown);
                    plan.push(Step::Within { start, end: start + r.span.len(), steps: r.plan.to_vec() });
                    grown += r.delta();
                }
                if !reasons.contains(&r.reason.as_ref()) {
                    reasons.push(&r.reason);
                }
            }
            // Composing a part of a line gives what composing the whole
            // line gives there, but for contrived runs of marks: a plan
            // that does not replay is no repair.
            if before != after && replay(before, &plan).as_deref() == Ok(after.as_str()) {
                let reason = Cow::Owned(format!("{} (read as normalize will leave it)", reasons.join("; ")));
                out.push(Repair { span, after: after.into(), plan: plan.into(), rule: rs[0].rule, reason });
            }
        }
        out
    }

    /// One pass over a line without invisible characters: mojibake, then
    /// C1 controls and references outside it; and what is known of the
    /// line with these repairs (see [`Settled`]).
    fn visible_pass(&self, line: &str, entities: bool) -> Found {
        let evidence = mojibake::scan(line);
        let Found { repairs: mut found, settled, repaired } =
            if evidence.any() { mojibake::find(line, evidence, self.max_layers) } else { Found::default() };
        let free = |found: &[Repair], at: usize| found.iter().all(|r| at < r.span.start || at >= r.span.end);
        let mut extra = Vec::new();
        // Runs of C1 controls (C2 80..=C2 9F in UTF-8) outside the
        // mojibake repairs, found by their lead byte.
        let bytes = line.as_bytes();
        let mut runs: Vec<Range<usize>> = Vec::new();
        for at in c2_pairs(bytes, c1_second) {
            if !free(&found, at) {
                continue;
            }
            match runs.last_mut() {
                Some(run) if run.end == at => run.end = at + 2,
                _ => runs.push(at..at + 2),
            }
        }
        for span in runs {
            let before = &line[span.clone()];
            let after: CompactString =
                before.chars().map(|c| Codepage::Windows1252.decode_byte(c as u32 as u8)).collect();
            if after != before {
                extra.push(Repair {
                    span,
                    after,
                    plan: vec![
                        Step::Encode { codepage: Codepage::Latin1 },
                        Step::Decode { codepage: Codepage::Windows1252 },
                    ]
                    .into(),
                    rule: Rule::C1Control,
                    reason: Cow::Borrowed(
                        "C1 controls standing for windows-1252 characters (latin-1 read for windows-1252)",
                    ),
                });
            }
        }
        if entities {
            for at in memchr::memchr_iter(b'&', line.as_bytes()) {
                if !free(&found, at) || extra.last().is_some_and(|r: &Repair| at < r.span.end) {
                    continue;
                }
                if let Some((len, c)) = entities::reference_at(line, at) {
                    extra.push(Repair {
                        span: at..at + len,
                        after: CompactString::from(&*c.encode_utf8(&mut [0; 4])),
                        plan: vec![Step::UnescapeHtml].into(),
                        rule: Rule::HtmlEntity,
                        reason: Cow::Borrowed("an HTML character reference in text without markup"),
                    });
                }
            }
        }
        if extra.is_empty() {
            return Found { repairs: found, settled, repaired };
        }
        // The line repaired whole is not the line with these repairs too,
        // and a reference unescaped may leave another ("&amp;lt;").
        found.extend(extra);
        found.sort_by_key(|r| r.span.start);
        Found { repairs: found, ..Found::default() }
    }
}

/// What the settled view (see [`Repairer::settled_pass`]) takes out of a
/// line: the debris normalize removes wherever it stands. Soft hyphens are
/// not among it: normalize keeps the ones that may be bytes of mojibake
/// ("Å\u{ad}" is "ŭ") and removes the others, and the view does exactly
/// what normalize does under its default options; either way a second run
/// would see what the first did not.
pub(super) fn settles_away(c: char) -> bool {
    crate::normalize::is_debris(c) && c != '\u{ad}'
}

/// Characters that carry no text: C0 controls other than tab and the line
/// breaks, DEL, ZERO WIDTH SPACE, WORD JOINER and a BOM inside the text.
/// The normalize stage, which runs after repair, removes them, so repair
/// judges every line as if they were not there: otherwise a control next to
/// "Ã©" would change the verdict on it, normalize would remove the control,
/// and a second run would judge again and repair what the first left. None
/// of them is a byte of a UTF-8 sequence in any code page (C0 controls and
/// DEL are ASCII bytes, the others have no byte), so no mojibake needs them.
/// C1 controls and the soft hyphen are bytes of sequences and are judged
/// as they are.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Where in `bytes` a C2 byte is followed by a byte `second` marks (a
/// word-wide test, see [`crate::swar`]), in order: the C1 controls (C2 80
/// to C2 9F) and the soft hyphen (C2 AD), which the C1 pass and the
/// settled view look for. Eight places at a time where there is a C2 among
/// them, and a `memchr` to the next C2 where there is none: on heavily
/// mojibaked text C2 leads every other character ("Ñ\u{81}", "Â©", 30 a
/// line), and a `memchr` to each of them cost more than the pairs need (2 %
/// of the repair passes' instructions); in a lightly damaged line of
/// English the `memchr` finds none at all.
fn c2_pairs<'a>(bytes: &'a [u8], second: impl Fn(u64) -> u64 + 'a) -> impl Iterator<Item = usize> + 'a {
    let (mut at, mut base, mut marks) = (0, 0, 0u64);
    std::iter::from_fn(move || {
        loop {
            if marks != 0 {
                let i = base + marks.trailing_zeros() as usize / 8;
                marks &= marks - 1;
                return Some(i);
            }
            // Each place's byte and the byte after it: two words, one
            // byte apart.
            if let Some(nine) = bytes.get(at..at + 9) {
                let word = |from: usize| u64::from_le_bytes(nine[from..from + 8].try_into().expect("eight bytes"));
                let leads = crate::swar::equal(word(0), 0xC2);
                if leads == 0 {
                    // None of the eight is C2: on to the next C2, wherever
                    // it is (a lightly damaged line of English has none).
                    at = memchr::memchr(0xC2, &bytes[at + 8..]).map_or(bytes.len(), |p| at + 8 + p);
                    continue;
                }
                (base, marks) = (at, leads & second(word(1)));
                at += 8;
                continue;
            }
            // Fewer than nine bytes left: the places with a byte after
            // them one at a time.
            while at + 1 < bytes.len() {
                at += 1;
                if bytes[at - 1] == 0xC2 && second(u64::from(bytes[at])) & 0x80 != 0 {
                    return Some(at - 1);
                }
            }
            return None;
        }
    })
}

/// The second bytes of the C1 controls in UTF-8 (0x80 to 0x9F), for
/// [`c2_pairs`].
fn c1_second(word: u64) -> u64 {
    crate::swar::equal(word & 0xE0E0_E0E0_E0E0_E0E0, 0x80)
}

/// `line.contains(is_invisible)`, without walking the characters: the
/// controls are single bytes, found by a loop the compiler vectorizes, and
/// the three others are found by `memmem`. (Mojibake is full of the C1
/// controls and soft hyphens that make [`crate::normalize::has_debris`]
/// say yes, and of the byte E2 the three start with; invisible characters
/// are rare.)
fn has_invisible(line: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static OTHERS: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| ["\u{200b}", "\u{2060}", "\u{feff}"].map(|c| Finder::new(c.as_bytes())));
    let bytes = line.as_bytes();
    bytes.iter().fold(false, |any, &b| any | matches!(b, 0..=8 | 0x0E..=0x1F | 0x7F))
        || OTHERS.iter().any(|f| f.find(bytes).is_some())
}

/// Whether `line` holds nothing any pass could repair, told in one look at
/// its bytes: true for an ASCII line (but one with "&" when references are
/// unescaped), and for a [quiet](crate::lines::is_quiet) one (which may hold
/// "&" when references are left alone). That is most lines of English news
/// ("it’s", "“Yes,” she said — ..."), which otherwise pay for every pass's
/// own look (invisible characters, the mojibake scan, C1 controls,
/// composition) only to learn the same.
///
/// Why nothing can be found in a quiet line: see
/// [`crate::lines::is_quiet_char`] and, for "Г" before a letter,
/// [`crate::lines::is_quiet`]; C1 controls, the soft hyphen, invisible
/// characters and trailing white space, which the other passes look for,
/// are not quiet either. The property test
/// `a_line_clean_at_a_glance_gets_no_repair` holds the passes to it.
fn clean_at_a_glance(line: &str, entities: bool) -> bool {
    if line.is_ascii() {
        return !entities || memchr::memchr(b'&', line.as_bytes()).is_none();
    }
    crate::lines::is_quiet(line, !entities)
}

/// Whether the mojibake scan may find evidence in the two characters at
/// byte `at` of `line`, the character before them and the text after them
/// as they are. It finds evidence between two characters only in a pair
/// that opens a UTF-8 sequence in some code page (the first a lead byte and
/// the second a continuation byte), that real text does not write all the
/// time ("ęś", "l’é" and "é\u{a0}" it does), and whose sequence decodes to
/// a character real text has (Mac OS Roman's "\u{a0}°", CA A1, would be
/// "ʡ"): the scan's own verdict, [`mojibake::weigh_pair`]. The other
/// evidence is U+FFFD after a lead, and "Â", "Ã", "Г" or "Ă" before a
/// space, "?" or the line's end. The quiet look asks this of quiet
/// characters side by side (see [`crate::lines::is_quiet`]); in a word of
/// two-byte letters, only of those whose [masks](two_byte_masks) meet.
pub(crate) fn neighbours_may_be_evidence(line: &str, at: usize) -> bool {
    let idx = codepage::index();
    let mut chars = line[at..].chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return false };
    let (Some(e), Some(ne)) = (idx.get(first), idx.get(second)) else { return false };
    let both = e.lead & ne.cont;
    both != 0
        && mojibake::weigh_pair(line[..at].chars().next_back(), (first, e), (second, ne), both, chars.as_str()) != 0
}

/// For the character of two bytes `b0 b1` (UTF-8), the code pages in which
/// it leads a UTF-8 sequence and those in which it continues one, as bits
/// (the index looked up once, for a run of characters): for the quiet
/// look's run through a word of two-byte letters, where two letters whose
/// masks do not meet open no sequence in any code page, and only the others
/// need [`neighbours_may_be_evidence`].
pub(crate) fn two_byte_masks() -> impl Fn(u8, u8) -> (u16, u16) {
    let idx = codepage::index();
    |b0, b1| idx.masks_of_two_bytes(b0, b1)
}

/// White space normalize removes at the end of a line: tab and the space
/// separators.
fn is_trailing_space(c: char) -> bool {
    matches!(c, '\t' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// A line as repair judges it, with some characters taken out, and the way
/// back to the line's own offsets.
struct View<'a> {
    text: Cow<'a, str>,
    /// The pieces of the line kept in `text`, in order: where each starts
    /// in `text` and in the line. Empty when nothing was taken out. Only
    /// the places where something was taken out are recorded, so a view of
    /// a long line costs what its text does.
    pieces: Vec<(usize, usize)>,
    /// The line's length: where the end of `text` maps to.
    len: usize,
}

impl<'a> View<'a> {
    /// `line` itself, with nothing taken out.
    fn of(line: &'a str) -> View<'a> {
        View { text: Cow::Borrowed(line), pieces: Vec::new(), len: line.len() }
    }

    /// `line` without the characters `remove` picks, and without the white
    /// space left at its end if `trim` (as normalize trims it: after
    /// removing the others).
    fn without(line: &'a str, remove: impl Fn(usize, char) -> bool, trim: bool) -> View<'a> {
        // Both `remove`s take out only debris: a line without any (almost
        // every line) is its own view, found by a fast scan.
        let nothing_to_remove = !crate::normalize::has_debris(line) || !line.char_indices().any(|(i, c)| remove(i, c));
        if nothing_to_remove && !(trim && line.ends_with(is_trailing_space)) {
            return View::of(line);
        }
        let mut text = String::with_capacity(line.len());
        let mut pieces = Vec::new();
        // Whether the character before was kept.
        let mut kept = false;
        for (i, c) in line.char_indices() {
            if remove(i, c) {
                kept = false;
            } else {
                if !kept {
                    pieces.push((text.len(), i));
                }
                kept = true;
                text.push(c);
            }
        }
        if trim {
            let left = text.trim_end_matches(is_trailing_space).len();
            text.truncate(left);
            pieces.retain(|&(at, _)| at < left);
        }
        View { text: Cow::Owned(text), pieces, len: line.len() }
    }

    /// Where byte `at` of the view is in the line (its end: the line's end).
    fn offset(&self, at: usize) -> usize {
        if at >= self.text.len() {
            return self.len;
        }
        let k = self.pieces.partition_point(|&(start, _)| start <= at) - 1;
        let (start, in_line) = self.pieces[k];
        in_line + (at - start)
    }

    /// The span of the line that `span` of the view covers: from its first
    /// character to its last, with the characters taken out between them
    /// and none around them.
    fn span(&self, span: Range<usize>) -> Range<usize> {
        if let Cow::Borrowed(_) = self.text {
            return span;
        }
        let from = self.offset(span.start);
        if span.is_empty() { from..from } else { from..self.offset(span.end - 1) + 1 }
    }
}

/// Folds the repairs of one pass (in the coordinates of `current`, the line
/// as the previous passes left it) into `edits` (in the coordinates of the
/// original `line`), and applies them to `current`.
///
/// A repair that touches no earlier edit becomes an edit of its own. One
/// that overlaps earlier edits merges with them into one edit whose plan
/// first replays theirs (each on its part, with [`Step::Within`]) and then
/// its own. Repairs are taken right to left so that the positions of the
/// ones still to come do not move.
fn compose(edits: &mut Vec<Repair>, line: &str, current: &mut Cow<'_, str>, found: Found) {
    if edits.is_empty() {
        // No edit yet (the first pass; or every earlier edit was undone,
        // and the line is as it came in): the repairs are the edits, in the
        // line's own coordinates, and the line with them applied may be
        // built already.
        let build = || {
            let mut out = String::with_capacity(current.len());
            let mut pos = 0;
            for r in &found.repairs {
                out.push_str(&current[pos..r.span.start]);
                out.push_str(&r.after);
                pos = r.span.end;
            }
            out.push_str(&current[pos..]);
            out
        };
        let repaired = match found.repaired {
            Some(text) => {
                debug_assert_eq!(text, build(), "the repaired line given is not the repairs applied");
                text
            }
            None => build(),
        };
        *edits = found.repairs;
        *current = Cow::Owned(repaired);
        return;
    }
    let current = current.to_mut();
    for r in found.repairs.into_iter().rev() {
        // Current positions of the earlier edits.
        let mut shift: isize = 0;
        let mut placed: Vec<(usize, usize, isize)> = Vec::with_capacity(edits.len());
        for e in edits.iter() {
            let start = e.span.start.saturating_add_signed(shift);
            placed.push((start, start + e.after.len(), shift));
            shift += e.delta();
        }
        let overlapping: Vec<usize> =
            (0..edits.len()).filter(|&k| placed[k].0 < r.span.end && r.span.start < placed[k].1).collect();
        let new_text = format!("{}{}{}", &current[..r.span.start], r.after, &current[r.span.end..]);
        let edit = match (overlapping.first(), overlapping.last()) {
            (Some(&first), Some(&last)) => {
                let cur_start = r.span.start.min(placed[first].0);
                let cur_end = r.span.end.max(placed[last].1);
                let orig_start = cur_start.saturating_add_signed(-placed[first].2);
                let after_last = placed[last].2 + edits[last].delta();
                let orig_end = cur_end.saturating_add_signed(-after_last);
                let mut plan = Vec::new();
                let mut reasons: Vec<Cow<'static, str>> = Vec::new();
                let mut grown: isize = 0;
                for &k in &overlapping {
                    let e = &edits[k];
                    if e.span.start == orig_start && e.span.end == orig_end {
                        plan.extend(e.plan.iter().cloned());
                    } else {
                        let start = (e.span.start - orig_start).saturating_add_signed(grown);
                        plan.push(Step::Within { start, end: start + e.span.len(), steps: e.plan.to_vec() });
                    }
                    grown += e.delta();
                    if !reasons.contains(&e.reason) {
                        reasons.push(e.reason.clone());
                    }
                }
                if r.span.start == cur_start && r.span.end == cur_end {
                    plan.extend_from_slice(&r.plan);
                } else {
                    plan.push(Step::Within {
                        start: r.span.start - cur_start,
                        end: r.span.end - cur_start,
                        steps: r.plan.into_owned(),
                    });
                }
                reasons.push(r.reason);
                let after = CompactString::from(&new_text[cur_start..cur_end + r.after.len() - r.span.len()]);
                edits.drain(first..=last);
                Repair {
                    span: orig_start..orig_end,
                    after,
                    plan: plan.into(),
                    rule: r.rule,
                    reason: Cow::Owned(reasons.join("; then ")),
                }
            }
            _ => {
                let k = placed.iter().take_while(|p| p.1 <= r.span.start).count();
                let shift = if k == 0 { 0 } else { placed[k - 1].2 + edits[k - 1].delta() };
                let start = r.span.start.saturating_add_signed(-shift);
                let end = r.span.end.saturating_add_signed(-shift);
                Repair { span: start..end, ..r }
            }
        };
        let at = edits.iter().take_while(|e| e.span.end <= edit.span.start).count();
        debug_assert!(line.is_char_boundary(edit.span.start) && line.is_char_boundary(edit.span.end));
        if line[edit.span.clone()] == edit.after {
            // A later pass undid an earlier one: nothing is left to change.
            *current = new_text;
            continue;
        }
        edits.insert(at, edit);
        *current = new_text;
    }
}

#[cfg(test)]
mod tests;
