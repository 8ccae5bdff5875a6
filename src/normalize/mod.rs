//! Normalize stage: one Unicode form, one kind of line break, no invisible
//! junk, without damaging any script.
//!
//! # Rules and defaults
//!
//! Each rule has an id (`normalize/<name>`, the name is what
//! `--normalize-on`/`--normalize-off` take) and can be switched on or off.
//! The defaults are chosen for corpus preparation: make equal text equal
//! byte for byte, and never change what a reader or a script's shaping
//! engine would see.
//!
//! | rule | default | what, and why that default |
//! |---|---|---|
//! | `nfc` | on | Canonical composition. "é" typed as e + U+0301 and as U+00E9 is the same text; NFC makes it the same bytes and changes nothing a reader can see. Conjoining Hangul jamo compose into syllables. |
//! | `nfkc` | off | Compatibility composition instead of NFC: also folds ligatures, superscripts, full-width forms, every kind of space. It changes meaning ("x²" → "x2", "½" → "1⁄2") and so is opt-in (`--nfkc`). |
//! | `line-ending` | on | CRLF, CR, VT, FF, U+2028 and U+2029 become LF. NEL is not a line break here (see below). |
//! | `trailing-whitespace` | on | Tab and space separators (Zs, no-break spaces included) at the end of a line carry nothing. Leading white space is kept: it can be an indent. |
//! | `blank-lines` | on, 1 | Runs of blank lines are cut to `max_blank_lines` (default 1, which keeps paragraph breaks). |
//! | `edge-blank-lines` | on | Blank lines before the first and after the last line of text go. The final line break is kept; none is ever added. |
//! | `controls` | on | C0 controls other than tab and the line breaks, DEL, and C1 controls go. Repair runs first and turns the C1 controls it can explain into the windows-1252 characters they stood for; what is left is debris. That includes NEL (U+0085): in scraped text a leftover NEL is a "…" read as latin-1, not a line break, and making it a break would cut a line in two. |
//! | `bom` | on | U+FEFF inside the text is a byte-order mark that was glued in (concatenated files, a BOM inside a JSON string); decode has already removed the real one. |
//! | `soft-hyphen` | on | U+00AD is a hyphenation hint, invisible unless a line wraps there, and it splits words for tokenizers and search ("Bundes\u{ad}regierung"). Exception: a soft hyphen that may be the 0xAD byte of mojibake repair could not undo ("Ã\u{ad}", "å\u{ad}—") is left, so that the damage stays repairable. |
//! | `zero-width` | on | U+200B ZERO WIDTH SPACE and U+2060 WORD JOINER only steer line breaking. Exception: a ZWSP between two letters of Thai, Lao, Myanmar, Khmer or Tai Tham is kept, because those scripts write no spaces and the ZWSP is a word boundary. |
//! | `joiner` | on | ZWJ (U+200D) and ZWNJ (U+200C) are removed only where both neighbours are characters they cannot act on (Latin, Greek, Cyrillic, Armenian, Hebrew, Georgian, CJK, digits, punctuation, white space, a line edge). Everywhere else they stay: emoji ZWJ sequences (👩‍💻, skin tones included), Indic conjuncts (क्‍ष), Persian and Arabic (می‌خواهم), and any script not on the list. |
//! | `bidi-controls` | on | LRM, RLM, ALM and the embedding, override and isolate controls are kept in any document that has right-to-left letters, where they place punctuation, numbers and Latin words correctly. In a document with none they can only reorder the display against the logical text (the "trojan source" trick), and they go. |
//! | `nbsp` | off | No-break spaces (U+00A0, U+2007, U+202F) to plain spaces. Off by default because they carry typographic intent ("10 km", French « guillemets »). U+202F next to Mongolian is its suffix connector and is kept. |
//! | `ascii-punctuation` | off | ‘ ’ ‚ ‛ to ', “ ” „ ‟ to ", hyphens, en dash and minus to -, em dash and horizontal bar to -- (the typist's em dash, so "left—right" does not become a hyphenated word). |
//! | `fullwidth` | off | Full-width ASCII (U+FF01–FF5E: "ＡＢＣ１２３") to ASCII. Note that Chinese and Japanese use the full-width comma, colon and parentheses as their normal punctuation. U+3000 IDEOGRAPHIC SPACE is not touched. |
//! | `ligatures` | off | The Latin and Armenian presentation ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, ﬓ …) to their letters, as PDF extraction leaves them. |
//!
//! Characters that look invisible but carry meaning are never touched: the
//! combining grapheme joiner U+034F (it blocks reordering), variation
//! selectors (emoji and CJK variants), emoji tag sequences, the Mongolian
//! variation selectors and vowel separator, the invisible math operators
//! U+2061–2064, and the Hangul fillers.
//!
//! # How it works
//!
//! The text is cut at LF and each line is scanned by a fast path that, for
//! text that is already clean, only reads bytes: eight at a time for
//! printable ASCII, two or three at a time for characters whose whole
//! block of 64 needs nothing (most Latin, Cyrillic, Han and Hangul), and
//! for anything else one lookup in a table of combining class, quick check
//! value and "some rule may act here" (see `table.rs`). Characters below
//! U+0300 are all stable NFC starters, so only the U+0080–U+00BF row is
//! looked at below it. A Maybe character
//! (one that can compose with the character before, like the Devanagari
//! nukta or a Tamil vowel sign) is resolved on the spot by asking whether it
//! composes with the last starter, so text in those scripts stays on the
//! fast path too.
//!
//! A line the pipeline found quiet ([`crate::lines::is_quiet`]) is not even
//! scanned when the options leave every quiet character alone wherever it
//! stands (`Normalizer::find_in`), as the default options do.
//!
//! A line the fast path rejects is split at every line break and looked at
//! character by character: each character is kept, removed or replaced by
//! one rule, then the line is cut into segments that normalize on their own
//! (a stable starter and what follows it) and each segment whose
//! removals and replacements leave it out of the normal form is normalized
//! as a whole. One edit covers all the normal-form work of a line, so a line
//! typed in NFD is one finding, not forty.
//!
//! One pass is enough: normalizing never produces white space at a line's
//! end, a control, a line break or an invisible character (tests check this
//! for every code point), replacements produce only ASCII and Armenian
//! letters, and context rules look past invisible characters to the nearest
//! visible ones, which no rule removes.

