//! The shape of a line: how long it is, how it ends, what it says once case,
//! punctuation and Unicode composition are set aside. Every rule starts from
//! these facts, and most lines (long body sentences) are dismissed by them
//! before any pattern runs.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::lanes::{Lanes, Narrow};
use crate::swar::{self, HIGH};

/// Lines longer than this (in bytes) are body text for every rule that does
/// not explicitly handle long lines (cookie notices, captions, copyright).
pub const SHORT_LINE: usize = 320;

/// Compiles one of the stage's patterns. Word boundaries are ASCII ones
/// (`\b` becomes `(?-u:\b)`): a Unicode word boundary keeps the regex engine
/// off its fast automaton on non-ASCII text, and every `\b` in the patterns
/// sits next to an ASCII word.
pub fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&ascii_boundaries(pattern)).expect("a valid built-in pattern")
}

fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// One character other than a line feed, told by its UTF-8 bytes: a byte
/// that starts a character and the continuation bytes after it.
const ANY_CHAR_BYTES: &str = r"(?-u:[^\n\x80-\xBF][\x80-\xBF]*)";

/// `pattern` with every bounded repeat of "." ("`.{0,80}`") written over
/// bytes. Spelt as Unicode, each repeat is a copy of the UTF-8 automaton of
/// "any character", some ten states; over bytes it is two. The built-in
/// patterns have dozens of such repeats, and compiling them was the
/// longest part of start-up.
///
/// On UTF-8 text, which a [`Matcher`] only ever sees, the two match the
/// same lines: a repeat that stopped inside a character would leave a
/// continuation byte, and in Unicode mode nothing matches there (every
/// literal and class starts with a byte that starts a character; "$", "^",
/// an ASCII word boundary and the repeat itself do not hold inside one).
/// Three things would break that, and a pattern with any of them is left
/// as written: a byte-mode group (`(?-u`), a non-boundary (`\B`, which
/// holds between two bytes of one character), and `.` matching a line feed
/// (`(?s`).
fn counted_by_bytes(pattern: &str) -> String {
    if ["(?-u", "\\B", "(?s"].iter().any(|bad| pattern.contains(bad)) {
        return pattern.to_owned();
    }
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    // Depth of nested classes, and whether the class just opened (a "]"
    // right after "[" or "[^" is a literal).
    let (mut depth, mut opened) = (0usize, false);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let just_opened = std::mem::take(&mut opened);
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => (depth, opened) = (depth + 1, true),
            '^' if just_opened => opened = true,
            ']' if depth > 0 && !just_opened => depth -= 1,
            '.' if depth == 0 && chars.peek() == Some(&'{') => {
                out.push_str(ANY_CHAR_BYTES);
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Built-in patterns that are only asked whether, and which of them, match
/// a line, never where: compiled into a lazy DFA that runs forward only.
///
/// A [`regex::Regex`] also compiles its patterns backwards, to find where a
/// match starts, and keeps capture groups: for the stage's patterns, whose
/// Unicode classes and bounded repeats ("`[\w.’' -]+`", "`.{0,80}`") make
/// big automata, that was two thirds of the program's start-up (40 ms),
/// paid by every run for work no line needed. Matching is the same lazy DFA
/// the regex crate runs for these questions, with the repeats of "." over
/// bytes (see `counted_by_bytes`).
pub struct Matcher {
    dfa: hybrid::dfa::DFA,
    /// Each thread's own cache of the automaton's states. The regex crate's
    /// pool, used here before, hands its first thread a cache for free but
    /// the others one under a lock, taken and given back per search: with
    /// `-j 2` on a batch of small files that was 2 % of the run
    /// (`Pool::get_slow`, and dropping its guard), none of it at `-j 1`.
    caches: ThreadLocal<RefCell<hybrid::dfa::Cache>>,
    /// Anchored searches when every pattern starts with "^": the search ends
    /// as soon as no pattern can match, not at the end of the line.
    anchored: Anchored,
    /// For anchored searches, what the automaton says of each first
    /// character a line may have (below U+10000, indexed by it), learnt at
    /// the first line that starts with it: whether some pattern may still
    /// match after it ([`Opening`]). Most lines start with no such
    /// character, and a search costs a hundred times more than this look
    /// (taking the thread's cache, finding the start state). The first
    /// character, not its first byte: nearly every line of Chinese and
    /// Japanese starts with a byte some pattern's first character starts
    /// with ("版权所有", "订阅"), and those searches were 6 % of a run on
    /// CJK news. Asking for every byte at start-up was 8 million
    /// instructions for the boilerplate set; the table, 64 KiB, is filled
    /// as lines come.
    opens: Option<Box<[AtomicU8]>>,
}

/// How many first characters a [`Matcher`] keeps its automaton's word on:
/// those below U+10000 (a line that starts with another is searched).
const OPENINGS: usize = 0x10000;

/// What a [`Matcher`]'s automaton says of a first character, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Opening {
    /// Not asked yet.
    Unknown,
    /// Some pattern may match a line that starts with the character.
    Open,
    /// None can.
    Closed,
}

use regex_automata::hybrid;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, Ordering};
use thread_local::ThreadLocal;

impl Matcher {
    /// Compiles `patterns`, case-insensitively if `ignore_case`, with ASCII
    /// word boundaries (see [`regex`]) and bounded repeats of "." counted
    /// over bytes (see `counted_by_bytes`).
    ///
    /// # Panics
    ///
    /// When a pattern is invalid: they are built in, and a test builds them.
    /// (With bytes allowed, a pattern that could match what is not UTF-8
    /// would compile; debug builds refuse it as the regex crate does.)
    pub fn new<P: AsRef<str>>(patterns: &[P], ignore_case: bool) -> Matcher {
        debug_assert!(patterns.iter().all(|p| regex_syntax::Parser::new().parse(p.as_ref()).is_ok()));
        let patterns: Vec<String> = patterns.iter().map(|p| ascii_boundaries(&counted_by_bytes(p.as_ref()))).collect();
        Matcher::compile(&patterns, ignore_case)
    }