mod chars;
mod scan;
mod table;

use std::borrow::Cow;
use std::cell::OnceCell;

use unicode_normalization::UnicodeNormalization;

use crate::change::{Change, rules};
use chars::Replacement;
use table::Table;

/// Characters the default rules remove from inside a line: controls other
/// than tab and the line breaks (C1 included), the soft hyphen, ZERO WIDTH
/// SPACE, WORD JOINER and a BOM inside the text. The stages before this one
/// (repair, strip) judge a line as if they were already gone, so that a
/// stray control never changes a verdict that a second run, after normalize
/// removed it, would reach differently: that keeps the pipeline idempotent.
#[must_use]
pub fn is_debris(c: char) -> bool {
    chars::is_control(c) || matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// `text.contains(is_debris)`, at the speed of a byte scan: repair and strip
/// ask it of every line, and almost every line answers no.
#[must_use]
pub fn has_debris(text: &str) -> bool {
    find_any::<false>(text).is_some()
}

/// Invisible characters some default rule removes, wherever they stand or
/// depending on their neighbours: the debris ([`is_debris`]), and the
/// joiners (ZWNJ, ZWJ) and bidi controls, which go where nothing needs them.
/// Strip judges every line without all of them, so that its verdict is the
/// same before and after normalize took some of them out.
#[must_use]
pub fn may_vanish(c: char) -> bool {
    chars::is_invisible(c)
}

/// `text.contains(may_vanish)`, at the speed of a byte scan.
#[must_use]
pub fn has_vanishing(text: &str) -> bool {
    find_any::<true>(text).is_some()
}

/// `text` without the characters that [`may_vanish`]: itself where it
/// holds none, else copied a run at a time between them, each found by
/// [`has_vanishing`]'s scan. (Copied a character at a time, strip's view of
/// its lines took 2.5 % of the text stages' instructions on English news,
/// nearly all on its 2 % of lines with emoji joined by U+200D.)
#[must_use]
pub fn without_vanishing(text: &str) -> Cow<'_, str> {
    let Some(mut at) = find_any::<true>(text) else { return Cow::Borrowed(text) };
    let mut kept = String::with_capacity(text.len());
    let mut from = 0;
    loop {
        kept.push_str(&text[from..at]);
        from = at + text[at..].chars().next().map_or(0, char::len_utf8);
        match find_any::<true>(&text[from..]) {
            Some(next) => at = from + next,
            None => break,
        }
    }
    kept.push_str(&text[from..]);
    Cow::Owned(kept)
}

/// C0 controls but tab and the line breaks, and DEL: the ASCII debris.
fn is_ascii_debris(b: u8) -> bool {
    (b < 0x20) & !matches!(b, b'\t'..=b'\r') | (b == 0x7f)
}

/// Whether the character at byte `i` of `bytes`, which starts with C2, E2
/// or EF, is debris, or with `WIDE` a character that [`may_vanish`].
fn vanishes_at<const WIDE: bool>(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i + 1..];
    match bytes[i] {
        0xc2 => matches!(rest, [0x80..=0x9f | 0xad, ..]),
        0xe2 if WIDE => matches!(rest, [0x80, 0x8b..=0x8f | 0xaa..=0xae, ..] | [0x81, 0xa0 | 0xa6..=0xa9, ..]),
        0xe2 => matches!(rest, [0x80, 0x8b, ..] | [0x81, 0xa0, ..]),
        _ => matches!(rest, [0xbb, 0xbf, ..]),
    }
}

/// Where the first debris ([`is_debris`]) of `text` starts, or with `WIDE`
/// the first character that [`may_vanish`].
///
/// Most of them start with C2 (C1 controls, soft hyphen), E2 (ZERO WIDTH
/// SPACE, WORD JOINER, the joiners and most bidi controls) or EF (BOM),
/// which memchr finds; the ASCII debris (C0 controls but tab and the breaks,
/// DEL) before the first of those is looked for 32 bytes at a time with no
/// branch per byte, which the compiler turns into vector code. ARABIC
/// LETTER MARK (D8 9C) is looked for only in text with a D8 byte, which
/// that loop notes on the way.
fn find_any<const WIDE: bool>(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end =
        memchr::memchr3_iter(0xc2, 0xe2, 0xef, bytes).find(|&i| vanishes_at::<WIDE>(bytes, i)).unwrap_or(bytes.len());
    let mut arabic = false;
    for (k, chunk) in bytes[..end].chunks(32).enumerate() {
        let (debris, d8) = chunk
            .iter()
            .fold((false, false), |(debris, d8), &b| (debris | is_ascii_debris(b), d8 | (WIDE & (b == 0xd8))));
        arabic |= d8;
        if debris {
            end = k * 32 + chunk.iter().position(|&b| is_ascii_debris(b)).unwrap_or(0);
            break;
        }
    }
    if arabic && let Some(at) = memchr::memmem::find(&bytes[..end], "\u{61c}".as_bytes()) {
        end = at;
    }
    (end < bytes.len()).then_some(end)
}

/// Whether `c` is a stable NFC starter: combining class 0 and the quick
/// check Yes, so that nothing before it composes with it or moves past it.
/// Text made of nothing else is in NFC: repair asks this of the characters
/// it decodes, and need not run the quick check over its result; and a
/// stable starter begins a segment that composes on its own.
#[must_use]
pub(crate) fn is_stable_starter(c: char) -> bool {
    Table::get(Form::Nfc).is_stable_starter(c)
}

/// Whether the stage under its default options passes `content` (a line's,
/// up to its break) at a glance: nothing inside it needs an edit, white
/// space at its end aside. Then it holds no C1 control or soft hyphen and is
/// in NFC. Asked through [`Looked::settled`](crate::lines::Looked::settled),
/// which keeps the answer for the second stage to ask.
#[must_use]
pub(crate) fn settled(content: &str) -> bool {
    Normalizer::by_default().is_clean(content)
}

/// Whether `text` is in NFC by the quick check (its answer is Yes), which
/// repair and strip ask of lines before they compose anything. The same
/// test as unicode-normalization's `is_nfc_quick`, on the stage's
/// per-character table (see [`Table`]): one load per character instead of
/// two perfect-hash lookups, which made it a tenth of the time on Arabic or
/// Hindi text, whose marks keep every line off the fastest path.
#[must_use]
pub fn passes_nfc_quick_check(text: &str) -> bool {
    let table = Table::get(Form::Nfc);
    let bytes = text.as_bytes();
    let mut last_class = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII, and the characters of blocks that are all stable starters
        // (most letters of Latin, Cyrillic, Han, Hangul), pass and reset the
        // class, undecoded: this check runs on every line of such text
        // that is not quiet.
        if b < 0x80 {
            // A run of ASCII, eight bytes at a time to the step that holds
            // its end, then straight to the first byte from 0x80 up.
            at = crate::swar::skip_unmarked(bytes, at + 1, |word| word & crate::swar::HIGH);
            last_class = 0;
            continue;
        }
        let stable = table.stable_starter_len(bytes, at);
        if stable != 0 {
            last_class = 0;
            at += stable;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        at += c.len_utf8();
        let entry = table.entry(c);
        let class = entry & 0xff;
        if entry & (table::NO | table::MAYBE) != 0 || class != 0 && last_class > class {
            return false;
        }
        last_class = class;
    }
    true
}

rules! {
    /// Rules of the normalize stage (see the module documentation for the
    /// policy behind each).
    pub enum Rule {
        /// Text not in NFC (canonically composed) was composed.
        Nfc => "normalize/nfc", "text put into Unicode normal form C (canonical composition)",
        /// Text not in NFKC was normalized (only with `--nfkc`).
        Nfkc => "normalize/nfkc", "text put into Unicode normal form KC (compatibility composition)",
        /// CRLF, CR, VT, FF, U+2028 and U+2029 became LF.
        LineEnding => "normalize/line-ending", "a line break other than LF became LF",
        /// White space at the end of a line was removed.
        TrailingWhitespace => "normalize/trailing-whitespace", "white space at the end of a line was removed",
        /// A run of blank lines was shortened.
        BlankLines => "normalize/blank-lines", "a run of blank lines was shortened",
        /// Blank lines at the start or the end of the text were removed.
        EdgeBlankLines => "normalize/edge-blank-lines", "blank lines at the start or the end were removed",
        /// Control characters other than tab and line breaks were removed.
        Controls => "normalize/controls", "a control character was removed",
        /// A byte-order mark inside the text was removed.
        Bom => "normalize/bom", "a byte-order mark inside the text was removed",
        /// A soft hyphen was removed.
        SoftHyphen => "normalize/soft-hyphen", "a soft hyphen (an invisible hyphenation hint) was removed",
        /// A zero-width space or word joiner that marked nothing was removed.
        ZeroWidth => "normalize/zero-width", "a zero-width space or word joiner was removed",
        /// A ZWJ or ZWNJ between characters it cannot act on was removed.
        Joiner => "normalize/joiner", "a zero-width joiner or non-joiner between characters it cannot join was removed",
        /// A bidi control in a document without right-to-left letters was
        /// removed.
        BidiControls => "normalize/bidi-controls", "a bidi control in text without right-to-left letters was removed",
        /// A no-break space became a plain space (opt-in).
        Nbsp => "normalize/nbsp", "a no-break space became a plain space",
        /// Typographic quotes and dashes became ASCII (opt-in).
        AsciiPunctuation => "normalize/ascii-punctuation", "a typographic quote or dash became ASCII",
        /// Full-width ASCII became ASCII (opt-in).
        Fullwidth => "normalize/fullwidth", "a full-width ASCII character became ASCII",
        /// A ligature became its letters (opt-in).
        Ligatures => "normalize/ligatures", "a ligature became its letters",
    }
}

impl Rule {
    /// The rule's name without the stage: `trailing-whitespace`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.id().trim_start_matches("normalize/")
    }

    /// Looks a rule up by its name (`nfc`) or its id (`normalize/nfc`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Rule> {
        let name = name.strip_prefix("normalize/").unwrap_or(name);
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// The Unicode normal form to put text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Form {
    /// Canonical composition: same text, one encoding of it.
    #[default]
    Nfc,
    /// Compatibility composition: also folds ligatures, superscripts, full
    /// width forms and every kind of space. Changes meaning in places
    /// ("x²" → "x2"), so opt-in.
    Nfkc,
}

/// Options of the normalize stage: one switch per rule (see the module
/// documentation for what each does and why its default is what it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The normal form, or `None` to leave normal forms alone. Default NFC.
    pub form: Option<Form>,
    /// Turn every line break into LF. Default on.
    pub line_endings: bool,
    /// Remove white space at line ends. Default on.
    pub trailing_whitespace: bool,
    /// Shorten runs of blank lines to `max_blank_lines`. Default on.
    pub blank_lines: bool,
    /// How many blank lines in a row `blank_lines` keeps. Default 1.
    pub max_blank_lines: usize,
    /// Remove blank lines at the start and the end of the text. Default on.
    pub edge_blank_lines: bool,
    /// Remove control characters other than tab and line breaks. Default on.
    pub controls: bool,
    /// Remove U+FEFF inside the text. Default on.
    pub bom: bool,
    /// Remove soft hyphens. Default on.
    pub soft_hyphens: bool,
    /// Remove zero-width spaces (outside scripts that mark words with them)
    /// and word joiners. Default on.
    pub zero_width: bool,
    /// Remove ZWJ and ZWNJ where they cannot act. Default on.
    pub joiners: bool,
    /// Remove bidi controls from documents without right-to-left letters.
    /// Default on.
    pub bidi_controls: bool,
    /// Turn no-break spaces into plain spaces. Default off.
    pub nbsp: bool,
    /// Turn typographic quotes and dashes into ASCII. Default off.
    pub ascii_punctuation: bool,
    /// Turn full-width ASCII into ASCII. Default off.
    pub fullwidth: bool,
    /// Turn ligatures into their letters. Default off.
    pub ligatures: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            form: Some(Form::Nfc),
            line_endings: true,
            trailing_whitespace: true,
            blank_lines: true,
            max_blank_lines: 1,
            edge_blank_lines: true,
            controls: true,
            bom: true,
            soft_hyphens: true,
            zero_width: true,
            joiners: true,
            bidi_controls: true,
            nbsp: false,
            ascii_punctuation: false,
            fullwidth: false,
            ligatures: false,
        }
    }
}