    /// Whether `pattern` (as for [`Matcher::new`], without "^") matches
    /// starting by byte `max_start` of a line: one anchored pattern that
    /// first passes over up to that many bytes of anything, and so gives up
    /// soon after them, where a search would read on and then have to ask
    /// where each match starts. A match starts at a character's first byte
    /// whenever `pattern` only matches UTF-8.
    pub fn starting_by(max_start: usize, pattern: &str, ignore_case: bool) -> Matcher {
        debug_assert!(regex_syntax::Parser::new().parse(pattern).is_ok());
        let pattern = ascii_boundaries(&counted_by_bytes(pattern));
        Matcher::compile(&[format!("^(?s-u:.){{0,{max_start}}}(?:{pattern})")], ignore_case)
    }

    /// Compiles patterns already rewritten for bytes.
    fn compile(patterns: &[String], ignore_case: bool) -> Matcher {
        use regex_automata::nfa::thompson;
        let dfa = hybrid::dfa::DFA::builder()
            // Byte classes are allowed (see `counted_by_bytes`).
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(ignore_case).utf8(false))
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            // As the regex crate's own set was configured: room for the
            // states of many patterns, and never giving up on a line.
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(64 << 20)
                    .minimum_cache_clear_count(None),
            )
            .build_many(patterns)
            .expect("valid built-in patterns");
        let anchored = if dfa.get_nfa().is_always_start_anchored() { Anchored::Yes } else { Anchored::No };
        let opens = (anchored == Anchored::Yes)
            .then(|| std::iter::repeat_with(|| AtomicU8::new(Opening::Unknown as u8)).take(OPENINGS).collect());
        Matcher { dfa, caches: ThreadLocal::new(), anchored, opens }
    }

    /// The size of the automaton: states of its NFA.
    #[cfg(test)]
    fn states(&self) -> usize {
        self.dfa.get_nfa().states().len()
    }

    /// One pattern, as [`Matcher::new`].
    pub fn one(pattern: &str, ignore_case: bool) -> Matcher {
        Matcher::new(&[pattern], ignore_case)
    }

    /// Whether any pattern matches somewhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        if !self.may_open(line) {
            return false;
        }
        let input = Input::new(line).anchored(self.anchored).earliest(true);
        let mut cache = self.cache().borrow_mut();
        self.dfa.try_search_fwd(&mut cache, &input).expect("a lazy DFA that never gives up").is_some()
    }

    /// The calling thread's cache. A search never calls another on the same
    /// matcher, so the cache is never borrowed twice.
    fn cache(&self) -> &RefCell<hybrid::dfa::Cache> {
        self.caches.get_or(|| RefCell::new(self.dfa.create_cache()))
    }

    /// The patterns that match somewhere in `line`, in the order given.
    pub fn matches(&self, line: &str) -> impl Iterator<Item = usize> + use<> {
        let input = Input::new(line).anchored(self.anchored);
        let mut found = PatternSet::new(self.dfa.pattern_len());
        if self.may_open(line) {
            let mut cache = self.cache().borrow_mut();
            self.dfa
                .try_which_overlapping_matches(&mut cache, &input, &mut found)
                .expect("a lazy DFA that never gives up");
        }
        found.iter().map(|p| p.as_usize()).collect::<Vec<_>>().into_iter()
    }

    /// False when no pattern can match `line` because of its first
    /// character.
    #[inline]
    fn may_open(&self, line: &str) -> bool {
        let (Some(opens), Some(first)) = (&self.opens, line.chars().next()) else { return true };
        let Some(known) = opens.get(first as usize) else { return true };
        match known.load(Ordering::Relaxed) {
            o if o == Opening::Open as u8 => true,
            o if o == Opening::Closed as u8 => false,
            _ => {
                let open = self.opens_after(first);
                // Every thread learns the same answer: any order will do.
                known.store(if open { Opening::Open } else { Opening::Closed } as u8, Ordering::Relaxed);
                open
            }
        }
    }

    /// Whether a search anchored at the start of a line that starts with
    /// `first` may still find a match after reading it: whether the
    /// automaton, from the start state, reaches a match state on one of its
    /// bytes or is not dead after the last. A match is only ever seen one
    /// byte late (even an empty one, at the start, or one that ends inside
    /// the character, which a pattern of bytes may), so a state after the
    /// character that is dead, after none that matched, means no match at
    /// all.
    #[cold]
    fn opens_after(&self, first: char) -> bool {
        use regex_automata::util::start;
        let mut cache = self.cache().borrow_mut();
        let mut state = self
            .dfa
            .start_state(&mut cache, &start::Config::new().anchored(Anchored::Yes))
            .expect("an anchored start state without look-behind");
        for &byte in first.encode_utf8(&mut [0; 4]).as_bytes() {
            state = self.dfa.next_state(&mut cache, state, byte).expect("a cache that is never given up");
            if state.is_match() {
                return true;
            }
            if state.is_dead() {
                return false;
            }
        }
        true
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").field("patterns", &self.dfa.pattern_len()).finish_non_exhaustive()
    }
}

/// True when the line ends like a sentence: a full stop, question or
/// exclamation mark, possibly inside closing quotes or brackets.
pub fn ends_sentence(line: &str) -> bool {
    // The commonest ends told from the last bytes: matching the character
    // patterns decodes the last character and compares it with each, and
    // it was asked of every line (2 % of a run on CJK news).
    match line.as_bytes() {
        [.., b'.' | b'!' | b'?'] | [.., 0xe3, 0x80, 0x82] => true,
        [.., b'"' | b'\'' | b')'] => ends_sentence_by_characters(line),
        [.., 0..=0x7f] => false,
        _ => ends_sentence_by_characters(line),
    }
}

/// [`ends_sentence`] by its definition.
fn ends_sentence_by_characters(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '»', ')', '\'', '」', '』', '）'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', '։', '۔', '।', '؟'])
}