impl Options {
    /// Whether `rule` is on.
    #[must_use]
    pub fn is_on(&self, rule: Rule) -> bool {
        match rule {
            Rule::Nfc => self.form == Some(Form::Nfc),
            Rule::Nfkc => self.form == Some(Form::Nfkc),
            Rule::LineEnding => self.line_endings,
            Rule::TrailingWhitespace => self.trailing_whitespace,
            Rule::BlankLines => self.blank_lines,
            Rule::EdgeBlankLines => self.edge_blank_lines,
            Rule::Controls => self.controls,
            Rule::Bom => self.bom,
            Rule::SoftHyphen => self.soft_hyphens,
            Rule::ZeroWidth => self.zero_width,
            Rule::Joiner => self.joiners,
            Rule::BidiControls => self.bidi_controls,
            Rule::Nbsp => self.nbsp,
            Rule::AsciiPunctuation => self.ascii_punctuation,
            Rule::Fullwidth => self.fullwidth,
            Rule::Ligatures => self.ligatures,
        }
    }

    /// Whether a rule that turns visible characters into others is on (NFKC,
    /// no-break spaces, ASCII punctuation, full-width forms, ligatures). The
    /// strip stage judges lines without foreseeing those ("¹" alone becomes
    /// "1", a stray number), so the pipeline lets strip look again at what
    /// they made ([`crate::Cleaner`], through [`Normalizer::folds`]).
    #[must_use]
    pub fn folds(&self) -> bool {
        self.form == Some(Form::Nfkc) || self.nbsp || self.ascii_punctuation || self.fullwidth || self.ligatures
    }

    /// Switches `rule` on or off. The two forms exclude each other: turning
    /// `nfkc` on replaces NFC; turning the form that is in use off leaves
    /// normal forms alone.
    pub fn set(&mut self, rule: Rule, on: bool) {
        let form = |options: &mut Options, form: Form| {
            if on {
                options.form = Some(form);
            } else if options.form == Some(form) {
                options.form = None;
            }
        };
        match rule {
            Rule::Nfc => form(self, Form::Nfc),
            Rule::Nfkc => form(self, Form::Nfkc),
            Rule::LineEnding => self.line_endings = on,
            Rule::TrailingWhitespace => self.trailing_whitespace = on,
            Rule::BlankLines => self.blank_lines = on,
            Rule::EdgeBlankLines => self.edge_blank_lines = on,
            Rule::Controls => self.controls = on,
            Rule::Bom => self.bom = on,
            Rule::SoftHyphen => self.soft_hyphens = on,
            Rule::ZeroWidth => self.zero_width = on,
            Rule::Joiner => self.joiners = on,
            Rule::BidiControls => self.bidi_controls = on,
            Rule::Nbsp => self.nbsp = on,
            Rule::AsciiPunctuation => self.ascii_punctuation = on,
            Rule::Fullwidth => self.fullwidth = on,
            Rule::Ligatures => self.ligatures = on,
        }
    }
}

/// The normalize stage, built once from [`Options`].
#[derive(Clone)]
pub struct Normalizer {
    options: Options,
    /// Quick-check data for the form (the NFC table when the form is off:
    /// only its "some rule may act" flags are read then).
    table: &'static Table,
    /// Whether the fast path passes every [quiet
    /// character](crate::lines::is_quiet_char) wherever it stands, so
    /// that a quiet line needs no look of this stage's own. It does under
    /// the default options; not under NFKC ("½" and "™" decompose), nor
    /// when quotes become ASCII or no-break spaces spaces.
    quiet_is_clean: bool,
    /// Whether its options are the defaults, so that a line's
    /// [`settled`](crate::lines::Looked::settled) verdict is its fast path's.
    default_options: bool,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer").field("options", &self.options).finish_non_exhaustive()
    }
}

/// One line: where it starts, its content and its line break (empty on a
/// last line without one). `clean` lines passed the fast path: nothing
/// inside them needs an edit.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    content: &'a str,
    brk: &'a str,
    clean: bool,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.content.len() + self.brk.len()
    }
}

/// What a rule does to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    Keep,
    Remove(Rule),
    Replace(Rule, &'static str),
}

/// A character of a line the fast path rejected, with its fate.
#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Byte offset in the whole text.
    at: usize,
    c: char,
    act: Act,
}

impl Cell {
    fn end(&self) -> usize {
        self.at + self.c.len_utf8()
    }
}

/// Facts about the whole document, computed only when a rule asks.
struct Doc<'a> {
    text: &'a str,
    has_rtl: OnceCell<bool>,
}

impl Doc<'_> {
    fn has_rtl(&self) -> bool {
        *self.has_rtl.get_or_init(|| self.text.chars().any(chars::is_rtl))
    }
}

impl Normalizer {
    /// Builds the stage. The first normalizer of a process also builds the
    /// quick-check table of its form (a few milliseconds).
    #[must_use]
    pub fn new(options: &Options) -> Normalizer {
        let table = Table::get(options.form.unwrap_or_default());
        let default_options = *options == Options::default();
        let mut normalizer = Normalizer { options: options.clone(), table, quiet_is_clean: false, default_options };
        normalizer.quiet_is_clean = normalizer.passes_every_quiet_char();
        normalizer
    }