/// `line` without the white space around it ([`str::trim`]), told from its
/// first and last bytes when they cannot be part of white space, as they
/// are on most lines: `str::trim` decodes a character at each end and asks
/// the Unicode tables of it (94 instructions a line of CJK news). White
/// space is ASCII or starts with C2, E1, E2 or E3, and its last byte is one
/// of those [`may_end_white`] lists.
pub fn trim(line: &str) -> &str {
    let line = match line.as_bytes().first() {
        Some(b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1..=0xe3) => line.trim_start(),
        _ => line,
    };
    match line.as_bytes().last() {
        Some(&b) if may_end_white(b) => line.trim_end(),
        _ => line,
    }
}

/// Whether a character of white space may end with the byte `b`: the ASCII
/// ones (tab to carriage return, space), and the last bytes of U+0085 and
/// U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80), U+2000 to U+200A (E2 80 80 to
/// E2 80 8A), U+2028, U+2029 and U+202F (E2 80 A8, A9, AF), U+205F
/// (E2 81 9F) and U+3000 (E3 80 80).
fn may_end_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf)
}

/// Words in the line: white-space separated tokens, with runs of Han, kana
/// and Thai (scripts written without spaces) counted as one word per two
/// characters.
pub fn words(line: &str) -> usize {
    if line.is_ascii() {
        let bytes = line.as_bytes();
        let starts = bytes.windows(2).filter(|w| w[0].is_ascii_whitespace() && !w[1].is_ascii_whitespace()).count();
        return starts + usize::from(bytes.first().is_some_and(|b| !b.is_ascii_whitespace()));
    }
    line.split_whitespace()
        .map(|token| {
            let unspaced = token.chars().filter(|&c| is_unspaced_script(c)).count();
            if unspaced > 2 { unspaced.div_ceil(2) } else { 1 }
        })
        .sum()
}

/// True when the line has at least `n` [`words`], counting only as far as
/// needed: body sentences answer within their first few words.
pub fn has_words(line: &str, n: usize) -> bool {
    words_up_to(line, n) >= n
}

/// [`words`], counted only up to `cap`.
pub fn words_up_to(line: &str, cap: usize) -> usize {
    // In half words: a spaced word counts 2, a Han, kana or Thai character 1.
    let bytes = line.as_bytes();
    // Most lines of Chinese and Japanese reach the cap on their Han and
    // kana alone, and counting those is all a vector step need do.
    if holds_han_and_kana(bytes, 2 * cap) {
        return cap;
    }
    let (mut halves, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight bytes at a time while they are ASCII or the bytes of
        // two-byte letters (Latin with diacritics, Greek, Cyrillic…): a word
        // starts at each byte that is not white space after one that is.
        // Such a letter is never white space unless it starts with C2 (NEL,
        // the no-break space), nor of a script written without spaces; a
        // step may end inside one (see the continuation bytes below).
        if let Some(chunk) = bytes[i..].first_chunk::<8>()
            && let word = u64::from_le_bytes(*chunk)
            && (word & HIGH == 0 || !has_c2_or_long_lead(word))
        {
            let space = ascii_space_bytes(word) & !word;
            let space_before = space << 8 | if in_word { 0 } else { 0x80 };
            halves += 2 * swar::count(!space & space_before & HIGH);
            in_word = space >> 56 == 0;
            i += 8;
            if halves >= 2 * cap {
                return cap;
            }
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_whitespace() {
                in_word = false;
                continue;
            }
            if !in_word {
                halves += 2;
            }
        } else if b < 0xC0 {
            // The rest of a two-byte letter whose lead the step before took.
            i += 1;
        } else if b < 0xE0 && !(b == 0xC2 && matches!(bytes.get(i + 1), Some(0x85 | 0xA0))) {
            // Two-byte letters (Latin, Greek, Cyrillic, Arabic, Hebrew…) are
            // spaced and never white space but for NEL and no-break space
            // (which start with 0xC2): the rest of a run of them is the same
            // word, stepped over two bytes at a time.
            i += 2;
            while let Some(&[0xC3..=0xDF, _]) = bytes.get(i..).and_then(<[u8]>::first_chunk::<2>) {
                i += 2;
            }
            if !in_word {
                halves += 2;
            }
        } else if unspaced_at(bytes, i) {
            // Han, kana and Thai, most of Chinese and Japanese text: half a
            // word each, never white space; the rest of a run of them
            // counted here, up to the cap.
            i += 3;
            halves += 1;
            // Five at a time while seventeen bytes are left, then one by one.
            while halves < 2 * cap {
                let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<17>) else {
                    while halves < 2 * cap && unspaced_at(bytes, i) {
                        i += 3;
                        halves += 1;
                    }
                    break;
                };
                let run = unspaced_in_a_row(chunk);
                i += 3 * run;
                halves += run;
                if run < 5 {
                    break;
                }
            }
        } else if (0xEA..=0xED).contains(&b) {
            // U+A000 to U+D7FF (Hangul syllables above all, and Yi, Vai,
            // Javanese): of spaced words, never white space nor an unspaced
            // script; the rest of a run of them is the same word.
            i += 3;
            while bytes.get(i).is_some_and(|b| (0xEA..=0xED).contains(b)) {
                i += 3;
            }
            if !in_word {
                halves += 2;
            }
        } else if let Some(&[lead @ 0xE1..=0xEF, b1, b2]) = bytes.get(i..).and_then(<[u8]>::first_chunk::<3>) {
            // The rest of U+1000 to U+FFFF (general and CJK punctuation,
            // full-width forms, …): of spaced words.
            i += 3;
            if is_three_byte_space([lead, b1, b2]) {
                in_word = false;
                continue;
            }
            if !in_word {
                halves += 2;
            }
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_whitespace() {
                in_word = false;
                continue;
            }
            // What is left (NEL and the no-break space, the rest of U+0800
            // to U+0FFF, the characters of four bytes) is of spaced words.
            debug_assert!(!is_unspaced_script(c), "{c:?}");
            if !in_word {
                halves += 2;
            }
        }
        in_word = true;
        if halves >= 2 * cap {
            return cap;
        }
    }
    halves / 2
}