    /// The stage under its default options, which repair judges lines
    /// against: it asks this one which soft hyphens go, and whether a line
    /// is [settled].
    pub(crate) fn by_default() -> &'static Normalizer {
        static BY_DEFAULT: std::sync::LazyLock<Normalizer> =
            std::sync::LazyLock::new(|| Normalizer::new(&Options::default()));
        &BY_DEFAULT
    }

    /// As [`Normalizer::find`], given the [`Lines`](crate::lines::Lines)
    /// of `text` (in the pipeline, where finding them is shared): a quiet
    /// line goes without a look when the fast path would pass it anyway.
    pub fn find_in(&self, text: &str, lines: &crate::lines::Lines, out: &mut Vec<Change>) {
        self.walk(text, Some(lines), out);
    }

    /// Whether its options fold characters into others
    /// ([`Options::folds`]).
    #[must_use]
    pub fn folds(&self) -> bool {
        self.options.folds()
    }

    /// Whether the soft hyphen at byte `i` of `content` (a line) goes: it
    /// stays when it may be a byte of mojibake (see
    /// [`chars::shy_may_be_mojibake`]). Repair judges lines as this stage
    /// will leave them and asks the same question.
    #[must_use]
    pub fn removes_soft_hyphen(&self, content: &str, i: usize) -> bool {
        let before = self.touching(content, i, Side::Before);
        let after = self.touching(content, i + '\u{ad}'.len_utf8(), Side::After);
        self.options.soft_hyphens && !chars::shy_may_be_mojibake(before, after)
    }

    /// Appends the edits `text` needs to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        self.walk(text, None, out);
    }

    /// Walks `text` line feed by line feed (see
    /// [`Normalizer::take_up_to_lf`]), taking the quiet lines of `lines`
    /// without a look when the options allow, and the verdict another stage
    /// had on a line (see [`crate::lines::Looked::settled`]) when the
    /// options are the defaults. (A quiet line holds no line break of any
    /// kind, so it is a line here too; its break is judged on its own.)
    fn walk(&self, text: &str, lines: Option<&crate::lines::Lines>, out: &mut Vec<Change>) {
        let doc = Doc { text, has_rtl: OnceCell::new() };
        let mut blank_run: Vec<Line<'_>> = Vec::new();
        let mut seen_text = false;
        let mut looked = lines.map(|l| l.iter(text).peekable());
        let mut pos = 0;
        while pos < text.len() {
            let here = looked.as_mut().and_then(|looked| {
                while looked.next_if(|l| l.line.start < pos).is_some() {}
                looked.next_if(|l| l.line.start == pos)
            });
            let mut known = None;
            if let Some(l) = here {
                if l.quiet && self.quiet_is_clean {
                    debug_assert!(self.is_clean(l.line.content), "{:?}", l.line.content);
                    if !l.line.content.is_empty() && matches!(l.line.brk, "\n" | "") {
                        // Most lines: text that ends with no white space (a
                        // quiet line does not), so not blank and with nothing
                        // to edit, and a line break to keep. Only the blank
                        // lines before it are settled. (Taken as any other
                        // line, such lines cost the text stages 2–4 % more
                        // instructions on news, callgrind.)
                        let line = Line { start: pos, content: l.line.content, brk: l.line.brk, clean: true };
                        debug_assert!(!self.is_blank(&doc, &line), "{:?}", line.content);
                        self.blank_run(&doc, &blank_run, !seen_text, out);
                        blank_run.clear();
                        seen_text = true;
                    } else {
                        let line = Line { start: pos, content: l.line.content, brk: l.line.brk, clean: true };
                        self.take(&doc, line, &mut blank_run, &mut seen_text, out);
                    }
                    pos = l.line.end();
                    continue;
                }
                // A line that ends where this stage's own look would end it
                // may have been looked at already (by repair).
                if self.default_options && matches!(l.line.brk, "\n" | "") {
                    known = Some(l.settled());
                }
            }
            pos = self.take_up_to_lf(&doc, pos, known, &mut blank_run, &mut seen_text, out);
        }
        self.blank_run(&doc, &blank_run, true, out);
    }

    /// Takes the text from `pos` to its next line feed (included), as one
    /// line when the fast path passes it (`clean`, when known already) and
    /// line by line otherwise, and says where it ends.
    fn take_up_to_lf<'a>(
        &self,
        doc: &Doc<'a>,
        pos: usize,
        clean: Option<bool>,
        blank_run: &mut Vec<Line<'a>>,
        seen_text: &mut bool,
        out: &mut Vec<Change>,
    ) -> usize {
        let text = doc.text;
        let lf = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let end = (lf + 1).min(text.len());
        debug_assert!(clean.is_none_or(|clean| clean == self.is_clean(&text[pos..lf])));
        if clean.unwrap_or_else(|| self.is_clean(&text[pos..lf])) {
            let line = Line { start: pos, content: &text[pos..lf], brk: &text[lf..end], clean: true };
            self.take(doc, line, blank_run, seen_text, out);
        } else {
            for line in split_lines(text, pos, end) {
                self.take(doc, line, blank_run, seen_text, out);
            }
        }
        end
    }

    /// Takes the next line: a blank one waits in `blank_run` until the run
    /// ends; a line of text first settles the run before it.
    fn take<'a>(
        &self,
        doc: &Doc<'_>,
        line: Line<'a>,
        blank_run: &mut Vec<Line<'a>>,
        seen_text: &mut bool,
        out: &mut Vec<Change>,
    ) {
        if self.is_blank(doc, &line) {
            blank_run.push(line);
            return;
        }
        self.blank_run(doc, blank_run, !*seen_text, out);
        blank_run.clear();
        *seen_text = true;
        self.line_edits(doc, &line, out);
    }

    /// Edits for a run of blank lines: the lines kept get their own edits,
    /// the rest is removed as one edit.
    fn blank_run(&self, doc: &Doc<'_>, run: &[Line<'_>], at_edge: bool, out: &mut Vec<Change>) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else { return };
        let o = &self.options;
        let (keep, rule, reason) = if at_edge && o.edge_blank_lines {
            (0, Rule::EdgeBlankLines, "blank lines at the edge of the text")
        } else if o.blank_lines {
            (o.max_blank_lines.min(run.len()), Rule::BlankLines, "more blank lines in a row than allowed")
        } else {
            (run.len(), Rule::BlankLines, "")
        };
        for line in &run[..keep] {
            self.line_edits(doc, line, out);
        }
        if keep < run.len() {
            let from = if keep == 0 { first.start } else { run[keep].start };
            out.push(Change::new(crate::Rule::Normalize(rule), doc.text, from..last.end(), "", reason));
        }
    }

    /// Whether a line holds nothing but white space and characters this
    /// stage removes.
    fn is_blank(&self, doc: &Doc<'_>, line: &Line<'_>) -> bool {
        let blank_or_invisible = |c| chars::is_horizontal_space(c) || chars::is_invisible(c);
        if line.clean || !line.content.chars().all(blank_or_invisible) {
            return line.content.chars().all(chars::is_horizontal_space);
        }
        self.cells(doc, line).iter().all(|cell| chars::is_horizontal_space(cell.c) || is_removal(cell.act))
    }

    /// All the edits of one line that is kept: inside it, at its end, and its
    /// line break.
    fn line_edits(&self, doc: &Doc<'_>, line: &Line<'_>, out: &mut Vec<Change>) {
        let trailing = |c: char| self.options.trailing_whitespace && chars::is_horizontal_space(c);
        if line.clean {
            let body = line.content.trim_end_matches(trailing);
            if body.len() < line.content.len() {
                let span = line.start + body.len()..line.start + line.content.len();
                out.push(Change::new(
                    crate::Rule::Normalize(Rule::TrailingWhitespace),
                    doc.text,
                    span,
                    "",
                    "white space at the end of the line",
                ));
            }
        } else {
            let cells = self.cells(doc, line);
            let body = cells.iter().rposition(|cell| !(trailing(cell.c) || is_removal(cell.act))).map_or(0, |i| i + 1);
            self.body_edits(doc.text, &cells[..body], out);
            tail_edits(doc.text, &cells[body..], out);
        }
        if self.options.line_endings && !line.brk.is_empty() && line.brk != "\n" {
            let at = line.start + line.content.len();
            out.push(Change::new(
                crate::Rule::Normalize(Rule::LineEnding),
                doc.text,
                at..at + line.brk.len(),
                "\n",
                format!("{} line break", break_name(line.brk)),
            ));
        }
    }

    /// The characters of a line and what the rules do to each.
    fn cells(&self, doc: &Doc<'_>, line: &Line<'_>) -> Vec<Cell> {
        let content = line.content;
        content.char_indices().map(|(i, c)| Cell { at: line.start + i, c, act: self.act(doc, content, i, c) }).collect()
    }

    /// What the rules do to `c`, at byte `i` of the line `content`.
    fn act(&self, doc: &Doc<'_>, content: &str, i: usize, c: char) -> Act {
        if self.table.entry(c) & table::SPECIAL == 0 {
            return Act::Keep;
        }
        let o = &self.options;
        let remove_if = |on: bool, rule| if on { Act::Remove(rule) } else { Act::Keep };
        // The visible base characters on either side (`None` at a line's
        // edge), as the second pass will see them.
        let before = || self.neighbour(content, i, Side::Before);
        let after = || self.neighbour(content, i + c.len_utf8(), Side::After);
        match c {
            c if chars::is_control(c) => remove_if(o.controls, Rule::Controls),
            '\u{feff}' => remove_if(o.bom, Rule::Bom),
            '\u{ad}' => remove_if(self.removes_soft_hyphen(content, i), Rule::SoftHyphen),
            '\u{2060}' => remove_if(o.zero_width, Rule::ZeroWidth),
            '\u{200b}' => {
                let word_boundary = before().is_some_and(chars::marks_words_with_zwsp)
                    && after().is_some_and(chars::marks_words_with_zwsp);
                remove_if(o.zero_width && !word_boundary, Rule::ZeroWidth)
            }
            '\u{200c}' | '\u{200d}' => {
                let inert = |n: Option<char>| n.is_none_or(chars::joiners_are_inert_next_to);
                remove_if(o.joiners && inert(before()) && inert(after()), Rule::Joiner)
            }
            c if chars::is_bidi_control(c) => remove_if(o.bidi_controls && !doc.has_rtl(), Rule::BidiControls),
            '\u{202f}' => {
                let connector = before().is_some_and(chars::is_mongolian) || after().is_some_and(chars::is_mongolian);
                if o.nbsp && !connector { Act::Replace(Rule::Nbsp, " ") } else { Act::Keep }
            }
            c => match self.replacement(c) {
                Some((rule, to)) => Act::Replace(rule, to),
                None => Act::Keep,
            },
        }
    }

    /// The visible character that touches byte `i` of `content` on `side`, as
    /// it reads once replaced and normalized together with its cluster (the
    /// starter before it and the marks after it), so that a second pass,
    /// which sees the cluster composed, reads the same character: "¨" +
    /// U+0300 reads as "῭".
    fn touching(&self, content: &str, i: usize, side: Side) -> Option<char> {
        let visible = |c: &char| !chars::is_invisible(*c);
        let mut cluster = Vec::new();
        match side {
            Side::Before => {
                for c in content[..i].chars().rev().filter(visible) {
                    cluster.push(c);
                    if self.table.ccc(c) == 0 {
                        break;
                    }
                }
                cluster.reverse();
            }
            Side::After => {
                for c in content[i..].chars().filter(visible) {
                    if !cluster.is_empty() && self.table.ccc(c) == 0 {
                        break;
                    }
                    cluster.push(c);
                }
            }
        }
        let cells: Vec<Cell> = cluster
            .iter()
            .map(|&c| Cell {
                at: 0,
                c,
                act: self.replacement(c).map_or(Act::Keep, |(rule, to)| Act::Replace(rule, to)),
            })
            .collect();
        let settled = self.normalized(&cells).unwrap_or_else(|| {
            cells
                .iter()
                .map(|cell| match cell.act {
                    Act::Replace(_, to) => to.to_owned(),
                    _ => cell.c.to_string(),
                })
                .collect()
        });
        match side {
            Side::Before => settled.chars().next_back(),
            Side::After => settled.chars().next(),
        }
    }

    /// The nearest visible starter before (or after) byte `i` of `content`,
    /// as it reads once replaced and normalized: the base a context rule
    /// judges by. Invisible characters are skipped because some rule may
    /// remove them; combining marks because normalizing reorders them and
    /// composes them into their base, which keeps the base's class (a test
    /// checks every composite). So the second pass judges by the same
    /// character as the first, and the stage stays idempotent.
    fn neighbour(&self, content: &str, i: usize, side: Side) -> Option<char> {
        let candidates: Box<dyn Iterator<Item = char>> = match side {
            Side::Before => Box::new(content[..i].chars().rev()),
            Side::After => Box::new(content[i..].chars()),
        };
        for c in candidates.filter(|&c| !chars::is_invisible(c) && self.table.ccc(c) == 0) {
            if self.table.entry(c) & (table::NO | table::SPECIAL) == 0 {
                return Some(c);
            }
            let act = self.replacement(c).map_or(Act::Keep, |(rule, to)| Act::Replace(rule, to));
            let settled = match (self.normalized(&[Cell { at: 0, c, act }]), act) {
                (Some(settled), _) => settled,
                (None, Act::Replace(_, to)) => to.to_owned(),
                (None, _) => return Some(c),
            };
            // A character that becomes marks only (Tibetan U+0F73) is no base.
            let mut bases = settled.chars().filter(|&c| self.table.ccc(c) == 0);
            let base = match side {
                Side::Before => bases.next_back(),
                Side::After => bases.next(),
            };
            if base.is_some() {
                return base;
            }
        }
        None
    }

    /// The context-free replacement of `c` by a rule that is on.
    fn replacement(&self, c: char) -> Option<(Rule, &'static str)> {
        let (kind, to) = chars::replacement(c)?;
        let (rule, on) = match kind {
            Replacement::Nbsp => (Rule::Nbsp, self.options.nbsp),
            Replacement::Punctuation => (Rule::AsciiPunctuation, self.options.ascii_punctuation),
            Replacement::Ligature => (Rule::Ligatures, self.options.ligatures),
            Replacement::Fullwidth => (Rule::Fullwidth, self.options.fullwidth),
        };
        on.then_some((rule, to))
    }

    /// Edits inside the body of a line (the part before its trailing white
    /// space): segment by segment, the normal form and the per-character
    /// rules; all the normal-form work of the line merged into one edit.
    fn body_edits(&self, text: &str, cells: &[Cell], out: &mut Vec<Change>) {
        let mut form_edit: Option<FormEdit> = None;
        let mut start = 0;
        for i in 1..=cells.len() {
            if i < cells.len() && !self.starts_segment(&cells[i]) {
                continue;
            }
            let segment = &cells[start..i];
            start = i;
            match self.normalized(segment) {
                Some(after) => {
                    let (from, to) = (segment[0].at, segment[segment.len() - 1].end());
                    let edited = segment.iter().any(|cell| cell.act != Act::Keep);
                    match &mut form_edit {
                        Some(edit) => edit.extend(text, from, to, &after, edited),
                        None => form_edit = Some(FormEdit::new(text, from, to, after, edited)),
                    }
                }
                None => {
                    for cell in segment {
                        let (rule, after) = match cell.act {
                            Act::Keep => continue,
                            Act::Remove(rule) => (rule, ""),
                            Act::Replace(rule, to) => (rule, to),
                        };
                        if let Some(edit) = form_edit.take() {
                            out.push(edit.into_change(text, self.form_rule()));
                        }
                        let reason = reason(rule, cell.c);
                        out.push(Change::new(crate::Rule::Normalize(rule), text, cell.at..cell.end(), after, reason));
                    }
                }
            }
        }
        if let Some(edit) = form_edit {
            out.push(edit.into_change(text, self.form_rule()));
        }
    }

    fn form_rule(&self) -> Rule {
        match self.options.form {
            Some(Form::Nfkc) => Rule::Nfkc,
            _ => Rule::Nfc,
        }
    }

    /// True when `cell` begins a segment that normalizes independently of
    /// what comes before it.
    fn starts_segment(&self, cell: &Cell) -> bool {
        match cell.act {
            Act::Remove(_) => false,
            // Replacements are ASCII or Armenian letters: stable starters.
            Act::Replace(..) => true,
            Act::Keep => self.options.form.is_none() || self.table.is_stable_starter(cell.c),
        }
    }

    /// The segment's text after its removals and replacements and in the
    /// normal form, or `None` when the normal form changes nothing beyond
    /// the per-character edits.
    fn normalized(&self, segment: &[Cell]) -> Option<String> {
        let form = self.options.form?;
        // The common case: kept characters already in the form (quick check
        // Yes for each, marks in canonical order).
        let mut last_ccc = 0;
        let quick_yes = segment.iter().all(|cell| {
            let entry = self.table.entry(cell.c);
            let ccc = (entry & 0xff) as u8;
            let yes = cell.act == Act::Keep && entry & (table::NO | table::MAYBE) == 0 && (ccc == 0 || last_ccc <= ccc);
            last_ccc = ccc;
            yes
        });
        if quick_yes {
            return None;
        }
        let mut edited = String::new();
        for cell in segment {
            match cell.act {
                Act::Keep => edited.push(cell.c),
                Act::Remove(_) => {}
                Act::Replace(_, to) => edited.push_str(to),
            }
        }
        let mut normal = normalize(form, &edited);
        // Normalizing can make a character a replacement rule wants (NFKC
        // turns U+FE58 into an em dash); replace until nothing changes.
        let o = &self.options;
        if o.nbsp || o.ascii_punctuation || o.fullwidth || o.ligatures {
            loop {
                let mut replaced = String::with_capacity(normal.len());
                for c in normal.chars() {
                    match self.replacement(c) {
                        Some((_, to)) => replaced.push_str(to),
                        None => replaced.push(c),
                    }
                }
                if replaced == normal {
                    break;
                }
                normal = normalize(form, &replaced);
            }
        }
        (normal != edited).then_some(normal)
    }
}