/// Whether `bytes` (UTF-8) surely hold at least `n` characters of Han
/// (U+3400 to U+9FFF but for the hexagrams U+4DC0 to U+4DFF) and kana
/// (U+3040 to U+30FF), all [written without spaces](unspaced_at); false
/// when they may not. Their first bytes are counted sixteen at a time, up
/// to the last sixteen that have a byte after them (a line's last bytes
/// are not counted), and not past sixteen bytes without any. One by one,
/// the count of a line of Chinese up to its sixteenth word was a tenth of
/// a run on CJK news: this look costs a third as much.
fn holds_han_and_kana(bytes: &[u8], n: usize) -> bool {
    // Too short to hold them, at three bytes each.
    if bytes.len() < 3 * n {
        return false;
    }
    let mut found = 0;
    let mut at = 0;
    while let Some(window) = bytes.get(at..).and_then(<[u8]>::first_chunk::<17>) {
        let l = Narrow;
        found += count_16(l.mask(han_and_kana_leads(l, l.load(window, 0), l.load(window, 1))) as u32);
        if found >= n {
            return true;
        }
        // A line of another script stops at its first sixteen bytes.
        if found == 0 {
            return false;
        }
        at += 16;
    }
    false
}

/// Whether the character at byte `i` of `bytes` (UTF-8, `i` at a
/// character's first byte) is of a script written without spaces
/// ([`is_unspaced_script`]), told from its first two bytes: all of them
/// take three.
#[inline]
fn unspaced_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i..).and_then(<[u8]>::first_chunk::<2>) {
        // U+5000 to U+9FFF: Han.
        Some(&[0xE5..=0xE9, _]) => true,
        // U+4000 to U+4FFF: Han, but for the hexagrams (U+4DC0 to U+4DFF).
        Some(&[0xE4, b1]) => b1 != 0xB7,
        // Kana (U+3040 to U+30FF) and Han from U+3400.
        Some(&[0xE3, b1]) => matches!(b1, 0x81..=0x83 | 0x90..=0xBF),
        // Thai (U+0E00 to U+0E7F).
        Some(&[0xE0, b1]) => matches!(b1, 0xB8 | 0xB9),
        // The compatibility ideographs (U+F900 to U+FAFF).
        Some(&[0xEF, b1]) => (0xA4..=0xAB).contains(&b1),
        _ => false,
    }
}

/// How many characters of a script written without spaces `chunk` starts
/// with, up to five (its first fifteen bytes), `chunk` being UTF-8 from a
/// character's first byte on: [`unspaced_at`] at bytes 0, 3, 6, 9 and 12
/// as long as it holds. Each such character takes three bytes, so the next
/// starts three bytes on, and only its first two bytes are asked (the
/// fifth's are bytes 12 and 13). The five at once: one by one, the loop
/// over runs of Han was a tenth of a run on Chinese and Japanese news.
#[inline(always)]
fn unspaced_in_a_row(chunk: &[u8; 17]) -> usize {
    let l = Narrow;
    let (first, second) = (l.load(chunk, 0), l.load(chunk, 1));
    // The cases of `unspaced_at`: Han and kana, Thai, and the
    // compatibility ideographs.
    let thai = l.and(l.is(first, 0xe0), l.within(second, 0xb8, 0xb9));
    let compatibility = l.and(l.is(first, 0xef), l.within(second, 0xa4, 0xab));
    let unspaced = l.or(han_and_kana_leads(l, first, second), l.or(thai, compatibility));
    in_a_row(l.mask(unspaced) as u32)
}

/// Which bytes of `first` lead a character of Han (U+3400 to U+9FFF but
/// the hexagrams) or kana (U+3040 to U+30FF), told with the byte after
/// each (`second`) as [`unspaced_at`] tells them: what
/// [`holds_han_and_kana`] counts, and most of what [`unspaced_in_a_row`]
/// asks.
#[inline(always)]
fn han_and_kana_leads<L: Lanes>(l: L, first: L::V, second: L::V) -> L::V {
    let han = l.within(first, 0xe5, 0xe9);
    let han_e4 = l.and_not(l.is(second, 0xb7), l.is(first, 0xe4));
    let kana_and_han_e3 = l.and(l.is(first, 0xe3), l.or(l.within(second, 0x81, 0x83), l.within(second, 0x90, 0xbf)));
    l.or(l.or(han, han_e4), kana_and_han_e3)
}

/// [`unspaced_in_a_row`] by its definition, a character at a time.
#[cfg(test)]
fn unspaced_in_a_row_one_by_one(chunk: &[u8; 17]) -> usize {
    (0..5).take_while(|&k| unspaced_at(chunk, 3 * k)).count()
}

/// How many of bytes 0, 3, 6, 9 and 12, from the first, have their bit set
/// in `bits` (bit i for byte i), up to the first that has not.
fn in_a_row(bits: u32) -> usize {
    const STARTS: u32 = 1 | 1 << 3 | 1 << 6 | 1 << 9 | 1 << 12;
    // The first start without its bit; bit 15 stands for "none".
    ((!bits & STARTS | 1 << 15).trailing_zeros() / 3) as usize
}

/// Whether the UTF-8 bytes of a character of three bytes are white space
/// (`char::is_whitespace`): U+1680, U+2000 to U+200A, U+2028, U+2029,
/// U+202F, U+205F and U+3000.
fn is_three_byte_space(bytes: [u8; 3]) -> bool {
    matches!(
        bytes,
        [0xE1, 0x9A, 0x80] | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0xE2, 0x81, 0x9F] | [0xE3, 0x80, 0x80]
    )
}