/// Which neighbour of a character a context rule looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

fn is_removal(act: Act) -> bool {
    matches!(act, Act::Remove(_))
}

fn normalize(form: Form, text: &str) -> String {
    match form {
        Form::Nfc => text.nfc().collect(),
        Form::Nfkc => text.nfkc().collect(),
    }
}

/// The normal-form edit of a line being built: from the first segment that
/// changes to the last, with the text between kept as it is.
struct FormEdit {
    from: usize,
    to: usize,
    after: String,
    /// How many segments changed.
    count: usize,
    /// The first of them, before and after.
    example: (String, String),
    /// Whether removals or replacements were folded in.
    edited: bool,
}

impl FormEdit {
    fn new(text: &str, from: usize, to: usize, after: String, edited: bool) -> FormEdit {
        let example = (text[from..to].to_owned(), after.clone());
        FormEdit { from, to, after, count: 1, example, edited }
    }

    fn extend(&mut self, text: &str, from: usize, to: usize, after: &str, edited: bool) {
        self.after.push_str(&text[self.to..from]);
        self.after.push_str(after);
        self.to = to;
        self.count += 1;
        self.edited |= edited;
    }

    fn into_change(self, text: &str, rule: Rule) -> Change {
        let form = if rule == Rule::Nfkc { "NFKC" } else { "NFC" };
        let (before, after) = (code_points(&self.example.0), code_points(&self.example.1));
        let mut reason = if self.count == 1 {
            format!("put in {form}: {before} → {after}")
        } else {
            format!("{} sequences put in {form}, the first {before} → {after}", self.count)
        };
        if self.edited {
            reason.push_str(" (with invisible characters removed or characters replaced in the same place)");
        }
        Change::new(crate::Rule::Normalize(rule), text, self.from..self.to, self.after, reason)
    }
}

/// "U+0065 U+0301", shortened after eight code points.
fn code_points(s: &str) -> String {
    let mut out: Vec<String> = s.chars().take(8).map(|c| format!("U+{:04X}", c as u32)).collect();
    if s.chars().nth(8).is_some() {
        out.push("…".to_owned());
    }
    out.join(" ")
}

/// Edits at the end of a line: white space and invisible characters, one
/// edit per run of the same rule.
fn tail_edits(text: &str, cells: &[Cell], out: &mut Vec<Change>) {
    let rule_of = |cell: &Cell| match cell.act {
        Act::Remove(rule) => rule,
        _ => Rule::TrailingWhitespace,
    };
    for run in cells.chunk_by(|a, b| rule_of(a) == rule_of(b)) {
        let rule = rule_of(&run[0]);
        let reason = if rule == Rule::TrailingWhitespace {
            "white space at the end of the line".into()
        } else {
            reason(rule, run[0].c)
        };
        out.push(Change::new(crate::Rule::Normalize(rule), text, run[0].at..run[run.len() - 1].end(), "", reason));
    }
}

/// Why `rule` acted on `c`, in words a user can check.
fn reason(rule: Rule, c: char) -> Cow<'static, str> {
    let u = c as u32;
    match rule {
        Rule::Controls if u >= 0x80 => {
            format!("U+{u:04X} is a C1 control character that repair did not explain").into()
        }
        Rule::Controls => format!("U+{u:04X} is a control character, not text").into(),
        Rule::Bom => "a byte-order mark (U+FEFF) inside the text".into(),
        Rule::SoftHyphen => "a soft hyphen (U+00AD), an invisible hyphenation hint".into(),
        Rule::ZeroWidth if c == '\u{2060}' => "a word joiner (U+2060), which only steers line breaking".into(),
        Rule::ZeroWidth => "a zero-width space (U+200B) that marks no word boundary".into(),
        Rule::Joiner => {
            let name = if c == '\u{200d}' { "zero-width joiner (U+200D)" } else { "zero-width non-joiner (U+200C)" };
            format!("a {name} between characters it cannot join").into()
        }
        Rule::BidiControls => format!("bidi control U+{u:04X} in text without right-to-left letters").into(),
        Rule::Nbsp => format!("no-break space U+{u:04X} made a plain space").into(),
        Rule::AsciiPunctuation => format!("typographic {c} made ASCII").into(),
        Rule::Fullwidth => format!("full-width {c} made ASCII").into(),
        Rule::Ligatures => format!("ligature {c} split into letters").into(),
        _ => rule.summary().into(),
    }
}

fn break_name(brk: &str) -> &'static str {
    match brk {
        "\r\n" => "a CRLF",
        "\r" => "a CR",
        "\u{b}" => "a vertical tab (VT)",
        "\u{c}" => "a form feed (FF)",
        "\u{2028}" => "a U+2028 LINE SEPARATOR",
        "\u{2029}" => "a U+2029 PARAGRAPH SEPARATOR",
        _ => "an unusual",
    }
}

/// The lines of `text[from..to]`, split at every line break (CRLF counts as
/// one). Used for lines the fast path rejected.
fn split_lines(text: &str, from: usize, to: usize) -> impl Iterator<Item = Line<'_>> {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= to {
            return None;
        }
        let rest = &text[pos..to];
        let start = pos;
        let line = match rest.char_indices().find(|&(_, c)| chars::is_line_break(c)) {
            Some((i, c)) => {
                let len = if rest[i..].starts_with("\r\n") { 2 } else { c.len_utf8() };
                Line { start, content: &rest[..i], brk: &rest[i..i + len], clean: false }
            }
            None => Line { start, content: rest, brk: "", clean: false },
        };
        pos = line.end();
        Some(line)
    })
}

#[cfg(test)]
mod tests;