/// [`words_up_to`] for a quiet line written with spaces between its words
/// ([`crate::lines::Looked::spaced`]), most lines of news: its only white
/// space is the space, the tab and the no-break space, and it holds no
/// script written without spaces, so its words are its runs of other
/// bytes, counted sixteen bytes at a time whatever they are (the quotes and
/// accented letters that stop `words_up_to`'s ASCII steps included).
pub fn quiet_words_up_to(line: &str, cap: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut words, mut after_space, mut at) = (0, true, 0);
    // Whether the last byte of the step before was C2: the lead of a
    // no-break space (C2 A0; a C2 byte always leads a character) that the
    // steps split.
    let mut lead_before = false;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        // Bit i for byte i. A quiet line's bytes below 0x21 are the space
        // and the tab.
        let (low, lead, a0) = space_bytes(chunk);
        let second = a0 & (lead << 1 | u32::from(lead_before));
        let first = second >> 1 | lead & u32::from(bytes.get(at + 16) == Some(&0xa0)) << 15;
        let space = low | first | second;
        let space_before = space << 1 | u32::from(after_space);
        words += count_16(!space & space_before);
        after_space = space >> 15 & 1 != 0;
        lead_before = lead >> 15 != 0;
        if words >= cap {
            return cap;
        }
        at += 16;
    }
    let nbsp = |k: usize| bytes.get(k..k + 2) == Some(&[0xc2, 0xa0]);
    for (k, &b) in bytes.iter().enumerate().skip(at) {
        let space = matches!(b, b' ' | b'\t') || nbsp(k) || k > 0 && nbsp(k - 1);
        words += usize::from(!space && after_space);
        after_space = space;
    }
    words.min(cap)
}

/// The bits set among the low sixteen of `mask`, by two look-ups: fewer
/// instructions than `count_ones`, which the baseline x86-64 target, without
/// POPCNT, does by arithmetic (the count of each sixteen-byte step was
/// 2.2 million instructions of 48 in strip on Russian news).
fn count_16(mask: u32) -> usize {
    static BITS: [u8; 256] = {
        let mut bits = [0; 256];
        let mut b = 0;
        while b < 256 {
            bits[b] = (b as u8).count_ones() as u8;
            b += 1;
        }
        bits
    };
    usize::from(BITS[(mask & 0xff) as usize] + BITS[(mask >> 8 & 0xff) as usize])
}

/// The bytes of `chunk` below 0x21 (ASCII), those that are C2 and those
/// that are A0, as bits 0 to 15, for [`quiet_words_up_to`]: the eight
/// bytes at a time of plain arithmetic this replaced were a tenth of the
/// text stages' instructions on Russian news.
#[inline(always)]
fn space_bytes(chunk: &[u8; 16]) -> (u32, u32, u32) {
    let l = Narrow;
    let bytes = l.load(chunk, 0);
    // Compared as signed bytes: those from 0x80 up are below 0x21 too, and
    // are taken out with the high bits.
    let below = l.mask(l.lt(bytes, l.splat(0x21))) & !l.mask(bytes);
    let [below, lead, a0] = [below, l.mask(l.is(bytes, 0xc2)), l.mask(l.is(bytes, 0xa0))].map(|m| m as u32);
    (below, lead, a0)
}

/// [`space_bytes`] by its definition, a byte at a time.
#[cfg(test)]
fn space_bytes_one_by_one(chunk: &[u8; 16]) -> (u32, u32, u32) {
    chunk.iter().enumerate().fold((0, 0, 0), |(below, lead, a0), (i, &b)| {
        (below | u32::from(b < 0x21) << i, lead | u32::from(b == 0xc2) << i, a0 | u32::from(b == 0xa0) << i)
    })
}

/// True when a byte of `word` is C2 (the lead of NEL, the no-break space
/// and the other Latin-1 signs) or leads a character of three or four bytes
/// (E0 and up: bits 7, 6 and 5 set).
fn has_c2_or_long_lead(word: u64) -> bool {
    (word & word << 1 & word << 2 & HIGH) | swar::equal(word, 0xc2) != 0
}

/// 0x80 in each ASCII byte of `word` that is ASCII white space as
/// [`u8::is_ascii_whitespace`] has it (tab, LF, FF, CR, space), 0 in the
/// other ASCII bytes; what it says of bytes from 0x80 up means nothing.
fn ascii_space_bytes(word: u64) -> u64 {
    // Text without controls, nearly all of it: the spaces are the bytes
    // below 0x21. (`ascii_below` also marks some bytes from 0x80 up, the
    // continuation bytes of two-byte letters among them: left out here.)
    if swar::ascii_below(word, 0x20) & !word == 0 {
        return swar::ascii_below(word, 0x21);
    }
    [b' ', b'\t', b'\n', 0x0c, b'\r'].iter().fold(0, |any, &space| any | swar::equal(word, space))
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{0e00}'..='\u{0e7f}')
}

/// The line in NFC, so that patterns written in composed form also match
/// decomposed text (the normalize stage runs after strip).
pub fn composed(line: &str) -> Cow<'_, str> {
    // Decomposed text carries combining marks (U+0300–U+036F lead with the
    // bytes CC and CD in UTF-8) or conjoining Hangul jamo (E1 84–87): look
    // for those bytes before asking the normalizer.
    let maybe_decomposed = memchr::memchr2(0xCC, 0xCD, line.as_bytes()).is_some()
        || memchr::memchr_iter(0xE1, line.as_bytes())
            .any(|i| line.as_bytes().get(i + 1).is_some_and(|b| (0x84..=0x87).contains(b)));
    if !maybe_decomposed || crate::normalize::passes_nfc_quick_check(line) {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(line.nfc().collect())
    }
}

/// The line reduced to what it says: lowercase, letters, digits and marks
/// only, every run of anything else one space. "— Share this: —" and
/// "SHARE THIS" have the same key, "share this".
pub fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        // ASCII, Han and Hangul, the bulk of most lines, without the
        // Unicode tables: Han and Hangul syllables are letters without case.
        let kept = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            is_caseless_letter(c) || c.is_alphanumeric() || is_combining_mark(c)
        };
        if !kept {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ if is_caseless_letter(c) => out.push(c),
            // Turkish İ lowercases to "i" and a combining dot; labels are
            // written without the dot.
            'İ' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The CJK Unified Ideographs (U+4E00–U+9FFF) and the Hangul syllables
/// (U+AC00–U+D7A3): every one a letter, none with case.
fn is_caseless_letter(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
}

/// Shaped like a person's or an organisation's name: one to `max` words,
/// each starting with a capital letter (or a digit), joined by the small
/// words names contain ("de", "van", "bin", "and", "&").
pub fn is_name(fragment: &str, max: usize) -> bool {
    let words: Vec<&str> = fragment.split_whitespace().collect();
    if words.is_empty() || words.len() > max {
        return false;
    }
    let capitalised = |w: &str| {
        let mut chars = w.trim_start_matches(['(', '[', '«', '"', '“']).chars();
        chars.next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_lowercase() && c.is_alphabetic())
            && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | ',' | '&' | ')' | ']' | '»'))
    };
    capitalised(words[0])
        && words.iter().all(|w| {
            capitalised(w)
                || matches!(
                    *w,
                    "de" | "da"
                        | "do"
                        | "dos"
                        | "das"
                        | "del"
                        | "della"
                        | "di"
                        | "du"
                        | "la"
                        | "le"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "ten"
                        | "ter"
                        | "bin"
                        | "bint"
                        | "ibn"
                        | "al"
                        | "el"
                        | "y"
                        | "e"
                        | "and"
                        | "&"
                        | "of"
                        | "the"
                        | "und"
                        | "et"
                        | "и"
                        | "for"
                        | "/"
                        | "-"
                        | "–"
                        | "—"
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns of every kind the stage uses: anchored at the start or not,
    /// with `$`, bounded repeats of Unicode classes, case folding, `\b`.
    const SAMPLE_PATTERNS: &[&str] = &[
        r"^@\w{2,3}$",
        r"^(?:sign up|abonnez-vous)\b.{0,5}$",
        r"^.{2,3}x.{1}$",
        r"[.]{2}|\.{2}|a.{2}\b",
        r"\p{L}.{1,2}[.。]$",
        r"\sby clicking here[.!]?$",
        r"(?:^|[^0-9])\d{3}x\d{2,3}\b",
        r"^фото:\s*\S+$",
        // Matches the empty line, and only lines of "!" and "x".
        r"^[!x]*$",
        // Matches nothing but the empty string at the start of a line that
        // starts with a word character: seen only after the first byte.
        r"^\b",
        // First characters of two and three bytes; "丰" shares its first
        // two bytes with "中", and only the third tells them apart.
        r"^(?:中文|é)x?$",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// A [`Matcher`] says what the regex crate says of the same
        /// patterns: which match, and whether any does, alone or together.
        #[test]
        fn a_matcher_agrees_with_the_regex_crate(
            line in "(@|Sign up|ABONNEZ-VOUS| by clicking here|!|300x250|x| |é|Фото:|a|9|_|\\.|。|中|文|丰|😀|\u{301}){0,8}",
            ignore_case: bool,
        ) {
            type Compiled = (regex::RegexSet, Matcher, Vec<Matcher>, Matcher);
            static COMPILED: std::sync::LazyLock<[Compiled; 2]> = std::sync::LazyLock::new(|| {
                [false, true].map(|ignore_case| {
                    let set = regex::RegexSetBuilder::new(SAMPLE_PATTERNS.iter().map(|p| ascii_boundaries(p)))
                        .case_insensitive(ignore_case)
                        .build()
                        .unwrap();
                    let ones = SAMPLE_PATTERNS.iter().map(|p| Matcher::one(p, ignore_case)).collect();
                    // The anchored ones together: a set that looks at first bytes.
                    let anchored: Vec<&str> = SAMPLE_PATTERNS.iter().copied().filter(|p| p.starts_with('^')).collect();
                    (set, Matcher::new(SAMPLE_PATTERNS, ignore_case), ones, Matcher::new(&anchored, ignore_case))
                })
            });
            let (set, matcher, ones, anchored) = &COMPILED[usize::from(ignore_case)];
            let found = set.matches(&line);
            proptest::prop_assert_eq!(matcher.matches(&line).collect::<Vec<_>>(), found.iter().collect::<Vec<_>>());
            proptest::prop_assert_eq!(matcher.is_match(&line), set.is_match(&line));
            for (i, one) in ones.iter().enumerate() {
                proptest::prop_assert_eq!(one.is_match(&line), found.matched(i), "{}", SAMPLE_PATTERNS[i]);
                proptest::prop_assert_eq!(one.matches(&line).next().is_some(), found.matched(i), "{}", SAMPLE_PATTERNS[i]);
            }
            let of_anchored: Vec<usize> = (0..SAMPLE_PATTERNS.len()).filter(|&i| SAMPLE_PATTERNS[i].starts_with('^')).collect();
            let expected: Vec<usize> = (0..of_anchored.len()).filter(|&k| found.matched(of_anchored[k])).collect();
            proptest::prop_assert_eq!(anchored.matches(&line).collect::<Vec<_>>(), expected);
            proptest::prop_assert_eq!(anchored.is_match(&line), found.iter().any(|i| of_anchored.contains(&i)));
        }
    }

    /// A pattern that matches the empty string at the start of every line
    /// is seen to match one byte late: in the first byte of a first
    /// character of three, after which its automaton is dead.
    #[test]
    fn a_match_seen_inside_the_first_character_opens_it() {
        let empty = Matcher::one("^(?:é|)", false);
        for line in ["中", "中文", "é", "x"] {
            assert!(empty.is_match(line), "{line:?}");
        }
    }

    #[test]
    fn repeats_are_counted_by_bytes_also_beside_a_word_boundary() {
        // The boundary becomes a byte-mode group, which must not stop the
        // rewrite (it did once, and start-up lost a quarter).
        let plain = Matcher::one(r"^a.{0,80}$", true).states();
        let bounded = Matcher::one(r"^a\b.{0,80}$", true).states();
        let unicode = Matcher::one(r"^a(?-u:\B).{0,80}$", true).states();
        assert!(bounded <= plain + 8 && 2 * plain < unicode, "{plain} {bounded} {unicode}");
    }

    #[test]
    fn only_bounded_repeats_of_any_character_are_counted_by_bytes() {
        assert_eq!(counted_by_bytes(r"^a.{0,80}$"), format!("^a{ANY_CHAR_BYTES}{{0,80}}$"));
        for unchanged in [
            r"^a.*$",
            r"wordpress\.com",
            r"\.{2}",
            r"[.]{2}",
            r"[\].]{2}",
            r"[].{2}]",
            r"[^].{2}]",
            r"[[a].{2}]",
            r"(?s)^.{2}$",
            r"^a.{1}(?-u:\B)",
        ] {
            assert_eq!(counted_by_bytes(unchanged), unchanged);
        }
        assert_eq!(counted_by_bytes(r"[.]{2}.{2}"), format!("[.]{{2}}{ANY_CHAR_BYTES}{{2}}"));
        assert_eq!(counted_by_bytes(r"\\.{2}"), format!(r"\\{ANY_CHAR_BYTES}{{2}}"));
        assert_eq!(counted_by_bytes(r"\p{L}.{2}"), format!(r"\p{{L}}{ANY_CHAR_BYTES}{{2}}"));
    }

    #[test]
    fn keys_ignore_case_punctuation_and_composition() {
        assert_eq!(key("— Share this: —"), "share this");
        assert_eq!(key("[ 167 comments ]"), "167 comments");
        assert_eq!(key("اقرأ أيضًا"), "اقرأ أيضًا");
        assert_eq!(composed("Đo\u{323}c the\u{302}m"), "Đọc thêm");
        assert_eq!(key("İlgili Haberler"), "ilgili haberler");
    }

    #[test]
    fn words_count_unspaced_scripts_by_pairs() {
        assert_eq!(words("Sign up for our morning newsletter"), 6);
        assert_eq!(words("この記事をシェアする"), 5);
        assert_eq!(words("广告"), 1);
        assert_eq!(words_up_to("Сегодня в Москве\u{a0}идёт снег", 10), 5);
        assert!(has_words("この記事をシェアする", 5) && !has_words("この記事をシェアする", 6));
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time path counts as the plain definition
        /// does, wherever words and chunks begin and end. (Han and kana are
        /// left out: `words` rounds their pairs up per token, this counts
        /// halves over the line; both are fine for a rough size.)
        #[test]
        fn words_up_to_counts_as_words_do(
            line in "([a-z.,]{1,9}|[ \t\r\u{c}]{1,3}|\u{a0}|\u{85}|\u{3000}|Сегодня|é|[«»°ßžłőŒ]{1,3}|한국어|서울|ꀀ|\u{d7ff}){0,40}",
            cap in 1usize..40,
        ) {
            proptest::prop_assert_eq!(words_up_to(&line, cap), words(&line).min(cap));
        }
    }

    proptest::proptest! {
        /// On quiet lines, whatever the quiet characters (side by side too)
        /// and wherever the sixteen-byte steps fall, the quiet count is the
        /// count.
        #[test]
        fn quiet_words_up_to_counts_as_words_up_to(
            line in "([a-z.,&]{1,9}|[ \t]{1,3}|[éßŁʼ“”’—…‰€™£à«°şờệдяРё№한！\u{a0}]{1,2}[a-z ]){0,40}",
            cap in 1usize..40,
        ) {
            let line = line.trim_end();
            proptest::prop_assume!(crate::lines::look(line, true) == Some(true));
            proptest::prop_assert_eq!(quiet_words_up_to(line, cap), words_up_to(line, cap));
        }

        /// The same with Han, kana, hexagrams (U+4DC0, spaced symbols among
        /// the Han blocks) and the ideographic space, against the definition
        /// token by token: each Han or kana character is half a word, and a
        /// token that starts with anything else is one more word.
        #[test]
        fn words_up_to_counts_unspaced_scripts_by_halves(
            line in "([a-z]{1,5}|[ \t]{1,2}|\u{3000}|中文|漢字|日本語|鬱|䷀|㐀|あ|カタカナ|ー|、|。|한국어|ꀀ|é|Сегодня){0,40}",
            cap in 1usize..40,
        ) {
            let halves: usize = line
                .split(char::is_whitespace)
                .filter(|token| !token.is_empty())
                .map(|token| {
                    let unspaced = token.chars().filter(|&c| is_unspaced_script(c)).count();
                    unspaced + if token.starts_with(is_unspaced_script) { 0 } else { 2 }
                })
                .sum();
            proptest::prop_assert_eq!(words_up_to(&line, cap), (halves / 2).min(cap));
        }
    }

    /// Every character of the basic multilingual plane, in runs, next to
    /// ASCII and between spaces, counted as the definition counts (see
    /// `words_up_to_counts_unspaced_scripts_by_halves`) and up to small
    /// caps: the shortcuts for two-byte letters, kana and Hangul step over
    /// runs by their bytes, and a range one byte too wide would count a
    /// neighbouring block wrong.
    #[test]
    fn words_up_to_counts_every_character_as_the_definition_does() {
        let halves = |line: &str| -> usize {
            line.split(char::is_whitespace)
                .filter(|token| !token.is_empty())
                .map(|token| {
                    let unspaced = token.chars().filter(|&c| is_unspaced_script(c)).count();
                    unspaced + if token.starts_with(is_unspaced_script) { 0 } else { 2 }
                })
                .sum()
        };
        for c in '\u{80}'..='\u{ffff}' {
            let lines = [
                format!("{c}{c}{c} x{c} {c}a"),
                format!("a {c} b {c}{c}\u{a0}{c}"),
                // Every offset of the character in an eight-byte step, with
                // ASCII and two-byte letters around it.
                format!("abcdefg {c}bcdef é{c}d éé{c}h{c} {c}{c}{c}{c} ab{c}\tcdé"),
                format!("ß{c}{c}é é{c}ü{c}{c} a{c}ßß x"),
            ];
            for line in lines {
                let words = halves(&line) / 2;
                for cap in [1, 2, 3, 100] {
                    assert_eq!(words_up_to(&line, cap), words.min(cap), "U+{:04X} in {line:?}", c as u32);
                }
            }
        }
    }

    /// Every character of three bytes at each of the five places, after
    /// characters of a script written without spaces and before others
    /// (Han, kana, ASCII, Hangul): the five at once count what the
    /// definition counts.
    #[test]
    fn unspaced_in_a_row_is_its_definition() {
        for c in ('\u{800}'..='\u{ffff}').filter(|c| c.len_utf8() == 3) {
            for filler in ['中', 'か', '한', '、'] {
                for place in 0..5 {
                    let mut text: Vec<char> = vec![filler; 5];
                    text[place] = c;
                    let mut line: String = text.into_iter().collect();
                    line.push_str("aa");
                    let chunk = line.as_bytes().first_chunk::<17>().unwrap();
                    assert_eq!(
                        unspaced_in_a_row(chunk),
                        unspaced_in_a_row_one_by_one(chunk),
                        "U+{:04X} at {place} among {filler}",
                        c as u32
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Sure means sure: the line holds that many characters of Han
        /// and kana, whatever else is around them (bopomofo, jamo and CJK
        /// strokes among them, led by E3 84 to E3 8F and by E1).
        #[test]
        fn han_and_kana_are_held_when_sure(
            line in "([a-z]{1,5}|[ \t]{1,2}|\u{3000}|中文|漢字|日本語|鬱|䷀|㐀|あ|ゔ|゙|カタカナ|ー|、|。|ㄅ|ㄱ|ㇰ|ᄀ|한국어|é|Сегодня|😀){0,60}",
            n in 1usize..40,
        ) {
            let held = line.chars().filter(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')).count();
            proptest::prop_assert!(!holds_han_and_kana(line.as_bytes(), n) || held >= n, "{held} < {n}");
        }
    }

    /// And sure it is, on a line of Chinese or Japanese that holds enough
    /// before its last sixteen bytes, wherever its characters fall in the
    /// steps; one character short, it is not.
    #[test]
    fn han_and_kana_are_counted_wherever_they_fall() {
        for lead in ["", "a", "ab", "“", "2026"] {
            for text in ["据新华社报道浙江省计划在年底前将该制度推广至全省设区市", "かたかなカタカナ漢字の文章です㐀"]
            {
                let line = format!("{lead}{text}{text}。 (sixteen bytes)");
                let held = format!("{text}{text}").chars().count();
                assert!(holds_han_and_kana(line.as_bytes(), held), "{line:?}");
                assert!(!holds_han_and_kana(line.as_bytes(), held + 1), "{line:?}");
            }
        }
    }

    /// Every byte value at every place of the sixteen, among ASCII letters,
    /// spaces, no-break spaces or the bytes of Russian letters.
    #[test]
    fn space_bytes_are_their_definition() {
        for filler in [b'a', b' ', 0xc2, 0xa0, 0xd0, 0x01] {
            for b in 0..=u8::MAX {
                for place in 0..16 {
                    let mut chunk = [filler; 16];
                    chunk[place] = b;
                    assert_eq!(space_bytes(&chunk), space_bytes_one_by_one(&chunk), "{chunk:?}");
                }
            }
        }
    }

    #[test]
    fn count_16_counts_the_low_sixteen_bits() {
        for mask in 0..=u32::from(u16::MAX) {
            assert_eq!(count_16(mask | 0xabc0_0000), mask.count_ones() as usize, "{mask:04x}");
        }
    }

    /// Every ASCII byte at every place, among letters, spaces or controls.
    #[test]
    fn ascii_space_bytes_marks_exactly_the_white_space() {
        for filler in [b'a', b' ', 0x01, b'\t'] {
            for b in 0..0x80u8 {
                for place in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[place] = b;
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .fold(0u64, |m, (k, b)| m | u64::from(b.is_ascii_whitespace()) << (8 * k + 7));
                    assert_eq!(ascii_space_bytes(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
                }
            }
        }
    }

    /// The key as its definition has it, a character at a time through the
    /// Unicode tables.
    fn key_by_definition(line: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in line.chars() {
            if c.is_alphanumeric() || is_combining_mark(c) {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                if c == 'İ' { out.push('i') } else { out.extend(c.to_lowercase()) }
            } else {
                space = true;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn key_is_the_definition(line in "([A-Za-z0-9]{1,6}|[ .,:—!?\t]{1,2}|分享|微信|공유|ÉçÄ|İ|Σς|\u{301}|ー|・|\u{9fff}|\u{a000}|\u{d7a4}|カタカナ|ひらがな|ゝ|゛|㐀|、|。|「|」|，|（|“|”|‰|\u{205f}){0,20}") {
            proptest::prop_assert_eq!(key(&line), key_by_definition(&line));
        }
    }

    /// Every character at either end of a line, and after or before the
    /// closing quotes and brackets: the shortcuts from the last bytes say
    /// what the definition says, and the trim from the end bytes trims
    /// what `str::trim` does.
    #[test]
    fn ends_and_trims_from_bytes_are_their_definitions() {
        for c in '\0'..=char::MAX {
            for line in [
                format!("{c}"),
                format!("x{c}"),
                format!("{c}x"),
                format!("{c}x{c}"),
                format!("{c}{c} x \u{a0}{c}"),
                format!("Fin{c}”"),
                format!("终{c})"),
                format!("{c}'"),
            ] {
                assert_eq!(ends_sentence(&line), ends_sentence_by_characters(&line), "{line:?}");
                assert_eq!(trim(&line), line.trim(), "{line:?}");
            }
        }
    }

    #[test]
    fn caseless_letters_are_letters_without_case() {
        for c in ('\0'..=char::MAX).filter(|&c| is_caseless_letter(c)) {
            assert!(c.is_alphanumeric(), "U+{:04X}", c as u32);
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
        }
        assert_eq!(key("Share: 分享到微信 — 공유하기"), "share 分享到微信 공유하기");
        assert_eq!(key("İSTANBUL’da Çarşı"), "istanbul da çarşı");
    }

    #[test]
    fn names_and_sentences() {
        assert!(is_name("Evan Ramirez", 4));
        assert!(is_name("Ludwig van Beethoven", 4));
        assert!(is_name("ANDREAS MEYER", 4));
        assert!(!is_name("the minister said", 4));
        assert!(ends_sentence("It rained.”"));
        assert!(!ends_sentence("Getty Images"));
    }
}
